#include "upstream/protocol/receipt.h"

#include <nlohmann/json.hpp>

#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/identity.h"

namespace sanaq::upstream {
namespace {

bool lower_hex64(std::string_view s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string receipt_text(const Receipt& r, bool with_signature) {
    std::string out = "{";
    if (r.audit_head) {   // keys in code-point order: "audit_head" first
        out += "\"audit_head\":{\"hash\":";
        append_json_string(out, r.audit_head->hash);
        out += ",\"seq\":" + std::to_string(r.audit_head->seq) + "},";
    }
    out += "\"batch_uuid\":";
    append_json_string(out, r.batch_uuid);
    out += ",\"digest\":";
    append_json_string(out, r.digest);
    out += ",\"households\":" + std::to_string(r.households);
    out += ",\"persons\":" + std::to_string(r.persons);
    out += ",\"received_at\":";
    append_json_string(out, r.received_at);
    out += ",\"server\":";
    append_json_string(out, r.server);
    if (with_signature) {
        out += ",\"signature\":";
        append_json_string(out, r.signature);
    }
    out += '}';
    return out;
}

}  // namespace

std::string audit_head_header(const AuditHeadRef& head) { return std::to_string(head.seq) + ":" + head.hash; }

std::optional<AuditHeadRef> parse_audit_head_header(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 18) return std::nullopt;
    AuditHeadRef head;
    for (char c : text.substr(0, colon)) {
        if (c < '0' || c > '9') return std::nullopt;
        head.seq = head.seq * 10 + (c - '0');
    }
    if (colon > 1 && text[0] == '0') return std::nullopt;   // no leading zeros: one text per head
    head.hash = std::string(text.substr(colon + 1));
    if (!lower_hex64(head.hash)) return std::nullopt;
    return head;
}

std::string receipt_signed_text(const Receipt& receipt) { return receipt_text(receipt, false); }
std::string receipt_json(const Receipt& receipt) { return receipt_text(receipt, true); }

Result<Receipt> parse_receipt(std::string_view text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    auto bad = [] {
        return fail(ErrorCode::InvalidInput, N_("The server's receipt cannot be read."));
    };
    if (!j.is_object()) return bad();
    try {
        Receipt r;
        r.batch_uuid = j.at("batch_uuid").get<std::string>();
        r.digest = j.at("digest").get<std::string>();
        r.households = j.at("households").get<std::int64_t>();
        r.persons = j.at("persons").get<std::int64_t>();
        r.received_at = j.at("received_at").get<std::string>();
        r.server = j.at("server").get<std::string>();
        r.signature = j.value("signature", "");
        if (j.contains("audit_head")) {
            const auto& h = j.at("audit_head");
            AuditHeadRef head{h.at("seq").get<std::int64_t>(), h.at("hash").get<std::string>()};
            if (head.seq < 0 || !lower_hex64(head.hash)) return bad();
            r.audit_head = std::move(head);
        }
        return r;
    } catch (const nlohmann::json::exception&) {
        return bad();
    }
}

bool receipt_verifies(const Receipt& receipt, std::string_view receipt_public_pem) {
    auto sig = base64_decode(receipt.signature);
    return sig && verify_with_public_pem(receipt_public_pem, receipt_signed_text(receipt), *sig);
}

std::string error_body(std::string_view code, std::string_view message) {
    std::string out = "{\"error\":{\"code\":";
    append_json_string(out, code);
    out += ",\"message\":";
    append_json_string(out, message);
    out += "}}";
    return out;
}

ServerError parse_error_body(std::string_view body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object()) {
        const auto& e = j["error"];
        return {e.value("code", ""), e.value("message", "")};
    }
    return {"", std::string(body.substr(0, 300))};
}

}  // namespace sanaq::upstream
