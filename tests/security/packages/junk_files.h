#pragma once
// Hostile files for a tablet's outbox: junk of any size that costs no disk (sparse: a few KiB of
// seeded noise, then a hole), and the store's size on disk to see what a pull kept.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace sanaq::test {

inline constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
/// The package size budget (src/core/package/README.md, "Size budget").
inline constexpr std::uint64_t kBudget = 64 * kMiB;

/// `size` bytes: 4 KiB of noise from `seed` (so two seeds never share a prefix), then zeros
/// that take no disk space.
inline void write_junk(const std::filesystem::path& path, std::uint64_t size, std::uint32_t seed) {
    std::filesystem::create_directories(path.parent_path());
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        std::mt19937 rng(seed);
        std::string noise(static_cast<std::size_t>(std::min<std::uint64_t>(size, 4096)), '\0');
        for (auto& c : noise) c = static_cast<char>(rng());
        out.write(noise.data(), static_cast<std::streamsize>(noise.size()));
    }
    std::filesystem::resize_file(path, size);
}

/// Bytes of the regular files under `root`: what a workspace holds on disk.
inline std::uint64_t bytes_under(const std::filesystem::path& root) {
    std::uint64_t total = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

}  // namespace sanaq::test
