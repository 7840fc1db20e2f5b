#include "core/package/receipt.h"

#include <nlohmann/json.hpp>

#include "core/package/format.h"
#include "crypto/crypto.h"

namespace sanaq::package {

using namespace detail;
using nlohmann::json;

namespace {

constexpr std::string_view kReceiptFormat = "sanaq-receipt";
constexpr int kReceiptVersion = 1;

/// The signed body: every member but "signature", keys sorted, no whitespace (nlohmann's
/// default object is a std::map, so dump() gives exactly the canonical form of the spec).
json body_of(const Receipt& r) {
    return json{
        {"format", std::string(kReceiptFormat)},
        {"format_version", kReceiptVersion},
        {"package_uuid", r.package_uuid},
        {"payload_sha256", r.payload_sha256},
        {"status", r.status},
        {"kit_number", r.kit_number},
        {"pulled_at_utc", r.pulled_at_utc},
        {"department_key", r.department_key},
        {"households", r.households},
        {"persons", r.persons},
    };
}

std::string canonical(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Error bad_receipt(std::string detail) {
    return Error::make(ErrorCode::InvalidInput,
                       N_("The receipt is damaged or was not issued by this department's key."), {},
                       std::move(detail));
}

}  // namespace

std::string receipt_file_name(std::string_view package_uuid) {
    return std::string(package_uuid) + ".receipt.json";
}

Result<std::string> sign_receipt(const Receipt& receipt, std::string_view department_signing_private_pem) {
    auto key = crypto::KeyHandle::from_private_pem(crypto::KeyType::Ed25519, department_signing_private_pem);
    if (!key)
        return fail(ErrorCode::InvalidInput, N_("The department signing key is not an Ed25519 private key. Check the workspace keys."));
    if (receipt.status != "received" && receipt.status != "already_received")
        return fail(ErrorCode::InvalidInput, N_("A receipt's status must be received or already_received."));
    Receipt r = receipt;
    if (r.department_key.empty()) r.department_key = crypto::sha256_hex(key.public_raw());
    json j = body_of(r);
    auto sig = crypto::ed25519_sign(key, canonical(j));
    if (!sig) return fail(ErrorCode::Unexpected, N_("Could not sign the receipt."));
    j["signature"] = crypto::to_hex(*sig);
    return canonical(j) + "\n";
}

Result<Receipt> verify_receipt(std::string_view text, std::string_view department_signing_public_pem) {
    auto key = crypto::KeyHandle::from_public_pem(crypto::KeyType::Ed25519, department_signing_public_pem);
    if (!key)
        return fail(ErrorCode::InvalidInput, N_("The department key file does not hold an Ed25519 public key."));
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::unexpected(bad_receipt("not a JSON object"));
    auto sig_it = j.find("signature");
    if (sig_it == j.end() || !sig_it->is_string()) return std::unexpected(bad_receipt("no signature"));
    auto sig = crypto::from_hex(sig_it->get<std::string>());
    if (!sig || sig->size() != kSignatureSize) return std::unexpected(bad_receipt("signature is not 128 hex digits"));
    j.erase("signature");
    if (!crypto::ed25519_verify(key, canonical(j), *sig)) return std::unexpected(bad_receipt("signature does not verify"));

    Receipt r;
    try {
        if (j.at("format").get<std::string>() != kReceiptFormat || j.at("format_version").get<int>() != kReceiptVersion)
            return std::unexpected(bad_receipt("unknown receipt format"));
        r.package_uuid = j.at("package_uuid").get<std::string>();
        r.payload_sha256 = j.at("payload_sha256").get<std::string>();
        r.status = j.at("status").get<std::string>();
        r.kit_number = j.at("kit_number").get<std::string>();
        r.pulled_at_utc = j.at("pulled_at_utc").get<std::string>();
        r.department_key = j.at("department_key").get<std::string>();
        r.households = j.at("households").get<std::int64_t>();
        r.persons = j.at("persons").get<std::int64_t>();
    } catch (const json::exception& e) {
        return std::unexpected(bad_receipt(e.what()));
    }
    if (r.department_key != crypto::sha256_hex(key.public_raw()))
        return std::unexpected(bad_receipt("department_key is not the verifying key's fingerprint"));
    return r;
}

}  // namespace sanaq::package
