#include "ui/users/role_dialog.h"

#include <wx/choice.h>
#include <wx/textctrl.h>

#include "core/usecases/users.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

RoleDialog::RoleDialog(wxWindow* parent, Session& session, const User& user)
    : FormDialog(parent, format_text(_("Change the role of {}"), {from_utf8(user.name)}), 320), session_(session), user_(user.name) {
    role_ = add_row(_("New &role:"), new wxChoice(this, wxID_ANY));
    for (Role r : kAllRoles) role_->Append(tr_label(role_label(r)));
    role_->SetSelection(static_cast<int>(user.role));
    reason_ = add_text(_("R&eason:"));
    finish(_("C&hange"), [this] { save(); });
    CentreOnParent();
}

void RoleDialog::save() {
    if (auto ok = set_user_role(session_, user_, kAllRoles[std::max(0, role_->GetSelection())], to_utf8(reason_->GetValue())); !ok) {
        show_error(error_text(ok.error()));
        return;
    }
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
