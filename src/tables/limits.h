#pragma once
// The budgets every table read (CSV, XLSX) stays within. The files come from outside the
// department (institutions' lists, suppliers' kit inventories) and are untrusted: a 42 KB
// workbook or a file of separators must not take the workstation's memory or minutes of its
// time. Each budget is far above a real list (tens of thousands of rows, about a dozen
// columns); why each value was chosen is in README.md ("Budgets").
#include <cstddef>
#include <cstdint>

namespace sanaq::tables {

/// Bytes of the file itself (CSV or XLSX), read into memory whole.
inline constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{64} << 20;
/// XLSX: the uncompressed bytes of all parts read together (relationships, workbook, shared
/// strings, the sheet). Parts are streamed into the XML parser, never held whole.
inline constexpr std::uintmax_t kMaxUnpackedBytes = std::uintmax_t{256} << 20;
/// XLSX: how many times one part may be larger than its compressed bytes, once it is past
/// kRatioFloorBytes (small parts such as styles compress far more, and cost nothing).
inline constexpr std::uintmax_t kMaxPackingRatio = 200;
inline constexpr std::uintmax_t kRatioFloorBytes = std::uintmax_t{1} << 20;
/// XLSX: entries in the archive (a workbook has tens; each costs the ZIP library memory).
inline constexpr std::size_t kMaxZipEntries = 10000;
/// Rows up to the last one holding something (trailing empty rows are never counted).
inline constexpr std::size_t kMaxRows = 200000;
/// Columns up to the last one holding something in a row (trailing empty cells are not counted).
inline constexpr std::size_t kMaxColumns = 512;
/// Cells held in the table (rows × columns actually materialised, gaps included).
inline constexpr std::size_t kMaxCells = 2000000;
/// Characters (code points) of one cell: Excel's own limit.
inline constexpr std::size_t kMaxCellChars = 32767;
/// UTF-8 bytes of all cells together, and of an XLSX's shared-string pool. A shared string is
/// copied into every cell that uses it; this bounds the copies by a budget, not by the number of
/// cells times the string.
inline constexpr std::size_t kMaxTextBytes = std::size_t{64} << 20;

}  // namespace sanaq::tables
