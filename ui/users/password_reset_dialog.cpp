#include "ui/users/password_reset_dialog.h"

#include <wx/textctrl.h>

#include "core/usecases/users.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

PasswordResetDialog::PasswordResetDialog(wxWindow* parent, Session& session, const std::string& user)
    : FormDialog(parent, format_text(_("New password for {}"), {from_utf8(user)}), 300), session_(session), user_(user) {
    password_ = add_text(_("New &password:"), wxTE_PASSWORD);
    repeat_ = add_text(_("Repeat the pass&word:"), wxTE_PASSWORD);
    reason_ = add_text(_("R&eason:"));
    finish(_("&Set password"), [this] { save(); });
    password_->SetFocus();
    CentreOnParent();
}

void PasswordResetDialog::save() {
    if (password_->GetValue() != repeat_->GetValue()) {
        show_error(_("The two passwords differ."));
        return;
    }
    if (auto ok = change_password(session_, user_, to_utf8(password_->GetValue()), to_utf8(reason_->GetValue())); !ok) {
        show_error(error_text(ok.error()));
        return;
    }
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
