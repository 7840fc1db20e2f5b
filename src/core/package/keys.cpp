#include "core/package/keys.h"

#include "crypto/crypto.h"

namespace sanaq::package {
namespace {

Result<KeyPair> generate_pair(crypto::KeyType type) {
    auto key = crypto::KeyHandle::generate(type);
    if (!key) return fail(ErrorCode::Unexpected, N_("Could not generate a key pair."));
    KeyPair pair{key.private_pem(), key.public_pem()};
    if (pair.private_pem.empty() || pair.public_pem.empty())
        return fail(ErrorCode::Unexpected, N_("Could not generate a key pair."));
    return pair;
}

Result<std::string> fingerprint(std::string_view public_pem, crypto::KeyType type, const char* what) {
    auto key = crypto::KeyHandle::from_public_pem(type, public_pem);
    if (!key)
        return fail(ErrorCode::InvalidInput, N_("The file is not a {} public key in PEM form."), {what});
    return crypto::sha256_hex(key.public_raw());
}

}  // namespace

Result<KeyPair> generate_signing_key() { return generate_pair(crypto::KeyType::Ed25519); }
Result<KeyPair> generate_encryption_key() { return generate_pair(crypto::KeyType::X25519); }

Result<std::string> signing_key_fingerprint(std::string_view public_pem) {
    return fingerprint(public_pem, crypto::KeyType::Ed25519, "Ed25519");
}
Result<std::string> encryption_key_fingerprint(std::string_view public_pem) {
    return fingerprint(public_pem, crypto::KeyType::X25519, "X25519");
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
        if (crypto::KeyHandle::from_public_pem(crypto::KeyType::X25519, block)) {
            if (!keys.encryption_public_pem.empty())
                return fail(ErrorCode::InvalidInput, N_("The department key file holds two encryption keys; it must hold one X25519 and one Ed25519 public key."));
            keys.encryption_public_pem = block;
        } else if (crypto::KeyHandle::from_public_pem(crypto::KeyType::Ed25519, block)) {
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
