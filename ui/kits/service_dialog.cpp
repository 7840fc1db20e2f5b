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
    : FormDialog(parent, format_text(_("Service kit {}"), {from_utf8(kit.number)}), 420),
      session_(session),
      kit_number_(kit.number) {
    column()->Add(new wxStaticText(this, wxID_ANY, format_text(_("The kit is now: {}."), {tr_label(kit_state_label(kit.state))})), 0,
                  wxALL, margin());
    repair_ = new wxRadioButton(this, wxID_ANY, _("Send to &repair"), wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    repaired_ = new wxRadioButton(this, wxID_ANY, _("&Back from repair, in stock again"));
    write_off_ = new wxRadioButton(this, wxID_ANY, _("&Write off (final)"));
    const bool in_stock = kit.state == KitState::InStock, in_repair = kit.state == KitState::UnderRepair;
    repair_->Enable(in_stock);
    repaired_->Enable(in_repair);
    write_off_->Enable(in_stock || in_repair);
    (in_repair ? repaired_ : repair_)->SetValue(true);
    for (auto* r : {repair_, repaired_, write_off_}) column()->Add(r, 0, wxLEFT | wxRIGHT | wxBOTTOM, margin());
    column()->Add(new wxStaticText(this, wxID_ANY, _("R&eason (required for a write-off):")), 0, wxLEFT | wxRIGHT, margin());
    reason_ = text_field();
    column()->Add(reason_, 0, wxEXPAND | wxALL, margin());
    finish(_("&Apply"), [this] { apply(); })->Enable(in_stock || in_repair);
    CentreOnParent();
}

void ServiceDialog::apply() {
    const KitService action = repair_->GetValue()     ? KitService::SendToRepair
                              : repaired_->GetValue() ? KitService::BackFromRepair
                                                      : KitService::WriteOff;
    if (auto ok = service_kit(session_, kit_number_, action, to_utf8(reason_->GetValue())); !ok) {
        show_error(error_text(ok.error()));
        return;
    }
    auto kit = find_kit(session_, kit_number_);
    outcome_ = kit ? format_text(_("Kit {} is now: {}."), {from_utf8(kit->number), tr_label(kit_state_label(kit->state))})
                   : wxString();
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
