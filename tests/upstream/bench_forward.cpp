// Upstream forwarding figures for src/upstream/README.md (not a test, ctest never runs it):
//   bench_forward [persons=1000000] [max_batch=20000]
// Fills a real workspace (test KDF) with `persons` simulated persons and their households
// (census_sim::kit_population, 1,000 persons per kit, so answers, names and body sizes are
// realistic), starts the reference receiver sanaq-upstream on loopback with the test PKI, and
// forwards everything with send_upstream over mutual TLS: forming (one write transaction per
// batch: the pending walk, JSON lines, SHA-256, signature, gzip, insert_batch) with sending
// overlapped (PUT, receipt checked, batch marked accepted: batch n on the wire while n+1 forms),
// then whatever is left to send. Prints wall and CPU time per step, persons per second
// end to end and per stage, compressed and uncompressed MB and MB/s, CPU per record on both sides,
// peak RSS, the receiver's exactly-once check (exit status 1 when it fails), and what gzip levels
// 1, 6 and 9 make of one batch body.
// On stderr: "mark forming|sending|done <CLOCK_MONOTONIC seconds>", so a profile taken with
// `perf record -k CLOCK_MONOTONIC` can be cut to one stage (`perf report --time A,B`);
// SANAQ_BENCH_VERBOSE=1 adds one line per progress report (batch by batch).
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "census_sim/census_sim.h"
#include "support/receiver_fixture.h"
#include "support/upstream_configuration.h"
#include "support/census_fill.h"
#include "upstream/client/outbox.h"
#include "upstream/protocol/gzip.h"
#include "support/staffed_workspace.h"

using namespace sanaq;
using namespace sanaq::upstream;
namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kPersonsPerKit = 1000;
constexpr std::size_t kRecordsPerTransaction = 20000;

[[noreturn]] void die(const std::string& what, const Error& e) {
    std::fprintf(stderr, "%s failed: %s (%s)\n", what.c_str(), e.message_id.c_str(), e.detail.c_str());
    std::exit(2);
}

template <class R>
void check(const R& r, const std::string& what) {
    if (!r) die(what, r.error());
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
    return static_cast<double>(u.ru_maxrss) / 1024.0;   // ru_maxrss is in KiB on Linux
}

/// utime + stime of a process from /proc/<pid>/stat, in seconds.
double process_cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto paren = text.rfind(')');   // the command name may hold spaces
    if (paren == std::string::npos) return -1;
    std::istringstream fields(text.substr(paren + 2));
    std::string f;
    unsigned long long utime = 0, stime = 0;
    // After "pid (comm) ": state is field 3; utime is field 14, stime 15.
    for (int field = 3; field <= 15 && fields >> f; ++field) {
        if (field == 14) utime = std::stoull(f);
        if (field == 15) stime = std::stoull(f);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

/// VmHWM of a process (its peak resident set), in MiB; -1 when unknown.
double process_peak_rss_mib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / 1024.0;
    return -1;
}

struct Timer {
    std::string what;
    SteadyClock::time_point start = SteadyClock::now();
    double cpu = cpu_seconds();
    double wall_s() const { return std::chrono::duration<double>(SteadyClock::now() - start).count(); }
    double cpu_s() const { return cpu_seconds() - cpu; }
    void done(const std::string& extra = {}) const {
        std::printf("%-34s %8.2f s wall %8.2f s CPU  %s\n", what.c_str(), wall_s(), cpu_s(), extra.c_str());
        std::fflush(stdout);
    }
};

// CLOCK_MONOTONIC seconds, printed on stderr at the stage boundaries so a profile taken with
// `perf record -k CLOCK_MONOTONIC` can be cut to one stage (`perf report --time A,B`).
void mark(const char* what) {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    std::fprintf(stderr, "mark %s %ld.%06ld\n", what, static_cast<long>(ts.tv_sec), ts.tv_nsec / 1000);
}

double mb(std::int64_t bytes) { return static_cast<double>(bytes) / 1e6; }

}  // namespace

int main(int argc, char** argv) {
    std::int64_t persons = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    int max_batch = argc > 2 ? std::atoi(argv[2]) : 20000;
    if (argc > 3 || persons <= 0 || max_batch < 1 || max_batch > 200000) {
        std::fprintf(stderr, "usage: bench_forward [persons=1000000] [max_batch=20000 (1..200000)]\n");
        return 2;
    }

    test::StaffedWorkspace ws;   // a real SQLCipher workspace (test KDF) with one user per role
    Session admin = ws.as("admin", Role::Administrator);
    Session officer = ws.as("officer", Role::Officer);
    const auto& pki = test::TestPki::instance();
    std::printf("bench_forward: %lld persons, batches of up to %d records, %ld CPUs\n",
                static_cast<long long>(persons), max_batch, ::sysconf(_SC_NPROCESSORS_ONLN));

    // 1. Fill the store: kits of 1,000 simulated persons with their households.
    std::int64_t households = 0;
    {
        Timer t{"fill the store"};
        test::CensusFill fill;
        fill.persons = persons;
        fill.persons_per_kit = kPersonsPerKit;
        fill.records_per_transaction = kRecordsPerTransaction;
        auto filled = test::fill_census(*ws.ws, fill);
        check(filled, "fill");
        households = filled->households;
        t.done(fmt::format("{} persons, {} households", persons, households));
    }
    const std::int64_t records = persons + households;

    // 2. The receiver on loopback, and the workstation configured for it.
    test::TempDir receiver_dir("sanaq-bench-receiver");
    test::ReceiverProcess receiver(receiver_dir / "store", {"--receipt-key", pki.receipt_key().string()});
    {
        check(configure_upstream(admin, test::test_upstream_configuration(receiver.url(), max_batch)), "configure_upstream");
    }
    const double receiver_cpu_before = process_cpu_seconds(receiver.pid());

    // 3. Form and send; the first Sending report ends the forming stage.
    mark("forming");
    Timer all{"form + send (send_upstream)"};
    SteadyClock::time_point sending_started{};
    double cpu_at_sending = 0, receiver_cpu_at_sending = 0;
    bool sending = false;
    SendOptions options;
    options.max_batch = max_batch;
    const bool verbose = std::getenv("SANAQ_BENCH_VERBOSE") != nullptr;
    SteadyClock::time_point last_report = SteadyClock::now();
    double last_cpu = cpu_seconds();
    options.progress = [&](const SendProgress& p) {
        if (verbose) {
            auto now = SteadyClock::now();
            std::fprintf(stderr, "  stage %d formed %lld accepted %lld: %.3f s wall %.3f s CPU\n",
                         static_cast<int>(p.stage), static_cast<long long>(p.batches_formed),
                         static_cast<long long>(p.batches_accepted),
                         std::chrono::duration<double>(now - last_report).count(), cpu_seconds() - last_cpu);
            last_report = now;
            last_cpu = cpu_seconds();
        }
        if (p.stage != SendStage::Forming && !sending) {
            sending = true;
            sending_started = SteadyClock::now();
            cpu_at_sending = cpu_seconds();
            receiver_cpu_at_sending = process_cpu_seconds(receiver.pid());
            mark("sending");
        }
    };
    auto report = send_upstream(officer, options);
    check(report, "send_upstream");
    mark("done");
    const double total_wall = all.wall_s(), total_cpu = all.cpu_s();
    const double receiver_cpu = process_cpu_seconds(receiver.pid()) - receiver_cpu_before;
    const double receiver_cpu_sending = process_cpu_seconds(receiver.pid()) - receiver_cpu_at_sending;
    const double receiver_rss = process_peak_rss_mib(receiver.pid());
    if (!sending) {   // nothing was sent
        sending_started = SteadyClock::now();
        cpu_at_sending = cpu_seconds();
    }
    const double form_wall = std::chrono::duration<double>(sending_started - all.start).count();
    const double form_cpu = cpu_at_sending - all.cpu;
    const double send_wall = total_wall - form_wall, send_cpu = total_cpu - form_cpu;

    std::int64_t body_bytes = 0;
    {
        auto status = upstream_status(officer, 0);
        check(status, "upstream_status");
        for (const auto& b : status->recent) body_bytes += b.body_size;
    }
    const std::int64_t compressed = report->bytes_sent;
    const int stop_rc = receiver.stop();

    std::printf("%-34s %8.2f s wall %8.2f s CPU  %lld batches, %lld persons, %lld households\n", "  forming",
                form_wall, form_cpu, static_cast<long long>(report->batches_formed),
                static_cast<long long>(report->persons_formed), static_cast<long long>(report->households_formed));
    std::printf("%-34s %8.2f s wall %8.2f s CPU  %lld batches accepted, %lld persons\n", "  sending", send_wall,
                send_cpu, static_cast<long long>(report->batches_accepted),
                static_cast<long long>(report->persons_accepted));
    std::printf("%-34s %8.2f s wall %8.2f s CPU\n", all.what.c_str(), total_wall, total_cpu);
    std::printf("\n");
    std::printf("persons/s end to end     %10.0f   (records/s %.0f)\n", persons / total_wall, records / total_wall);
    // Batches go out while the next are formed (src/upstream/README.md): "forming" is the whole
    // overlapped stage, "sending" only what was left on the wire after the last batch was formed.
    std::printf("persons/s forming        %10.0f   (sending overlapped with it)\n", persons / form_wall);
    if (send_wall > 0.05) std::printf("persons/s sending        %10.0f   (after forming ended)\n", persons / send_wall);
    else std::printf("persons/s sending        %10s   (nothing was left to send after forming ended)\n", "-");
    std::printf("uncompressed             %10.1f MB  %7.1f MB/s end to end\n", mb(body_bytes), mb(body_bytes) / total_wall);
    std::printf("compressed (sent)        %10.1f MB  %7.1f MB/s end to end (ratio %.2f)\n", mb(compressed),
                mb(compressed) / total_wall,
                body_bytes ? static_cast<double>(compressed) / static_cast<double>(body_bytes) : 0.0);
    std::printf("client CPU per record    %10.2f µs  (forming %.2f µs, sending %.2f µs; %.2f s in all)\n",
                total_cpu / records * 1e6, form_cpu / records * 1e6, send_cpu / records * 1e6, total_cpu);
    std::printf("receiver CPU per record  %10.2f µs  (%.2f s in all, %.2f s of it while sending)\n",
                receiver_cpu / records * 1e6, receiver_cpu, receiver_cpu_sending);
    std::printf("peak RSS                 %10.0f MiB client, %.0f MiB receiver\n", peak_rss_mib(), receiver_rss);

    auto stats = test::receiver_stats(receiver.store());
    const bool once = stats.distinct_records == records && stats.records_received_more_than_once == 0 &&
                      stats.persons == persons && stats.households == households && report->batches_left == 0 &&
                      report->persons_accepted == persons && stop_rc == 0;
    std::printf("receiver: %lld batches, %lld distinct records (expected %lld), %lld received more than once, "
                "receiver exit %d: %s\n",
                static_cast<long long>(stats.batches), static_cast<long long>(stats.distinct_records),
                static_cast<long long>(records), static_cast<long long>(stats.records_received_more_than_once),
                stop_rc, once ? "every record exactly once" : "MISMATCH");

    // 4. The gzip level (gzip_compress uses 1) on one full batch body of persons, for the record.
    std::string sample;
    check(ws.ws->read([&](StoreSession& tx) -> Status {
        auto all_batches = tx.outbox().batches(BatchState::Accepted, 0);   // newest first
        SANAQ_TRY(all_batches);
        if (all_batches->size() < 2) return {};
        auto packed = tx.outbox().batch_body((*all_batches)[1].uuid);      // the last but one: full
        SANAQ_TRY(packed);
        sample = gzip_decompress(*packed, std::size_t{1} << 30).value_or("");
        return {};
    }),
          "batch_body");
    if (!sample.empty()) {
        std::printf("\ngzip of one batch body (%.1f MB):\n", mb(static_cast<std::int64_t>(sample.size())));
        for (int level : {1, 6, 9}) {
            Timer t{fmt::format("  level {}", level)};
            std::string packed = gzip_compress(sample, level);
            std::printf("  level %d: ratio %.3f, %6.1f MB/s (%.3f s CPU)\n", level,
                        static_cast<double>(packed.size()) / static_cast<double>(sample.size()),
                        mb(static_cast<std::int64_t>(sample.size())) / t.wall_s(), t.cpu_s());
        }
    }
    return once ? 0 : 1;
}
