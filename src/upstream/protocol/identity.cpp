#include "upstream/protocol/identity.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <ctime>

#include <fmt/format.h>

namespace sanaq::upstream {
namespace {

struct Free {
    void operator()(X509* p) const { X509_free(p); }
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
    void operator()(PKCS12* p) const { PKCS12_free(p); }
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using X509Ptr = std::unique_ptr<X509, Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Free>;
using BioPtr = std::unique_ptr<BIO, Free>;

BioPtr memory_bio(std::string_view bytes) {
    return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string openssl_error() {
    unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0) return "no detail";
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    return buf;
}

X509Ptr read_certificate(std::string_view pem) {
    auto bio = memory_bio(pem);
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// Ed25519/Ed448 sign the message itself; the others sign its SHA-256.
const EVP_MD* digest_for(EVP_PKEY* key) {
    int id = EVP_PKEY_get_id(key);
    return (id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448) ? nullptr : EVP_sha256();
}

std::optional<std::string> sign_by(EVP_PKEY* key, std::string_view message) {
    std::unique_ptr<EVP_MD_CTX, Free> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, digest_for(key), nullptr, key) != 1) return std::nullopt;
    std::size_t size = 0;
    auto msg = reinterpret_cast<const unsigned char*>(message.data());
    if (EVP_DigestSign(ctx.get(), nullptr, &size, msg, message.size()) != 1) return std::nullopt;
    std::string sig(size, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, msg, message.size()) != 1)
        return std::nullopt;
    sig.resize(size);
    return sig;
}

bool verify_by(EVP_PKEY* key, std::string_view message, std::string_view signature) {
    std::unique_ptr<EVP_MD_CTX, Free> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, digest_for(key), nullptr, key) != 1) return false;
    bool ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                               signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                               message.size()) == 1;
    ERR_clear_error();
    return ok;
}

std::string asn1_time_utc(const ASN1_TIME* t) {
    std::tm tm{};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return "";
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string common_name(const X509_NAME* name) {
    char buf[256] = {};
    int n = X509_NAME_get_text_by_NID(const_cast<X509_NAME*>(name), NID_commonName, buf, sizeof buf);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

CertificateInfo describe(X509* cert) {
    CertificateInfo info;
    info.subject_cn = common_name(X509_get_subject_name(cert));
    info.issuer_cn = common_name(X509_get_issuer_name(cert));
    info.not_before = asn1_time_utc(X509_get0_notBefore(cert));
    info.not_after = asn1_time_utc(X509_get0_notAfter(cert));
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    X509_digest(cert, EVP_sha256(), md, &len);
    static const char* hex = "0123456789abcdef";
    for (unsigned int i = 0; i < len; ++i) {
        info.sha256_fingerprint += hex[md[i] >> 4];
        info.sha256_fingerprint += hex[md[i] & 15];
    }
    return info;
}

}  // namespace

struct Identity::Impl {
    X509Ptr cert;
    KeyPtr key;
    CertificateInfo info;
};

Identity::Identity(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Identity::Identity(Identity&&) noexcept = default;
Identity& Identity::operator=(Identity&&) noexcept = default;
Identity::~Identity() = default;

Result<Identity> Identity::from_pkcs12(std::string_view p12_bytes, std::string_view password) {
    auto bio = memory_bio(p12_bytes);
    std::unique_ptr<PKCS12, Free> p12(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!p12)
        return fail(ErrorCode::InvalidInput, N_("The client certificate file is not a PKCS#12 (.p12) file."), {},
                    openssl_error());
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    std::string pass(password);
    if (PKCS12_parse(p12.get(), pass.c_str(), &key, &cert, nullptr) != 1)
        return fail(ErrorCode::WrongPassword, N_("The password does not open the client certificate file."), {},
                    openssl_error());
    auto impl = std::make_unique<Impl>();
    impl->cert.reset(cert);
    impl->key.reset(key);
    if (!impl->cert || !impl->key)
        return fail(ErrorCode::InvalidInput,
                    N_("The client certificate file holds no certificate with its private key."));
    if (X509_check_private_key(impl->cert.get(), impl->key.get()) != 1)
        return fail(ErrorCode::InvalidInput,
                    N_("The private key in the client certificate file does not belong to its certificate."), {},
                    openssl_error());
    impl->info = describe(impl->cert.get());
    return Identity(std::move(impl));
}

Result<Identity> Identity::from_pem(std::string_view certificate_pem, std::string_view key_pem) {
    auto impl = std::make_unique<Impl>();
    impl->cert = read_certificate(certificate_pem);
    auto bio = memory_bio(key_pem);
    impl->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!impl->cert || !impl->key || X509_check_private_key(impl->cert.get(), impl->key.get()) != 1)
        return fail(ErrorCode::InvalidInput, N_("The certificate or its private key cannot be read."), {},
                    openssl_error());
    impl->info = describe(impl->cert.get());
    return Identity(std::move(impl));
}

const CertificateInfo& Identity::info() const { return impl_->info; }

std::string Identity::certificate_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), impl_->cert.get());
    return bio_text(bio.get());
}

std::string Identity::private_key_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), impl_->key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return bio_text(bio.get());
}

std::optional<std::string> Identity::sign(std::string_view message) const {
    return sign_by(impl_->key.get(), message);
}

Result<CertificateInfo> certificate_info(std::string_view certificate_pem) {
    auto cert = read_certificate(certificate_pem);
    if (!cert)
        return fail(ErrorCode::InvalidInput, N_("The file is not a PEM certificate."), {}, openssl_error());
    return describe(cert.get());
}

bool verify_by_certificate(std::string_view certificate_pem, std::string_view message, std::string_view signature) {
    auto cert = read_certificate(certificate_pem);
    if (!cert) return false;
    KeyPtr key(X509_get_pubkey(cert.get()));
    return key && verify_by(key.get(), message, signature);
}

std::optional<std::string> sign_with_private_pem(std::string_view key_pem, std::string_view message) {
    auto bio = memory_bio(key_pem);
    KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) return std::nullopt;
    return sign_by(key.get(), message);
}

bool verify_with_public_pem(std::string_view public_pem, std::string_view message, std::string_view signature) {
    auto bio = memory_bio(public_pem);
    KeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    return key && verify_by(key.get(), message, signature);
}

std::optional<std::string> normalize_public_pem(std::string_view public_pem) {
    auto bio = memory_bio(public_pem);
    KeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!key) return std::nullopt;
    BioPtr out(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(out.get(), key.get());
    return bio_text(out.get());
}

std::string batch_signing_text(std::string_view batch_uuid, std::string_view digest) {
    return fmt::format("sanaq-batch-v1\n{}\n{}\n", batch_uuid, digest);
}

}  // namespace sanaq::upstream
