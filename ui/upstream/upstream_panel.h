#pragma once
// The Upstream screen: where the batches go (or that an administrator must set it up), the last
// success and the outbox's counts; the batches, newest first, with their state and the problem of
// their last attempt in a person's words, and the details of the selected one (the server's own
// words, the receipt). Send now forms batches from the pending records and sends the due ones on
// a worker thread (forming, sending k of n, waiting for the next try; Cancel) while the officer
// works on other screens; a minute's timer tries due batches again while the screen exists.
// Retry now, Release (supervisors) and Discard... act on the selected batch; the core decides
// who may do what, and its refusals show as they come.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/panel.h>
#include <wx/timer.h>

#include "ui/common/background_task.h"
#include "ui/upstream/background_send.h"
#include "upstream/client/outbox.h"

class wxActivityIndicator;
class wxButton;
class wxGauge;
class wxInfoBar;
class wxKeyEvent;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class WrappingText;

class BatchListView;
class OpenWorkspace;

class UpstreamPanel : public wxPanel {
public:
    UpstreamPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);
    ~UpstreamPanel() override;  // a running send is cancelled

    /// The configuration, counts and batches read again (on a worker thread).
    void reload();
    bool loading() const { return loading_ > 0; }
    const std::optional<upstream::UpstreamStatus>& status() const { return status_; }

    /// Send now: forms batches, sends the due ones, keeps trying for send_wait(); false when a
    /// send is running.
    bool send_now();
    /// What the timer does: one quiet pass over the due batches (nothing formed); false when a
    /// send is running.
    bool send_due();
    void cancel_send();
    bool sending() const { return sender_.running(); }
    /// The stage the running send last reported (nullopt when none runs).
    std::optional<upstream::SendStage> send_stage() const { return stage_; }
    /// How the last send started here ended.
    const std::optional<Result<upstream::SendReport>>& last_send() const { return last_send_; }
    /// How long Send now keeps trying batches that failed for a while (default two minutes).
    void set_send_wait(std::chrono::seconds wait) { send_wait_ = wait; }
    /// The timer's period; zero stops it (tests).
    void set_retry_interval(std::chrono::milliseconds interval);
    unsigned timer_sends() const { return timer_sends_; }

    /// The selected batch is due at once (queued) or queued again (held).
    Status retry_selected();
    /// Asks why and whether (ReasonDialog, ConfirmDialog), then gives the selected batch up.
    bool discard_selected();
    Status discard(const std::string& uuid, const std::string& reason);
    /// The selected batch when it awaits release, else every batch awaiting release (asked first).
    bool release_selected_or_all();
    Result<int> release(const std::vector<std::string>& uuids);
    /// F5 anywhere, Delete in the list; true when handled. (Enter in the list is Retry now.)
    bool handle_key(const wxKeyEvent& event);
    bool select_batch(const std::string& uuid);

    /// Where a finished send is announced besides the panel (MainFrame: its status bar).
    std::function<void(const wxString&)> on_status;
    /// The end of a send that has something to say: title and text (MainFrame: a desktop notice too).
    std::function<void(const wxString&, const wxString&)> on_finished;
    const wxString& last_notice() const { return last_notice_; }
    bool last_notice_is_error() const { return last_notice_error_; }

    // Controls, for tests and accessibility tools.
    wxStaticText* config_label() const { return config_; }
    /// Shown when the counts are the department's summary (an administrator, per-role keys).
    WrappingText* source_label() const { return source_note_; }
    wxStaticText* last_success_label() const { return last_success_; }
    wxStaticText* pending_label() const { return pending_; }
    wxStaticText* queued_label() const { return queued_; }
    wxStaticText* awaiting_label() const { return awaiting_; }
    wxStaticText* accepted_label() const { return accepted_; }
    wxStaticText* held_label() const { return held_; }
    wxStaticText* progress_label() const { return progress_text_; }
    wxGauge* progress_gauge() const { return gauge_; }
    BatchListView* batch_list() const { return list_; }
    wxTextCtrl* details_field() const { return details_; }
    wxButton* send_button() const { return send_; }
    wxButton* cancel_button() const { return cancel_; }
    wxButton* retry_button() const { return retry_; }
    wxButton* release_button() const { return release_; }
    wxButton* discard_button() const { return discard_; }
    wxButton* refresh_button() const { return refresh_; }

private:
    void build();
    void status_loaded(Result<upstream::UpstreamStatus> status);
    bool start_send(bool form, std::chrono::seconds wait, bool quiet);
    void show_step(const SendStep& step);
    void send_finished(Result<upstream::SendReport> report, bool quiet);
    void show_details();
    void update_buttons();
    void wrap_config();
    /// The selected batch, if a send may not be carrying it right now (else an error saying so).
    Result<UpstreamBatch> selected_for_change(bool queued_in_flight_matters);
    void notify(const wxString& text, bool error);

    std::shared_ptr<OpenWorkspace> workspace_;
    Session& session_;
    BackgroundSend sender_;
    std::optional<upstream::UpstreamStatus> status_;
    std::optional<Result<upstream::SendReport>> last_send_;
    std::optional<upstream::SendStage> stage_;
    std::chrono::seconds send_wait_{120};
    wxTimer retry_timer_;  // its own owner: its events go to the handler bound on it
    unsigned timer_sends_ = 0;
    int loading_ = 0;
    unsigned generation_ = 0;
    wxString config_text_;
    wxString last_notice_;
    bool last_notice_error_ = false;

    wxInfoBar* notices_ = nullptr;
    wxStaticText* config_ = nullptr;
    WrappingText* source_note_ = nullptr;
    wxStaticText* last_success_ = nullptr;
    wxStaticText* pending_ = nullptr;
    wxStaticText* queued_ = nullptr;
    wxStaticText* awaiting_ = nullptr;
    wxStaticText* accepted_ = nullptr;
    wxStaticText* held_ = nullptr;
    wxButton* send_ = nullptr;
    wxButton* cancel_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxStaticText* progress_text_ = nullptr;
    wxActivityIndicator* spinner_ = nullptr;
    BatchListView* list_ = nullptr;
    wxTextCtrl* details_ = nullptr;
    wxButton* retry_ = nullptr;
    wxButton* release_ = nullptr;
    wxButton* discard_ = nullptr;
    wxButton* refresh_ = nullptr;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui
