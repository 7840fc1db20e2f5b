#pragma once
// Internal to the package codec: thin RAII and helpers over OpenSSL 3 EVP. Not a public header.
#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sanaq::package::detail {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

/// `type`: EVP_PKEY_ED25519 or EVP_PKEY_X25519. Null when the text is not such a key.
Pkey load_private_pem(std::string_view pem, int type);
Pkey load_public_pem(std::string_view pem, int type);
Pkey public_from_raw(std::string_view raw32, int type);
Pkey private_from_raw(std::string_view raw32, int type);
std::string raw_public(EVP_PKEY* key);          // 32 bytes
std::string public_pem(EVP_PKEY* key);
std::string private_pem(EVP_PKEY* key);
Pkey generate(int type);

std::string to_hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view hex);   // lower- or upper-case
std::string sha256_raw(std::string_view bytes);

std::optional<std::string> ed25519_sign(EVP_PKEY* key, std::string_view message);   // 64 bytes
bool ed25519_verify(EVP_PKEY* key, std::string_view message, std::string_view signature);
std::optional<std::string> x25519_derive(EVP_PKEY* own_private, EVP_PKEY* peer_public);
std::optional<std::string> hkdf_sha256(std::string_view ikm, std::string_view salt, std::string_view info,
                                       std::size_t length);

/// Incremental SHA-256.
class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    std::string final_hex();

private:
    MdCtx ctx_;
};

}  // namespace sanaq::package::detail
