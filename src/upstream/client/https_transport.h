#pragma once
// The batch PUT over HTTPS with mutual TLS (Poco NetSSL over OpenSSL 3): the client certificate
// and key come from memory, the server is checked against the pinned CA only (never the system
// store) and against the URL's host name. Proxies are tunnelled with CONNECT.
#include <chrono>
#include <memory>
#include <string>

#include "core/error.h"
#include "upstream/client/transport.h"

namespace sanaq::upstream {

struct Endpoint {
    std::string host;
    int port = 443;
    std::string base_path;   // "" or "/prefix" without the trailing slash
};
/// "https://host[:port][/prefix]". InvalidInput for anything else (plain http is refused).
Result<Endpoint> parse_https_url(const std::string& url);

struct ProxySettings {
    std::string host;   // "" = no proxy
    int port = 3128;
    std::string user, password;
};
/// "http://[user:password@]host[:port]". InvalidInput otherwise.
Result<ProxySettings> parse_proxy_url(const std::string& url);

struct TransportSettings {
    Endpoint endpoint;
    ProxySettings proxy;
    std::string ca_pem;                 // the pinned CA(s)
    std::string client_certificate_pem;
    std::string client_key_pem;
    std::chrono::seconds connect_timeout{10};
    std::chrono::seconds io_timeout{60};
};

class HttpsTransport final : public BatchTransport {
public:
    /// InvalidInput when the CA, certificate or key cannot be loaded into a TLS context.
    static Result<std::unique_ptr<HttpsTransport>> create(const TransportSettings& settings);
    ~HttpsTransport() override;
    SendOutcome put_batch(const OutgoingBatch& batch) override;

private:
    struct Impl;
    explicit HttpsTransport(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace sanaq::upstream
