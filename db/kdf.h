#pragma once
// Password → key-encryption key: Argon2id (RFC 9106), version 0x13, 32-byte output.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "db/crypto.h"

namespace sanaq::db {

struct KdfParams {
    std::uint32_t t_cost = 0;       // passes over memory
    std::uint32_t m_cost_kib = 0;   // memory in KiB
    std::uint32_t parallelism = 0;  // lanes (and threads)

    friend bool operator==(const KdfParams&, const KdfParams&) = default;
};

/// For people signing in: t=8, m=128 MiB, p=2 — about 0.42 s on the 2-core reference machine
/// (measured: see README), so each guess costs an attacker the same.
KdfParams interactive_kdf();
/// For tests only: t=1, m=64 KiB, p=1 — microseconds. Accepted only by test programs (those linking
/// sanaq_db_test_kdf); a shipped program refuses to write or open such a slot.
KdfParams test_kdf();
/// True in test programs only (a link-time property, not an environment variable).
bool weak_kdf_allowed_in_this_program();
/// interactive_kdf(), or test_kdf() when the environment says SANAQ_KDF_PROFILE=test and this is a
/// test program. A shipped program ignores the variable.
KdfParams kdf_from_environment();
/// The weakest slot this program writes or opens: t=3, m=64 MiB, p=1 (test_kdf() in test programs).
KdfParams kdf_floor();

/// The ceiling on what a file (keyslots.json, a backup) may make a sign-in spend before anything in
/// it is authenticated: about twice interactive_kdf()'s work, under 1 s on the reference machine.
inline constexpr std::uint32_t kKdfMaxPasses = 64;
inline constexpr std::uint32_t kKdfMaxLanes = 16;
inline constexpr std::uint32_t kKdfMaxMemoryKib = 1024 * 1024;           // 1 GiB
inline constexpr std::uint64_t kKdfMaxWork = 2ull * 8 * 128 * 1024;      // passes × KiB
/// Refuses parameters below kdf_floor() or above the ceiling — what a damaged or hostile
/// keyslots.json or backup could carry — before any derivation runs.
bool kdf_params_acceptable(const KdfParams& params);

/// Argon2id(password, salt) with `params`, version 0x13, no secret, no associated data.
Result<SecretKey> derive_key(std::string_view password, const std::vector<unsigned char>& salt,
                             const KdfParams& params);

}  // namespace sanaq::db
