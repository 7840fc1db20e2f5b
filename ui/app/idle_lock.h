#pragma once
// Locks the workstation after a stretch without keyboard or mouse input. It sees every event the
// application dispatches through a wxEventFilter (the hook behind wxApp::FilterEvent), so no
// screen has to report activity itself. The timeout is injected: minutes from the workspace's
// settings in the application, milliseconds in tests.
#include <chrono>
#include <functional>

#include <wx/event.h>
#include <wx/eventfilter.h>
#include <wx/timer.h>

namespace sanaq::ui {

class IdleLock : public wxEvtHandler, public wxEventFilter {
public:
    /// `on_idle` runs once, on the UI thread from the event queue (never inside this object's own
    /// handler), so it may destroy the IdleLock. Modal dialogs open at that time are cancelled
    /// first, and `on_idle` waits until their event loops have returned.
    IdleLock(std::chrono::milliseconds timeout, std::function<void()> on_idle);
    ~IdleLock() override;

    int FilterEvent(wxEvent& event) override;
    void note_activity();
    std::chrono::milliseconds timeout() const { return timeout_; }

private:
    void on_tick(wxTimerEvent& event);

    std::chrono::milliseconds timeout_;
    std::function<void()> on_idle_;
    std::chrono::steady_clock::time_point last_activity_;
    wxTimer timer_;
    bool fired_ = false;
};

}  // namespace sanaq::ui
