#pragma once
// Canonical JSON as the upstream protocol defines it (src/upstream/README.md, "Canonical JSON"):
// every batch line and every receipt's signed text. The writer and the check live together so the
// workstation and the receiver cannot read the rule differently.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sanaq::upstream {

/// Deepest nesting a canonical value may have (the line's own object is level 1).
inline constexpr int kCanonicalMaxDepth = 64;
/// Longest number text a canonical value may hold.
inline constexpr std::size_t kCanonicalMaxNumber = 64;

/// Why `text` is not one canonical JSON value: the byte offset of the first deviation and what it
/// is (English, for logs and the receiver's error message). nullopt when it is canonical.
struct CanonicalDeviation {
    std::size_t offset = 0;
    std::string what;
};
std::optional<CanonicalDeviation> canonical_deviation(std::string_view text);

/// The length of the well-formed UTF-8 sequence (RFC 3629: no surrogates, no overlong forms, the
/// ranges nlohmann's lexer checks) starting at text[i], a byte >= 0x80; 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);
inline bool is_canonical_json(std::string_view text) { return !canonical_deviation(text); }

/// Appends the canonical form of the JSON text `text` (any JSON: white space, any key order,
/// escapes, exponents). False, and `out` unchanged, when `text` is not JSON, nests deeper than
/// kCanonicalMaxDepth, or has a duplicate key. Canonical text is copied as it is.
/// A number whose plain decimal form would be longer than kCanonicalMaxNumber (1e400) is written
/// as a string holding the number as it was written.
bool append_canonical_json(std::string& out, std::string_view text);

/// The canonical form of a JSON object text without its top-level member `drop` (the receipt's
/// signed text is the receipt without `signature`). nullopt as for append_canonical_json, or when
/// the text is not an object.
std::optional<std::string> canonical_json_without(std::string_view object_text, std::string_view drop);

}  // namespace sanaq::upstream
