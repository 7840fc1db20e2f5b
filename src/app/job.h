#pragma once
// What every job of the application layer takes besides its inputs: a way to say how far it is and
// a way to be asked to stop. The CLI points the cancel at Ctrl+C (cli/stop_request.h) and prints
// progress on a terminal; a screen points it at its Cancel button and moves progress to the UI
// thread. A job stops only where stopping leaves nothing half-stored, and then says Cancelled.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "core/error.h"

namespace sanaq::app {

/// Shared between whoever may ask for the stop (a button, a signal handler) and the job.
class CancelToken {
public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    /// A token over a flag someone else owns (the CLI's signal flag), kept alive by its owner.
    explicit CancelToken(std::atomic<bool>& external)
        : flag_(std::shared_ptr<std::atomic<bool>>(std::shared_ptr<void>(), &external)) {}
    void cancel() const { *flag_ = true; }
    bool cancelled() const { return flag_->load(); }
    /// For use cases that poll a flag (send_upstream, the archive progress).
    const std::atomic<bool>& flag() const { return *flag_; }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

/// How far a job is: `stage` is a msgid (translated by whoever shows it), `done` of `total` in
/// that stage's unit (bytes, rows, per mille); total 0 when unknown.
struct JobProgress {
    const char* stage = "";
    std::uint64_t done = 0;
    std::uint64_t total = 0;
};
/// Called on the job's thread; a screen moves it to the UI thread itself.
using JobProgressFn = std::function<void(const JobProgress&)>;

/// The error a job returns when it stopped because it was asked to.
inline Error cancelled_error() { return Error::make(ErrorCode::Cancelled, N_("Stopped; nothing of it was stored.")); }

}  // namespace sanaq::app
