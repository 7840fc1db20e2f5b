#pragma once
// Reading an institution's list of respondents from the grid tables::read_table/parse_table
// give (CSV in any of Excel's encodings, XLSX from Excel or LibreOffice): the header found in
// Kazakh, Russian or English (or a saved column mapping), each row turned into a ListEntry with
// all its problems, as a preview the user sees before anything is stored. Spec: README.md.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "tables/table.h"
#include "lists/institution_list.h"

namespace sanaq::lists {

/// The columns a list may have.
enum class ListField {
    RowNumber,    // the list's own "№"
    Iin,
    Surname,
    Name,
    Patronymic,
    FullName,     // "ФИО" / "Аты-жөні": surname, name and patronymic in one cell
    Sex,
    BirthDate,
    Category,
    Note,
};
inline constexpr int kListFieldCount = 10;

/// "number", "iin", "surname", "name", "patronymic", "full_name", "sex", "birth_date",
/// "category", "note" — the names used in the mapping JSON.
std::string_view list_field_code(ListField field);
std::optional<ListField> parse_list_field_code(std::string_view code);

struct ListColumnSpec {
    ListField field;
    std::string_view en, ru, kk;             // canonical headers (make_list, messages)
    std::vector<std::string_view> aliases;   // further accepted headers, any language
};
/// Every recognised column, in the order make_list writes them. Matching folds as kit
/// inventories do (case, spaces, punctuation, "№", brackets, Kazakh letters typed as Russian,
/// Latin look-alikes, '?' for a Kazakh letter lost to windows-1251).
const std::vector<ListColumnSpec>& list_columns();

/// Which column holds which field, saved per institution so that a list in an unusual layout is
/// read the same way next time. Overrides header detection entirely when given.
struct ColumnMapping {
    /// 1-based row of the header; data starts below it. 0: the file has no header row.
    int header_line = 1;
    /// 0-based column index (A = 0) -> field. A field named twice: the first column is read.
    std::vector<std::pair<std::size_t, ListField>> columns;

    std::optional<std::size_t> column_of(ListField field) const;
    /// {"version":1,"header_line":3,"columns":[{"column":0,"letter":"A","field":"number"},...]}
    /// ("letter" is for people reading the store; from_json reads "column").
    std::string to_json() const;
    /// InvalidInput "The saved column mapping is damaged: {}." for anything malformed.
    static Result<ColumnMapping> from_json(std::string_view json);
    bool operator==(const ColumnMapping&) const = default;
};

/// Machine names of row problems (stable: JSON, tests, the store).
enum class ProblemCode {
    IinFormat,              // not 12 digits                                       warning
    IinCheckDigit,          // 12 digits, wrong check digit                        warning
    IinRounded,             // "1,23457E+11": Excel rounded it                     warning
    IinBirthDateMismatch,   // the IIN encodes another birth date (soft)           warning
    IinSexMismatch,         // the IIN encodes the other sex (soft)                warning
    SurnameMissing,         //                                                     error
    NameMissing,            //                                                     error
    IdentityMissing,        // neither a valid IIN nor a readable birth date       error
    BirthDateUnreadable,    //                                                     warning
    BirthDateImplausible,   // after the as-of date or before 1900                 warning
    SexUnreadable,          //                                                     warning
    CategoryMissing,        // the list has a category column, this cell is empty  warning
    CategoryUnknown,        // not a category the orders define                    error
    DuplicateIin,           // the same valid IIN on an earlier line               error
    DuplicatePerson,        // same surname, name and birth date on an earlier line warning
};
inline constexpr int kProblemCodeCount = 15;
/// "iin_format", "iin_check_digit", ... (snake_case of the enumerator).
std::string_view problem_code_name(ProblemCode code);

/// Errors keep a row out of the list ("import the valid rows"); warnings travel with the entry.
enum class Severity { Error, Warning };

struct ListProblem {
    ProblemCode code;
    Severity severity;
    std::optional<ListField> field;   // the column to highlight
    Error message;                    // InvalidInput; English msgid with {} placeholders + args
};

struct PreviewRow {
    ListEntry entry;
    std::vector<std::string> cells;       // the row as in the file (for the rejected-rows export)
    std::vector<ListProblem> problems;    // errors first, then warnings, each in field order
    bool importable() const;              // no Error-severity problem
};

struct ListPreview {
    std::vector<PreviewRow> rows;              // rows below the header with something in a known column
    std::vector<Error> file_problems;          // missing or repeated columns: nothing can be imported
    std::vector<std::string> unknown_columns;  // header cells not recognised (as written)
    std::vector<std::string> header;           // the header row as written (empty without one)
    ColumnMapping mapping;                     // as used: detected, or the one given
    bool mapping_detected = true;
    std::string encoding;                      // Table::encoding

    int importable_count() const;
    int rejected_count() const;
    int warning_count() const;                 // importable rows with at least one warning
    /// Nothing wrong with the file as a whole and at least one row.
    bool usable() const { return file_problems.empty() && !rows.empty(); }
};

/// The counts and the rows of each preview filter, found in one pass: a ministry's list has tens
/// of thousands of rows, and a screen should not walk them again for every label it fills.
struct PreviewIndex {
    int rows = 0;
    int importable = 0;
    int rejected = 0;
    int warnings = 0;                          // importable rows with at least one warning
    std::vector<std::size_t> rejected_rows;    // positions in ListPreview::rows
    std::vector<std::size_t> warning_rows;
};
PreviewIndex index_preview(const ListPreview& preview);

struct ListReadOptions {
    /// A saved mapping: used instead of header detection.
    std::optional<ColumnMapping> mapping;
    /// The list's date (YYYY-MM-DD): birth dates after it are implausible, and two-digit years
    /// are read as the latest year not after it. Empty: today (UTC).
    std::string as_of;
};

/// Finds the header (or applies the mapping), maps the columns, and reads every row that has
/// something in a known column, with all its problems, duplicates across the whole list
/// included. Fails with InvalidInput only when no header row is found among the first 50 rows
/// (and no mapping is given) or the mapping's header row is past the end of the file.
Result<ListPreview> read_list(const tables::Table& table, const ListReadOptions& options = {});
/// The same, taking the table: each row's cells move into its PreviewRow instead of being
/// copied, so a list near the budgets (tables/limits.h) is not held twice.
Result<ListPreview> read_list(tables::Table&& table, const ListReadOptions& options = {});

/// The importable rows of a usable preview as one version of an institution's list. Fails with
/// InvalidInput when the preview has file problems, or the BIN or the as-of date is invalid.
Result<InstitutionList> make_institution_list(const ListPreview& preview, std::string_view institution_bin,
                                              std::string_view as_of, int version,
                                              std::string_view source_name = {});

/// Renders a msgid with its args for people (default: English, i18n::format_message).
using MessageRenderer = std::function<std::string(std::string_view msgid, const std::vector<std::string>& args)>;

/// The rows that cannot be imported, as they were in the file, with the line number in front and
/// every problem of the row behind ("; "-separated) — for sending back to the institution.
/// Header: "Line", the file's header cells, "Problems" (msgids, rendered).
std::vector<std::string> rejected_rows_header(const ListPreview& preview, const MessageRenderer& render = {});
std::vector<std::vector<std::string>> rejected_rows(const ListPreview& preview, const MessageRenderer& render = {});
/// Writes them as .csv or .xlsx (by extension) with the table library's writers. An export of personal
/// data: the caller logs it first. Other extensions: InvalidInput.
Status write_rejected_rows(const std::filesystem::path& path, const ListPreview& preview,
                           const MessageRenderer& render = {});

// ---- Cell readers, exposed for the import wizard and tests -----------------------------------

/// DD.MM.YYYY (also / - and spaces, one-digit day or month, a time part after it), YYYY-MM-DD
/// (also YYYY.MM.DD, an ISO time part), D.M.YY (the latest year not after `as_of`'s), and Excel
/// serial day numbers from workbooks ("45413" = 2024-05-01; a fraction is the time of day).
/// Returns YYYY-MM-DD of a real calendar date, or nullopt.
std::optional<std::string> parse_list_date(std::string_view text, std::string_view as_of = {});
/// М/Ж, Е/Ә, M/F, муж/жен, мужской/женский, ер/әйел, male/female ... (README has all).
std::optional<Sex> parse_list_sex(std::string_view text);
/// A category cell: a canonical name, an alias, a code, or a text starting with one of them.
std::optional<ListCategory> parse_list_category(std::string_view text);

struct NameParts {
    std::string surname, name, patronymic;
};
/// "Сейітқали Нұрлан Асқарұлы" -> surname, name, patronymic; the patronymic takes everything
/// after the name ("Асқар ұлы", "Мухаммед оглы"); two words are surname and name.
NameParts split_full_name(std::string_view text);

}  // namespace sanaq::lists
