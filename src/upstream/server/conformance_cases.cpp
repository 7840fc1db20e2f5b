#include "upstream/server/conformance_cases.h"

#include <zlib.h>

#include <cctype>
#include <memory>
#include <stdexcept>

#include "crypto/crypto.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/sample_batch.h"
#include "upstream/server/batch_request.h"

namespace sanaq::upstream::receiver {
namespace {

constexpr const char* kCreatedAt = "2026-10-05T11:02:13Z";

// The sample records as one batch under `uuid`, naming `workstation`.
std::string sample_body(const std::string& uuid, const std::string& workstation, const std::string& created_at = kCreatedAt) {
    const auto& r = sample_records();
    std::string body;
    append_manifest_line(body, {uuid, workstation, created_at, 1, static_cast<std::int64_t>(r.persons.size())});
    append_household_line(body, r.household, r.from);
    for (const auto& p : r.persons) append_person_line(body, p, r.from);
    return body;
}

struct Bomb {
    std::string gzip;     // kMaxInflatedBody + 1 zero bytes, as gzip
    std::string digest;   // SHA-256 of what it inflates to
};

// One byte over the inflated limit, in about half a megabyte: made once, streamed through zlib
// and SHA-256 from a small buffer (never 512 MiB in memory).
const Bomb& inflate_bomb() {
    static const Bomb bomb = [] {
        Bomb b;
        const std::size_t total = kMaxInflatedBody + 1;
        const std::string zeros(1 << 20, '\0');
        z_stream zs{};
        if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
            throw std::runtime_error("deflateInit2 failed");
        crypto::Sha256 md;
        std::string out(64 << 10, '\0');
        std::size_t fed = 0;
        int flush = Z_NO_FLUSH;
        do {
            if (zs.avail_in == 0 && fed < total) {
                const std::size_t n = std::min(zeros.size(), total - fed);
                zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
                zs.avail_in = static_cast<uInt>(n);
                md.update(std::string_view(zeros).substr(0, n));
                fed += n;
            }
            flush = fed == total ? Z_FINISH : Z_NO_FLUSH;
            zs.next_out = reinterpret_cast<Bytef*>(out.data());
            zs.avail_out = static_cast<uInt>(out.size());
            const int rc = deflate(&zs, flush);
            if (rc == Z_STREAM_ERROR) throw std::runtime_error("deflate failed");
            b.gzip.append(out.data(), out.size() - zs.avail_out);
            if (rc == Z_STREAM_END) break;
        } while (true);
        deflateEnd(&zs);
        b.digest = md.final_hex();
        return b;
    }();
    return bomb;
}

class CaseMaker {
public:
    explicit CaseMaker(const CaseSigner& signer) : signer_(signer) {}

    std::string signature(const std::string& text) const {
        auto s = signer_.sign(text);
        if (!s) throw std::runtime_error("the workstation key could not sign");
        return crypto::to_base64(*s);
    }

    // A correct PUT of `body` (its gzip, its digest, its signature) under `uuid`.
    ProtocolCase signed_put(std::string name, int check, std::string deviation, int status, std::string code,
                            const std::string& uuid, const std::string& body) const {
        ProtocolCase c;
        c.name = std::move(name);
        c.check = check;
        c.deviation = std::move(deviation);
        c.expected_status = status;
        c.expected_code = std::move(code);
        c.batch_body = body;
        const std::string digest = crypto::sha256_hex(body);
        c.signing_text = batch_signing_text(uuid, digest);
        c.request.path = "/v1/batches/" + uuid;
        c.request.body = gzip_compress(body, 9);
        c.request.headers = {{"Content-Type", "application/x-sanaq-batch"},
                             {"Content-Encoding", "gzip"},
                             {"Content-Length", std::to_string(c.request.body.size())},
                             {"Sanaq-Digest", "sha-256=" + digest},
                             {"Sanaq-Signature", signature(c.signing_text)}};
        return c;
    }

    // The same for a fresh UUID and the sample batch, as `mutate` leaves it.
    ProtocolCase fresh(std::string name, int check, std::string deviation, int status, std::string code,
                       const std::function<void(std::string& body)>& mutate = {}) const {
        const std::string uuid = signer_.next_uuid();
        std::string body = sample_body(uuid, signer_.workstation);
        if (mutate) mutate(body);
        return signed_put(std::move(name), check, std::move(deviation), status, std::move(code), uuid, body);
    }

    const CaseSigner& signer() const { return signer_; }

private:
    const CaseSigner& signer_;
};

void set_header(CaseRequest& r, const std::string& name, const std::string& value) {
    for (auto& [n, v] : r.headers)
        if (n == name) {
            v = value;
            return;
        }
    r.headers.emplace_back(name, value);
}

void drop_header(CaseRequest& r, const std::string& name) {
    std::erase_if(r.headers, [&](const auto& h) { return h.first == name; });
}

// Re-signs a case for another claimed digest (the signature covers the claimed one).
void claim_digest(const CaseMaker& m, ProtocolCase& c, const std::string& uuid, const std::string& digest) {
    set_header(c.request, "Sanaq-Digest", "sha-256=" + digest);
    c.signing_text = batch_signing_text(uuid, digest);
    set_header(c.request, "Sanaq-Signature", m.signature(c.signing_text));
}

std::string uuid_of(const ProtocolCase& c) { return c.request.path.substr(c.request.path.rfind('/') + 1); }

}  // namespace

std::vector<ProtocolCase> protocol_cases(const CaseSigner& signer) {
    CaseMaker m(signer);
    const std::string& ws = signer.workstation;
    std::vector<ProtocolCase> out;

    // The valid batch, twice, then other content under its UUID.
    const std::string uuid = signer.next_uuid();
    out.push_back(m.signed_put("accepted", 0, "none: the test vectors' batch, as the workstation sends it", 201, "", uuid,
                               sample_body(uuid, ws)));
    auto repeated = out.back();
    repeated.name = "repeated";
    repeated.deviation = "none: the same batch again (a retry after a lost answer); the answer repeats the receipt";
    repeated.expected_status = 200;
    repeated.after_accepted = true;
    out.push_back(repeated);
    out.push_back(m.signed_put("conflict", 17, "another body (created_at one second later) under the UUID already held",
                               409, "conflict", uuid, sample_body(uuid, ws, "2026-10-05T11:02:14Z")));
    out.back().after_accepted = true;

    {
        auto c = m.fresh("not_found", 1, "the path is /v2/batches/{uuid}", 404, "not_found");
        c.request.path = "/v2/batches/" + uuid_of(c);
        out.push_back(c);
    }
    {
        auto c = m.fresh("method_not_allowed", 2, "POST instead of PUT", 405, "method_not_allowed");
        c.request.method = "POST";
        c.expected_allow = "PUT";
        out.push_back(c);
    }
    {
        auto c = m.fresh("bad_uuid", 3, "the UUID in the path is upper case", 400, "bad_uuid");
        std::string upper = uuid_of(c);
        for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        c.request.path = "/v1/batches/" + upper;
        out.push_back(c);
    }
    {
        auto c = m.fresh("unsupported_media_type", 4, "Content-Type: application/json", 415, "unsupported_media_type");
        set_header(c.request, "Content-Type", "application/json");
        out.push_back(c);
    }
    {
        auto c = m.fresh("unsupported_encoding", 4, "Content-Encoding: identity (the body is gzip all the same)", 415,
                         "unsupported_encoding");
        set_header(c.request, "Content-Encoding", "identity");
        out.push_back(c);
    }
    {
        auto c = m.fresh("length_required", 5, "the body is sent chunked (Transfer-Encoding: chunked), without Content-Length",
                         411, "length_required");
        drop_header(c.request, "Content-Length");
        set_header(c.request, "Transfer-Encoding", "chunked");
        out.push_back(c);
    }
    {
        auto c = m.fresh("too_large", 6, "Content-Length announces 64 MiB + 1 byte; no body is sent", 413, "too_large");
        set_header(c.request, "Content-Length", std::to_string(kMaxCompressedBody + 1));
        c.request.body.clear();
        c.request.body_sent = false;
        out.push_back(c);
    }
    {
        auto c = m.fresh("bad_header (Sanaq-Digest)", 7, "Sanaq-Digest is the 64 hex digits without sha-256=", 400, "bad_header");
        set_header(c.request, "Sanaq-Digest", crypto::sha256_hex(c.batch_body));
        out.push_back(c);
    }
    {
        auto c = m.fresh("bad_header (Sanaq-Signature)", 7, "Sanaq-Signature is not base64", 400, "bad_header");
        set_header(c.request, "Sanaq-Signature", "not base64!");
        c.signing_text.clear();
        out.push_back(c);
    }
    {
        auto c = m.fresh("bad_header (Sanaq-Audit-Head)", 7, "Sanaq-Audit-Head has a sequence number with a leading zero",
                         400, "bad_header");
        c.request.headers.emplace_back("Sanaq-Audit-Head", "01234:" + crypto::sha256_hex("audit entry 1234"));
        out.push_back(c);
    }
    {
        auto c = m.fresh("bad_signature", 8, "Sanaq-Signature signs another digest than the one claimed", 422, "bad_signature");
        c.signing_text = batch_signing_text(uuid_of(c), std::string(64, '0'));
        set_header(c.request, "Sanaq-Signature", m.signature(c.signing_text));
        out.push_back(c);
    }
    {
        auto c = m.fresh("bad_gzip", 10, "the body is the batch itself, not gzip (digest and signature right)", 400, "bad_gzip");
        c.request.body = c.batch_body;
        set_header(c.request, "Content-Length", std::to_string(c.request.body.size()));
        out.push_back(c);
    }
    {
        // Signed with the true digest of what it inflates to: only the size is wrong.
        const auto& bomb = inflate_bomb();
        auto c = m.fresh("too_large (inflated)", 10, "the gzip body inflates to 512 MiB + 1 byte (zeros)", 413, "too_large");
        c.batch_body.clear();
        c.request.body = bomb.gzip;
        set_header(c.request, "Content-Length", std::to_string(c.request.body.size()));
        claim_digest(m, c, uuid_of(c), bomb.digest);
        out.push_back(c);
    }
    {
        auto c = m.fresh("digest_mismatch", 11, "Sanaq-Digest (and the signature) name another digest than the body's", 422,
                         "digest_mismatch");
        claim_digest(m, c, uuid_of(c), std::string(64, 'a'));
        out.push_back(c);
    }
    out.push_back(m.fresh("malformed_batch (counts)", 13, "the manifest counts 3 persons; the batch holds 2", 422,
                          "malformed_batch", [](std::string& b) { b.replace(b.find("\"persons\":2"), 11, "\"persons\":3"); }));
    out.push_back(m.fresh("malformed_batch (household after person)", 13, "the household's line comes after a person's",
                          422, "malformed_batch", [](std::string& b) {
                              const auto l1 = b.find('\n') + 1, l2 = b.find('\n', l1) + 1, l3 = b.find('\n', l2) + 1;
                              b = b.substr(0, l1) + b.substr(l2, l3 - l2) + b.substr(l1, l2 - l1) + b.substr(l3);
                          }));
    out.push_back(m.fresh("not_canonical", 14, "a person's answers as the tablet wrote them (questionnaire order, spaces)",
                          422, "not_canonical", [](std::string& b) {
                              const auto at = b.find("{\"answers\":{\"q13_education\"");
                              const auto end = b.find("},", at);
                              b = b.substr(0, at) + "{\"answers\":" + sample_records().persons[0].answers_json + b.substr(end + 1);
                          }));
    {
        const std::string other = signer.next_uuid();
        out.push_back(m.fresh("uuid_mismatch", 15, "the manifest's batch_uuid is not the path's", 400, "uuid_mismatch",
                              [&](std::string& b) { b = sample_body(other, ws); }));
    }
    {
        const std::string other = ws == "ws-00-00" ? "ws-00-01" : "ws-00-00";
        const std::string id = signer.next_uuid();
        out.push_back(m.signed_put("workstation_mismatch", 16, "the manifest names workstation " + other + ", not the certificate's CN",
                                   403, "workstation_mismatch", id, sample_body(id, other)));
    }
    return out;
}

}  // namespace sanaq::upstream::receiver
