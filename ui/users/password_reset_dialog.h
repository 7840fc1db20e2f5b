#pragma once
// An administrator sets a new password for another user (re-wraps their key slot; the database
// is not re-encrypted). The core wants a reason.
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxTextCtrl;

namespace sanaq::ui {

class PasswordResetDialog : public FormDialog {
public:
    PasswordResetDialog(wxWindow* parent, Session& session, const std::string& user);

private:
    void save();

    Session& session_;
    std::string user_;
    wxTextCtrl* password_ = nullptr;
    wxTextCtrl* repeat_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
};

}  // namespace sanaq::ui
