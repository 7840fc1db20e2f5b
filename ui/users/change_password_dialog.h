#pragma once
// The signed-in user changes their own password (File > Change password...): the current one
// first, then the new one twice. The current password is checked against the user's key slot off
// the UI thread (Argon2id, as at sign-in); then core change_password re-wraps that one key slot
// (the database is not re-encrypted). The passwords are not kept once the dialog closes.
#include <memory>

#include "ui/common/background_task.h"
#include "ui/common/form_dialog.h"

class wxActivityIndicator;
class wxButton;
class wxTextCtrl;

namespace sanaq::ui {

class OpenWorkspace;

class ChangePasswordDialog : public FormDialog {
public:
    ChangePasswordDialog(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);
    ~ChangePasswordDialog() override;

    wxTextCtrl* current_field() const { return current_; }
    wxTextCtrl* password_field() const { return password_; }
    wxTextCtrl* repeat_field() const { return repeat_; }
    /// The current password is being checked.
    bool busy() const { return busy_; }

private:
    void submit();
    void finish_change(const Status& checked);
    void set_busy(bool busy);
    void clear_fields();

    std::shared_ptr<OpenWorkspace> workspace_;
    wxTextCtrl* current_ = nullptr;
    wxTextCtrl* password_ = nullptr;
    wxTextCtrl* repeat_ = nullptr;
    wxButton* ok_ = nullptr;
    wxActivityIndicator* spinner_ = nullptr;
    bool busy_ = false;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui
