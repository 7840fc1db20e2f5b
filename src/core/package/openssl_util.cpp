#include "core/package/openssl_util.h"

#include <openssl/bio.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>

#include <stdexcept>

namespace sanaq::package::detail {
namespace {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

Pkey load_private_pem(std::string_view pem, int type) {
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return nullptr;
    Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_get_id(key.get()) != type) return nullptr;
    return key;
}

Pkey load_public_pem(std::string_view pem, int type) {
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return nullptr;
    Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_get_id(key.get()) != type) return nullptr;
    return key;
}

Pkey public_from_raw(std::string_view raw32, int type) {
    if (raw32.size() != 32) return nullptr;
    return Pkey(EVP_PKEY_new_raw_public_key(type, nullptr, reinterpret_cast<const unsigned char*>(raw32.data()),
                                            raw32.size()));
}

Pkey private_from_raw(std::string_view raw32, int type) {
    if (raw32.size() != 32) return nullptr;
    return Pkey(EVP_PKEY_new_raw_private_key(type, nullptr, reinterpret_cast<const unsigned char*>(raw32.data()),
                                             raw32.size()));
}

std::string raw_public(EVP_PKEY* key) {
    unsigned char buf[64];
    std::size_t len = sizeof buf;
    if (EVP_PKEY_get_raw_public_key(key, buf, &len) != 1) return {};
    return std::string(reinterpret_cast<char*>(buf), len);
}

std::string public_pem(EVP_PKEY* key) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) return {};
    return bio_text(bio.get());
}

std::string private_pem(EVP_PKEY* key) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) return {};
    return bio_text(bio.get());
}

Pkey generate(int type) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(type, nullptr);
    if (!ctx) return nullptr;
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_keygen(ctx, &key) != 1) key = nullptr;
    EVP_PKEY_CTX_free(ctx);
    return Pkey(key);
}

std::string to_hex(std::string_view bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out(hex.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<char>(hi * 16 + lo);
    }
    return out;
}

std::string sha256_raw(std::string_view bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("EVP_Digest(SHA-256) failed");
    return std::string(reinterpret_cast<char*>(md), len);
}

std::optional<std::string> ed25519_sign(EVP_PKEY* key, std::string_view message) {
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1) return std::nullopt;
    unsigned char sig[64];
    std::size_t len = sizeof sig;
    if (EVP_DigestSign(ctx.get(), sig, &len, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1)
        return std::nullopt;
    return std::string(reinterpret_cast<char*>(sig), len);
}

bool ed25519_verify(EVP_PKEY* key, std::string_view message, std::string_view signature) {
    if (signature.size() != 64) return false;
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1) return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

std::optional<std::string> x25519_derive(EVP_PKEY* own_private, EVP_PKEY* peer_public) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(own_private, nullptr);
    if (!ctx) return std::nullopt;
    std::optional<std::string> out;
    unsigned char secret[32];
    std::size_t len = sizeof secret;
    if (EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, peer_public) == 1 &&
        EVP_PKEY_derive(ctx, secret, &len) == 1 && len == 32)
        out = std::string(reinterpret_cast<char*>(secret), len);
    EVP_PKEY_CTX_free(ctx);
    return out;
}

std::optional<std::string> hkdf_sha256(std::string_view ikm, std::string_view salt, std::string_view info,
                                       std::size_t length) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr);
    if (!ctx) return std::nullopt;
    std::string out(length, '\0');
    std::size_t len = length;
    bool ok = EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) == 1 &&
              EVP_PKEY_CTX_set1_hkdf_salt(ctx, reinterpret_cast<const unsigned char*>(salt.data()),
                                          static_cast<int>(salt.size())) == 1 &&
              EVP_PKEY_CTX_set1_hkdf_key(ctx, reinterpret_cast<const unsigned char*>(ikm.data()),
                                         static_cast<int>(ikm.size())) == 1 &&
              EVP_PKEY_CTX_add1_hkdf_info(ctx, reinterpret_cast<const unsigned char*>(info.data()),
                                          static_cast<int>(info.size())) == 1 &&
              EVP_PKEY_derive(ctx, reinterpret_cast<unsigned char*>(out.data()), &len) == 1 && len == length;
    EVP_PKEY_CTX_free(ctx);
    if (!ok) return std::nullopt;
    return out;
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 init failed");
}

void Sha256::update(std::string_view bytes) {
    if (!bytes.empty()) EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size());
}

std::string Sha256::final_hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_.get(), md, &len);
    return to_hex(std::string_view(reinterpret_cast<char*>(md), len));
}

}  // namespace sanaq::package::detail
