#include "upstream/server/conformance.h"

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

#include "crypto/crypto.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/receipt.h"
#include "upstream/protocol/sample_batch.h"
#include "upstream/server/conformance_cases.h"

namespace sanaq::upstream::receiver {
namespace {

std::string random_uuid() {
    unsigned char b[16];
    if (!crypto::fill_random(b, sizeof b)) throw std::runtime_error("no randomness for a batch uuid");
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

    // The request exactly as the case gives it: its method, path, headers (in order) and body.
    Answer send(const CaseRequest& r) const {
        Answer a;
        try {
            Poco::Net::HTTPSClientSession session(uri_.getHost(), uri_.getPort(), context_);
            session.setTimeout(Poco::Timespan(30, 0));
            Poco::Net::HTTPRequest request(r.method, r.path, Poco::Net::HTTPMessage::HTTP_1_1);
            for (const auto& [name, value] : r.headers) request.set(name, value);
            std::ostream& out = session.sendRequest(request);
            if (r.body_sent) out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
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

    ConformanceCase check(const ProtocolCase& spec) {
        Answer a = send(spec.request);
        ConformanceCase c{spec.name, spec.expected_status, spec.expected_code, a.status, "", ""};
        if (!a.failure.empty()) {
            c.note = "no answer: " + a.failure;
            return c;
        }
        if (a.status >= 400) {
            auto e = parse_error_body(a.body);
            c.code = e.code;
            if (e.code.empty()) c.note = "the body is not {\"error\":{\"code\":…,\"message\":…}}";
        }
        if (c.ok() && !spec.expected_allow.empty() && a.headers["Allow"] != spec.expected_allow)
            c.note = "no Allow: " + spec.expected_allow;
        last_ = std::move(a);
        return c;
    }

    // The receipt of a 201/200 by the spec's rule, for the batch sent.
    void check_receipt(ConformanceCase& c, const ProtocolCase& spec) {
        if (c.status != 200 && c.status != 201) return;
        auto r = parse_receipt(last_.body);
        if (!r) {
            c.note = "the receipt breaks the rule: " + r.error().detail;
            return;
        }
        const auto& s = sample_records();
        const std::string uuid = spec.request.path.substr(spec.request.path.rfind('/') + 1);
        if (r->batch_uuid != uuid || r->digest != crypto::sha256_hex(spec.batch_body) || r->households != 1 ||
            r->persons != static_cast<std::int64_t>(s.persons.size()))
            c.note = "the receipt does not name this batch, its digest or its counts";
        else if (cmd_.receipt_public_key && !receipt_verifies(*r, receipt_pem_))
            c.note = "the receipt's signature does not verify with the receipt key given";
    }

    std::vector<ConformanceCase> run() {
        if (cmd_.receipt_public_key) receipt_pem_ = read_text(*cmd_.receipt_public_key).value_or("");
        // The cases of tests/vectors/upstream/refusals-v1.json, made for this workstation and fresh UUIDs.
        CaseSigner signer{[this](std::string_view text) { return identity_.sign(text); }, identity_.info().subject_cn,
                          random_uuid};
        std::vector<ConformanceCase> out;
        std::string first_receipt;
        for (const auto& spec : protocol_cases(signer)) {
            out.push_back(check(spec));
            auto& c = out.back();
            if (spec.expected_status == 201 || spec.expected_status == 200) check_receipt(c, spec);
            if (spec.expected_status == 201) first_receipt = last_.body;
            if (spec.expected_status == 200 && c.status == 200 && c.note.empty() && last_.body != first_receipt)
                c.note = "the 200 does not repeat the receipt of the 201 byte for byte";
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
