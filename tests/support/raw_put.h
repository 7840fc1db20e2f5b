#pragma once
// A client that puts batches on the wire by hand (Poco over mutual TLS), for tests that must say
// things the workstation's client never would: a lying Content-Length, a forged digest or
// signature, another certificate. Shared by the receiver suite and the security suite.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include <Poco/Net/Context.h>
#include <Poco/Types.h>

#include "upstream/protocol/identity.h"
#include "support/receiver_fixture.h"

namespace sanaq::test {

/// The test PKI's workstation identity (CN ws-59-01), for signing batches.
const upstream::Identity& client_identity();

/// A batch as the client puts it on the wire.
struct WireBatch {
    std::string uuid;
    std::string compressed;
    std::string digest;
    std::string signature;   // base64
};
/// `body` gzipped, its digest, and the signature by client_identity().
WireBatch wire(const std::string& batch_uuid, const std::string& body);

struct ClientCert {
    std::filesystem::path pem, key;
};
ClientCert good_cert();   // the test PKI's client certificate

/// A client TLS context presenting `cert` (none when nullopt) and trusting `trusted_ca` only.
Poco::Net::Context::Ptr client_context(const std::optional<ClientCert>& cert, const std::filesystem::path& trusted_ca);

struct Reply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
};

struct Request {
    std::string method = "PUT";
    std::string path;   // default: /v1/batches/<uuid>
    std::string content_type = "application/x-sanaq-batch";
    std::string content_encoding = "gzip";
    std::optional<std::string> digest_header;   // default: sha-256=<digest>
    std::optional<std::string> signature_header;
    std::optional<ClientCert> cert = good_cert();
    std::optional<std::filesystem::path> trusted_ca;
    std::optional<Poco::Int64> declared_length;   // a Content-Length that lies: no body is sent
};

/// The reply, or the text of the failure (handshake refused, connection closed, ...).
std::variant<Reply, std::string> send(const ReceiverProcess& receiver, const WireBatch& batch, Request r = {});

}  // namespace sanaq::test
