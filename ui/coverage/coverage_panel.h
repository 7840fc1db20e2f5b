#pragma once
// The Coverage screen: the reconciliation of the institutions' lists against the enumerated
// records (run on a worker thread with its own connection, progress by stage and Cancel), the
// coverage table per institution, district or region with the total, a bar chart of coverage
// (lowest first) and the progress over the days; the people behind an institution's row
// (CoveragePeopleDialog); the report to XLSX and PDF; the enumerated records to CSV/XLSX.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include <wx/panel.h>

#include "app/channel_imports.h"
#include "coverage/coverage_report.h"
#include "coverage/reconcile_run.h"
#include "ui/common/background_task.h"

class wxActivityIndicator;
class wxButton;
class wxChoice;
class wxGauge;
class wxInfoBar;
class wxSplitterWindow;
class wxStaticText;

namespace sanaq::ui {

class WrappingText;

class CoverageBarChart;
class CoverageTableView;
class OpenWorkspace;
class ProgressChart;

class CoveragePanel : public wxPanel {
public:
    CoveragePanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);
    ~CoveragePanel() override;  // a running reconciliation is cancelled (nothing is stored)

    /// The report read again (on a worker thread) at the chosen level.
    void reload();
    bool loading() const { return loading_ > 0; }
    void set_level(CoverageLevel level);
    CoverageLevel level() const;

    /// Starts a reconciliation; false when one is running or the role may not.
    bool reconcile();
    void cancel_reconcile();
    bool reconciling() const { return static_cast<bool>(job_); }
    /// How the last reconciliation started here ended.
    const std::optional<Result<ReconcileSummary>>& last_reconcile() const { return last_reconcile_; }
    unsigned progress_updates() const { return progress_updates_; }
    /// Called on the worker at every progress report of the next reconciliations started here,
    /// before anything reaches the screen. Tests hold a run at a stage with it, so that a cancel
    /// lands in the middle of the run however fast the machine is.
    void set_stage_observer(std::function<void(ReconcileProgress::Stage)> observer) {
        stage_observer_ = std::move(observer);
    }

    /// Imports the census database's file of people counted online or by tablets synced over VPN
    /// on a worker (progress and Cancel as a reconciliation), then reads the report again; false
    /// while a job runs or when the role may not. `valid_only`: store the valid rows of a file
    /// with rejected ones.
    bool import_channels_from(const std::filesystem::path& path, bool valid_only = false);
    bool importing_channels() const { return static_cast<bool>(channels_cancel_); }
    const std::optional<Result<app::ChannelImportOutcome>>& last_channel_import() const { return last_channels_; }

    const std::optional<CoverageReport>& report() const { return report_; }
    /// The people of the selected institution row (drill-down).
    void open_people();
    void export_xlsx();
    Status export_xlsx_to(const std::filesystem::path& path);
    void export_pdf();
    /// Writes the PDF (Kazakh and Russian) on a worker thread, then records the export.
    void export_pdf_to(const std::filesystem::path& path);
    bool writing_pdf() const { return pdf_busy_; }
    /// Every enumerated person (the selected institution's when an institution row is selected)
    /// to a CSV/XLSX file, after a confirmation naming what leaves the encrypted store.
    void export_records();
    /// The records export job (src/app/records_exports.h) on a worker session, without the
    /// dialogs: `bin` empty for every person. The button stops it while it reads.
    void export_records_to(const std::filesystem::path& path, const std::string& bin);
    void stop_records_export();
    bool exporting_records() const { return static_cast<bool>(records_cancel_); }
    /// How the last records export started here ended: persons written, or the error.
    const std::optional<Result<std::int64_t>>& last_records_export() const { return last_records_export_; }

    /// Where a finished reconciliation is announced besides the panel (MainFrame: its status bar).
    std::function<void(const wxString&)> on_status;
    /// The end of a reconciliation: title and text (MainFrame: the status bar and a desktop notice).
    std::function<void(const wxString&, const wxString&)> on_finished;
    const wxString& last_notice() const { return last_notice_; }

    // Controls, for tests and accessibility tools.
    wxButton* reconcile_button() const { return reconcile_; }
    wxButton* cancel_button() const { return cancel_; }
    wxButton* import_channels_button() const { return import_channels_; }
    wxChoice* level_choice() const { return level_; }
    wxGauge* progress_gauge() const { return gauge_; }
    wxStaticText* progress_label() const { return progress_text_; }
    wxStaticText* run_label() const { return run_text_; }
    /// Shown when the figures are the department's summary (an administrator, per-role keys).
    WrappingText* source_label() const { return source_note_; }
    CoverageTableView* table() const { return table_; }
    CoverageBarChart* bar_chart() const { return bars_; }
    ProgressChart* progress_chart() const { return progress_; }
    wxButton* people_button() const { return people_; }
    wxButton* export_xlsx_button() const { return export_xlsx_; }
    wxButton* export_pdf_button() const { return export_pdf_; }
    wxButton* export_records_button() const { return export_records_; }

private:
    struct ReconcileJob {
        std::atomic<bool> cancel{false};
        std::chrono::steady_clock::time_point started;
        std::function<void(ReconcileProgress::Stage)> observe_stage;
    };

    void build();
    void report_loaded(Result<CoverageReport> report);
    void show_progress(const ReconcileProgress& progress);
    void reconcile_finished(Result<ReconcileSummary> summary);
    void update_buttons();
    void notify(const wxString& text, bool error);
    void fill_run_text();
    void import_channels();
    void channels_imported(Result<app::ChannelImportOutcome> outcome, const std::filesystem::path& path);

    std::shared_ptr<OpenWorkspace> workspace_;
    Session& session_;
    std::optional<CoverageReport> report_;
    std::optional<Result<ReconcileSummary>> last_reconcile_;
    std::shared_ptr<ReconcileJob> job_;
    std::function<void(ReconcileProgress::Stage)> stage_observer_;
    unsigned progress_updates_ = 0;
    int loading_ = 0;
    bool pdf_busy_ = false;
    std::shared_ptr<std::atomic<bool>> records_cancel_;
    std::optional<Result<std::int64_t>> last_records_export_;
    unsigned generation_ = 0;
    wxString last_notice_;

    wxInfoBar* notices_ = nullptr;
    wxButton* reconcile_ = nullptr;
    wxButton* cancel_ = nullptr;
    wxButton* import_channels_ = nullptr;
    std::shared_ptr<std::atomic<bool>> channels_cancel_;   // set while a channel file is imported
    std::optional<Result<app::ChannelImportOutcome>> last_channels_;
    wxChoice* level_ = nullptr;
    wxStaticText* run_text_ = nullptr;
    WrappingText* source_note_ = nullptr;
    wxStaticText* progress_text_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxActivityIndicator* spinner_ = nullptr;
    wxSplitterWindow* splitter_ = nullptr;
    bool sash_moved_ = false;
    CoverageTableView* table_ = nullptr;
    wxStaticText* bars_title_ = nullptr;
    CoverageBarChart* bars_ = nullptr;
    ProgressChart* progress_ = nullptr;
    wxButton* people_ = nullptr;
    wxButton* export_xlsx_ = nullptr;
    wxButton* export_pdf_ = nullptr;
    wxButton* export_records_ = nullptr;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui
