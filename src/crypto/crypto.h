#pragma once
// The product's cryptographic building blocks, one place for all of them (README.md): secret
// buffers that wipe themselves, randomness, hex and base64, SHA-256, HMAC-SHA-256, HKDF-SHA-256,
// AES-256-GCM, Ed25519 and X25519. OpenSSL 3 underneath and not exposed; no other library of the
// product is known here, so failures are plain values (nullopt / false) that the caller turns into
// its own errors.
#include <array>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// OpenSSL's own types, named but not included: callers never see OpenSSL.
struct evp_md_ctx_st;
struct evp_pkey_st;

namespace sanaq::crypto {

/// Bytes to read, from whichever container holds them (std::string, std::string_view,
/// std::vector<unsigned char>, std::array, SecretKey, a pointer and a size). Never owns them.
class ByteView {
public:
    ByteView() = default;
    ByteView(const void* data, std::size_t size) : data_(static_cast<const unsigned char*>(data)), size_(size) {}
    ByteView(const char* text) : data_(reinterpret_cast<const unsigned char*>(text)), size_(std::strlen(text)) {}
    template <class C>
        requires requires(const C& c) {
            { c.data() };
            { c.size() } -> std::convertible_to<std::size_t>;
        } && (sizeof(*std::declval<const C&>().data()) == 1)
    ByteView(const C& bytes)
        : data_(reinterpret_cast<const unsigned char*>(bytes.data())), size_(bytes.size()) {}

    const unsigned char* data() const { return data_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::string_view text() const { return {reinterpret_cast<const char*>(data_), size_}; }

private:
    const unsigned char* data_ = nullptr;
    std::size_t size_ = 0;
};

// ---- Secret buffers ------------------------------------------------------------------------

/// Overwrites memory in a way the compiler may not drop (OPENSSL_cleanse).
void cleanse(void* data, std::size_t size) noexcept;
/// Overwrites a string's whole buffer (a string that shrank still holds old bytes past its size)
/// and empties it: passwords, key hex, SQL carrying a key.
void wipe(std::string& text) noexcept;
void wipe(std::vector<unsigned char>& bytes) noexcept;

/// A 256-bit key that is wiped when it goes out of scope or is moved from.
class SecretKey {
public:
    static constexpr std::size_t kSize = 32;
    SecretKey() = default;
    ~SecretKey();
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;

    /// 32 bytes from the OpenSSL CSPRNG; nullopt when the system has none to give.
    static std::optional<SecretKey> random();

    unsigned char* data() { return bytes_.data(); }
    const unsigned char* data() const { return bytes_.data(); }
    static constexpr std::size_t size() { return kSize; }
    /// Lowercase hex of the 32 bytes; the caller wipes the returned string once done.
    std::string hex() const;

private:
    std::array<unsigned char, kSize> bytes_{};
};

/// A second copy of a key (both are wiped when they go).
SecretKey copy_key(const SecretKey& key);

/// A byte string of any length that is wiped when it goes: derived secrets, shared secrets.
class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size) : bytes_(size, '\0') {}
    explicit SecretBytes(ByteView bytes) : bytes_(bytes.text()) {}
    ~SecretBytes() { wipe(bytes_); }
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { wipe(other.bytes_); }
    SecretBytes& operator=(SecretBytes&& other) noexcept {
        if (this != &other) {
            wipe(bytes_);
            bytes_ = std::move(other.bytes_);
            wipe(other.bytes_);
        }
        return *this;
    }

    char* data() { return bytes_.data(); }
    const char* data() const { return bytes_.data(); }
    std::size_t size() const { return bytes_.size(); }
    std::string_view view() const { return bytes_; }

private:
    std::string bytes_;
};

// ---- Randomness ----------------------------------------------------------------------------

/// Fills `out` from the OpenSSL CSPRNG; false when the system has no randomness to give.
[[nodiscard]] bool fill_random(void* out, std::size_t size);
std::optional<std::vector<unsigned char>> random_bytes(std::size_t count);
std::optional<std::string> random_string(std::size_t count);

// ---- Hex and base64 ------------------------------------------------------------------------

/// Lowercase hex.
std::string to_hex(ByteView bytes);
/// Lower- or upper-case hex; nullopt for an odd length or any other character.
std::optional<std::string> from_hex(std::string_view hex);
std::optional<std::vector<unsigned char>> from_hex_bytes(std::string_view hex);

/// Standard base64 (RFC 4648 §4, with '=' padding, no line breaks).
std::string to_base64(ByteView bytes);
/// Nullopt for a length that is not a multiple of 4 or a character outside the alphabet
/// (whitespace included).
std::optional<std::string> from_base64(std::string_view text);
std::optional<std::vector<unsigned char>> from_base64_bytes(std::string_view text);

// ---- SHA-256 and HMAC-SHA-256 --------------------------------------------------------------

using Digest = std::array<unsigned char, 32>;

Digest sha256(ByteView bytes);
/// The 32 digest bytes as a string (the package codec's byte strings).
std::string sha256_raw(ByteView bytes);
/// Lowercase hex.
std::string sha256_hex(ByteView bytes);

/// SHA-256 of bytes that arrive in pieces (files, streams).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(ByteView bytes);
    Digest final();
    std::string final_hex();

private:
    ::evp_md_ctx_st* ctx_;
};

/// HMAC-SHA-256 (RFC 2104).
Digest hmac_sha256(ByteView key, ByteView message);
/// Whether two MACs are equal, in a time that does not depend on where they differ. False for
/// different sizes.
bool equal_in_constant_time(ByteView a, ByteView b);

// ---- HKDF-SHA-256 (RFC 5869) ---------------------------------------------------------------

/// `out_size` bytes into `out`; false when OpenSSL refuses (e.g. more than 255 × 32 bytes).
[[nodiscard]] bool hkdf_sha256(ByteView ikm, ByteView salt, ByteView info, unsigned char* out,
                               std::size_t out_size);
std::optional<std::string> hkdf_sha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length);
std::optional<SecretKey> hkdf_sha256_key(ByteView ikm, ByteView salt, ByteView info);

// ---- AES-256-GCM ---------------------------------------------------------------------------

inline constexpr std::size_t kGcmTagSize = 16;

/// Encrypts `plain` into `cipher_out` (same size) and writes the tag into `tag_out` (16 bytes).
/// `key` is 32 bytes; false for any other size or an OpenSSL failure.
[[nodiscard]] bool aes256gcm_seal(ByteView key, ByteView nonce, ByteView plain, ByteView aad,
                                  unsigned char* cipher_out, unsigned char* tag_out);
/// Decrypts into `plain_out` (ciphertext's size) only when the tag verifies; false (and
/// `plain_out` untouched) for a wrong key, nonce, aad, or any altered byte.
[[nodiscard]] bool aes256gcm_open(ByteView key, ByteView nonce, ByteView ciphertext, ByteView tag,
                                  ByteView aad, unsigned char* plain_out);

struct GcmSealed {
    std::vector<unsigned char> ciphertext;
    std::vector<unsigned char> tag;  // 16 bytes
};
std::optional<GcmSealed> aes256gcm_seal(ByteView key, ByteView nonce, ByteView plain, ByteView aad);
/// `out_size` must be the ciphertext's size.
[[nodiscard]] bool aes256gcm_open(ByteView key, ByteView nonce, const GcmSealed& sealed, ByteView aad,
                                  unsigned char* out, std::size_t out_size);

// ---- Ed25519 and X25519 keys ---------------------------------------------------------------

enum class KeyType { Ed25519, X25519 };

/// An Ed25519 or X25519 key, private or public only, freed when it goes. Empty (false) when
/// the loading or generation failed.
class KeyHandle {
public:
    KeyHandle() = default;
    ~KeyHandle();
    KeyHandle(KeyHandle&& other) noexcept;
    KeyHandle& operator=(KeyHandle&& other) noexcept;
    KeyHandle(const KeyHandle&) = delete;
    KeyHandle& operator=(const KeyHandle&) = delete;

    static KeyHandle generate(KeyType type);
    /// 32 raw bytes (Ed25519 seed / X25519 scalar, RFC 8032 / RFC 7748); empty for another size.
    static KeyHandle from_private_raw(KeyType type, ByteView raw32);
    static KeyHandle from_public_raw(KeyType type, ByteView raw32);
    /// Empty when the text is not a PEM key of `type`.
    static KeyHandle from_private_pem(KeyType type, std::string_view pem);
    static KeyHandle from_public_pem(KeyType type, std::string_view pem);

    explicit operator bool() const { return key_ != nullptr; }
    /// 32 bytes; empty when the handle is.
    std::string public_raw() const;
    /// The 32 private bytes into `out`; false for a public-only or empty handle.
    [[nodiscard]] bool private_raw(SecretKey& out) const;
    std::string public_pem() const;
    /// PKCS#8, unencrypted: the caller wipes it.
    std::string private_pem() const;

private:
    explicit KeyHandle(::evp_pkey_st* key) : key_(key) {}
    friend std::optional<std::string> ed25519_sign(const KeyHandle&, ByteView);
    friend bool ed25519_verify(const KeyHandle&, ByteView, ByteView);
    friend std::optional<SecretBytes> x25519_derive(const KeyHandle&, const KeyHandle&);
    ::evp_pkey_st* key_ = nullptr;
};

/// 64 bytes; nullopt for a key that is not an Ed25519 private key.
std::optional<std::string> ed25519_sign(const KeyHandle& private_key, ByteView message);
/// False for a bad signature, a signature not 64 bytes long, or a key that is not Ed25519.
bool ed25519_verify(const KeyHandle& public_key, ByteView message, ByteView signature);
/// The 32-byte shared secret; nullopt when the keys are not X25519 or the peer is of small
/// order (all-zero secret, refused by OpenSSL).
std::optional<SecretBytes> x25519_derive(const KeyHandle& own_private, const KeyHandle& peer_public);

}  // namespace sanaq::crypto
