#include "ui/users/add_user_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/users.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

AddUserDialog::AddUserDialog(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, _("Add a user")), session_(session) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
    grid->AddGrowableCol(1, 1);
    auto text = [&](const wxString& label, wxTextCtrl*& slot, long style = 0) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        slot = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(300, -1)), style);
        grid->Add(slot, 1, wxEXPAND);
    };
    text(_("&Login name:"), name_);
    name_->SetHint(_("lowercase Latin letters, digits, . _ -"));
    text(_("&Full name:"), full_name_);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Role:")), 0, wxALIGN_CENTER_VERTICAL);
    role_ = new wxChoice(this, wxID_ANY);
    for (Role r : kAllRoles) role_->Append(tr_label(role_label(r)));
    role_->SetSelection(static_cast<int>(Role::Officer));
    grid->Add(role_, 1, wxEXPAND);
    text(_("&Password:"), password_, wxTE_PASSWORD);
    text(_("Repeat the pass&word:"), repeat_, wxTE_PASSWORD);
    top->Add(grid, 0, wxEXPAND | wxALL, gap * 2);
    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(wxColour(0xb0, 0x00, 0x20));
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);
    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&Add"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    name_->SetFocus();
    CentreOnParent();
}

void AddUserDialog::save() {
    auto show = [this](const wxString& text) {
        error_->SetLabel(text);
        error_->Wrap(FromDIP(420));
        Layout();
        Fit();
    };
    if (password_->GetValue() != repeat_->GetValue()) {
        show(_("The two passwords differ."));
        repeat_->SetFocus();
        return;
    }
    NewUser user{to_utf8(name_->GetValue().Strip(wxString::both)), to_utf8(full_name_->GetValue()),
                 kAllRoles[std::max(0, role_->GetSelection())], to_utf8(password_->GetValue())};
    auto added = add_user(session_, user);
    if (!added) {
        show(error_text(added.error()));
        return;
    }
    added_ = added->name;
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
