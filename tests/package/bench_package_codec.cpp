// Package codec throughput: write and read (parse + decrypt + verify) a package of N persons
// from the census simulator, and the reader's peak memory growth while streaming it.
//   bench_package_codec [persons=200000]
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "census_sim/census_sim.h"
#include "core/package/keys.h"
#include "core/package/package_reader.h"
#include "core/package/package_writer.h"

using namespace sanaq;
using Clock = std::chrono::steady_clock;

namespace {

long vm_hwm_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

void reset_hwm() { std::ofstream("/proc/self/clear_refs") << "5"; }

long vm_rss_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t persons = argc > 1 ? std::atoll(argv[1]) : 200000;
    auto dept = package::generate_encryption_key().value();
    auto device = package::generate_signing_key().value();

    const std::string path = (std::getenv("TMPDIR") ? std::string(std::getenv("TMPDIR")) : std::string("/tmp")) +
                             "/sanaq-bench.sqpkg";
    // Generating and writing happen in a child process, so the reader's memory is measured in a
    // process that never held the population.
    pid_t child = fork();
    if (child == 0) {
        auto t0 = Clock::now();
        auto pop = census_sim::kit_population(1, "KIT-BENCH", persons);
        auto t1 = Clock::now();
        std::printf("generate: %lld persons, %zu households in %.2f s (%.0f persons/s)\n",
                    static_cast<long long>(persons), pop.households.size(), seconds(t1 - t0),
                    persons / seconds(t1 - t0));
        PackageManifest m;
        m.kit_number = "KIT-BENCH";
        m.census_round = "2026";
        m.sequence = 1;
        t0 = Clock::now();
        package::PackageWriter writer(m, dept.public_pem, device.private_pem);
        for (const auto& h : pop.households) (void)writer.add(h);
        for (const auto& p : pop.persons) (void)writer.add(p);
        if (auto st = writer.finish_to_file(path); !st) {
            std::fprintf(stderr, "write failed: %s\n", st.error().message_id.c_str());
            _exit(1);
        }
        t1 = Clock::now();
        std::ifstream probe(path, std::ios::binary | std::ios::ate);
        const double mb = static_cast<double>(probe.tellg()) / 1e6;
        std::printf("write:    %.1f MB in %.2f s = %.0f MB/s, %.0f persons/s\n", mb, seconds(t1 - t0),
                    mb / seconds(t1 - t0), persons / seconds(t1 - t0));
        std::fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
    std::ifstream probe(path, std::ios::binary | std::ios::ate);
    const double mb = static_cast<double>(probe.tellg()) / 1e6;

    reset_hwm();
    const long rss_before = vm_rss_kib();

    std::int64_t seen = 0;
    std::size_t checksum = 0;
    package::PackageReader reader(dept.private_pem);
    reader.on_household = [&](const Household& h) -> Status {
        checksum += h.uuid.size();
        return {};
    };
    reader.on_person = [&](const Person& p) -> Status {
        ++seen;
        checksum += p.surname.size() + p.answers_json.size();
        return {};
    };
    std::ifstream in(path, std::ios::binary);
    std::string buf(1 << 20, '\0');
    auto t0 = Clock::now();
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0) break;
        if (auto st = reader.feed(std::string_view(buf.data(), n)); !st) {
            std::fprintf(stderr, "read failed: %s\n", st.error().message_id.c_str());
            return 1;
        }
        if (reader.header_ready() && !reader.verified())
            if (auto st = reader.verify(device.public_pem); !st) return 1;
    }
    if (auto st = reader.finish(); !st) {
        std::fprintf(stderr, "finish failed: %s\n", st.error().message_id.c_str());
        return 1;
    }
    auto t1 = Clock::now();
    const long hwm = vm_hwm_kib();
    std::printf("read:     %.1f MB in %.2f s = %.0f MB/s, %.0f persons/s (%lld persons, checksum %zu)\n", mb,
                seconds(t1 - t0), mb / seconds(t1 - t0), seen / seconds(t1 - t0), static_cast<long long>(seen), checksum);
    std::printf("reader peak memory growth: %.1f MB (VmHWM %ld KiB after reset, VmRSS before %ld KiB)\n",
                (hwm - rss_before) / 1024.0, hwm, rss_before);
    std::remove(path.c_str());
    return 0;
}
