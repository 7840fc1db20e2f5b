#include "ui/devices/devices_panel.h"
#include "ui/common/button_labels.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/datetime.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include "core/domain/printable.h"
#include "core/domain/role.h"
#include "core/io/atomic_file.h"
#include "app/tablet_pulls.h"
#include "app/tablets.h"
#include "ui/app/demo_workspace.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/app/worker_task.h"
#include "ui/common/error_text.h"
#include "ui/common/list_columns.h"
#include "ui/common/reason_dialog.h"
#include "ui/common/text.h"
#include "ui/devices/enrol_key_dialog.h"
#include "usb/tablets.h"
#include "ui/common/palette.h"
#include "ui/common/wrapping_text.h"

namespace sanaq::ui {
namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(100);  // at most ~10 reports a second
// Tablets the watcher reports this soon after it starts were there already: no "plugged in" notice.
constexpr auto kInitialEnumeration = std::chrono::milliseconds(1500);
constexpr std::size_t kHistoryRows = 200;
constexpr const char* kDeviceKeyPath = "Documents/Sanaq/device-key.pem";

wxString count(std::int64_t n) { return wxString::Format("%lld", static_cast<long long>(n)); }

wxString kib(std::uint64_t bytes) { return wxString::Format("%.1f", static_cast<double>(bytes) / 1024.0); }

std::string read_small_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) return {};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

wxString key_status_text(const DevicesPanel::Tablet& t, bool kit_has_key) {
    if (!t.identity) return wxEmptyString;
    if (t.identity->key_mismatch) return _("another key enrolled");
    if (t.identity->key_enrolled) return _("enrolled");
    // A real tablet's key is only read when it is enrolled (or pulled, by the pull itself).
    if (!t.simulated && kit_has_key) return _("enrolled on the kit");
    return _("not enrolled");
}

}  // namespace

wxString utc_time_text(const std::string& iso_utc) {
    wxDateTime t;
    const wxString text = from_utf8(iso_utc.substr(0, 19));
    if (iso_utc.size() < 19 || !t.ParseISOCombined(text)) return from_utf8(iso_utc);
    return t.FromTimezone(wxDateTime::UTC).Format("%Y-%m-%d %H:%M:%S");
}

wxString pull_outcome_text(PullOutcome outcome) {
    switch (outcome) {
        // TRANSLATORS: outcome of a pull from a tablet, in the pull history.
        case PullOutcome::Complete: return _("complete");
        case PullOutcome::Interrupted: return _("interrupted");
        case PullOutcome::Cancelled: return _("cancelled");
        case PullOutcome::Failed: return _("failed");
    }
    return from_utf8(pull_outcome_code(outcome));
}

// ---- the pull job ---------------------------------------------------------------------------

struct DevicesPanel::Target {
    std::string usb_serial;
    std::string name;  // for the progress line (UTF-8: wxString stays on the UI thread)
};

/// Shared by the UI thread and the pulling thread: only `cancel` is written by both.
struct DevicesPanel::PullJob {
    app::CancelToken cancel;
    std::size_t tablets = 0;
};

DevicesPanel::DevicesPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : wxPanel(parent), workspace_(std::move(workspace)), session_(workspace_->session()) {
    build();
    // The demo workspace's tablets and $SANAQ_SIMULATED_TABLETS, as the CLI sees them.
    tablet_source_ = app::Tablets::from_environment(
        workspace_->demo() ? demo_tablet_folders(workspace_->dir()) : std::vector<std::filesystem::path>{});
    for (const auto& folder : tablet_source_->simulated_folders()) add_simulated_tablet(folder);
    start_watcher();
    Bind(wxEVT_SHOW, [this](wxShowEvent& e) {
        e.Skip();
        if (e.IsShown() && stats_stale_) read_stats();
    });
    reload();
}

DevicesPanel::~DevicesPanel() {
    if (job_) job_->cancel.cancel();  // the worker stops at its next piece; its result is dropped
    if (watcher_) {
        // Stopping joins the watcher's thread (up to a few hundred ms while it probes a device):
        // not on the UI thread. The application waits for it before it exits.
        run_detached([watcher = std::shared_ptr<usb::TabletWatcher>(std::move(watcher_))]() mutable { watcher.reset(); });
    }
}

void DevicesPanel::build() {
    const int gap = FromDIP(6);
    const Role role = session_.actor.role;
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);

    auto* head = new wxBoxSizer(wxHORIZONTAL);
    head->Add(new wxStaticText(this, wxID_ANY, _("&Connected tablets:")), 0, wxALIGN_BOTTOM | wxRIGHT, gap * 4);
    // Right-aligned, on more lines when the row is short of room.
    stats_text_ = new WrappingText(this, wxEmptyString, wxALIGN_RIGHT);
    head->Add(stats_text_, 1, wxALIGN_BOTTOM);
    top->Add(head, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    tablet_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 130)), wxLC_REPORT | wxLC_SINGLE_SEL);
    append_fitted_column(tablet_list_, _("USB serial"), 120);
    append_fitted_column(tablet_list_, _("Model"), 150);
    append_fitted_column(tablet_list_, _("Kit"), 80);
    append_fitted_column(tablet_list_, _("Holder"), 200);
    append_fitted_column(tablet_list_, _("Institution"), 220);
    append_fitted_column(tablet_list_, _("Device key"), 110, {_("another key enrolled"), _("not enrolled")});
    append_fitted_column(tablet_list_, _("Connection"), 200);
    top->Add(tablet_list_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    auto add = [&](wxButton*& slot, const wxString& label, bool allowed, std::function<void()> action) {
        slot = new wxButton(this, wxID_ANY, label);
        slot->Bind(wxEVT_BUTTON, [action](wxCommandEvent&) { action(); });
        if (allowed) buttons->Add(slot, 0, wxRIGHT | wxTOP, gap);
        else slot->Hide();
    };
    add(pull_, _("&Pull"), permits(role, Operation::PullData), [this] { pull_selected(); });
    add(pull_all_, _("Pull &all"), permits(role, Operation::PullData), [this] { pull_all(); });
    add(enrol_, _("&Enrol device key..."), permits(role, Operation::EnrollDeviceKeys), [this] { enrol_key(); });
    add(export_key_, _("E&xport department key..."), permits(role, Operation::EnrollDeviceKeys),
        [this] { export_department_key(); });
    top->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

    // The pull: what is being read, how far, how fast, and the summary once it is over.
    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, _("Pull"));
    wxWindow* boxed = box->GetStaticBox();
    progress_text_ = new wxStaticText(boxed, wxID_ANY, _("No pull is running."));
    box->Add(progress_text_, 0, wxEXPAND | wxALL, gap);
    auto* bar_row = new wxBoxSizer(wxHORIZONTAL);
    gauge_ = new wxGauge(boxed, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(-1, 18)));
    bar_row->Add(gauge_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    cancel_ = new wxButton(boxed, wxID_ANY, _("Ca&ncel pull"));
    cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel_pull(); });
    bar_row->Add(cancel_, 0, wxALIGN_CENTER_VERTICAL);
    box->Add(bar_row, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    speed_text_ = new wxStaticText(boxed, wxID_ANY, wxEmptyString);
    box->Add(speed_text_, 0, wxEXPAND | wxALL, gap);
    summary_ = new wxTextCtrl(boxed, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2);
    summary_->SetHint(_("The summary of the last pull appears here."));
    // Sized in lines of the text, and sharing the height with the history below: at 200 % text a
    // fixed height left the history no room on a 900-pixel screen.
    summary_->SetMinSize(wxSize(-1, summary_->GetCharHeight() * 3 + FromDIP(8)));
    box->Add(summary_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    top->Add(box, 2, wxEXPAND | wxALL, gap);
    if (!permits(role, Operation::PullData)) top->Hide(box);

    // History and quarantine, one page each.
    pages_ = new wxNotebook(this, wxID_ANY);
    auto* history_page = new wxPanel(pages_);
    auto* history_sizer = new wxBoxSizer(wxVERTICAL);
    history_list_ = new wxListCtrl(history_page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    append_fitted_column(history_list_, _("Started"), 140);
    append_fitted_column(history_list_, _("Kit"), 80);
    append_fitted_column(history_list_, _("Result"), 90, {_("interrupted"), _("cancelled")});
    append_fitted_column(history_list_, _("Received"), 70, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(history_list_, _("Already received"), 70, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(history_list_, _("Quarantined"), 70, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(history_list_, _("Persons"), 70, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(history_list_, _("Left on tablet"), 70, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(history_list_, _("Missing packages"), 90);
    append_fitted_column(history_list_, _("User"), 80);
    append_fitted_column(history_list_, _("Source"), 260);
    history_sizer->Add(history_list_, 1, wxEXPAND | wxALL, gap);
    history_page->SetSizer(history_sizer);
    pages_->AddPage(history_page, _("Pull history"));

    if (permits(role, Operation::ManageQuarantine)) {
        auto* q_page = new wxPanel(pages_);
        auto* q_sizer = new wxBoxSizer(wxVERTICAL);
        quarantine_list_ = new wxListCtrl(q_page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
        append_fitted_column(quarantine_list_, _("No."), 50, {}, wxLIST_FORMAT_RIGHT);
        append_fitted_column(quarantine_list_, _("Quarantined at"), 140);
        append_fitted_column(quarantine_list_, _("Kit"), 80);
        append_fitted_column(quarantine_list_, _("Reason"), 340);
        append_fitted_column(quarantine_list_, _("File"), 150);
        append_fitted_column(quarantine_list_, _("Settled"), 120);
        append_fitted_column(quarantine_list_, _("Source"), 240);
        q_sizer->Add(quarantine_list_, 1, wxEXPAND | wxALL, gap);
        auto* q_buttons = new wxBoxSizer(wxHORIZONTAL);
        retry_ = new wxButton(q_page, wxID_ANY, _("&Retry"));
        retry_->SetToolTip(_("Store the package again from its kept bytes, after the cause was fixed"));
        dismiss_ = new wxButton(q_page, wxID_ANY, _("&Dismiss..."));
        dismiss_->SetToolTip(_("Settle the entry without storing the package (a reason is required)"));
        show_settled_ = new wxCheckBox(q_page, wxID_ANY, _("Show &settled"));
        q_buttons->Add(retry_, 0, wxRIGHT, gap);
        q_buttons->Add(dismiss_, 0, wxRIGHT, gap * 3);
        q_buttons->Add(show_settled_, 0, wxALIGN_CENTER_VERTICAL);
        q_sizer->Add(q_buttons, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);
        q_page->SetSizer(q_sizer);
        pages_->AddPage(q_page, _("Quarantine"));

        retry_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { retry_selected(); });
        dismiss_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { dismiss_selected(); });
        show_settled_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload(); });
        quarantine_list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
        quarantine_list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { update_buttons(); });
        quarantine_list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { retry_selected(); });
        quarantine_list_->Bind(wxEVT_LIST_KEY_DOWN, [this](wxListEvent& e) {
            if (e.GetKeyCode() == WXK_DELETE) dismiss_selected();
            else e.Skip();
        });
    }
    pages_->SetMinSize(wxSize(-1, pages_->GetCharHeight() * 8));  // the tabs, the header, a few rows
    top->Add(pages_, 3, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    SetSizer(top);

    tablet_list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
    tablet_list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { update_buttons(); });
    tablet_list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { pull_selected(); });
    update_buttons();
}

// ---- tablets --------------------------------------------------------------------------------

void DevicesPanel::start_watcher() {
    usb::TabletEvents events;
    auto token = lifeline_.token();
    // From the watcher's thread: copy what it says and hand it to the UI thread.
    events.arrived = [this, token](const usb::TabletInfo& info) {
        wxTheApp->CallAfter([this, token, info] {
            if (*token) tablet_arrived(info);
        });
    };
    events.removed = [this, token](const usb::TabletInfo& info) {
        wxTheApp->CallAfter([this, token, info] {
            if (*token) tablet_removed(info);
        });
    };
    events.failed = [this, token](const Error& error) {
        wxTheApp->CallAfter([this, token, error] {
            if (*token) status(error_text(error));
        });
    };
    watcher_ = std::make_unique<usb::TabletWatcher>(std::move(events));
    watcher_started_ = std::chrono::steady_clock::now();
    if (auto ok = watcher_->start(); !ok) {
        // No USB here (no permission, no libusb backend): simulated tablets still work.
        status(format_text(_("Tablets on USB cannot be watched: {}"), {error_text(ok.error())}));
        watcher_.reset();
    }
}

void DevicesPanel::identify(Tablet& t) {
    const std::string key_pem = t.simulated ? read_small_file(t.folder / kDeviceKeyPath) : t.device_key_pem;
    auto id = identify_tablet(session_, t.usb_serial, key_pem);
    if (id) {
        t.identity = std::move(*id);
        t.problem.reset();
    } else {
        t.identity.reset();
        t.problem = id.error();
    }
}

void DevicesPanel::add_simulated_tablet(const std::filesystem::path& folder, bool announce) {
    for (const auto& t : tablets_)
        if (t.simulated && t.folder == folder) return;
    Tablet t;
    t.simulated = true;
    t.folder = folder;
    t.location = folder.string();
    // TRANSLATORS: the model column for a tablet simulated in software (demo, tests).
    t.model = to_utf8(_("simulated tablet"));
    tablet_source_->add_simulated(folder);
    t.usb_serial = tablet_source_->simulated_serial(folder);
    identify(t);
    wxString who = from_utf8(printable_name(t.usb_serial));
    if (t.identity && t.identity->kit) {
        who = format_text(_("kit {}"), {from_utf8(t.identity->kit->number)});
        if (t.identity->holder) who += ", " + from_utf8(t.identity->holder->full_name);
    }
    tablets_.push_back(std::move(t));
    fill_tablets();
    if (announce) finished(_("Tablet plugged in"), format_text(_("Tablet plugged in: {}."), {who}));
}

void DevicesPanel::remove_simulated_tablet(const std::filesystem::path& folder) {
    const auto it = std::find_if(tablets_.begin(), tablets_.end(),
                                 [&](const Tablet& t) { return t.simulated && t.folder == folder; });
    if (it == tablets_.end()) return;
    wxString who = from_utf8(printable_name(it->usb_serial));
    if (it->identity && it->identity->kit) who = format_text(_("kit {}"), {from_utf8(it->identity->kit->number)});
    tablets_.erase(it);
    tablet_source_->remove_simulated(folder);
    fill_tablets();
    finished(_("Tablet unplugged"), format_text(_("Tablet unplugged: {}."), {who}));
}

void DevicesPanel::show_history() { pages_->SetSelection(0); }

void DevicesPanel::show_quarantine() {
    if (quarantine_list_) pages_->SetSelection(1);
}

void DevicesPanel::tablet_arrived(const usb::TabletInfo& info) {
    for (const auto& t : tablets_)
        if (!t.simulated && t.usb_serial == info.usb_serial && t.location == info.location()) return;
    Tablet t;
    t.usb_serial = info.usb_serial;
    t.model = info.product.empty() ? info.manufacturer : info.product;
    t.location = info.location();
    t.accessible = info.accessible;
    identify(t);
    const bool announced = std::chrono::steady_clock::now() - watcher_started_ > kInitialEnumeration;
    wxString who = from_utf8(printable_name(t.usb_serial));
    if (t.identity && t.identity->kit) {
        who = format_text(_("kit {}"), {from_utf8(t.identity->kit->number)});
        if (t.identity->holder) who += ", " + from_utf8(t.identity->holder->full_name);
    }
    tablets_.push_back(std::move(t));
    fill_tablets();
    if (announced || !info.accessible) {
        if (!info.accessible)
            status(format_text(_("A tablet ({}) is plugged in, but this user may not open it: install the udev rule "
                                 "(see the installer) and plug it in again."),
                               {who}));
        else
            finished(_("Tablet plugged in"), format_text(_("Tablet plugged in: {}."), {who}));
    }
}

void DevicesPanel::tablet_removed(const usb::TabletInfo& info) {
    const auto it = std::find_if(tablets_.begin(), tablets_.end(), [&](const Tablet& t) {
        return !t.simulated && t.usb_serial == info.usb_serial && t.location == info.location();
    });
    if (it == tablets_.end()) return;
    wxString who = from_utf8(printable_name(it->usb_serial));
    if (it->identity && it->identity->kit) who = format_text(_("kit {}"), {from_utf8(it->identity->kit->number)});
    tablets_.erase(it);
    fill_tablets();
    finished(_("Tablet unplugged"), format_text(_("Tablet unplugged: {}."), {who}));
}

void DevicesPanel::fill_tablets() {
    const auto chosen = selected_tablet();
    std::vector<DeviceKey> keys;
    if (auto k = enrolled_device_keys(session_)) keys = std::move(*k);
    tablet_list_->Freeze();
    tablet_list_->DeleteAllItems();
    for (std::size_t i = 0; i < tablets_.size(); ++i) {
        const Tablet& t = tablets_[i];
        const long row = tablet_list_->InsertItem(static_cast<long>(i), from_utf8(printable_name(t.usb_serial)));
        tablet_list_->SetItem(row, 1, from_utf8(printable_name(t.model)));
        bool kit_has_key = false;
        if (t.identity && t.identity->kit) {
            tablet_list_->SetItem(row, 2, from_utf8(t.identity->kit->number));
            kit_has_key = std::any_of(keys.begin(), keys.end(),
                                      [&](const DeviceKey& k) { return k.kit_number == t.identity->kit->number; });
        } else if (t.identity) {
            // TRANSLATORS: kit column of a connected tablet that no registered kit matches.
            tablet_list_->SetItem(row, 2, _("unknown"));
        }
        if (t.identity && t.identity->holder) tablet_list_->SetItem(row, 3, from_utf8(t.identity->holder->full_name));
        if (t.identity && t.identity->institution)
            tablet_list_->SetItem(row, 4, from_utf8(ui_language() == "kk" ? t.identity->institution->name_kk
                                                                         : t.identity->institution->name_ru));
        tablet_list_->SetItem(row, 5, t.problem ? error_text(*t.problem) : key_status_text(t, kit_has_key));
        wxString where = t.simulated ? format_text(_("simulated: {}"), {from_utf8(t.folder.filename().string())})
                                     : from_utf8(t.location);
        if (!t.accessible) where += " - " + _("no permission");
        tablet_list_->SetItem(row, 6, where);
        if (t.identity && (t.identity->key_mismatch || !t.accessible))
            tablet_list_->SetItemTextColour(row, palette::error_text());
    }
    if (chosen && *chosen < tablets_.size())
        tablet_list_->SetItemState(static_cast<long>(*chosen), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                   wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    else if (tablets_.size() == 1)
        tablet_list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    tablet_list_->Thaw();
    update_buttons();
}

// ---- lists ----------------------------------------------------------------------------------

void DevicesPanel::reload() {
    for (auto& t : tablets_) identify(t);
    fill_tablets();
    if (auto h = pull_history(session_, "", kHistoryRows)) {
        history_ = std::move(*h);
    } else {
        history_.clear();
        notify(error_text(h.error()), true);
    }
    fill_history();
    if (quarantine_list_) {
        if (auto q = list_quarantine(session_, show_settled_->GetValue())) {
            quarantine_ = std::move(*q);
        } else {
            quarantine_.clear();
            notify(error_text(q.error()), true);
        }
        fill_quarantine();
    }
    Layout();
    read_stats();
}

void DevicesPanel::read_stats() {
    // The counts scan every person and household (a million at a department): on a worker
    // session, so neither opening the station nor the end of a pull waits for them, and only
    // while the screen is on view (it is made at start for its tablet watcher; the dashboard's
    // own read should not share the disk and CPU with a count nobody sees).
    if (!permits(session_.actor.role, Operation::ViewCensusData)) return;
    stats_stale_ = !IsShownOnScreen();
    if (stats_stale_) return;
    ++stats_loading_;
    run_on_worker_session<CensusStats>(
        lifeline_, workspace_, [](Session& s) { return census_stats(s); },
        [this](Result<CensusStats> s) {
            --stats_loading_;
            if (s) stats_ = *s;
            show_stats();
        });
}

void DevicesPanel::show_stats() {
    stats_text_->set_text(
        // TRANSLATORS: census records stored so far, shown above the Devices screen's tablet list.
        stats_ ? format_text(_("In the store: persons {}, households {}, packages {}, kits {}."),
                             {count(stats_->persons), count(stats_->households), count(stats_->packages), count(stats_->kits)})
               : wxString());
    Layout();
}

void DevicesPanel::fill_history() {
    history_list_->Freeze();
    history_list_->DeleteAllItems();
    long row = 0;
    for (const auto& p : history_) {
        const long i = history_list_->InsertItem(row++, utc_time_text(p.started_at_utc));
        history_list_->SetItem(i, 1, from_utf8(printable_name(p.kit_number)));
        history_list_->SetItem(i, 2, pull_outcome_text(p.outcome));
        history_list_->SetItem(i, 3, count(p.packages_received));
        history_list_->SetItem(i, 4, count(p.packages_already));
        history_list_->SetItem(i, 5, count(p.packages_quarantined));
        history_list_->SetItem(i, 6, count(p.persons));
        history_list_->SetItem(i, 7, count(p.packages_left));
        history_list_->SetItem(i, 8, from_utf8(p.missing_sequences));
        history_list_->SetItem(i, 9, from_utf8(p.user));
        history_list_->SetItem(i, 10, from_utf8(printable_name(p.source)));
        if (left_work_behind(p))
            history_list_->SetItemTextColour(i, palette::error_text());
    }
    history_list_->Thaw();
    // TRANSLATORS: notebook tab of the Devices screen; {} is the number of pulls listed.
    pages_->SetPageText(0, format_text(_("Pull history ({})"), {count(static_cast<std::int64_t>(history_.size()))}));
}

void DevicesPanel::fill_quarantine() {
    quarantine_list_->Freeze();
    quarantine_list_->DeleteAllItems();
    long row = 0;
    std::int64_t open = 0;
    for (const auto& q : quarantine_) {
        const long i = quarantine_list_->InsertItem(row++, count(q.id));
        quarantine_list_->SetItem(i, 1, utc_time_text(q.quarantined_at_utc));
        quarantine_list_->SetItem(i, 2, from_utf8(printable_name(q.kit_number)));
        quarantine_list_->SetItem(i, 3, tr_label(quarantine_reason_label(q.reason)));
        quarantine_list_->SetItem(i, 4, from_utf8(printable_name(q.file_name)));
        quarantine_list_->SetItem(i, 5, from_utf8(q.resolution));
        quarantine_list_->SetItem(i, 6, from_utf8(printable_name(q.source)));
        if (q.resolved) quarantine_list_->SetItemTextColour(i, palette::muted_text());
        else ++open;
    }
    if (!quarantine_.empty())
        quarantine_list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    quarantine_list_->Thaw();
    // TRANSLATORS: notebook tab of the Devices screen; {} is the number of packages waiting there.
    pages_->SetPageText(1, format_text(_("Quarantine ({})"), {count(open)}));
    update_buttons();
}

std::optional<std::size_t> DevicesPanel::selected_tablet() const {
    const long i = tablet_list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0 || static_cast<std::size_t>(i) >= tablets_.size()) return std::nullopt;
    return static_cast<std::size_t>(i);
}

std::optional<std::size_t> DevicesPanel::selected_quarantined() const {
    if (!quarantine_list_) return std::nullopt;
    const long i = quarantine_list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0 || static_cast<std::size_t>(i) >= quarantine_.size()) return std::nullopt;
    return static_cast<std::size_t>(i);
}

void DevicesPanel::update_buttons() {
    const bool busy = pulling();
    const auto tablet = selected_tablet();
    pull_->Enable(!busy && tablet && tablets_[*tablet].accessible);
    pull_all_->Enable(!busy && !tablets_.empty());
    enrol_->Enable(!busy);
    cancel_->Enable(busy);
    if (quarantine_list_) {
        const auto q = selected_quarantined();
        const bool open = q && !quarantine_[*q].resolved;
        retry_->Enable(!busy && !retrying_ && open && permits(session_.actor.role, Operation::PullData));
        dismiss_->Enable(!busy && !retrying_ && open);
    }
}

void DevicesPanel::notify(const wxString& text, bool error) {
    last_notice_ = text;
    notices_->ShowMessage(text, error ? wxICON_ERROR : wxICON_INFORMATION);
    Layout();
}

void DevicesPanel::status(const wxString& text) {
    last_notice_ = text;
    if (on_status) on_status(text);
}

void DevicesPanel::finished(const wxString& title, const wxString& text) {
    status(text);
    if (on_finished) on_finished(title, text);
}

// ---- pulling --------------------------------------------------------------------------------

void DevicesPanel::pull_selected() {
    if (auto t = selected_tablet()) pull({*t});
}

void DevicesPanel::pull_all() {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < tablets_.size(); ++i)
        if (tablets_[i].accessible) rows.push_back(i);
    pull(rows);
}

bool DevicesPanel::pull(const std::vector<std::size_t>& rows) {
    if (pulling() || rows.empty()) return false;
    std::vector<Target> targets;
    for (std::size_t r : rows) {
        if (r >= tablets_.size()) continue;
        const Tablet& t = tablets_[r];
        wxString name = t.identity && t.identity->kit
                            ? format_text(_("kit {}"), {from_utf8(t.identity->kit->number)})
                            : from_utf8(printable_name(t.usb_serial));
        targets.push_back({t.usb_serial, to_utf8(name)});
    }
    if (targets.empty()) return false;
    job_ = std::make_shared<PullJob>();
    job_->tablets = targets.size();
    progress_updates_ = 0;
    last_results_.clear();
    summary_->Clear();
    gauge_->SetValue(0);
    speed_text_->SetLabel(wxEmptyString);
    progress_text_->SetLabel(format_text(_("Connecting to {}..."), {from_utf8(targets.front().name)}));
    update_buttons();
    status(format_text(_("Pulling from {}..."), {from_utf8(targets.front().name)}));

    auto job = job_;
    auto token = lifeline_.token();
    // The pull itself is the application's job, as `sanaq pull` runs it: each tablet opened when
    // its turn comes, one that fails reported and the next still pulled, a cancel starting no
    // further tablet.
    run_in_background<std::vector<app::TabletPull>>(
        lifeline_,
        [this, workspace = workspace_, tablets = tablet_source_, targets, job,
         token]() mutable -> Result<std::vector<app::TabletPull>> {
            // Moved in, so the worker session holds the workspace only until this function ends
            // (not until the thread's captures go, after the application stops counting it).
            auto worker = OpenWorkspace::open_worker_session(std::move(workspace));
            SANAQ_TRY(worker);
            auto last = std::chrono::steady_clock::now() - kProgressInterval;
            std::size_t last_tablet = 0, last_index = 0;
            auto progress = [&](const app::TabletPullProgress& t) {
                const PullProgress& p = t.package;
                const auto now = std::chrono::steady_clock::now();
                const bool package_done = p.file_size > 0 && p.file_bytes >= p.file_size;
                if (now - last < kProgressInterval && t.tablet == last_tablet && p.index == last_index && !package_done)
                    return;
                last = now;
                last_tablet = t.tablet;
                last_index = p.index;
                wxTheApp->CallAfter([this, token, t] {
                    if (*token) show_progress(t.tablet, t.tablets, from_utf8(t.label), t.package);
                });
            };
            std::vector<app::TabletToPull> chosen;
            for (const Target& target : targets) chosen.push_back({target.name, target.usb_serial, nullptr, std::nullopt});
            return app::pull_tablets((*worker)->session(), *tablets, std::move(chosen), progress, job->cancel);
        },
        [this](Result<std::vector<app::TabletPull>> results) { pull_finished(std::move(results)); });
    return true;
}

void DevicesPanel::cancel_pull() {
    if (!job_) return;
    job_->cancel.cancel();
    cancel_->Enable(false);
    progress_text_->SetLabel(_("Cancelling: the package being read is dropped..."));
}

void DevicesPanel::show_progress(std::size_t tablet, std::size_t tablets, const wxString& name, const PullProgress& p) {
    if (!job_) return;
    ++progress_updates_;
    wxString line = format_text(_("{}: package {} of {} - {}"),
                                {name, count(static_cast<std::int64_t>(p.index)), count(static_cast<std::int64_t>(p.count)),
                                 from_utf8(printable_name(p.file))});
    if (tablets > 1)
        line = format_text(_("Tablet {} of {}"), {count(static_cast<std::int64_t>(tablet + 1)),
                                                  count(static_cast<std::int64_t>(tablets))}) +
               " - " + line;
    if (!job_->cancel.cancelled()) progress_text_->SetLabel(line);
    const double share = p.total_size > 0 ? static_cast<double>(p.total_bytes) / static_cast<double>(p.total_size) : 0;
    gauge_->SetValue(static_cast<int>(std::clamp(share, 0.0, 1.0) * 1000));
    speed_text_->SetLabel(format_text(_("This package: {} of {} KB; in all: {} of {} KB; {} KB/s"),
                                      {kib(p.file_bytes), kib(p.file_size), kib(p.total_bytes), kib(p.total_size),
                                       wxString::Format("%.0f", p.bytes_per_second / 1024.0)}));
}

namespace {

wxString pull_summary_text(const PullSummary& s) {
    wxString out;
    auto line = [&](const wxString& text) { out += text + "\n"; };
    wxString who = s.kit_number.empty() ? from_utf8(printable_name(s.source)) : format_text(_("kit {}"), {from_utf8(printable_name(s.kit_number))});
    if (!s.holder.empty()) who += " (" + from_utf8(s.holder) + ")";
    line(format_text(_("{}: received: {}, already received: {}, quarantined: {}; stored households: {}, persons: {}."),
                     {who, count(s.packages_received), count(s.packages_already), count(s.packages_quarantined),
                      count(s.households_stored), count(s.persons_stored)}));
    for (const auto& p : s.packages)
        if (p.status == PackageStatus::Quarantined && p.error) line("    " + from_utf8(printable_name(p.file_name)) + ": " + error_text(*p.error));
    if (s.records_ignored_older > 0)
        line(format_text(wxPLURAL("{} record was an older revision than the one stored and was ignored.",
                                  "{} records were older revisions than those stored and were ignored.",
                                  static_cast<unsigned>(s.records_ignored_older)),
                         {count(s.records_ignored_older)}));
    if (s.warnings > 0)
        line(format_text(wxPLURAL("{} record has warnings (an IIN with a wrong check digit, an unreadable date); it was stored.",
                                  "{} records have warnings (an IIN with a wrong check digit, an unreadable date); they were stored.",
                                  static_cast<unsigned>(s.warnings)),
                         {count(s.warnings)}));
    for (const auto& g : s.gaps) line(error_text(g));
    // Against the census calendar: stored all the same, kept with the pull for a person to look into.
    for (const auto& p : s.packages)
        for (const auto& w : p.calendar_warnings)
            line("    " + format_text(_("Warning: {}: {}"), {from_utf8(printable_name(p.file_name)), error_text(w)}));
    if (s.clock_skew_seconds > 0)
        line(format_text(wxPLURAL("The tablet's clock is ahead of this workstation by {} minute; set its time before the next interviews.",
                                  "The tablet's clock is ahead of this workstation by {} minutes; set its time before the next interviews.",
                                  static_cast<unsigned>(s.clock_skew_seconds / 60)),
                         {count(s.clock_skew_seconds / 60)}));
    if (s.stopped_by) line(error_text(*s.stopped_by));
    if (s.packages_left > 0)
        line(format_text(wxPLURAL("{} package remains on the tablet without a receipt.",
                                  "{} packages remain on the tablet without a receipt.", static_cast<unsigned>(s.packages_left)),
                         {count(s.packages_left)}));
    // What to do next.
    if (s.outcome == PullOutcome::Cancelled || s.outcome == PullOutcome::Interrupted)
        line(_("What to do: pull again when the tablet is ready; what was stored is not stored twice."));
    else if (s.packages_quarantined > 0)
        line(_("What to do: open the Quarantine tab, fix the cause (for example enrol the tablet's key on its kit) and retry."));
    else if (!s.gaps.empty())
        line(_("What to do: ask the holder to export the missing packages again, then pull again."));
    else if (s.packages_received + s.packages_already == 0)
        line(_("The tablet's outbox was empty: nothing to pull."));
    else
        line(_("Done: the tablet has its receipts and may delete these packages."));
    return out;
}

}  // namespace

void DevicesPanel::pull_finished(Result<std::vector<app::TabletPull>> results) {
    const bool cancelled = job_ && job_->cancel.cancelled();
    job_.reset();
    wxString text;
    std::int64_t persons = 0, quarantined = 0;
    bool failed = false;
    if (!results) {
        text = error_text(results.error());
        failed = true;
    } else {
        for (auto& pull : *results) last_results_.push_back(std::move(pull.outcome));
        for (const auto& r : last_results_) {
            if (!r) {
                text += error_text(r.error()) + "\n";
                failed = true;
                continue;
            }
            if (!text.empty()) text += "\n";
            text += pull_summary_text(*r);
            persons += r->persons_stored;
            quarantined += r->packages_quarantined;
            if (r->stopped_by) failed = true;
        }
    }
    summary_->SetValue(text);
    summary_->ShowPosition(0);
    if (cancelled) {
        progress_text_->SetLabel(_("The pull was cancelled."));
    } else if (failed) {
        progress_text_->SetLabel(_("The pull stopped before the end; see the summary."));
    } else {
        progress_text_->SetLabel(_("The pull is complete."));
        gauge_->SetValue(gauge_->GetRange());
    }
    finished(cancelled ? _("Pull cancelled") : _("Pull finished"),
             cancelled ? _("The pull was cancelled.")
                       : format_text(_("Pull finished: persons stored: {}, packages quarantined: {}."),
                                     {count(persons), count(quarantined)}));
    reload();
    if (quarantined > 0 && quarantine_list_) pages_->SetSelection(1);
    else pages_->SetSelection(0);
}

// ---- keys -----------------------------------------------------------------------------------

void DevicesPanel::enrol_key() {
    const auto row = selected_tablet();
    if (!row) {
        EnrolKeyDialog dialog(this, session_, "", "", wxEmptyString);
        if (dialog.ShowModal() == wxID_OK) {
            reload();
            notify(format_text(_("Device key {} is enrolled on kit {}."),
                               {from_utf8(dialog.enrolled().device_id.substr(0, 16)), from_utf8(dialog.enrolled().kit_number)}),
                   false);
        }
        return;
    }
    const Tablet t = tablets_[*row];
    const std::string kit = t.identity && t.identity->kit ? t.identity->kit->number : std::string();
    const wxString name = from_utf8(printable_name(t.usb_serial));
    enrol_->Enable(false);
    // Reading the key means opening the tablet (USB transfers): off the UI thread.
    run_in_background<std::string>(
        lifeline_,
        [tablets = tablet_source_, serial = t.usb_serial]() -> Result<std::string> {
            return app::read_tablet_device_key(*tablets, serial);
        },
        [this, kit, name, serial = t.usb_serial, location = t.location](Result<std::string> key) {
            update_buttons();
            if (!key) notify(error_text(key.error()), true);
            // Kept with the tablet while it stays plugged in, so its row can say "enrolled" for
            // certain rather than only that its kit has a key.
            if (key)
                for (auto& plugged : tablets_)
                    if (!plugged.simulated && plugged.usb_serial == serial && plugged.location == location)
                        plugged.device_key_pem = *key;
            EnrolKeyDialog dialog(this, session_, kit, key ? *key : std::string(), key ? name : wxString());
            if (dialog.ShowModal() != wxID_OK) return;
            reload();
            notify(format_text(_("Device key {} is enrolled on kit {}."),
                               {from_utf8(dialog.enrolled().device_id.substr(0, 16)), from_utf8(dialog.enrolled().kit_number)}),
                   false);
        });
}

void DevicesPanel::export_department_key() {
    wxFileDialog dialog(this, _("Export the department's public key"), wxEmptyString, "department-keys.pem",
                        _("PEM files (*.pem)|*.pem|All files|*"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) return;
    const std::filesystem::path path(to_utf8(dialog.GetPath()));
    if (auto ok = export_department_key_to(path); !ok) {
        notify(error_text(ok.error()), true);
        return;
    }
    notify(format_text(_("The department's public keys are in {}. Put this file on each tablet as "
                         "Documents/Sanaq/department-keys.pem."),
                       {from_utf8(path.string())}),
           false);
}

Status DevicesPanel::export_department_key_to(const std::filesystem::path& path) {
    auto text = department_public_keys(session_);
    SANAQ_TRY(text);
    return io::write_file_atomically(path, *text);
}

// ---- quarantine -----------------------------------------------------------------------------

void DevicesPanel::retry_selected() {
    const auto row = selected_quarantined();
    if (!row || pulling() || retrying_ || quarantine_[*row].resolved) return;
    retrying_ = true;
    update_buttons();
    // Decrypting and storing a whole package is a pull's work: a worker session does it, as the
    // CLI's `package retry` does it on its own connection.
    run_on_worker_session<PackageOutcome>(
        lifeline_, workspace_,
        [id = quarantine_[*row].id](Session& worker) { return retry_quarantined(worker, id); },
        [this](Result<PackageOutcome> outcome) {
            retrying_ = false;
            update_buttons();
            if (!outcome) {
                notify(error_text(outcome.error()), true);
                return;
            }
            if (outcome->status == PackageStatus::Quarantined)
                notify(format_text(_("Package {} is still refused: {}"),
                                   {from_utf8(printable_name(outcome->file_name)),
                                    outcome->error ? error_text(*outcome->error) : wxString()}),
                       true);
            else
                notify(format_text(_("Package {} is stored (households: {}, persons: {}). The tablet gets its "
                                     "receipt at the next pull."),
                                   {from_utf8(printable_name(outcome->file_name)), count(outcome->households),
                                    count(outcome->persons)}),
                       false);
            reload();
        });
}

void DevicesPanel::dismiss_selected() {
    const auto row = selected_quarantined();
    if (!row || pulling() || quarantine_[*row].resolved) return;
    ReasonDialog dialog(this, _("Dismiss a quarantined package"),
                        format_text(_("Package {} is settled without storing it; its bytes stay in the store. Why?"),
                                    {from_utf8(printable_name(quarantine_[*row].file_name))}));
    while (dialog.ShowModal() == wxID_OK) {
        if (auto ok = dismiss(*row, dialog.reason()); ok) return;
        else wxMessageBox(error_text(ok.error()), _("Dismiss a quarantined package"), wxOK | wxICON_ERROR, this);
    }
}

Status DevicesPanel::dismiss(std::size_t quarantine_row, const std::string& reason) {
    if (quarantine_row >= quarantine_.size())
        return fail(ErrorCode::NotFound, N_("Choose a package in the quarantine list."));
    const auto id = quarantine_[quarantine_row].id;
    SANAQ_TRY(dismiss_quarantined(session_, id, reason));
    notify(format_text(_("Quarantined package {} is dismissed; its bytes stay in the store."), {count(id)}), false);
    reload();
    return {};
}

}  // namespace sanaq::ui
