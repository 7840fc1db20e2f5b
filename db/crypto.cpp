#include "db/crypto.h"

namespace sanaq::db {
namespace {

Error no_randomness() {
    return Error::make(ErrorCode::Unexpected, N_("The system could not provide random numbers for a key."), {},
                       "RAND_bytes failed");
}

}  // namespace

Result<SecretKey> random_key() {
    auto key = SecretKey::random();
    if (!key) return std::unexpected(no_randomness());
    return std::move(*key);
}

Result<std::vector<unsigned char>> random_bytes(std::size_t count) {
    auto bytes = crypto::random_bytes(count);
    if (!bytes) return std::unexpected(no_randomness());
    return std::move(*bytes);
}

Result<GcmSealed> aes256gcm_seal(const SecretKey& key, const std::vector<unsigned char>& nonce,
                                 const unsigned char* plain, std::size_t plain_size, std::string_view aad) {
    auto sealed = crypto::aes256gcm_seal(key, nonce, crypto::ByteView(plain, plain_size), aad);
    if (!sealed) return fail(ErrorCode::Unexpected, N_("A key could not be encrypted."), {}, "AES-256-GCM failed");
    return std::move(*sealed);
}

}  // namespace sanaq::db
