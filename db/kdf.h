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
/// For tests only: t=1, m=64 KiB, p=1 — microseconds.
KdfParams test_kdf();
/// interactive_kdf(), or test_kdf() when the environment says SANAQ_KDF_PROFILE=test.
KdfParams kdf_from_environment();

/// Refuses parameters a key slot must never use (zero passes, under 8 KiB per lane, more than
/// 4 GiB, more than 64 lanes) — also what a damaged keyslots.json could carry.
bool kdf_params_acceptable(const KdfParams& params);

/// Argon2id(password, salt) with `params`, version 0x13, no secret, no associated data.
Result<SecretKey> derive_key(std::string_view password, const std::vector<unsigned char>& salt,
                             const KdfParams& params);

}  // namespace sanaq::db
