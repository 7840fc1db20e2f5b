#include "ui/common/startup_timing.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <wx/app.h>

namespace sanaq::ui {
namespace {

bool enabled() {
    static const bool on = [] {
        const char* v = std::getenv("SANAQ_STARTUP_TIMING");
        return v && std::strcmp(v, "1") == 0;
    }();
    return on;
}

}  // namespace

void startup_milestone(const char* name) {
    if (!enabled()) return;
    // CLOCK_MONOTONIC is what the launcher's steady_clock reads, so both sides share one axis.
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    static std::mutex mutex;
    static std::set<std::string> printed;
    std::lock_guard lock(mutex);
    if (!printed.insert(name).second) return;  // a later sign-in is not a start
    std::fprintf(stderr, "sanaq-startup %s %ld.%06ld\n", name, static_cast<long>(ts.tv_sec), ts.tv_nsec / 1000);
    std::fflush(stderr);
}

void startup_milestone_when_idle(const char* name) {
    if (!enabled() || !wxTheApp) return;
    // wxApp::ProcessIdle sends wxEVT_IDLE to the application object itself once the queue is empty.
    auto done = std::make_shared<bool>(false);
    wxTheApp->Bind(wxEVT_IDLE, [name, done](wxIdleEvent& event) {
        event.Skip();
        if (*done) return;
        *done = true;
        startup_milestone(name);
    });
}

}  // namespace sanaq::ui
