#pragma once
// Signing in: workspace folder, user, password, interface language. Opening the workspace runs
// the password KDF, so it happens off the UI thread with a spinner; failures are shown in the
// dialog in plain words. Modeless, so the Workstation can show it again after a lock.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <wx/dialog.h>

#include "ui/common/background_task.h"

class wxActivityIndicator;
class wxButton;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class OpenWorkspace;

class LoginDialog : public wxDialog {
public:
    struct Events {
        std::function<void(std::unique_ptr<OpenWorkspace>)> signed_in;
        std::function<void()> cancelled;
        std::function<void(const std::string&)> language_changed;
    };

    LoginDialog(wxWindow* parent, const std::filesystem::path& workspace, const std::string& user, Events events);

    /// Every text again in the current interface language (after a language switch).
    void apply_texts();
    /// Disables the form and shows the spinner with `what` beside it.
    void set_busy(const wxString& what);
    void set_idle();
    void show_error(const wxString& text);
    /// Shows the demo accounts when the chosen folder has the demo marker.
    void refresh_demo_hint();
    bool busy() const { return busy_; }

    // The controls, for tests and accessibility tools.
    wxTextCtrl* workspace_field() const { return workspace_; }
    wxTextCtrl* user_field() const { return user_; }
    wxTextCtrl* password_field() const { return password_; }
    wxChoice* language_choice() const { return language_; }
    wxButton* sign_in_button() const { return sign_in_; }
    wxButton* restore_button() const { return restore_; }
    wxStaticText* error_label() const { return error_; }

private:
    void build();
    void sign_in();
    void browse();
    /// RestoreDialog; on success the restored folder and its administrator fill the form.
    void restore();
    void language_chosen();
    void cancel();
    /// A worker's progress (done, total) shown as `text(percent)` in the status line, moved to the
    /// UI thread when the percentage changes; false once the dialog has gone, which stops the work.
    std::function<bool(std::uint64_t, std::uint64_t)> percent_in_status(std::function<wxString(int)> text);

    Events events_;
    bool busy_ = false;
    wxStaticText* title_ = nullptr;
    wxStaticText* language_label_ = nullptr;
    wxChoice* language_ = nullptr;
    wxStaticText* workspace_label_ = nullptr;
    wxTextCtrl* workspace_ = nullptr;
    wxButton* browse_ = nullptr;
    wxButton* restore_ = nullptr;
    wxStaticText* user_label_ = nullptr;
    wxTextCtrl* user_ = nullptr;
    wxStaticText* password_label_ = nullptr;
    wxTextCtrl* password_ = nullptr;
    wxStaticText* demo_hint_ = nullptr;
    wxActivityIndicator* spinner_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxStaticText* error_ = nullptr;
    wxButton* sign_in_ = nullptr;
    wxButton* quit_ = nullptr;
    wxString busy_text_;
    Lifeline lifeline_;  // last: a late sign-in result must see the dialog gone
};

}  // namespace sanaq::ui
