#pragma once
// Header and cell helpers shared by the readers of typed tables (kit inventories here, the
// institutions' lists in src/lists): folded-key matching with '?' wildcards, bracket stripping,
// column letters, row-counter headers and values Excel rounded.
#include <cstddef>
#include <string>
#include <string_view>

namespace sanaq::tables::detail {

/// Longest header cell (characters) that is matched against the known column names. Real
/// headers are a few words; a longer cell is data or an attack, and folding it (ICU) for every
/// alias would cost time for nothing.
inline constexpr std::size_t kMaxHeaderChars = 200;
/// True for a cell longer than kMaxHeaderChars: never a header, never folded.
bool too_long_for_header(std::string_view cell);
/// A header cell as shown in messages and lists of unknown columns: trimmed, and cut to
/// kMaxHeaderChars characters with "…" when longer.
std::string shown_header(std::string_view cell);

/// Equality of header_key() keys where '?' in the file's key (a Kazakh letter windows-1251 could
/// not hold) stands for any one character, as long as at most a third of the key is '?'.
bool key_matches(std::string_view file_key, std::string_view alias_key);

/// The text without "(...)" and "[...]" parts: "IMEI (15 digits)" -> "IMEI ".
std::string without_brackets(std::string_view text);

/// 0 -> "A", 25 -> "Z", 26 -> "AA": how Excel names a column.
std::string column_letters(std::size_t index);

/// A row-counter header ("№", "#", "No", "№ п/п", "п/п", "Р/с", "№ р/с", "Row"): a column that
/// numbers the rows and carries no data.
bool is_row_counter_header(std::string_view text);

/// "3,56938E+14", "3.56938E+14": what Excel leaves of a long number in a General-formatted cell.
bool looks_rounded_by_excel(std::string_view value);

}  // namespace sanaq::tables::detail
