#pragma once
// Where the station's long work runs: a fixed set of worker threads fed from one queue. The GUI's
// screens submit their jobs here (ui/common/background_task.h) instead of starting threads of their
// own, so the number of threads is bounded, every job is counted, and the application can wait for
// them to finish before it closes the workspace.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sanaq::app {

class Executor {
public:
    /// `threads` workers (at least one). Jobs beyond them wait in order of submission.
    explicit Executor(unsigned threads);
    /// Runs what is queued, then joins the workers.
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    /// Queues `job`. A job must not throw (wrap it; background_task.h turns exceptions into
    /// errors); one that does is dropped with the exception so the worker lives on.
    void submit(std::function<void()> job);
    /// Jobs queued or running.
    std::size_t unfinished() const;
    /// Waits until no job is queued or running (false when `limit` passed first).
    bool wait_idle(std::chrono::milliseconds limit) const;
    std::size_t threads() const { return workers_.size(); }

private:
    void work();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    mutable std::condition_variable idle_;
    std::deque<std::function<void()>> queue_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

/// The process's executor: four workers — a pull, a reconciliation, an export and a screen's
/// refresh can run side by side; the store serialises their writes anyway. Never destroyed (a job
/// still running when the process exits is not joined from a static destructor).
Executor& executor();

}  // namespace sanaq::app
