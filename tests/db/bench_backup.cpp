// Backup and restore figures for db/README.md ("Backup file"; not a test, ctest never runs it):
//   bench_backup [--persons N] [--writer 0|1]
// Fills a real workspace (test KDF) with N persons (default 1,000,000) in households of three,
// answers_json of ~180 bytes as a tablet sends them, 20,000 persons per transaction; then times
//   a backup of the idle workspace (copy phase, read-back/verify phase, whole),
//   a backup while a worker connection keeps committing packages of 5,000 persons (--writer 1),
//   a restore of that backup into a new folder (copy + page MACs, then integrity check + open).
// Prints wall and CPU seconds per step and the sizes.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>

#include "db/backup.h"
#include "db/kdf.h"
#include "db/workspace.h"
#include "bench_population.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::test;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double mib(std::uint64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

}  // namespace

int main(int argc, char** argv) {
    int persons = 1'000'000;
    bool writer = true;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--persons")) persons = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--writer")) writer = std::atoi(argv[i + 1]) != 0;
        else {
            std::fprintf(stderr, "usage: bench_backup [--persons N] [--writer 0|1]\n");
            return 2;
        }
    }
    test::TempDir tmp("sanaq-bench-backup");
    auto created = db::Workspace::create(tmp / "ws", "admin", "bench password 1", db::test_kdf());
    check(created, "create");
    auto& ws = **created;
    std::mt19937_64 rng(20261128);
    int household_no = 0;
    {
        Timer t{"fill: persons, 20,000 per transaction"};
        for (int done = 0; done < persons; done += 20000)
            check(store_persons(ws, rng, std::min(20000, persons - done), household_no), "fill");
        check(ws.checkpoint(), "checkpoint");
        t.done(std::to_string(persons) + " persons, workspace.db " +
               std::to_string(static_cast<int>(mib(fs::file_size(tmp / "ws" / "workspace.db")))) + " MiB");
    }

    auto backup_once = [&](const fs::path& out, const char* what) {
        Timer t{what};
        Clock::time_point copied{};
        bool copy_done = false;
        auto info = ws.write_backup(out, [&](std::uint64_t done, std::uint64_t total) {
            if (!copy_done && done * 2 >= total) {
                copy_done = true;
                copied = Clock::now();
            }
            return true;
        }, nullptr);
        check(info, "backup");
        const double copy = std::chrono::duration<double>(copied - t.start).count();
        char extra[200];
        std::snprintf(extra, sizeof extra, "%.1f MiB file; copy %.2f s + read-back/MACs/digest %.2f s; %.0f MiB/s",
                      mib(info->size), copy, seconds_since(copied), mib(info->size) / seconds_since(t.start));
        t.done(extra);
        return *info;
    };

    backup_once(tmp / "idle.sanaq-backup", "backup, workspace idle");
    fs::remove(tmp / "idle.sanaq-backup");

    fs::path restore_from = tmp / "busy.sanaq-backup";
    if (writer) {
        // A pull-like worker on its own connection commits packages of 5,000 persons throughout.
        auto worker = ws.open_worker_store();
        check(worker, "worker");
        std::atomic<bool> stop{false};
        std::atomic<int> packages{0};
        double worst_commit = 0;
        std::mt19937_64 wrng(7);
        int whh = 10'000'000;
        std::thread pull([&] {
            while (!stop) {
                const auto t0 = Clock::now();
                check(store_persons(**worker, wrng, 5000, whh), "worker package");
                worst_commit = std::max(worst_commit, seconds_since(t0));
                ++packages;
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const int before = packages.load();
        backup_once(restore_from, "backup, a worker committing 5,000-person packages");
        const int during = packages.load() - before;
        stop = true;
        pull.join();
        std::printf("    the worker committed %d packages (%d persons) during the backup; slowest package %.2f s\n",
                    during, during * 5000, worst_commit);
        worker->reset();
    } else {
        backup_once(restore_from, "backup (for the restore)");
    }

    {
        Timer t{"restore: checks, unpack, integrity, open, publish"};
        Clock::time_point copied{};
        db::BackupRestorer restorer(db::OpenOptions{false, db::test_kdf()});
        auto staged = restorer.restore(restore_from, tmp / "restored", "admin", "bench password 1",
                                       [&](std::uint64_t done, std::uint64_t total) {
                                           if (done == total) copied = Clock::now();
                                           return true;
                                       });
        check(staged, "restore");
        const auto opened = Clock::now();
        check((*staged)->publish(), "publish");
        char extra[200];
        std::snprintf(extra, sizeof extra, "copy + digest + page MACs %.2f s; integrity_check + open %.2f s; publish %.2f s",
                      std::chrono::duration<double>(copied - t.start).count(),
                      std::chrono::duration<double>(opened - copied).count(), seconds_since(opened));
        t.done(extra);
    }
    return 0;
}
