#include "ui/kits/return_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/display.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/palette.h"
#include "ui/common/tab_order.h"
#include "ui/common/text.h"
#include "ui/common/wrapping_text.h"
#include "ui/kits/paper_custody_dialog.h"

namespace sanaq::ui {
namespace {
// Choice index -> outcome, in the order the choice lists them.
constexpr LineOutcome kOutcomes[] = {LineOutcome::ReturnedInOrder, LineOutcome::Damaged, LineOutcome::Missing};

wxString parts_text(const std::vector<ComponentType>& parts) {
    wxString text;
    for (auto c : parts) text += (text.empty() ? "" : ", ") + tr_label(component_label(c));
    return text;
}
}  // namespace

ReturnDialog::ReturnDialog(wxWindow* parent, Session& session, const std::string& kit_number)
    : wxDialog(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session),
      kit_number_(kit_number) {
    SetTitle(format_text(_("Return kit {}"), {from_utf8(kit_number)}));
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);

    auto kit = find_kit(session_, kit_number);
    wxString holder_text;
    if (kit) {
        owed_ = owed_components(*kit);
        if (auto outstanding = outstanding_kits(session_)) {
            std::int64_t holder = 0;
            for (const auto& row : *outstanding)
                if (row.kit.number == kit->number) {
                    holder = row.holder.id;
                    holder_text = format_text(_("Held by {} ({}) since {}."),
                                              {from_utf8(row.holder.full_name), institution_name(row.institution),
                                               from_utf8(row.issue.issued_at_utc.substr(0, 10))});
                }
            last_kit_ = std::count_if(outstanding->begin(), outstanding->end(),
                                      [&](const OutstandingKit& row) {
                                          return row.holder.id == holder;
                                      }) == 1;
        }
        if (auto held = paper_held_with_kit(session_, kit_number)) held_ = held->items;
    }
    // Wraps: a long name and institution at larger text would make the dialog wider than the screen.
    auto* heading = new WrappingText(this, holder_text.empty() ? format_text(_("Kit {}"), {from_utf8(kit_number)}) : holder_text);
    heading->SetFont(heading->GetFont().Bold());
    top->Add(heading, 0, wxEXPAND | wxALL, gap * 2);

    auto* parts_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Parts the holder owes"));
    // Three columns, the serial under its part's name: four were wider than the screen in Kazakh
    // at 200 % text. The rows scroll when the dialog would be taller than the screen (eight parts
    // at 200 % text).
    auto* rows = new wxScrolledWindow(parts_box->GetStaticBox(), wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
    rows->SetScrollRate(0, FromDIP(10));
    auto* grid = new wxFlexGridSizer(3, gap, gap * 2);
    grid->AddGrowableCol(2, 1);
    grid->Add(new wxStaticText(rows, wxID_ANY, _("Part")), 0);
    grid->Add(new wxStaticText(rows, wxID_ANY, _("Comes back")), 0);
    grid->Add(new wxStaticText(rows, wxID_ANY, _("Note")), 0);
    for (ComponentType type : owed_) {
        const Component* part = kit ? kit->component(type) : nullptr;
        auto* name = new wxBoxSizer(wxVERTICAL);
        name->Add(new wxStaticText(rows, wxID_ANY, tr_label(component_label(type))), 0);
        if (part && !part->serial.empty()) {
            auto* serial = new wxStaticText(rows, wxID_ANY, from_utf8(part->serial));
            serial->SetForegroundColour(palette::muted_text());
            serial->SetToolTip(_("Serial"));
            name->Add(serial, 0);
        }
        grid->Add(name, 0, wxALIGN_CENTER_VERTICAL);
        auto* choice = new wxChoice(rows, wxID_ANY);
        for (LineOutcome o : kOutcomes) choice->Append(tr_label(line_outcome_label(o)));
        choice->SetSelection(0);
        grid->Add(choice, 0, wxALIGN_CENTER_VERTICAL);
        auto* note = new wxTextCtrl(rows, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(140, -1)));
        grid->Add(note, 1, wxEXPAND);  // the growable column: wider when the dialog is
        outcomes_.push_back(choice);
        notes_.push_back(note);
    }
    rows->SetSizer(grid);
    rows->SetMinSize(grid->GetMinSize());  // all rows; limited to the screen below, once the rest is laid out
    parts_box->Add(rows, 1, wxEXPAND | wxALL, gap);
    top->Add(parts_box, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);

    auto* paper_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Paper census tools"));
    auto* paper = new wxFlexGridSizer(2, gap, gap * 2);
    auto spin = [&](const wxString& label) {
        paper->Add(new wxStaticText(paper_box->GetStaticBox(), wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        auto* s = new wxSpinCtrl(paper_box->GetStaticBox(), wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100000, 0);
        paper->Add(s, 0);
        return s;
    };
    explanations_returned_ = spin(_("&Explanations brought back:"));
    explanations_used_ = spin(_("Explanations &filled in:"));
    certificates_returned_ = spin(_("&Unused completion certificates brought back:"));
    certificates_used_ = spin(_("Completion certificates &given to respondents:"));
    paper_box->Add(paper, 0, wxALL, gap);
    // Wraps: a tool's full name and its four counts run past the screen in Kazakh at 200 % text.
    paper_account_ = new WrappingText(paper_box->GetStaticBox(),
                                      _("Holds now:") + "\n" + paper_account_text(held_));
    paper_box->Add(paper_account_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    paper_warning_ = new wxStaticText(paper_box->GetStaticBox(), wxID_ANY, wxEmptyString);
    paper_warning_->SetForegroundColour(palette::error_text());
    paper_box->Add(paper_warning_, 0, wxEXPAND | wxALL, gap);
    accept_discrepancy_ =
        new wxCheckBox(paper_box->GetStaticBox(), wxID_ANY,
                       _("Close the return with the &discrepancy (the act records it)"));
    paper_box->Add(accept_discrepancy_, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);
    accept_discrepancy_->Hide();
    for (auto* s :
         {explanations_returned_, explanations_used_, certificates_returned_, certificates_used_}) {
        s->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { paper_changed(); });
        s->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { paper_changed(); });
    }
    top->Add(paper_box, 0, wxEXPAND | wxALL, gap * 2);

    auto* note_row = new wxBoxSizer(wxHORIZONTAL);
    note_row->Add(new wxStaticText(this, wxID_ANY, _("N&ote on the act:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    note_ = new wxTextCtrl(this, wxID_ANY);
    note_row->Add(note_, 1);
    top->Add(note_row, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);

    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(palette::error_text());
    top->Add(error_, 0, wxEXPAND | wxALL, gap * 2);

    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("C&heck in"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    tab_order_as_laid_out(buttons);  // GTK puts Cancel left of OK: Tab goes as they stand
    top->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap * 2);
    // The rows get what the screen leaves them after everything else (and the title bar).
    const wxSize need = grid->GetMinSize();
    const int others = top->GetMinSize().y - need.y;
    const int room = std::max(FromDIP(120), wxDisplay(this).GetClientArea().height - others - FromDIP(60));
    if (need.y > room) {
        rows->SetMinSize(wxSize(need.x + wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, rows), room));
        rows->FitInside();
    }
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { check_in(); });
    if (!kit) {
        show_error(error_text(kit.error()));
        ok->Disable();
    } else if (owed_.empty()) {
        show_error(_("The holder owes nothing for this kit."));
        ok->Disable();
    }
    for (auto* choice : outcomes_)
        choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { paper_changed(); });
    paper_changed();
    if (!outcomes_.empty()) outcomes_.front()->SetFocus();
    CentreOnParent();
}

void ReturnDialog::paper_changed() {
    if (held_.empty()) return;
    const auto after = paper_after_return(
        held_, {explanations_returned_->GetValue(), certificates_returned_->GetValue()},
        {explanations_used_->GetValue(), certificates_used_->GetValue()});
    // Only the last kit back settles the paper (as the core decides); a missing part keeps it out.
    bool kit_closes = true;
    for (auto* choice : outcomes_)
        kit_closes =
            kit_closes && kOutcomes[std::max(0, choice->GetSelection())] != LineOutcome::Missing;
    const wxString warning = last_kit_ && kit_closes ? paper_discrepancy_text(after) : wxString();
    if (warning == paper_warning_->GetLabel()) return;
    paper_warning_->SetLabel(warning);
    paper_warning_->Wrap(FromDIP(520));
    Layout();
    Fit();
}

wxChoice* ReturnDialog::outcome_choice(ComponentType type) const {
    for (std::size_t i = 0; i < owed_.size(); ++i)
        if (owed_[i] == type) return outcomes_[i];
    return nullptr;
}

wxTextCtrl* ReturnDialog::note_field(ComponentType type) const {
    for (std::size_t i = 0; i < owed_.size(); ++i)
        if (owed_[i] == type) return notes_[i];
    return nullptr;
}

void ReturnDialog::check_in() {
    paper_changed();  // the warning as the fields stand now (a value set without an event)
    ReturnRequest request;
    request.kit = kit_number_;
    for (std::size_t i = 0; i < owed_.size(); ++i) {
        const int choice = std::max(0, outcomes_[i]->GetSelection());
        request.check_ins.push_back({owed_[i], kOutcomes[choice], to_utf8(notes_[i]->GetValue())});
    }
    request.explanations_returned = explanations_returned_->GetValue();
    request.certificates_returned = certificates_returned_->GetValue();
    request.certificates_used = certificates_used_->GetValue();
    request.explanations_used = explanations_used_->GetValue();
    request.accept_discrepancy = accept_discrepancy_->IsShown() && accept_discrepancy_->GetValue();
    request.note = to_utf8(note_->GetValue());
    auto act = return_kit(session_, request);
    if (!act && act.error().message_id == kPaperDoesNotAddUp) {
        // The confirmation: the box appears; ticking it and checking in again closes the return.
        accept_discrepancy_->Show();
        accept_discrepancy_->SetFocus();
        show_error(error_text(act.error()));
        return;
    }
    if (!act) {
        show_error(error_text(act.error()));
        return;
    }
    act_ = std::move(*act);
    if (auto kit = find_kit(session_, kit_number_)) {
        still_owed_ = owed_components(*kit);
        outcome_ = format_text(_("Kit {} is now: {}."), {from_utf8(kit->number), tr_label(kit_state_label(kit->state))});
        if (!still_owed_.empty())
            outcome_ += " " + format_text(_("{} still owes: {}."), {from_utf8(act_->employee.full_name), parts_text(still_owed_)});
    }
    EndModal(wxID_OK);
}

void ReturnDialog::show_error(const wxString& text) {
    error_->SetLabel(text);
    error_->Wrap(FromDIP(560));
    Layout();
    Fit();
}

}  // namespace sanaq::ui
