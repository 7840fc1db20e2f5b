#include "ui/kits/service_dialog.h"

#include <wx/button.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/kit_registry.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

ServiceDialog::ServiceDialog(wxWindow* parent, Session& session, const Kit& kit)
    : wxDialog(parent, wxID_ANY, format_text(_("Service kit {}"), {from_utf8(kit.number)})),
      session_(session),
      kit_number_(kit.number) {
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(new wxStaticText(this, wxID_ANY, format_text(_("The kit is now: {}."), {tr_label(kit_state_label(kit.state))})), 0,
             wxALL, gap * 2);
    repair_ = new wxRadioButton(this, wxID_ANY, _("Send to &repair"), wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    repaired_ = new wxRadioButton(this, wxID_ANY, _("&Back from repair, in stock again"));
    write_off_ = new wxRadioButton(this, wxID_ANY, _("&Write off (final)"));
    const bool in_stock = kit.state == KitState::InStock, in_repair = kit.state == KitState::UnderRepair;
    repair_->Enable(in_stock);
    repaired_->Enable(in_repair);
    write_off_->Enable(in_stock || in_repair);
    (in_repair ? repaired_ : repair_)->SetValue(true);
    for (auto* r : {repair_, repaired_, write_off_}) top->Add(r, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap * 2);
    top->Add(new wxStaticText(this, wxID_ANY, _("R&eason (required for a write-off):")), 0, wxLEFT | wxRIGHT, gap * 2);
    reason_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(420, -1)));
    top->Add(reason_, 0, wxEXPAND | wxALL, gap * 2);
    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(wxColour(0xb0, 0x00, 0x20));
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);
    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&Apply"));
    ok->SetDefault();
    ok->Enable(in_stock || in_repair);
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { apply(); });
    CentreOnParent();
}

void ServiceDialog::apply() {
    const KitService action = repair_->GetValue()     ? KitService::SendToRepair
                              : repaired_->GetValue() ? KitService::BackFromRepair
                                                      : KitService::WriteOff;
    if (auto ok = service_kit(session_, kit_number_, action, to_utf8(reason_->GetValue())); !ok) {
        error_->SetLabel(error_text(ok.error()));
        error_->Wrap(FromDIP(420));
        Layout();
        Fit();
        return;
    }
    auto kit = find_kit(session_, kit_number_);
    outcome_ = kit ? format_text(_("Kit {} is now: {}."), {from_utf8(kit->number), tr_label(kit_state_label(kit->state))})
                   : wxString();
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
