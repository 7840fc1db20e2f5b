#pragma once
// Tabular files in and out: CSV (any of the encodings Excel and LibreOffice write in ru/kk
// locales) and XLSX (Excel, LibreOffice), read into a plain grid of UTF-8 strings; CSV and XLSX
// written for explicit, user-requested exports. Nothing here knows what the columns mean — see
// kit_inventory.h for the first consumer. Spec and limits: README.md beside this file.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq::tables {

/// What Table::encoding says for a workbook (cells come from UTF-8 XML).
inline constexpr std::string_view kXlsxSource = "xlsx";
/// The delimiter write_csv uses: Excel in Russian and Kazakh locales splits on ';' when the file
/// is opened by double-click, and decimal commas in numbers then need no quoting.
inline constexpr char kCsvDelimiter = ';';

struct Table {
    /// Rows as they are in the file, top to bottom: rows[i] is line i + 1 of the file (the CSV
    /// record number, or the sheet's row number — empty sheet rows are kept as empty rows so the
    /// numbers match what the user sees in Excel). Rows may differ in length; trailing empty rows
    /// are dropped. Cells are UTF-8.
    std::vector<std::vector<std::string>> rows;
    /// Where the text came from: "UTF-8", "UTF-8 BOM", "windows-1251", "KOI8-R", "IBM866",
    /// "UTF-16LE", "UTF-16BE" for CSV; kXlsxSource for workbooks.
    std::string encoding;
    /// ';' ',' or '\t' for CSV (detected); '\0' for XLSX.
    char delimiter = '\0';

    /// The cell, or "" when the row is shorter (or absent).
    std::string_view cell(std::size_t row, std::size_t column) const {
        if (row >= rows.size() || column >= rows[row].size()) return {};
        return rows[row][column];
    }
};

/// Reads the first sheet of an XLSX workbook or a CSV file, chosen by content (ZIP magic) and
/// then by extension (.xlsx/.xlsm/.xltx/.xltm must be workbooks). CSV encoding and delimiter are
/// detected, never asked. Fails with InvalidInput and a message a user can act on (empty file,
/// damaged archive, old .xls, not a table, ...), NotFound or Io. Never writes extracted content
/// to disk.
Result<Table> read_table(const std::filesystem::path& path);

/// The same from bytes already in memory (e.g. decrypted from the store); `name` gives the
/// extension hint and the file name used in messages.
Result<Table> parse_table(std::string_view bytes, const std::filesystem::path& name);

/// Writes a CSV file: UTF-8 with BOM (so Excel shows Cyrillic right), kCsvDelimiter, CRLF line
/// ends, RFC 4180 quoting (cells with ; , tab " CR LF or edge spaces are quoted). A cell that a
/// spreadsheet would run as a formula (= @, + or - unless number- or phone-like, tab, CR; see
/// README "CSV formula guard") gets a leading apostrophe. `header` is the first row unless empty. Written to a temporary file in the target folder, then renamed: no half
/// files; the file is created readable by its owner only (it may hold personal data).
Status write_csv(const std::filesystem::path& path, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

/// Writes an XLSX workbook with one sheet: header bold and frozen, auto-filter, column widths
/// from the content, every cell a text cell in text-formatted columns (so IINs and IMEIs keep
/// leading zeros and stay exact, also when a user types new ones into the file). The sheet name
/// is cleaned of the characters Excel forbids and cut to 31 characters. Temp file and rename,
/// owner-only permissions, as write_csv.
Status write_xlsx(const std::filesystem::path& path, const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, std::string_view sheet_name);

}  // namespace sanaq::tables
