#pragma once
// A date the user may leave out: a check box that switches a date picker on. GTK's picker has no
// "none" state of its own (wxDP_ALLOWNONE is Windows-only).
#include <optional>
#include <string>

#include <wx/checkbox.h>
#include <wx/datectrl.h>
#include <wx/panel.h>

namespace sanaq::ui {

class OptionalDatePicker : public wxPanel {
public:
    OptionalDatePicker(wxWindow* parent, const wxString& label, bool checked = false);

    void set_label(const wxString& label) { check_->SetLabel(label); }
    /// YYYY-MM-DD, or nothing when the box is unchecked.
    std::optional<std::string> iso_date() const;
    /// The chosen day at 00:00 local time, or nothing.
    std::optional<wxDateTime> date() const;
    void set_date(const std::optional<wxDateTime>& date);

    wxCheckBox* check_box() const { return check_; }
    wxDatePickerCtrl* picker() const { return picker_; }

private:
    wxCheckBox* check_;
    wxDatePickerCtrl* picker_;
};

}  // namespace sanaq::ui
