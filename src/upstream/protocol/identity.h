#pragma once
// Keys and certificates of the upstream protocol: the workstation's client identity (a PKCS#12
// holding its certificate and key), batch signatures bound to that certificate, and the
// receiver's receipt signatures. OpenSSL underneath; nothing is written to disk.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sanaq::upstream {

struct CertificateInfo {
    std::string subject_cn;
    std::string issuer_cn;
    std::string not_before;           // UTC "YYYY-MM-DDTHH:MM:SSZ"
    std::string not_after;
    std::string sha256_fingerprint;   // lower-case hex of the DER
};

/// A certificate and its private key (the workstation's, or the test receiver's).
class Identity {
public:
    /// InvalidInput when the bytes are not PKCS#12, WrongPassword when the password does not
    /// open them, InvalidInput when there is no certificate or key inside.
    static Result<Identity> from_pkcs12(std::string_view p12, std::string_view password);
    static Result<Identity> from_pem(std::string_view certificate_pem, std::string_view key_pem);

    Identity(Identity&&) noexcept;
    Identity& operator=(Identity&&) noexcept;
    ~Identity();

    const CertificateInfo& info() const;
    std::string certificate_pem() const;
    std::string private_key_pem() const;   // for the TLS context, in memory only
    /// Ed25519, or ECDSA/RSA with SHA-256, over the message; raw signature bytes.
    std::optional<std::string> sign(std::string_view message) const;

private:
    struct Impl;
    explicit Identity(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

Result<CertificateInfo> certificate_info(std::string_view certificate_pem);
/// Verifies a signature made by the key of this certificate.
bool verify_by_certificate(std::string_view certificate_pem, std::string_view message,
                           std::string_view signature);

/// Receipt keys: a bare key pair in PEM (Ed25519 in the reference receiver).
std::optional<std::string> sign_with_private_pem(std::string_view key_pem, std::string_view message);
bool verify_with_public_pem(std::string_view public_pem, std::string_view message, std::string_view signature);
/// Nullopt when the text is not a PEM public key.
std::optional<std::string> normalize_public_pem(std::string_view public_pem);

/// The bytes a batch signature covers: "sanaq-batch-v1\n<uuid>\n<digest>\n".
std::string batch_signing_text(std::string_view batch_uuid, std::string_view digest);

}  // namespace sanaq::upstream
