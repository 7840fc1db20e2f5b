#pragma once
// The two table readers behind parse_table, and the pieces of them worth testing on their own.
#include <string>
#include <string_view>

#include "core/error.h"
#include "tables/table.h"

namespace sanaq::tables::detail {

/// `name` is the file name used in messages.
Result<Table> parse_csv(std::string_view bytes, const std::string& name);
Result<Table> parse_xlsx(std::string_view bytes, const std::string& name);

/// The text of an XLSX numeric cell (<v>1.23456789012E+11</v>) as a person would type it:
/// integers exactly, without exponent or ".0" ("123456789012"); fractions rounded to Excel's 15
/// significant digits ("0.30000000000000004" -> "0.3"). Text that is not a number comes back as is.
std::string format_xlsx_number(std::string_view value);

/// Decodes OOXML's _xHHHH_ escapes (e.g. _x000D_ for a carriage return, _x005F_ for '_').
std::string decode_ooxml_escapes(std::string_view text);

/// "A" -> 0, "Z" -> 25, "AA" -> 26, ... for the letters at the start of a cell reference like
/// "AB12"; -1 when there are none or the column is past Excel's last (XFD).
int column_index(std::string_view cell_ref);

}  // namespace sanaq::tables::detail
