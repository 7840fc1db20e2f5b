#include "db/crypto.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace sanaq::db {
namespace {

std::string openssl_error() {
    unsigned long code = ERR_get_error();
    if (code == 0) return "OpenSSL error";
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    ERR_clear_error();
    return buf;
}

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

}  // namespace

SecretKey::~SecretKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

SecretKey::SecretKey(SecretKey&& other) noexcept : bytes_(other.bytes_) {
    OPENSSL_cleanse(other.bytes_.data(), other.bytes_.size());
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        bytes_ = other.bytes_;
        OPENSSL_cleanse(other.bytes_.data(), other.bytes_.size());
    }
    return *this;
}

Result<SecretKey> SecretKey::random() {
    SecretKey key;
    if (RAND_bytes(key.bytes_.data(), static_cast<int>(key.bytes_.size())) != 1)
        return fail(ErrorCode::Unexpected, N_("The system could not provide random numbers for a key."), {},
                    openssl_error());
    return key;
}

std::string SecretKey::hex() const { return to_hex(bytes_.data(), bytes_.size()); }

SecretKey copy_key(const SecretKey& key) {
    SecretKey out;
    std::copy(key.data(), key.data() + SecretKey::kSize, out.data());
    return out;
}

void wipe(std::string& text) {
    if (!text.empty()) OPENSSL_cleanse(text.data(), text.size());
    text.clear();
}

Result<std::vector<unsigned char>> random_bytes(std::size_t count) {
    std::vector<unsigned char> out(count);
    if (count && RAND_bytes(out.data(), static_cast<int>(count)) != 1)
        return fail(ErrorCode::Unexpected, N_("The system could not provide random numbers for a key."), {},
                    openssl_error());
    return out;
}

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0x0f];
    }
    return out;
}

std::optional<std::vector<unsigned char>> from_hex(std::string_view hex) {
    if (hex.size() % 2) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::vector<unsigned char> out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<unsigned char>(hi << 4 | lo);
    }
    return out;
}

std::string to_base64(const std::vector<unsigned char>& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
    if (text.size() % 4) return std::nullopt;
    for (char c : text)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '='))
            return std::nullopt;
    std::vector<unsigned char> out(3 * text.size() / 4);
    int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                            static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock keeps the bytes the padding stands for; drop them.
    std::size_t pad = 0;
    if (!text.empty() && text.back() == '=') ++pad;
    if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

std::vector<unsigned char> sha256(std::string_view bytes) {
    std::vector<unsigned char> out(32);
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha256(), nullptr);
    out.resize(len);
    return out;
}

Result<GcmSealed> aes256gcm_seal(const SecretKey& key, const std::vector<unsigned char>& nonce,
                                 const unsigned char* plain, std::size_t plain_size, std::string_view aad) {
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    GcmSealed out;
    out.ciphertext.resize(plain_size);
    out.tag.resize(16);
    int len = 0;
    const bool ok =
        ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) == 1 &&
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) == 1 &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())) == 1 &&
        EVP_EncryptUpdate(ctx.get(), out.ciphertext.data(), &len, plain, static_cast<int>(plain_size)) == 1 &&
        EVP_EncryptFinal_ex(ctx.get(), out.ciphertext.data() + len, &len) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, out.tag.data()) == 1;
    if (!ok) return fail(ErrorCode::Unexpected, N_("A key could not be encrypted."), {}, openssl_error());
    return out;
}

bool aes256gcm_open(const SecretKey& key, const std::vector<unsigned char>& nonce, const GcmSealed& sealed,
                    std::string_view aad, unsigned char* out, std::size_t out_size) {
    if (sealed.ciphertext.size() != out_size || sealed.tag.size() != 16 || nonce.empty()) return false;
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    std::vector<unsigned char> plain(out_size);
    int len = 0;
    std::vector<unsigned char> tag = sealed.tag;
    const bool ok =
        ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) == 1 &&
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) == 1 &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())) == 1 &&
        EVP_DecryptUpdate(ctx.get(), plain.data(), &len, sealed.ciphertext.data(),
                          static_cast<int>(sealed.ciphertext.size())) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &len) == 1;
    ERR_clear_error();
    if (ok) std::copy(plain.begin(), plain.end(), out);
    OPENSSL_cleanse(plain.data(), plain.size());
    return ok;
}

}  // namespace sanaq::db
