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
#include "support/temp_dir.h"

using namespace sanaq;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

template <class R>
void check(const R& r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "%s failed: %s (%s)\n", what, r.error().message_id.c_str(), r.error().detail.c_str());
        std::exit(1);
    }
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Timer {
    const char* what;
    Clock::time_point start = Clock::now();
    double cpu = cpu_seconds();
    void done(const std::string& extra = {}) const {
        std::printf("%-52s %8.2f s wall %8.2f s CPU  %s\n", what, seconds_since(start), cpu_seconds() - cpu, extra.c_str());
        std::fflush(stdout);
    }
};

std::string uuid(std::mt19937_64& rng) {
    static const char* hex = "0123456789abcdef";
    std::string s(36, '-');
    std::uint64_t w = rng();
    for (int i = 0, bit = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) continue;
        if (bit == 64) w = rng(), bit = 0;
        s[static_cast<std::size_t>(i)] = hex[(w >> bit) & 0xf];
        bit += 4;
    }
    return s;
}

const char* const kSurnames[] = {"Жанбулатов", "Серікова", "Ахметов", "Иванова", "Нұрланұлы", "Қасымов"};
const char* const kNames[] = {"Нұрлан", "Айгерім", "Бауыржан", "Мария", "Әсем", "Дәурен"};

/// One package's worth of persons (households of three) in one write transaction.
Status store_persons(Store& store, std::mt19937_64& rng, int count, int& household_no) {
    return store.write([&](StoreSession& s) -> Status {
        for (int n = 0; n < count; ++household_no) {
            Household h;
            h.uuid = uuid(rng);
            h.revision = 1;
            h.place = HouseholdPlace::Address;
            h.kato = "191010000";
            h.kato_version = "2022";
            h.street = "Абай даңғылы";
            h.house = std::to_string(household_no % 300);
            h.answers_json = R"({"h1":"apartment","h2":3,"h3":"central_heating","h4":"own"})";
            const RecordProvenance from{"pkg-" + std::to_string(household_no / 2000),
                                        "KIT-" + std::to_string(household_no % 1000), 0, "2026-10-05T06:00:00Z"};
            if (auto r = s.census().upsert(h, from); !r) return std::unexpected(r.error());
            for (int m = 0; m < 3 && n < count; ++m, ++n) {
                Person p;
                p.uuid = uuid(rng);
                p.revision = 1;
                p.household_uuid = h.uuid;
                char iin[16];
                std::snprintf(iin, sizeof iin, "%06d3%05d", static_cast<int>(rng() % 1000000),
                              static_cast<int>(rng() % 100000));
                p.iin = iin;
                p.surname = kSurnames[rng() % 6];
                p.name = kNames[rng() % 6];
                p.patronymic = "Серікұлы";
                p.sex = Sex::Male;
                p.birth_date = "1990-01-01";
                p.answers_json = R"({"q7":"kazakh","q8":"kazakh","q9":["russian","english"],"q12":"higher",)"
                                 R"("q15":"employed","q16":"public_sector","q21":"citizen_kz","q22":"islam","q30":2})";
                if (auto r = s.census().upsert(p, from); !r) return std::unexpected(r.error());
            }
        }
        return {};
    });
}

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
