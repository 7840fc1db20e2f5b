#pragma once
// The Devices screen: the tablets connected now (USB, watched by a usb::TabletWatcher, plus the
// simulated tablets of a demo workspace or of $SANAQ_SIMULATED_TABLETS) with their kit, holder,
// institution and key; pulling them on a worker thread with per-package progress, speed and
// Cancel, and the summary at the end; the pull history; the quarantine with Retry and Dismiss;
// enrolling a tablet's device key and exporting the department's public key.
//
// A pull runs on its own database connection (OpenWorkspace::open_worker_session), so the
// screens keep reading while it writes; everything else here runs on the UI thread.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "app/tablet_pulls.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "ui/common/background_task.h"

class wxButton;
class wxCheckBox;
class wxGauge;
class wxInfoBar;
class wxListCtrl;
class wxListEvent;
class wxNotebook;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::usb {
class TabletWatcher;
struct TabletInfo;
}  // namespace sanaq::usb

namespace sanaq::app {
class Tablets;
}

namespace sanaq::ui {

class WrappingText;

class OpenWorkspace;

class DevicesPanel : public wxPanel {
public:
    DevicesPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);
    ~DevicesPanel() override;  // cancels a running pull; the watcher stops off the UI thread

    /// A tablet as the list shows it.
    struct Tablet {
        std::string usb_serial;             // as the tablet reports it (simulated: see add_simulated_tablet)
        std::string model;
        std::string location;               // "USB 1-4", or the simulated tablet's folder
        bool simulated = false;
        bool accessible = true;             // false: this user may not open it (udev rule)
        std::filesystem::path folder;       // simulated tablets
        std::string device_key_pem;         // USB tablets: the key as read from it (enrolling reads it)
        std::optional<TabletIdentity> identity;
        std::optional<Error> problem;       // could not be identified
    };

    /// Identities, history, quarantine and record counts read again.
    void reload();
    /// Presents `folder` (laid out like a tablet's shared storage, as `sanaq-tablet-sim make-packages`
    /// writes it) as a connected simulated tablet. It reports the USB serial the simulator gave it
    /// (its kit's), as in `sanaq device list` (src/app/tablets.h), so it is recognised the way a
    /// real tablet would be.
    /// `announce`: said as a tablet plugged in is said (status bar, on_finished).
    void add_simulated_tablet(const std::filesystem::path& folder, bool announce = false);
    /// A simulated tablet unplugged: gone from the list, and said as a real one would be.
    void remove_simulated_tablet(const std::filesystem::path& folder);
    /// The page of the pull history, or of the quarantine (the dashboard's links).
    void show_history();
    void show_quarantine();

    void pull_selected();
    void pull_all();
    /// Pulls these rows of tablets() one after another on a worker thread; false when a pull is
    /// already running or nothing was given.
    bool pull(const std::vector<std::size_t>& rows);
    void cancel_pull();
    bool pulling() const { return static_cast<bool>(job_); }

    void enrol_key();
    void export_department_key();
    Status export_department_key_to(const std::filesystem::path& path);
    /// Retries the selected quarantined package on a worker session (it decrypts and stores the
    /// whole package); the outcome comes back as a notice.
    void retry_selected();
    bool retrying() const { return retrying_; }
    void dismiss_selected();
    Status dismiss(std::size_t quarantine_row, const std::string& reason);

    const std::vector<Tablet>& tablets() const { return tablets_; }
    const std::vector<PullRecord>& history() const { return history_; }
    const std::vector<QuarantinedPackage>& quarantine() const { return quarantine_; }
    const std::optional<CensusStats>& stats() const { return stats_; }
    /// The store's counts are being read (a worker session: they count a million rows).
    bool stats_loading() const { return stats_loading_ > 0; }
    /// What the last pull ended with, one per tablet (an error when it could not start).
    const std::vector<Result<PullSummary>>& last_results() const { return last_results_; }
    /// Progress reports that reached the UI thread during the last pull.
    unsigned progress_updates() const { return progress_updates_; }

    /// Where plug/unplug and pull notices go besides the panel (MainFrame: its status bar).
    std::function<void(const wxString&)> on_status;
    /// A tablet plugged in or out, a pull ended: title and text (MainFrame: a desktop notice too).
    std::function<void(const wxString&, const wxString&)> on_finished;

    // Controls, for tests and accessibility tools.
    wxListCtrl* tablet_list() const { return tablet_list_; }
    wxListCtrl* history_list() const { return history_list_; }
    wxListCtrl* quarantine_list() const { return quarantine_list_; }
    wxButton* pull_button() const { return pull_; }
    wxButton* pull_all_button() const { return pull_all_; }
    wxButton* cancel_button() const { return cancel_; }
    wxButton* enrol_button() const { return enrol_; }
    wxButton* export_key_button() const { return export_key_; }
    wxButton* retry_button() const { return retry_; }
    wxButton* dismiss_button() const { return dismiss_; }
    wxGauge* progress_gauge() const { return gauge_; }
    wxStaticText* progress_label() const { return progress_text_; }
    wxTextCtrl* summary_text() const { return summary_; }
    const wxString& last_notice() const { return last_notice_; }

private:
    struct PullJob;
    struct Target;

    void build();
    void start_watcher();
    void tablet_arrived(const usb::TabletInfo& info);
    void tablet_removed(const usb::TabletInfo& info);
    void identify(Tablet& tablet);
    void fill_tablets();
    void fill_history();
    void read_stats();
    void show_stats();
    void fill_quarantine();
    void update_buttons();
    void notify(const wxString& text, bool error);
    void status(const wxString& text);
    void finished(const wxString& title, const wxString& text);
    void show_progress(std::size_t tablet, std::size_t tablets, const wxString& name, const PullProgress& progress);
    void pull_finished(Result<std::vector<app::TabletPull>> results);
    std::optional<std::size_t> selected_tablet() const;
    std::optional<std::size_t> selected_quarantined() const;

    std::shared_ptr<OpenWorkspace> workspace_;
    Session& session_;
    std::vector<Tablet> tablets_;
    std::vector<PullRecord> history_;
    std::vector<QuarantinedPackage> quarantine_;
    std::optional<CensusStats> stats_;
    int stats_loading_ = 0;
    bool stats_stale_ = false;  // not read while out of view; read when shown
    std::vector<Result<PullSummary>> last_results_;
    std::shared_ptr<PullJob> job_;
    unsigned progress_updates_ = 0;
    std::unique_ptr<usb::TabletWatcher> watcher_;
    /// USB and simulated tablets, opened by USB serial for pulls and enrolment (src/app).
    std::shared_ptr<app::Tablets> tablet_source_;
    bool retrying_ = false;
    std::chrono::steady_clock::time_point watcher_started_;

    wxInfoBar* notices_ = nullptr;
    WrappingText* stats_text_ = nullptr;
    wxListCtrl* tablet_list_ = nullptr;
    wxButton* pull_ = nullptr;
    wxButton* pull_all_ = nullptr;
    wxButton* enrol_ = nullptr;
    wxButton* export_key_ = nullptr;
    wxStaticText* progress_text_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxStaticText* speed_text_ = nullptr;
    wxButton* cancel_ = nullptr;
    wxTextCtrl* summary_ = nullptr;
    wxNotebook* pages_ = nullptr;
    wxListCtrl* history_list_ = nullptr;
    wxListCtrl* quarantine_list_ = nullptr;
    wxCheckBox* show_settled_ = nullptr;
    wxButton* retry_ = nullptr;
    wxButton* dismiss_ = nullptr;
    wxString last_notice_;
    Lifeline lifeline_;
};

/// "2026-11-22T09:14:03Z" in the workstation's local time, "2026-11-22 14:14:03".
wxString utc_time_text(const std::string& iso_utc);
/// A pull's outcome in words.
wxString pull_outcome_text(PullOutcome outcome);

}  // namespace sanaq::ui
