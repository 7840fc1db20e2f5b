#pragma once
// What the workstation knows about a tablet export package (format: src/core/package/README.md):
// its manifest as the tablet signed it, and the outcome of receiving it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanaq {

/// The signed manifest of a package. Read before the payload; trusted only once its signature
/// verified against the kit's enrolled device key.
struct PackageManifest {
    int format_version = 1;
    std::string package_uuid;       // lower-case canonical UUID
    std::string device_id;          // fingerprint of the device's signing key (hex SHA-256, 64)
    std::string device_model;
    std::string usb_serial;         // the tablet's USB iSerialNumber
    std::string kit_number;
    std::string interviewer_iin;    // the responsible employee signed in on the tablet
    std::string census_round;       // e.g. "2026"
    std::int64_t sequence = 0;      // per device, from 1, no gaps unless a package went missing
    std::string exported_at;        // device clock, UTC, "YYYY-MM-DDTHH:MM:SSZ"
    std::int64_t households = 0;
    std::int64_t persons = 0;
    std::int64_t payload_size = 0;  // bytes of encrypted payload
    std::string payload_sha256;     // hex SHA-256 of the encrypted payload bytes
};

/// Why a package was put aside instead of stored. Stable codes (JSON, the store).
enum class QuarantineReason {
    UnknownDevice,        // no kit has this device key enrolled, and the kit named has none
    WrongDeviceKey,       // the kit named has a different device key enrolled
    BadSignature,         // the signature does not verify: tampered or damaged
    DigestMismatch,       // payload bytes do not match the signed digest: tampered or truncated
    Undecryptable,        // not encrypted to this department's key, or damaged ciphertext
    Malformed,            // not a package, or a payload that breaks the format
    Conflict,             // a package with this UUID was received before with different content
    TooLarge,             // over the size budget (src/core/package/README.md): a prefix is kept
    RecordConflict,       // it carries a record UUID already held from another tablet
};
const char* quarantine_reason_code(QuarantineReason reason);   // "unknown_device", ...
std::optional<QuarantineReason> parse_quarantine_reason(const std::string& code);
const char* quarantine_reason_label(QuarantineReason reason);  // msgid for display

/// How a pull ended. Stable codes: the pulls table stores them as text (and signs that text),
/// `pull --json` and the audit trail print them, so workspaces written before read unchanged.
enum class PullOutcome {
    Complete,     // the whole outbox was gone through
    Interrupted,  // the tablet went away or the store failed; also a pull that never finished
    Cancelled,    // someone stopped it
    Failed,       // a stored code the screens show; this version's pulls do not write it
};
const char* pull_outcome_code(PullOutcome outcome);   // "complete", "interrupted", "cancelled", "failed"
/// Empty for a code this version does not know: the reader decides (WorkspaceDamaged for a store).
std::optional<PullOutcome> parse_pull_outcome(std::string_view code);

/// What the workstation warns about in a person record it stores all the same
/// (src/core/package/README.md, "Payload plaintext"): each counts one warning of the package.
enum class PersonWarning {
    EmptyIin,             // no IIN entered
    InvalidIin,           // not 12 digits, or the check digit fails
    ImpossibleBirthDate,  // YYYY-MM-DD in shape but no such day (2023-02-30, month 13)
};
std::vector<PersonWarning> person_warnings(const std::string& iin, const std::string& birth_date);
const char* person_warning_code(PersonWarning warning);   // "empty_iin", "invalid_iin", "impossible_birth_date"

}  // namespace sanaq
