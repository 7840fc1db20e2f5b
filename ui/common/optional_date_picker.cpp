#include "ui/common/optional_date_picker.h"

#include <wx/sizer.h>

namespace sanaq::ui {

OptionalDatePicker::OptionalDatePicker(wxWindow* parent, const wxString& label, bool checked)
    : wxPanel(parent) {
    check_ = new wxCheckBox(this, wxID_ANY, label);
    picker_ = new wxDatePickerCtrl(this, wxID_ANY, wxDateTime::Today(), wxDefaultPosition, wxDefaultSize,
                                   wxDP_DROPDOWN | wxDP_SHOWCENTURY);
    check_->SetValue(checked);
    picker_->Enable(checked);
    check_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { picker_->Enable(check_->GetValue()); });
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(check_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    row->Add(picker_, 0, wxALIGN_CENTER_VERTICAL);
    SetSizer(row);
}

std::optional<std::string> OptionalDatePicker::iso_date() const {
    auto d = date();
    if (!d) return std::nullopt;
    return d->FormatISODate().utf8_string();
}

std::optional<wxDateTime> OptionalDatePicker::date() const {
    if (!check_->GetValue()) return std::nullopt;
    wxDateTime d = picker_->GetValue();
    if (!d.IsValid()) return std::nullopt;
    d.ResetTime();
    return d;
}

void OptionalDatePicker::set_date(const std::optional<wxDateTime>& date) {
    check_->SetValue(date.has_value());
    picker_->Enable(date.has_value());
    if (date) picker_->SetValue(*date);
}

}  // namespace sanaq::ui
