#include "db/kdf.h"

#include <argon2.h>

#include <cstdlib>
#include <string>

namespace sanaq::db {

KdfParams interactive_kdf() { return {8, 128 * 1024, 2}; }
KdfParams test_kdf() { return {1, 64, 1}; }

KdfParams kdf_from_environment() {
    const char* profile = std::getenv("SANAQ_KDF_PROFILE");
    if (profile && std::string_view(profile) == "test") return test_kdf();
    return interactive_kdf();
}

bool kdf_params_acceptable(const KdfParams& p) {
    return p.t_cost >= 1 && p.t_cost <= 1000 && p.parallelism >= 1 && p.parallelism <= 64 &&
           p.m_cost_kib >= 8 * p.parallelism && p.m_cost_kib <= 4u * 1024 * 1024;
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
