#include "ui/lists/lists_panel.h"
#include "ui/common/button_labels.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "core/domain/role.h"
#include "core/usecases/registry.h"
#include "coverage/list_import.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/list_columns.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/devices/devices_panel.h"
#include "ui/lists/list_import_wizard.h"

namespace sanaq::ui {

ListsPanel::ListsPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : wxPanel(parent), workspace_(std::move(workspace)), session_(workspace_->session()) {
    build();
    reload();
}

void ListsPanel::build() {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);

    auto* head = new wxBoxSizer(wxHORIZONTAL);
    head->Add(new wxStaticText(this, wxID_ANY, _("&Institution:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    filter_ = new wxChoice(this, wxID_ANY);
    filter_->SetMinSize(FromDIP(wxSize(360, -1)));
    head->Add(filter_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    head->AddStretchSpacer();
    count_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    head->Add(count_, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(head, 0, wxEXPAND | wxALL, gap);

    top->Add(new wxStaticText(this, wxID_ANY, _("List v&ersions, newest first:")), 0, wxLEFT | wxRIGHT, gap);
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
    append_fitted_column(list_, _("Institution"), 220);
    append_fitted_column(list_, _("BIN"), 100, {"000000000000"});
    append_fitted_column(list_, _("As of"), 80, {"0000-00-00"});
    // TRANSLATORS: column: version number of an institution's list.
    append_fitted_column(list_, _("Version"), 50, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(list_, _("File"), 120);
    append_fitted_column(list_, _("Imported"), 130, {"0000-00-00 00:00:00"});
    append_fitted_column(list_, _("By"), 65);
    append_fitted_column(list_, _("Persons"), 50, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(list_, _("Rejected"), 50, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(list_, _("Warnings"), 50, {}, wxLIST_FORMAT_RIGHT);
    stretch_column(list_, 0, 160);
    top->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    import_ = new wxButton(this, wxID_ANY, _("I&mport list..."));
    import_->SetToolTip(_("Read an institution's list of respondents from a CSV or Excel file, check it and store it"));
    buttons->Add(import_, 0, wxRIGHT, gap);
    top->Add(buttons, 0, wxALL, gap);
    if (!permits(session_.actor.role, Operation::ImportLists)) import_->Hide();
    SetSizer(top);

    import_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_list(); });
    filter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill(); });
}

wxString ListsPanel::institution_text(const std::string& bin) const {
    const auto at = by_bin_.find(bin);
    return at == by_bin_.end() ? wxString() : institution_name(institutions_[at->second]);
}

void ListsPanel::reload() {
    const int chosen = filter_->GetSelection();
    const std::string chosen_bin = chosen > 0 ? institutions_[static_cast<std::size_t>(chosen - 1)].bin : std::string();
    auto institutions = list_institutions(session_);
    if (!institutions) {
        notify(error_text(institutions.error()), true);
        return;
    }
    institutions_ = std::move(*institutions);
    by_bin_.clear();
    filter_->Clear();
    filter_->Append(_("All institutions"));
    filter_->SetSelection(0);
    for (std::size_t i = 0; i < institutions_.size(); ++i) {
        by_bin_[institutions_[i].bin] = i;
        filter_->Append(format_text("{} ({})", {institution_name(institutions_[i]), from_utf8(institutions_[i].bin)}));
        if (institutions_[i].bin == chosen_bin) filter_->SetSelection(static_cast<int>(i) + 1);
    }
    fill();
}

void ListsPanel::fill() {
    const int chosen = filter_->GetSelection();
    const std::string bin = chosen > 0 ? institutions_[static_cast<std::size_t>(chosen - 1)].bin : std::string();
    auto versions = list_versions(session_, bin);
    list_->DeleteAllItems();
    versions_.clear();
    if (!versions) {
        notify(error_text(versions.error()), true);
        count_->SetLabel(wxEmptyString);
        return;
    }
    versions_ = std::move(*versions);
    long row = 0;
    for (const auto& v : versions_) {
        const long i = list_->InsertItem(row++, institution_text(v.institution_bin));
        list_->SetItem(i, 1, from_utf8(v.institution_bin));
        list_->SetItem(i, 2, from_utf8(v.as_of));
        list_->SetItem(i, 3, wxString::Format("%d", v.version));
        list_->SetItem(i, 4, from_utf8(v.source_name));
        list_->SetItem(i, 5, utc_time_text(v.imported_at_utc));
        list_->SetItem(i, 6, from_utf8(v.imported_by));
        list_->SetItem(i, 7, count_text(v.rows_imported));
        list_->SetItem(i, 8, count_text(v.rows_rejected));
        list_->SetItem(i, 9, count_text(v.rows_with_warnings));
    }
    count_->SetLabel(format_text(wxPLURAL("{} list version", "{} list versions", versions_.size()),
                                 {count_text(static_cast<std::int64_t>(versions_.size()))}));
    Layout();
}

std::optional<std::size_t> ListsPanel::selected_version() const {
    const long i = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0 || i >= static_cast<long>(versions_.size())) return std::nullopt;
    return static_cast<std::size_t>(i);
}

void ListsPanel::import_list() {
    if (!permits(session_.actor.role, Operation::ImportLists)) return;
    std::string bin;
    if (const auto v = selected_version()) bin = versions_[*v].institution_bin;
    else if (const int chosen = filter_->GetSelection(); chosen > 0) bin = institutions_[static_cast<std::size_t>(chosen - 1)].bin;
    ListImportWizard wizard(this, workspace_, bin);
    if (wizard.ShowModal() != wxID_OK || !wizard.imported()) return;
    const StoredList& stored = *wizard.imported();
    reload();
    for (std::size_t i = 0; i < versions_.size(); ++i)
        if (versions_[i].id == stored.id) {
            list_->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            list_->EnsureVisible(static_cast<long>(i));
        }
    notify(format_text(_("Version {} of the list of {} is stored: persons: {}, rows left out: {}. Run the "
                         "reconciliation on the Coverage screen to see the new figures."),

                       {wxString::Format("%d", stored.version), institution_text(stored.institution_bin),
                        count_text(stored.rows_imported), count_text(stored.rows_rejected)}),
           false);
}

void ListsPanel::notify(const wxString& text, bool error) {
    last_notice_ = text;
    notices_->ShowMessage(text, error ? wxICON_ERROR : wxICON_INFORMATION);
    Layout();
}

}  // namespace sanaq::ui
