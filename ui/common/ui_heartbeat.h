#pragma once
// How long the UI thread could not run its event loop: a monitor thread sends the UI thread a
// ping (CallAfter) every few milliseconds, one at a time, and the UI thread notes how long each
// waited. A ping waits behind whatever keeps the loop busy — a long handler, a synchronous read, a
// queue flooded with progress events — which is what the person at the keyboard feels as a
// frozen window. Off unless something starts one: the responsiveness benchmark
// (tests/ui/bench_responsiveness.cpp), or SANAQ_UI_HEARTBEAT=1 (StationApp prints each stall and
// a summary on stderr). Nothing a user sees.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sanaq::ui {

class UiHeartbeat {
public:
    struct Stall {
        double ms = 0;
        std::string phase;  // what the UI thread was doing, as the last set_phase() said
        /// CPU time the UI thread itself used meanwhile: close to `ms` when it was busy working,
        /// far below when it waited (a lock, the disk, or a machine too busy to schedule it).
        double cpu_ms = 0;
        /// The phase when the late ping was sent: the work that stalled may have moved the phase on
        /// before the loop ran again (a screen shown at the end of a long setup step).
        std::string began_in;
        /// "phase", or "began_in -> phase" when they differ: for printing.
        std::string where() const { return began_in.empty() || began_in == phase ? phase : began_in + " -> " + phase; }
    };
    struct Options {
        std::chrono::milliseconds beat{5};    // the pause between one ping's answer and the next ping
        std::chrono::milliseconds stall{50};  // a wait longer than this is a stall
        std::function<void(const Stall&)> on_stall;  // called on the UI thread as each stall ends
    };
    struct Report {
        std::size_t beats = 0;  // pings answered
        double max_gap_ms = 0;
        double p99_gap_ms = 0;
        std::size_t stalls = 0;  // waits longer than Options::stall
        std::vector<Stall> longest;  // the longest stalls, longest first (at most 10)
    };

    /// Made on the UI thread (its CPU clock is read for Stall::cpu_ms).
    UiHeartbeat();
    explicit UiHeartbeat(Options options);
    ~UiHeartbeat();  // stops the monitor; a ping still queued is answered harmlessly
    UiHeartbeat(const UiHeartbeat&) = delete;
    UiHeartbeat& operator=(const UiHeartbeat&) = delete;

    /// Names what follows (a screen, a benchmark phase); stalls are reported under it. Any thread.
    void set_phase(std::string phase);
    /// The figures since start or the last reset(); a ping still waiting counts with its wait so far.
    Report report() const;
    void reset();

    /// The heartbeat running in this process, if any (the one made last), so that screens can name
    /// their phase without knowing who measures.
    static UiHeartbeat* active();

private:
    struct State;
    std::shared_ptr<State> state_;
};

/// set_phase() on the active heartbeat; nothing when none runs.
void note_ui_phase(const std::string& phase);

}  // namespace sanaq::ui
