#include "upstream/server/conformance.h"

#include <openssl/rand.h>

#include <fstream>
#include <map>

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/domain/digest.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/receipt.h"
#include "upstream/protocol/sample_batch.h"

namespace sanaq::upstream::receiver {
namespace {

std::string random_uuid() {
    unsigned char b[16];
    RAND_bytes(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    std::string hex;
    for (int i = 0; i < 16; ++i) {
        hex += fmt::format("{:02x}", b[i]);
        if (i == 3 || i == 5 || i == 7 || i == 9) hex += '-';
    }
    return hex;
}

std::optional<std::string> read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The sample records as one batch under `uuid`, naming `workstation`.
std::string sample_body(const std::string& uuid, const std::string& workstation,
                        const std::string& created_at = "2026-10-05T11:02:13Z") {
    const auto& r = sample_records();
    std::string body;
    append_manifest_line(body, {uuid, workstation, created_at, 1, static_cast<std::int64_t>(r.persons.size())});
    append_household_line(body, r.household, r.from);
    for (const auto& p : r.persons) append_person_line(body, p, r.from);
    return body;
}

struct Put {
    std::string method = "PUT";
    std::string path;
    std::string content_type = "application/x-sanaq-batch";
    std::string content_encoding = "gzip";
    std::string digest_header;
    std::string signature_header;
    std::string body;                       // as sent (compressed unless a case says otherwise)
    std::optional<long long> declared_length;   // a length announced, no body sent
};

struct Answer {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    std::string failure;   // the transport's, when no answer came
};

class Runner {
public:
    Runner(const ConformanceCommand& cmd, Identity identity, Poco::URI uri, Poco::Net::Context::Ptr context)
        : cmd_(cmd), identity_(std::move(identity)), uri_(std::move(uri)), context_(std::move(context)) {}

    // A correct PUT of `body` under `uuid`, signed by this workstation.
    Put signed_put(const std::string& uuid, const std::string& body) const {
        Put p;
        p.path = "/v1/batches/" + uuid;
        const std::string digest = sha256_hex(body);
        p.digest_header = "sha-256=" + digest;
        p.signature_header = base64_encode(*identity_.sign(batch_signing_text(uuid, digest)));
        p.body = gzip_compress(body);
        return p;
    }

    Answer send(const Put& p) const {
        Answer a;
        try {
            Poco::Net::HTTPSClientSession session(uri_.getHost(), uri_.getPort(), context_);
            session.setTimeout(Poco::Timespan(30, 0));
            Poco::Net::HTTPRequest request(p.method, p.path, Poco::Net::HTTPMessage::HTTP_1_1);
            request.setContentType(p.content_type);
            request.set("Content-Encoding", p.content_encoding);
            request.set("Sanaq-Digest", p.digest_header);
            request.set("Sanaq-Signature", p.signature_header);
            request.setContentLength64(p.declared_length.value_or(static_cast<long long>(p.body.size())));
            std::ostream& out = session.sendRequest(request);
            if (!p.declared_length) out.write(p.body.data(), static_cast<std::streamsize>(p.body.size()));
            Poco::Net::HTTPResponse response;
            std::istream& in = session.receiveResponse(response);
            a.status = static_cast<int>(response.getStatus());
            Poco::StreamCopier::copyToString(in, a.body);
            for (const auto& [name, value] : response) a.headers[name] = value;
        } catch (const Poco::Exception& e) {
            a.failure = e.displayText();
        } catch (const std::exception& e) {
            a.failure = e.what();
        }
        return a;
    }

    ConformanceCase check(std::string name, int status, std::string code, const Put& put) {
        Answer a = send(put);
        ConformanceCase c{std::move(name), status, std::move(code), a.status, "", ""};
        if (!a.failure.empty()) {
            c.note = "no answer: " + a.failure;
            return c;
        }
        if (a.status >= 400) {
            auto e = parse_error_body(a.body);
            c.code = e.code;
            if (e.code.empty()) c.note = "the body is not {\"error\":{\"code\":…,\"message\":…}}";
        }
        last_ = std::move(a);
        return c;
    }

    // The receipt of a 201/200 by the spec's rule, for the batch sent.
    void check_receipt(ConformanceCase& c, const std::string& uuid, const std::string& body) {
        if (c.status != 200 && c.status != 201) return;
        auto r = parse_receipt(last_.body);
        if (!r) {
            c.note = "the receipt breaks the rule: " + r.error().detail;
            return;
        }
        const auto& s = sample_records();
        if (r->batch_uuid != uuid || r->digest != sha256_hex(body) || r->households != 1 ||
            r->persons != static_cast<std::int64_t>(s.persons.size()))
            c.note = "the receipt does not name this batch, its digest or its counts";
        else if (cmd_.receipt_public_key && !receipt_verifies(*r, receipt_pem_))
            c.note = "the receipt's signature does not verify with the receipt key given";
    }

    std::vector<ConformanceCase> run() {
        if (cmd_.receipt_public_key) receipt_pem_ = read_text(*cmd_.receipt_public_key).value_or("");
        const std::string ws = identity_.info().subject_cn;
        std::vector<ConformanceCase> out;

        // The valid batch, twice, then other content under its UUID.
        const std::string uuid = random_uuid();
        const std::string body = sample_body(uuid, ws);
        out.push_back(check("accepted", 201, "", signed_put(uuid, body)));
        check_receipt(out.back(), uuid, body);
        const std::string first_receipt = last_.body;
        out.push_back(check("repeated", 200, "", signed_put(uuid, body)));
        check_receipt(out.back(), uuid, body);
        if (out.back().status == 200 && out.back().note.empty() && last_.body != first_receipt)
            out.back().note = "the 200 does not repeat the receipt of the 201 byte for byte";
        out.push_back(check("conflict", 409, "conflict", signed_put(uuid, sample_body(uuid, ws, "2026-10-05T11:02:14Z"))));

        auto fresh = [&] {
            const std::string id = random_uuid();
            return std::pair{id, sample_body(id, ws)};
        };
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            p.path = "/v2/batches/" + id;
            out.push_back(check("not_found", 404, "not_found", p));
        }
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            p.method = "POST";
            out.push_back(check("method_not_allowed", 405, "method_not_allowed", p));
            if (out.back().ok() && last_.headers["Allow"] != "PUT") out.back().note = "no Allow: PUT";
        }
        {
            auto [id, b] = fresh();
            std::string upper = id;
            for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            Put p = signed_put(id, b);
            p.path = "/v1/batches/" + upper;
            out.push_back(check("bad_uuid", 400, "bad_uuid", p));
        }
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            p.content_type = "application/json";
            out.push_back(check("unsupported_media_type", 415, "unsupported_media_type", p));
        }
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            p.content_encoding = "identity";
            out.push_back(check("unsupported_encoding", 415, "unsupported_encoding", p));
        }
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            p.declared_length = (64LL << 20) + 1;
            out.push_back(check("too_large", 413, "too_large", p));
        }
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            p.digest_header = p.digest_header.substr(8);   // without "sha-256="
            out.push_back(check("bad_header", 400, "bad_header", p));
        }
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            p.signature_header = base64_encode(*identity_.sign(batch_signing_text(id, std::string(64, '0'))));
            out.push_back(check("bad_signature", 422, "bad_signature", p));
        }
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            p.body = b;   // signed as it should be, but not gzip
            out.push_back(check("bad_gzip", 400, "bad_gzip", p));
        }
        {
            auto [id, b] = fresh();
            Put p = signed_put(id, b);
            const std::string other(64, 'a');
            p.digest_header = "sha-256=" + other;
            p.signature_header = base64_encode(*identity_.sign(batch_signing_text(id, other)));
            out.push_back(check("digest_mismatch", 422, "digest_mismatch", p));
        }
        {
            auto [id, b] = fresh();
            b.replace(b.find("\"persons\":2"), 11, "\"persons\":3");
            out.push_back(check("malformed_batch (counts)", 422, "malformed_batch", signed_put(id, b)));
        }
        {
            auto [id, b] = fresh();
            // The household line moved after the first person's.
            const auto l1 = b.find('\n') + 1, l2 = b.find('\n', l1) + 1, l3 = b.find('\n', l2) + 1;
            std::string moved = b.substr(0, l1) + b.substr(l2, l3 - l2) + b.substr(l1, l2 - l1) + b.substr(l3);
            out.push_back(check("malformed_batch (household after person)", 422, "malformed_batch", signed_put(id, moved)));
        }
        {
            auto [id, b] = fresh();
            // The answers as the tablet wrote them, questionnaire order: valid JSON, not canonical.
            const auto at = b.find("{\"answers\":{\"q13_education\"");
            const auto end = b.find("},", at);
            std::string spelled = b.substr(0, at) + "{\"answers\":" + sample_records().persons[0].answers_json + b.substr(end + 1);
            out.push_back(check("not_canonical", 422, "not_canonical", signed_put(id, spelled)));
        }
        {
            auto [id, b] = fresh();
            out.push_back(check("uuid_mismatch", 400, "uuid_mismatch", signed_put(id, sample_body(random_uuid(), ws))));
        }
        {
            auto [id, b] = fresh();
            const std::string other = ws == "ws-00-00" ? "ws-00-01" : "ws-00-00";
            out.push_back(check("workstation_mismatch", 403, "workstation_mismatch", signed_put(id, sample_body(id, other))));
        }
        return out;
    }

private:
    const ConformanceCommand& cmd_;
    Identity identity_;
    Poco::URI uri_;
    Poco::Net::Context::Ptr context_;
    std::string receipt_pem_;
    Answer last_;
};

std::string expected_text(const ConformanceCase& c) {
    return c.expected_code.empty() ? std::to_string(c.expected_status) : fmt::format("{} {}", c.expected_status, c.expected_code);
}
std::string answer_text(const ConformanceCase& c) {
    if (c.status == 0) return "-";
    return c.code.empty() ? std::to_string(c.status) : fmt::format("{} {}", c.status, c.code);
}

}  // namespace

std::vector<ConformanceCase> run_conformance(const ConformanceCommand& cmd, std::string& error) {
    auto cert = read_text(cmd.client_certificate);
    auto key = read_text(cmd.client_key);
    if (!cert || !key) {
        error = "cannot read --client-cert or --client-key";
        return {};
    }
    auto identity = Identity::from_pem(*cert, *key);
    if (!identity) {
        error = "--client-cert and --client-key are not a certificate and its key (PEM): " + identity.error().detail;
        return {};
    }
    Poco::URI uri;
    try {
        uri = Poco::URI(cmd.url);
    } catch (const Poco::Exception& e) {
        error = "--conformance wants https://HOST:PORT: " + e.displayText();
        return {};
    }
    if (uri.getScheme() != "https" || uri.getHost().empty()) {
        error = "--conformance wants https://HOST:PORT, not " + cmd.url;
        return {};
    }
    Poco::Net::Context::Params params;
    params.certificateFile = cmd.client_certificate.string();
    params.privateKeyFile = cmd.client_key.string();
    params.caLocation = cmd.ca.string();
    params.loadDefaultCAs = false;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    Poco::Net::Context::Ptr context;
    try {
        context = Poco::makeAuto<Poco::Net::Context>(Poco::Net::Context::TLS_CLIENT_USE, params);
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    } catch (const Poco::Exception& e) {
        error = "the TLS client cannot be set up: " + e.displayText();
        return {};
    }
    Runner runner(cmd, std::move(*identity), uri, context);
    return runner.run();
}

int report_conformance(const ConformanceCommand& cmd, const std::vector<ConformanceCase>& cases, const std::string& error) {
    std::size_t differ = 0;
    for (const auto& c : cases) differ += c.ok() ? 0 : 1;
    if (cmd.json) {
        nlohmann::ordered_json doc{{"url", cmd.url}, {"cases", nlohmann::ordered_json::array()}};
        for (const auto& c : cases)
            doc["cases"].push_back({{"case", c.name},
                                    {"expected_status", c.expected_status},
                                    {"expected_code", c.expected_code},
                                    {"status", c.status},
                                    {"code", c.code},
                                    {"ok", c.ok()},
                                    {"note", c.note}});
        doc["differences"] = differ;
        if (!error.empty()) doc["error"] = error;
        fmt::print("{}\n", doc.dump());
    } else {
        if (!error.empty()) fmt::print(stderr, "sanaq-upstream: {}\n", error);
        for (const auto& c : cases)
            fmt::print("{:<8} {:<42} expected {:<30} got {}{}\n", c.ok() ? "ok" : "DIFFERS", c.name, expected_text(c),
                       answer_text(c), c.note.empty() ? "" : " — " + c.note);
        if (error.empty())
            fmt::print("{} of {} answers as the spec says; {} differ\n", cases.size() - differ, cases.size(), differ);
    }
    if (!error.empty()) return 4;
    return differ == 0 ? 0 : 1;
}

}  // namespace sanaq::upstream::receiver
