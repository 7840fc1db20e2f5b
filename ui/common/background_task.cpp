#include "ui/common/background_task.h"

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace sanaq::ui {
namespace {
std::mutex g_mutex;
std::condition_variable g_finished;
int g_running = 0;
}  // namespace

namespace detail {
void work_started() {
    std::lock_guard lock(g_mutex);
    ++g_running;
}

void work_finished() {
    {
        std::lock_guard lock(g_mutex);
        --g_running;
    }
    g_finished.notify_all();
}

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

int running_background_work() {
    std::lock_guard lock(g_mutex);
    return g_running;
}

bool wait_for_background_work(std::chrono::milliseconds limit) {
    std::unique_lock lock(g_mutex);
    return g_finished.wait_for(lock, limit, [] { return g_running == 0; });
}

}  // namespace sanaq::ui
