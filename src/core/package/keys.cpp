#include "core/package/keys.h"

#include "core/package/openssl_util.h"

namespace sanaq::package {
namespace {

Result<KeyPair> generate_pair(int type) {
    auto key = detail::generate(type);
    if (!key) return fail(ErrorCode::Unexpected, N_("Could not generate a key pair."));
    KeyPair pair{detail::private_pem(key.get()), detail::public_pem(key.get())};
    if (pair.private_pem.empty() || pair.public_pem.empty())
        return fail(ErrorCode::Unexpected, N_("Could not generate a key pair."));
    return pair;
}

Result<std::string> fingerprint(std::string_view public_pem, int type, const char* what) {
    auto key = detail::load_public_pem(public_pem, type);
    if (!key)
        return fail(ErrorCode::InvalidInput, N_("The file is not a {} public key in PEM form."), {what});
    return detail::to_hex(detail::sha256_raw(detail::raw_public(key.get())));
}

}  // namespace

Result<KeyPair> generate_signing_key() { return generate_pair(EVP_PKEY_ED25519); }
Result<KeyPair> generate_encryption_key() { return generate_pair(EVP_PKEY_X25519); }

Result<std::string> signing_key_fingerprint(std::string_view public_pem) {
    return fingerprint(public_pem, EVP_PKEY_ED25519, "Ed25519");
}
Result<std::string> encryption_key_fingerprint(std::string_view public_pem) {
    return fingerprint(public_pem, EVP_PKEY_X25519, "X25519");
}

std::string department_public_file(const DepartmentPublicKeys& keys) {
    auto block = [](std::string pem) {
        if (!pem.empty() && pem.back() != '\n') pem += '\n';
        return pem;
    };
    return block(keys.encryption_public_pem) + block(keys.signing_public_pem);
}

Result<DepartmentPublicKeys> parse_department_public_file(std::string_view text) {
    static constexpr std::string_view kBegin = "-----BEGIN PUBLIC KEY-----";
    static constexpr std::string_view kEnd = "-----END PUBLIC KEY-----";
    DepartmentPublicKeys keys;
    std::size_t pos = 0;
    while ((pos = text.find(kBegin, pos)) != std::string_view::npos) {
        std::size_t end = text.find(kEnd, pos);
        if (end == std::string_view::npos) break;
        end += kEnd.size();
        std::string block(text.substr(pos, end - pos));
        block += '\n';
        pos = end;
        if (detail::load_public_pem(block, EVP_PKEY_X25519)) {
            if (!keys.encryption_public_pem.empty())
                return fail(ErrorCode::InvalidInput, N_("The department key file holds two encryption keys; it must hold one X25519 and one Ed25519 public key."));
            keys.encryption_public_pem = block;
        } else if (detail::load_public_pem(block, EVP_PKEY_ED25519)) {
            if (!keys.signing_public_pem.empty())
                return fail(ErrorCode::InvalidInput, N_("The department key file holds two signing keys; it must hold one X25519 and one Ed25519 public key."));
            keys.signing_public_pem = block;
        }
    }
    if (keys.encryption_public_pem.empty() || keys.signing_public_pem.empty())
        return fail(ErrorCode::InvalidInput,
                    N_("This is not a department public key file: it must hold one X25519 and one Ed25519 public key in PEM form. Export it again with \"keys department-public\"."));
    return keys;
}

}  // namespace sanaq::package
