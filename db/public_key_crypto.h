#pragma once
// Public-key building blocks of the key hierarchy (design/key-hierarchy.md): Ed25519 signatures,
// X25519 sealing of a 256-bit key to a member's public key, HKDF-SHA256 and key ids. Raw 32-byte
// keys in and out (OpenSSL 3 EVP underneath, not exposed); private halves live in SecretKey so
// they are wiped. Nothing here knows SQL or JSON.
#include <array>
#include <string>
#include <string_view>

#include "core/error.h"
#include "db/crypto.h"

namespace sanaq::db {

using PublicKey = std::array<unsigned char, 32>;
using Signature = std::array<unsigned char, 64>;

/// Ed25519 from a 32-byte private seed (RFC 8032).
struct SigningKeyPair {
    SecretKey seed;
    PublicKey public_key{};
};
/// X25519 (RFC 7748).
struct AgreementKeyPair {
    SecretKey private_key;
    PublicKey public_key{};
};

Result<SigningKeyPair> generate_signing_pair();
Result<AgreementKeyPair> generate_agreement_pair();
/// The public half of a seed / private key already held (e.g. unwrapped from a key slot).
Result<PublicKey> signing_public_key(const SecretKey& seed);
Result<PublicKey> agreement_public_key(const SecretKey& private_key);

Result<Signature> ed25519_sign(const SecretKey& seed, std::string_view message);
/// False for a bad signature, a public key that is not a curve point, or any other failure.
bool ed25519_verify(const PublicKey& public_key, std::string_view message, const Signature& signature);

/// HKDF-SHA256 (RFC 5869) to one 256-bit key.
Result<SecretKey> hkdf_sha256_key(const unsigned char* ikm, std::size_t ikm_size, std::string_view salt,
                                  std::string_view info);

/// A 256-bit key sealed to one X25519 public key: an ephemeral X25519 key agreed with the
/// recipient's, HKDF-SHA256 (salt = the caller's `salt`, info = the caller's `info`) to an
/// AES-256-GCM key, the sealed key authenticated together with `aad`.
struct SealedKey {
    PublicKey ephemeral_public{};
    std::array<unsigned char, 12> nonce{};
    std::array<unsigned char, 32> ciphertext{};
    std::array<unsigned char, 16> tag{};
};
Result<SealedKey> seal_key_to(const PublicKey& recipient, const SecretKey& key, std::string_view salt,
                              std::string_view info, std::string_view aad);
/// False (and `out` untouched) when the recipient's private key, the salt, info or aad differ from
/// what was sealed, or a byte of `sealed` was changed. What that means is the caller's to say.
bool open_sealed_key(const SecretKey& recipient_private, const SealedKey& sealed, std::string_view salt,
                     std::string_view info, std::string_view aad, SecretKey& out);

/// 32 lower-case hex digits of HMAC-SHA256(key, "sanaq-key-id"): names a key without revealing it,
/// so a holder can tell that a key reached them unchanged.
std::string key_id(const SecretKey& key);

}  // namespace sanaq::db
