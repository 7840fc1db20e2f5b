#include "ui/common/background_task.h"

namespace sanaq::ui {

namespace detail {
Error exception_error(std::exception_ptr error) {
    std::string what = "unknown exception";
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
    }
    return Error::make(ErrorCode::Unexpected, N_("Something went wrong that Sanaq Station did not expect."), {}, what);
}
}  // namespace detail

int running_background_work() { return static_cast<int>(app::executor().unfinished()); }

bool wait_for_background_work(std::chrono::milliseconds limit) { return app::executor().wait_idle(limit); }

void run_detached(std::function<void()> work) {
    app::executor().submit([work = std::move(work)] {
        try {
            work();
        } catch (...) {
            // Nothing to report to: releasing memory or a watcher does not fail in a way a user
            // could act on.
        }
    });
}

}  // namespace sanaq::ui
