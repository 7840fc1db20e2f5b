#pragma once
// Writes packages as a tablet's census app would (the simulator, tests, benchmarks). Streams:
// records go in one at a time and leave encrypted, chunk by chunk, through the sink.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/domain/census.h"
#include "core/domain/package.h"
#include "core/error.h"

namespace sanaq::package {

inline constexpr std::size_t kDefaultChunkSize = 1 << 20;

/// Test vectors only (tests/vectors/package/): what a writer otherwise draws at random, so that
/// a package can be reproduced byte for byte. Never for real packages: the same ephemeral key
/// and nonce used twice under one department key repeat the AES-GCM key stream.
struct FixedRandomness {
    std::string ephemeral_private;   // raw 32-byte X25519 private key
    std::string base_nonce;          // 12 bytes
};

class PackageWriter {
public:
    /// `manifest`: every field but the payload ones and the counts, which the writer fills in;
    /// device_id is always the fingerprint of the signing key; an empty package_uuid or
    /// exported_at gets a random UUID / the current UTC time. The signed header carries the
    /// payload's digest and comes first in the file, so the encrypted payload is collected
    /// before the header can be written: in memory up to 32 MiB, beyond that in an unlinked
    /// temporary file (ciphertext only). `chunk_size`: plaintext bytes per sealed chunk
    /// (1 KiB..8 MiB; tests use small ones to make records straddle chunks). `fixed`: test
    /// vectors only.
    PackageWriter(PackageManifest manifest, std::string department_encryption_public_pem,
                  std::string_view device_signing_private_pem, std::size_t chunk_size = kDefaultChunkSize,
                  const FixedRandomness* fixed = nullptr);
    ~PackageWriter();
    PackageWriter(const PackageWriter&) = delete;
    PackageWriter& operator=(const PackageWriter&) = delete;

    Status add(const Household& household);
    Status add(const Person& person);
    /// Seals the payload and returns the complete package bytes.
    Result<std::string> finish();
    /// The same, written atomically to `path` (through a temp file next to it; the payload is
    /// ciphertext, so the temp file holds nothing readable).
    Status finish_to_file(const std::string& path);
    const PackageManifest& manifest() const;   // complete after finish

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace sanaq::package
