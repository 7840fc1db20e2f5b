#include "db/kdf.h"

#include <argon2.h>

#include <cstdlib>
#include <string>

// Defined only in test programs (db/testing/weak_kdf_allowed.cpp); null in a shipped program.
extern "C" bool sanaq_weak_kdf_allowed() __attribute__((weak));

namespace sanaq::db {

KdfParams interactive_kdf() { return {8, 128 * 1024, 2}; }
KdfParams test_kdf() { return {1, 64, 1}; }

bool weak_kdf_allowed_in_this_program() { return sanaq_weak_kdf_allowed != nullptr && sanaq_weak_kdf_allowed(); }

KdfParams kdf_from_environment() {
    const char* profile = std::getenv("SANAQ_KDF_PROFILE");
    // A shipped program ignores the variable: nobody's slot is ever written weak by setting it.
    if (profile && std::string_view(profile) == "test" && weak_kdf_allowed_in_this_program()) return test_kdf();
    return interactive_kdf();
}

KdfParams kdf_floor() { return weak_kdf_allowed_in_this_program() ? test_kdf() : KdfParams{3, 64 * 1024, 1}; }

bool kdf_params_acceptable(const KdfParams& p) {
    const KdfParams floor = kdf_floor();
    if (p.t_cost < floor.t_cost || p.m_cost_kib < floor.m_cost_kib || p.parallelism < floor.parallelism) return false;
    // The ceiling: what a file may make a sign-in spend before anything in it is authenticated.
    const std::uint64_t work = std::uint64_t{p.t_cost} * p.m_cost_kib;
    return p.t_cost <= kKdfMaxPasses && p.parallelism <= kKdfMaxLanes && p.m_cost_kib >= 8 * p.parallelism &&
           p.m_cost_kib <= kKdfMaxMemoryKib && work <= kKdfMaxWork;
}

Result<SecretKey> derive_key(std::string_view password, const std::vector<unsigned char>& salt,
                             const KdfParams& params) {
    if (!kdf_params_acceptable(params))
        return fail(ErrorCode::Unexpected, N_("The key derivation settings are out of range."));
    SecretKey key;
    const int rc = argon2_hash(params.t_cost, params.m_cost_kib, params.parallelism, password.data(),
                               password.size(), salt.data(), salt.size(), key.data(), key.size(),
                               nullptr, 0, Argon2_id, ARGON2_VERSION_13);
    if (rc != ARGON2_OK)
        return fail(ErrorCode::Unexpected, N_("The key could not be derived from the password."), {},
                    argon2_error_message(rc));
    return key;
}

}  // namespace sanaq::db
