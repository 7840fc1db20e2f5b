#include "upstream/server/tls_context.h"

#include <openssl/ssl.h>

#include <Poco/Exception.h>

#include "upstream/protocol/tls_policy.h"

namespace sanaq::upstream::receiver {
namespace {

namespace fs = std::filesystem;

constexpr unsigned char kSessionIdContext[] = "sanaq-upstream";

}  // namespace

Result<Poco::Net::Context::Ptr> make_server_context(const fs::path& certificate, const fs::path& private_key,
                                                    const fs::path& client_ca) {
    for (const auto& file : {certificate, private_key, client_ca}) {
        std::error_code ec;
        if (!fs::is_regular_file(file, ec))
            return fail(ErrorCode::NotFound, N_("The file {} does not exist."), {file.string()});
    }
    try {
        Poco::Net::Context::Params params;
        params.certificateFile = certificate.string();
        params.privateKeyFile = private_key.string();
        params.caLocation = client_ca.string();   // the only trust anchor: never the system store
        params.loadDefaultCAs = false;
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.verificationDepth = 4;
        params.cipherList = kTls12Ciphers;   // ECDHE + AEAD only (upstream/protocol/tls_policy.h)
        Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        context->disableStatelessSessionResumption();
        // Poco's "extended" check matches the peer's certificate against its host name: right for
        // a client checking a server, wrong here (a workstation's CN is its id, not an address).
        context->enableExtendedCertificateVerification(false);

        SSL_CTX* ctx = context->sslContext();
        SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
        if (SSL_CTX_set_ciphersuites(ctx, kTls13Ciphersuites) != 1)
            return fail(ErrorCode::Unexpected, N_("The server's TLS set-up failed."), {}, "TLS 1.3 suites");
        // OpenSSL's own verdict decides (Poco's callback would consult SSLManager's handlers):
        // no certificate, an unknown issuer, or an expired certificate ends the handshake.
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
        // Tells clients which CA's certificate to present.
        if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(client_ca.c_str()))
            SSL_CTX_set_client_CA_list(ctx, names);
        // Needed by OpenSSL when a client with a certificate offers to resume a session.
        SSL_CTX_set_session_id_context(ctx, kSessionIdContext, sizeof kSessionIdContext - 1);
        if (SSL_CTX_check_private_key(ctx) != 1)
            return fail(ErrorCode::InvalidInput, N_("The key {} does not belong to the certificate {}."),
                        {private_key.string(), certificate.string()});
        return context;
    } catch (const Poco::Exception& e) {
        return fail(ErrorCode::InvalidInput, N_("The server's TLS set-up failed."), {}, e.displayText());
    }
}

}  // namespace sanaq::upstream::receiver
