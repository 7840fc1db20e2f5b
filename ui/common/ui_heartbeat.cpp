#include "ui/common/ui_heartbeat.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include <pthread.h>
#include <time.h>

#include <wx/app.h>

namespace sanaq::ui {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kLongestKept = 10;

std::atomic<UiHeartbeat*> active_heartbeat{nullptr};

double ms_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double cpu_ms(clockid_t clock) {
    timespec ts{};
    if (clock_gettime(clock, &ts) != 0) return 0;
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace

// Shared with the queued pings, so one answered after the heartbeat has gone touches live memory.
struct UiHeartbeat::State {
    Options options;
    mutable std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    bool ping_waiting = false;  // at most one ping in the queue: a frozen loop is not flooded further
    Clock::time_point ping_sent{};
    clockid_t ui_cpu_clock{};  // the UI thread's CPU clock, readable from the monitor
    std::string phase;
    std::vector<double> gaps;
    double max_gap = 0;
    std::vector<Stall> stalls;
    std::thread monitor;

    void answer(Clock::time_point sent, double ui_cpu_at_send, const std::string& phase_at_send) {
        const double ms = ms_between(sent, Clock::now());
        const double used = cpu_ms(CLOCK_THREAD_CPUTIME_ID) - ui_cpu_at_send;
        std::optional<Stall> stall;
        {
            std::lock_guard lock(mutex);
            ping_waiting = false;
            gaps.push_back(ms);
            max_gap = std::max(max_gap, ms);
            if (ms > static_cast<double>(options.stall.count())) {
                stalls.push_back({ms, phase, used, phase_at_send});
                stall = stalls.back();
            }
        }
        wake.notify_all();
        if (stall && options.on_stall) options.on_stall(*stall);
    }

    void run(const std::shared_ptr<State>& self) {
        std::unique_lock lock(mutex);
        while (!stopping) {
            wake.wait_for(lock, options.beat, [&] { return stopping; });
            if (stopping) break;
            if (ping_waiting || !wxTheApp) {
                // Wait for the answer; the UI thread wakes us when it comes.
                wake.wait(lock, [&] { return stopping || !ping_waiting; });
                continue;
            }
            ping_waiting = true;
            ping_sent = Clock::now();
            const auto sent = ping_sent;
            const double ui_cpu = cpu_ms(ui_cpu_clock);
            std::string phase_at_send = phase;
            lock.unlock();
            wxTheApp->CallAfter([self, sent, ui_cpu, phase_at_send = std::move(phase_at_send)] {
                self->answer(sent, ui_cpu, phase_at_send);
            });
            lock.lock();
        }
    }
};

UiHeartbeat::UiHeartbeat() : UiHeartbeat(Options{}) {}

UiHeartbeat::UiHeartbeat(Options options) : state_(std::make_shared<State>()) {
    state_->options = std::move(options);
    // Made on the UI thread (the pings come back to it): its CPU clock tells working from waiting.
    if (pthread_getcpuclockid(pthread_self(), &state_->ui_cpu_clock) != 0) state_->ui_cpu_clock = CLOCK_THREAD_CPUTIME_ID;
    state_->monitor = std::thread([state = state_] { state->run(state); });
    active_heartbeat = this;
}

UiHeartbeat::~UiHeartbeat() {
    UiHeartbeat* self = this;
    active_heartbeat.compare_exchange_strong(self, nullptr);
    {
        std::lock_guard lock(state_->mutex);
        state_->stopping = true;
    }
    state_->wake.notify_all();
    state_->monitor.join();
}

void UiHeartbeat::set_phase(std::string phase) {
    std::lock_guard lock(state_->mutex);
    state_->phase = std::move(phase);
}

UiHeartbeat::Report UiHeartbeat::report() const {
    std::vector<double> gaps;
    Report r;
    {
        std::lock_guard lock(state_->mutex);
        gaps = state_->gaps;
        r.max_gap_ms = state_->max_gap;
        r.longest = state_->stalls;
        if (state_->ping_waiting) {
            const double waiting = ms_between(state_->ping_sent, Clock::now());
            r.max_gap_ms = std::max(r.max_gap_ms, waiting);
            if (waiting > static_cast<double>(state_->options.stall.count())) r.longest.push_back({waiting, state_->phase, 0, state_->phase});
        }
    }
    r.beats = gaps.size();
    r.stalls = r.longest.size();
    if (!gaps.empty()) {
        const std::size_t at = std::min(gaps.size() - 1, (gaps.size() * 99) / 100);
        std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(at), gaps.end());
        r.p99_gap_ms = gaps[at];
    }
    std::ranges::sort(r.longest, [](const Stall& a, const Stall& b) { return a.ms > b.ms; });
    if (r.longest.size() > kLongestKept) r.longest.resize(kLongestKept);
    return r;
}

void UiHeartbeat::reset() {
    std::lock_guard lock(state_->mutex);
    state_->gaps.clear();
    state_->max_gap = 0;
    state_->stalls.clear();
}

UiHeartbeat* UiHeartbeat::active() { return active_heartbeat; }

void note_ui_phase(const std::string& phase) {
    if (UiHeartbeat* h = UiHeartbeat::active()) h->set_phase(phase);
}

}  // namespace sanaq::ui
