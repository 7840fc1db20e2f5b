#include "support/raw_put.h"

#include <stdexcept>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include "crypto/crypto.h"
#include "support/temp_dir.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/receipt.h"

namespace sanaq::test {

namespace fs = std::filesystem;
using upstream::Identity;

const Identity& client_identity() {
    static Identity id = [] {
        const auto& pki = TestPki::instance();
        auto r = Identity::from_pem(read_file(pki.client_pem()), read_file(pki.client_key()));
        if (!r) throw std::runtime_error("cannot read the test client identity");
        return std::move(*r);
    }();
    return id;
}

WireBatch wire(const std::string& batch_uuid, const std::string& body) {
    WireBatch w{batch_uuid, upstream::gzip_compress(body), sanaq::crypto::sha256_hex(body), {}};
    w.signature = sanaq::crypto::to_base64(*client_identity().sign(upstream::batch_signing_text(batch_uuid, w.digest)));
    return w;
}

ClientCert good_cert() { return {TestPki::instance().client_pem(), TestPki::instance().client_key()}; }

Poco::Net::Context::Ptr client_context(const std::optional<ClientCert>& cert, const fs::path& trusted_ca) {
    static bool ssl_ready = [] {
        Poco::Net::initializeSSL();
        return true;
    }();
    (void)ssl_ready;
    Poco::Net::Context::Params params;
    if (cert) {
        params.certificateFile = cert->pem.string();
        params.privateKeyFile = cert->key.string();
    }
    params.caLocation = trusted_ca.string();
    params.loadDefaultCAs = false;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    auto context = Poco::makeAuto<Poco::Net::Context>(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return context;
}

std::variant<Reply, std::string> send(const ReceiverProcess& receiver, const WireBatch& batch, Request r) {
    try {
        auto context = client_context(r.cert, r.trusted_ca.value_or(TestPki::instance().ca_pem()));
        Poco::Net::HTTPSClientSession session("localhost", receiver.port(), context);
        session.setTimeout(Poco::Timespan(10, 0));
        Poco::Net::HTTPRequest request(r.method, r.path.empty() ? "/v1/batches/" + batch.uuid : r.path,
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType(r.content_type);
        request.set("Content-Encoding", r.content_encoding);
        request.set("Sanaq-Digest", r.digest_header.value_or("sha-256=" + batch.digest));
        request.set("Sanaq-Signature", r.signature_header.value_or(batch.signature));
        request.setContentLength64(r.declared_length.value_or(static_cast<Poco::Int64>(batch.compressed.size())));
        std::ostream& out = session.sendRequest(request);
        if (!r.declared_length) out.write(batch.compressed.data(), static_cast<std::streamsize>(batch.compressed.size()));
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        Reply reply;
        reply.status = static_cast<int>(response.getStatus());
        Poco::StreamCopier::copyToString(in, reply.body);
        for (const auto& [name, value] : response) reply.headers[name] = value;
        return reply;
    } catch (const Poco::Exception& e) {
        return e.displayText();
    }
}

}  // namespace sanaq::test
