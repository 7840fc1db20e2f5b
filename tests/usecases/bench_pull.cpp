// End-to-end ingest figures for the README: packages holding N persons in all
// (default 200,000 in 20 packages) pulled into a real encrypted workspace — from a folder (package
// reading + verification + decryption + SQLCipher writes) and from a simulated tablet over the
// real MTP initiator and the in-process transport (the protocol stack on top). Not run by ctest.
//   bench_pull [persons] [packages]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/resource.h>

#include "census_sim/census_sim.h"
#include "core/package/folder_storage.h"
#include "core/usecases/devices.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/pull.h"
#include "core/usecases/users.h"
#include "db/workspace.h"
#include "simulator/simulated_tablet.h"
#include "support/temp_dir.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

long peak_rss_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

template <class R>
R must(R r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "%s failed: %s\n", what, r.error().message_id.c_str());
        std::exit(1);
    }
    return r;
}

struct Bench {
    test::TempDir dir{"sanaq-bench-pull"};
    SystemClock clock;
    std::unique_ptr<db::Workspace> ws;

    Bench() {
        ws = std::move(*must(db::Workspace::create(dir / "ws", "admin", "bench password 1", db::test_kdf()), "create"));
        Session admin{*ws, *ws, clock, {"admin", Role::Administrator}};
        must(record_workspace_created(admin, "Bench"), "record");
        must(add_user(admin, {"officer", "", Role::Officer, "bench password 1"}), "user");
    }
    Session officer() { return Session{*ws, *ws, clock, {"officer", Role::Officer}}; }
};

double run(Bench& b, TabletStorage& tablet, const char* label, std::int64_t expected) {
    Session s = b.officer();
    const auto t0 = std::chrono::steady_clock::now();
    rusage r0{};
    getrusage(RUSAGE_SELF, &r0);
    auto summary = must(pull_tablet(s, tablet), "pull");
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rusage r1{};
    getrusage(RUSAGE_SELF, &r1);
    const double cpu = (r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) + (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6 +
                       (r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) + (r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
    std::printf("%-34s %8lld persons %7.2f s  %9.0f persons/s  %7.1f MB/s  cpu %.2f s  peak RSS %ld MiB\n", label,
                static_cast<long long>(summary->persons_stored), secs, summary->persons_stored / secs,
                summary->bytes / secs / 1e6, cpu, peak_rss_kib() / 1024);
    if (summary->persons_stored != expected) {
        std::fprintf(stderr, "expected %lld persons, stored %lld\n", static_cast<long long>(expected),
                     static_cast<long long>(summary->persons_stored));
        std::exit(1);
    }
    return summary->persons_stored / secs;
}

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t persons = argc > 1 ? std::stoll(argv[1]) : 200000;
    const int packages = argc > 2 ? std::stoi(argv[2]) : 20;

    Bench folder_bench, usb_bench;
    auto make = [&](Bench& b, const fs::path& out, const std::string& kit) {
        Session s = b.officer();
        must(register_kit(s, make_kit(kit, {"Samsung SM-T505", "R52R" + kit.substr(4), "", "U" + kit.substr(4)})), "kit");
        census_sim::MakePackagesRequest req;
        req.kit_number = kit;
        req.department_public_file_text = *must(department_public_keys(s), "keys");
        req.persons = persons;
        req.packages = packages;
        req.seed = 11;
        const auto t0 = std::chrono::steady_clock::now();
        auto made = must(census_sim::make_packages(out, req), "make_packages");
        std::printf("made %d packages, %lld persons in %.1f s\n", packages, static_cast<long long>(made->persons),
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        must(enroll_device_key(s, kit, made->device_public_pem), "enroll");
    };
    make(folder_bench, folder_bench.dir / "tablet", "KIT-0001");
    make(usb_bench, usb_bench.dir / "tablet", "KIT-0002");

    package::FolderTabletStorage folder(folder_bench.dir / "tablet");
    run(folder_bench, folder, "folder -> encrypted store", persons);
    auto simulated = sim::open_simulated_tablet(usb_bench.dir / "tablet");
    run(usb_bench, *simulated, "MTP (in-process) -> encrypted store", persons);
    // A repeated pull: every package already held.
    package::FolderTabletStorage again(folder_bench.dir / "tablet");
    Session s = folder_bench.officer();
    const auto t0 = std::chrono::steady_clock::now();
    auto repeat = must(pull_tablet(s, again), "repeat");
    std::printf("%-34s %8lld packages already received in %.3f s\n", "repeated pull",
                static_cast<long long>(repeat->packages_already),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    return 0;
}
