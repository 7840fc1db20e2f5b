// End-to-end reconciliation figures for the reconciliation target ("1,000,000 listed against
// 1,000,000 enumerated people — a large region — with realistic noise"): a real encrypted workspace
// (test KDF) filled with N enumerated persons of the simulated kits (census_sim, stored through the
// store port in batches — the pull path is benchmarked by bench_pull), every kit's institution
// registered and its simulated list (same seed and persons) imported through import_list from an
// in-memory table laid out exactly as make_list writes the file; then run_reconciliation timed by
// stage (wall, CPU, RSS) and its results checked against the generator's truth through
// coverage_people and review_queue. Prints figures, one per line, and a summary line. No assertions
// on time. Not run by ctest.
//   bench_reconcile [persons=1000000] [persons_per_kit=1000] [runs=2] [seed=4]
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "census_sim/census_sim.h"
#include "census_sim/simulated_list.h"
#include "core/usecases/registry.h"
#include "core/usecases/users.h"
#include "coverage/coverage_report.h"
#include "coverage/list_import.h"
#include "coverage/reconcile_run.h"
#include "coverage/review.h"
#include "db/workspace.h"
#include "tables/table.h"
#include "lists/list_reader.h"
#include "support/temp_dir.h"

using namespace sanaq;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

// ---- measuring -------------------------------------------------------------------------------

long status_kib(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::size_t n = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, n, key) == 0) return std::stol(line.substr(n));
    return -1;
}
long rss_kib_fast() {   // /proc/self/statm: second field, resident pages
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return -1;
    long size = 0, resident = 0;
    const int got = std::fscanf(f, "%ld %ld", &size, &resident);
    std::fclose(f);
    return got == 2 ? resident * (sysconf(_SC_PAGESIZE) / 1024) : -1;
}
/// Resets VmHWM to the current RSS (Linux >= 4.0, "5" to clear_refs). False when refused.
bool reset_hwm() {
    std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
    if (!f) return false;
    const bool ok = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && ok;
}
long maxrss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}
double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
double since(Steady::time_point t) { return std::chrono::duration<double>(Steady::now() - t).count(); }
double mib(long kib) { return static_cast<double>(kib) / 1024.0; }
std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

template <class R>
void must(const R& r, const std::string& what) {
    if (!r) {
        std::fprintf(stderr, "%s failed: %s (%s)\n", what.c_str(), r.error().message_id.c_str(),
                     r.error().detail.c_str());
        std::exit(1);
    }
}

/// Samples RSS every few milliseconds; the largest value seen per stage.
class RssSampler {
public:
    static constexpr int kStages = 4;   // 0 before/after, 1 Loading, 2 Matching, 3 Storing
    RssSampler() : thread_([this] { loop(); }) {}
    ~RssSampler() {
        stop_ = true;
        thread_.join();
    }
    void stage(int s) {
        sample();
        stage_ = s;
        sample();
    }
    long max_kib(int s) const { return max_[s].load(); }

private:
    void sample() {
        const long r = rss_kib_fast();
        auto& m = max_[stage_.load()];
        long cur = m.load();
        while (r > cur && !m.compare_exchange_weak(cur, r)) {
        }
    }
    void loop() {
        while (!stop_) {
            sample();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    std::atomic<bool> stop_{false};
    std::atomic<int> stage_{0};
    std::array<std::atomic<long>, kStages> max_{};
    std::thread thread_;
};

// ---- truth -----------------------------------------------------------------------------------

using Uuid = std::array<char, 36>;
Uuid to_uuid(std::string_view s) {
    Uuid u{};
    if (s.size() != u.size()) {
        std::fprintf(stderr, "unexpected uuid '%.*s'\n", static_cast<int>(s.size()), s.data());
        std::exit(1);
    }
    std::memcpy(u.data(), s.data(), u.size());
    return u;
}
std::string_view view(const Uuid& u) { return {u.data(), u.size()}; }
struct UuidHash {
    std::size_t operator()(const Uuid& u) const { return std::hash<std::string_view>{}(view(u)); }
};

enum : std::uint8_t { kNotEnumerated = 1, kDuplicate = 2, kImported = 4, kSeen = 8 };
struct TruthRow {
    Uuid uuid;
    std::uint8_t flags = 0;
};
struct InstitutionTruth {
    std::string kit, bin;
    std::int64_t persons = 0;        // enumerated by the kit (stored)
    int first_line = 0;              // the line of truth[0]
    std::vector<TruthRow> rows;      // per data row of the file, in order
    std::vector<Uuid> unlisted;      // enumerated at the institution, not on the list
    std::int64_t institution_persons = 0;
};

// ---- the list as make_list writes it ---------------------------------------------------------

/// title rows (line 1..), header, data rows, blank, signature: the grid read_table gives for the
/// .xlsx file make_list writes (rows[i] = line i + 1).
tables::Table table_of(const census_sim::SimulatedList& list) {
    tables::Table t;
    t.encoding = std::string(tables::kXlsxSource);
    t.rows.reserve(list.title_rows.size() + 1 + list.rows.size());
    t.rows.insert(t.rows.end(), list.title_rows.begin(), list.title_rows.end());
    t.rows.push_back(list.header);
    t.rows.insert(t.rows.end(), list.rows.begin(), list.rows.end());
    while (!t.rows.empty() && t.rows.back().empty()) t.rows.pop_back();
    return t;
}

/// Normalises a grid for comparison: trailing empty cells dropped per row.
std::vector<std::vector<std::string>> trimmed(std::vector<std::vector<std::string>> rows) {
    for (auto& r : rows)
        while (!r.empty() && r.back().empty()) r.pop_back();
    return rows;
}

// ---- the world -------------------------------------------------------------------------------

struct Bench {
    test::TempDir dir{"sanaq-bench-reconcile"};
    SystemClock clock;
    std::unique_ptr<db::Workspace> ws;

    Bench() {
        auto created = db::Workspace::create(dir / "ws", "admin", "bench password 1", db::test_kdf());
        must(created, "create workspace");
        ws = std::move(*created);
        Session admin{*ws, *ws, clock, {"admin", Role::Administrator}};
        must(record_workspace_created(admin, "Bench"), "record_workspace_created");
        must(add_user(admin, {"officer", "", Role::Officer, "bench password 1"}), "add officer");
    }
    Session officer() { return Session{*ws, *ws, clock, {"officer", Role::Officer}}; }
};

void print_store_files(const fs::path& ws_dir, const char* when) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(ws_dir, ec))
        if (e.is_regular_file(ec))
            std::printf("workspace file %s %-22s %.0f MiB\n", when, e.path().filename().c_str(),
                        static_cast<double>(e.file_size(ec)) / (1 << 20));
}

std::uintmax_t store_bytes(const fs::path& ws_dir) {
    std::uintmax_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(ws_dir, ec))
        if (e.is_regular_file(ec)) n += e.file_size(ec);
    return n;
}

struct Pending {
    census_sim::Population pop;
    RecordProvenance from;
};

struct RunFigures {
    double wall = 0, cpu = 0;
    double stage_wall[4] = {}, stage_cpu[4] = {};   // 1 Loading, 2 Matching, 3 Storing
    double loading_lists = 0;                       // Loading until 0.3 (lists read)
    double storing_results = 0;                     // Storing until 0.8 (results built + replaced)
    long rss_before = 0, rss_after = 0, hwm = -1, stage_rss[4] = {};
    ReconcileSummary summary;
};

RunFigures reconcile_once(Session& officer) {
    RunFigures f;
    malloc_trim(0);
    f.rss_before = status_kib("VmRSS:");
    const bool hwm_reset = reset_hwm();
    struct Mark {
        ReconcileProgress::Stage stage;
        double fraction, t, cpu;
    };
    std::vector<Mark> marks;
    marks.reserve(16);
    const auto t0 = Steady::now();
    const double c0 = cpu_seconds();
    RssSampler sampler;
    ReconcileRunOptions opt;
    opt.on_progress = [&](const ReconcileProgress& p) {
        marks.push_back({p.stage, p.fraction, since(t0), cpu_seconds() - c0});
        if (p.fraction == 0) sampler.stage(1 + static_cast<int>(p.stage));
    };
    auto summary = run_reconciliation(officer, opt);
    f.wall = since(t0);
    f.cpu = cpu_seconds() - c0;
    sampler.stage(0);
    must(summary, "run_reconciliation");
    f.summary = *summary;
    f.rss_after = status_kib("VmRSS:");
    f.hwm = hwm_reset ? status_kib("VmHWM:") : -1;
    for (int s = 1; s <= 3; ++s) f.stage_rss[s] = sampler.max_kib(s);

    // Stage boundaries: the first mark with fraction 0 of each stage; the end is the run's end.
    double start[5] = {-1, -1, -1, -1, f.wall}, cstart[5] = {-1, -1, -1, -1, f.cpu};
    for (const auto& m : marks) {
        const int s = 1 + static_cast<int>(m.stage);
        if (m.fraction == 0 && start[s] < 0) {
            start[s] = m.t;
            cstart[s] = m.cpu;
        }
        if (m.stage == ReconcileProgress::Stage::Loading && m.fraction > 0.29 && m.fraction < 0.31)
            f.loading_lists = m.t - start[1];
        if (m.stage == ReconcileProgress::Stage::Storing && m.fraction > 0.79 && m.fraction < 0.81)
            f.storing_results = m.t - start[3];
    }
    for (int s = 1; s <= 3; ++s) {
        f.stage_wall[s] = start[s + 1] - start[s];
        f.stage_cpu[s] = cstart[s + 1] - cstart[s];
    }
    return f;
}

void print_run(int n, const RunFigures& f) {
    const auto& r = f.summary.run;
    std::printf("run %d: reconcile wall                    %.2f s\n", n, f.wall);
    std::printf("run %d: reconcile CPU (all threads)       %.2f s\n", n, f.cpu);
    std::printf("run %d: stage Loading wall / CPU           %.2f s / %.2f s (lists read in %.2f s)\n", n,
                f.stage_wall[1], f.stage_cpu[1], f.loading_lists);
    std::printf("run %d: stage Matching wall / CPU          %.2f s / %.2f s\n", n, f.stage_wall[2], f.stage_cpu[2]);
    std::printf("run %d: stage Storing wall / CPU           %.2f s / %.2f s (until results replaced: %.2f s; "
                "review merge + commit: %.2f s)\n",
                n, f.stage_wall[3], f.stage_cpu[3], f.storing_results, f.stage_wall[3] - f.storing_results);
    std::printf("run %d: run.seconds (as stored)            %.2f s\n", n, r.seconds);
    std::printf("run %d: RSS before reconcile               %.0f MiB\n", n, mib(f.rss_before));
    std::printf("run %d: RSS after reconcile                %.0f MiB\n", n, mib(f.rss_after));
    if (f.hwm >= 0)
        std::printf("run %d: peak RSS during reconcile (VmHWM reset before) %.0f MiB (growth %.0f MiB)\n", n,
                    mib(f.hwm), mib(f.hwm - f.rss_before));
    else
        std::printf("run %d: peak RSS during reconcile          n/a (clear_refs refused)\n", n);
    std::printf("run %d: sampled peak RSS Loading/Matching/Storing %.0f / %.0f / %.0f MiB\n", n, mib(f.stage_rss[1]),
                mib(f.stage_rss[2]), mib(f.stage_rss[3]));
    std::printf("run %d: listed %lld enumerated %lld matched %lld review %lld conflict %lld missing %lld extra %lld "
                "duplicate %lld pairs_compared %lld institutions %lld\n",
                n, (long long)r.listed, (long long)r.enumerated, (long long)r.matched, (long long)r.review,
                (long long)r.conflict, (long long)r.missing, (long long)r.extra, (long long)r.duplicate,
                (long long)r.pairs_compared, (long long)f.summary.institutions);
    std::printf("run %d: review open %lld (new %lld)\n", n, (long long)f.summary.review_open,
                (long long)f.summary.review_new);
}

double pct(double a, double b) { return b > 0 ? 100.0 * a / b : 0.0; }

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t persons = argc > 1 ? std::stoll(argv[1]) : 1000000;
    const std::int64_t per_kit = argc > 2 ? std::stoll(argv[2]) : 1000;
    const int runs = argc > 3 ? std::stoi(argv[3]) : 2;
    const std::uint64_t seed = argc > 4 ? std::stoull(argv[4]) : 4;
    if (persons <= 0 || per_kit <= 0 || runs < 1) {
        std::fprintf(stderr, "usage: bench_reconcile [persons] [persons_per_kit] [runs] [seed]\n");
        return 2;
    }
    const std::int64_t kits_wanted = (persons + per_kit - 1) / per_kit;
    std::printf("bench_reconcile: %lld persons, %lld per kit (%lld kits), %d run(s), seed %llu, %u hardware threads\n",
                (long long)persons, (long long)per_kit, (long long)kits_wanted, runs, (unsigned long long)seed,
                std::thread::hardware_concurrency());
    std::printf("load average at start                   %s\n", load_average().c_str());

    Bench bench;
    Session officer = bench.officer();

    // ---- 1. enumerated persons, institutions --------------------------------------------------
    std::vector<InstitutionTruth> insts;
    insts.reserve(static_cast<std::size_t>(kits_wanted));
    std::unordered_set<std::string> bins;
    int bin_collisions = 0;
    std::int64_t stored_persons = 0, stored_households = 0;
    const auto fill_start = Steady::now();
    double gen_s = 0, write_s = 0, inst_s = 0;
    std::vector<Pending> batch;
    std::int64_t batch_persons = 0;
    constexpr std::int64_t kBatchPersons = 20000;
    auto flush = [&] {
        if (batch.empty()) return;
        const auto t = Steady::now();
        auto st = officer.store.write([&](StoreSession& tx) -> Status {
            for (const auto& p : batch) {
                for (const auto& h : p.pop.households) {
                    auto r = tx.census().upsert(h, p.from);
                    SANAQ_TRY(r);
                    if (*r != UpsertOutcome::Inserted)
                        return fail(ErrorCode::Unexpected, "household not inserted: " + h.uuid);
                }
                for (const auto& x : p.pop.persons) {
                    auto r = tx.census().upsert(x, p.from);
                    SANAQ_TRY(r);
                    if (*r != UpsertOutcome::Inserted) return fail(ErrorCode::Unexpected, "person not inserted: " + x.uuid);
                }
            }
            return {};
        });
        must(st, "store batch");
        write_s += since(t);
        batch.clear();
        batch_persons = 0;
    };
    for (int number = 1; static_cast<std::int64_t>(insts.size()) < kits_wanted; ++number) {
        char kit[32];
        std::snprintf(kit, sizeof kit, "KIT-%05d", number);
        auto sim = census_sim::simulated_kit(seed, kit);
        if (!bins.insert(sim.institution.bin).second) {
            ++bin_collisions;   // another kit's institution: skip the kit, one list per institution
            continue;
        }
        auto t = Steady::now();
        must(add_institution(officer, sim.institution), std::string("add_institution ") + kit);
        inst_s += since(t);
        const std::int64_t n = std::min(per_kit, persons - stored_persons);
        t = Steady::now();
        Pending p;
        p.pop = census_sim::kit_population(seed, kit, n);
        gen_s += since(t);
        char pulled[32];
        std::snprintf(pulled, sizeof pulled, "2026-10-%02dT12:00:00Z", 2 + static_cast<int>(insts.size() % 9));
        p.from = RecordProvenance{std::string("bench-package-") + kit, kit, 0, pulled};
        InstitutionTruth it;
        it.kit = kit;
        it.bin = sim.institution.bin;
        it.persons = n;
        insts.push_back(std::move(it));
        stored_persons += n;
        stored_households += static_cast<std::int64_t>(p.pop.households.size());
        batch_persons += n;
        batch.push_back(std::move(p));
        if (batch_persons >= kBatchPersons) flush();
    }
    flush();
    const double fill_s = since(fill_start);
    std::printf("enumerated persons stored                %lld\n", (long long)stored_persons);
    std::printf("households stored                        %lld\n", (long long)stored_households);
    std::printf("kits / institutions                      %zu (BIN collisions skipped: %d)\n", insts.size(),
                bin_collisions);
    std::printf("fill wall                                %.1f s (generate %.1f s, store writes %.1f s, "
                "add_institution %.1f s)\n",
                fill_s, gen_s, write_s, inst_s);

    // ---- 2. lists: simulated, read as make_list's file, imported --------------------------------
    const auto lists_start = Steady::now();
    double simulate_s = 0, read_s = 0, import_s = 0;
    std::int64_t file_rows = 0, rows_read = 0, rows_imported = 0, rows_rejected = 0, rows_warned = 0;
    int layout_checked = 0, layout_mismatch = 0;
    std::map<std::string, std::int64_t> rejected_by_problem;   // error problems of rejected rows
    for (std::size_t k = 0; k < insts.size(); ++k) {
        auto& it = insts[k];
        census_sim::MakeListRequest req;
        req.kit_number = it.kit;
        req.persons = it.persons;
        req.seed = seed;
        auto t = Steady::now();
        auto list = census_sim::simulated_list(req);
        must(list, "simulated_list " + it.kit);
        simulate_s += since(t);
        if (list->kit.institution.bin != it.bin) {
            std::fprintf(stderr, "list BIN %s != kit BIN %s\n", list->kit.institution.bin.c_str(), it.bin.c_str());
            return 1;
        }
        const tables::Table table = table_of(*list);
        // The layout as make_list writes it: checked against the real file for the first kits.
        if (k < 3) {
            const fs::path file = bench.dir / (it.kit + ".xlsx");
            auto written = census_sim::make_list(file, req);
            must(written, "make_list " + it.kit);
            auto read = tables::read_table(file);
            must(read, "read_table " + it.kit);
            ++layout_checked;
            if (trimmed(read->rows) != trimmed(table.rows)) {
                ++layout_mismatch;
                std::fprintf(stderr, "layout mismatch for %s: file has %zu rows, in-memory table %zu\n", it.kit.c_str(),
                             read->rows.size(), table.rows.size());
            }
            fs::remove(file);
        }
        it.first_line = static_cast<int>(list->title_rows.size()) + 2;
        it.institution_persons = list->institution_persons;
        it.rows.reserve(list->truth.size());
        for (std::size_t i = 0; i < list->truth.size(); ++i) {
            const auto& tr = list->truth[i];
            if (tr.line != it.first_line + static_cast<int>(i) || tr.line < 1 ||
                static_cast<std::size_t>(tr.line) > table.rows.size()) {
                std::fprintf(stderr, "truth line %d of %s does not follow the layout\n", tr.line, it.kit.c_str());
                return 1;
            }
            TruthRow row;
            row.uuid = to_uuid(tr.person_uuid);
            row.flags = (tr.not_enumerated ? kNotEnumerated : 0) | (tr.duplicate ? kDuplicate : 0);
            it.rows.push_back(row);
        }
        for (const auto& u : list->unlisted_uuids) it.unlisted.push_back(to_uuid(u));
        file_rows += static_cast<std::int64_t>(list->truth.size());

        t = Steady::now();
        ListImportPreview preview;
        preview.request.file = it.kit + ".xlsx";
        preview.request.institution_bin = it.bin;
        preview.request.as_of = list->as_of;
        auto read = lists::read_list(table, {.mapping = std::nullopt, .as_of = list->as_of});
        must(read, "read_list " + it.kit);
        preview.preview = std::move(*read);
        preview.source_name = it.kit + ".xlsx";
        preview.version = 1;
        read_s += since(t);
        for (const auto& row : preview.preview.rows) {
            if (!row.importable()) {
                for (const auto& problem : row.problems)
                    if (problem.severity == lists::Severity::Error)
                        ++rejected_by_problem[std::string(lists::problem_code_name(problem.code))];
                continue;
            }
            const int idx = row.entry.line - it.first_line;
            if (idx >= 0 && idx < static_cast<int>(it.rows.size())) it.rows[static_cast<std::size_t>(idx)].flags |= kImported;
        }
        t = Steady::now();
        auto stored = import_list(officer, preview);
        must(stored, "import_list " + it.kit);
        import_s += since(t);
        rows_read += stored->rows_read;
        rows_imported += stored->rows_imported;
        rows_rejected += stored->rows_rejected;
        rows_warned += stored->rows_with_warnings;
    }
    const double lists_s = since(lists_start);
    std::printf("list rows in files (data rows)           %lld\n", (long long)file_rows);
    std::printf("list rows read / imported / rejected     %lld / %lld / %lld (with warnings %lld)\n",
                (long long)rows_read, (long long)rows_imported, (long long)rows_rejected, (long long)rows_warned);
    for (const auto& [code, n] : rejected_by_problem)
        std::printf("rejected rows with error %-24s %lld\n", code.c_str(), (long long)n);
    std::printf("list layout checked against make_list's .xlsx: %d kits, %d mismatches\n", layout_checked,
                layout_mismatch);
    std::printf("lists wall                               %.1f s (simulate %.1f s, read_list %.1f s, import_list %.1f s)\n",
                lists_s, simulate_s, read_s, import_s);
    std::printf("workspace size before reconcile          %.0f MiB\n",
                static_cast<double>(store_bytes(bench.dir / "ws")) / (1 << 20));
    malloc_trim(0);
    const long hwm_before = status_kib("VmHWM:");
    const long maxrss_before = maxrss_kib();
    std::printf("peak RSS before reconcile (VmHWM, fill + lists) %.0f MiB (ru_maxrss %.0f MiB)\n", mib(hwm_before),
                mib(maxrss_before));

    // ---- 3. reconcile ---------------------------------------------------------------------------
    const std::string load_before = load_average();
    std::vector<RunFigures> figures;
    for (int n = 1; n <= runs; ++n) {
        figures.push_back(reconcile_once(officer));
        print_run(n, figures.back());
    }
    const std::string load_after = load_average();
    std::printf("load average before / after reconcile    %s / %s\n", load_before.c_str(), load_after.c_str());
    // clear_refs "5" also resets ru_maxrss (both are the mm's hiwater_rss): the lifetime peak is
    // the largest of the peak before reconcile and each run's.
    long lifetime_peak = hwm_before;
    for (const auto& f : figures) lifetime_peak = std::max(lifetime_peak, f.hwm);
    lifetime_peak = std::max(lifetime_peak, maxrss_kib());
    std::printf("process peak RSS (lifetime)              %.0f MiB\n", mib(lifetime_peak));
    std::printf("workspace size after reconcile           %.0f MiB\n",
                static_cast<double>(store_bytes(bench.dir / "ws")) / (1 << 20));
    print_store_files(bench.dir / "ws", "after");

    // ---- 4. against the truth -------------------------------------------------------------------
    const auto truth_start = Steady::now();
    std::int64_t listed = 0, matched = 0, right = 0, wrong_ne = 0, wrong_other = 0, review = 0, conflict = 0,
                 missing = 0, missing_right = 0, auto_decided = 0, by_supervisor = 0, no_outcome = 0,
                 review_proposal_right = 0, extra = 0, extra_right = 0, e_duplicate = 0, unlisted = 0,
                 unknown_line = 0;
    std::int64_t rows_enum = 0, rows_enum_first = 0, imp_enum = 0, imp_persons = 0, rows_ne = 0, imp_ne = 0,
                 rejected_enum = 0, rejected_enum_second = 0, right_dup_rows = 0;
    double people_s = 0;
    for (auto& it : insts) {
        auto t = Steady::now();
        auto people = coverage_people(officer, it.bin);
        must(people, "coverage_people " + it.bin);
        people_s += since(t);
        std::unordered_set<Uuid, UuidHash> unlisted_set(it.unlisted.begin(), it.unlisted.end());
        unlisted += static_cast<std::int64_t>(it.unlisted.size());
        for (const auto& o : *people) {
            if (o.listed_id.empty()) {   // enumerated side: extra / duplicate
                if (o.outcome == "extra") {
                    ++extra;
                    if (o.enumerated_id.size() == 36 && unlisted_set.contains(to_uuid(o.enumerated_id))) ++extra_right;
                } else if (o.outcome == "duplicate") {
                    ++e_duplicate;
                }
                continue;
            }
            ++listed;
            const int idx = o.listed_line - it.first_line;
            if (idx < 0 || idx >= static_cast<int>(it.rows.size())) {
                ++unknown_line;
                continue;
            }
            TruthRow& tr = it.rows[static_cast<std::size_t>(idx)];
            tr.flags |= kSeen;
            const bool ne = tr.flags & kNotEnumerated;
            const bool is_right = !ne && o.enumerated_id == view(tr.uuid);
            if (o.by_supervisor) ++by_supervisor;
            if (o.outcome == "matched") {
                ++matched;
                if (is_right) {
                    ++right;
                    if (tr.flags & kDuplicate) ++right_dup_rows;
                } else if (ne) {
                    ++wrong_ne;
                } else {
                    ++wrong_other;
                }
                if (!o.by_supervisor) ++auto_decided;
            } else if (o.outcome == "missing") {
                ++missing;
                if (ne) ++missing_right;
                if (!o.by_supervisor) ++auto_decided;
            } else if (o.outcome == "review" || o.outcome == "conflict") {
                ++(o.outcome == "review" ? review : conflict);
                if (is_right) ++review_proposal_right;
            } else {
                ++no_outcome;
            }
        }
        std::unordered_set<Uuid, UuidHash> imported_persons;
        for (const auto& tr : it.rows) {
            const bool ne = tr.flags & kNotEnumerated;
            rows_ne += ne;
            if (!ne) {
                ++rows_enum;
                if (!(tr.flags & kDuplicate)) ++rows_enum_first;
            }
            if (tr.flags & kImported) {
                if (ne) ++imp_ne;
                else {
                    ++imp_enum;
                    imported_persons.insert(tr.uuid);
                }
            } else if (!ne) {
                ++rejected_enum;
                if (tr.flags & kDuplicate) ++rejected_enum_second;
            }
        }
        imp_persons += static_cast<std::int64_t>(imported_persons.size());
    }
    const double truth_s = since(truth_start);
    auto t = Steady::now();
    auto queue = review_queue(officer);
    must(queue, "review_queue");
    const double queue_s = since(t);
    std::int64_t q_pair = 0, q_dup = 0, q_conflict = 0;
    std::map<std::string, std::int64_t> pair_levels, dup_levels;   // what the questions look like
    double dup_score_sum = 0;
    for (const auto& item : *queue) {
        if (item.kind == ReviewKind::Pair) {
            ++q_pair;
            ++pair_levels[item.levels];
        } else {
            ++q_dup;
            ++dup_levels[item.levels];
            dup_score_sum += item.score;
        }
        q_conflict += item.conflict;
    }
    auto top_levels = [](const char* what, const std::map<std::string, std::int64_t>& m) {
        std::vector<std::pair<std::int64_t, std::string>> v;
        for (const auto& [k, n] : m) v.emplace_back(n, k);
        std::sort(v.rbegin(), v.rend());
        for (std::size_t i = 0; i < v.size() && i < 4; ++i)
            std::printf("review %s items with levels [%s] (iin,surname,name,patronymic,birth,sex,inst,terr): %lld\n",
                        what, v[i].second.c_str(), (long long)v[i].first);
    };
    t = Steady::now();
    auto report = coverage_report(officer, CoverageLevel::Region);
    must(report, "coverage_report");
    const double report_s = since(t);

    std::printf("truth: listed rows (stored entries seen via coverage_people) %lld (unknown lines %lld, no outcome %lld)\n",
                (long long)listed, (long long)unknown_line, (long long)no_outcome);
    std::printf("truth: matched %lld, right %lld, wrong: not-enumerated person matched %lld, matched to another record %lld\n",
                (long long)matched, (long long)right, (long long)wrong_ne, (long long)wrong_other);
    std::printf("precision                                %.3f %%\n", pct(right, matched));
    std::printf("recall, file rows incl. second rows      %.3f %% (%lld / %lld)\n", pct(right, rows_enum),
                (long long)right, (long long)rows_enum);
    std::printf("recall, file rows excl. second rows      %.3f %% (%lld / %lld)\n", pct(right, rows_enum_first),
                (long long)right, (long long)rows_enum_first);
    std::printf("recall, imported rows incl. second rows  %.3f %% (%lld / %lld)\n", pct(right, imp_enum),
                (long long)right, (long long)imp_enum);
    std::printf("recall, imported persons (distinct)      %.3f %% (%lld / %lld)\n", pct(right, imp_persons),
                (long long)right, (long long)imp_persons);
    std::printf("right matches made through a second row  %lld\n", (long long)right_dup_rows);
    std::printf("enumerated persons' rows rejected at import %lld (of them second rows %lld; not enumerated rows: "
                "file %lld, imported %lld)\n",
                (long long)rejected_enum, (long long)rejected_enum_second, (long long)rows_ne, (long long)imp_ne);
    std::printf("decided automatically                    %.3f %% (%lld of %lld listed: matched/missing, not by supervisor)\n",
                pct(auto_decided, listed), (long long)auto_decided, (long long)listed);
    std::printf("listed outcomes: review %lld, conflict %lld, by supervisor %lld\n", (long long)review,
                (long long)conflict, (long long)by_supervisor);
    std::printf("review/conflict pairs proposing the right record %lld of %lld\n", (long long)review_proposal_right,
                (long long)(review + conflict));
    std::printf("review queue (open)                      %zu items: pair %lld (of which conflict %lld), duplicate %lld\n",
                queue->size(), (long long)q_pair, (long long)q_conflict, (long long)q_dup);
    top_levels("pair", pair_levels);
    top_levels("duplicate", dup_levels);
    if (q_dup) {
        std::int64_t iin_disagree = 0, different_institution = 0;
        for (const auto& [levels, n] : dup_levels) {
            if (levels.starts_with("disagree,")) iin_disagree += n;
            // the 7th level (Institution): disagree or missing = not the same institution household
            std::size_t at = 0;
            for (int i = 0; i < 6 && at != std::string::npos; ++i) at = levels.find(',', at + 1);
            if (at != std::string::npos && levels.compare(at + 1, 5, "exact") != 0) different_institution += n;
        }
        std::printf("review duplicate items mean score %.1f; with the two IINs disagreeing %lld; not in the same "
                    "institution %lld\n",
                    dup_score_sum / static_cast<double>(q_dup), (long long)iin_disagree, (long long)different_institution);
    }
    std::printf("missing found %lld, of them truly not enumerated %lld; truth not enumerated (imported) %lld\n",
                (long long)missing, (long long)missing_right, (long long)imp_ne);
    std::printf("extra found %lld, of them truly unlisted %lld; truth unlisted %lld; enumerated-side duplicates %lld\n",
                (long long)extra, (long long)extra_right, (long long)unlisted, (long long)e_duplicate);
    std::printf("coverage report (region): %zu rows, total listed %lld matched %lld (%.3f %%)\n", report->rows.size(),
                (long long)report->total.listed, (long long)report->total.matched, report->total.coverage_percent());
    std::printf("post-run queries: coverage_people x %zu %.2f s, review_queue %.2f s, coverage_report %.2f s "
                "(truth check %.2f s)\n",
                insts.size(), people_s, queue_s, report_s, truth_s);
    std::printf("load average at end                      %s\n", load_average().c_str());

    const auto& f1 = figures.front();
    std::printf("SUMMARY: %lld listed vs %lld enumerated: reconcile %.1f s (Load %.1f / Match %.1f / Store %.1f), "
                "CPU %.1f s, peak RSS %.0f MiB during reconcile (process %.0f MiB); precision %.3f %%, recall %.3f %% "
                "(rows, excl. second rows %.3f %%); auto %.2f %%; review queue %zu; load %s\n",
                (long long)f1.summary.run.listed, (long long)f1.summary.run.enumerated, f1.wall, f1.stage_wall[1],
                f1.stage_wall[2], f1.stage_wall[3], f1.cpu, mib(f1.hwm), mib(lifetime_peak), pct(right, matched),
                pct(right, rows_enum), pct(right, rows_enum_first), pct(auto_decided, listed), queue->size(),
                load_before.c_str());
    return 0;
}
