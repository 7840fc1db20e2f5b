#include "ui/institutions/staff_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/registry.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

StaffDialog::StaffDialog(wxWindow* parent, Session& session, const Institution& institution)
    : wxDialog(parent, wxID_ANY, _("Add a responsible employee")), session_(session), institution_bin_(institution.bin) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* heading = new wxStaticText(this, wxID_ANY, institution_name(institution));
    heading->SetFont(heading->GetFont().Bold());
    heading->Wrap(FromDIP(480));
    top->Add(heading, 0, wxALL, gap * 2);
    auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
    grid->AddGrowableCol(1, 1);
    auto text = [&](const wxString& label, wxTextCtrl*& slot, const wxString& hint = {}) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        slot = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(320, -1)));
        if (!hint.empty()) slot->SetHint(hint);
        grid->Add(slot, 1, wxEXPAND);
    };
    text(_("&IIN:"), iin_, _("12 digits"));
    text(_("&Full name:"), name_);
    text(_("&Position:"), position_);
    text(_("P&hone:"), phone_);
    top->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);
    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(wxColour(0xb0, 0x00, 0x20));
    top->Add(error_, 0, wxEXPAND | wxALL, gap * 2);
    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&Save"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    iin_->SetFocus();
    CentreOnParent();
}

void StaffDialog::save() {
    ResponsibleEmployee employee;
    employee.institution_bin = institution_bin_;
    employee.iin = to_utf8(iin_->GetValue());
    employee.full_name = to_utf8(name_->GetValue());
    employee.position = to_utf8(position_->GetValue());
    employee.phone = to_utf8(phone_->GetValue());
    auto saved = add_staff(session_, employee);
    if (!saved) {
        error_->SetLabel(error_text(saved.error()));
        error_->Wrap(FromDIP(420));
        Layout();
        Fit();
        return;
    }
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
