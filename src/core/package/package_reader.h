#pragma once
// Reads a package as it streams off a tablet: push bytes in, get the manifest as soon as the
// header is complete, verify its signature with the key the caller trusts for that device, then
// receive the records as payload chunks decrypt. Never holds more than one chunk of payload and
// never writes anything anywhere: plaintext exists only in memory on its way to the store.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/domain/census.h"
#include "core/domain/package.h"
#include "core/error.h"

namespace sanaq::package {

/// The size budget of one package file (src/core/package/README.md, "Size budget"): far above any
/// real package (1,000 persons with their answers take a few MB), far below what would hurt the
/// workstation. A file over it is not read as a package; only its first kQuarantinePrefixSize bytes
/// are kept in the quarantine, as are those of a file that is not a package at all.
inline constexpr std::uint64_t kMaxPackageSize = std::uint64_t{64} << 20;
inline constexpr std::uint64_t kQuarantinePrefixSize = std::uint64_t{1} << 20;

/// The headings of src/core/package/README.md ("Tablet export package") that a deviation points to.
namespace spec_section {
inline constexpr const char* kByteLayout = "Byte layout";
inline constexpr const char* kManifest = "Manifest";
inline constexpr const char* kEncryption = "Encryption";
inline constexpr const char* kPlaintext = "Payload plaintext (sanaq-records/1)";
inline constexpr const char* kReading = "Reading and verification";
inline constexpr const char* kKeys = "Files on the tablet";
}  // namespace spec_section

/// Where a file departs from the spec: a stable code (`sanaq package check`, the test vectors),
/// the section of the spec it breaks, and what it concerns (a manifest member, a record field).
struct Deviation {
    std::string check;          // e.g. "layout.magic", "manifest.member", "records.field"
    std::string section;        // a spec_section
    std::string subject;        // e.g. "encryption.chunk_size", "sex"; may be empty
    std::uint64_t record = 0;   // payload line (1 = the SANAQ-RECORDS line) when about a record
};

/// Why reading failed, for the quarantine (Error::message_id says it for people) and for the
/// conformance check (`where` says which rule of the spec).
struct ReadFailure {
    QuarantineReason reason = QuarantineReason::Malformed;
    Error error;
    Deviation where;
};

/// What the reader accepted although the spec asks writers for something else (it is liberal
/// where real platforms differ): counted, and the first occurrence kept, for `package check`.
struct ReaderLeniency {
    std::uint64_t upper_case_uuids = 0;       // record UUIDs read in upper case, stored lower-case
    std::uint64_t first_upper_case_record = 0;
    std::string first_upper_case_uuid;        // as written
};

class PackageReader {
public:
    /// `department_encryption_private_pem`: the X25519 private key payloads are encrypted to.
    explicit PackageReader(std::string_view department_encryption_private_pem);  // kept wiped-on-exit
    ~PackageReader();
    PackageReader(const PackageReader&) = delete;
    PackageReader& operator=(const PackageReader&) = delete;

    std::function<Status(const Household&)> on_household;
    std::function<Status(const Person&)> on_person;
    /// The conformance check only (`sanaq package check`), never a pull: when set, reading goes on
    /// past each deviation that does not keep the rest from being read — flags, a manifest member
    /// the payload does not need, a broken record line (the next line is read), a chunk that fails
    /// authentication (the following chunks are still authenticated, their records not read), the
    /// end of the records — and each is reported here, in reading order. finish() then fails with
    /// the first, as the workstation would refuse the package for it.
    std::function<void(const ReadFailure&)> on_deviation;

    /// Feeds the next bytes of the file. Payload bytes that arrive before verify() are held back
    /// (at most what one feed brought). An error from a callback comes back unchanged; a format
    /// failure comes back as an Error and failure() says why for the quarantine.
    Status feed(std::string_view bytes);
    /// The manifest is parsed (its signature not yet checked).
    bool header_ready() const;
    const PackageManifest& manifest() const;   // valid once header_ready()
    /// Checks only the manifest's signature against the device's Ed25519 public key and that the
    /// key's fingerprint is the manifest's device_id (BadSignature otherwise): what a caller must
    /// know before it trusts anything the manifest says, e.g. that the package is already held.
    Status check_signature(std::string_view device_signing_public_pem);
    /// check_signature(), then the payload key: payload decoding starts only after this succeeds.
    Status verify(std::string_view device_signing_public_pem);
    bool verified() const;
    /// Call after the last byte: checks the payload digest, the final chunk, and that the record
    /// counts match the manifest. A truncated file fails here.
    Status finish();
    /// Set when feed/verify/finish failed for a reason that belongs in the quarantine.
    const ReadFailure* failure() const;
    std::uint64_t bytes_fed() const;
    const ReaderLeniency& leniency() const;
    /// The record line being delivered (1 = the SANAQ-RECORDS line): for callbacks' messages.
    std::uint64_t record_line() const;
    /// The manifest JSON exactly as stored; valid once header_ready().
    const std::string& manifest_text() const;
    /// The manifest's encryption.chunk_size; valid once header_ready().
    std::size_t chunk_size() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Reads just the manifest of a whole package held in memory (no verification): for listing
/// the quarantine and for tools. InvalidInput when the header is broken.
Result<PackageManifest> peek_manifest(std::string_view package_bytes);

/// Record UUIDs: the canonical 8-4-4-4-12 form in either case (any version and variant); the
/// reader stores them lower-case. Package UUIDs must be lower-case (they enter the key derivation).
bool is_record_uuid(std::string_view text);

}  // namespace sanaq::package
