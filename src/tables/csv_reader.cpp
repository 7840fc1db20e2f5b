// CSV: encoding and delimiter detection, RFC 4180 parsing (lenient where Excel is lenient).
#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "tables/detail/budget.h"
#include "tables/detail/readers.h"
#include "tables/detail/text.h"

namespace sanaq::tables::detail {
namespace {

// The text as UTF-8: converted (`owned`), or — for text already valid UTF-8, the common case —
// a view into the caller's bytes, so a large file is not held twice.
struct Decoded {
    std::optional<std::string> owned;
    std::string_view valid;  // used when `owned` is empty
    std::string encoding;
    std::string_view text() const { return owned ? std::string_view(*owned) : valid; }
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// How Russian-like the text looks when decoded: lower-case Cyrillic letters dominate real text,
// upper-case ones follow, anything else above ASCII (box drawing, stray symbols) counts against.
long cyrillic_score(std::string_view utf8) {
    long score = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        char32_t cp = 0;
        if (n == 2 && i + 1 < utf8.size())
            cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F);
        else if (n == 3 && i + 2 < utf8.size())
            cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3F) << 6) |
                 (static_cast<unsigned char>(utf8[i + 2]) & 0x3F);
        i += n;
        if ((cp >= 0x0430 && cp <= 0x044F) || cp == 0x0451 || cp == 0x0456) score += 2;       // а..я ё і
        else if ((cp >= 0x0410 && cp <= 0x042F) || cp == 0x0401 || cp == 0x0406) score += 1;  // А..Я Ё І
        else if (cp == 0x00A0 || cp == 0x2116 || cp == 0x00AB || cp == 0x00BB || cp == 0x2013 ||
                 cp == 0x2014 || cp == 0x2026 || cp == 0x201C || cp == 0x201D || cp == 0x201E)
            ;                                               // NBSP № « » – — … quotes
        else score -= 3;
    }
    return score;
}

enum class DecodeProblem { NotText, UnknownEncoding };

std::expected<Decoded, DecodeProblem> decode(std::string_view bytes) {
    if (starts_with(bytes, "\xEF\xBB\xBF")) {
        std::string_view rest = bytes.substr(3);
        if (is_valid_utf8(rest)) return Decoded{std::nullopt, rest, "UTF-8 BOM"};
        return Decoded{sanitize_utf8(rest), {}, "UTF-8 BOM"};
    }
    if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
        const char* charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        auto text = to_utf8(bytes.substr(2), charset);
        if (!text) return std::unexpected(DecodeProblem::NotText);
        return Decoded{std::move(*text), {}, charset};
    }
    if (is_valid_utf8(bytes)) return Decoded{std::nullopt, bytes, "UTF-8"};

    std::size_t zeros_even = 0, zeros_odd = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i)
        if (bytes[i] == '\0') ++(i % 2 ? zeros_odd : zeros_even);
    if (zeros_even + zeros_odd > 0) {
        // UTF-16 without a BOM has a zero in every other byte of ASCII text; anything else is binary.
        std::size_t half = bytes.size() / 2;
        const char* charset = zeros_odd * 10 > half * 3 && zeros_even * 20 < zeros_odd ? "UTF-16LE"
                              : zeros_even * 10 > half * 3 && zeros_odd * 20 < zeros_even ? "UTF-16BE"
                                                                                           : nullptr;
        if (!charset || bytes.size() % 2) return std::unexpected(DecodeProblem::NotText);
        auto text = to_utf8(bytes, charset);
        if (!text) return std::unexpected(DecodeProblem::NotText);
        return Decoded{std::move(*text), {}, charset};
    }

    // UTF-8 with a few broken bytes (a file glued from pieces, a cut copy): keep it UTF-8 and
    // show the broken bytes as U+FFFD rather than turning every letter into mojibake.
    auto counts = count_utf8(bytes);
    if (counts.multibyte >= 8 && counts.invalid * 20 <= counts.multibyte)
        return Decoded{sanitize_utf8(bytes), {}, "UTF-8"};

    // Invalid UTF-8 without zeros: an 8-bit Cyrillic code page. Russian Excel writes windows-1251;
    // KOI8-R and IBM866 (DOS) still turn up from old systems. Decide by letter statistics.
    std::string_view sample = bytes.substr(0, 1 << 20);
    const char* best = nullptr;
    long best_score = 0;
    for (const char* charset : {"windows-1251", "KOI8-R", "IBM866"}) {
        auto text = to_utf8(sample, charset);
        if (!text) continue;
        long score = cyrillic_score(*text);
        if (score > best_score) {
            best_score = score;
            best = charset;
        }
    }
    if (!best) return std::unexpected(DecodeProblem::UnknownEncoding);
    auto text = to_utf8(bytes, best);
    if (!text) return std::unexpected(DecodeProblem::UnknownEncoding);
    return Decoded{std::move(*text), {}, best};
}

// True when the decoded text cannot be a table: NUL characters or many control characters.
bool looks_binary(std::string_view text) {
    std::size_t controls = 0;
    for (unsigned char c : text) {
        if (c == 0) return true;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) ++controls;
    }
    return controls * 100 > text.size();
}

struct ParseResult {
    std::vector<std::vector<std::string>> records;
    std::vector<std::size_t> widths;                   // fields per record (count_only: detection)
    std::optional<std::size_t> unclosed_quote_record;  // 1-based record where an open quote began
};

// RFC 4180 with Excel's leniency: a quote only opens a quoted field at the field's start; text
// after a closing quote is appended; records end at CRLF, LF or CR (outside quotes); CRLF inside
// quotes becomes LF. A blank line is a record with no cells.
//
// Within the budget (`budget`, see limits.h): empty fields are counted, not stored, until a
// non-empty one follows, and a record with nothing but empty fields is stored as an empty row
// only when a row with something follows it. So a file of separators, or a sheet Excel saved with
// a million lines of ";;;;", costs no memory; trailing empty fields of a row with content are kept
// (a row's width as written). `count_only` (delimiter detection) stores nothing and only fills
// `widths`.
ParseResult parse_records(std::string_view text, char delimiter, std::size_t max_records, TableBudget* budget) {
    const bool count_only = budget == nullptr;
    ParseResult result;
    std::vector<std::string> record;
    std::string field;
    std::size_t pending_empty = 0;    // empty fields of this record not stored yet
    std::size_t fields = 0;           // fields of this record so far
    std::size_t record_index = 0;     // 0-based number of the record being read
    bool record_has_content = false;  // anything seen on this record (even an empty quoted field)
    bool stop = false;                // a budget is exceeded
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto end_field = [&] {
        ++fields;
        if (count_only) {
            field.clear();
            return;
        }
        if (!budget->admit_width(record_index, fields)) {
            stop = true;
            return;
        }
        if (field.empty()) {
            ++pending_empty;
            return;
        }
        if (!budget->admit(record_index, record.size() + pending_empty, pending_empty + 1, field)) {
            stop = true;
            return;
        }
        record.resize(record.size() + pending_empty);
        pending_empty = 0;
        record.push_back(std::move(field));
        field.clear();
    };
    auto end_record = [&] {
        if (record_has_content || !record.empty()) end_field();
        if (count_only) {
            result.widths.push_back(fields);
        } else if (!stop && !record.empty()) {
            // The row's trailing empty cells, as written (within the column budget already).
            if (pending_empty > 0 && !budget->admit(record_index, record.size(), pending_empty, {})) {
                stop = true;
            } else {
                record.resize(record.size() + pending_empty);
                result.records.resize(record_index);  // the empty rows above it, as empty rows
                result.records.push_back(std::move(record));
            }
        }
        record.clear();
        pending_empty = 0;
        fields = 0;
        record_has_content = false;
        ++record_index;
    };
    auto field_grows = [&] {
        if (!count_only && !budget->admit_growing_cell(record_index, record.size() + pending_empty, field.size()))
            stop = true;
    };
    while (i < n && record_index < max_records && !stop) {
        char c = text[i];
        if (c == '"' && field.empty()) {
            // Quoted field (a quote at a field's start, possibly after nothing on this field).
            bool at_field_start = !record_has_content || (i > 0 && text[i - 1] == delimiter);
            if (at_field_start) {
                std::size_t start_record = record_index + 1;
                record_has_content = true;
                ++i;
                bool closed = false;
                while (i < n && !stop) {
                    char q = text[i];
                    if (q == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (q == '\r' && i + 1 < n && text[i + 1] == '\n') {
                        field += '\n';
                        i += 2;
                    } else {
                        field += q;
                        ++i;
                    }
                    if ((field.size() & 0xFFF) == 0) field_grows();
                }
                if (stop) break;
                if (!closed) {
                    result.unclosed_quote_record = start_record;
                    end_record();
                    return result;
                }
                continue;  // what follows (delimiter, newline or stray text) is handled below
            }
        }
        if (c == delimiter) {
            record_has_content = true;
            end_field();
            ++i;
        } else if (c == '\n' || c == '\r') {
            end_record();
            i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
        } else {
            record_has_content = true;
            field += c;
            ++i;
            if ((field.size() & 0xFFF) == 0) field_grows();
        }
    }
    if (!stop && (record_has_content || !record.empty() || !field.empty()))
        if (record_index < max_records) end_record();
    return result;
}

// The delimiter that splits the first records most consistently into more than one field.
// Ties go to ';' (what Excel writes in ru/kk locales), then tab, then ','.
char detect_delimiter(std::string_view text) {
    std::string_view sample = text.substr(0, 256 * 1024);
    char best = kCsvDelimiter;
    std::size_t best_score = 0;
    for (char candidate : {';', '\t', ','}) {
        auto parsed = parse_records(sample, candidate, 200, nullptr);
        if (parsed.widths.size() > 1 && sample.size() < text.size()) parsed.widths.pop_back();  // cut
        std::map<std::size_t, std::size_t> by_width;
        for (std::size_t width : parsed.widths)
            if (width > 1) ++by_width[width];
        std::size_t score = 0;
        for (const auto& [width, count] : by_width) score = std::max(score, count);
        if (score > best_score) {
            best_score = score;
            best = candidate;
        }
    }
    return best;
}

}  // namespace

Result<Table> parse_csv(std::string_view bytes, const std::string& name) {
    auto decoded = decode(bytes);
    if (!decoded) {
        if (decoded.error() == DecodeProblem::UnknownEncoding)
            return fail(ErrorCode::InvalidInput,
                        N_("The file {} is not in an encoding Sanaq Station recognises (UTF-8, UTF-16, "
                           "windows-1251); save it from Excel as \"CSV UTF-8\" or as .xlsx."),
                        {name});
        return fail(ErrorCode::InvalidInput,
                    N_("The file {} is neither a CSV table nor an XLSX workbook."), {name});
    }
    const std::string_view text = decoded->text();
    if (looks_binary(text))
        return fail(ErrorCode::InvalidInput, N_("The file {} is neither a CSV table nor an XLSX workbook."),
                    {name});
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return fail(ErrorCode::InvalidInput, N_("The file {} is empty."), {name});
    if (text[first] == '<')
        return fail(ErrorCode::InvalidInput,
                    N_("The file {} is a web page or an XML document, not a table; open it in Excel or "
                       "LibreOffice and save it as .xlsx or CSV."),
                    {name});

    Table table;
    table.encoding = decoded->encoding;
    std::string_view body = text;
    // Excel's "sep=;" hint line names the delimiter and is not part of the table.
    if (body.size() >= 5 && ascii_lower(body.substr(0, 4)) == "sep=" &&
        (body.size() == 5 || body[5] == '\r' || body[5] == '\n')) {
        table.delimiter = body[4];
        body.remove_prefix(body.size() > 5 && body[5] == '\r' && body.size() > 6 && body[6] == '\n' ? 7
                           : std::min<std::size_t>(body.size(), 6));
    } else {
        table.delimiter = detect_delimiter(body);
    }
    TableBudget budget(name);
    auto parsed = parse_records(body, table.delimiter, static_cast<std::size_t>(-1), &budget);
    if (budget.error()) return std::unexpected(*budget.error());
    if (parsed.unclosed_quote_record)
        return fail(ErrorCode::InvalidInput,
                    N_("The file {} is damaged: the quoted cell that starts in row {} is never closed."),
                    {name, std::to_string(*parsed.unclosed_quote_record)});
    table.rows = std::move(parsed.records);
    auto blank = [](const std::vector<std::string>& r) {
        return std::all_of(r.begin(), r.end(), [](const std::string& c) {
            return c.find_first_not_of(" \t\r\n") == std::string::npos;
        });
    };
    while (!table.rows.empty() && blank(table.rows.back())) table.rows.pop_back();
    if (table.rows.empty()) return fail(ErrorCode::InvalidInput, N_("The file {} is empty."), {name});
    return table;
}

}  // namespace sanaq::tables::detail
