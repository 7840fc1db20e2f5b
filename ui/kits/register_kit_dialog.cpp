#include "ui/kits/register_kit_dialog.h"

#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/textctrl.h>

#include "core/usecases/kit_registry.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

RegisterKitDialog::RegisterKitDialog(wxWindow* parent, Session& session)
    : FormDialog(parent, _("Register a kit"), 260, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER), session_(session) {
    auto* tablet_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Tablet"));
    column()->Add(tablet_box, 0, wxEXPAND | wxALL, margin());
    start_grid(tablet_box, gap());
    number_ = add_text(_("Kit &number:"));
    number_->SetHint(_("e.g. KIT-0042"));
    model_ = add_text(_("Tablet &model:"));
    serial_ = add_text(_("Tablet &serial:"));
    imei_ = add_text(_("&IMEI:"));
    imei_->SetHint(_("15 digits; empty for Wi-Fi tablets"));
    usb_ = add_text(_("&USB serial:"));
    usb_->SetHint(_("what the tablet reports over USB"));

    auto* parts_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Serials of the kit's parts (where they have one)"));
    column()->Add(parts_box, 0, wxEXPAND | wxLEFT | wxRIGHT, margin());
    start_grid(parts_box, gap());
    for (ComponentType type : kAllComponents) {
        if (type == ComponentType::Tablet) continue;  // the tablet serial above
        parts_[type] = add_text(tr_label(component_label(type)) + ":");
    }

    start_grid(column(), margin());
    note_ = add_text(_("N&ote:"));
    finish(_("&Register"), [this] { save(); });
    number_->SetFocus();
}

wxTextCtrl* RegisterKitDialog::component_field(ComponentType type) const {
    auto it = parts_.find(type);
    return it == parts_.end() ? nullptr : it->second;
}

void RegisterKitDialog::save() {
    std::vector<std::pair<ComponentType, std::string>> serials;
    for (const auto& [type, ctrl] : parts_)
        if (!ctrl->GetValue().Strip(wxString::both).empty()) serials.emplace_back(type, to_utf8(ctrl->GetValue()));
    Kit kit = make_kit(to_utf8(number_->GetValue()),
                       Tablet{to_utf8(model_->GetValue()), to_utf8(serial_->GetValue()), to_utf8(imei_->GetValue()),
                              to_utf8(usb_->GetValue())},
                       serials);
    kit.note = to_utf8(note_->GetValue());
    if (auto ok = register_kit(session_, kit); !ok) {
        show_error(error_text(ok.error()));
        return;
    }
    auto normalised = validate(kit);  // the number as the register stores it
    registered_ = normalised ? normalised->number : kit.number;
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
