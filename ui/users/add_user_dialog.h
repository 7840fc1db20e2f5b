#pragma once
// A new workstation account: login name, full name, role and a password typed twice (the core
// checks the name and the password rules; this dialog only checks the two copies agree).
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxChoice;
class wxTextCtrl;

namespace sanaq::ui {

class AddUserDialog : public FormDialog {
public:
    AddUserDialog(wxWindow* parent, Session& session);
    const std::string& added_user() const { return added_; }

    wxTextCtrl* name_field() const { return name_; }
    wxTextCtrl* full_name_field() const { return full_name_; }
    wxChoice* role_choice() const { return role_; }
    wxTextCtrl* password_field() const { return password_; }
    wxTextCtrl* repeat_field() const { return repeat_; }

private:
    void save();

    Session& session_;
    std::string added_;
    wxTextCtrl* name_ = nullptr;
    wxTextCtrl* full_name_ = nullptr;
    wxChoice* role_ = nullptr;
    wxTextCtrl* password_ = nullptr;
    wxTextCtrl* repeat_ = nullptr;
};

}  // namespace sanaq::ui
