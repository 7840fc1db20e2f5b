#include "ui/institutions/staff_dialog.h"

#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/registry.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

StaffDialog::StaffDialog(wxWindow* parent, Session& session, const Institution& institution)
    : FormDialog(parent, _("Add a responsible employee"), 320), session_(session), institution_bin_(institution.bin) {
    auto* heading = new wxStaticText(this, wxID_ANY, institution_name(institution));
    heading->SetFont(heading->GetFont().Bold());
    heading->Wrap(FromDIP(480));
    column()->Add(heading, 0, wxLEFT | wxRIGHT | wxTOP, margin());
    iin_ = add_text(_("&IIN:"));
    iin_->SetHint(_("12 digits"));
    name_ = add_text(_("&Full name:"));
    position_ = add_text(_("&Position:"));
    phone_ = add_text(_("P&hone:"));
    // The joint orders: appointed by the head's order, then trained.
    order_number_ = add_text(_("Appointment &order No.:"));
    order_date_ = add_text(_("Order &date:"));
    order_date_->SetHint(_("YYYY-MM-DD"));
    trained_on_ = add_text(_("&Trained on:"));
    trained_on_->SetHint(_("YYYY-MM-DD"));
    finish(_("&Save"), [this] { save(); });
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
    employee.appointment_order_number = to_utf8(order_number_->GetValue());
    employee.appointment_order_date = to_utf8(order_date_->GetValue());
    employee.trained_on = to_utf8(trained_on_->GetValue());
    auto saved = add_staff(session_, employee);
    if (!saved) {
        show_error(error_text(saved.error()));
        return;
    }
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
