#pragma once
// Changing a user's role, with the reason the core requires.
#include "core/domain/user.h"
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxChoice;
class wxTextCtrl;

namespace sanaq::ui {

class RoleDialog : public FormDialog {
public:
    RoleDialog(wxWindow* parent, Session& session, const User& user);

private:
    void save();

    Session& session_;
    std::string user_;
    wxChoice* role_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
};

}  // namespace sanaq::ui
