#include "ui/kits/register_kit_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/kit_registry.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

RegisterKitDialog::RegisterKitDialog(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, _("Register a kit"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto field = [&](wxFlexGridSizer* grid, const wxString& label, wxTextCtrl*& slot, const wxString& hint = {}) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        slot = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(260, -1)));
        if (!hint.empty()) slot->SetHint(hint);
        grid->Add(slot, 1, wxEXPAND);
    };

    auto* tablet_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Tablet"));
    auto* tablet = new wxFlexGridSizer(2, gap, gap * 2);
    tablet->AddGrowableCol(1, 1);
    field(tablet, _("Kit &number:"), number_, _("e.g. KIT-0042"));
    field(tablet, _("Tablet &model:"), model_);
    field(tablet, _("Tablet &serial:"), serial_);
    field(tablet, _("&IMEI:"), imei_, _("15 digits; empty for Wi-Fi tablets"));
    field(tablet, _("&USB serial:"), usb_, _("what the tablet reports over USB"));
    tablet_box->Add(tablet, 1, wxEXPAND | wxALL, gap);
    top->Add(tablet_box, 0, wxEXPAND | wxALL, gap * 2);

    auto* parts_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Serials of the kit's parts (where they have one)"));
    auto* parts = new wxFlexGridSizer(2, gap, gap * 2);
    parts->AddGrowableCol(1, 1);
    for (ComponentType type : kAllComponents) {
        if (type == ComponentType::Tablet) continue;  // the tablet serial above
        wxTextCtrl* slot = nullptr;
        field(parts, tr_label(component_label(type)) + ":", slot);
        parts_[type] = slot;
    }
    parts_box->Add(parts, 1, wxEXPAND | wxALL, gap);
    top->Add(parts_box, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);

    auto* note_row = new wxFlexGridSizer(2, gap, gap * 2);
    note_row->AddGrowableCol(1, 1);
    field(note_row, _("N&ote:"), note_);
    top->Add(note_row, 0, wxEXPAND | wxALL, gap * 2);

    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(wxColour(0xb0, 0x00, 0x20));
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);

    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&Register"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
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
        error_->SetLabel(error_text(ok.error()));
        error_->Wrap(FromDIP(440));
        Layout();
        Fit();
        return;
    }
    auto normalised = validate(kit);  // the number as the register stores it
    registered_ = normalised ? normalised->number : kit.number;
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
