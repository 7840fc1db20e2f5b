#include "ui/institutions/register_dialog.h"

#include <wx/checkbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "coverage/list_register.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

RegisterDialog::RegisterDialog(wxWindow* parent, Session& session, const RegisterRow& row)
    : FormDialog(parent, _("Stage 1 list"), 200), session_(session), duty_(row.duty) {
    auto* heading = new wxStaticText(this, wxID_ANY, institution_name(row.institution));
    heading->SetFont(heading->GetFont().Bold());
    heading->Wrap(FromDIP(480));
    column()->Add(heading, 0, wxLEFT | wxRIGHT | wxTOP, margin());
    owes_ = add_row(_("Owes a list:"), new wxCheckBox(this, wxID_ANY, _("&Owes a stage 1 list")));
    owes_->SetValue(row.duty.owes);
    deadline_ = add_text(_("&Deadline:"));
    // Empty: the default, shown as the hint.
    deadline_->SetHint(row.default_deadline && !row.deadline.empty() ? from_utf8(row.deadline)
                                                                     : wxString(_("YYYY-MM-DD")));
    deadline_->SetValue(from_utf8(row.duty.deadline));
    expected_ = add_text(_("&Expected headcount:"));
    if (row.duty.expected) expected_->SetValue(wxString::Format("%lld", static_cast<long long>(*row.duty.expected)));
    finish(_("&Save"), [this] { save(); });
    owes_->SetFocus();
    CentreOnParent();
}

void RegisterDialog::save() {
    ListDuty duty = duty_;
    duty.owes = owes_->GetValue();
    duty.deadline = to_utf8(deadline_->GetValue());
    const std::string expected = trim(to_utf8(expected_->GetValue()));
    duty.expected.reset();
    if (!expected.empty()) {
        if (expected.find_first_not_of("0123456789") != std::string::npos || expected.size() > 9) {
            show_error(_("The expected headcount is a whole number of people."), expected_);
            return;
        }
        duty.expected = std::stoll(expected);
    }
    if (auto saved = set_list_duty(session_, duty); !saved) {
        show_error(error_text(saved.error()));
        return;
    }
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
