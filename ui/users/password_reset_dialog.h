#pragma once
// An administrator sets a new password for another user (re-wraps their key slot; the database
// is not re-encrypted). The core wants a reason.
#include <wx/dialog.h>

#include "core/usecases/session.h"

class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class PasswordResetDialog : public wxDialog {
public:
    PasswordResetDialog(wxWindow* parent, Session& session, const std::string& user);

private:
    void save();

    Session& session_;
    std::string user_;
    wxTextCtrl* password_ = nullptr;
    wxTextCtrl* repeat_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
    wxStaticText* error_ = nullptr;
};

}  // namespace sanaq::ui
