#pragma once
// The batch body of the upstream protocol (src/upstream/README.md, "The batch"): a manifest line
// then one JSON line per record, households before persons. Written by the workstation, read by
// the receiver; both sides live here so they cannot drift apart.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"
#include "core/error.h"

namespace sanaq::upstream {

inline constexpr std::string_view kBatchFormat = "sanaq-batch";
inline constexpr int kBatchVersion = 1;

struct BatchManifest {
    std::string batch_uuid;
    std::string workstation;    // the client certificate's CN, e.g. "ws-59-01"
    std::string created_at;     // UTC, "YYYY-MM-DDTHH:MM:SSZ"
    std::int64_t households = 0;
    std::int64_t persons = 0;
};

/// Appends one line (with its '\n') to `body`. Strings are escaped as the spec says; the
/// record's answers object is embedded as it is stored ("{}" when empty).
void append_manifest_line(std::string& body, const BatchManifest& manifest);
void append_household_line(std::string& body, const Household& h, const RecordProvenance& from);
void append_person_line(std::string& body, const Person& p, const RecordProvenance& from);

/// A record line as the receiver needs it.
struct BatchLine {
    bool household = false;
    std::string uuid;
    std::int64_t revision = 0;
};

struct ParsedBatch {
    BatchManifest manifest;
    std::vector<BatchLine> records;
};

/// Checks the body the way the receiver must (manifest first, format and version, counts equal
/// the lines of each type, every line a JSON object with a type, a UUID and a revision >= 1,
/// households before persons, final '\n'). InvalidInput naming the line on failure.
Result<ParsedBatch> parse_batch_body(std::string_view body);

/// The first line of a body that is not canonical JSON (src/upstream/README.md, "Canonical
/// JSON"), as "line N, byte B: what"; nullopt when every line is. The receiver refuses such a
/// batch (422 not_canonical) after parse_batch_body accepted it.
std::optional<std::string> first_non_canonical_line(std::string_view body);

/// `ws-<region code>-<nn>`: "ws-", two digits, "-", two digits (e.g. "ws-59-01"). The client
/// certificate's CN and so every manifest's `workstation`.
bool is_workstation_id(std::string_view text);

/// The lower-case canonical 8-4-4-4-12 form every batch and record UUID takes (also the only
/// form the receiver accepts in the request path).
bool is_canonical_uuid(std::string_view text);

/// JSON string literal with the spec's minimal escaping, quotes included.
void append_json_string(std::string& out, std::string_view text);

namespace detail {
/// The scanner the answers check and parse_batch_body try before nlohmann's parser: true only
/// for JSON text nlohmann accepts as well; false for the rest, which nlohmann then decides.
/// Exposed so the tests can hold the two against each other.
bool fast_json_accepts(std::string_view text);
/// parse_batch_body with nlohmann's parser alone, the fast scanner skipped (tests compare them).
Result<ParsedBatch> parse_batch_body_with_nlohmann_only(std::string_view body);
}  // namespace detail

}  // namespace sanaq::upstream
