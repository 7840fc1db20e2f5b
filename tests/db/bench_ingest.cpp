// Ingest figures for db/README.md and the ingest targets (not a test; ctest never runs it):
//   bench_ingest [--persons N] [--packages K] [--repeats R] [--cache-mib M] [--per-role 1]
// Stores N persons (default 200,000) with their households (about 3.3 persons each; 13–17
// columns, answers_json ~200 bytes) in K packages (default 20), one transaction per package,
// through CensusRecordRepository (+ one received_packages row per package), into
//   encrypted  a real Workspace (SQLCipher, the connection settings of README.md), and
//   plain      the same schema and settings in an unkeyed database opened by the same SQLCipher
//              library (an unkeyed SQLCipher database is plain SQLite; libsqlite3 is never linked),
// then replays every package into each (all Unchanged). Prints persons/s and the ratio; with R
// repeats (fresh files each time) the best run counts. --cache-mib overrides the page cache of
// both (to show what the 256 MiB of README.md buys). --per-role 1: the encrypted workspace has
// per-role keys and an officer writes census (attached beside common), as a pull does there.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/domain/identifiers.h"
#include "db/kdf.h"
#include "db/migrations/migrations.h"
#include "db/repositories/session.h"
#include "db/sqlite/database.h"
#include "db/workspace.h"
#include "support/temp_dir.h"

using namespace sanaq;
using Clock = std::chrono::steady_clock;

namespace {

void check(const Status& s, const char* what) {
    if (!s) {
        std::fprintf(stderr, "%s failed: %s (%s)\n", what, s.error().message_id.c_str(), s.error().detail.c_str());
        std::exit(1);
    }
}

struct Package {
    ReceivedPackage received;
    RecordProvenance from;
    std::vector<Household> households;
    std::vector<Person> persons;
};

// ---- realistic data -------------------------------------------------------------------------

const char* const kSurnames[] = {"Жанбулатов", "Серікова", "Ахметов", "Иванова", "Нұрланұлы", "Қасымов",
                                 "Әбенова", "Омаров", "Сулейменова", "Петров", "Ермеков", "Байжанова"};
const char* const kNames[] = {"Нұрлан", "Айгерім", "Бауыржан", "Мария", "Әсем", "Дәурен",
                              "Гүлнар", "Ерлан", "Алексей", "Жанар", "Қанат", "Сәуле"};
const char* const kPatronymics[] = {"Қайратұлы", "Серікқызы", "Ерланович", "Маратовна", "Болатұлы", "Асанқызы", ""};
const char* const kRelations[] = {"head", "spouse", "child", "parent", "other"};

struct Gen {
    std::mt19937_64 rng{20261001};
    std::uint64_t next() { return rng(); }
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(next() % n); }

    std::string uuid() {
        static const char* hex = "0123456789abcdef";
        const std::uint64_t a = next(), b = next();
        std::string s(36, '-');
        int bit = 0;
        for (int i = 0; i < 36; ++i) {
            if (i == 8 || i == 13 || i == 18 || i == 23) continue;
            const std::uint64_t w = bit < 64 ? a : b;
            s[static_cast<std::size_t>(i)] = hex[(w >> (bit % 64)) & 0xf];
            bit += 4;
        }
        s[14] = '4';
        s[19] = '8';
        return s;
    }
    std::string iin(int year, int month, int day, bool female) {
        char first[16];
        std::snprintf(first, sizeof first, "%02d%02d%02d%d%04d", year % 100, month, day,
                      (year >= 2000 ? 5 : 3) + (female ? 1 : 0), static_cast<int>(pick(10000)));
        auto digit = iin_bin_check_digit(first);
        if (!digit) return iin(year, month, day + (day < 28 ? 1 : -1), female);
        return std::string(first) + std::to_string(*digit);
    }
    std::string answers(std::size_t target) {
        // A JSON object of question code -> value, ~target bytes (what a sheet's answers look like).
        std::string out = "{";
        int q = 1;
        while (out.size() + 12 < target) {
            char item[48];
            std::snprintf(item, sizeof item, "%s\"Q%02d\":\"%u\"", q == 1 ? "" : ",", q,
                          static_cast<unsigned>(pick(q % 3 == 0 ? 100000 : 10)));
            out += item;
            ++q;
        }
        return out + "}";
    }
};

std::vector<Package> make_packages(int persons_total, int packages) {
    Gen g;
    std::vector<Package> out;
    const std::string device = std::string(48, 'e') + "0123456789abcdef";
    const std::string bin = "990340001114";
    for (int k = 0; k < packages; ++k) {
        Package p;
        auto& m = p.received.manifest;
        m.package_uuid = g.uuid();
        m.device_id = device;
        m.device_model = "SM-X200";
        m.usb_serial = "R9TS0042";
        m.kit_number = "KIT-0042";
        m.interviewer_iin = "850715300121";
        m.census_round = "2026";
        m.sequence = k + 1;
        m.exported_at = "2026-10-04T18:30:00Z";
        p.received.pulled_at_utc = "2026-10-05T06:00:00Z";
        p.received.pulled_by = "officer.one";
        p.received.pull_id = 1;
        p.received.holder_employee_id = 7;
        p.from = RecordProvenance{m.package_uuid, m.kit_number, 7, p.received.pulled_at_utc};
        const int n = persons_total / packages + (k < persons_total % packages ? 1 : 0);
        while (static_cast<int>(p.persons.size()) < n) {
            Household h;
            h.uuid = g.uuid();
            const bool institution = g.pick(3) == 0;
            h.place = institution ? HouseholdPlace::Institution : HouseholdPlace::Address;
            h.kato = "19" + std::to_string(1010000 + g.pick(300) * 1000);
            h.kato_version = "2022";
            if (institution) {
                h.institution_bin = bin.substr(0, 8) + std::to_string(1000 + g.pick(9000));
                h.institution_type = "boarding_school";
            } else {
                h.street = "ул. Абая";
                h.house = std::to_string(1 + g.pick(200));
                h.flat = std::to_string(1 + g.pick(120));
            }
            h.household_number = std::to_string(1 + g.pick(999));
            h.answers_json = g.answers(160);
            const int members = 1 + static_cast<int>(g.pick(5));  // 1..5, ~3 on average
            for (int i = 0; i < members && static_cast<int>(p.persons.size()) < n; ++i) {
                Person x;
                x.uuid = g.uuid();
                x.household_uuid = h.uuid;
                x.sex = g.pick(2) ? Sex::Female : Sex::Male;
                const int year = 1940 + static_cast<int>(g.pick(85));
                const int month = 1 + static_cast<int>(g.pick(12)), day = 1 + static_cast<int>(g.pick(28));
                x.iin = g.pick(50) == 0 ? std::string() : g.iin(year, month, day, x.sex == Sex::Female);
                x.surname = kSurnames[g.pick(std::size(kSurnames))];
                x.name = kNames[g.pick(std::size(kNames))];
                x.patronymic = kPatronymics[g.pick(std::size(kPatronymics))];
                char date[16];
                std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
                x.birth_date = date;
                x.relationship = kRelations[i == 0 ? 0 : 1 + g.pick(std::size(kRelations) - 1)];
                x.residence = institution ? Residence::Temporary : Residence::Permanent;
                x.source = institution && g.pick(4) == 0 ? RecordSource::AdministrationRecords : RecordSource::Interview;
                x.answers_json = g.answers(200);
                p.persons.push_back(std::move(x));
            }
            p.households.push_back(std::move(h));
        }
        m.households = static_cast<std::int64_t>(p.households.size());
        m.persons = static_cast<std::int64_t>(p.persons.size());
        out.push_back(std::move(p));
    }
    return out;
}

// ---- runs -----------------------------------------------------------------------------------

struct Counts {
    std::int64_t inserted = 0, unchanged = 0, other = 0;
};

/// One package's work, as the pull session does it: records, then its received_packages row.
Status store_package(StoreSession& s, const Package& p, bool replay, Counts& counts) {
    auto count = [&](UpsertOutcome o) {
        if (o == UpsertOutcome::Inserted)
            ++counts.inserted;
        else if (o == UpsertOutcome::Unchanged)
            ++counts.unchanged;
        else
            ++counts.other;
    };
    for (const auto& h : p.households) {
        auto r = s.census().upsert(h, p.from);
        SANAQ_TRY(r);
        count(*r);
    }
    for (const auto& x : p.persons) {
        auto r = s.census().upsert(x, p.from);
        SANAQ_TRY(r);
        count(*r);
    }
    if (replay) return {};
    return s.packages().insert(p.received);
}

using Transaction = std::function<Status(const StoreWork&)>;

struct Figures {
    double ingest_s = 0, replay_s = 0;
    double ingest_cpu_s = 0, replay_cpu_s = 0;  // user + system CPU of this process
    double ingest_written_mib = 0;              // written to storage during the ingest
    std::uintmax_t file_bytes = 0;
};

/// Bytes this process has caused to be written to storage so far (/proc/self/io write_bytes).
double written_mib() {
    std::FILE* f = std::fopen("/proc/self/io", "r");
    if (!f) return 0;
    char line[128];
    unsigned long long bytes = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "write_bytes: %llu", &bytes) == 1) break;
    std::fclose(f);
    return static_cast<double>(bytes) / (1 << 20);
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

Figures run(const Transaction& write, const std::vector<Package>& packages, std::int64_t persons,
            std::int64_t records, const std::function<std::uintmax_t()>& size) {
    Figures f;
    for (bool replay : {false, true}) {
        Counts counts;
        const double cpu_start = cpu_seconds();
        const double written_start = written_mib();
        const auto start = Clock::now();
        for (const auto& p : packages)
            check(write([&](StoreSession& s) { return store_package(s, p, replay, counts); }), "package");
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        const auto expected = replay ? counts.unchanged : counts.inserted;
        if (expected != records || counts.other != 0) {
            std::fprintf(stderr, "unexpected outcomes: inserted %lld, unchanged %lld, other %lld\n",
                         static_cast<long long>(counts.inserted), static_cast<long long>(counts.unchanged),
                         static_cast<long long>(counts.other));
            std::exit(1);
        }
        (replay ? f.replay_s : f.ingest_s) = seconds;
        (replay ? f.replay_cpu_s : f.ingest_cpu_s) = cpu_seconds() - cpu_start;
        if (!replay) f.ingest_written_mib = written_mib() - written_start;
    }
    f.file_bytes = size();
    (void)persons;
    return f;
}

std::uintmax_t size_of(const std::filesystem::path& file) {
    std::error_code ec;
    std::uintmax_t n = std::filesystem::file_size(file, ec);
    auto wal = file;
    wal += "-wal";
    const auto w = std::filesystem::file_size(wal, ec);
    return n + (ec ? 0 : w);
}

}  // namespace

int main(int argc, char** argv) {
    int persons = 200000, packages = 20, repeats = 1, cache_mib = 0, per_role = 0;
    std::string extra_sql;  // --sql: experiments (pragmas, dropped indexes) on both databases
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (a == "--persons") persons = v;
        else if (a == "--packages") packages = v;
        else if (a == "--repeats") repeats = v;
        else if (a == "--cache-mib") cache_mib = v;
        else if (a == "--per-role") per_role = v;
        else if (a == "--sql") extra_sql = argv[i + 1];
        else {
            std::fprintf(stderr, "usage: bench_ingest [--persons N] [--packages K] [--repeats R] [--cache-mib M] "
                                 "[--per-role 1]\n");
            return 2;
        }
    }
    const auto data = make_packages(persons, packages);
    std::int64_t households = 0;
    for (const auto& p : data) households += static_cast<std::int64_t>(p.households.size());
    const std::int64_t records = households + persons;
    std::printf("%d persons + %lld households in %d packages (one transaction each), %d repeat(s)%s\n", persons,
                static_cast<long long>(households), packages, repeats,
                cache_mib ? (", cache_size " + std::to_string(cache_mib) + " MiB").c_str() : "");

    Figures best_enc{1e18, 1e18, 1e18, 1e18, 0, 0}, best_plain{1e18, 1e18, 1e18, 1e18, 0, 0};
    auto keep_best = [](Figures& best, const Figures& f) {
        best.ingest_s = std::min(best.ingest_s, f.ingest_s);
        best.replay_s = std::min(best.replay_s, f.replay_s);
        best.ingest_cpu_s = std::min(best.ingest_cpu_s, f.ingest_cpu_s);
        best.replay_cpu_s = std::min(best.replay_cpu_s, f.replay_cpu_s);
        best.file_bytes = f.file_bytes;
        best.ingest_written_mib = f.ingest_written_mib;
    };
    const std::string cache_pragma = "PRAGMA cache_size = " + std::to_string(-1024 * cache_mib) + ";";
    for (int r = 0; r < repeats; ++r) {
        test::TempDir tmp("sanaq-bench-ingest");
        if (per_role) {
            // (a') Per-role keys: common.1.db with census.1.db attached, written by an officer.
            auto admin = db::Workspace::create_per_role(tmp / "ws", "bench.admin", "bench password", db::test_kdf());
            if (!admin) check(std::unexpected(admin.error()), "create");
            check((*admin)->add_slot("bench.officer", "bench password", Role::Officer), "add officer");
            admin->reset();
            auto ws = db::Workspace::open(tmp / "ws", "bench.officer", "bench password",
                                          db::OpenOptions{false, db::test_kdf()});
            if (!ws) check(std::unexpected(ws.error()), "open");
            auto& w = **ws;
            keep_best(best_enc, run([&](const StoreWork& work) { return w.write(work); }, data, persons, records,
                                    [&] { return size_of(tmp / "ws" / "census.1.db") + size_of(tmp / "ws" / "common.1.db"); }));
        } else {
            // (a) A real encrypted workspace: Workspace::write = BEGIN IMMEDIATE ... COMMIT.
            auto ws = db::Workspace::create(tmp / "ws", "bench.admin", "bench password", db::test_kdf());
            if (!ws) check(std::unexpected(ws.error()), "create");
            if (cache_mib || !extra_sql.empty()) {
                // Workspace keeps its connection to itself: a second one cannot change the first's cache,
                // so the override uses a keyed Database directly (the same connection settings).
                ws->reset();
                auto key = db::unlock_master_key(tmp / "ws", "bench.admin", "bench password");
                if (!key) check(std::unexpected(key.error()), "unlock");
                auto dbx = db::Database::open(tmp / "ws" / db::kDatabaseFileName, &*key, db::Database::Mode::OpenExisting);
                if (!dbx) check(std::unexpected(dbx.error()), "open");
                auto& d = **dbx;
                if (cache_mib) d.exec(cache_pragma);
                if (!extra_sql.empty()) d.exec(extra_sql);
                db::SqlStoreSession session(d);
                auto write = [&](const StoreWork& work) -> Status {
                    d.exec("BEGIN IMMEDIATE;");
                    auto ok = work(session);
                    d.reset_cached();
                    d.exec(ok ? "COMMIT;" : "ROLLBACK;");
                    return ok;
                };
                keep_best(best_enc, run(write, data, persons, records,
                                        [&] { return size_of(tmp / "ws" / db::kDatabaseFileName); }));
            } else {
                auto& w = **ws;
                keep_best(best_enc, run([&](const StoreWork& work) { return w.write(work); }, data, persons, records,
                                        [&] { return size_of(tmp / "ws" / db::kDatabaseFileName); }));
            }
        }
        {
            // (b) The same schema and connection settings, no key: plain SQLite pages.
            auto dbx = db::Database::open(tmp / "plain.db", nullptr, db::Database::Mode::Create);
            if (!dbx) check(std::unexpected(dbx.error()), "open plain");
            auto& d = **dbx;
            check(db::migrate(d), "migrate plain");
            if (cache_mib) d.exec(cache_pragma);
            if (!extra_sql.empty()) d.exec(extra_sql);
            db::SqlStoreSession session(d);
            auto write = [&](const StoreWork& work) -> Status {
                d.exec("BEGIN IMMEDIATE;");
                auto ok = work(session);
                d.reset_cached();
                d.exec(ok ? "COMMIT;" : "ROLLBACK;");
                return ok;
            };
            keep_best(best_plain, run(write, data, persons, records, [&] { return size_of(tmp / "plain.db"); }));
        }
    }
    auto line = [&](const char* what, const Figures& f) {
        std::printf("%-10s ingest %6.3f s %8.0f persons/s %8.0f records/s (CPU %6.3f s: %8.0f persons/s) | "
                    "replay %6.3f s %8.0f persons/s (CPU %8.0f/s) | file %.1f MiB, ingest wrote %.0f MiB\n",
                    what, f.ingest_s, persons / f.ingest_s, records / f.ingest_s, f.ingest_cpu_s,
                    persons / f.ingest_cpu_s, f.replay_s, persons / f.replay_s, persons / f.replay_cpu_s,
                    static_cast<double>(f.file_bytes) / (1 << 20), f.ingest_written_mib);
    };
    line(per_role ? "per-role" : "encrypted", best_enc);
    line("plain", best_plain);
    std::printf("ratio encrypted/plain: ingest %.2f (CPU %.2f), replay %.2f (CPU %.2f)\n",
                best_plain.ingest_s / best_enc.ingest_s, best_plain.ingest_cpu_s / best_enc.ingest_cpu_s,
                best_plain.replay_s / best_enc.replay_s, best_plain.replay_cpu_s / best_enc.replay_cpu_s);
    return 0;
}
