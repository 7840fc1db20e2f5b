#include "ui/coverage/coverage_panel.h"
#include "ui/common/button_labels.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include "core/domain/role.h"
#include "app/coverage_exports.h"
#include "app/reconciliations.h"
#include "app/records_exports.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/app/worker_task.h"
#include "ui/common/counts_source_text.h"
#include "ui/common/confirm_dialog.h"
#include "ui/common/error_text.h"
#include "ui/common/table_export.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_bar_chart.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/coverage/coverage_people_dialog.h"
#include "ui/coverage/coverage_table_view.h"
#include "ui/coverage/progress_chart.h"
#include "ui/devices/devices_panel.h"
#include "ui/common/wrapping_text.h"

namespace sanaq::ui {
namespace {
constexpr auto kProgressInterval = std::chrono::milliseconds(100);  // at most ~10 reports a second
constexpr CoverageLevel kLevels[] = {CoverageLevel::Institution, CoverageLevel::District, CoverageLevel::Region};
constexpr int kStages = 3;

int stage_index(ReconcileProgress::Stage stage) {
    switch (stage) {
        case ReconcileProgress::Stage::Loading: return 0;
        case ReconcileProgress::Stage::Matching: return 1;
        case ReconcileProgress::Stage::Storing: return 2;
    }
    return 0;
}
}  // namespace

CoveragePanel::CoveragePanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : wxPanel(parent), workspace_(std::move(workspace)), session_(workspace_->session()) {
    build();
    reload();
}

CoveragePanel::~CoveragePanel() {
    if (job_) job_->cancel = true;  // the run stops at its next stage; nothing is stored
}

void CoveragePanel::build() {
    const int gap = FromDIP(6);
    const Role role = session_.actor.role;
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);

    auto* head = new wxBoxSizer(wxHORIZONTAL);
    reconcile_ = new wxButton(this, wxID_ANY, _("&Reconcile"));
    reconcile_->SetToolTip(_("Match every current list against the enumerated records; takes a while on a big workspace"));
    cancel_ = new wxButton(this, wxID_ANY, _("Ca&ncel"));
    head->Add(reconcile_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    head->Add(cancel_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 4);
    if (!permits(role, Operation::Reconcile)) {
        reconcile_->Hide();
        cancel_->Hide();
    }
    head->Add(new wxStaticText(this, wxID_ANY, _("Figures &by:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    level_ = new wxChoice(this, wxID_ANY);
    // TRANSLATORS: coverage figures grouped by institution, by district or by region.
    level_->Append(_("institution"));
    level_->Append(_("district"));
    level_->Append(_("region"));
    level_->SetSelection(0);
    head->Add(level_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    spinner_ = new wxActivityIndicator(this);
    spinner_->Hide();
    head->Add(spinner_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    run_text_ = new wxStaticText(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    head->Add(run_text_, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(head, 0, wxEXPAND | wxALL, gap);
    source_note_ = new WrappingText(this);
    top->Add(source_note_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    source_note_->Hide();

    auto* progress_row = new wxBoxSizer(wxHORIZONTAL);
    gauge_ = new wxGauge(this, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(260, 14)));
    progress_row->Add(gauge_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 2);
    progress_text_ = new wxStaticText(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    progress_row->Add(progress_text_, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(progress_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    if (!permits(role, Operation::Reconcile)) top->Hide(progress_row);

    // The table over the full width (it has ten columns), the two charts side by side below it;
    // the sash moves the border between them.
    splitter_ = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    splitter_->SetMinimumPaneSize(FromDIP(120));
    splitter_->SetSashGravity(0.5);
    auto* upper = new wxPanel(splitter_);
    auto* upper_sizer = new wxBoxSizer(wxVERTICAL);
    upper_sizer->Add(new WrappingText(upper, _("Coverage &table (Enter on an institution shows its people):")), 0,
                     wxEXPAND | wxBOTTOM, gap / 2);
    table_ = new CoverageTableView(upper);
    table_->SetMinSize(FromDIP(wxSize(300, 100)));
    upper_sizer->Add(table_, 1, wxEXPAND | wxBOTTOM, gap / 2);
    upper->SetSizer(upper_sizer);
    auto* lower = new wxPanel(splitter_);
    auto* charts = new wxBoxSizer(wxHORIZONTAL);
    auto* bars_column = new wxBoxSizer(wxVERTICAL);
    bars_title_ = new wxStaticText(lower, wxID_ANY, _("Coverage, lowest first:"));
    bars_column->Add(bars_title_, 0, wxTOP | wxBOTTOM, gap / 2);
    bars_ = new CoverageBarChart(lower);
    bars_->SetMinSize(FromDIP(wxSize(260, 100)));
    bars_column->Add(bars_, 1, wxEXPAND);
    charts->Add(bars_column, 1, wxEXPAND | wxRIGHT, gap);
    auto* progress_column = new wxBoxSizer(wxVERTICAL);
    progress_column->Add(new wxStaticText(lower, wxID_ANY, _("Progress over the days:")), 0, wxTOP | wxBOTTOM, gap / 2);
    progress_ = new ProgressChart(lower);
    progress_->SetMinSize(FromDIP(wxSize(260, 100)));
    progress_column->Add(progress_, 1, wxEXPAND);
    charts->Add(progress_column, 1, wxEXPAND);
    lower->SetSizer(charts);
    splitter_->SplitHorizontally(upper, lower);
    top->Add(splitter_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
    // Half and half whatever the screen's size, until the user moves the sash.
    splitter_->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        if (!sash_moved_)
            CallAfter([this, token = lifeline_.token()] {
                if (*token && !sash_moved_) splitter_->SetSashPosition(splitter_->GetClientSize().y / 2, false);
            });
        e.Skip();
    });
    splitter_->Bind(wxEVT_SPLITTER_SASH_POS_CHANGED, [this](wxSplitterEvent& e) {
        sash_moved_ = true;
        e.Skip();
    });

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    import_channels_ = new wxButton(this, wxID_ANY, _("Import counted &elsewhere..."));
    import_channels_->SetToolTip(
        _("The census database's file of people who answered online or on a tablet synced over VPN: they count as "
          "covered, not missing"));
    if (!permits(role, Operation::ImportLists)) import_channels_->Hide();
    people_ = new wxButton(this, wxID_ANY, _("&People..."));
    people_->SetToolTip(_("The persons of the selected institution with their outcome"));
    export_xlsx_ = new wxButton(this, wxID_ANY, _("Export &XLSX..."));
    export_pdf_ = new wxButton(this, wxID_ANY, _("Export P&DF..."));
    buttons->Add(people_, 0, wxRIGHT, gap * 4);
    buttons->Add(export_xlsx_, 0, wxRIGHT, gap);
    buttons->Add(export_pdf_, 0);
    export_records_ = new wxButton(this, wxID_ANY, _("Export re&cords..."));
    export_records_->SetToolTip(_("The enumerated persons to a CSV or XLSX file: personal data, recorded in the audit trail"));
    if (!permits(role, Operation::ViewCensusData)) people_->Hide();
    if (!permits(role, Operation::ExportReports)) {
        export_xlsx_->Hide();
        export_pdf_->Hide();
    }
    if (!permits(role, Operation::ExportRecords)) export_records_->Hide();
    // Personal data coming in and going out, on a row of their own: beside Reconcile or the
    // report's exports, the rows no longer fit at 200 % text.
    auto* records_row = new wxBoxSizer(wxHORIZONTAL);
    records_row->Add(import_channels_, 0, wxRIGHT, gap * 4);
    records_row->Add(export_records_, 0);
    top->Add(records_row, 0, wxLEFT | wxRIGHT | wxTOP, gap);
    top->Add(buttons, 0, wxALL, gap);
    SetSizer(top);

    reconcile_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reconcile(); });
    cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (channels_cancel_) {
            *channels_cancel_ = true;  // nothing of the file is stored unless its transaction began
            cancel_->Enable(false);
            return;
        }
        cancel_reconcile();
    });
    import_channels_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_channels(); });
    level_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { reload(); });
    table_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { open_people(); });
    table_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
    table_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { update_buttons(); });
    bars_->on_pick = [this](const std::string& key) {
        if (table_->select_key(key)) table_->SetFocus();
        update_buttons();
    };
    people_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_people(); });
    export_xlsx_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_xlsx(); });
    export_pdf_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_pdf(); });
    export_records_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (records_cancel_) stop_records_export();
        else export_records();
    });
    progress_text_->SetLabel(_("Press Reconcile after importing lists or pulling tablets."));
    update_buttons();
}

CoverageLevel CoveragePanel::level() const { return kLevels[std::clamp(level_->GetSelection(), 0, 2)]; }

void CoveragePanel::set_level(CoverageLevel level) {
    for (int i = 0; i < 3; ++i)
        if (kLevels[i] == level) level_->SetSelection(i);
    reload();
}

// ---- the report -----------------------------------------------------------------------------

void CoveragePanel::reload() {
    const unsigned generation = ++generation_;
    ++loading_;
    spinner_->Show();
    spinner_->Start();
    Layout();
    const CoverageLevel wanted = level();
    run_on_worker_session<CoverageReport>(
        lifeline_, workspace_, [wanted](Session& session) { return coverage_report(session, wanted); },
        [this, generation](Result<CoverageReport> report) {
            if (--loading_ == 0) {
                spinner_->Stop();
                spinner_->Hide();
                Layout();
            }
            if (generation == generation_) report_loaded(std::move(report));  // a later request wins
        });
}

void CoveragePanel::report_loaded(Result<CoverageReport> report) {
    if (!report) {
        notify(error_text(report.error()), true);
        return;
    }
    const CoverageRow* selected = table_->selected_row();
    const std::string selected_key = selected ? selected->key : std::string();
    table_->set_report(nullptr);  // the rows it points into are about to go
    report_ = std::move(*report);
    table_->set_report(&*report_);
    if (!selected_key.empty()) table_->select_key(selected_key);
    std::vector<CoverageBarChart::Bar> bars;
    for (const auto& r : report_->rows) bars.push_back({r.key, coverage_row_name(r), r.coverage_percent(), r.listed});
    bars_->set_bars(std::move(bars));
    switch (report_->level) {
        case CoverageLevel::Institution: bars_title_->SetLabel(_("Coverage by institution, lowest first:")); break;
        case CoverageLevel::District: bars_title_->SetLabel(_("Coverage by district, lowest first:")); break;
        case CoverageLevel::Region: bars_title_->SetLabel(_("Coverage by region, lowest first:")); break;
    }
    progress_->set_progress(report_->progress, report_->total.listed);
    fill_run_text();
    update_buttons();
    Layout();
}

void CoveragePanel::fill_run_text() {
    // Counts from the department's summary say so, and as of when, above the table.
    const bool summary = report_ && report_->source.summary;
    if (summary) source_note_->set_text(counts_source_note(report_->source));
    source_note_->Show(summary);
    if (!report_ || !report_->run) {
        run_text_->SetLabel(_("Not reconciled yet."));
        return;
    }
    const ReconcileRun& run = *report_->run;
    run_text_->SetLabel(format_text(_("Last reconciliation {} by {}: listed persons: {}, enumerated persons: {}."),
                                    {utc_time_text(run.finished_at_utc), from_utf8(run.user), count_text(run.listed),
                                     count_text(run.enumerated)}));
    run_text_->SetToolTip(run_text_->GetLabel());
}

// ---- reconciliation -------------------------------------------------------------------------

bool CoveragePanel::reconcile() {
    if (job_ || channels_cancel_ || !permits(session_.actor.role, Operation::Reconcile)) return false;
    job_ = std::make_shared<ReconcileJob>();
    job_->started = std::chrono::steady_clock::now();
    job_->observe_stage = stage_observer_;
    progress_updates_ = 0;
    gauge_->SetValue(0);
    progress_text_->SetLabel(tr_label(reconcile_stage_label(ReconcileProgress::Stage::Loading)));
    update_buttons();
    auto job = job_;
    auto token = lifeline_.token();
    run_in_background<ReconcileSummary>(
        lifeline_,
        [this, workspace = workspace_, job, token]() mutable -> Result<ReconcileSummary> {
            auto worker = OpenWorkspace::open_worker_session(std::move(workspace));
            SANAQ_TRY(worker);
            // The matcher may report from several threads: one clock for all of them.
            auto mutex = std::make_shared<std::mutex>();
            auto last = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now() - kProgressInterval);
            auto last_stage = std::make_shared<int>(-1);
            auto progress = [this, token, mutex, last, last_stage,
                             observe = job->observe_stage](const app::JobProgress& job_progress) {
                const ReconcileProgress p{app::reconcile_stage_of(job_progress),
                                          static_cast<double>(job_progress.done) / 1000.0};
                if (observe) observe(p.stage);
                {
                    std::lock_guard lock(*mutex);
                    const auto now = std::chrono::steady_clock::now();
                    const int stage = stage_index(p.stage);
                    if (stage == *last_stage && now - *last < kProgressInterval) return;
                    *last = now;
                    *last_stage = stage;
                }
                wxTheApp->CallAfter([this, token, p] {
                    if (*token) show_progress(p);
                });
            };
            return app::reconcile((*worker)->session(), progress, app::CancelToken(job->cancel));
        },
        [this](Result<ReconcileSummary> summary) { reconcile_finished(std::move(summary)); });
    if (on_status) on_status(_("Reconciling the lists with the enumerated records..."));
    return true;
}

void CoveragePanel::import_channels() {
    wxFileDialog dialog(this, _("Import people counted elsewhere (online, VPN tablets)"), wxEmptyString,
                        wxEmptyString, _("Tables (*.csv;*.xlsx)|*.csv;*.xlsx"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    import_channels_from(std::filesystem::path(to_utf8(dialog.GetPath())));
}

bool CoveragePanel::import_channels_from(const std::filesystem::path& path, bool valid_only) {
    if (job_ || channels_cancel_ || !permits(session_.actor.role, Operation::ImportLists)) return false;
    channels_cancel_ = std::make_shared<std::atomic<bool>>(false);
    gauge_->SetValue(0);
    progress_text_->SetLabel(tr_label(app::kReadChannelsStage));
    update_buttons();
    cancel_->Enable(true);
    auto cancel = channels_cancel_;
    auto token = lifeline_.token();
    run_in_background<app::ChannelImportOutcome>(
        lifeline_,
        [this, workspace = workspace_, cancel, token, path, valid_only]() mutable -> Result<app::ChannelImportOutcome> {
            auto worker = OpenWorkspace::open_worker_session(std::move(workspace));
            SANAQ_TRY(worker);
            auto progress = [this, token](const app::JobProgress& p) {
                const int value = p.total ? static_cast<int>(1000 * p.done / p.total) : 0;
                const wxString stage = tr_label(p.stage);
                wxTheApp->CallAfter([this, token, value, stage] {
                    if (!*token) return;
                    gauge_->SetValue(std::clamp(value, 0, gauge_->GetRange()));
                    progress_text_->SetLabel(stage);
                });
            };
            return app::import_channels((*worker)->session(), {path, ""}, {.valid_only = valid_only}, progress,
                                        app::CancelToken(*cancel));
        },
        [this, path](Result<app::ChannelImportOutcome> outcome) { channels_imported(std::move(outcome), path); });
    return true;
}

void CoveragePanel::channels_imported(Result<app::ChannelImportOutcome> outcome, const std::filesystem::path& path) {
    channels_cancel_.reset();
    last_channels_ = outcome;
    update_buttons();
    if (!outcome) {
        const bool cancelled = outcome.error().code == ErrorCode::Cancelled;
        progress_text_->SetLabel(cancelled ? _("The import was cancelled; nothing was stored.")
                                           : _("The channel file was not imported; see the message above."));
        notify(cancelled ? _("The import was cancelled; nothing was stored.") : error_text(outcome.error()), !cancelled);
        return;
    }
    gauge_->SetValue(gauge_->GetRange());
    const auto& f = outcome->stored;
    const wxString text = format_text(
        _("{}: {} people counted elsewhere are stored (version {} of {}; rejected rows: {}). Press Reconcile to "
          "count them."),
        {from_utf8(path.filename().string()), count_text(f.rows_imported), wxString::Format("%d", f.version),
         from_utf8(f.source), count_text(outcome->rejected)});
    progress_text_->SetLabel(_("The channel file is stored."));
    notify(text, false);
}

void CoveragePanel::cancel_reconcile() {
    if (!job_) return;
    job_->cancel = true;
    cancel_->Enable(false);
    progress_text_->SetLabel(_("Cancelling: the results stay as they were..."));
}

void CoveragePanel::show_progress(const ReconcileProgress& p) {
    if (!job_) return;
    ++progress_updates_;
    const double overall = (stage_index(p.stage) + std::clamp(p.fraction, 0.0, 1.0)) / kStages;
    gauge_->SetValue(static_cast<int>(overall * 1000));
    if (!job_->cancel)
        progress_text_->SetLabel(format_text(_("{} ({} of 3)"), {tr_label(reconcile_stage_label(p.stage)),
                                                                 wxString::Format("%d", stage_index(p.stage) + 1)}));
}

void CoveragePanel::reconcile_finished(Result<ReconcileSummary> summary) {
    const double seconds =
        job_ ? std::chrono::duration<double>(std::chrono::steady_clock::now() - job_->started).count() : 0.0;
    job_.reset();
    last_reconcile_ = summary;
    if (!summary) {
        const bool cancelled = summary.error().code == ErrorCode::Cancelled;
        const wxString text = cancelled ? _("The reconciliation was cancelled; the previous results stay.")
                                        : error_text(summary.error());
        progress_text_->SetLabel(cancelled ? text : _("The reconciliation stopped; see the message above."));
        gauge_->SetValue(0);
        if (cancelled) {
            last_notice_ = text;
            if (on_status) on_status(text);
        } else {
            notify(text, true);
        }
        if (on_finished)
            on_finished(cancelled ? _("Reconciliation cancelled") : _("Reconciliation stopped"),
                        cancelled ? text : _("The reconciliation stopped; see the Coverage screen."));
        update_buttons();
        return;
    }
    const ReconcileSummary& s = *summary;
    gauge_->SetValue(gauge_->GetRange());
    progress_text_->SetLabel(seconds < 1.0 ? _("Done in under a second.")
                                           : format_text(_("Done in {} s."), {wxString::Format("%.1f", seconds)}));
    wxString text = format_text(
        _("Reconciled: listed persons: {}, institutions: {}, enumerated persons: {}. Matched: {}, to review: {} (new: "
          "{}), missing: {}, extra: {}, duplicates: {}."),
        {count_text(s.run.listed), count_text(s.institutions), count_text(s.run.enumerated), count_text(s.run.matched),
         count_text(s.review_open), count_text(s.review_new), count_text(s.run.missing), count_text(s.run.extra),
         count_text(s.run.duplicate)});
    if (s.awaiting_confirmation > 0)
        text += " " + format_text(wxPLURAL("{} decision waits for a second supervisor.",
                                           "{} decisions wait for a second supervisor.",
                                           static_cast<unsigned>(s.awaiting_confirmation)),
                                  {count_text(s.awaiting_confirmation)});

    notify(text, false);
    if (on_status) on_status(_("The reconciliation is complete."));
    if (on_finished) on_finished(_("Reconciliation complete"), _("The reconciliation is complete."));
    update_buttons();
    reload();
}

// ---- drill-down and exports -----------------------------------------------------------------

void CoveragePanel::update_buttons() {
    const Role role = session_.actor.role;
    const bool running = static_cast<bool>(job_);
    reconcile_->Enable(!running && !channels_cancel_ && permits(role, Operation::Reconcile));
    cancel_->Enable((running && !job_->cancel) || (channels_cancel_ && !*channels_cancel_));
    import_channels_->Enable(!running && !channels_cancel_ && permits(role, Operation::ImportLists));
    const CoverageRow* row = table_->selected_row();
    people_->Enable(row && report_ && report_->level == CoverageLevel::Institution && permits(role, Operation::ViewCensusData));
    const bool have = report_ && !report_->rows.empty();
    export_xlsx_->Enable(have);
    export_pdf_->Enable(have && !pdf_busy_);
    // While an export reads, its button stops it.
    export_records_->SetLabel(records_cancel_ ? _("Stop the re&cords export") : _("Export re&cords..."));
    export_records_->Enable(!records_cancel_ || !*records_cancel_);
}

void CoveragePanel::open_people() {
    const CoverageRow* row = table_->selected_row();
    if (!row || !report_) return;
    if (report_->level != CoverageLevel::Institution) {
        notify(_("People are shown per institution: choose \"institution\" under Figures by."), false);
        return;
    }
    if (!permits(session_.actor.role, Operation::ViewCensusData)) return;
    CoveragePeopleDialog dialog(this, workspace_, row->key, coverage_row_name(*row));
    dialog.ShowModal();
}

void CoveragePanel::export_xlsx() {
    if (!report_) return;
    wxFileDialog dialog(this, _("Export the coverage report"), wxEmptyString, _("coverage") + ".xlsx",
                        _("Excel workbook (*.xlsx)|*.xlsx"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) return;
    std::filesystem::path path(to_utf8(dialog.GetPath()));
    if (path.extension() != ".xlsx") path += ".xlsx";
    if (auto ok = export_xlsx_to(path); !ok) {
        notify(error_text(ok.error()), true);
        return;
    }
    notify(format_text(_("The coverage report is in {}."), {from_utf8(path.string())}), false);
}

Status CoveragePanel::export_xlsx_to(const std::filesystem::path& path) {
    if (!report_) return fail(ErrorCode::RefusedByState, N_("There is no coverage report yet."));
    return export_coverage_xlsx(session_, *report_, path, [](const char* msgid) { return translate_msgid(msgid); },
                                ui_language());
}

void CoveragePanel::export_pdf() {
    if (!report_ || pdf_busy_) return;
    wxFileDialog dialog(this, _("Export the coverage report as PDF"), wxEmptyString, _("coverage") + ".pdf",
                        _("PDF documents (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) return;
    std::filesystem::path path(to_utf8(dialog.GetPath()));
    if (path.extension() != ".pdf") path += ".pdf";
    export_pdf_to(path);
}

void CoveragePanel::export_pdf_to(const std::filesystem::path& path) {
    if (!report_ || pdf_busy_) return;
    pdf_busy_ = true;
    update_buttons();
    notify(_("Writing the PDF..."), false);
    // The entry on the trail, then the file: the same workflow as `sanaq coverage --pdf`
    // (src/app/coverage_exports.h), on a worker session since drawing the pages takes a while.
    const auto absolute = std::filesystem::absolute(path);
    run_on_worker_session<void>(
        lifeline_, workspace_,
        [report = *report_, absolute](Session& worker) { return app::export_coverage_pdf(worker, report, absolute); },
        [this, absolute](Status written) {
            pdf_busy_ = false;
            update_buttons();
            if (!written) {
                notify(error_text(written.error()), true);
                return;
            }
            notify(format_text(_("The coverage report is in {}."), {from_utf8(absolute.string())}), false);
        });
}

void CoveragePanel::export_records() {
    if (records_cancel_) return;
    // At the institution level a selected row narrows the export to that institution.
    const CoverageRow* row = table_->selected_row();
    const bool one = row && report_ && report_->level == CoverageLevel::Institution;
    const std::string bin = one ? row->key : std::string();
    const wxString what = one ? format_text(_("The file will hold the names, IINs and dates of birth of the persons "
                                              "enumerated in {}: personal data, outside the encrypted workspace. "
                                              "The export is recorded in the audit trail. Keep the file only as "
                                              "long as needed."),
                                            {coverage_row_name(*row)})
                              : _("The file will hold the names, IINs and dates of birth of every enumerated "
                                  "person: personal data, outside the encrypted workspace. The export is "
                                  "recorded in the audit trail. Keep the file only as long as needed.");
    ConfirmDialog confirm(this, _("Export records"), what, _("&Export..."), _("&Cancel"));
    if (confirm.ShowModal() != wxID_OK) return;
    const auto path = ask_table_path(this, _("Export records"), (one ? from_utf8(bin) : _("records")) + ".xlsx");
    if (path.empty()) return;
    export_records_to(path, bin);
}

void CoveragePanel::export_records_to(const std::filesystem::path& path, const std::string& bin) {
    if (records_cancel_ || !permits(session_.actor.role, Operation::ExportRecords)) return;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    records_cancel_ = cancel;
    update_buttons();
    notify(_("Reading the records..."), false);
    // Counts read so far reach the notice on the UI thread, a few times a second at most.
    auto token = lifeline_.token();
    auto last_report = std::make_shared<std::chrono::steady_clock::time_point>();
    app::JobProgressFn progress = [this, token, last_report](const app::JobProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (now - *last_report < kProgressInterval) return;
        *last_report = now;
        CallAfter([this, token, read = p.done] {
            if (!*token || !records_cancel_) return;
            notify(format_text(_("Reading the records: {} so far..."),
                               {count_text(static_cast<std::int64_t>(read))}),
                   false);
        });
    };
    const auto absolute = std::filesystem::absolute(path).lexically_normal();
    run_on_worker_session<std::int64_t>(
        lifeline_, workspace_,
        [absolute, bin, progress, cancel](Session& worker) {
            return app::export_records(worker, absolute, bin, progress, app::CancelToken(*cancel));
        },
        [this, absolute](Result<std::int64_t> written) {
            records_cancel_.reset();
            last_records_export_ = written;
            update_buttons();
            if (!written) {
                notify(written.error().code == ErrorCode::Cancelled
                           ? _("The records export was stopped; nothing was recorded and no file was written.")
                           : error_text(written.error()),
                       written.error().code != ErrorCode::Cancelled);
                return;
            }
            notify(format_text(wxPLURAL("{} person written to {}. Keep the file safe and delete it when done.",
                                        "{} persons written to {}. Keep the file safe and delete it when done.",
                                        static_cast<unsigned>(*written)),
                               {count_text(*written), from_utf8(absolute.string())}),
                   false);
        });
}

void CoveragePanel::stop_records_export() {
    if (!records_cancel_) return;
    *records_cancel_ = true;
    update_buttons();
}

void CoveragePanel::notify(const wxString& text, bool error) {
    last_notice_ = text;
    notices_->ShowMessage(text, error ? wxICON_ERROR : wxICON_INFORMATION);
    Layout();
}

}  // namespace sanaq::ui
