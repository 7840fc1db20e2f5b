#pragma once
// One send (app::send_upstream, the job `sanaq upstream send` runs too) at a time on a worker thread with a connection of its own (ui/README.md,
// "Threading rule"): forming batches, sending k of n, waiting for the next try; Cancel. Progress
// (at most ~10 reports a second, every change of stage) and the report come back on the UI thread
// and are dropped when the owner has gone. The Upstream screen owns one; destroying it cancels a
// running send, which stops at its next step (a batch already on the wire finishes its request).
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "ui/common/background_task.h"
#include "upstream/client/outbox.h"

namespace sanaq::ui {

class OpenWorkspace;

/// What the worker reports: the core's progress, and which batch of this pass is on its way.
struct SendStep {
    upstream::SendProgress progress;
    std::int64_t sending = 0;  // k in "sending k of n" (1-based; 0 outside the Sending stage)
};

class BackgroundSend {
public:
    using StepFn = std::function<void(const SendStep&)>;
    using DoneFn = std::function<void(Result<upstream::SendReport>)>;

    explicit BackgroundSend(std::shared_ptr<OpenWorkspace> workspace);
    ~BackgroundSend();
    BackgroundSend(const BackgroundSend&) = delete;
    BackgroundSend& operator=(const BackgroundSend&) = delete;

    /// Starts send_upstream with `options` (its cancel flag and progress are set here); false when
    /// one is running. `on_step` and `on_done` run on the UI thread.
    bool start(upstream::SendOptions options, StepFn on_step, DoneFn on_done);
    void cancel();
    bool running() const { return static_cast<bool>(job_); }
    bool cancelling() const { return job_ && job_->cancel; }

private:
    struct Job {
        std::atomic<bool> cancel{false};
    };

    std::shared_ptr<OpenWorkspace> workspace_;
    std::shared_ptr<Job> job_;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui
