#include "ui/upstream/upstream_panel.h"
#include "ui/common/button_labels.h"

#include <algorithm>

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/datetime.h>
#include <wx/gauge.h>
#include <wx/infobar.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textwrapper.h>
#include <wx/wrapsizer.h>

#include "core/domain/role.h"
#include "ui/app/open_workspace.h"
#include "ui/app/worker_task.h"
#include "ui/common/confirm_dialog.h"
#include "ui/common/counts_source_text.h"
#include "ui/common/error_text.h"
#include "ui/common/reason_dialog.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/upstream/batch_list_view.h"
#include "ui/upstream/upstream_labels.h"
#include "ui/common/palette.h"
#include "ui/common/wrapping_text.h"

namespace sanaq::ui {
namespace {
// Batches the list shows, newest first: a regional department forms a few hundred in a census.
constexpr std::size_t kListedBatches = 1000;
constexpr auto kRetryInterval = std::chrono::minutes(1);

wxStaticText* add_count(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label) {
    grid->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    auto* value = new wxStaticText(parent, wxID_ANY, wxEmptyString);
    grid->Add(value, 0, wxALIGN_CENTER_VERTICAL);
    return value;
}

// The info bar's label reports the height of one line however long the text: the message comes
// wrapped to the bar's width, so every line of a long one is in view.
class LineBreaker : public wxTextWrapper {
public:
    wxString text;

protected:
    void OnOutputLine(const wxString& line) override { text += line; }
    void OnNewLine() override { text += "\n"; }
};

wxString wrapped(wxWindow* window, const wxString& text, int width) {
    if (width <= 0) return text;
    LineBreaker breaker;
    breaker.Wrap(window, text, width);
    return breaker.text;
}

wxString report_text(const upstream::SendReport& r) {
    wxString out;
    auto sentence = [&](const wxString& text) {
        if (!out.empty()) out += " ";
        out += text;
    };
    if (r.batches_formed > 0)
        sentence(format_text(_("Formed: {} ({}, {})."), {batches_text(r.batches_formed),
                                                         households_text(r.households_formed),
                                                         persons_text(r.persons_formed)}));
    if (r.batches_accepted > 0)
        sentence(format_text(_("Accepted by the census database: {} ({})."),
                             {batches_text(r.batches_accepted), persons_text(r.persons_accepted)}));
    if (r.batches_held > 0)
        sentence(format_text(_("Held: {}; a person must look at them."), {batches_text(r.batches_held)}));
    if (r.batches_left > 0) {
        if (r.next_attempt_at_utc.empty())
            sentence(format_text(_("Still queued: {}."), {batches_text(r.batches_left)}));
        else
            sentence(format_text(_("Still queued: {}; the next try at {}."),
                                 {batches_text(r.batches_left), upstream_time_text(r.next_attempt_at_utc)}));
    }
    if (r.batches_awaiting_release > 0)
        sentence(format_text(_("Awaiting a supervisor's release: {}."), {batches_text(r.batches_awaiting_release)}));
    if (out.empty()) sentence(_("Nothing to send: every record has gone upstream."));
    return out;
}
}  // namespace

UpstreamPanel::UpstreamPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : wxPanel(parent), workspace_(std::move(workspace)), session_(workspace_->session()), sender_(workspace_) {
    build();
    reload();
    set_retry_interval(kRetryInterval);
}

UpstreamPanel::~UpstreamPanel() {
    retry_timer_.Stop();
    sender_.cancel();  // the send stops at its next step; what was accepted stays accepted
}

void UpstreamPanel::build() {
    const int gap = FromDIP(6);
    const Role role = session_.actor.role;
    const bool can_forward = permits(role, Operation::ForwardUpstream);
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);

    config_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    config_->SetFont(config_->GetFont().Bold());
    top->Add(config_, 0, wxEXPAND | wxALL, gap);
    source_note_ = new WrappingText(this);
    top->Add(source_note_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    source_note_->Hide();

    // The counts: two columns of "label: value", the second under the first when the window is
    // too narrow for both (larger text, longer languages).
    auto* counts = new wxWrapSizer(wxHORIZONTAL);
    auto* sent = new wxFlexGridSizer(2, gap / 2, gap * 2);
    last_success_ = add_count(this, sent, _("Last success:"));
    queued_ = add_count(this, sent, _("Queued:"));
    accepted_ = add_count(this, sent, _("Accepted:"));
    auto* waiting = new wxFlexGridSizer(2, gap / 2, gap * 2);
    pending_ = add_count(this, waiting, _("Waiting to be batched:"));
    awaiting_ = add_count(this, waiting, _("Awaiting release:"));
    held_ = add_count(this, waiting, _("Held:"));
    counts->Add(sent, 0, wxRIGHT | wxBOTTOM, gap * 4);
    counts->Add(waiting, 0, wxBOTTOM, gap);
    top->Add(counts, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

    auto* send_row = new wxBoxSizer(wxHORIZONTAL);
    send_ = new wxButton(this, wxID_ANY, _("&Send now"));
    send_->SetToolTip(_("Put the records not yet sent into batches and send every batch that is due; you can go on "
                        "working on other screens meanwhile"));
    cancel_ = new wxButton(this, wxID_ANY, _("Ca&ncel"));
    cancel_->SetToolTip(_("Stop sending; what the census database has accepted stays accepted"));
    send_row->Add(send_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    send_row->Add(cancel_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    gauge_ = new wxGauge(this, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(200, 14)));
    send_row->Add(gauge_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 2);
    progress_text_ = new wxStaticText(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    send_row->Add(progress_text_, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(send_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    if (!can_forward) top->Hide(send_row);

    top->Add(new WrappingText(this, _("&Batches, newest first (Enter: retry now, Delete: discard):")), 0,
             wxEXPAND | wxLEFT | wxRIGHT, gap);
    list_ = new BatchListView(this);
    list_->SetMinSize(FromDIP(wxSize(400, 160)));
    top->Add(list_, 3, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
    top->Add(new wxStaticText(this, wxID_ANY, _("D&etails of the selected batch:")), 0, wxLEFT | wxRIGHT | wxTOP, gap);
    details_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY);
    details_->SetMinSize(FromDIP(wxSize(400, 110)));
    top->Add(details_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    retry_ = new wxButton(this, wxID_ANY, _("Re&try now"));
    retry_->SetToolTip(_("Send the selected queued batch at the next try, or queue a held batch again once its cause "
                         "is fixed (Enter)"));
    release_ = new wxButton(this, wxID_ANY, _("Re&lease"));
    discard_ = new wxButton(this, wxID_ANY, _("&Discard..."));
    discard_->SetToolTip(_("Give the selected batch up; its records go in a new batch (Delete)"));
    refresh_ = new wxButton(this, wxID_ANY, _("&Refresh"));
    refresh_->SetToolTip(_("Read the counts and the batches again (F5)"));
    buttons->Add(retry_, 0, wxRIGHT, gap);
    buttons->Add(release_, 0, wxRIGHT, gap);
    buttons->Add(discard_, 0, wxRIGHT, gap * 4);
    spinner_ = new wxActivityIndicator(this);
    spinner_->Hide();
    buttons->AddStretchSpacer();
    buttons->Add(spinner_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    buttons->Add(refresh_, 0);
    top->Add(buttons, 0, wxEXPAND | wxALL, gap);
    if (!can_forward) {
        retry_->Hide();
        discard_->Hide();
    }
    if (!permits(role, Operation::ReleaseBatches)) release_->Hide();
    SetSizer(top);

    send_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { send_now(); });
    cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel_send(); });
    retry_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { retry_selected(); });
    release_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { release_selected_or_all(); });
    discard_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { discard_selected(); });
    refresh_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_details(); });
    list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { show_details(); });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { retry_selected(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (!handle_key(e)) e.Skip();
    });
    // The configuration line wraps to the screen's width (a long URL, Russian or Kazakh words).
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        CallAfter([this, token = lifeline_.token()] {
            if (*token) wrap_config();
        });
    });
    retry_timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        // Only when something is queued and nothing else is sending: one worker at a time.
        if (status_ && status_->config && status_->stats.batches_queued > 0 && !sender_.running() &&
            permits(session_.actor.role, Operation::ForwardUpstream) && send_due())
            ++timer_sends_;
    });
    progress_text_->SetLabel(can_forward ? _("Send now forms batches of the records not yet sent and sends them.")
                                         : wxString());
    update_buttons();
}

void UpstreamPanel::set_retry_interval(std::chrono::milliseconds interval) {
    retry_timer_.Stop();
    if (interval.count() > 0) retry_timer_.Start(static_cast<int>(interval.count()));
}

void UpstreamPanel::wrap_config() {
    const int width = GetClientSize().x - FromDIP(12);
    if (width <= 0) return;
    config_->SetLabel(config_text_);
    config_->Wrap(width);
    Layout();
}

// ---- status ---------------------------------------------------------------------------------

void UpstreamPanel::reload() {
    const unsigned generation = ++generation_;
    ++loading_;
    spinner_->Show();
    spinner_->Start();
    Layout();
    run_on_worker_session<upstream::UpstreamStatus>(
        lifeline_, workspace_, [](Session& session) { return upstream::upstream_status(session, kListedBatches); },
        [this, generation](Result<upstream::UpstreamStatus> status) {
            if (--loading_ == 0) {
                spinner_->Stop();
                spinner_->Hide();
                Layout();
            }
            if (generation == generation_) status_loaded(std::move(status));  // a later request wins
        });
}

void UpstreamPanel::status_loaded(Result<upstream::UpstreamStatus> status) {
    if (!status) {
        notify(error_text(status.error()), true);
        return;
    }
    status_ = std::move(*status);
    const OutboxStats& s = status_->stats;
    config_text_ = upstream_config_text(status_->config);
    config_->SetForegroundColour(status_->config ? GetForegroundColour() : palette::warning_text());
    wrap_config();
    if (s.source.summary) source_note_->set_text(counts_source_note(s.source));
    source_note_->Show(s.source.summary);
    last_success_->SetLabel(last_success_text(s));
    pending_->SetLabel(format_text(_("{} and {}"), {households_text(s.pending_households), persons_text(s.pending_persons)}));
    queued_->SetLabel(batches_text(s.batches_queued));
    awaiting_->SetLabel(batches_text(s.batches_awaiting_release));
    accepted_->SetLabel(format_text(_("{} ({})"), {batches_text(s.batches_accepted), persons_text(s.persons_accepted)}));
    held_->SetLabel(batches_text(s.batches_held));
    held_->SetForegroundColour(s.batches_held > 0 ? palette::error_text() : GetForegroundColour());
    list_->set_batches(status_->recent);
    show_details();
    Layout();
}

void UpstreamPanel::show_details() {
    const UpstreamBatch* b = list_->selected_batch();
    const bool summary = status_ && status_->stats.source.summary;
    details_->ChangeValue(b                         ? batch_details_text(*b)
                          : summary                 ? _("The batches themselves are kept with the census records, "
                                                        "which your role does not open.")
                          : list_->batches().empty() ? _("No batches yet.")
                                                     : _("Choose a batch in the list."));
    update_buttons();
}

bool UpstreamPanel::select_batch(const std::string& uuid) {
    const bool found = list_->select_batch(uuid);
    show_details();
    return found;
}

void UpstreamPanel::update_buttons() {
    const Role role = session_.actor.role;
    const bool can_forward = permits(role, Operation::ForwardUpstream);
    const bool running = sender_.running();
    const UpstreamBatch* b = list_->selected_batch();
    // A queued batch may be on the wire while a send runs: leave it alone until the send ends.
    const bool in_flight = running && b && b->state == BatchState::Queued;
    send_->Enable(can_forward && !running && status_ && status_->config);
    cancel_->Enable(running && !sender_.cancelling());
    retry_->Enable(can_forward && b && !in_flight && (b->state == BatchState::Queued || b->state == BatchState::Held));
    discard_->Enable(can_forward && b && !in_flight && b->state != BatchState::Accepted &&
                     b->state != BatchState::Discarded);
    const bool one = b && b->state == BatchState::AwaitingRelease;
    const std::int64_t waiting = status_ ? status_->stats.batches_awaiting_release : 0;
    release_->SetLabel(one || waiting == 0 ? _("Re&lease") : _("Re&lease all..."));
    release_->SetToolTip(one ? _("Let the selected batch go (four eyes: not a batch you formed yourself)")
                             : _("Let every batch awaiting release go (four eyes: not those you formed yourself)"));
    release_->Enable(permits(role, Operation::ReleaseBatches) && (one || waiting > 0));
    Layout();
}

// ---- sending --------------------------------------------------------------------------------

bool UpstreamPanel::send_now() { return start_send(true, send_wait_, false); }

bool UpstreamPanel::send_due() { return start_send(false, std::chrono::seconds(0), true); }

bool UpstreamPanel::start_send(bool form, std::chrono::seconds wait, bool quiet) {
    if (sender_.running()) return false;
    upstream::SendOptions options;
    options.form = form;
    options.wait = wait;
    const bool started = sender_.start(
        std::move(options), [this](const SendStep& step) { show_step(step); },
        [this, quiet](Result<upstream::SendReport> report) { send_finished(std::move(report), quiet); });
    if (!started) return false;
    stage_ = form ? upstream::SendStage::Forming : upstream::SendStage::Sending;
    gauge_->SetValue(0);
    progress_text_->SetLabel(form ? _("Forming batches of the records not yet sent...")
                                  : _("Trying the queued batches again..."));
    update_buttons();
    if (!quiet && on_status) on_status(_("Sending to the census database..."));
    return true;
}

void UpstreamPanel::cancel_send() {
    if (!sender_.running()) return;
    sender_.cancel();
    progress_text_->SetLabel(_("Cancelling: a batch on its way finishes its request first..."));
    update_buttons();
}

void UpstreamPanel::show_step(const SendStep& step) {
    if (!sender_.running()) return;
    const upstream::SendProgress& p = step.progress;
    const bool entered_waiting = p.stage == upstream::SendStage::Waiting && stage_ != p.stage;
    stage_ = p.stage;
    if (sender_.cancelling()) return;
    switch (p.stage) {
        case upstream::SendStage::Forming:
            gauge_->SetValue(0);
            // Batches go out while the next are formed: what has landed is said as well.
            progress_text_->SetLabel(
                p.batches_accepted > 0
                    ? format_text(_("Forming batches: {} so far ({}); accepted meanwhile: {} ({})..."),
                                  {batches_text(p.batches_formed), persons_text(p.persons_formed),
                                   batches_text(p.batches_accepted), persons_text(p.persons_accepted)})
                    : format_text(_("Forming batches: {} so far ({})..."),
                                  {batches_text(p.batches_formed), persons_text(p.persons_formed)}));
            break;
        case upstream::SendStage::Sending: {
            const std::int64_t due = std::max<std::int64_t>(p.batches_due, 1);
            gauge_->SetValue(static_cast<int>(1000 * std::clamp<std::int64_t>(step.sending - 1, 0, due) / due));
            progress_text_->SetLabel(format_text(_("Sending batch {} of {} ({})..."),
                                                 {count_text(step.sending), count_text(p.batches_due),
                                                  short_batch_id(p.current_batch)}));
            break;
        }
        case upstream::SendStage::Waiting:
            gauge_->SetValue(0);
            progress_text_->SetLabel(format_text(_("Waiting for the next try at {}; accepted so far: {}."),
                                                 {upstream_time_text(p.waiting_until_utc), batches_text(p.batches_accepted)}));
            break;
        case upstream::SendStage::Done: break;
    }
    // What failed in this pass shows in the list while the send waits for its next try.
    if (entered_waiting) reload();
}

void UpstreamPanel::send_finished(Result<upstream::SendReport> report, bool quiet) {
    stage_.reset();
    last_send_ = report;
    gauge_->SetValue(0);
    progress_text_->UnsetToolTip();
    // The timer's passes do not pop the same trouble up every minute: the line under Send now
    // says it (the whole text in its tooltip), the info bar stays for what a person started.
    auto quiet_trouble = [&](const wxString& text) {
        progress_text_->SetLabel(format_text(_("The automatic try at {} did not get through: {}"),
                                             {wxDateTime::Now().FormatISOTime(), text}));
        progress_text_->SetToolTip(text);
    };
    if (!report) {
        const wxString text = error_text(report.error());
        if (quiet) {
            quiet_trouble(text);
        } else {
            progress_text_->SetLabel(_("Sending stopped; see the message above."));
            notify(text, true);
            if (on_status) on_status(_("Sending to the census database failed; see the Upstream screen."));
            if (on_finished)
                on_finished(_("Sending failed"), _("Sending to the census database failed; see the Upstream screen."));
        }
        update_buttons();
        reload();
        return;
    }
    const upstream::SendReport& r = *report;
    const wxString summary = report_text(r);
    const bool news = r.batches_accepted > 0 || r.batches_held > 0;
    wxString status_line;
    if (r.cancelled) {
        progress_text_->SetLabel(_("The send was cancelled."));
        notify(_("The send was cancelled.") + " " + summary, false);
        status_line = _("Sending to the census database was cancelled.");
    } else if (r.stopped_by && quiet && !news) {
        quiet_trouble(error_text(*r.stopped_by));
    } else if (r.stopped_by) {
        progress_text_->SetLabel(_("Sending stopped; see the message above."));
        notify(error_text(*r.stopped_by) + "\n" + summary, true);
        status_line = _("Sending to the census database stopped; see the Upstream screen.");
    } else {
        gauge_->SetValue(r.batches_accepted > 0 ? gauge_->GetRange() : 0);
        progress_text_->SetLabel(_("The send is finished."));
        if (!quiet || news) notify(summary, r.batches_held > 0);
        status_line = format_text(_("Sending to the census database finished: {} accepted, {} still queued."),
                                  {batches_text(r.batches_accepted), batches_text(r.batches_left)});
    }
    // The timer's passes speak up only when something changed.
    if (!status_line.empty() && (!quiet || news || r.cancelled)) {
        if (on_status) on_status(status_line);
        // TRANSLATORS: title of the desktop notice at the end of a send to the census database.
        if (on_finished) on_finished(_("Sending to the census database"), status_line);
    }
    update_buttons();
    reload();
}

// ---- one batch ------------------------------------------------------------------------------

Result<UpstreamBatch> UpstreamPanel::selected_for_change(bool queued_in_flight_matters) {
    const UpstreamBatch* b = list_->selected_batch();
    if (!b) return fail(ErrorCode::NotFound, N_("Choose a batch in the list first."));
    if (queued_in_flight_matters && sender_.running() && b->state == BatchState::Queued)
        return fail(ErrorCode::RefusedByState,
                    N_("A send is running and may be carrying this batch. Cancel it or wait until it ends, then try "
                       "again."));
    return *b;
}

Status UpstreamPanel::retry_selected() {
    auto b = selected_for_change(true);
    if (!b) {
        notify(error_text(b.error()), true);
        return std::unexpected(b.error());
    }
    if (auto ok = upstream::retry_batch_now(session_, b->uuid); !ok) {
        notify(error_text(ok.error()), true);
        return ok;
    }
    notify(b->state == BatchState::Held
               ? format_text(_("Batch {} is queued again and goes at the next send."), {short_batch_id(b->uuid)})
               : format_text(_("Batch {} goes at the next send."), {short_batch_id(b->uuid)}),
           false);
    reload();
    list_->SetFocus();
    return {};
}

bool UpstreamPanel::discard_selected() {
    auto b = selected_for_change(true);
    if (!b) {
        notify(error_text(b.error()), true);
        return false;
    }
    if (!permits(session_.actor.role, Operation::ForwardUpstream)) return false;
    const wxString id = short_batch_id(b->uuid);
    ReasonDialog reason(this, format_text(_("Discard batch {}"), {id}),
                        format_text(_("Batch {} ({}) will not be sent. Its records go back to those waiting to be "
                                      "batched and travel in a new batch. Why is it given up?"),
                                    {id, format_text(_("{} and {}"), {households_text(b->households),
                                                                      persons_text(b->persons)})}));
    if (reason.ShowModal() != wxID_OK) return false;
    const std::string why = reason.reason();
    ConfirmDialog confirm(this, format_text(_("Discard batch {}"), {id}),
                          format_text(_("Discard batch {} for this reason: \"{}\"? The step is recorded in the audit "
                                        "trail."),
                                      {id, from_utf8(why)}),
                          _("&Discard the batch"), _("&Keep it"));
    if (confirm.ShowModal() != wxID_OK) return false;
    return discard(b->uuid, why).has_value();
}

Status UpstreamPanel::discard(const std::string& uuid, const std::string& reason) {
    if (sender_.running()) {
        const auto& batches = list_->batches();
        const auto at = std::ranges::find_if(batches, [&](const UpstreamBatch& b) { return b.uuid == uuid; });
        if (at == batches.end() || at->state == BatchState::Queued) {
            auto refused = fail(ErrorCode::RefusedByState,
                                N_("A send is running and may be carrying this batch. Cancel it or wait until it "
                                   "ends, then try again."));
            notify(error_text(refused.error()), true);
            return std::unexpected(refused.error());
        }
    }
    if (auto ok = upstream::discard_batch(session_, uuid, reason); !ok) {
        notify(error_text(ok.error()), true);
        return ok;
    }
    notify(format_text(_("Batch {} is discarded; its records wait to be batched again."), {short_batch_id(uuid)}), false);
    reload();
    list_->SetFocus();
    return {};
}

bool UpstreamPanel::release_selected_or_all() {
    if (!permits(session_.actor.role, Operation::ReleaseBatches)) return false;
    const UpstreamBatch* b = list_->selected_batch();
    if (b && b->state == BatchState::AwaitingRelease) return release({b->uuid}).has_value();
    const std::int64_t waiting = status_ ? status_->stats.batches_awaiting_release : 0;
    if (waiting == 0) return false;
    ConfirmDialog confirm(this, _("Release batches"),
                          format_text(_("Release every batch awaiting release ({})? Batches you formed yourself stay "
                                        "for another supervisor."),
                                      {batches_text(waiting)}),
                          _("&Release them"), _("&Cancel"));
    if (confirm.ShowModal() != wxID_OK) return false;
    return release({}).has_value();
}

Result<int> UpstreamPanel::release(const std::vector<std::string>& uuids) {
    auto released = upstream::release_batches(session_, uuids);
    if (!released) {
        notify(error_text(released.error()), true);
        return released;
    }
    notify(format_text(_("Released: {}. They go at the next send."), {batches_text(*released)}), false);
    reload();
    return released;
}

bool UpstreamPanel::handle_key(const wxKeyEvent& event) {
    if (event.HasAnyModifiers()) return false;
    if (event.GetKeyCode() == WXK_F5) {
        reload();
        return true;
    }
    // The key comes from the focused window: the list or its inner window (generic wxListCtrl).
    bool in_list = false;
    for (auto* w = dynamic_cast<wxWindow*>(event.GetEventObject()); w && !in_list; w = w->GetParent()) in_list = w == list_;
    if (event.GetKeyCode() == WXK_DELETE && in_list && permits(session_.actor.role, Operation::ForwardUpstream)) {
        discard_selected();
        return true;
    }
    return false;
}

void UpstreamPanel::notify(const wxString& text, bool error) {
    last_notice_ = text;
    last_notice_error_ = error;
    // Room for the icon and the Close button.
    notices_->ShowMessage(wrapped(notices_, text, GetClientSize().x - FromDIP(190)), error ? wxICON_ERROR : wxICON_INFORMATION);
    notices_->InvalidateBestSize();
    Layout();
}

}  // namespace sanaq::ui
