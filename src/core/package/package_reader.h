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

/// The size budget of one package file (devices/README.md, "Size budget"): far above any real
/// package (1,000 persons with their answers take a few MB), far below what would hurt the
/// workstation. A file over it is not read as a package; only its first kQuarantinePrefixSize
/// bytes are kept in the quarantine, as are those of a file that is not a package at all.
inline constexpr std::uint64_t kMaxPackageSize = std::uint64_t{64} << 20;
inline constexpr std::uint64_t kQuarantinePrefixSize = std::uint64_t{1} << 20;

/// Why reading failed, for the quarantine (Error::message_id says it for people).
struct ReadFailure {
    QuarantineReason reason = QuarantineReason::Malformed;
    Error error;
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

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Reads just the manifest of a whole package held in memory (no verification): for listing
/// the quarantine and for tools. InvalidInput when the header is broken.
Result<PackageManifest> peek_manifest(std::string_view package_bytes);

}  // namespace sanaq::package
