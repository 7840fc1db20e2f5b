#pragma once
// Internal to the package codec: the byte layout and algorithms of src/core/package/README.md
// ("Tablet export package"), shared by the writer and the reader. Not a public header.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"
#include "core/domain/package.h"
#include "core/error.h"
#include "core/package/package_reader.h"
#include "core/package/package_writer.h"

namespace sanaq::package::detail {

inline constexpr std::string_view kMagic = "SQPKG";
inline constexpr std::uint8_t kFormatVersion = 1;
inline constexpr std::size_t kFixedHeaderSize = 12;            // magic, version, flags, reserved, u32 length
inline constexpr std::size_t kMaxManifestSize = 64 * 1024;
inline constexpr std::size_t kSignatureSize = 64;
inline constexpr std::size_t kTagSize = 16;
inline constexpr std::size_t kNonceSize = 12;
inline constexpr std::size_t kMinChunkSize = 1024;
inline constexpr std::size_t kMaxChunkSize = 8 << 20;
inline constexpr std::size_t kMaxRecordSize = 4 << 20;         // one H/P line, escapes included
inline constexpr std::int64_t kMaxPayloadSize = std::int64_t{1} << 40;
inline constexpr std::string_view kPayloadFormat = "sanaq-records/1";
inline constexpr std::string_view kRecordsTag = "SANAQ-RECORDS\t1";
inline constexpr std::string_view kHkdfInfoPrefix = "sanaq-package/1 aes-256-gcm ";

struct EncryptionParams {
    std::string recipient_key;        // hex SHA-256 of the department X25519 public key
    std::string ephemeral_public;     // raw 32 bytes
    std::string base_nonce;           // raw 12 bytes
    std::size_t chunk_size = kDefaultChunkSize;
};

/// Canonical manifest JSON: keys sorted, no whitespace, UTF-8.
std::string manifest_json(const PackageManifest& m, const EncryptionParams& enc);
/// One thing wrong with a manifest: the rule and the technical detail.
struct ManifestProblem {
    Deviation where;
    std::string detail;
};
/// Parses and checks a manifest; the error's detail says what is wrong first, `where` which rule;
/// `all` receives every problem found (each member once), for the conformance check.
/// `lenient` (the conformance check only): when every problem is in a member that reading the
/// payload does not need (see needed_for_reading), the manifest is returned all the same and the
/// problems are in `all`.
Result<PackageManifest> parse_manifest(std::string_view json, EncryptionParams& enc, Deviation* where = nullptr,
                                       std::vector<ManifestProblem>* all = nullptr, bool lenient = false);
/// The manifest members without which the payload cannot be read or checked: the package UUID
/// (key derivation, AAD), the device id (signature), the payload's size and digest, encryption.
bool needed_for_reading(std::string_view member);

/// Chunk geometry from payload_size: number of sealed chunks (>= 1).
std::optional<std::uint64_t> chunk_count(std::uint64_t payload_size, std::size_t chunk_size);

std::string chunk_nonce(std::string_view base_nonce, std::uint64_t index);
std::string chunk_aad(std::string_view package_uuid, std::uint64_t index, bool last);
std::optional<std::string> derive_payload_key(std::string_view shared_secret, std::string_view ephemeral_public,
                                              std::string_view recipient_public, std::string_view package_uuid);

void put_u32le(std::string& out, std::uint32_t v);
void put_u16le(std::string& out, std::uint16_t v);
std::uint32_t get_u32le(const unsigned char* p);
std::uint16_t get_u16le(const unsigned char* p);

/// Appends one record line (with its '\n').
void append_record(std::string& out, const Household& h);
void append_record(std::string& out, const Person& p);

bool is_canonical_uuid(std::string_view text);

}  // namespace sanaq::package::detail

namespace sanaq::package::detail {

/// The signed front of a package: fixed header, manifest, signature.
struct ParsedHeader {
    PackageManifest manifest;
    EncryptionParams enc;
    std::size_t signed_size = 0;      // bytes covered by the signature (fixed header + manifest)
    std::size_t total_size = 0;       // bytes up to the first payload byte
    std::string signature;
};
enum class HeaderState { NeedMore, Done, Broken };
/// Parses as much of the front of `bytes` as is there. Broken: `error` says why (Malformed).
/// `lenient` (the conformance check only): flags or a reserved byte other than 0, and manifest
/// problems in members reading does not need, are put there and the header is Done all the same.
HeaderState parse_header(std::string_view bytes, ParsedHeader& out, Error& error, Deviation* where = nullptr,
                         std::vector<ManifestProblem>* lenient = nullptr);

}  // namespace sanaq::package::detail
