#pragma once
// The receiver's signed receipt (201/200) and error body (4xx/5xx) — src/upstream/README.md,
// "Responses".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sanaq::upstream {

/// The workstation's audit head as it sent a batch (header Sanaq-Audit-Head), witnessed in the
/// receipt (src/upstream/README.md, "Audit head").
struct AuditHeadRef {
    std::int64_t seq = 0;
    std::string hash;   // 64 lower-case hex digits
    friend bool operator==(const AuditHeadRef&, const AuditHeadRef&) = default;
};
/// "<seq>:<hash>", e.g. "1234:9f86…"; parse_audit_head_header refuses anything else.
std::string audit_head_header(const AuditHeadRef& head);
std::optional<AuditHeadRef> parse_audit_head_header(std::string_view text);

struct Receipt {
    std::string batch_uuid;
    std::string digest;
    std::int64_t households = 0;
    std::int64_t persons = 0;
    std::string received_at;   // UTC "YYYY-MM-DDTHH:MM:SSZ"
    std::string server;
    std::string signature;     // base64 over receipt_signed_text()
    std::optional<AuditHeadRef> audit_head;   // present when the request carried one (written first)
    /// Set by parse_receipt: the canonical JSON of the receipt as received without `signature`,
    /// members this struct does not know included — what the signature covers. Empty for a
    /// receipt built here (receipt_signed_text gives its text).
    std::string signed_text;
};

/// Canonical JSON of the receipt without `signature`: what the receipt key signs.
std::string receipt_signed_text(const Receipt& receipt);
/// Canonical JSON of the whole receipt (one line, no trailing newline).
std::string receipt_json(const Receipt& receipt);
/// Reads a receipt by the spec's rule (src/upstream/README.md, "Receipt"): a JSON object with the
/// required members in their types, `digest` as 64 lower-case hex digits (or `sha-256=` and them:
/// `digest` then holds the hex alone), an optional well-formed `audit_head`; other members are
/// allowed and ignored, but signed. A duplicate member name refuses it. InvalidInput, the rule
/// broken in the detail.
Result<Receipt> parse_receipt(std::string_view json);
/// The signature checks out under the receiver's public receipt key (PEM), over `signed_text`
/// (or receipt_signed_text for a receipt built here).
bool receipt_verifies(const Receipt& receipt, std::string_view receipt_public_pem);

/// {"error":{"code":"…","message":"…"}}
std::string error_body(std::string_view code, std::string_view message);
struct ServerError {
    std::string code;
    std::string message;
};
/// Empty code and the raw text (cut to 300 bytes) as message when the body is not such JSON.
ServerError parse_error_body(std::string_view body);

}  // namespace sanaq::upstream
