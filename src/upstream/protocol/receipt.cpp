#include "upstream/protocol/receipt.h"

#include <nlohmann/json.hpp>

#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/canonical_json.h"
#include "upstream/protocol/identity.h"
#include "crypto/crypto.h"

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
    auto bad = [](std::string rule) {
        return fail(ErrorCode::InvalidInput, N_("The server's receipt cannot be read."), {}, std::move(rule));
    };
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad("the receipt is not a JSON object");
    // What the signature covers: every member but `signature`, unknown ones included. Also the
    // duplicate check: nlohmann keeps the last of two equal names silently, this refuses them.
    auto signed_text = canonical_json_without(text, "signature");
    if (!signed_text) return bad("the receipt has a member name twice (or nests deeper than 64 levels)");

    auto text_member = [&](const char* name, std::string& to) -> bool {
        auto it = j.find(name);
        if (it == j.end() || !it->is_string()) return false;
        to = it->get<std::string>();
        return true;
    };
    auto count_member = [&](const char* name, std::int64_t& to) -> bool {
        auto it = j.find(name);
        if (it == j.end() || !(it->is_number_integer()) || it->get<std::int64_t>() < 0) return false;
        to = it->get<std::int64_t>();
        return true;
    };
    Receipt r;
    if (!text_member("batch_uuid", r.batch_uuid) || !is_canonical_uuid(r.batch_uuid))
        return bad("batch_uuid is missing or not a lower-case canonical UUID");
    if (!text_member("digest", r.digest)) return bad("digest is missing or not a string");
    if (r.digest.starts_with("sha-256=")) r.digest.erase(0, 8);   // the header's form, read as well
    if (!lower_hex64(r.digest)) return bad("digest is not 64 lower-case hex digits");
    if (!count_member("households", r.households) || !count_member("persons", r.persons))
        return bad("households or persons is missing or not an integer >= 0");
    if (!text_member("received_at", r.received_at) || r.received_at.empty())
        return bad("received_at is missing or not a string");
    if (!text_member("server", r.server)) return bad("server is missing or not a string");
    if (!text_member("signature", r.signature) || r.signature.empty()) return bad("signature is missing or not a string");
    if (auto it = j.find("audit_head"); it != j.end()) {
        const auto& h = *it;
        if (!h.is_object() || !h.contains("seq") || !h["seq"].is_number_integer() || !h.contains("hash") ||
            !h["hash"].is_string())
            return bad("audit_head is not {\"hash\":…,\"seq\":…}");
        AuditHeadRef head{h["seq"].get<std::int64_t>(), h["hash"].get<std::string>()};
        if (head.seq < 0 || !lower_hex64(head.hash)) return bad("audit_head's seq is negative or its hash not 64 lower-case hex digits");
        r.audit_head = std::move(head);
    }
    r.signed_text = std::move(*signed_text);
    return r;
}

bool receipt_verifies(const Receipt& receipt, std::string_view receipt_public_pem) {
    auto sig = crypto::from_base64(receipt.signature);
    const std::string built = receipt.signed_text.empty() ? receipt_signed_text(receipt) : std::string();
    return sig && verify_with_public_pem(receipt_public_pem, receipt.signed_text.empty() ? built : receipt.signed_text, *sig);
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
