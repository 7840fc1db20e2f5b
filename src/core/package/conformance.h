#pragma once
// The conformance check for tablet teams (`sanaq package check`): reads one package file as the
// workstation would and explains, with the section of src/core/package/README.md ("Tablet export
// package") each time, where it departs from the spec — not only that it would be refused, but
// also what the workstation accepts although the spec asks writers for something else. It
// stores nothing and needs no workspace: only the keys the caller has.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/package.h"
#include "core/error.h"

namespace sanaq::package {

/// How much a finding matters. Refusal: the workstation would quarantine the file. Deviation:
/// accepted, but the spec asks writers otherwise. Warning: conforming data the workstation stores
/// with a warning (an empty IIN). Note: what the check could not check, or a writer's choice.
enum class FindingSeverity { Refusal, Deviation, Warning, Note };
const char* finding_severity_code(FindingSeverity severity);   // "refusal", "deviation", ...

struct Finding {
    std::string check;                        // stable code, e.g. "layout.magic", "records.field"
    std::string section;                      // the spec's heading, e.g. "Byte layout"
    FindingSeverity severity = FindingSeverity::Refusal;
    std::optional<QuarantineReason> reason;   // for refusals: the reason code a reader must give
    std::string subject;                      // a manifest member, a record field ("P.sex"), ...
    std::uint64_t line = 0;                   // payload line (1 = SANAQ-RECORDS) when about records
    std::uint64_t count = 0;                  // how many records, for record warnings
    Error message;                            // what it means, for people (msgid + arguments)
    std::string detail;                       // technical detail, untranslated
};

struct CheckKeys {
    std::string department_private_pem;       // X25519 private: the payload is decrypted
    std::string department_public_pem;        // X25519 public (or the department public file):
                                              // only recipient_key is compared
    std::string device_public_pem;            // Ed25519 public: the signature is checked
};

struct PackageCheck {
    std::optional<PackageManifest> manifest;  // once the header parsed
    std::vector<Finding> findings;            // in reading order
    std::int64_t households = 0, persons = 0; // records read (when the payload was decrypted)
    bool payload_read = false;                // every record was decrypted and parsed

    /// No refusal and no deviation: what `sanaq package check` exits 0 for.
    bool conforms() const;
    /// The first refusal's reason: what the workstation's pull would quarantine the file as.
    std::optional<QuarantineReason> refusal() const;
};

/// Checks a whole package file held in memory (at most the size budget is read as a package).
PackageCheck check_package(std::string_view file_bytes, const CheckKeys& keys);

}  // namespace sanaq::package
