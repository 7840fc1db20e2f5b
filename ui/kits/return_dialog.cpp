#include "ui/kits/return_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"
#include "ui/common/palette.h"
#include "ui/common/tab_order.h"

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
            for (const auto& row : *outstanding)
                if (row.kit.number == kit->number)
                    holder_text = format_text(_("Held by {} ({}) since {}."),
                                              {from_utf8(row.holder.full_name), institution_name(row.institution),
                                               from_utf8(row.issue.issued_at_utc.substr(0, 10))});
        }
    }
    auto* heading = new wxStaticText(this, wxID_ANY, holder_text.empty() ? format_text(_("Kit {}"), {from_utf8(kit_number)}) : holder_text);
    heading->SetFont(heading->GetFont().Bold());
    top->Add(heading, 0, wxEXPAND | wxALL, gap * 2);

    auto* parts_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Parts the holder owes"));
    auto* grid = new wxFlexGridSizer(4, gap, gap * 2);
    grid->AddGrowableCol(3, 1);
    grid->Add(new wxStaticText(parts_box->GetStaticBox(), wxID_ANY, _("Part")), 0);
    grid->Add(new wxStaticText(parts_box->GetStaticBox(), wxID_ANY, _("Serial")), 0);
    grid->Add(new wxStaticText(parts_box->GetStaticBox(), wxID_ANY, _("Comes back")), 0);
    grid->Add(new wxStaticText(parts_box->GetStaticBox(), wxID_ANY, _("Note")), 0);
    for (ComponentType type : owed_) {
        const Component* part = kit ? kit->component(type) : nullptr;
        grid->Add(new wxStaticText(parts_box->GetStaticBox(), wxID_ANY, tr_label(component_label(type))), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(new wxStaticText(parts_box->GetStaticBox(), wxID_ANY, part ? from_utf8(part->serial) : wxString()), 0,
                  wxALIGN_CENTER_VERTICAL);
        auto* choice = new wxChoice(parts_box->GetStaticBox(), wxID_ANY);
        for (LineOutcome o : kOutcomes) choice->Append(tr_label(line_outcome_label(o)));
        choice->SetSelection(0);
        grid->Add(choice, 0, wxALIGN_CENTER_VERTICAL);
        auto* note = new wxTextCtrl(parts_box->GetStaticBox(), wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(220, -1)));
        grid->Add(note, 1, wxEXPAND);
        outcomes_.push_back(choice);
        notes_.push_back(note);
    }
    parts_box->Add(grid, 1, wxEXPAND | wxALL, gap);
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
    certificates_returned_ = spin(_("&Unused completion certificates brought back:"));
    certificates_used_ = spin(_("Completion certificates &given to respondents:"));
    paper_box->Add(paper, 0, wxALL, gap);
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
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { check_in(); });
    if (!kit) {
        show_error(error_text(kit.error()));
        ok->Disable();
    } else if (owed_.empty()) {
        show_error(_("The holder owes nothing for this kit."));
        ok->Disable();
    }
    if (!outcomes_.empty()) outcomes_.front()->SetFocus();
    CentreOnParent();
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
    ReturnRequest request;
    request.kit = kit_number_;
    for (std::size_t i = 0; i < owed_.size(); ++i) {
        const int choice = std::max(0, outcomes_[i]->GetSelection());
        request.check_ins.push_back({owed_[i], kOutcomes[choice], to_utf8(notes_[i]->GetValue())});
    }
    request.explanations_returned = explanations_returned_->GetValue();
    request.certificates_returned = certificates_returned_->GetValue();
    request.certificates_used = certificates_used_->GetValue();
    request.note = to_utf8(note_->GetValue());
    auto act = return_kit(session_, request);
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
