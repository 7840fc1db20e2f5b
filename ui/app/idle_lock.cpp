#include "ui/app/idle_lock.h"

#include <algorithm>

#include <wx/app.h>
#include <wx/dialog.h>
#include <wx/evtloop.h>

namespace sanaq::ui {

IdleLock::IdleLock(std::chrono::milliseconds timeout, std::function<void()> on_idle)
    : timeout_(timeout), on_idle_(std::move(on_idle)), last_activity_(std::chrono::steady_clock::now()), timer_(this) {
    Bind(wxEVT_TIMER, &IdleLock::on_tick, this);
    wxEvtHandler::AddFilter(this);
    // Check a few times per timeout, at most once a second: the lock comes at most a second late.
    const auto tick = std::clamp<long long>(timeout_.count() / 4, 20, 1000);
    timer_.Start(static_cast<int>(tick));
}

IdleLock::~IdleLock() {
    timer_.Stop();
    wxEvtHandler::RemoveFilter(this);
}

int IdleLock::FilterEvent(wxEvent& event) {
    const wxEventType type = event.GetEventType();
    if (type == wxEVT_KEY_DOWN || type == wxEVT_CHAR || type == wxEVT_LEFT_DOWN || type == wxEVT_RIGHT_DOWN ||
        type == wxEVT_MIDDLE_DOWN || type == wxEVT_MOTION || type == wxEVT_MOUSEWHEEL)
        note_activity();
    return Event_Skip;
}

void IdleLock::note_activity() { last_activity_ = std::chrono::steady_clock::now(); }

namespace {
/// True while a modal dialog runs its own event loop: the main window cannot go now, because a
/// dialog on some handler's stack would be deleted under it.
bool inside_modal_loop() {
    for (wxWindow* w : wxTopLevelWindows)
        if (auto* d = dynamic_cast<wxDialog*>(w); d && d->IsModal()) return true;
    return wxEventLoopBase::GetActive() != wxTheApp->GetMainLoop();
}

void cancel_modal_dialogs() {
    for (wxWindow* w : wxTopLevelWindows)
        if (auto* d = dynamic_cast<wxDialog*>(w); d && d->IsModal()) d->EndModal(wxID_CANCEL);
}
}  // namespace

void IdleLock::on_tick(wxTimerEvent&) {
    if (fired_ || std::chrono::steady_clock::now() - last_activity_ < timeout_) return;
    if (inside_modal_loop()) {
        // Cancel what is open (unsaved input goes: this is a lock), and lock on a later tick once
        // the dialogs' loops have returned.
        cancel_modal_dialogs();
        return;
    }
    fired_ = true;
    timer_.Stop();
    wxTheApp->CallAfter([callback = on_idle_] { callback(); });
}

}  // namespace sanaq::ui
