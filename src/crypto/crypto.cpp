#include "crypto/crypto.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <utility>

namespace sanaq::crypto {
namespace {

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

int evp_type(KeyType type) { return type == KeyType::Ed25519 ? EVP_PKEY_ED25519 : EVP_PKEY_X25519; }

// OpenSSL takes int lengths; anything larger is refused rather than truncated.
bool fits_int(std::size_t size) { return size <= static_cast<std::size_t>(INT_MAX); }

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(len));
}

int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

template <class Out>
std::optional<Out> decode_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    Out out(hex.size() / 2, 0);
    for (std::size_t i = 0; i < out.size(); ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<typename Out::value_type>(hi << 4 | lo);
    }
    return out;
}

bool base64_alphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
           c == '=';
}

template <class Out>
std::optional<Out> decode_base64(std::string_view text) {
    // EVP_DecodeBlock skips surrounding whitespace; the stored and received forms have none.
    if (text.size() % 4 != 0 || !fits_int(text.size())) return std::nullopt;
    if (!std::all_of(text.begin(), text.end(), base64_alphabet)) return std::nullopt;
    Out out(3 * text.size() / 4 + 1, 0);
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes; drop them.
    std::size_t size = static_cast<std::size_t>(n);
    if (!text.empty() && text.back() == '=') --size;
    if (text.size() > 1 && text[text.size() - 2] == '=') --size;
    out.resize(size);
    return out;
}

}  // namespace

// ---- Secret buffers ------------------------------------------------------------------------

void cleanse(void* data, std::size_t size) noexcept {
    if (data && size) OPENSSL_cleanse(data, size);
}

void wipe(std::string& text) noexcept {
    if (text.capacity() > 0) OPENSSL_cleanse(text.data(), text.capacity());
    text.clear();
}

void wipe(std::vector<unsigned char>& bytes) noexcept {
    if (bytes.capacity() > 0) OPENSSL_cleanse(bytes.data(), bytes.capacity());
    bytes.clear();
}

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

std::optional<SecretKey> SecretKey::random() {
    SecretKey key;
    if (!fill_random(key.bytes_.data(), key.bytes_.size())) return std::nullopt;
    return key;
}

std::string SecretKey::hex() const { return to_hex(*this); }

SecretKey copy_key(const SecretKey& key) {
    SecretKey out;
    std::copy(key.data(), key.data() + SecretKey::kSize, out.data());
    return out;
}

// ---- Randomness ----------------------------------------------------------------------------

bool fill_random(void* out, std::size_t size) {
    if (size == 0) return true;
    if (!fits_int(size)) return false;
    return RAND_bytes(static_cast<unsigned char*>(out), static_cast<int>(size)) == 1;
}

std::optional<std::vector<unsigned char>> random_bytes(std::size_t count) {
    std::vector<unsigned char> out(count);
    if (!fill_random(out.data(), count)) return std::nullopt;
    return out;
}

std::optional<std::string> random_string(std::size_t count) {
    std::string out(count, '\0');
    if (!fill_random(out.data(), count)) return std::nullopt;
    return out;
}

// ---- Hex and base64 ------------------------------------------------------------------------

std::string to_hex(ByteView bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        out += digits[bytes.data()[i] >> 4];
        out += digits[bytes.data()[i] & 0x0f];
    }
    return out;
}

std::optional<std::string> from_hex(std::string_view hex) { return decode_hex<std::string>(hex); }
std::optional<std::vector<unsigned char>> from_hex_bytes(std::string_view hex) {
    return decode_hex<std::vector<unsigned char>>(hex);
}

std::string to_base64(ByteView bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> from_base64(std::string_view text) { return decode_base64<std::string>(text); }
std::optional<std::vector<unsigned char>> from_base64_bytes(std::string_view text) {
    return decode_base64<std::vector<unsigned char>>(text);
}

// ---- SHA-256 and HMAC-SHA-256 --------------------------------------------------------------

Digest sha256(ByteView bytes) {
    Digest out{};
    unsigned int len = 0;
    // SHA-256 of memory cannot fail short of a broken OpenSSL build; the digest stays zero then.
    EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha256(), nullptr);
    return out;
}

std::string sha256_raw(ByteView bytes) {
    const Digest d = sha256(bytes);
    return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

std::string sha256_hex(ByteView bytes) { return to_hex(sha256(bytes)); }

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (ctx_) EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::update(ByteView bytes) {
    if (ctx_ && !bytes.empty()) EVP_DigestUpdate(ctx_, bytes.data(), bytes.size());
}

Digest Sha256::final() {
    Digest out{};
    unsigned int len = 0;
    if (ctx_) EVP_DigestFinal_ex(ctx_, out.data(), &len);
    return out;
}

std::string Sha256::final_hex() { return to_hex(final()); }

Digest hmac_sha256(ByteView key, ByteView message) {
    Digest out{};
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), message.data(), message.size(), out.data(), &len);
    return out;
}

bool equal_in_constant_time(ByteView a, ByteView b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// ---- HKDF-SHA-256 --------------------------------------------------------------------------

bool hkdf_sha256(ByteView ikm, ByteView salt, ByteView info, unsigned char* out, std::size_t out_size) {
    if (!fits_int(ikm.size()) || !fits_int(salt.size()) || !fits_int(info.size())) return false;
    PkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
    std::size_t len = out_size;
    return ctx && EVP_PKEY_derive_init(ctx.get()) == 1 && EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) == 1 &&
           EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), salt.data(), static_cast<int>(salt.size())) == 1 &&
           EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), ikm.data(), static_cast<int>(ikm.size())) == 1 &&
           EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), info.data(), static_cast<int>(info.size())) == 1 &&
           EVP_PKEY_derive(ctx.get(), out, &len) == 1 && len == out_size;
}

std::optional<std::string> hkdf_sha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length) {
    std::string out(length, '\0');
    if (!hkdf_sha256(ikm, salt, info, reinterpret_cast<unsigned char*>(out.data()), length)) return std::nullopt;
    return out;
}

std::optional<SecretKey> hkdf_sha256_key(ByteView ikm, ByteView salt, ByteView info) {
    SecretKey out;
    if (!hkdf_sha256(ikm, salt, info, out.data(), out.size())) return std::nullopt;
    return out;
}

// ---- AES-256-GCM ---------------------------------------------------------------------------

bool aes256gcm_seal(ByteView key, ByteView nonce, ByteView plain, ByteView aad, unsigned char* cipher_out,
                    unsigned char* tag_out) {
    if (key.size() != 32 || nonce.empty() || !fits_int(plain.size()) || !fits_int(aad.size())) return false;
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0, fin = 0;
    const bool ok =
        ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) == 1 &&
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) == 1 &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1 &&
        EVP_EncryptUpdate(ctx.get(), cipher_out, &len, plain.data(), static_cast<int>(plain.size())) == 1 &&
        EVP_EncryptFinal_ex(ctx.get(), cipher_out + len, &fin) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kGcmTagSize), tag_out) == 1;
    ERR_clear_error();
    return ok;
}

bool aes256gcm_open(ByteView key, ByteView nonce, ByteView ciphertext, ByteView tag, ByteView aad,
                    unsigned char* plain_out) {
    if (key.size() != 32 || nonce.empty() || tag.size() != kGcmTagSize || !fits_int(ciphertext.size()) ||
        !fits_int(aad.size()))
        return false;
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    // Decrypted into a scratch buffer first, so the caller's buffer never holds unauthenticated text.
    std::vector<unsigned char> plain(ciphertext.size());
    std::array<unsigned char, kGcmTagSize> expected{};
    std::copy(tag.data(), tag.data() + tag.size(), expected.begin());
    int len = 0, fin = 0;
    const bool ok =
        ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) == 1 &&
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) == 1 &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1 &&
        EVP_DecryptUpdate(ctx.get(), plain.data(), &len, ciphertext.data(), static_cast<int>(ciphertext.size())) ==
            1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kGcmTagSize), expected.data()) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &fin) == 1;
    ERR_clear_error();
    if (ok) std::copy(plain.begin(), plain.end(), plain_out);
    wipe(plain);
    return ok;
}

std::optional<GcmSealed> aes256gcm_seal(ByteView key, ByteView nonce, ByteView plain, ByteView aad) {
    GcmSealed out;
    out.ciphertext.resize(plain.size());
    out.tag.resize(kGcmTagSize);
    if (!aes256gcm_seal(key, nonce, plain, aad, out.ciphertext.data(), out.tag.data())) return std::nullopt;
    return out;
}

bool aes256gcm_open(ByteView key, ByteView nonce, const GcmSealed& sealed, ByteView aad, unsigned char* out,
                    std::size_t out_size) {
    if (sealed.ciphertext.size() != out_size) return false;
    return aes256gcm_open(key, nonce, sealed.ciphertext, sealed.tag, aad, out);
}

// ---- Ed25519 and X25519 keys ---------------------------------------------------------------

KeyHandle::~KeyHandle() { EVP_PKEY_free(key_); }

KeyHandle::KeyHandle(KeyHandle&& other) noexcept : key_(std::exchange(other.key_, nullptr)) {}

KeyHandle& KeyHandle::operator=(KeyHandle&& other) noexcept {
    if (this != &other) {
        EVP_PKEY_free(key_);
        key_ = std::exchange(other.key_, nullptr);
    }
    return *this;
}

KeyHandle KeyHandle::generate(KeyType type) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_id(evp_type(type), nullptr));
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &key) != 1) return {};
    return KeyHandle(key);
}

KeyHandle KeyHandle::from_private_raw(KeyType type, ByteView raw32) {
    if (raw32.size() != 32) return {};
    return KeyHandle(EVP_PKEY_new_raw_private_key(evp_type(type), nullptr, raw32.data(), raw32.size()));
}

KeyHandle KeyHandle::from_public_raw(KeyType type, ByteView raw32) {
    if (raw32.size() != 32) return {};
    return KeyHandle(EVP_PKEY_new_raw_public_key(evp_type(type), nullptr, raw32.data(), raw32.size()));
}

KeyHandle KeyHandle::from_private_pem(KeyType type, std::string_view pem) {
    if (!fits_int(pem.size())) return {};
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return {};
    KeyHandle key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!key || EVP_PKEY_get_id(key.key_) != evp_type(type)) return {};
    return key;
}

KeyHandle KeyHandle::from_public_pem(KeyType type, std::string_view pem) {
    if (!fits_int(pem.size())) return {};
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return {};
    KeyHandle key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!key || EVP_PKEY_get_id(key.key_) != evp_type(type)) return {};
    return key;
}

std::string KeyHandle::public_raw() const {
    unsigned char buf[64];
    std::size_t len = sizeof buf;
    if (!key_ || EVP_PKEY_get_raw_public_key(key_, buf, &len) != 1) return {};
    return std::string(reinterpret_cast<char*>(buf), len);
}

bool KeyHandle::private_raw(SecretKey& out) const {
    std::size_t len = out.size();
    const bool ok = key_ && EVP_PKEY_get_raw_private_key(key_, out.data(), &len) == 1 && len == out.size();
    ERR_clear_error();
    return ok;
}

std::string KeyHandle::public_pem() const {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!key_ || !bio || PEM_write_bio_PUBKEY(bio.get(), key_) != 1) return {};
    return bio_text(bio.get());
}

std::string KeyHandle::private_pem() const {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!key_ || !bio || PEM_write_bio_PrivateKey(bio.get(), key_, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    std::string pem = bio_text(bio.get());
    // The memory BIO held the private key too.
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    if (data && len > 0) OPENSSL_cleanse(data, static_cast<std::size_t>(len));
    return pem;
}

std::optional<std::string> ed25519_sign(const KeyHandle& private_key, ByteView message) {
    if (!private_key || EVP_PKEY_get_id(private_key.key_) != EVP_PKEY_ED25519) return std::nullopt;
    MdCtx ctx(EVP_MD_CTX_new());
    unsigned char sig[64];
    std::size_t len = sizeof sig;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, private_key.key_) != 1 ||
        EVP_DigestSign(ctx.get(), sig, &len, message.data(), message.size()) != 1 || len != sizeof sig) {
        ERR_clear_error();
        return std::nullopt;
    }
    return std::string(reinterpret_cast<char*>(sig), len);
}

bool ed25519_verify(const KeyHandle& public_key, ByteView message, ByteView signature) {
    if (!public_key || signature.size() != 64 || EVP_PKEY_get_id(public_key.key_) != EVP_PKEY_ED25519) return false;
    MdCtx ctx(EVP_MD_CTX_new());
    const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, public_key.key_) == 1 &&
                    EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(), message.size()) == 1;
    ERR_clear_error();
    return ok;
}

std::optional<SecretBytes> x25519_derive(const KeyHandle& own_private, const KeyHandle& peer_public) {
    if (!own_private || !peer_public) return std::nullopt;
    PkeyCtx ctx(EVP_PKEY_CTX_new(own_private.key_, nullptr));
    SecretBytes secret(32);
    std::size_t len = secret.size();
    // OpenSSL refuses a small-order peer (all-zero shared secret) in EVP_PKEY_derive.
    const bool ok = ctx && EVP_PKEY_derive_init(ctx.get()) == 1 &&
                    EVP_PKEY_derive_set_peer(ctx.get(), peer_public.key_) == 1 &&
                    EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &len) == 1 &&
                    len == 32;
    ERR_clear_error();
    if (!ok) return std::nullopt;
    return secret;
}

}  // namespace sanaq::crypto
