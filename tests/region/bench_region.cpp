// A region's census through one workstation, stage by stage (not a test; ctest never runs it):
//   bench_region [kits=1000] [persons_per_kit=1000] [packages_per_kit=2] [tablets_per_sitting=10] [seed=4]
// A real encrypted workspace (test KDF) with an officer. For each simulated kit: its institution
// and kit registered, its tablet made by the census simulator (`packages_per_kit` signed and
// encrypted packages) and its key enrolled — making tablets is the simulator's work and is timed
// apart. Then, as a desk works through a day:
//   1. pull: `tablets_per_sitting` tablets plugged in at a time and pulled one after another by the
//      application's pull job (app::pull_tablets, the in-process MTP tablet of devices/simulator);
//   2. lists: every institution's simulated stage-1 list read as make_list lays it out and imported;
//   3. reconcile: run_reconciliation over all of it;
//   4. forward: send_upstream to the reference receiver (sanaq-upstream) over loopback mutual TLS,
//      forming overlapped with sending, then the receiver's exactly-once check.
// Each stage prints its wall and CPU time, persons per second, the process's peak RSS and the bytes
// it wrote (/proc/self/io write_bytes). The plain-SQLite comparison of the ingest path is
// bench_ingest's (tests/db); the same schema in plain SQLite is not a workstation that exists.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "app/tablet_pulls.h"
#include "app/tablets.h"
#include "census_sim/census_sim.h"
#include "census_sim/simulated_list.h"
#include "core/usecases/devices.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "coverage/list_import.h"
#include "coverage/reconcile_run.h"
#include "lists/list_reader.h"
#include "support/receiver_fixture.h"
#include "support/staffed_workspace.h"
#include "support/upstream_configuration.h"
#include "tables/table.h"
#include "upstream/client/outbox.h"

using namespace sanaq;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

template <class R>
auto must(R&& r, const std::string& what) {
    if (!r) {
        std::fprintf(stderr, "%s failed: %s (%s)\n", what.c_str(), r.error().message_id.c_str(),
                     r.error().detail.c_str());
        std::exit(2);
    }
    return std::forward<R>(r);
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
double peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}
/// Bytes this process caused to be written to storage so far (0 where /proc does not say).
double written_mib() {
    std::ifstream io("/proc/self/io");
    std::string key;
    long long value = 0;
    while (io >> key >> value)
        if (key == "write_bytes:") return static_cast<double>(value) / (1 << 20);
    return 0;
}

/// One stage's figures, printed when it ends.
struct Stage {
    const char* name;
    Steady::time_point start = Steady::now();
    double cpu = cpu_seconds(), written = written_mib();
    void done(std::int64_t persons, const std::string& extra = "") const {
        const double wall = std::chrono::duration<double>(Steady::now() - start).count();
        std::printf("%-10s %9.1f s wall %8.1f s CPU %10.0f persons/s  peak RSS %6.0f MiB  written %8.0f MiB  %s\n",
                    name, wall, cpu_seconds() - cpu, wall > 0 ? static_cast<double>(persons) / wall : 0.0,
                    peak_rss_mib(), written_mib() - written, extra.c_str());
        std::fflush(stdout);
    }
};

/// The list as make_list writes it: title rows, header, data rows (bench_reconcile checks the
/// layout against the real file).
tables::Table table_of(const census_sim::SimulatedList& list) {
    tables::Table t;
    t.encoding = std::string(tables::kXlsxSource);
    t.rows.insert(t.rows.end(), list.title_rows.begin(), list.title_rows.end());
    t.rows.push_back(list.header);
    t.rows.insert(t.rows.end(), list.rows.begin(), list.rows.end());
    while (!t.rows.empty() && t.rows.back().empty()) t.rows.pop_back();
    return t;
}

struct RegionKit {
    std::string number, bin;
    fs::path tablet;
};

}  // namespace

int main(int argc, char** argv) {
    const int kits_wanted = argc > 1 ? std::atoi(argv[1]) : 1000;
    const std::int64_t per_kit = argc > 2 ? std::atoll(argv[2]) : 1000;
    const int packages = argc > 3 ? std::atoi(argv[3]) : 2;
    const int sitting = argc > 4 ? std::atoi(argv[4]) : 10;
    const std::uint64_t seed = argc > 5 ? std::strtoull(argv[5], nullptr, 10) : 4;
    if (kits_wanted < 1 || per_kit < 1 || packages < 1 || sitting < 1) {
        std::fprintf(stderr, "usage: bench_region [kits=1000] [persons_per_kit=1000] [packages_per_kit=2] "
                             "[tablets_per_sitting=10] [seed=4]\n");
        return 2;
    }
    std::printf("bench_region: %d kits x %lld persons, %d packages each, %d tablets a sitting, %ld CPUs\n",
                kits_wanted, static_cast<long long>(per_kit), packages, sitting, ::sysconf(_SC_NPROCESSORS_ONLN));

    test::StaffedWorkspace ws;   // a real SQLCipher workspace (test KDF), one user per role
    Session admin = ws.as("admin", Role::Administrator);
    Session officer = ws.as("officer", Role::Officer);
    const std::string department = *must(department_public_keys(officer), "department keys");

    // ---- 0. the region's kits and their tablets (the simulator's work, timed apart) -------------
    std::vector<RegionKit> kits;
    std::set<std::string> bins;
    double making_s = 0;
    std::int64_t enumerated = 0;
    {
        Stage stage{"register"};
        for (int number = 1; static_cast<int>(kits.size()) < kits_wanted; ++number) {
            char kit[32];
            std::snprintf(kit, sizeof kit, "KIT-%05d", number);
            auto sim = census_sim::simulated_kit(seed, kit);
            if (!bins.insert(sim.institution.bin).second) continue;   // one kit per institution
            must(add_institution(officer, sim.institution), std::string("add_institution ") + kit);
            must(register_kit(officer, make_kit(kit, {sim.device_model, "S" + sim.usb_serial, "", sim.usb_serial})),
                 std::string("register_kit ") + kit);
            kits.push_back({kit, sim.institution.bin, ws.dir / "tablets" / kit});
        }
        stage.done(0, std::to_string(kits.size()) + " institutions and kits");
    }
    auto make_tablet = [&](RegionKit& k) {
        const auto t = Steady::now();
        census_sim::MakePackagesRequest req;
        req.kit_number = k.number;
        req.department_public_file_text = department;
        req.persons = per_kit;
        req.packages = packages;
        req.seed = seed;
        auto made = must(census_sim::make_packages(k.tablet, req), "make_packages " + k.number);
        must(enroll_device_key(officer, k.number, made->device_public_pem), "enroll " + k.number);
        enumerated += made->persons;
        making_s += std::chrono::duration<double>(Steady::now() - t).count();
    };

    // ---- 1. pull, a sitting of tablets at a time ------------------------------------------------
    std::int64_t pulled = 0, received = 0;
    double pull_wall = 0, pull_cpu = 0, pull_written = 0;
    for (std::size_t from = 0; from < kits.size(); from += static_cast<std::size_t>(sitting)) {
        const std::size_t to = std::min(kits.size(), from + static_cast<std::size_t>(sitting));
        std::vector<fs::path> folders;
        for (std::size_t i = from; i < to; ++i) {
            make_tablet(kits[i]);
            folders.push_back(kits[i].tablet);
        }
        app::Tablets tablets(nullptr, folders);
        std::vector<app::TabletToPull> chosen;
        for (const auto& folder : folders) {
            const auto serial = app::Tablets::simulated_serial(folder);
            chosen.push_back({serial, serial, nullptr, std::nullopt});
        }
        const auto t = Steady::now();
        const double cpu = cpu_seconds(), written = written_mib();
        auto pulls = app::pull_tablets(officer, tablets, std::move(chosen));
        pull_wall += std::chrono::duration<double>(Steady::now() - t).count();
        pull_cpu += cpu_seconds() - cpu;
        pull_written += written_mib() - written;
        for (const auto& p : pulls) {
            if (!p.outcome || p.outcome->stopped_by) {
                std::fprintf(stderr, "pull of %s did not complete\n", p.label.c_str());
                return 1;
            }
            pulled += p.outcome->persons_stored;
            received += p.outcome->packages_received;
        }
        for (const auto& folder : folders) fs::remove_all(folder);
    }
    std::printf("%-10s %9.1f s wall %8.1f s CPU %10.0f persons/s  peak RSS %6.0f MiB  written %8.0f MiB  "
                "%lld persons, %lld packages (making the tablets: %.1f s apart)\n",
                "pull", pull_wall, pull_cpu, static_cast<double>(pulled) / pull_wall, peak_rss_mib(), pull_written,
                static_cast<long long>(pulled), static_cast<long long>(received), making_s);
    if (pulled != enumerated) {
        std::fprintf(stderr, "the tablets held %lld persons, the pulls stored %lld\n",
                     static_cast<long long>(enumerated), static_cast<long long>(pulled));
        return 1;
    }

    // ---- 2. every institution's list ------------------------------------------------------------
    std::int64_t listed = 0;
    {
        Stage stage{"lists"};
        for (const auto& k : kits) {
            census_sim::MakeListRequest req;
            req.kit_number = k.number;
            req.persons = per_kit;
            req.seed = seed;
            auto list = must(census_sim::simulated_list(req), "simulated_list " + k.number);
            ListImportPreview preview;
            preview.request.file = k.number + ".xlsx";
            preview.request.institution_bin = k.bin;
            preview.request.as_of = list->as_of;
            auto read = must(lists::read_list(table_of(*list), {.mapping = std::nullopt, .as_of = list->as_of}),
                             "read_list " + k.number);
            preview.preview = std::move(*read);
            preview.source_name = preview.request.file;
            auto stored = must(import_list(officer, preview), "import_list " + k.number);
            listed += stored->rows_imported;
        }
        stage.done(listed, std::to_string(listed) + " listed persons");
    }

    // ---- 3. reconcile ---------------------------------------------------------------------------
    {
        Stage stage{"reconcile"};
        auto summary = must(run_reconciliation(officer), "run_reconciliation");
        const auto& r = summary->run;
        stage.done(r.listed + r.enumerated,
                   "listed " + std::to_string(r.listed) + " x enumerated " + std::to_string(r.enumerated) +
                       ": matched " + std::to_string(r.matched) + ", missing " + std::to_string(r.missing) +
                       ", review " + std::to_string(r.review));
    }

    // ---- 4. forward -----------------------------------------------------------------------------
    {
        const auto& pki = test::TestPki::instance();
        test::TempDir receiver_dir("sanaq-bench-region-receiver");
        test::ReceiverProcess receiver(receiver_dir / "store", {"--receipt-key", pki.receipt_key().string()});
        must(upstream::configure_upstream(admin, test::test_upstream_configuration(receiver.url(), 20000)),
             "configure_upstream");
        Stage stage{"forward"};
        auto report = must(upstream::send_upstream(officer, {}), "send_upstream");
        stage.done(report->persons_accepted, std::to_string(report->batches_accepted) + " batches accepted of " +
                                                 std::to_string(report->batches_formed) + " formed");
        const auto held = test::receiver_stats(receiver.store());
        const int rc = receiver.stop();
        std::printf("receiver: %lld distinct records, %lld received more than once, exit %d\n",
                    static_cast<long long>(held.distinct_records),
                    static_cast<long long>(held.records_received_more_than_once), rc);
        if (held.records_received_more_than_once != 0 || report->persons_accepted != pulled) return 1;
    }
    return 0;
}
