#include "app/executor.h"

#include <algorithm>

namespace sanaq::app {

Executor::Executor(unsigned threads) {
    const unsigned count = std::max(1u, threads);
    workers_.reserve(count);
    for (unsigned i = 0; i < count; ++i) workers_.emplace_back([this] { work(); });
}

Executor::~Executor() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& worker : workers_) worker.join();
}

void Executor::submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
}

std::size_t Executor::unfinished() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + running_;
}

bool Executor::wait_idle(std::chrono::milliseconds limit) const {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, limit, [this] { return queue_.empty() && running_ == 0; });
}

void Executor::work() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and everything queued has run
            job = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
        }
        try {
            job();
        } catch (...) {
            // A job's own errors are values; an exception here is a bug in the job, and must
            // not take the worker (and every job queued behind it) down with it.
        }
        {
            std::lock_guard lock(mutex_);
            --running_;
            if (queue_.empty() && running_ == 0) idle_.notify_all();
        }
    }
}

Executor& executor() {
    static Executor* shared = new Executor(4);
    return *shared;
}

}  // namespace sanaq::app
