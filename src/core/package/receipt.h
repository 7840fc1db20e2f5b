#pragma once
// The receipt the workstation writes back onto the tablet after a package's records committed:
// the tablet app may delete a package once it holds a receipt that verifies against the
// department's signing key. Carries the date and time of the pull — the seeds' "mark of sending".
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sanaq::package {

struct Receipt {
    std::string package_uuid;
    std::string payload_sha256;
    std::string status;            // "received" or "already_received"
    std::string kit_number;
    std::string pulled_at_utc;     // "YYYY-MM-DDTHH:MM:SSZ"
    std::string department_key;    // fingerprint of the signing key
    std::int64_t households = 0, persons = 0;
};

/// JSON text with an Ed25519 signature (see the spec); file name: receipt_file_name().
Result<std::string> sign_receipt(const Receipt& receipt, std::string_view department_signing_private_pem);
Result<Receipt> verify_receipt(std::string_view text, std::string_view department_signing_public_pem);
std::string receipt_file_name(std::string_view package_uuid);   // "<uuid>.receipt.json"

}  // namespace sanaq::package
