#pragma once
// Use cases that may take long (a list preview, a reconciliation, the coverage of a big
// workspace) run on a worker thread with a Session of its own connection
// (OpenWorkspace::open_worker_session, ui/README.md "Threading rule"); the result comes back on
// the UI thread and is dropped when the asking window has gone.
#include <functional>
#include <memory>
#include <utility>

#include "ui/app/open_workspace.h"
#include "ui/common/background_task.h"

namespace sanaq::ui {

/// Opens a worker session on the new thread, runs `work` with it, closes it, then hands the
/// result to `done` on the UI thread if `owner` is still alive. `work` must not touch wx.
template <class V>
void run_on_worker_session(const Lifeline& owner, std::shared_ptr<OpenWorkspace> workspace,
                           std::function<Result<V>(Session&)> work, std::function<void(Result<V>)> done) {
    run_in_background<V>(
        owner,
        [workspace = std::move(workspace), work = std::move(work)]() mutable -> Result<V> {
            // Moved in, so the worker session holds the workspace only until this function ends.
            auto worker = OpenWorkspace::open_worker_session(std::move(workspace));
            SANAQ_TRY(worker);
            return work((*worker)->session());
        },
        std::move(done));
}

}  // namespace sanaq::ui
