#include "ui/coverage/coverage_people_dialog.h"

#include <map>

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "core/domain/role.h"
#include "coverage/coverage_report.h"
#include "ui/app/open_workspace.h"
#include "ui/app/worker_task.h"
#include "ui/common/confirm_dialog.h"
#include "ui/common/error_text.h"
#include "ui/common/list_columns.h"
#include "ui/common/table_export.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
enum Column { kOutcome, kLine, kListedName, kListedIin, kListedBorn, kFoundName, kFoundIin, kFoundBorn, kKit, kScore };
// The filter's outcomes, in the order a supervisor works through them.
constexpr const char* kOutcomes[] = {"missing", "review", "conflict", "extra", "duplicate", "matched"};
}  // namespace

PeopleListView::PeopleListView(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES) {
    missing_attr_.SetBackgroundColour(palette::error_row());
    extra_attr_.SetBackgroundColour(palette::info_row());
    review_attr_.SetBackgroundColour(palette::warning_row());
    duplicate_attr_.SetBackgroundColour(palette::neutral_row());
    append_fitted_column(this, _("Outcome"), 90, {_("to review"), _("duplicate")});
    append_fitted_column(this, _("Line"), 45, {}, wxLIST_FORMAT_RIGHT);
    // TRANSLATORS: drill-down columns: the person as the institution's list has them...
    append_fitted_column(this, _("On the list"), 200);
    append_fitted_column(this, _("IIN"), 110);
    append_fitted_column(this, _("Born"), 85);
    // TRANSLATORS: ...and as the census tablet recorded them.
    append_fitted_column(this, _("Enumerated as"), 200);
    append_fitted_column(this, _("IIN"), 110);
    append_fitted_column(this, _("Born"), 85);
    append_fitted_column(this, _("Kit"), 75);
    append_fitted_column(this, _("Score"), 55, {}, wxLIST_FORMAT_RIGHT);
}

void PeopleListView::set_people(const std::vector<PersonOutcome>* people, const std::string& outcome) {
    people_ = people;
    shown_.clear();
    if (people_)
        for (std::size_t i = 0; i < people_->size(); ++i)
            if (outcome.empty() || (*people_)[i].outcome == outcome) shown_.push_back(i);
    SetItemCount(static_cast<long>(shown_.size()));
    Refresh();
}

const PersonOutcome* PeopleListView::person_at(long item) const {
    if (!people_ || item < 0 || item >= static_cast<long>(shown_.size())) return nullptr;
    return &(*people_)[shown_[static_cast<std::size_t>(item)]];
}

wxString PeopleListView::OnGetItemText(long item, long column) const {
    const PersonOutcome* p = person_at(item);
    if (!p) return {};
    switch (column) {
        case kOutcome: return p->by_supervisor ? outcome_text(p->outcome) + " *" : outcome_text(p->outcome);
        case kLine: return p->listed_line > 0 ? wxString::Format("%d", p->listed_line) : wxString();
        case kListedName: return full_name_text(p->listed_surname, p->listed_name, p->listed_patronymic);
        case kListedIin: return from_utf8(p->listed_iin);
        case kListedBorn: return from_utf8(p->listed_birth_date);
        case kFoundName: return full_name_text(p->enumerated_surname, p->enumerated_name, p->enumerated_patronymic);
        case kFoundIin: return from_utf8(p->enumerated_iin);
        case kFoundBorn: return from_utf8(p->enumerated_birth_date);
        case kKit: return from_utf8(p->kit_number);
        case kScore:
            return p->listed_id.empty() || p->enumerated_id.empty() ? wxString() : score_text(p->score);
    }
    return {};
}

wxItemAttr* PeopleListView::OnGetItemAttr(long item) const {
    const PersonOutcome* p = person_at(item);
    if (!p) return nullptr;
    if (p->outcome == "missing") return &missing_attr_;
    if (p->outcome == "extra") return &extra_attr_;
    if (p->outcome == "review" || p->outcome == "conflict") return &review_attr_;
    if (p->outcome == "duplicate") return &duplicate_attr_;
    return nullptr;
}

CoveragePeopleDialog::CoveragePeopleDialog(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace, std::string bin,
                                           const wxString& name)
    : wxDialog(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      workspace_(std::move(workspace)),
      bin_(std::move(bin)),
      name_(name) {
    SetTitle(format_text(_("People of {}"), {name_}));
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* head = new wxBoxSizer(wxHORIZONTAL);
    spinner_ = new wxActivityIndicator(this);
    head->Add(spinner_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    counts_ = new wxStaticText(this, wxID_ANY, _("Reading the people..."));
    head->Add(counts_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    head->Add(new wxStaticText(this, wxID_ANY, _("&Show:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    filter_ = new wxChoice(this, wxID_ANY);
    filter_->Append(_("everybody"));
    for (const char* o : kOutcomes) filter_->Append(outcome_text(o));
    filter_->SetSelection(0);
    head->Add(filter_, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(head, 0, wxEXPAND | wxALL, gap);

    list_ = new PeopleListView(this);
    list_->SetMinSize(FromDIP(wxSize(1100, 460)));
    top->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
    auto* note = new wxStaticText(this, wxID_ANY, _("* decided by a supervisor"));
    note->SetForegroundColour(palette::muted_text());
    top->Add(note, 0, wxLEFT | wxRIGHT | wxTOP, gap);

    status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    top->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    export_ = new wxButton(this, wxID_ANY, _("E&xport people..."));
    export_->SetToolTip(_("Write these people to an Excel or CSV file (personal data; recorded in the audit trail)"));
    buttons->Add(export_, 0, wxRIGHT, gap);
    buttons->AddStretchSpacer();
    close_ = new wxButton(this, wxID_CANCEL, _("&Close"));
    buttons->Add(close_, 0);
    top->Add(buttons, 0, wxEXPAND | wxALL, gap);
    SetSizerAndFit(top);
    SetEscapeId(wxID_CANCEL);
    if (!permits(workspace_->actor().role, Operation::ExportRecords)) export_->Hide();
    export_->Enable(false);

    filter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int i = filter_->GetSelection();
        list_->set_people(&people_, i > 0 ? std::string(kOutcomes[i - 1]) : std::string());
    });
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_people(); });

    spinner_->Start();
    run_on_worker_session<std::vector<PersonOutcome>>(
        lifeline_, workspace_, [bin = bin_](Session& session) { return coverage_people(session, bin); },
        [this](Result<std::vector<PersonOutcome>> people) { loaded(std::move(people)); });
    CentreOnParent();
}

void CoveragePeopleDialog::loaded(Result<std::vector<PersonOutcome>> people) {
    loading_ = false;
    spinner_->Stop();
    spinner_->Hide();
    if (!people) {
        counts_->SetLabel(wxEmptyString);
        show_status(error_text(people.error()), true);
        Layout();
        return;
    }
    people_ = std::move(*people);
    std::map<std::string, std::int64_t> by;
    for (const auto& p : people_) ++by[p.outcome];
    wxString text = format_text(wxPLURAL("{} person:", "{} persons:", people_.size()),
                                {count_text(static_cast<std::int64_t>(people_.size()))});
    bool first = true;
    for (const char* o : {"matched", "review", "conflict", "missing", "extra", "duplicate"}) {
        if (!by.contains(o)) continue;
        text += (first ? " " : ", ") + format_text("{} {}", {count_text(by[o]), outcome_text(o)});
        first = false;
    }
    counts_->SetLabel(text);
    const int i = filter_->GetSelection();
    list_->set_people(&people_, i > 0 ? std::string(kOutcomes[i - 1]) : std::string());
    export_->Enable(!people_.empty());
    list_->SetFocus();
    Layout();
}

void CoveragePeopleDialog::export_people() {
    if (people_.empty()) return;
    ConfirmDialog confirm(this, _("Export people"),
                          format_text(wxPLURAL("The file will hold the name, IIN and date of birth of {} person of {}: "
                                               "personal data, outside the encrypted workspace. The export is recorded in "
                                               "the audit trail. Keep the file only as long as needed.",
                                               "The file will hold the names, IINs and dates of birth of {} persons of {}: "
                                               "personal data, outside the encrypted workspace. The export is recorded in "
                                               "the audit trail. Keep the file only as long as needed.",
                                               static_cast<unsigned>(people_.size())),
                                      {count_text(static_cast<std::int64_t>(people_.size())), name_}),
                          _("&Export..."), _("&Cancel"));
    if (confirm.ShowModal() != wxID_OK) return;
    const auto path = ask_table_path(this, _("Export people"), from_utf8(bin_) + "-" + _("people") + ".xlsx");
    if (path.empty()) return;
    auto written = export_to(path);
    if (!written) {
        show_status(error_text(written.error()), true);
        return;
    }
    show_status(format_text(wxPLURAL("{} person written to {}.", "{} persons written to {}.", static_cast<unsigned>(*written)),
                            {count_text(*written), from_utf8(path.string())}),
                false);

}

Result<std::int64_t> CoveragePeopleDialog::export_to(const std::filesystem::path& path) {
    return export_coverage_people(workspace_->session(), bin_, path, [](const char* msgid) { return translate_msgid(msgid); });
}

void CoveragePeopleDialog::show_status(const wxString& text, bool error) {
    status_->SetForegroundColour(error ? palette::error_text() : palette::ok_text());
    status_->SetLabel(text);
    status_->Wrap(FromDIP(1000));
    Layout();
}

}  // namespace sanaq::ui
