// Protocol stack benchmark: GetObject of a 200 MB package from the simulated responder over the
// in-process transport, through the real initiator and MtpTabletStorage, into a sink that only
// checksums. Reports MB/s and the peak extra resident memory (VmHWM growth).
// Usage: bench_mtp_transfer [MB=200] [rounds=3]. Targets: >= 400 MB/s, < 64 MB extra.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "devices/tablet_folder.h"
#include "simulator/simulated_tablet.h"
#include "support/temp_dir.h"

namespace {
long status_kb(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::string(field).size());
    }
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    const std::uint64_t mb = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    sanaq::test::TempDir dir("sanaq-bench-mtp");
    sanaq::test::make_tablet_folder(dir.path());
    {
        // Write the package in 8 MB pieces so building it does not raise the high-water mark.
        std::ofstream out(dir / "Documents/Sanaq/outbox/big.sqpkg", std::ios::binary);
        const std::string piece = sanaq::test::pattern_bytes(8 << 20, 1);
        for (std::uint64_t written = 0; written < mb << 20; written += piece.size())
            out.write(piece.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(piece.size(), (mb << 20) - written)));
    }
    auto tablet = sanaq::sim::open_simulated_tablet(dir.path());
    auto files = tablet->list_outbox();
    if (!files || files->size() != 1) {
        std::fprintf(stderr, "no package\n");
        return 1;
    }
    const long rss_before = status_kb("VmRSS:");
    const long hwm_before = status_kb("VmHWM:");
    double best = 0;
    for (int r = 0; r < rounds; ++r) {
        std::uint64_t total = 0, sum = 0;
        const auto start = std::chrono::steady_clock::now();
        auto s = tablet->read_file(files->front(), [&](std::string_view piece) -> sanaq::Status {
            total += piece.size();
            sum += static_cast<unsigned char>(piece.front()) + static_cast<unsigned char>(piece.back());
            return {};
        });
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!s || total != mb << 20) {
            std::fprintf(stderr, "transfer failed\n");
            return 1;
        }
        const double rate = static_cast<double>(total) / (1 << 20) / secs;
        best = std::max(best, rate);
        std::printf("round %d: %llu MB in %.3f s = %.0f MB/s (checksum %llu)\n", r + 1,
                    static_cast<unsigned long long>(mb), secs, rate, static_cast<unsigned long long>(sum));
    }
    const long hwm_after = status_kb("VmHWM:");
    std::printf("best %.0f MB/s; VmRSS before %ld kB, VmHWM before %ld kB, after %ld kB: peak extra %.1f MB\n", best,
                rss_before, hwm_before, hwm_after, (hwm_after - std::max(rss_before, 0L)) / 1024.0);
    return 0;
}
