#include "upstream/server/batch_request.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/X509Certificate.h>

#include <fmt/format.h>

#include "core/domain/clock.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/receipt.h"
#include "crypto/crypto.h"

namespace sanaq::upstream::receiver {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr std::string_view kBatchesPath = "/v1/batches/";
constexpr std::string_view kBatchMediaType = "application/x-sanaq-batch";
constexpr std::string_view kDigestPrefix = "sha-256=";

/// How a request ends: an answer, or a connection closed without one.
struct Outcome {
    int status = 0;              // 0: no answer (the connection was closed)
    std::string body;            // JSON: a receipt or an error body
    std::string code;            // error code or what happened, for the log
    bool read_whole_body = false;   // else the connection is closed after the answer
    int retry_after = -1;
    bool allow_put = false;      // 405
    bool created = false;        // 201: a Location header

    static Outcome error(int status, std::string_view code, std::string_view message) {
        return Outcome{status, error_body(code, message), std::string(code)};
    }
    static Outcome dropped(std::string why) { return Outcome{0, {}, std::move(why)}; }
};

std::string lower_trimmed(std::string_view text) {
    auto first = text.find_first_not_of(" \t");
    auto last = text.find_last_not_of(" \t");
    std::string out = first == std::string_view::npos ? std::string() : std::string(text.substr(first, last - first + 1));
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool is_lower_hex(std::string_view s, std::size_t size) {
    return s.size() == size &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The log shows where a stray request went, but never more than a short, printable path.
std::string loggable(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 80)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return out;
}

Poco::Net::SecureStreamSocket connection_of(HTTPServerRequest& request) {
    auto& impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request);
    return Poco::Net::SecureStreamSocket(impl.socket());
}

// Closes the TCP connection under TLS without an answer and without a TLS close_notify: to the
// client this is a connection reset mid-exchange, a temporary failure.
void abort_connection(HTTPServerRequest& request, HTTPServerResponse& response) {
    response.setKeepAlive(false);
    try {
        connection_of(request).abort();
    } catch (const Poco::Exception&) {
    }
}

std::optional<std::string> peer_certificate_pem(HTTPServerRequest& request) {
    auto socket = connection_of(request);
    if (!socket.havePeerCertificate()) return std::nullopt;
    std::ostringstream pem;
    socket.peerCertificate().save(pem);
    return pem.str();
}

// Reads up to `size` body bytes; fewer when the client went away. The buffer grows with the bytes
// that arrive (reserved, not filled, up front): a declared length costs nothing until it is sent.
std::string read_body(HTTPServerRequest& request, std::size_t size) {
    std::string body;
    body.reserve(size);
    auto& in = request.stream();
    while (body.size() < size && in) {
        std::size_t got = body.size();
        std::size_t chunk = std::min<std::size_t>(size - got, 1u << 20);
        body.resize(got + chunk);
        in.read(body.data() + got, static_cast<std::streamsize>(chunk));
        body.resize(got + static_cast<std::size_t>(in.gcount()));
    }
    return body;
}

// Reads and discards a body we will not use, so the answer is not lost in a reset caused by
// unread bytes. Only when its end is known and within the limit; true when it was read whole.
bool drain_body(HTTPServerRequest& request) {
    bool bounded = request.getChunkedTransferEncoding() ||
                   (request.hasContentLength() && request.getContentLength64() >= 0 &&
                    static_cast<std::uint64_t>(request.getContentLength64()) <= kMaxCompressedBody);
    if (!bounded) return false;
    auto& in = request.stream();
    char buffer[64 * 1024];
    std::size_t total = 0;
    while (in && total <= kMaxCompressedBody) {
        in.read(buffer, sizeof buffer);
        total += static_cast<std::size_t>(in.gcount());
    }
    return in.eof() && total <= kMaxCompressedBody;
}

class BatchRequestHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit BatchRequestHandler(ReceiverSetup& setup) : setup_(setup) {}

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        auto started = std::chrono::steady_clock::now();
        Outcome outcome;
        bool is_put = request.getMethod() == Poco::Net::HTTPRequest::HTTP_PUT;
        try {
            outcome = handle(request, is_put);
        } catch (const Poco::Exception&) {
            // Reading the body timed out or the connection broke: nobody is left to answer.
            outcome = Outcome::dropped("connection-lost");
        } catch (const std::exception&) {
            outcome = Outcome::error(500, "internal", "The receiver failed unexpectedly.");
        }
        if (outcome.status == 0) {
            abort_connection(request, response);
        } else {
            if (is_put && setup_.faults.options().stall_ms > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(setup_.faults.options().stall_ms));
            send(request, response, outcome);
        }
        log(request, outcome, started);
    }

private:
    Outcome handle(HTTPServerRequest& request, bool is_put) {
        const std::string& uri = request.getURI();
        if (!uri.starts_with(kBatchesPath)) {
            auto o = Outcome::error(404, "not_found", "There is no such resource; batches go to /v1/batches/{uuid}.");
            o.read_whole_body = drain_body(request);
            return o;
        }
        if (!is_put) {
            auto o = Outcome::error(405, "method_not_allowed", "Batches are sent with PUT.");
            o.allow_put = true;
            o.read_whole_body = drain_body(request);
            return o;
        }
        uuid_ = uri.substr(kBatchesPath.size());
        if (!is_canonical_uuid(uuid_)) {
            uuid_.clear();
            auto o = Outcome::error(400, "bad_uuid", "The path must end in the batch UUID in lower-case canonical form.");
            o.read_whole_body = drain_body(request);
            return o;
        }

        FaultDecision fault = setup_.faults.next_put();
        if (fault.unavailable) {
            auto o = Outcome::error(503, "unavailable", "The receiver is not taking batches right now.");
            o.retry_after = setup_.faults.options().retry_after_seconds;
            o.read_whole_body = drain_body(request);
            return o;
        }
        if (fault.fail) {
            auto o = Outcome::error(500, "internal", "The receiver failed (a deliberate fault).");
            o.read_whole_body = drain_body(request);
            return o;
        }
        if (fault.drop_mid_body) {
            std::size_t half = request.hasContentLength()
                                   ? static_cast<std::size_t>(std::clamp<std::int64_t>(
                                         request.getContentLength64() / 2, 0, kMaxCompressedBody))
                                   : 1024;
            read_body(request, half);
            return Outcome::dropped("fault:dropped-mid-body");
        }

        Outcome o = check_and_store(request);
        if (fault.lose_answer && (o.status == 201 || o.status == 200))
            return Outcome::dropped(fmt::format("fault:answer-lost({})", o.status));
        return o;
    }

    // The spec's checks, in its order, after the method and path.
    Outcome check_and_store(HTTPServerRequest& request) {
        auto unread = [&](Outcome o) {
            o.read_whole_body = drain_body(request);
            return o;
        };
        auto certificate = peer_certificate_pem(request);
        // The TLS context requires a client certificate (check 0), so a request without one never
        // gets here; should one, no workstation is named: check 15's answer (the spec has no 401).
        if (!certificate)
            return unread(Outcome::error(403, "workstation_mismatch", "No client certificate names a workstation."));

        auto media_type = lower_trimmed(request.getContentType().substr(0, request.getContentType().find(';')));
        if (media_type != kBatchMediaType)
            return unread(Outcome::error(415, "unsupported_media_type",
                                         "The Content-Type must be application/x-sanaq-batch."));
        if (lower_trimmed(request.get("Content-Encoding", "")) != "gzip")
            return unread(Outcome::error(415, "unsupported_encoding", "The Content-Encoding must be gzip."));
        if (request.getChunkedTransferEncoding() || !request.hasContentLength())
            return unread(Outcome::error(411, "length_required", "The body must be sent with a Content-Length."));
        auto length = request.getContentLength64();
        if (length < 0 || static_cast<std::uint64_t>(length) > kMaxCompressedBody)
            return Outcome::error(413, "too_large", "The compressed body is larger than 64 MiB.");

        std::string digest_header = request.get("Sanaq-Digest", "");
        std::string claimed_digest =
            digest_header.starts_with(kDigestPrefix) ? digest_header.substr(kDigestPrefix.size()) : std::string();
        if (!is_lower_hex(claimed_digest, 64))
            return unread(Outcome::error(400, "bad_header", "Sanaq-Digest must be sha-256= and 64 lower-case hex digits."));
        auto signature = crypto::from_base64(request.get("Sanaq-Signature", ""));
        if (!signature || signature->empty())
            return unread(Outcome::error(400, "bad_header", "Sanaq-Signature must be the signature in base64."));
        // Optional: the workstation's audit head, witnessed in the receipt ("Audit head").
        if (request.has("Sanaq-Audit-Head")) {
            audit_head_ = parse_audit_head_header(request.get("Sanaq-Audit-Head"));
            if (!audit_head_)
                return unread(Outcome::error(400, "bad_header", "Sanaq-Audit-Head must be <seq>:<64 lower-case hex digits>."));
        }

        // The signature covers the claimed digest, so it is checked before a byte of the body is
        // read: a stranger's body (a bomb included) costs neither memory nor inflating.
        if (!verify_by_certificate(*certificate, batch_signing_text(uuid_, claimed_digest), *signature))
            return unread(Outcome::error(422, "bad_signature",
                                         "Sanaq-Signature does not verify with the client certificate's key."));

        auto busy = [&] {
            auto o = Outcome::error(503, "busy", "The receiver holds as many batches as it can; send again shortly.");
            o.retry_after = kBusyRetryAfterSeconds;
            return o;
        };
        auto lease = setup_.budget.take(static_cast<std::size_t>(length));
        if (!lease) return unread(busy());
        std::string compressed = read_body(request, static_cast<std::size_t>(length));
        if (compressed.size() != static_cast<std::size_t>(length)) return Outcome::dropped("connection-lost");
        auto answered = [](Outcome o) {
            o.read_whole_body = true;
            return o;
        };

        // Inflated once through a small window for its size and digest, kept nothing of: only a
        // body that is exactly what the workstation signed is inflated into memory.
        auto measured = gzip_measure(compressed, kMaxInflatedBody);
        if (measured.verdict == GzipMeasure::Verdict::TooLarge)
            return answered(Outcome::error(413, "too_large", "The body inflates to more than 512 MiB."));
        if (measured.verdict == GzipMeasure::Verdict::NotGzip)
            return answered(Outcome::error(400, "bad_gzip", "The body is not a complete gzip stream."));
        const std::string& digest = measured.sha256_hex;
        if (digest != claimed_digest)
            return answered(Outcome::error(422, "digest_mismatch",
                                           "Sanaq-Digest is not the SHA-256 of the decompressed body."));
        if (!lease->grow(measured.inflated_size)) return answered(busy());
        auto body = gzip_decompress_sized(compressed, measured.inflated_size);
        if (!body) return answered(Outcome::error(400, "bad_gzip", "The body is not a complete gzip stream."));
        auto batch = parse_batch_body(*body);
        if (!batch) return answered(Outcome::error(422, "malformed_batch", batch.error().detail));
        // The workstation and this receiver sign and hash the same bytes only while both write
        // the one canonical form: a line in any other is refused, not read liberally.
        auto not_canonical = first_non_canonical_line(*body);
        body.reset();   // up to 512 MiB: not kept longer than needed
        if (not_canonical)
            return answered(Outcome::error(422, "not_canonical",
                                           "A line of the batch is not canonical JSON: " + *not_canonical + "."));
        if (batch->manifest.batch_uuid != uuid_)
            return answered(Outcome::error(400, "uuid_mismatch", "The manifest's batch_uuid is not the UUID in the path."));
        auto cert_info = certificate_info(*certificate);
        if (!cert_info || cert_info->subject_cn != batch->manifest.workstation)
            return answered(Outcome::error(403, "workstation_mismatch",
                                       "The manifest's workstation is not the client certificate's CN."));

        return answered(store(compressed, *batch, digest));
    }

    Outcome store(const std::string& compressed, const ParsedBatch& batch, const std::string& digest) {
        auto lock = setup_.store.lock_batch(uuid_);
        if (auto held = setup_.store.find(uuid_)) {
            if (held->digest == digest) return Outcome{200, held->receipt_json, "already-held"};
            return Outcome::error(409, "conflict", "A batch with this UUID and another digest is already held.");
        }
        Receipt receipt{uuid_, digest, batch.manifest.households, batch.manifest.persons,
                        iso_utc(std::chrono::system_clock::now()), setup_.server_name, "", audit_head_};
        auto signature = sign_with_private_pem(setup_.receipt_key_pem, receipt_signed_text(receipt));
        if (!signature) return Outcome::error(500, "internal", "The receipt could not be signed.");
        receipt.signature = crypto::to_base64(*signature);
        std::string json = receipt_json(receipt);
        if (auto st = setup_.store.commit(uuid_, compressed, batch.records, json, digest); !st) {
            std::lock_guard lock_log(log_mutex());
            fmt::print(stderr, "store failure for batch {}: {} {}\n", uuid_, st.error().message_id, st.error().detail);
            return Outcome::error(500, "store_failed", "The batch could not be stored.");
        }
        Outcome o{201, std::move(json), "stored"};
        o.created = true;
        return o;
    }

    void send(HTTPServerRequest& request, HTTPServerResponse& response, const Outcome& o) {
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(o.status));
        response.setContentType("application/json");
        response.setContentLength64(static_cast<Poco::Int64>(o.body.size()));
        if (!o.read_whole_body) response.setKeepAlive(false);
        if (o.retry_after >= 0) response.set("Retry-After", std::to_string(o.retry_after));
        if (o.allow_put) response.set("Allow", "PUT");
        if (o.created) response.set("Location", request.getURI());
        response.sendBuffer(o.body.data(), o.body.size());
    }

    void log(HTTPServerRequest& request, const Outcome& o, std::chrono::steady_clock::time_point started) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        std::string what = uuid_.empty() ? loggable(request.getURI()) : uuid_;
        std::string status = o.status ? std::to_string(o.status) : std::string("-");
        std::lock_guard lock(log_mutex());
        fmt::print(stderr, "{} {} {} {} {}ms {}\n", iso_utc(std::chrono::system_clock::now()),
                   loggable(request.getMethod()), what, status, ms.count(), o.code);
        std::fflush(stderr);
    }

    static std::mutex& log_mutex() {
        static std::mutex m;
        return m;
    }

    ReceiverSetup& setup_;
    std::string uuid_;   // the path's batch UUID once it is known to be one
    std::optional<AuditHeadRef> audit_head_;   // the request's Sanaq-Audit-Head, when it carried one
};

}  // namespace

Poco::Net::HTTPRequestHandler* BatchRequestHandlerFactory::createRequestHandler(const HTTPServerRequest&) {
    return new BatchRequestHandler(setup_);
}

}  // namespace sanaq::upstream::receiver
