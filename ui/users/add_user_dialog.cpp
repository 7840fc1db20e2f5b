#include "ui/users/add_user_dialog.h"

#include <wx/choice.h>
#include <wx/textctrl.h>

#include "core/usecases/users.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

AddUserDialog::AddUserDialog(wxWindow* parent, Session& session)
    : FormDialog(parent, _("Add a user"), 300), session_(session) {
    name_ = add_text(_("&Login name:"));
    name_->SetHint(_("lowercase Latin letters, digits, . _ -"));
    full_name_ = add_text(_("&Full name:"));
    role_ = add_row(_("&Role:"), new wxChoice(this, wxID_ANY));
    for (Role r : kAllRoles) role_->Append(tr_label(role_label(r)));
    role_->SetSelection(static_cast<int>(Role::Officer));
    password_ = add_text(_("&Password:"), wxTE_PASSWORD);
    repeat_ = add_text(_("Repeat the pass&word:"), wxTE_PASSWORD);
    finish(_("&Add"), [this] { save(); });
    name_->SetFocus();
    CentreOnParent();
}

void AddUserDialog::save() {
    if (password_->GetValue() != repeat_->GetValue()) {
        show_error(_("The two passwords differ."), repeat_);
        return;
    }
    NewUser user{to_utf8(name_->GetValue().Strip(wxString::both)), to_utf8(full_name_->GetValue()),
                 kAllRoles[std::max(0, role_->GetSelection())], to_utf8(password_->GetValue())};
    auto added = add_user(session_, user);
    if (!added) {
        show_error(error_text(added.error()));
        return;
    }
    added_ = added->name;
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
