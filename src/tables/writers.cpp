// CSV and XLSX exports. Both go through write_atomically: temp file beside the target, fsync,
// rename — a crash or a full disk never leaves half a file under the target's name.
#include <xlsxwriter.h>

#include <algorithm>
#include <fstream>
#include <memory>

#include "core/io/atomic_file.h"
#include "tables/detail/text.h"
#include "tables/table.h"

namespace sanaq::tables {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxExcelCellChars = 32767;

// CSV injection (OWASP): a spreadsheet opening the file may run a cell that starts with = + - @,
// or with a tab or CR, as a formula — =HYPERLINK(...), =cmd|'...'!A0 and the like. Such a cell is
// written with a leading apostrophe, so it shows as text (the apostrophe shows too). Spaces and
// line feeds in front do not hide the character after them. Left alone: cells whose first
// character is + or - and that hold only digits, spaces, ( ) + - . , — numbers ("-5", "+3,5") and
// phone numbers ("+7 (701) 555-01-01"). Without a letter, '!', '|', ':' or a quote they can name no
// function, cell or program: at worst Excel does arithmetic with them. = and @ are always guarded.
bool harmless_signed_text(std::string_view cell) {
    return std::all_of(cell.begin(), cell.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == ' ' || c == '(' || c == ')' || c == '+' || c == '-' || c == '.' ||
               c == ',';
    });
}

bool needs_formula_guard(std::string_view cell) {
    if (cell.empty()) return false;
    if (cell.front() == '\t' || cell.front() == '\r') return true;
    const std::size_t first = cell.find_first_not_of(std::string_view(" \n"));
    if (first == std::string_view::npos) return false;
    switch (cell[first]) {
        case '=':
        case '@': return true;
        case '+':
        case '-': return !harmless_signed_text(cell.substr(first));
        default: return false;
    }
}

void append_csv_cell(std::string& out, std::string_view text) {
    std::string guarded;
    if (needs_formula_guard(text)) {
        guarded.reserve(text.size() + 1);
        guarded += '\'';
        guarded += text;
        text = guarded;
    }
    const std::string_view cell = text;
    bool quote = cell.find_first_of(std::string_view("\";\r\n,\t")) != std::string_view::npos ||
                 (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
    if (!quote) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_csv_row(std::string& out, const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) out += kCsvDelimiter;
        append_csv_cell(out, detail::sanitize_utf8(row[i]));
    }
    out += "\r\n";
}

// Excel forbids []:*?/\ in sheet names, a leading or trailing apostrophe, more than 31
// characters, and the name "History".
std::string clean_sheet_name(std::string_view wanted) {
    std::string name;
    std::size_t chars = 0;
    std::string clean = detail::sanitize_utf8(wanted);
    for (std::size_t i = 0; i < clean.size() && chars < 31;) {
        auto c = static_cast<unsigned char>(clean[i]);
        std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        std::string_view ch(clean.data() + i, std::min(n, clean.size() - i));
        i += n;
        if (ch.size() == 1 && (std::string_view("[]:*?/\\").find(ch[0]) != std::string_view::npos || c < 0x20))
            continue;
        name += ch;
        ++chars;
    }
    while (!name.empty() && name.front() == '\'') name.erase(0, 1);
    while (!name.empty() && name.back() == '\'') name.pop_back();
    if (name.empty()) name = "Sheet1";
    if (detail::ascii_lower(name) == "history") name += "_";
    return name;
}

// Width in Excel's character units: the longest line of the column's cells, within bounds.
double column_width(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                    std::size_t column) {
    std::size_t longest = 0;
    auto consider = [&](std::string_view cell) {
        std::size_t start = 0;
        while (start <= cell.size()) {
            std::size_t end = cell.find('\n', start);
            if (end == std::string_view::npos) end = cell.size();
            longest = std::max(longest, detail::utf8_length(cell.substr(start, end - start)));
            start = end + 1;
        }
    };
    if (column < header.size()) consider(header[column]);
    for (const auto& row : rows)
        if (column < row.size()) consider(row[column]);
    return std::clamp(static_cast<double>(longest) + 2.0, 8.0, 60.0);
}

struct WorkbookCloser {
    void operator()(lxw_workbook* wb) const {
        if (wb) workbook_close(wb);
    }
};

Status write_xlsx_file(const fs::path& file, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows, const std::string& sheet_name,
                       const fs::path& target) {
    auto io_error = [&](const std::string& detail) {
        return fail(ErrorCode::Io, N_("Could not write the file {}."), {target.string()}, detail);
    };
    // libxlsxwriter assembles the parts in scratch files: keep them in the target's folder (which
    // the user chose for this data) rather than a shared /tmp. They are unlinked as created.
    std::string scratch = file.parent_path().string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = scratch.data();
    options.use_zip64 = LXW_FALSE;
    std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(workbook_new_opt(file.c_str(), &options));
    if (!workbook) return io_error("workbook_new_opt failed");
    lxw_worksheet* sheet = workbook_add_worksheet(workbook.get(), sheet_name.c_str());
    if (!sheet) return io_error("workbook_add_worksheet failed");

    lxw_format* text = workbook_add_format(workbook.get());
    format_set_num_format_index(text, 49);  // built-in "@": Text
    lxw_format* bold = workbook_add_format(workbook.get());
    format_set_num_format_index(bold, 49);
    format_set_bold(bold);

    std::size_t columns = header.size();
    for (const auto& row : rows) columns = std::max(columns, row.size());
    for (std::size_t c = 0; c < columns; ++c)
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             column_width(header, rows, c), text);

    lxw_row_t r = 0;
    auto write_row = [&](const std::vector<std::string>& row, lxw_format* format) -> Status {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (row[c].empty()) continue;
            std::string cell = detail::sanitize_utf8(row[c]);
            lxw_error err = worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), cell.c_str(), format);
            if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
                return fail(ErrorCode::InvalidInput,
                            N_("A cell in row {} is longer than Excel allows (32,767 characters); export as CSV."),
                            {std::to_string(r + 1)});
            if (err != LXW_NO_ERROR) return io_error(lxw_strerror(err));
        }
        ++r;
        return {};
    };
    if (!header.empty()) {
        SANAQ_TRY(write_row(header, bold));
        worksheet_freeze_panes(sheet, 1, 0);
    }
    for (const auto& row : rows)
        SANAQ_TRY(write_row(row, text));
    if (!header.empty() && columns > 0)
        worksheet_autofilter(sheet, 0, 0, r > 0 ? r - 1 : 0, static_cast<lxw_col_t>(columns - 1));

    lxw_error err = workbook_close(workbook.release());
    if (err != LXW_NO_ERROR) return io_error(lxw_strerror(err));
    return {};
}

}  // namespace

Status write_csv(const fs::path& path, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
    return io::write_atomically(path, [&](const fs::path& temp) -> Status {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) return fail(ErrorCode::Io, N_("Could not write the file {}."), {path.string()});
        std::string chunk = "\xEF\xBB\xBF";
        if (!header.empty()) append_csv_row(chunk, header);
        for (const auto& row : rows) {
            append_csv_row(chunk, row);
            if (chunk.size() > (1u << 20)) {
                out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                chunk.clear();
            }
        }
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        out.close();
        if (!out) return fail(ErrorCode::Io, N_("Could not write the file {}."), {path.string()});
        return {};
    });
}

Status write_xlsx(const fs::path& path, const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, std::string_view sheet_name) {
    std::size_t total_rows = rows.size() + (header.empty() ? 0 : 1);
    if (total_rows > LXW_ROW_MAX)
        return fail_n(ErrorCode::InvalidInput,
                      N_n("{} row does not fit on one Excel sheet (at most 1,048,576); export as CSV.",
                          "{} rows do not fit on one Excel sheet (at most 1,048,576); export as CSV."),
                      static_cast<long>(total_rows), {std::to_string(total_rows)});
    std::size_t columns = header.size();
    for (const auto& row : rows) columns = std::max(columns, row.size());
    if (columns > LXW_COL_MAX)
        return fail_n(ErrorCode::InvalidInput,
                      N_n("{} column does not fit on one Excel sheet (at most 16,384); export as CSV.",
                          "{} columns do not fit on one Excel sheet (at most 16,384); export as CSV."),
                      static_cast<long>(columns), {std::to_string(columns)});

    for (std::size_t r = 0; r < rows.size(); ++r)
        for (const auto& cell : rows[r])
            if (detail::utf8_length(cell) > kMaxExcelCellChars)
                return fail(ErrorCode::InvalidInput,
                            N_("A cell in row {} is longer than Excel allows (32,767 characters); export as CSV."),
                            {std::to_string(r + 1 + (header.empty() ? 0 : 1))});
    std::string name = clean_sheet_name(sheet_name);
    return io::write_atomically(path, [&](const fs::path& temp) {
        return write_xlsx_file(temp, header, rows, name, path);
    });
}

}  // namespace sanaq::tables
