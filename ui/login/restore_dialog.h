#pragma once
// Restoring a workspace from a backup file, reached from the login dialog (the workspace may be
// gone: that is when a restore is needed). The backup file, a new or empty folder for it, and the
// name and password of an administrator in the backup; the core checks everything (digests, page
// MACs, integrity, audit trail, password) on a worker thread while a gauge moves, Cancel stops
// it and nothing is left. Once restored, OK becomes "Open the restored workspace": the login
// dialog then signs in there. The password is not kept once handed to the worker.
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/usecases/backup.h"
#include "ui/common/background_task.h"
#include "ui/common/form_dialog.h"

class wxButton;
class wxGauge;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class RestoreDialog : public FormDialog {
public:
    /// `near` suggests where the restored folder goes (beside the login dialog's folder).
    RestoreDialog(wxWindow* parent, const std::filesystem::path& near, const std::string& user);
    ~RestoreDialog() override;

    /// Starts the restore with what the fields say (what OK does before it is done).
    void start();
    bool busy() const { return cancel_ != nullptr; }
    /// The folder restored into, once the restore succeeded.
    const std::optional<std::filesystem::path>& restored() const { return restored_; }
    std::string user() const;

    wxTextCtrl* file_field() const { return file_; }
    wxTextCtrl* folder_field() const { return folder_; }
    wxTextCtrl* user_field() const { return user_; }
    wxTextCtrl* password_field() const { return password_; }
    wxButton* ok_button() const { return ok_; }
    wxButton* cancel_button() const { return cancel_button_; }
    wxStaticText* outcome_label() const { return outcome_; }

private:
    void choose_file();
    void choose_folder();
    void cancel();
    void finished(Result<RestoreReport> report);
    void set_busy(bool busy);

    wxTextCtrl* file_ = nullptr;
    wxTextCtrl* folder_ = nullptr;
    wxTextCtrl* user_ = nullptr;
    wxTextCtrl* password_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxStaticText* outcome_ = nullptr;
    wxButton* ok_ = nullptr;
    wxButton* cancel_button_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;  // set while the worker runs
    std::optional<std::filesystem::path> restored_;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui
