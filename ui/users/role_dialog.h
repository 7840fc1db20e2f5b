#pragma once
// Changing a user's role, with the reason the core requires.
#include <wx/dialog.h>

#include "core/domain/user.h"
#include "core/usecases/session.h"

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class RoleDialog : public wxDialog {
public:
    RoleDialog(wxWindow* parent, Session& session, const User& user);

private:
    void save();

    Session& session_;
    std::string user_;
    wxChoice* role_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
    wxStaticText* error_ = nullptr;
};

}  // namespace sanaq::ui
