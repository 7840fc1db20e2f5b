#include "ui/kits/issue_wizard.h"

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/optional_date_picker.h"
#include "ui/common/text.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
// A checklist of thousands is no use to anybody: beyond this the filter has to narrow it.
constexpr std::size_t kMaxListedKits = 500;

wxString step_heading(int step) {
    switch (step) {
        case IssueWizard::kChooseKits: return _("Step 1 of 4: choose the kits to hand over");
        case IssueWizard::kChooseReceiver: return _("Step 2 of 4: choose the institution and its responsible employee");
        case IssueWizard::kPaperAndDate: return _("Step 3 of 4: paper census tools and the return date");
        case IssueWizard::kSummary: return _("Step 4 of 4: check and issue");
    }
    return {};
}
}  // namespace

IssueWizard::IssueWizard(wxWindow* parent, Session& session, const std::string& preselected_kit)
    : wxDialog(parent, wxID_ANY, _("Issue kits"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session) {
    if (!preselected_kit.empty()) chosen_.insert(preselected_kit);
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    heading_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    heading_->SetFont(heading_->GetFont().Bold().Scaled(1.1f));
    top->Add(heading_, 0, wxEXPAND | wxALL, gap * 2);

    steps_ = new wxSimplebook(this);
    steps_->AddPage(build_kits_step(), wxEmptyString);
    steps_->AddPage(build_receiver_step(), wxEmptyString);
    steps_->AddPage(build_paper_step(), wxEmptyString);
    steps_->AddPage(build_summary_step(), wxEmptyString);
    top->Add(steps_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);

    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(palette::error_text());
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    back_ = new wxButton(this, wxID_BACKWARD, _("< &Back"));
    next_ = new wxButton(this, wxID_FORWARD, _("&Next >"));
    finish_ = new wxButton(this, wxID_OK, _("Finish and i&ssue"));
    auto* cancel = new wxButton(this, wxID_CANCEL, _("&Cancel"));
    buttons->AddStretchSpacer();
    buttons->Add(back_, 0, wxRIGHT, gap);
    buttons->Add(next_, 0, wxRIGHT, gap);
    buttons->Add(finish_, 0, wxRIGHT, gap * 3);
    buttons->Add(cancel, 0);
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizer(top);
    SetMinSize(FromDIP(wxSize(760, 560)));
    Fit();

    back_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go_to(step_ - 1); });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (step_complete()) go_to(step_ + 1);
    });
    finish_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finish(); });

    load_kits();
    auto institutions = list_institutions(session_);
    if (!institutions) show_error(error_text(institutions.error()));
    else institutions_ = std::move(*institutions);
    for (const auto& i : institutions_)
        institution_->Append(format_text("{} ({})", {institution_name(i), from_utf8(i.bin)}));
    go_to(kChooseKits);
    CentreOnParent();
}

wxWindow* IssueWizard::build_kits_step() {
    auto* page = new wxPanel(steps_);
    const int gap = FromDIP(6);
    auto* col = new wxBoxSizer(wxVERTICAL);
    auto* filter_row = new wxBoxSizer(wxHORIZONTAL);
    filter_row->Add(new wxStaticText(page, wxID_ANY, _("&Find:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    kit_filter_ = new wxTextCtrl(page, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(240, -1)));
    kit_filter_->SetHint(_("kit, serial, model"));
    filter_row->Add(kit_filter_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    chosen_label_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
    filter_row->Add(chosen_label_, 1, wxALIGN_CENTER_VERTICAL);
    col->Add(filter_row, 0, wxEXPAND | wxBOTTOM, gap);
    col->Add(new wxStaticText(page, wxID_ANY, _("&Kits in stock (tick each kit to hand over):")), 0, wxBOTTOM, gap);
    kit_list_ = new wxCheckListBox(page, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 300)));
    col->Add(kit_list_, 1, wxEXPAND);
    page->SetSizer(col);
    kit_filter_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { load_kits(); });
    kit_list_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent& e) { kit_toggled(e.GetInt()); });
    return page;
}

wxWindow* IssueWizard::build_receiver_step() {
    auto* page = new wxPanel(steps_);
    const int gap = FromDIP(6);
    auto* col = new wxBoxSizer(wxVERTICAL);
    col->Add(new wxStaticText(page, wxID_ANY, _("&Institution:")), 0, wxBOTTOM, gap);
    institution_ = new wxChoice(page, wxID_ANY);
    col->Add(institution_, 0, wxEXPAND | wxBOTTOM, gap * 3);
    col->Add(new wxStaticText(page, wxID_ANY, _("&Responsible employee who receives the kits:")), 0, wxBOTTOM, gap);
    staff_ = new wxListBox(page, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 220)));
    col->Add(staff_, 1, wxEXPAND);
    page->SetSizer(col);
    institution_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { institution_chosen(); });
    staff_->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) {
        if (step_complete()) go_to(step_ + 1);
    });
    return page;
}

wxWindow* IssueWizard::build_paper_step() {
    auto* page = new wxPanel(steps_);
    const int gap = FromDIP(6);
    auto* col = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, gap * 2, gap * 2);
    grid->Add(new wxStaticText(page, wxID_ANY, _("&Explanations for filling in census sheets:")), 0, wxALIGN_CENTER_VERTICAL);
    explanations_ = new wxSpinCtrl(page, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100000, 0);
    grid->Add(explanations_, 0);
    grid->Add(new wxStaticText(page, wxID_ANY, _("Blank &completion certificates:")), 0, wxALIGN_CENTER_VERTICAL);
    certificates_ = new wxSpinCtrl(page, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100000, 0);
    grid->Add(certificates_, 0);
    col->Add(grid, 0, wxBOTTOM, gap * 2);
    stock_label_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
    col->Add(stock_label_, 0, wxBOTTOM, gap * 3);
    due_ = new OptionalDatePicker(page, _("Agreed &return date:"));
    col->Add(due_, 0, wxBOTTOM, gap * 3);
    col->Add(new wxStaticText(page, wxID_ANY, _("N&ote on the act:")), 0, wxBOTTOM, gap);
    note_ = new wxTextCtrl(page, wxID_ANY);
    col->Add(note_, 0, wxEXPAND);
    page->SetSizer(col);
    if (auto stock = paper_stock(session_))
        stock_label_->SetLabel(format_text(_("In stock: explanations: {}, completion certificates: {}."),

                                           {wxString::Format("%d", stock->explanations), wxString::Format("%d", stock->certificates)}));
    return page;
}

wxWindow* IssueWizard::build_summary_step() {
    auto* page = new wxPanel(steps_);
    auto* col = new wxBoxSizer(wxVERTICAL);
    summary_ = new wxTextCtrl(page, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
    col->Add(summary_, 1, wxEXPAND);
    page->SetSizer(col);
    return page;
}

void IssueWizard::load_kits() {
    KitQuery query;
    query.state = KitState::InStock;
    query.text = to_utf8(kit_filter_->GetValue().Strip(wxString::both));
    query.limit = kMaxListedKits;
    auto kits = list_kits(session_, query);
    kit_list_->Clear();
    shown_kits_.clear();
    if (!kits) {
        show_error(error_text(kits.error()));
        return;
    }
    for (const auto& k : *kits) {
        const wxString model = k.tablet.model.empty() ? wxString() : " - " + from_utf8(k.tablet.model);
        const int i = kit_list_->Append(from_utf8(k.number) + model + "  (" + from_utf8(k.tablet.serial) + ")");
        shown_kits_.push_back(k.number);
        kit_list_->Check(static_cast<unsigned>(i), chosen_.count(k.number) > 0);
    }
    chosen_label_->SetLabel(format_text(_("{} chosen"), {wxString::Format("%zu", chosen_.size())}));
}

void IssueWizard::kit_toggled(int index) {
    if (index < 0 || index >= static_cast<int>(shown_kits_.size())) return;
    const auto& number = shown_kits_[static_cast<std::size_t>(index)];
    if (kit_list_->IsChecked(static_cast<unsigned>(index))) chosen_.insert(number);
    else chosen_.erase(number);
    chosen_label_->SetLabel(format_text(_("{} chosen"), {wxString::Format("%zu", chosen_.size())}));
}

void IssueWizard::institution_chosen() {
    staff_->Clear();
    employees_.clear();
    const int i = institution_->GetSelection();
    if (i < 0) return;
    auto staff = list_staff(session_, institutions_[static_cast<std::size_t>(i)].bin);
    if (!staff) {
        show_error(error_text(staff.error()));
        return;
    }
    employees_ = std::move(*staff);
    for (const auto& e : employees_)
        staff_->Append(e.position.empty() ? from_utf8(e.full_name) : from_utf8(e.full_name) + " - " + from_utf8(e.position));
    if (employees_.size() == 1) staff_->SetSelection(0);
}

bool IssueWizard::step_complete() {
    switch (step_) {
        case kChooseKits:
            if (chosen_.empty()) {
                show_error(_("Tick at least one kit."));
                kit_list_->SetFocus();
                return false;
            }
            return true;
        case kChooseReceiver:
            if (institution_->GetSelection() < 0 || staff_->GetSelection() < 0) {
                show_error(_("Choose the institution and the employee who receives the kits."));
                (institution_->GetSelection() < 0 ? static_cast<wxWindow*>(institution_) : staff_)->SetFocus();
                return false;
            }
            return true;
        default: return true;
    }
}

void IssueWizard::go_to(int step) {
    step_ = std::clamp(step, 0, kStepCount - 1);
    show_error(wxEmptyString);
    steps_->SetSelection(static_cast<size_t>(step_));
    heading_->SetLabel(step_heading(step_));
    back_->Enable(step_ > 0);
    next_->Enable(step_ < kSummary);
    finish_->Enable(step_ == kSummary);
    if (step_ == kSummary) fill_summary();
    (step_ == kSummary ? finish_ : next_)->SetDefault();
    switch (step_) {
        case kChooseKits: kit_list_->SetFocus(); break;
        case kChooseReceiver: institution_->SetFocus(); break;
        case kPaperAndDate: explanations_->SetFocus(); break;
        default: finish_->SetFocus(); break;
    }
    Layout();
}

void IssueWizard::fill_summary() {
    wxString kits;
    for (const auto& k : chosen_) kits += (kits.empty() ? "" : ", ") + from_utf8(k);
    const auto& inst = institutions_[static_cast<std::size_t>(institution_->GetSelection())];
    const auto& employee = employees_[static_cast<std::size_t>(staff_->GetSelection())];
    const auto due = due_->iso_date();
    wxString text;
    text << format_text(_("Kits ({}): {}"), {wxString::Format("%zu", chosen_.size()), kits}) << "\n\n";
    text << format_text(_("Institution: {} (BIN {})"), {institution_name(inst), from_utf8(inst.bin)}) << "\n";
    text << format_text(_("Received by: {}, {}"), {from_utf8(employee.full_name), from_utf8(employee.position)}) << "\n\n";
    text << format_text(_("Explanations: {}; blank completion certificates: {}"),
                        {wxString::Format("%d", explanations_->GetValue()), wxString::Format("%d", certificates_->GetValue())})
         << "\n";
    text << (due ? format_text(_("To be returned by: {}"), {from_utf8(*due)}) : _("No return date agreed.")) << "\n";
    if (!note_->GetValue().empty()) text << format_text(_("Note: {}"), {note_->GetValue()}) << "\n";
    text << "\n" << _("Finish makes the act of acceptance and transfer in Kazakh and Russian.");
    summary_->ChangeValue(text);
}

void IssueWizard::finish() {
    if (step_ != kSummary) return;
    IssueRequest request;
    request.kits.assign(chosen_.begin(), chosen_.end());
    request.employee_iin = employees_[static_cast<std::size_t>(staff_->GetSelection())].iin;
    request.explanations = explanations_->GetValue();
    request.certificates = certificates_->GetValue();
    request.due_date = due_->iso_date().value_or("");
    request.note = to_utf8(note_->GetValue());
    auto act = issue_kits(session_, request);
    if (!act) {
        show_error(error_text(act.error()));
        return;
    }
    act_ = std::move(*act);
    EndModal(wxID_OK);
}

void IssueWizard::show_error(const wxString& text) {
    error_->SetLabel(text);
    error_->Wrap(FromDIP(720));
    Layout();
}

}  // namespace sanaq::ui
