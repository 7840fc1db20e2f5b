#include "db/public_key_crypto.h"

#include <algorithm>
#include <vector>

namespace sanaq::db {
namespace {

using crypto::KeyHandle;
using crypto::KeyType;

Error crypto_failure(const char* what) {
    return Error::make(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                       std::string("cryptography: ") + what);
}

Result<PublicKey> raw_public(const KeyHandle& key) {
    const std::string raw = key.public_raw();
    PublicKey out{};
    if (raw.size() != out.size()) return std::unexpected(crypto_failure("public key"));
    std::copy(raw.begin(), raw.end(), out.begin());
    return out;
}

Result<PublicKey> public_of(const SecretKey& raw, KeyType type) {
    auto key = KeyHandle::from_private_raw(type, raw);
    if (!key) return std::unexpected(crypto_failure("private key"));
    return raw_public(key);
}

/// A fresh key of `type` as raw private bytes (into a SecretKey) and its public half.
Result<PublicKey> generate_raw(KeyType type, SecretKey& private_out) {
    auto key = KeyHandle::generate(type);
    if (!key) return std::unexpected(crypto_failure("key generation"));
    if (!key.private_raw(private_out)) return std::unexpected(crypto_failure("private key export"));
    return raw_public(key);
}

/// X25519(own, peer) into `shared`; false for a peer key that gives the all-zero secret.
bool x25519(const SecretKey& own, const PublicKey& peer, SecretKey& shared) {
    auto secret = crypto::x25519_derive(KeyHandle::from_private_raw(KeyType::X25519, own),
                                        KeyHandle::from_public_raw(KeyType::X25519, peer));
    if (!secret || secret->size() != shared.size()) return false;
    std::copy(secret->data(), secret->data() + secret->size(), shared.data());
    return true;
}

/// The wrapping key of a sealed key: HKDF over X25519 ‖ ephemeral public ‖ recipient public, so
/// the key is bound to both halves of the exchange.
Result<SecretKey> wrapping_key(const SecretKey& shared, const PublicKey& ephemeral, const PublicKey& recipient,
                               std::string_view salt, std::string_view info) {
    std::vector<unsigned char> ikm(shared.data(), shared.data() + shared.size());
    ikm.insert(ikm.end(), ephemeral.begin(), ephemeral.end());
    ikm.insert(ikm.end(), recipient.begin(), recipient.end());
    auto key = hkdf_sha256_key(ikm.data(), ikm.size(), salt, info);
    crypto::wipe(ikm);
    return key;
}

}  // namespace

Result<SigningKeyPair> generate_signing_pair() {
    SigningKeyPair pair;
    auto pub = generate_raw(KeyType::Ed25519, pair.seed);
    SANAQ_TRY(pub);
    pair.public_key = *pub;
    return pair;
}

Result<AgreementKeyPair> generate_agreement_pair() {
    AgreementKeyPair pair;
    auto pub = generate_raw(KeyType::X25519, pair.private_key);
    SANAQ_TRY(pub);
    pair.public_key = *pub;
    return pair;
}

Result<PublicKey> signing_public_key(const SecretKey& seed) { return public_of(seed, KeyType::Ed25519); }
Result<PublicKey> agreement_public_key(const SecretKey& private_key) { return public_of(private_key, KeyType::X25519); }

Result<Signature> ed25519_sign(const SecretKey& seed, std::string_view message) {
    auto sig = crypto::ed25519_sign(KeyHandle::from_private_raw(KeyType::Ed25519, seed), message);
    Signature out{};
    if (!sig || sig->size() != out.size()) return std::unexpected(crypto_failure("signing"));
    std::copy(sig->begin(), sig->end(), out.begin());
    return out;
}

bool ed25519_verify(const PublicKey& public_key, std::string_view message, const Signature& signature) {
    return crypto::ed25519_verify(KeyHandle::from_public_raw(KeyType::Ed25519, public_key), message, signature);
}

Result<SecretKey> hkdf_sha256_key(const unsigned char* ikm, std::size_t ikm_size, std::string_view salt,
                                  std::string_view info) {
    auto key = crypto::hkdf_sha256_key(crypto::ByteView(ikm, ikm_size), salt, info);
    if (!key) return std::unexpected(crypto_failure("HKDF"));
    return std::move(*key);
}

Result<SealedKey> seal_key_to(const PublicKey& recipient, const SecretKey& key, std::string_view salt,
                              std::string_view info, std::string_view aad) {
    auto ephemeral = generate_agreement_pair();
    SANAQ_TRY(ephemeral);
    SecretKey shared;
    if (!x25519(ephemeral->private_key, recipient, shared))
        return std::unexpected(crypto_failure("X25519 agreement with the recipient's key"));
    auto wrap = wrapping_key(shared, ephemeral->public_key, recipient, salt, info);
    SANAQ_TRY(wrap);
    SealedKey sealed;
    sealed.ephemeral_public = ephemeral->public_key;
    auto nonce = random_bytes(sealed.nonce.size());
    SANAQ_TRY(nonce);
    std::copy(nonce->begin(), nonce->end(), sealed.nonce.begin());
    // The wrapping key is used once (a fresh ephemeral key per seal), so a random nonce cannot repeat.
    auto gcm = aes256gcm_seal(*wrap, *nonce, key.data(), key.size(), aad);
    SANAQ_TRY(gcm);
    std::copy(gcm->ciphertext.begin(), gcm->ciphertext.end(), sealed.ciphertext.begin());
    std::copy(gcm->tag.begin(), gcm->tag.end(), sealed.tag.begin());
    return sealed;
}

bool open_sealed_key(const SecretKey& recipient_private, const SealedKey& sealed, std::string_view salt,
                     std::string_view info, std::string_view aad, SecretKey& out) {
    auto recipient = agreement_public_key(recipient_private);
    if (!recipient) return false;
    SecretKey shared;
    if (!x25519(recipient_private, sealed.ephemeral_public, shared)) return false;
    auto wrap = wrapping_key(shared, sealed.ephemeral_public, *recipient, salt, info);
    if (!wrap) return false;
    const std::vector<unsigned char> nonce(sealed.nonce.begin(), sealed.nonce.end());
    const GcmSealed gcm{std::vector<unsigned char>(sealed.ciphertext.begin(), sealed.ciphertext.end()),
                        std::vector<unsigned char>(sealed.tag.begin(), sealed.tag.end())};
    return crypto::aes256gcm_open(*wrap, nonce, gcm, aad, out.data(), out.size());
}

std::string key_id(const SecretKey& key) {
    const auto mac = crypto::hmac_sha256(key, "sanaq-key-id");
    return crypto::to_hex(crypto::ByteView(mac.data(), 16));
}

}  // namespace sanaq::db
