// The executor the GUI's jobs run on: bounded threads, every job run once, waiting for idle, and a
// job that throws does not take its worker (or the jobs behind it) down.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "app/executor.h"

using namespace std::chrono_literals;
using sanaq::app::Executor;

BOOST_AUTO_TEST_SUITE(executor)

BOOST_AUTO_TEST_CASE(runs_every_job_once_on_no_more_than_its_threads) {
    std::atomic<int> ran{0}, running{0}, most{0};
    std::mutex mutex;
    std::set<std::thread::id> threads;
    {
        Executor executor(3);
        BOOST_TEST(executor.threads() == 3u);
        for (int i = 0; i < 40; ++i)
            executor.submit([&] {
                const int now = ++running;
                int seen = most.load();
                while (now > seen && !most.compare_exchange_weak(seen, now)) {
                }
                std::this_thread::sleep_for(2ms);
                {
                    std::lock_guard lock(mutex);
                    threads.insert(std::this_thread::get_id());
                }
                --running;
                ++ran;
            });
        BOOST_TEST(executor.wait_idle(30s));
        BOOST_TEST(executor.unfinished() == 0u);
    }
    BOOST_TEST(ran == 40);
    BOOST_TEST(most <= 3);
    BOOST_TEST(threads.size() <= 3u);
}

BOOST_AUTO_TEST_CASE(a_job_that_throws_leaves_the_worker_to_run_the_next) {
    Executor executor(1);
    std::atomic<bool> after{false};
    executor.submit([] { throw std::runtime_error("a bug in a job"); });
    executor.submit([&] { after = true; });
    BOOST_TEST(executor.wait_idle(30s));
    BOOST_TEST(after.load());
}

BOOST_AUTO_TEST_CASE(wait_idle_says_when_work_is_still_running) {
    Executor executor(1);
    std::atomic<bool> release{false};
    executor.submit([&] {
        while (!release) std::this_thread::sleep_for(1ms);
    });
    executor.submit([] {});
    BOOST_TEST(!executor.wait_idle(50ms));
    BOOST_TEST(executor.unfinished() >= 1u);
    release = true;
    BOOST_TEST(executor.wait_idle(30s));
}

BOOST_AUTO_TEST_CASE(destroying_it_runs_what_was_queued) {
    std::atomic<int> ran{0};
    {
        Executor executor(1);
        for (int i = 0; i < 5; ++i)
            executor.submit([&] {
                std::this_thread::sleep_for(1ms);
                ++ran;
            });
    }
    BOOST_TEST(ran == 5);
}

BOOST_AUTO_TEST_SUITE_END()
