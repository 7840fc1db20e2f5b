#pragma once
// Small cryptographic building blocks of the store (OpenSSL underneath, not exposed): secret
// buffers that wipe themselves, randomness, hex/base64, AES-256-GCM. Nothing here knows SQL.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq::db {

/// A 256-bit key that is wiped (OPENSSL_cleanse) when it goes out of scope or is moved from.
class SecretKey {
public:
    static constexpr std::size_t kSize = 32;
    SecretKey() = default;
    ~SecretKey();
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;

    /// 32 bytes from the OpenSSL CSPRNG (RAND_bytes).
    static Result<SecretKey> random();

    unsigned char* data() { return bytes_.data(); }
    const unsigned char* data() const { return bytes_.data(); }
    static constexpr std::size_t size() { return kSize; }
    /// Lowercase hex of the 32 bytes, as SQLCipher's raw-key form wants it. The caller wipes the
    /// returned string with wipe() once done.
    std::string hex() const;

private:
    std::array<unsigned char, kSize> bytes_{};
};

/// A second copy of a key (both are wiped when they go).
SecretKey copy_key(const SecretKey& key);

/// Overwrites a string's bytes (passwords, key hex, SQL carrying a key) before it is released.
void wipe(std::string& text);

Result<std::vector<unsigned char>> random_bytes(std::size_t count);

std::string to_hex(const unsigned char* data, std::size_t size);
inline std::string to_hex(const std::vector<unsigned char>& v) { return to_hex(v.data(), v.size()); }
std::optional<std::vector<unsigned char>> from_hex(std::string_view hex);

/// Standard base64 (RFC 4648 §4, with '=' padding, no line breaks).
std::string to_base64(const std::vector<unsigned char>& bytes);
std::optional<std::vector<unsigned char>> from_base64(std::string_view text);

/// SHA-256 as raw bytes.
std::vector<unsigned char> sha256(std::string_view bytes);

struct GcmSealed {
    std::vector<unsigned char> ciphertext;
    std::vector<unsigned char> tag;  // 16 bytes
};
/// AES-256-GCM with a 12-byte nonce and a 16-byte tag.
Result<GcmSealed> aes256gcm_seal(const SecretKey& key, const std::vector<unsigned char>& nonce,
                                 const unsigned char* plain, std::size_t plain_size, std::string_view aad);
/// False (and `out` untouched) when the tag does not verify — wrong key or altered input.
bool aes256gcm_open(const SecretKey& key, const std::vector<unsigned char>& nonce, const GcmSealed& sealed,
                    std::string_view aad, unsigned char* out, std::size_t out_size);

}  // namespace sanaq::db
