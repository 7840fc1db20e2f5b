#include "ui/users/role_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/users.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

RoleDialog::RoleDialog(wxWindow* parent, Session& session, const User& user)
    : wxDialog(parent, wxID_ANY, format_text(_("Change the role of {}"), {from_utf8(user.name)})), session_(session), user_(user.name) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
    grid->AddGrowableCol(1, 1);
    grid->Add(new wxStaticText(this, wxID_ANY, _("New &role:")), 0, wxALIGN_CENTER_VERTICAL);
    role_ = new wxChoice(this, wxID_ANY);
    for (Role r : kAllRoles) role_->Append(tr_label(role_label(r)));
    role_->SetSelection(static_cast<int>(user.role));
    grid->Add(role_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("R&eason:")), 0, wxALIGN_CENTER_VERTICAL);
    reason_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(320, -1)));
    grid->Add(reason_, 1, wxEXPAND);
    top->Add(grid, 0, wxEXPAND | wxALL, gap * 2);
    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(wxColour(0xb0, 0x00, 0x20));
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);
    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("C&hange"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    CentreOnParent();
}

void RoleDialog::save() {
    if (auto ok = set_user_role(session_, user_, kAllRoles[std::max(0, role_->GetSelection())], to_utf8(reason_->GetValue())); !ok) {
        error_->SetLabel(error_text(ok.error()));
        error_->Wrap(FromDIP(400));
        Layout();
        Fit();
        return;
    }
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
