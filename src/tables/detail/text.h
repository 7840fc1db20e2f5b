#pragma once
// Text helpers private to the table library: UTF-8 checks, charset conversion (ICU), and
// the folded keys used to match column headers.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sanaq::tables::detail {

/// Strict UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_valid_utf8(std::string_view text);
/// How many valid multi-byte UTF-8 sequences and how many invalid bytes the text holds.
struct Utf8Counts {
    std::size_t multibyte = 0;
    std::size_t invalid = 0;
};
Utf8Counts count_utf8(std::string_view text);
/// Replaces every invalid byte sequence with U+FFFD.
std::string sanitize_utf8(std::string_view text);
/// Number of code points (for column widths).
std::size_t utf8_length(std::string_view text);

/// Converts `bytes` in the ICU charset `charset` ("windows-1251", "UTF-16LE", ...) to UTF-8;
/// nullopt when a byte sequence is illegal or unmapped in that charset.
std::optional<std::string> to_utf8(std::string_view bytes, const char* charset);

/// A header cell folded for comparison: NFKC + case fold, only letters, digits and '?' kept,
/// Kazakh-specific letters folded to their Russian look-alikes (Ә→а, Ғ→г, Қ→к, Ң→н, Ө→о,
/// Ұ/Ү→у, Һ→х, І→и) and ё→е; "№" dropped. "Жинақ нөмірі" and "ЖИНАК  НОМIРI" give one key.
std::string header_key(std::string_view text);

bool is_ascii_digits(std::string_view text);
std::string ascii_lower(std::string_view text);

}  // namespace sanaq::tables::detail
