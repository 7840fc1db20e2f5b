#include "cli/stop_request.h"

#include <csignal>

namespace sanaq::cli {
namespace {
std::atomic<bool> g_requested{false};
extern "C" void on_stop_signal(int) { g_requested = true; }
}  // namespace

StopRequest::StopRequest() {
    g_requested = false;
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
}

StopRequest::~StopRequest() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

bool StopRequest::requested() const { return g_requested; }
std::atomic<bool>& StopRequest::flag() { return g_requested; }

}  // namespace sanaq::cli
