#pragma once
// One PUT of one batch, and what came of it in the protocol's terms. The HTTPS implementation is
// https_transport.h; tests of the outbox logic alone may use a scripted one.
#include <string>

namespace sanaq::upstream {

struct OutgoingBatch {
    std::string uuid;
    std::string digest;
    std::string signature_b64;
    std::string compressed_body;
    std::string audit_head;   // Sanaq-Audit-Head ("<seq>:<hash>"): the trail's head as the batch leaves
};

enum class SendVerdict {
    Accepted,       // 201, or 200 for a batch the server already held: `receipt_json` is set
    Conflict,       // 409: same UUID, different content — hold the batch
    Refused,        // another 4xx: permanent — hold the batch with the server's reason
    Temporary,      // 408, 429, 5xx, timeouts, resets: retry later
    NotConnected,   // nothing reached the server (unreachable, TLS refused): retry later, stop this pass
};

struct SendOutcome {
    SendVerdict verdict = SendVerdict::Temporary;
    int http_status = 0;             // 0 when no answer came
    int retry_after_seconds = -1;    // from Retry-After, -1 when absent
    std::string receipt_json;        // Accepted
    std::string error_code;          // stable code: "server_unreachable", "server_certificate", … or the server's
    std::string detail;              // the library's or the server's words, untranslated
};

class BatchTransport {
public:
    virtual ~BatchTransport() = default;
    virtual SendOutcome put_batch(const OutgoingBatch& batch) = 0;
};

}  // namespace sanaq::upstream
