#include "ui/users/change_password_dialog.h"

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "core/usecases/users.h"
#include "crypto/crypto.h"
#include "ui/app/open_workspace.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

ChangePasswordDialog::ChangePasswordDialog(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : FormDialog(parent, format_text(_("Change the password of {}"), {from_utf8(workspace->actor().user)}), 300),
      workspace_(std::move(workspace)) {
    current_ = add_text(_("C&urrent password:"), wxTE_PASSWORD);
    password_ = add_text(_("New &password:"), wxTE_PASSWORD);
    repeat_ = add_text(_("Repeat the pass&word:"), wxTE_PASSWORD);
    // Always laid out (a stopped indicator draws nothing), so showing it never squeezes the form.
    spinner_ = new wxActivityIndicator(this);
    column()->Add(spinner_, 0, wxALIGN_CENTER_HORIZONTAL | wxLEFT | wxRIGHT, margin());
    ok_ = finish(_("C&hange password"), [this] { submit(); });
    current_->SetFocus();
    CentreOnParent();
}

ChangePasswordDialog::~ChangePasswordDialog() { clear_fields(); }

void ChangePasswordDialog::clear_fields() {
    for (wxTextCtrl* field : {current_, password_, repeat_})
        if (field) field->ChangeValue(wxEmptyString);
}

void ChangePasswordDialog::set_busy(bool busy) {
    busy_ = busy;
    ok_->Enable(!busy);
    for (wxTextCtrl* field : {current_, password_, repeat_}) field->Enable(!busy);
    if (busy) spinner_->Start();
    else spinner_->Stop();
}

void ChangePasswordDialog::submit() {
    if (busy_) return;
    if (current_->IsEmpty()) {
        show_error(_("Type your current password."), current_);
        return;
    }
    if (password_->GetValue() != repeat_->GetValue()) {
        show_error(_("The two passwords differ."), repeat_);
        return;
    }
    show_error(wxEmptyString);
    set_busy(true);
    run_in_background<bool>(
        lifeline_,
        [dir = workspace_->dir(), user = workspace_->actor().user, password = to_utf8(current_->GetValue())]() mutable
            -> Result<bool> {
            auto checked = OpenWorkspace::check_password(dir, user, password);
            crypto::wipe(password);
            SANAQ_TRY(checked);
            return true;
        },
        [this](Result<bool> checked) { finish_change(checked ? Status{} : Status{std::unexpected(checked.error())}); });
}

void ChangePasswordDialog::finish_change(const Status& checked) {
    set_busy(false);
    if (!checked) {
        const ErrorCode code = checked.error().code;
        // The slot's refusal says "user name or password"; here only the password was typed.
        show_error(code == ErrorCode::WrongPassword || code == ErrorCode::UnknownUser ? _("The current password is wrong.")
                                                                                     : error_text(checked.error()),
                   current_);
        current_->SelectAll();
        return;
    }
    Session& session = workspace_->session();
    std::string password = to_utf8(password_->GetValue());
    wxBusyCursor wait;  // re-wrapping the key slot is Argon2id work too (the reset dialog's way)
    auto changed = change_password(session, session.actor.user, password, "");
    crypto::wipe(password);
    if (!changed) {
        show_error(error_text(changed.error()), password_);
        return;
    }
    clear_fields();
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
