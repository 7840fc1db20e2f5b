#include "ui/kits/return_gate_dialog.h"

#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/pull.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"
#include "ui/devices/devices_panel.h"

namespace sanaq::ui {

ReturnGateDialog::ReturnGateDialog(wxWindow* parent, Session& session, const std::string& kit_number)
    : FormDialog(parent, format_text(_("Allow the return of kit {}"), {from_utf8(kit_number)}), 420),
      session_(session),
      kit_number_(kit_number) {
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        _("A kit whose last pull left packages on the tablet, or missing, cannot be checked in. Allow its next "
          "return only when the data are accounted for otherwise, and say how."));
    intro->Wrap(FromDIP(460));
    column()->Add(intro, 0, wxLEFT | wxRIGHT | wxTOP, margin());

    wxString pull_text;
    if (auto pulls = pull_history(session_, kit_number_, 1); !pulls) {
        pull_text = error_text(pulls.error());
    } else if (pulls->empty()) {
        pull_text = _("The kit's tablet has never been pulled.");
    } else {
        const PullRecord& p = pulls->front();
        pull_text = format_text(_("Last pull: {}, {}."), {utc_time_text(p.started_at_utc), pull_outcome_text(p.outcome)});
        if (p.packages_left > 0)
            pull_text += "\n" + format_text(wxPLURAL("{} package remains on the tablet without a receipt.",
                                                     "{} packages remain on the tablet without a receipt.",
                                                     static_cast<unsigned>(p.packages_left)),

                                            {wxString::Format("%lld", static_cast<long long>(p.packages_left))});
        if (!p.missing_sequences.empty())
            pull_text += "\n" + format_text(_("Packages never received: {}."), {from_utf8(p.missing_sequences)});
    }
    last_pull_ = new wxStaticText(this, wxID_ANY, pull_text);
    column()->Add(last_pull_, 0, wxLEFT | wxRIGHT | wxTOP, margin());

    reason_ = add_text(_("&Reason:"));
    finish(_("&Allow return"), [this] { allow(); });
    reason_->SetFocus();
    CentreOnParent();
}

void ReturnGateDialog::allow() {
    if (auto ok = override_return_gate(session_, kit_number_, to_utf8(reason_->GetValue())); !ok) {
        show_error(error_text(ok.error()), reason_);
        return;
    }
    outcome_ = format_text(_("The next return of kit {} is allowed."), {from_utf8(kit_number_)});
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
