#pragma once
// A folder laid out like a tablet's shared storage, with package files of known pseudo-random
// bytes, for the MTP tests (in-process and through umockdev) and the benchmark.
#include <cstdint>
#include <filesystem>
#include <string>

namespace sanaq::test {

/// Deterministic bytes: the same (seed, size) always gives the same content.
std::string pattern_bytes(std::uint64_t size, std::uint32_t seed);

/// Creates Documents/Sanaq/{outbox,device-key.pem} under `root` and returns its outbox path.
std::filesystem::path make_tablet_folder(const std::filesystem::path& root);
/// Writes outbox/<name> with pattern_bytes(size, seed) and returns the bytes' path.
std::filesystem::path add_package(const std::filesystem::path& root, const std::string& name, std::uint64_t size,
                                  std::uint32_t seed);

inline constexpr const char* kTestDeviceKey =
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAsanaqsimulatedtabletdevicekeyfortests00=\n-----END PUBLIC KEY-----\n";

}  // namespace sanaq::test
