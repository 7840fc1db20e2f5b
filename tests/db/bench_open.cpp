// Figures for db/README.md (not a test; ctest never runs it):
//   bench_workspace_open [kits]      default 30000
//   bench_workspace_open --only-outstanding [kits] [repeats] [partly_returned_every]
//       only part 2's CustodyRepository::outstanding, on a register filled under the test KDF,
//       `repeats` times (default 20): for `perf record` and quick before/after figures.
//   bench_workspace_open --outstanding-in DIR USER PASSWORD [repeats]
//       the same on a workspace filled by fill_fleet_workspace (no filling in the profile).
//   bench_workspace_open --layouts [repeats]
//       what a sign-in costs after the KDF in each key layout (test KDF, so only the rest counts):
//       single key; per-role as administrator (common + dept), officer (+ census), custodian.
// 1. Argon2id with the interactive parameters, alone, and the whole Workspace::open; the
//    difference is everything after the KDF (lock, key slots, SQLCipher key, pragmas, schema check).
// 2. A register of N kits with components, N open issues across 300 institutions / 3000 staff:
//    KitRepository::list (limit 100, text filter), count, CustodyRepository::outstanding.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "db/kdf.h"
#include "db/workspace.h"
#include "fleet.h"
#include "support/temp_dir.h"

using namespace sanaq;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double time_ms(const std::function<void()>& f, int repeats = 1) {
    double best = 1e18;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        f();
        best = std::min(best, ms_since(start));
    }
    return best;
}

void check(const Status& s, const char* what) {
    if (!s) {
        std::fprintf(stderr, "%s failed: %s (%s)\n", what, s.error().message_id.c_str(), s.error().detail.c_str());
        std::exit(1);
    }
}

/// --only-outstanding: fill (test KDF), then time outstanding() alone; best and median of `repeats`.
/// --outstanding-in DIR USER PASSWORD [repeats]: the same on an existing workspace (fill_fleet_workspace).
int only_outstanding(int argc, char** argv) {
    const bool existing = std::string(argv[1]) == "--outstanding-in";
    if (existing && argc < 5) {
        std::fprintf(stderr, "usage: bench_workspace_open --outstanding-in DIR USER PASSWORD [repeats]\n");
        return 2;
    }
    test::FleetSize size;
    if (!existing && argc > 2) size.kits = std::atoi(argv[2]);
    const int repeat_arg = existing ? 5 : 3;
    const int repeats = argc > repeat_arg ? std::max(0, std::atoi(argv[repeat_arg])) : 20;  // 0: one warm-up run only
    if (!existing && argc > 4) size.partly_returned_every = std::atoi(argv[4]);
    test::TempDir tmp("sanaq-bench");
    const auto dir = existing ? std::filesystem::path(argv[2]) : tmp / "ws";
    const std::string user = existing ? argv[3] : "bench.admin", password = existing ? argv[4] : "benchmark password";
    if (!existing) {
        auto ws = db::Workspace::create(dir, "bench.admin", "benchmark password", db::test_kdf());
        if (!ws) return 1;
        const auto start = Clock::now();
        check(test::fill_fleet(**ws, size), "fill");
        check((*ws)->checkpoint(), "checkpoint");
        std::printf("filled %d kits (every %d-th partly returned) in %.0f ms\n", size.kits,
                    size.partly_returned_every, ms_since(start));
    }
    auto ws = db::Workspace::open(dir, user, password, db::OpenOptions{false, db::test_kdf()});
    if (!ws) {
        std::fprintf(stderr, "open: %s (%s)\n", ws.error().message_id.c_str(), ws.error().detail.c_str());
        return 1;
    }
    // Wall time, and this thread's CPU time (less disturbed when other jobs share the cores).
    auto cpu_ms = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
    };
    std::vector<double> times, cpu_times;
    std::size_t rows = 0;
    auto minor_faults = [] {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        return static_cast<long>(usage.ru_minflt);
    };
    for (int i = 0; i <= repeats; ++i) {  // the first run warms the page cache and is not counted
        const long faults_start = minor_faults();
        const double cpu_start = cpu_ms();
        const auto start = Clock::now();
        check((*ws)->read([&](StoreSession& tx) -> Status {
            auto r = tx.custody().outstanding("2026-10-01");
            SANAQ_TRY(r);
            rows = r->size();
            return {};
        }), "outstanding");
        if (i == 0)
            std::printf("outstanding(today), first call after open (cold page cache): %.1f ms, %ld page faults\n",
                        ms_since(start), minor_faults() - faults_start);
        if (i > 0) {
            times.push_back(ms_since(start));
            cpu_times.push_back(cpu_ms() - cpu_start);
        }
    }
    if (times.empty()) return 0;
    // The page cache goes with the connection: reopen, so only the process (allocator) is warm.
    ws->reset();
    ws = db::Workspace::open(dir, user, password, db::OpenOptions{false, db::test_kdf()});
    if (!ws) return 1;
    {
        const auto start = Clock::now();
        check((*ws)->read([&](StoreSession& tx) -> Status {
            auto r = tx.custody().outstanding("2026-10-01");
            SANAQ_TRY(r);
            return {};
        }), "outstanding");
        std::printf("outstanding(today), first call after reopening (cold page cache, warm process): %.1f ms\n",
                    ms_since(start));
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu_times.begin(), cpu_times.end());
    std::printf("outstanding(today): %zu rows, best %.1f ms, median %.1f ms (%d runs); thread CPU best %.1f ms, "
                "median %.1f ms\n",
                rows, times.front(), times[times.size() / 2], repeats, cpu_times.front(),
                cpu_times[cpu_times.size() / 2]);
    return 0;
}

}  // namespace

/// --layouts: median of Workspace::open's after_kdf part per layout and role.
int layouts(int argc, char** argv) {
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 21;
    test::TempDir tmp("sanaq-bench");
    const std::string password = "benchmark password";
    {
        auto single = db::Workspace::create(tmp / "single", "bench.admin", password, db::test_kdf());
        auto per_role = db::Workspace::create_per_role(tmp / "per-role", "bench.admin", password, db::test_kdf());
        if (!single || !per_role) return 1;
        check((*per_role)->add_slot("bench.officer", password, Role::Officer), "add officer");
        check((*per_role)->add_slot("bench.custodian", password, Role::Custodian), "add custodian");
    }
    {  // the first officer's sign-in makes census; not part of the figures
        auto first = db::Workspace::open(tmp / "per-role", "bench.officer", password, db::OpenOptions{false, db::test_kdf()});
        if (!first) return 1;
    }
    auto median_after_kdf = [&](const std::filesystem::path& dir, const std::string& user) {
        std::vector<double> ms;
        for (int i = 0; i < repeats; ++i) {
            auto ws = db::Workspace::open(dir, user, password, db::OpenOptions{false, db::test_kdf()});
            if (!ws) std::exit(1);
            ms.push_back(std::chrono::duration<double, std::milli>((*ws)->open_timings().after_kdf).count());
        }
        std::sort(ms.begin(), ms.end());
        return ms[ms.size() / 2];
    };
    std::printf("sign-in after the KDF, median of %d (ms):\n", repeats);
    std::printf("  single key, administrator          %8.2f\n", median_after_kdf(tmp / "single", "bench.admin"));
    std::printf("  per-role, administrator (2 files)   %8.2f\n", median_after_kdf(tmp / "per-role", "bench.admin"));
    std::printf("  per-role, officer (3 files)         %8.2f\n", median_after_kdf(tmp / "per-role", "bench.officer"));
    std::printf("  per-role, custodian (1 file)        %8.2f\n", median_after_kdf(tmp / "per-role", "bench.custodian"));
    return 0;
}

int main(int argc, char** argv) {
    if (argc > 1 && (std::string(argv[1]) == "--only-outstanding" || std::string(argv[1]) == "--outstanding-in"))
        return only_outstanding(argc, argv);
    if (argc > 1 && std::string(argv[1]) == "--layouts") return layouts(argc, argv);
    const int kits = argc > 1 ? std::atoi(argv[1]) : 30000;
    const int institutions = 300, staff = 3000;
    test::TempDir tmp("sanaq-bench");
    const auto dir = tmp / "ws";
    const std::string user = "bench.admin", password = "benchmark password";
    const auto kdf = db::interactive_kdf();

    std::printf("Argon2id t=%u m=%u KiB p=%u\n", kdf.t_cost, kdf.m_cost_kib, kdf.parallelism);
    std::vector<unsigned char> salt(16, 7);
    const double kdf_ms = time_ms([&] { (void)db::derive_key(password, salt, kdf); }, 3);
    std::printf("  KDF alone (best of 3):                %8.1f ms\n", kdf_ms);

    double create_ms = 0;
    {
        const auto start = Clock::now();
        auto ws = db::Workspace::create(dir, user, password, kdf);
        create_ms = ms_since(start);
        if (!ws) return 1;
    }
    auto timed_open = [&](const char* label) {
        double total = 1e18, kdf_part = 0, after = 0;
        for (int i = 0; i < 3; ++i) {
            const auto start = Clock::now();
            auto ws = db::Workspace::open(dir, user, password, db::OpenOptions{true, kdf});
            const double t = ms_since(start);
            if (!ws) std::exit(1);
            if (t < total) {
                total = t;
                kdf_part = std::chrono::duration<double, std::milli>((*ws)->open_timings().key_derivation).count();
                after = std::chrono::duration<double, std::milli>((*ws)->open_timings().after_kdf).count();
            }
        }
        std::printf("  %s (best of 3): %8.1f ms = KDF+unwrap %.1f ms + after it %.1f ms\n", label, total, kdf_part,
                    after);
    };
    std::printf("  Workspace::create (empty):            %8.1f ms\n", create_ms);
    timed_open("Workspace::open, empty");

    // ---- a register of the target size ----
    auto ws = db::Workspace::open(dir, user, password, db::OpenOptions{true, kdf});
    if (!ws) return 1;
    const int batch = 5000;
    const auto fill_start = Clock::now();
    check(test::fill_fleet(**ws, test::FleetSize{kits, institutions, staff, batch}), "register");
    const double fill_ms = ms_since(fill_start);
    std::printf("\nRegister: %d institutions, %d staff, %d kits x 8 components, %d open issues\n", institutions,
                staff, kits, kits);
    std::printf("  filling (batches of %d, WAL, synchronous=FULL): %.0f ms (%.0f kits+issues/s)\n", batch, fill_ms,
                kits / (fill_ms / 1000));

    auto measure = [&](const char* label, const std::function<Status(StoreSession&)>& work) {
        (void)(*ws)->read(work);  // warm the page cache once, as a UI showing the list twice would
        double cold = 0;
        const double best = time_ms([&] { check((*ws)->read(work), label); }, 5);
        (void)cold;
        std::printf("  %-52s %8.1f ms\n", label, best);
    };
    std::size_t rows = 0;
    std::int64_t counted = 0;
    measure("list(limit 100), no filter", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().list(KitQuery{{}, false, "", 0, 100});
        SANAQ_TRY(r);
        rows = r->size();
        return {};
    });
    std::printf("      -> %zu kits\n", rows);
    measure("list(limit 100), text \"tab m10\" (half match)", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().list(KitQuery{{}, false, "tab m10", 0, 100});
        SANAQ_TRY(r);
        rows = r->size();
        return {};
    });
    std::printf("      -> %zu kits\n", rows);
    measure("list(limit 100), text \"12345\" (rare)", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().list(KitQuery{{}, false, "12345", 0, 100});
        SANAQ_TRY(r);
        rows = r->size();
        return {};
    });
    std::printf("      -> %zu kits\n", rows);
    measure("list(offset 29900, limit 100), outstanding only", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().list(KitQuery{{}, true, "", 29900, 100});
        SANAQ_TRY(r);
        rows = r->size();
        return {};
    });
    measure("count(), no filter", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().count({});
        SANAQ_TRY(r);
        counted = *r;
        return {};
    });
    std::printf("      -> %lld\n", static_cast<long long>(counted));
    measure("count(state=issued, text \"R9TS1\")", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().count(KitQuery{KitState::Issued, false, "R9TS1"});
        SANAQ_TRY(r);
        counted = *r;
        return {};
    });
    std::printf("      -> %lld\n", static_cast<long long>(counted));
    measure("outstanding(today)", [&](StoreSession& tx) -> Status {
        auto r = tx.custody().outstanding("2026-10-01");
        SANAQ_TRY(r);
        rows = r->size();
        return {};
    });
    std::printf("      -> %zu rows\n", rows);
    ws->reset();

    std::error_code ec;
    std::printf("\nworkspace.db: %.1f MiB\n", static_cast<double>(std::filesystem::file_size(dir / "workspace.db", ec)) / (1 << 20));
    timed_open("Workspace::open with the register");
    return 0;
}
