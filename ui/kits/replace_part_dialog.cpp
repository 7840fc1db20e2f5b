#include "ui/kits/replace_part_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/kit_registry.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

std::vector<ComponentType> ReplacePartDialog::replaceable(const Kit& kit) {
    std::vector<ComponentType> parts;
    for (const Component& c : kit.components)
        if (c.type != ComponentType::Tablet && c.status != ComponentStatus::InPlace) parts.push_back(c.type);
    return parts;
}

ReplacePartDialog::ReplacePartDialog(wxWindow* parent, Session& session, const Kit& kit)
    : FormDialog(parent, format_text(_("Replace a part of kit {}"), {from_utf8(kit.number)}), 320),
      session_(session),
      kit_(kit),
      parts_(replaceable(kit)) {
    column()->Add(new wxStaticText(this, wxID_ANY, format_text(_("The kit is now: {}."), {tr_label(kit_state_label(kit.state))})),
                  0, wxLEFT | wxRIGHT | wxTOP, margin());
    part_ = new wxChoice(this, wxID_ANY);
    for (ComponentType type : parts_) {
        const Component* c = kit_.component(type);
        // TRANSLATORS: a part of a kit and its condition, e.g. "Charger (missing)".
        part_->Append(format_text(_("{} ({})"), {tr_label(component_label(type)), tr_label(component_status_label(c->status))}));
    }
    if (!parts_.empty()) part_->SetSelection(0);
    add_row(_("&Part:"), part_);
    old_serial_ = add_row(_("Old serial number:"), new wxStaticText(this, wxID_ANY, wxEmptyString));
    serial_ = add_text(_("&New serial number:"));
    reason_ = add_text(_("R&eason:"));
    wxButton* ok = finish(_("&Replace"), [this] { replace(); });
    if (parts_.empty()) {
        // Nothing to fill in either: GTK gives an empty choice no focus, and Tab should not stop
        // on fields that cannot be used.
        for (wxWindow* w : {static_cast<wxWindow*>(part_), static_cast<wxWindow*>(serial_), static_cast<wxWindow*>(reason_)}) w->Disable();
        ok->Disable();
        show_error(_("Nothing to replace: every part of this kit is in place."));
    }
    part_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_old_serial(); });
    show_old_serial();
    (parts_.empty() ? static_cast<wxWindow*>(FindWindow(wxID_CANCEL)) : serial_)->SetFocus();
    CentreOnParent();
}

void ReplacePartDialog::show_old_serial() {
    const int i = part_->GetSelection();
    const Component* c = i >= 0 ? kit_.component(parts_[static_cast<std::size_t>(i)]) : nullptr;
    old_serial_->SetLabel(c && !c->serial.empty() ? from_utf8(c->serial) : _("(none)"));
}

void ReplacePartDialog::replace() {
    const int i = part_->GetSelection();
    if (i < 0) return;
    const ComponentType type = parts_[static_cast<std::size_t>(i)];
    if (auto ok = replace_component(session_, kit_.number, type, to_utf8(serial_->GetValue()), to_utf8(reason_->GetValue()));
        !ok) {
        show_error(error_text(ok.error()));
        return;
    }
    auto kit = find_kit(session_, kit_.number);
    outcome_ = format_text(_("A new part is in kit {}: {}."), {from_utf8(kit_.number), tr_label(component_label(type))});
    if (kit) outcome_ += " " + format_text(_("The kit is now: {}."), {tr_label(kit_state_label(kit->state))});
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
