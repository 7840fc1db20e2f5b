#include "db/public_key_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>

#include <memory>
#include <vector>

namespace sanaq::db {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Error crypto_failure(const char* what) {
    return Error::make(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                       std::string("cryptography: ") + what);
}

Pkey private_from_raw(const SecretKey& raw, int type) {
    return Pkey(EVP_PKEY_new_raw_private_key(type, nullptr, raw.data(), raw.size()));
}
Pkey public_from_raw(const PublicKey& raw, int type) {
    return Pkey(EVP_PKEY_new_raw_public_key(type, nullptr, raw.data(), raw.size()));
}

Result<PublicKey> raw_public(EVP_PKEY* key) {
    PublicKey out{};
    std::size_t len = out.size();
    if (!key || EVP_PKEY_get_raw_public_key(key, out.data(), &len) != 1 || len != out.size())
        return std::unexpected(crypto_failure("public key"));
    return out;
}

Result<PublicKey> public_of(const SecretKey& raw, int type) {
    auto key = private_from_raw(raw, type);
    if (!key) return std::unexpected(crypto_failure("private key"));
    return raw_public(key.get());
}

/// A fresh key of `type` as raw private bytes (into a SecretKey) and its public half.
Result<PublicKey> generate_raw(int type, SecretKey& private_out) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_id(type, nullptr));
    EVP_PKEY* made = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &made) != 1)
        return std::unexpected(crypto_failure("key generation"));
    Pkey key(made);
    std::size_t len = private_out.size();
    if (EVP_PKEY_get_raw_private_key(key.get(), private_out.data(), &len) != 1 || len != private_out.size())
        return std::unexpected(crypto_failure("private key export"));
    return raw_public(key.get());
}

/// X25519(own, peer) into `shared`; false for a peer key that gives the all-zero secret.
bool x25519(const SecretKey& own, const PublicKey& peer, SecretKey& shared) {
    auto own_key = private_from_raw(own, EVP_PKEY_X25519);
    auto peer_key = public_from_raw(peer, EVP_PKEY_X25519);
    if (!own_key || !peer_key) return false;
    PkeyCtx ctx(EVP_PKEY_CTX_new(own_key.get(), nullptr));
    std::size_t len = shared.size();
    // OpenSSL refuses a small-order peer (all-zero shared secret) in EVP_PKEY_derive.
    return ctx && EVP_PKEY_derive_init(ctx.get()) == 1 && EVP_PKEY_derive_set_peer(ctx.get(), peer_key.get()) == 1 &&
           EVP_PKEY_derive(ctx.get(), shared.data(), &len) == 1 && len == shared.size();
}

/// The wrapping key of a sealed key: HKDF over X25519 ‖ ephemeral public ‖ recipient public, so
/// the key is bound to both halves of the exchange.
Result<SecretKey> wrapping_key(const SecretKey& shared, const PublicKey& ephemeral, const PublicKey& recipient,
                               std::string_view salt, std::string_view info) {
    std::vector<unsigned char> ikm(shared.data(), shared.data() + shared.size());
    ikm.insert(ikm.end(), ephemeral.begin(), ephemeral.end());
    ikm.insert(ikm.end(), recipient.begin(), recipient.end());
    auto key = hkdf_sha256_key(ikm.data(), ikm.size(), salt, info);
    OPENSSL_cleanse(ikm.data(), ikm.size());
    return key;
}

}  // namespace

Result<SigningKeyPair> generate_signing_pair() {
    SigningKeyPair pair;
    auto pub = generate_raw(EVP_PKEY_ED25519, pair.seed);
    if (!pub) return std::unexpected(pub.error());
    pair.public_key = *pub;
    return pair;
}

Result<AgreementKeyPair> generate_agreement_pair() {
    AgreementKeyPair pair;
    auto pub = generate_raw(EVP_PKEY_X25519, pair.private_key);
    if (!pub) return std::unexpected(pub.error());
    pair.public_key = *pub;
    return pair;
}

Result<PublicKey> signing_public_key(const SecretKey& seed) { return public_of(seed, EVP_PKEY_ED25519); }
Result<PublicKey> agreement_public_key(const SecretKey& private_key) { return public_of(private_key, EVP_PKEY_X25519); }

Result<Signature> ed25519_sign(const SecretKey& seed, std::string_view message) {
    auto key = private_from_raw(seed, EVP_PKEY_ED25519);
    MdCtx ctx(EVP_MD_CTX_new());
    Signature sig{};
    std::size_t len = sig.size();
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), sig.data(), &len, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1 ||
        len != sig.size())
        return std::unexpected(crypto_failure("signing"));
    return sig;
}

bool ed25519_verify(const PublicKey& public_key, std::string_view message, const Signature& signature) {
    auto key = public_from_raw(public_key, EVP_PKEY_ED25519);
    MdCtx ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
    return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

Result<SecretKey> hkdf_sha256_key(const unsigned char* ikm, std::size_t ikm_size, std::string_view salt,
                                  std::string_view info) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
    SecretKey out;
    std::size_t len = out.size();
    const bool ok =
        ctx && EVP_PKEY_derive_init(ctx.get()) == 1 && EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) == 1 &&
        EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), reinterpret_cast<const unsigned char*>(salt.data()),
                                    static_cast<int>(salt.size())) == 1 &&
        EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), ikm, static_cast<int>(ikm_size)) == 1 &&
        EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), reinterpret_cast<const unsigned char*>(info.data()),
                                    static_cast<int>(info.size())) == 1 &&
        EVP_PKEY_derive(ctx.get(), out.data(), &len) == 1 && len == out.size();
    if (!ok) return std::unexpected(crypto_failure("HKDF"));
    return out;
}

Result<SealedKey> seal_key_to(const PublicKey& recipient, const SecretKey& key, std::string_view salt,
                              std::string_view info, std::string_view aad) {
    auto ephemeral = generate_agreement_pair();
    if (!ephemeral) return std::unexpected(ephemeral.error());
    SecretKey shared;
    if (!x25519(ephemeral->private_key, recipient, shared))
        return std::unexpected(crypto_failure("X25519 agreement with the recipient's key"));
    auto wrap = wrapping_key(shared, ephemeral->public_key, recipient, salt, info);
    if (!wrap) return std::unexpected(wrap.error());
    SealedKey sealed;
    sealed.ephemeral_public = ephemeral->public_key;
    auto nonce = random_bytes(sealed.nonce.size());
    if (!nonce) return std::unexpected(nonce.error());
    std::copy(nonce->begin(), nonce->end(), sealed.nonce.begin());
    // The wrapping key is used once (a fresh ephemeral key per seal), so a random nonce cannot repeat.
    auto gcm = aes256gcm_seal(*wrap, *nonce, key.data(), key.size(), aad);
    if (!gcm) return std::unexpected(gcm.error());
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
    return aes256gcm_open(*wrap, nonce, gcm, aad, out.data(), out.size());
}

std::string key_id(const SecretKey& key) {
    static constexpr std::string_view kLabel = "sanaq-key-id";
    unsigned char mac[32];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(kLabel.data()),
         kLabel.size(), mac, &size);
    return to_hex(mac, 16);
}

}  // namespace sanaq::db
