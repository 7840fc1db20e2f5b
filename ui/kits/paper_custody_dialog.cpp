#include "ui/kits/paper_custody_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <map>

#include "core/usecases/custody.h"
#include "core/usecases/registry.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/palette.h"
#include "ui/common/text.h"
#include "ui/common/wrapping_text.h"

namespace sanaq::ui {
namespace {
wxString number(int n) { return wxString::Format("%d", n); }
}  // namespace

wxString paper_account_text(const std::vector<PaperBalance>& account) {
    if (std::none_of(account.begin(), account.end(),
                     [](const PaperBalance& b) { return b.handed > 0; }))
        return _("No paper census tools handed.");
    wxString text;
    for (const auto& b : account)
        text += (text.empty() ? "" : "\n") +
                format_text(_("{}: handed {}, used {}, returned {}, balance {}."),
                            {tr_label(paper_item_label(b.item)), number(b.handed), number(b.used),
                             number(b.returned), number(b.balance())});
    return text;
}

wxString paper_discrepancy_text(const std::vector<PaperBalance>& after) {
    wxString text;
    for (const auto& b : after)
        if (b.balance() != 0)
            text += (text.empty() ? "" : " ") +
                    format_text(_("{}: {} copies not accounted for."),
                                {tr_label(paper_item_label(b.item)), number(b.balance())});
    if (text.empty()) return text;
    return _("Used and returned do not come to what was handed.") + " " + text;
}

PaperCustodyDialog::PaperCustodyDialog(wxWindow* parent, Session& session, Mode mode)
    : FormDialog(parent,
                 mode == Mode::Issue ? _("Hand over paper census tools")
                                     : _("Take paper census tools back"),
                 320),
      session_(session),
      mode_(mode) {
    holder_ = new wxChoice(this, wxID_ANY);
    // Kits held now, per holder: a return settles the paper only when none is left out.
    std::map<std::int64_t, int> kits_of;
    if (auto out = outstanding_kits(session_))
        for (const auto& row : *out) ++kits_of[row.holder.id];
    auto offer = [&](const ResponsibleEmployee& e, const Institution* i) {
        holder_->Append(
            i ? format_text(_("{} ({})"), {from_utf8(e.full_name), institution_name(*i)})
              : from_utf8(e.full_name));
        holder_ids_.push_back(e.id);
        kits_out_.push_back(kits_of[e.id]);
    };
    wxString load_error;
    if (mode_ == Mode::Issue) {
        // Anyone registered may receive paper; by institution, as the registers list them.
        auto staff = list_staff(session_, "");
        if (staff)
            for (const auto& e : *staff) offer(e, nullptr);
        else
            load_error = error_text(staff.error());
    } else {
        // Only those who hold paper can bring some back.
        auto holders = paper_outstanding(session_);
        if (holders)
            for (const auto& h : *holders) offer(h.holder, &h.institution);
        else
            load_error = error_text(holders.error());
    }
    add_row(_("Holde&r:"), holder_);
    account_ = new WrappingText(this);
    column()->Add(account_, 0, wxEXPAND | wxLEFT | wxRIGHT, margin());
    start_grid(column(), margin());
    auto spin = [this] {
        auto* s = new wxSpinCtrl(this, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize,
                                 wxSP_ARROW_KEYS, 0, 1000000, 0);
        s->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { counts_changed(); });
        s->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { counts_changed(); });
        return s;
    };
    if (mode_ == Mode::Issue) {
        explanations_ = add_row(_("&Explanations handed over:"), spin());
        certificates_ = add_row(_("Completion cer&tificates handed over:"), spin());
    } else {
        explanations_ = add_row(_("&Explanations brought back:"), spin());
        explanations_used_ = add_row(_("Explanations &filled in:"), spin());
        certificates_ = add_row(_("&Unused completion certificates brought back:"), spin());
        certificates_used_ = add_row(_("Completion certificates &given to respondents:"), spin());
    }
    note_ = add_text(_("N&ote on the act:"));
    if (mode_ == Mode::Return) {
        warning_ = new WrappingText(this);
        warning_->SetForegroundColour(palette::error_text());
        column()->Add(warning_, 0, wxEXPAND | wxLEFT | wxRIGHT, margin());
        accept_ = new wxCheckBox(this, wxID_ANY,
                                 _("Close the return with the &discrepancy (the act records it)"));
        column()->Add(accept_, 0, wxLEFT | wxRIGHT | wxTOP, margin());
        accept_->Hide();
    }
    wxButton* ok =
        finish(mode_ == Mode::Issue ? _("&Hand over") : _("&Take back"), [this] { submit(); });
    holder_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { holder_changed(); });
    if (!load_error.empty()) {
        show_error(load_error);
        ok->Disable();
    } else if (holder_ids_.empty()) {
        show_error(mode_ == Mode::Issue ? _("No responsible employee is registered.")
                                        : _("Nobody holds paper census tools."));
        ok->Disable();
    } else {
        holder_->SetSelection(0);
        holder_changed();
    }
    holder_->SetFocus();
    CentreOnParent();
}

void PaperCustodyDialog::holder_changed() {
    held_.clear();
    const int i = holder_->GetSelection();
    if (i < 0) return;
    auto held = paper_held(session_, holder_ids_[static_cast<std::size_t>(i)]);
    if (!held) {
        account_->set_text(error_text(held.error()));
        return;
    }
    held_ = held->items;
    account_->set_text(_("Holds now:") + "\n" + paper_account_text(held_));
    counts_changed();
}

void PaperCustodyDialog::counts_changed() {
    if (mode_ != Mode::Return || held_.empty() || holder_->GetSelection() < 0) return;
    const auto after =
        paper_after_return(held_, {explanations_->GetValue(), certificates_->GetValue()},
                           {explanations_used_->GetValue(), certificates_used_->GetValue()});
    // While a kit is out the rest simply stays with the holder: no warning then.
    const bool settles = kits_out_[static_cast<std::size_t>(holder_->GetSelection())] == 0;
    warning_->set_text(settles ? paper_discrepancy_text(after) : wxString());
    if (paper_adds_up(after)) accept_->SetValue(false);
    Layout();
    Fit();
}

void PaperCustodyDialog::submit() {
    const int i = holder_->GetSelection();
    if (i < 0) return;
    counts_changed();  // the warning as the fields stand now (a value set without an event)
    const auto id = holder_ids_[static_cast<std::size_t>(i)];
    const std::string note = to_utf8(note_->GetValue());
    Result<Act> act = fail(ErrorCode::Unexpected,
                           N_("An unexpected error stopped the work; nothing of it was saved."));
    if (mode_ == Mode::Issue) {
        act = issue_paper(session_,
                          {"", explanations_->GetValue(), certificates_->GetValue(), note, id});
    } else {
        PaperReturnRequest request;
        request.employee_id = id;
        request.explanations_returned = explanations_->GetValue();
        request.explanations_used = explanations_used_->GetValue();
        request.certificates_returned = certificates_->GetValue();
        request.certificates_used = certificates_used_->GetValue();
        request.note = note;
        request.accept_discrepancy = accept_->IsShown() && accept_->GetValue();
        act = return_paper(session_, request);
        if (!act && act.error().message_id == kPaperDoesNotAddUp) {
            // The confirmation: the box appears, and ticking it then OK closes with the
            // discrepancy.
            accept_->Show();
            show_error(error_text(act.error()), accept_);
            return;
        }
    }
    if (!act) {
        show_error(error_text(act.error()), explanations_);
        return;
    }
    act_ = std::move(*act);
    outcome_ = mode_ == Mode::Issue
                   ? format_text(_("Act {}: paper census tools handed to {}."),
                                 {from_utf8(act_->number), from_utf8(act_->employee.full_name)})
                   : format_text(_("Act {}: paper census tools taken back from {}."),
                                 {from_utf8(act_->number), from_utf8(act_->employee.full_name)});
    if (act_->paper_discrepancy)
        outcome_ += " " + _("Closed with a paper discrepancy; the act records it.");
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui
