#include "ui/users/password_reset_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/users.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

PasswordResetDialog::PasswordResetDialog(wxWindow* parent, Session& session, const std::string& user)
    : wxDialog(parent, wxID_ANY, format_text(_("New password for {}"), {from_utf8(user)})), session_(session), user_(user) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
    grid->AddGrowableCol(1, 1);
    auto text = [&](const wxString& label, wxTextCtrl*& slot, long style = 0) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        slot = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(300, -1)), style);
        grid->Add(slot, 1, wxEXPAND);
    };
    text(_("New &password:"), password_, wxTE_PASSWORD);
    text(_("Repeat the pass&word:"), repeat_, wxTE_PASSWORD);
    text(_("R&eason:"), reason_);
    top->Add(grid, 0, wxEXPAND | wxALL, gap * 2);
    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(wxColour(0xb0, 0x00, 0x20));
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);
    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&Set password"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    password_->SetFocus();
    CentreOnParent();
}

void PasswordResetDialog::save() {
    auto show = [this](const wxString& text) {
        error_->SetLabel(text);
        error_->Wrap(FromDIP(400));
        Layout();
        Fit();
    };
    if (password_->GetValue() != repeat_->GetValue()) {
        show(_("The two passwords differ."));
        return;
    }
    if (auto ok = change_password(session_, user_, to_utf8(password_->GetValue()), to_utf8(reason_->GetValue())); !ok) {
        show(error_text(ok.error()));
        return;
    }
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
