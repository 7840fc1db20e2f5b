#include "upstream/client/https_transport.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <algorithm>
#include <istream>
#include <optional>
#include <mutex>
#include <ostream>

#include <fmt/format.h>

#include "upstream/protocol/tls_policy.h"

namespace sanaq::upstream {
namespace {

// What OpenSSL saw of this thread's current connection (one PUT at a time per thread): the fatal
// alert the server sent, whether this side sent its certificate, and whether the handshake
// finished. Error strings differ between OpenSSL versions and TLS 1.2/1.3; the alert does not.
struct TlsTrace {
    int server_alert = -1;          // TLS alert description, -1 when none came
    bool sent_certificate = false;
    bool handshake_done = false;
};
thread_local TlsTrace t_trace;

// `where` is a bit set: SSL_CB_READ_ALERT and SSL_CB_CONNECT_LOOP are two bits each, and share one
// with their write/exit twins, so each must match whole.
void trace_tls(const SSL* ssl, int where, int ret) {
    const auto has = [where](int bits) { return (where & bits) == bits; };
    if (has(SSL_CB_READ_ALERT) && (ret >> 8) == SSL3_AL_FATAL) t_trace.server_alert = ret & 0xff;
    if (has(SSL_CB_CONNECT_LOOP) && SSL_get_state(ssl) == TLS_ST_CW_CERT) t_trace.sent_certificate = true;
    if (where & SSL_CB_HANDSHAKE_DONE) t_trace.handshake_done = true;
}

// The alerts by which a server refuses the certificate a client presented (RFC 8446 6.2).
bool refuses_client_certificate(int alert) {
    switch (alert) {
        case SSL_AD_BAD_CERTIFICATE:
        case SSL_AD_UNSUPPORTED_CERTIFICATE:
        case SSL_AD_CERTIFICATE_REVOKED:
        case SSL_AD_CERTIFICATE_EXPIRED:
        case SSL_AD_CERTIFICATE_UNKNOWN:
        case SSL_AD_UNKNOWN_CA:
        case SSL_AD_ACCESS_DENIED:
        case SSL_AD_CERTIFICATE_REQUIRED:
            return true;
        default:
            return false;
    }
}

// The server refused this workstation's certificate: it said so with an alert (TLS 1.3 reports it
// on the first read after the handshake, often after the request was written), or the handshake
// broke off right after the certificate went (TLS 1.2). Nothing of the batch was accepted.
std::optional<SendOutcome> certificate_refusal(const std::string& detail) {
    bool alerted = refuses_client_certificate(t_trace.server_alert);
    if (!alerted && !(t_trace.sent_certificate && !t_trace.handshake_done)) return std::nullopt;
    std::string why = alerted ? fmt::format("TLS alert {}: {}", SSL_alert_desc_string_long(t_trace.server_alert), detail)
                              : "the handshake ended after the client certificate was sent: " + detail;
    return SendOutcome{SendVerdict::NotConnected, 0, -1, "", "client_certificate_rejected", why};
}

void initialize_ssl_once() {
    static std::once_flag once;
    std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

// Loads every certificate of a PEM bundle into the context's trust store. Returns how many.
int trust_pem(SSL_CTX* ctx, const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    int n = 0;
    while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        if (X509_STORE_add_cert(store, cert) == 1) ++n;
        X509_free(cert);
    }
    ERR_clear_error();   // the read that ended the loop leaves "no start line"
    BIO_free(bio);
    return n;
}

bool use_identity(SSL_CTX* ctx, const std::string& cert_pem, const std::string& key_pem) {
    BIO* cbio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
    X509* cert = PEM_read_bio_X509(cbio, nullptr, nullptr, nullptr);
    BIO_free(cbio);
    BIO* kbio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(kbio, nullptr, nullptr, nullptr);
    BIO_free(kbio);
    bool ok = cert && key && SSL_CTX_use_certificate(ctx, cert) == 1 && SSL_CTX_use_PrivateKey(ctx, key) == 1 &&
              SSL_CTX_check_private_key(ctx) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    ERR_clear_error();
    return ok;
}

// Retry-After is either delta-seconds or an HTTP date.
int parse_retry_after(const std::string& value) {
    if (value.empty()) return -1;
    if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
        return static_cast<int>(std::min<long long>(std::stoll(value.substr(0, 9)), 86400));
    try {
        int tz = 0;
        Poco::DateTime when = Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT, value, tz);
        Poco::Timespan left = when - Poco::DateTime();
        return static_cast<int>(std::clamp<long long>(left.totalSeconds(), 0, 86400));
    } catch (const Poco::Exception&) {
        return -1;
    }
}

// TLS failures in plain categories. The words come from OpenSSL's error strings.
// Once the request went out (`connected`), anything but a certificate alert is a broken connection.
SendOutcome tls_failure(const Poco::Exception& e, bool connected) {
    if (auto refused = certificate_refusal(e.displayText())) return *refused;
    std::string text = lower(e.displayText());
    SendOutcome out{SendVerdict::NotConnected, 0, -1, "", "tls_failed", e.displayText()};
    if (contains(text, "certificate verify failed") || contains(text, "unacceptable certificate") ||
        contains(text, "certificate validation"))
        out.error_code = "server_certificate";
    else if (contains(text, "alert") && (contains(text, "certificate") || contains(text, "unknown ca")))
        out.error_code = "client_certificate_rejected";
    else if (connected || contains(text, "unexpectedly closed") || contains(text, "reset"))
        out = {SendVerdict::Temporary, 0, -1, "", "connection_lost", e.displayText()};
    return out;
}

}  // namespace

Result<Endpoint> parse_https_url(const std::string& url) {
    try {
        Poco::URI uri(url);
        if (lower(uri.getScheme()) != "https" || uri.getHost().empty())
            return fail(ErrorCode::InvalidInput, N_("The upstream URL must start with https:// and name a host: {}"), {url});
        Endpoint e{uri.getHost(), uri.getPort() ? uri.getPort() : 443, uri.getPath()};
        while (!e.base_path.empty() && e.base_path.back() == '/') e.base_path.pop_back();
        return e;
    } catch (const Poco::Exception& ex) {
        return fail(ErrorCode::InvalidInput, N_("The upstream URL must start with https:// and name a host: {}"), {url},
                    ex.displayText());
    }
}

Result<ProxySettings> parse_proxy_url(const std::string& url) {
    if (url.empty()) return ProxySettings{};
    try {
        Poco::URI uri(url);
        if (lower(uri.getScheme()) != "http" || uri.getHost().empty())
            return fail(ErrorCode::InvalidInput, N_("The proxy must be given as http://host:port: {}"), {url});
        ProxySettings p{uri.getHost(), uri.getPort() ? uri.getPort() : 3128, "", ""};
        auto info = uri.getUserInfo();
        if (auto colon = info.find(':'); colon != std::string::npos) {
            p.user = info.substr(0, colon);
            p.password = info.substr(colon + 1);
        } else {
            p.user = info;
        }
        return p;
    } catch (const Poco::Exception& ex) {
        return fail(ErrorCode::InvalidInput, N_("The proxy must be given as http://host:port: {}"), {url},
                    ex.displayText());
    }
}

struct HttpsTransport::Impl {
    TransportSettings settings;
    Poco::Net::Context::Ptr context;
};

HttpsTransport::HttpsTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpsTransport::~HttpsTransport() = default;

Result<std::unique_ptr<HttpsTransport>> HttpsTransport::create(const TransportSettings& settings) {
    initialize_ssl_once();
    auto impl = std::make_unique<Impl>();
    impl->settings = settings;
    try {
        Poco::Net::Context::Params params;
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.loadDefaultCAs = false;   // pinned: only the configured CA is trusted
        params.cipherList = kTls12Ciphers;   // ECDHE + AEAD only (upstream/protocol/tls_policy.h)
        impl->context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
        impl->context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    } catch (const Poco::Exception& e) {
        return fail(ErrorCode::Unexpected, N_("The TLS library could not be set up."), {}, e.displayText());
    }
    SSL_CTX* ctx = impl->context->sslContext();
    if (SSL_CTX_set_ciphersuites(ctx, kTls13Ciphersuites) != 1)
        return fail(ErrorCode::Unexpected, N_("The TLS library could not be set up."), {}, "TLS 1.3 suites");
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    SSL_CTX_set_info_callback(ctx, trace_tls);
    // OpenSSL's own chain check without Poco's SSLManager callbacks (which would look for an
    // application configuration); the host name is checked by Poco after the handshake.
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    if (trust_pem(ctx, settings.ca_pem) == 0)
        return fail(ErrorCode::InvalidInput, N_("The configured upstream CA holds no certificate."));
    if (!use_identity(ctx, settings.client_certificate_pem, settings.client_key_pem))
        return fail(ErrorCode::InvalidInput, N_("The client certificate or its key cannot be used for TLS."));
    return std::unique_ptr<HttpsTransport>(new HttpsTransport(std::move(impl)));
}

SendOutcome HttpsTransport::put_batch(const OutgoingBatch& batch) {
    const auto& s = impl_->settings;
    Poco::Net::HTTPSClientSession session(s.endpoint.host, static_cast<Poco::UInt16>(s.endpoint.port), impl_->context);
    if (!s.proxy.host.empty()) {
        session.setProxy(s.proxy.host, static_cast<Poco::UInt16>(s.proxy.port));
        if (!s.proxy.user.empty()) session.setProxyCredentials(s.proxy.user, s.proxy.password);
    }
    session.setTimeout(Poco::Timespan(s.connect_timeout.count(), 0), Poco::Timespan(s.io_timeout.count(), 0),
                       Poco::Timespan(s.io_timeout.count(), 0));
    session.setKeepAlive(false);

    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_PUT, s.endpoint.base_path + "/v1/batches/" + batch.uuid,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/x-sanaq-batch");
    request.set("Content-Encoding", "gzip");
    request.setContentLength(static_cast<std::streamsize>(batch.compressed_body.size()));
    request.set("Sanaq-Digest", "sha-256=" + batch.digest);
    request.set("Sanaq-Signature", batch.signature_b64);
    if (!batch.audit_head.empty()) request.set("Sanaq-Audit-Head", batch.audit_head);

    bool connected = false;
    t_trace = {};
    try {
        std::ostream& body = session.sendRequest(request);   // connects and shakes hands first
        connected = true;
        body.write(batch.compressed_body.data(), static_cast<std::streamsize>(batch.compressed_body.size()));
        body.flush();
        if (!body) {
            // The write broke. What the server said before it closed — a TLS alert refusing this
            // workstation's certificate (TLS 1.3 sends it after the client's side of the handshake
            // is done, so often while the body is being written) — may still wait to be read, and
            // says more than "connection lost". Poco rethrows the write's error on any later
            // receive, so the TLS layer is asked directly, briefly.
            try {
                char probe[512];
                session.socket().setReceiveTimeout(Poco::Timespan(2, 0));
                session.socket().receiveBytes(probe, sizeof probe);
            } catch (const Poco::Exception&) {
            }
            if (auto refused = certificate_refusal("the connection broke while sending")) return *refused;
            return {SendVerdict::Temporary, 0, -1, "", "connection_lost", "the connection broke while sending"};
        }
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        std::string answer;
        char buf[8192];
        while (answer.size() < (1 << 20) && in.read(buf, sizeof buf)) answer.append(buf, static_cast<std::size_t>(in.gcount()));
        answer.append(buf, static_cast<std::size_t>(in.gcount()));
        int status = static_cast<int>(response.getStatus());
        int retry_after = parse_retry_after(response.get("Retry-After", ""));
        if (status == 201 || status == 200) return {SendVerdict::Accepted, status, -1, answer, "", ""};
        SendOutcome out{SendVerdict::Temporary, status, retry_after, "", "", answer.substr(0, 600)};
        if (status == 409) {
            out.verdict = SendVerdict::Conflict;
            out.error_code = "conflict";
        } else if (status == 408 || status == 429 || status >= 500) {
            out.error_code = status == 503 ? "unavailable" : "server_error";
        } else if (status >= 400) {
            out.verdict = SendVerdict::Refused;
            out.error_code = "refused";
        } else {
            out.error_code = "unexpected_status";
        }
        return out;
    } catch (const Poco::Net::SSLException& e) {
        return tls_failure(e, connected);
    } catch (const Poco::TimeoutException& e) {
        if (auto refused = certificate_refusal(e.displayText())) return *refused;
        return {connected ? SendVerdict::Temporary : SendVerdict::NotConnected, 0, -1, "", "timeout", e.displayText()};
    } catch (const Poco::Net::ConnectionRefusedException& e) {
        return {SendVerdict::NotConnected, 0, -1, "", "server_unreachable", e.displayText()};
    } catch (const Poco::Net::HostNotFoundException& e) {
        return {SendVerdict::NotConnected, 0, -1, "", "server_unreachable", e.displayText()};
    } catch (const Poco::Net::NoAddressFoundException& e) {
        return {SendVerdict::NotConnected, 0, -1, "", "server_unreachable", e.displayText()};
    } catch (const Poco::Exception& e) {
        if (auto refused = certificate_refusal(e.displayText())) return *refused;
        if (!connected) {
            std::string text = lower(e.displayText());
            if (contains(text, "certificate") || contains(text, "ssl")) return tls_failure(e, false);
            return {SendVerdict::NotConnected, 0, -1, "", "server_unreachable", e.displayText()};
        }
        return {SendVerdict::Temporary, 0, -1, "", "connection_lost", e.displayText()};
    } catch (const std::exception& e) {
        if (auto refused = certificate_refusal(e.what())) return *refused;
        return {SendVerdict::Temporary, 0, -1, "", "connection_lost", e.what()};
    }
}

}  // namespace sanaq::upstream
