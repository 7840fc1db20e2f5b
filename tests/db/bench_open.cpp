// Figures for db/README.md (not a test; ctest never runs it):
//   bench_workspace_open [kits]      default 30000
// 1. Argon2id with the interactive parameters, alone, and the whole Workspace::open; the
//    difference is everything after the KDF (lock, key slots, SQLCipher key, pragmas, schema check).
// 2. A register of N kits with components, N open issues across 300 institutions / 3000 staff:
//    KitRepository::list (limit 100, text filter), count, CustodyRepository::outstanding.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include "core/domain/identifiers.h"
#include "db/kdf.h"
#include "db/workspace.h"
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

std::string id12(int prefix, int n) {
    char first11[16];
    for (int salt = 0;; ++salt) {
        std::snprintf(first11, sizeof first11, "%02d%01d%08d", prefix, salt % 10, n);
        if (auto d = iin_bin_check_digit(first11)) return std::string(first11) + std::to_string(*d);
    }
}

}  // namespace

int main(int argc, char** argv) {
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
    std::vector<std::int64_t> employee_ids;
    const auto fill_start = Clock::now();
    check((*ws)->write([&](StoreSession& tx) -> Status {
        for (int i = 0; i < institutions; ++i) {
            Institution in;
            in.bin = id12(99, i);
            in.name_kk = "Мекеме " + std::to_string(i);
            in.name_ru = "Учреждение " + std::to_string(i);
            in.type = InstitutionType::BoardingSchoolOrphans;
            in.kato = {"191010000", "2022"};
            in.address = "Конаев";
            if (auto ok = tx.institutions().insert(in); !ok) return ok;
        }
        for (int i = 0; i < staff; ++i) {
            auto id = tx.staff().insert({0, id12(99, i % institutions), id12(85, i), "Сотрудник " + std::to_string(i),
                                         "ответственный", "+7 700 000 00 00"});
            if (!id) return std::unexpected(id.error());
            employee_ids.push_back(*id);
        }
        return {};
    }), "registers");
    const int batch = 5000;
    for (int from = 0; from < kits; from += batch) {
        check((*ws)->write([&](StoreSession& tx) -> Status {
            for (int i = from; i < std::min(kits, from + batch); ++i) {
                char number[16];
                std::snprintf(number, sizeof number, "KIT-%05d", i);
                auto kit = make_kit(number, Tablet{i % 2 ? "Samsung Galaxy Tab A8" : "Lenovo Tab M10",
                                                   "R9TS" + std::to_string(100000 + i), "",
                                                   "USB" + std::to_string(100000 + i)},
                                    {{ComponentType::Charger, "CH" + std::to_string(i)}});
                kit.state = KitState::Issued;
                if (auto ok = tx.kits().insert(kit); !ok) return ok;
                KitIssue issue;
                issue.kit_number = number;
                issue.employee_id = employee_ids[static_cast<std::size_t>(i % staff)];
                issue.issue_act = "SQ-I-2026-" + std::to_string(100000 + i);
                issue.issued_at_utc = "2026-09-01T05:00:00Z";
                issue.due_date = i % 4 ? "2026-12-31" : "2026-09-20";
                if (auto id = tx.custody().open_issue(issue); !id) return std::unexpected(id.error());
            }
            return {};
        }), "kits");
    }
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
        if (!r) return std::unexpected(r.error());
        rows = r->size();
        return {};
    });
    std::printf("      -> %zu kits\n", rows);
    measure("list(limit 100), text \"tab m10\" (half match)", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().list(KitQuery{{}, false, "tab m10", 0, 100});
        if (!r) return std::unexpected(r.error());
        rows = r->size();
        return {};
    });
    std::printf("      -> %zu kits\n", rows);
    measure("list(limit 100), text \"12345\" (rare)", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().list(KitQuery{{}, false, "12345", 0, 100});
        if (!r) return std::unexpected(r.error());
        rows = r->size();
        return {};
    });
    std::printf("      -> %zu kits\n", rows);
    measure("list(offset 29900, limit 100), outstanding only", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().list(KitQuery{{}, true, "", 29900, 100});
        if (!r) return std::unexpected(r.error());
        rows = r->size();
        return {};
    });
    measure("count(), no filter", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().count({});
        if (!r) return std::unexpected(r.error());
        counted = *r;
        return {};
    });
    std::printf("      -> %lld\n", static_cast<long long>(counted));
    measure("count(state=issued, text \"R9TS1\")", [&](StoreSession& tx) -> Status {
        auto r = tx.kits().count(KitQuery{KitState::Issued, false, "R9TS1"});
        if (!r) return std::unexpected(r.error());
        counted = *r;
        return {};
    });
    std::printf("      -> %lld\n", static_cast<long long>(counted));
    measure("outstanding(today)", [&](StoreSession& tx) -> Status {
        auto r = tx.custody().outstanding("2026-10-01");
        if (!r) return std::unexpected(r.error());
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
