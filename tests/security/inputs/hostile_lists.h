#pragma once
// The files an attacker sends as an institution's list, and a large honest one. Workbooks are
// zipped by hand (Poco::Zip::Compress) so every part says exactly what the attack needs.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace sanaq::test::inputs {

void write_file(const std::filesystem::path& path, const std::string& bytes);

/// A list header the reader recognises (surname, name, IIN, date of birth), ';'-separated.
std::string list_header_csv();
/// `rows` honest rows of a list below list_header_csv(): distinct valid IINs, CRLF line ends.
std::string list_rows_csv(std::size_t rows);

/// A workbook whose one shared string (`string_chars` letters, packing only a few to one) is
/// used by `cells` cells.
std::string shared_string_bomb_xlsx(std::size_t string_chars, std::size_t cells);
/// A workbook whose sheet part inflates to about `inflated_bytes` (empty XML comments after the
/// first row, which deflate packs about a thousand to one).
std::string deflate_bomb_xlsx(std::size_t inflated_bytes);
/// A one-cell workbook with `parts` more (tiny) parts in the archive.
std::string many_parts_xlsx(std::size_t parts);
/// A workbook whose first cell's start tag carries an attribute of `tag_bytes` letters.
std::string long_tag_xlsx(std::size_t tag_bytes);
/// A workbook whose shared-string pool holds `strings` short strings.
std::string large_pool_xlsx(std::size_t strings);
/// A workbook with the given sheet rows (inline strings), for large honest lists.
std::string list_xlsx(const std::vector<std::vector<std::string>>& rows);

}  // namespace sanaq::test::inputs
