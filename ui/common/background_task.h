#pragma once
// Long work — the key derivation when a workspace opens, making the demo workspace, reading an
// inventory file, rendering an act — runs on the application's executor (src/app/executor.h), not
// on a thread of each screen's making. Its result comes back to the UI thread through CallAfter
// and is dropped if the window that asked for it has gone meanwhile.
//
// The threading rule (ui/README.md): a worker never touches wx windows, and never the connection
// the screens are using — a worker that must write the open workspace (a pull) opens its own
// (OpenWorkspace::open_worker_session), so a screen repainting its list and a worker never share one.
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include <wx/app.h>

#include "app/executor.h"
#include "core/error.h"

namespace sanaq::ui {

/// Owned by a window (or any UI-thread object); tells late results whether their owner still
/// exists. Only the UI thread reads or writes the flag; workers merely hold the shared_ptr.
class Lifeline {
public:
    Lifeline() : alive_(std::make_shared<bool>(true)) {}
    ~Lifeline() { *alive_ = false; }
    Lifeline(const Lifeline&) = delete;
    Lifeline& operator=(const Lifeline&) = delete;
    std::shared_ptr<const bool> token() const { return alive_; }

private:
    std::shared_ptr<bool> alive_;
};

namespace detail {
Error exception_error(std::exception_ptr error);
}  // namespace detail

/// Jobs queued or running; the application waits for them before it exits.
int running_background_work();
/// Waits up to `limit` for running workers to finish (false when some are still running).
bool wait_for_background_work(std::chrono::milliseconds limit);

/// Runs `work` on the executor, then `done` on the UI thread if `owner` is still alive.
/// An exception thrown by `work` arrives as an Unexpected error.
template <class V>
void run_in_background(const Lifeline& owner, std::function<Result<V>()> work,
                       std::function<void(Result<V>)> done) {
    app::executor().submit([token = owner.token(), work = std::move(work), done = std::move(done)]() mutable {
        std::optional<Result<V>> result;
        try {
            result.emplace(work());
        } catch (...) {
            result.emplace(std::unexpected(detail::exception_error(std::current_exception())));
        }
        auto shared = std::make_shared<Result<V>>(std::move(*result));
        auto callback = std::make_shared<std::function<void(Result<V>)>>(std::move(done));
        wxTheApp->CallAfter([token, shared, callback] {
            if (*token) (*callback)(std::move(*shared));
        });
    });
}

/// Runs `work` on the executor with nothing to report back (releasing something heavy off the UI
/// thread); counted like any job, so the application waits for it before it exits.
void run_detached(std::function<void()> work);

}  // namespace sanaq::ui
