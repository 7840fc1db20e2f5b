#include "ui/lists/list_import_wizard.h"

#include <algorithm>
#include <thread>

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/list_imports.h"
#include "core/i18n/catalog.h"
#include "core/usecases/registry.h"
#include "core/usecases/settings.h"
#include "tables/table.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/app/worker_task.h"
#include "ui/common/error_text.h"
#include "ui/common/table_export.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/lists/column_mapping_dialog.h"
#include "ui/lists/list_diff_view.h"
#include "ui/lists/list_preview_view.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
// The column editor shows headings and examples from the top of the file only.
constexpr std::size_t kTopRows = 60;

wxString step_heading(int step) {
    switch (step) {
        case ListImportWizard::kSource: return _("1. The institution and its list file");
        case ListImportWizard::kPreview: return _("2. Every row of the list, checked");
        case ListImportWizard::kChanges: return _("3. What changes against the current version");
    }
    return {};
}

wxString number(int n) { return wxString::Format("%d", n); }

lists::MessageRenderer ui_renderer() {
    return [](std::string_view msgid, const std::vector<std::string>& args) {
        return i18n::format_message(translate_msgid(msgid), args, [](std::string_view m) { return translate_msgid(m); });
    };
}
}  // namespace

ListImportWizard::ListImportWizard(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace,
                                   const std::string& preselected_bin)
    : wxDialog(parent, wxID_ANY, _("Import a list of respondents"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      workspace_(std::move(workspace)),
      session_(workspace_->session()) {
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    heading_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    heading_->SetFont(heading_->GetFont().Bold().Scaled(1.1f));
    top->Add(heading_, 0, wxEXPAND | wxALL, gap * 2);

    steps_ = new wxSimplebook(this);
    steps_->AddPage(build_source_step(), wxEmptyString);
    steps_->AddPage(build_preview_step(), wxEmptyString);
    steps_->AddPage(build_changes_step(), wxEmptyString);
    top->Add(steps_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);

    auto* busy_row = new wxBoxSizer(wxHORIZONTAL);
    spinner_ = new wxActivityIndicator(this);
    busy_text_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    busy_row->Add(spinner_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    busy_row->Add(busy_text_, 1, wxALIGN_CENTER_VERTICAL);
    spinner_->Hide();
    top->Add(busy_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);

    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(palette::error_text());
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    back_ = new wxButton(this, wxID_BACKWARD, _("< &Back"));
    next_ = new wxButton(this, wxID_FORWARD, _("&Next >"));
    finish_ = new wxButton(this, wxID_OK, _("Im&port"));
    cancel_ = new wxButton(this, wxID_CANCEL, _("&Cancel"));
    buttons->AddStretchSpacer();
    buttons->Add(back_, 0, wxRIGHT, gap);
    buttons->Add(next_, 0, wxRIGHT, gap);
    buttons->Add(finish_, 0, wxRIGHT, gap * 3);
    buttons->Add(cancel_, 0);
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizer(top);
    SetMinSize(FromDIP(wxSize(1040, 680)));
    Fit();

    back_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go_to(step_ == kChanges ? kPreview : kSource); });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { next(); });
    finish_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finish(); });
    // Storing is one transaction on a worker: the window stays until it is over (Cancel is off).
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (storing_ && e.CanVeto()) {
            e.Veto();
            return;
        }
        e.Skip();
    });

    auto institutions = list_institutions(session_);
    if (!institutions) show_error(error_text(institutions.error()));
    else institutions_ = std::move(*institutions);
    for (const auto& i : institutions_) institution_->Append(format_text("{} ({})", {institution_name(i), from_utf8(i.bin)}));
    for (std::size_t i = 0; i < institutions_.size(); ++i)
        if (institutions_[i].bin == preselected_bin) institution_->SetSelection(static_cast<int>(i));
    institution_chosen();
    go_to(kSource);
    CentreOnParent();
}

wxWindow* ListImportWizard::build_source_step() {
    auto* page = new wxPanel(steps_);
    const int gap = FromDIP(6);
    auto* col = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, gap * 2, gap * 2);
    grid->AddGrowableCol(1, 1);
    auto label = [&](const wxString& text) { grid->Add(new wxStaticText(page, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL); };

    label(_("&Institution:"));
    institution_ = new wxChoice(page, wxID_ANY);
    grid->Add(institution_, 0, wxEXPAND);

    label(_("&File:"));
    auto* file_row = new wxBoxSizer(wxHORIZONTAL);
    file_ = new wxTextCtrl(page, wxID_ANY);
    file_->SetHint(_("a .xlsx or .csv file"));
    file_row->Add(file_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    auto* browse_button = new wxButton(page, wxID_ANY, _("Bro&wse..."));
    file_row->Add(browse_button, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(file_row, 0, wxEXPAND);

    label(_("List as &of:"));
    as_of_ = new wxDatePickerCtrl(page, wxID_ANY, wxDateTime::Today(), wxDefaultPosition, wxDefaultSize,
                                  wxDP_DROPDOWN | wxDP_SHOWCENTURY);
    grid->Add(as_of_, 0);

    label(_("Saved column &mapping:"));
    mapping_ = new wxChoice(page, wxID_ANY);
    grid->Add(mapping_, 0, wxEXPAND);

    grid->AddSpacer(0);
    columns_ = new wxButton(page, wxID_ANY, _("Choose the co&lumns by hand..."));
    grid->Add(columns_, 0);
    col->Add(grid, 0, wxEXPAND | wxBOTTOM, gap * 3);

    auto* note = new wxStaticText(page, wxID_ANY,
                                  _("The list is read with its header in Kazakh, Russian or English; title rows above the "
                                    "header are skipped. Nothing is stored before the last step."));
    note->Wrap(FromDIP(860));
    col->Add(note, 0, wxEXPAND);
    page->SetSizer(col);

    institution_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { institution_chosen(); });
    browse_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { browse(); });
    file_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        explicit_mapping_.reset();  // columns chosen for another file
        update_buttons();
    });
    columns_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_columns(); });
    return page;
}

wxWindow* ListImportWizard::build_preview_step() {
    auto* page = new wxPanel(steps_);
    const int gap = FromDIP(6);
    auto* col = new wxBoxSizer(wxVERTICAL);
    counts_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
    counts_->SetFont(counts_->GetFont().Bold());
    col->Add(counts_, 0, wxEXPAND | wxBOTTOM, gap);
    file_problems_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
    file_problems_->SetForegroundColour(palette::error_text());
    col->Add(file_problems_, 0, wxEXPAND | wxBOTTOM, gap);
    unknown_columns_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
    col->Add(unknown_columns_, 0, wxEXPAND | wxBOTTOM, gap);
    mapping_line_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
    col->Add(mapping_line_, 0, wxEXPAND | wxBOTTOM, gap);

    auto* filter_row = new wxBoxSizer(wxHORIZONTAL);
    filter_row->Add(new wxStaticText(page, wxID_ANY, _("&Show:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    row_filter_ = new wxChoice(page, wxID_ANY);
    row_filter_->Append(_("all rows"));
    row_filter_->Append(_("rejected rows"));
    row_filter_->Append(_("rows with warnings"));
    row_filter_->SetSelection(0);
    filter_row->Add(row_filter_, 0, wxALIGN_CENTER_VERTICAL);
    col->Add(filter_row, 0, wxBOTTOM, gap);

    rows_ = new ListPreviewView(page);
    rows_->SetMinSize(FromDIP(wxSize(900, 340)));
    col->Add(rows_, 1, wxEXPAND | wxBOTTOM, gap);
    // The selected row's problems in full: the column cuts long ones.
    row_detail_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
    col->Add(row_detail_, 0, wxEXPAND | wxBOTTOM, gap);

    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    change_columns_ = new wxButton(page, wxID_ANY, _("Change the co&lumns..."));
    actions->Add(change_columns_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    export_rejected_ = new wxButton(page, wxID_ANY, _("E&xport rejected rows..."));
    export_rejected_->SetToolTip(_("The rejected rows with their problems, to send back to the institution"));
    actions->Add(export_rejected_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 4);
    actions->AddStretchSpacer();
    actions->Add(new wxStaticText(page, wxID_ANY, _("Save the columns &as:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    save_mapping_ = new wxTextCtrl(page, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(180, -1)));
    save_mapping_->SetHint(_("name, e.g. default"));
    save_mapping_->SetToolTip(_("Saved for this institution on import, so its next list is read the same way"));
    actions->Add(save_mapping_, 0, wxALIGN_CENTER_VERTICAL);
    col->Add(actions, 0, wxEXPAND);
    page->SetSizer(col);

    row_filter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        rows_->set_filter(static_cast<ListPreviewView::Filter>(std::max(0, row_filter_->GetSelection())));
        row_detail_->SetLabel(wxEmptyString);
    });
    rows_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        const lists::PreviewRow* row = rows_->row_at(e.GetIndex());
        wxString text;
        if (row)
            for (const auto& p : row->problems)
                text += (text.empty() ? format_text(_("Line {}: "), {number(row->entry.line)}) : wxString("\n    ")) +
                        error_text(p.message);
        row_detail_->SetLabel(text);
        row_detail_->Wrap(FromDIP(900));
        Layout();
    });
    change_columns_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_columns(); });
    export_rejected_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_rejected(); });
    return page;
}

wxWindow* ListImportWizard::build_changes_step() {
    auto* page = new wxPanel(steps_);
    const int gap = FromDIP(6);
    auto* col = new wxBoxSizer(wxVERTICAL);
    diff_summary_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
    col->Add(diff_summary_, 0, wxEXPAND | wxBOTTOM, gap);
    diff_ = new ListDiffView(page);
    col->Add(diff_, 1, wxEXPAND);
    page->SetSizer(col);
    return page;
}

std::filesystem::path ListImportWizard::chosen_file() const {
    return std::filesystem::path(to_utf8(file_->GetValue().Strip(wxString::both)));
}

void ListImportWizard::institution_chosen() {
    mapping_->Clear();
    mapping_names_.clear();
    // TRANSLATORS: saved column mapping choice: none chosen, read the header (or the one named "default").
    mapping_->Append(_("none: recognise the header"));
    mapping_->SetSelection(0);
    const int i = institution_->GetSelection();
    if (i >= 0) {
        // The list's date starts at the stage-1 date of the institution's region (the census
        // calendar), else today; the person may still change it.
        wxDateTime as_of = wxDateTime::Today();
        if (auto calendar = census_calendar(session_)) {
            const std::string date = list_date_for(*calendar, institutions_[static_cast<std::size_t>(i)].kato.code);
            wxDateTime parsed;
            if (!date.empty() && parsed.ParseISODate(from_utf8(date))) as_of = parsed;
        }
        as_of_->SetValue(as_of);
        if (auto names = saved_mappings(session_, institutions_[static_cast<std::size_t>(i)].bin)) {
            mapping_names_ = std::move(*names);
            for (const auto& n : mapping_names_) mapping_->Append(from_utf8(n));
        }
    }
    mapping_->Enable(!mapping_names_.empty());
    update_buttons();
}

void ListImportWizard::browse() {
    wxFileDialog dialog(this, _("Open an institution's list"), wxEmptyString, wxEmptyString,
                        _("Lists (*.xlsx;*.csv)|*.xlsx;*.csv|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    file_->SetValue(dialog.GetPath());
    file_->SetInsertionPointEnd();
}

std::optional<ListImportRequest> ListImportWizard::request_from_source() {
    const int i = institution_->GetSelection();
    if (i < 0) {
        show_error(_("Choose the institution whose list this is."));
        go_to(kSource);
        institution_->SetFocus();
        return std::nullopt;
    }
    if (chosen_file().empty()) {
        show_error(_("Choose the list file."));
        go_to(kSource);
        file_->SetFocus();
        return std::nullopt;
    }
    ListImportRequest request;
    request.file = chosen_file();
    request.institution_bin = institutions_[static_cast<std::size_t>(i)].bin;
    request.as_of = to_utf8(as_of_->GetValue().FormatISODate());
    const int m = mapping_->GetSelection();
    if (m > 0 && static_cast<std::size_t>(m) <= mapping_names_.size()) request.mapping_name = mapping_names_[static_cast<std::size_t>(m - 1)];
    request.mapping = explicit_mapping_;
    return request;
}

void ListImportWizard::next() {
    if (busy_) return;
    if (step_ == kSource) {
        if (auto request = request_from_source()) start_preview(std::move(*request));
    } else if (step_ == kPreview && preview_ && preview_->diff) {
        go_to(kChanges);
    }
}

struct ListImportWizard::ReadPreview {
    std::shared_ptr<ListImportPreview> preview;
    lists::PreviewIndex index;
};

void ListImportWizard::start_preview(ListImportRequest request) {
    show_error(wxEmptyString);
    set_busy(true, format_text(_("Reading {}..."), {from_utf8(request.file.filename().string())}));
    run_on_worker_session<ReadPreview>(
        lifeline_, workspace_,
        [request](Session& session) -> Result<ReadPreview> {
            auto read = app::read_list(session, request);
            SANAQ_TRY(read);
            ReadPreview ready{std::make_shared<ListImportPreview>(std::move(*read)), {}};
            ready.index = lists::index_preview(ready.preview->preview);
            return ready;
        },
        [this](Result<ReadPreview> result) { preview_ready(std::move(result)); });
}

void ListImportWizard::preview_ready(Result<ReadPreview> result) {
    if (!result) {
        set_busy(false);
        show_error(error_text(result.error()));
        return;
    }
    auto previous = std::move(result->preview);
    preview_.swap(previous);
    index_ = std::move(result->index);
    set_busy(false);
    fill_preview();  // the views point at the new preview before the old one goes
    fill_changes();
    go_to(kPreview);
    release_off_ui_thread(std::move(previous));
}

void ListImportWizard::fill_preview() {
    const auto& p = preview_->preview;
    counts_->SetLabel(format_text(_("Rows read: {}; can be imported: {} (with warnings: {}); rejected: {}."),
                                  {number(index_.rows), number(index_.importable), number(index_.warnings), number(index_.rejected)}));
    if (p.file_problems.empty()) {
        file_problems_->SetLabel(wxEmptyString);
        file_problems_->Hide();
    } else {
        wxString text = _("Nothing can be imported from this file as it is:");
        for (const auto& e : p.file_problems) text += "\n  - " + error_text(e);
        file_problems_->SetLabel(text);
        file_problems_->Wrap(FromDIP(900));
        file_problems_->Show();
    }
    if (p.unknown_columns.empty()) {
        unknown_columns_->SetLabel(wxEmptyString);
        unknown_columns_->Hide();
    } else {
        wxString names;
        for (const auto& c : p.unknown_columns) names += (names.empty() ? "" : ", ") + ("\"" + from_utf8(c) + "\"");
        unknown_columns_->SetLabel(format_text(_("Columns not read (not list columns): {}"), {names}));
        unknown_columns_->Wrap(FromDIP(900));
        unknown_columns_->Show();
    }
    const auto& request = preview_->request;
    const wxString saved = from_utf8(request.mapping_name.empty() ? std::string("default") : request.mapping_name);
    wxString how;
    if (p.mapping_detected)
        how = format_text(_("Columns recognised from the header on row {}."), {number(p.mapping.header_line)});
    else if (!request.mapping)
        how = format_text(_("Columns as saved for this institution under \"{}\"."), {saved});
    else if (p.mapping.header_line == 0)
        how = _("Columns as chosen by hand; the file has no header row.");
    else
        how = format_text(_("Columns as chosen by hand; header on row {}."), {number(p.mapping.header_line)});
    if (!p.encoding.empty()) how += "  " + format_text(_("Encoding: {}."), {from_utf8(p.encoding)});
    mapping_line_->SetLabel(how);
    rows_->set_preview(&p, &index_, static_cast<ListPreviewView::Filter>(std::max(0, row_filter_->GetSelection())));
    row_detail_->SetLabel(wxEmptyString);
}

void ListImportWizard::fill_changes() {
    if (!preview_ || !preview_->diff || !preview_->previous) {
        diff_->set_diff(nullptr);
        diff_summary_->SetLabel(wxEmptyString);
        return;
    }
    const auto& d = *preview_->diff;
    const auto& prev = *preview_->previous;
    diff_summary_->SetLabel(format_text(
        _("Against version {} as of {} ({}, persons: {}): {} added, {} removed, {} changed, {} unchanged."),
        {number(prev.version), from_utf8(prev.as_of), from_utf8(prev.source_name), count_text(prev.rows_imported),
         number(static_cast<int>(d.added.size())), number(static_cast<int>(d.removed.size())),
         number(static_cast<int>(d.changed.size())), number(d.unchanged)}));
    diff_summary_->Wrap(FromDIP(900));
    diff_->set_diff(&d);
}

void ListImportWizard::go_to(int step) {
    step_ = std::clamp(step, 0, kStepCount - 1);
    steps_->SetSelection(static_cast<size_t>(step_));
    heading_->SetLabel(step_heading(step_));
    update_buttons();
    switch (step_) {
        case kSource: institution_->GetSelection() < 0 ? institution_->SetFocus() : file_->SetFocus(); break;
        case kPreview: rows_->SetFocus(); break;
        default: diff_->SetFocus(); break;
    }
    Layout();
}

void ListImportWizard::update_buttons() {
    const bool have = preview_ != nullptr;
    const bool usable = have && preview_->preview.usable() && index_.importable > 0;
    const int importable = have ? index_.importable : 0;
    const int rejected = have ? index_.rejected : 0;
    back_->Enable(!busy_ && step_ > kSource);
    next_->Enable(!busy_ && (step_ == kSource || (step_ == kPreview && have && preview_->diff)));
    finish_->Enable(!busy_ && step_ != kSource && usable);
    finish_->SetLabel(!have         ? _("Im&port")
                      : rejected > 0 ? format_text(wxPLURAL("Im&port {} valid row", "Im&port {} valid rows",
                                                            static_cast<unsigned>(importable)),
                                                   {number(importable)})
                                     : format_text(wxPLURAL("Im&port {} row", "Im&port {} rows", static_cast<unsigned>(importable)),
                                                   {number(importable)}));

    // With rejected rows the choice is plain: import the valid ones, or go and fix the file.
    cancel_->SetLabel(step_ != kSource && rejected > 0 ? _("Cancel to &fix the file") : _("&Cancel"));
    cancel_->Enable(!storing_);
    columns_->Enable(!busy_ && !chosen_file().empty());
    change_columns_->Enable(!busy_ && have);
    export_rejected_->Enable(!busy_ && rejected > 0);
    wxButton* default_button = step_ == kSource ? next_ : (step_ == kPreview && have && preview_->diff) ? next_ : finish_;
    if (default_button->IsEnabled()) default_button->SetDefault();
    Layout();
}

void ListImportWizard::edit_columns() {
    const auto path = chosen_file();
    if (path.empty() || busy_) return;
    show_error(wxEmptyString);
    set_busy(true, format_text(_("Reading {}..."), {from_utf8(path.filename().string())}));
    run_in_background<std::vector<std::vector<std::string>>>(
        lifeline_,
        [path]() -> Result<std::vector<std::vector<std::string>>> {
            auto table = tables::read_table(path);
            SANAQ_TRY(table);
            auto& rows = table->rows;
            if (rows.size() > kTopRows) rows.resize(kTopRows);
            return std::move(rows);
        },
        [this](Result<std::vector<std::vector<std::string>>> rows) {
            set_busy(false);
            if (!rows) {
                show_error(error_text(rows.error()));
                return;
            }
            lists::ColumnMapping initial;
            if (explicit_mapping_) initial = *explicit_mapping_;
            else if (preview_) initial = preview_->preview.mapping;
            ColumnMappingDialog dialog(this, std::move(*rows), initial);
            if (dialog.ShowModal() == wxID_OK) use_mapping(dialog.mapping());
        });
}

void ListImportWizard::use_mapping(const lists::ColumnMapping& mapping) {
    explicit_mapping_ = mapping;
    if (auto request = request_from_source()) start_preview(std::move(*request));
}

void ListImportWizard::export_rejected() {
    if (!preview_) return;
    const auto stem = std::filesystem::path(preview_->source_name).stem().string();
    const auto path = ask_table_path(this, _("Export the rejected rows"), from_utf8(stem) + "-" + _("rejected") + ".xlsx");
    if (path.empty()) return;
    if (auto ok = export_rejected_to(path); !ok) {
        show_error(error_text(ok.error()));
        return;
    }
    show_error(wxEmptyString);
    busy_text_->SetLabel(format_text(_("The rejected rows are in {}."), {from_utf8(path.string())}));
    Layout();
}

Status ListImportWizard::export_rejected_to(const std::filesystem::path& path) {
    if (!preview_) return fail(ErrorCode::RefusedByState, N_("Read the list first."));
    return export_rejected_rows(session_, *preview_, path, ui_renderer());
}

ListImportWizard::~ListImportWizard() {
    // Nothing points into the preview any more when it goes.
    if (rows_) rows_->set_preview(nullptr, nullptr);
    if (diff_) diff_->set_diff(nullptr);
    release_off_ui_thread(std::move(preview_));
}

void ListImportWizard::release_off_ui_thread(std::shared_ptr<ListImportPreview> preview) {
    // Freeing 50,000 read rows takes tens of milliseconds: the executor does it, counted as
    // background work so that the application waits for it before it exits.
    if (!preview || preview.use_count() > 1) return;  // a worker still storing it frees it there
    run_detached([preview = std::move(preview)]() mutable { preview.reset(); });
}

void ListImportWizard::finish() {
    if (busy_ || !preview_ || step_ == kSource) return;
    // The wizard stays busy until the worker is done, so nothing else writes the preview meanwhile.
    preview_->request.save_mapping_as = to_utf8(save_mapping_->GetValue().Strip(wxString::both));
    std::shared_ptr<const ListImportPreview> preview = preview_;
    show_error(wxEmptyString);
    storing_ = true;
    set_busy(true, _("Storing the list..."));
    run_on_worker_session<StoredList>(
        lifeline_, workspace_,
        // The finish button says "Import N valid rows": choosing it is choosing the valid rows.
        [preview = std::move(preview)](Session& session) {
            return app::store_list(session, *preview, {.valid_only = true});
        },
        [this](Result<StoredList> stored) {
            storing_ = false;
            set_busy(false);
            if (!stored) {
                show_error(error_text(stored.error()));
                return;
            }
            imported_ = std::move(*stored);
            EndModal(wxID_OK);
        });
}

void ListImportWizard::set_busy(bool busy, const wxString& what) {
    busy_ = busy;
    if (busy) {
        spinner_->Show();
        spinner_->Start();
    } else {
        spinner_->Stop();
        spinner_->Hide();
    }
    busy_text_->SetLabel(what);
    update_buttons();
}

void ListImportWizard::show_error(const wxString& text) {
    error_->SetLabel(text);
    error_->Wrap(FromDIP(900));
    Layout();
}

}  // namespace sanaq::ui
