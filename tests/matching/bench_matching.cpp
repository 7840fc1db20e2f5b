// Benchmark (built, not run by ctest): a region of N listed against N enumerated people with
// realistic noise. Prints generation and reconcile time, pairs compared, persons/s, peak memory,
// and precision/recall against the generator's truth.
//   bench_matching [persons=1000000] [persons_per_institution=1000] [threads=0]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "matching/reconcile.h"
#include "noisy_population.h"

using namespace sanaq::matching;

namespace {
long peak_rss_mib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
    return -1;
}
double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
    const long persons = argc > 1 ? std::atol(argv[1]) : 1000000;
    const long per_kit = argc > 2 ? std::atol(argv[2]) : 1000;
    ReconcileOptions opt;
    opt.threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 0;

    testing::NoiseOptions o;
    o.kits = static_cast<int>(persons / per_kit);
    o.persons_per_kit = per_kit;
    auto t0 = std::chrono::steady_clock::now();
    const testing::NoisyWorld w = testing::make_noisy_world(o);
    const double gen = since(t0);
    const long rss_data = peak_rss_mib();

    t0 = std::chrono::steady_clock::now();
    const Reconciliation r = reconcile(w.listed, w.enumerated, {}, opt);
    const double rec = since(t0);

    std::size_t auto_n = 0, auto_ok = 0, rev_n = 0, rev_ok = 0;
    std::vector<char> seen;
    for (auto t : w.enumerated_truth) {
        if (static_cast<std::size_t>(t) >= seen.size()) seen.resize(static_cast<std::size_t>(t) + 1, 0);
        seen[static_cast<std::size_t>(t)] = 1;
    }
    std::size_t truth_pairs = 0;
    for (std::size_t i = 0; i < w.listed.size(); ++i) {
        const auto t = static_cast<std::size_t>(w.listed_truth[i]);
        truth_pairs += t < seen.size() && seen[t];
        const auto& p = r.listed[i];
        const bool ok = p.counterpart >= 0 && w.enumerated_truth[static_cast<std::size_t>(p.counterpart)] == w.listed_truth[i];
        if (p.outcome == Outcome::Matched) { ++auto_n; auto_ok += ok; }
        else if (p.outcome == Outcome::Review || p.outcome == Outcome::Conflict) { ++rev_n; rev_ok += ok; }
    }
    std::printf("listed %zu, enumerated %zu (%d institutions of %ld)\n", w.listed.size(), w.enumerated.size(), o.kits, per_kit);
    std::printf("generate: %.1f s (peak RSS after generation %ld MiB)\n", gen, rss_data);
    std::printf("reconcile: %.2f s, %.0f persons/s (listed + enumerated), peak RSS %ld MiB\n", rec,
                (w.listed.size() + w.enumerated.size()) / rec, peak_rss_mib());
    std::printf("pairs compared: %llu listed x enumerated, %llu enumerated x enumerated; kept %llu; oversized blocks skipped %llu\n",
                static_cast<unsigned long long>(r.stats.pairs_compared),
                static_cast<unsigned long long>(r.stats.duplicate_pairs_compared),
                static_cast<unsigned long long>(r.stats.candidate_pairs_kept),
                static_cast<unsigned long long>(r.stats.oversized_blocks_skipped));
    std::printf("auto-matched %zu: precision %.5f, recall %.5f; decided automatically %.2f%% of listed; review queue %zu "
                "(right %zu); recall after review %.5f\n",
                auto_n, double(auto_ok) / auto_n, double(auto_ok) / truth_pairs, 100.0 * auto_n / w.listed.size(), rev_n, rev_ok,
                double(auto_ok + rev_ok) / truth_pairs);
    for (Outcome oc : {Outcome::Matched, Outcome::Review, Outcome::Conflict, Outcome::Missing, Outcome::Extra, Outcome::Duplicate})
        std::printf("  %-10s %llu\n", outcome_code(oc), static_cast<unsigned long long>(r.stats.of(oc)));
    std::printf("injected: missing %zu, extra %zu, duplicates %zu, conflicts %zu\n", w.missing.size(), w.extra.size(),
                w.duplicates.size(), w.conflicts.size());
    return 0;
}
