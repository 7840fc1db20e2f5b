#include "lists/list_reader.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/domain/identifiers.h"
#include "core/i18n/catalog.h"
#include "tables/detail/headers.h"
#include "tables/detail/text.h"

namespace sanaq::lists {
namespace {

namespace idetail = tables::detail;

constexpr std::size_t kHeaderSearchRows = 50;

const std::vector<ListColumnSpec> kColumns = {
    {ListField::RowNumber, "No.", "№ п/п", "Р/с №", {"row", "row no", "номер", "№ р/с", "р/с", "реттік нөмірі"}},
    {ListField::Iin, "IIN", "ИИН", "ЖСН",
     {"iin number", "individual identification number", "индивидуальный идентификационный номер",
      "жеке сәйкестендіру нөмірі", "иин/жсн", "жсн/иин", "иин (жсн)", "номер иин", "иин номер", "жсн нөмірі",
      "инн"}},
    {ListField::Surname, "Surname", "Фамилия", "Тегі", {"last name", "family name", "last_name", "тек", "фамилиясы"}},
    {ListField::Name, "Name", "Имя", "Аты",
     {"first name", "given name", "first_name", "forename", "есімі", "аты (есімі)", "есім"}},
    {ListField::Patronymic, "Patronymic", "Отчество", "Әкесінің аты",
     {"middle name", "father's name", "father name", "отчество (при наличии)", "әкесінің аты (бар болса)",
      "әкесінің есімі", "әкесінің аты-жөні"}},
    {ListField::FullName, "Full name", "ФИО", "Аты-жөні",
     {"full_name", "name and surname", "surname, name, patronymic", "surname name patronymic", "ф.и.о.",
      "фамилия, имя, отчество", "фамилия имя отчество", "фамилия и имя", "фамилия, имя", "полное имя",
      "тегі, аты, әкесінің аты", "тегі аты әкесінің аты", "т.а.ә.", "таә", "толық аты-жөні", "аты-жөні тегі",
      "тегі, аты-жөні"}},
    {ListField::Sex, "Sex", "Пол", "Жынысы", {"gender", "жыныс", "пол (м/ж)"}},
    {ListField::BirthDate, "Date of birth", "Дата рождения", "Туған күні",
     {"birth date", "birthdate", "date_of_birth", "birth_date", "dob", "born", "д.р.", "дата рожд.",
      "число, месяц, год рождения", "год рождения", "туған жылы, айы, күні", "туған күні, айы, жылы",
      "туылған күні", "туған жылы", "туған уақыты"}},
    {ListField::Category, "Category", "Категория", "Санаты",
     {"resident category", "residence", "residence category", "категория проживания", "категория респондента",
      "категория проживающего", "статус проживания", "санат", "тұру санаты", "респондент санаты",
      "тұрғылықты санаты"}},
    {ListField::Note, "Note", "Примечание", "Ескертпе",
     {"notes", "comment", "remarks", "комментарий", "примечания", "ескерту", "түсініктеме"}},
};

constexpr std::string_view kFieldCodes[] = {"number", "iin",       "surname", "name",     "patronymic",
                                            "full_name", "sex",    "birth_date", "category", "note"};
constexpr std::string_view kProblemNames[] = {
    "iin_format",       "iin_check_digit",    "iin_rounded",        "iin_birth_date_mismatch",
    "iin_sex_mismatch", "surname_missing",    "name_missing",       "identity_missing",
    "birth_date_unreadable", "birth_date_implausible", "sex_unreadable", "category_missing",
    "category_unknown", "duplicate_iin",      "duplicate_person"};

constexpr std::string_view kMaleForms[] = {"м", "m", "муж", "муж.", "мужской", "мужчина", "male", "man", "ер",
                                           "еркек", "ер адам", "е", "er", "ұл"};
constexpr std::string_view kFemaleForms[] = {"ж", "f", "жен", "жен.", "женский", "женщина", "female", "woman", "w",
                                             "әйел", "әйел адам", "ә", "қыз", "ayel"};

struct AliasKey {
    std::string key;
    std::size_t spec;
};

const std::vector<AliasKey>& column_alias_keys() {
    static const std::vector<AliasKey> keys = [] {
        std::vector<AliasKey> out;
        for (std::size_t s = 0; s < kColumns.size(); ++s) {
            const auto& spec = kColumns[s];
            for (std::string_view text : {spec.en, spec.ru, spec.kk}) out.push_back({idetail::header_key(text), s});
            for (std::string_view text : spec.aliases) out.push_back({idetail::header_key(text), s});
        }
        std::erase_if(out, [](const AliasKey& a) { return a.key.empty(); });
        return out;
    }();
    return keys;
}

// The field a header cell names; nullopt for unknown or empty cells.
std::optional<ListField> match_header(std::string_view cell) {
    if (idetail::too_long_for_header(cell)) return std::nullopt;  // a giant cell is never a header
    std::string text = trim(cell);
    if (text.empty()) return std::nullopt;
    if (idetail::is_row_counter_header(text)) return ListField::RowNumber;
    for (const std::string& candidate : {idetail::header_key(text), idetail::header_key(idetail::without_brackets(text))}) {
        if (candidate.empty()) continue;
        for (const auto& alias : column_alias_keys())
            if (idetail::key_matches(candidate, alias.key)) return kColumns[alias.spec].field;
    }
    return std::nullopt;
}

ListProblem problem(ProblemCode code, std::optional<ListField> field, std::string message_id,
                    std::vector<std::string> args = {}) {
    Severity severity = Severity::Warning;
    switch (code) {
        case ProblemCode::SurnameMissing:
        case ProblemCode::NameMissing:
        case ProblemCode::IdentityMissing:
        case ProblemCode::CategoryUnknown:
        case ProblemCode::DuplicateIin: severity = Severity::Error; break;
        default: break;
    }
    return {code, severity, field, Error::make(ErrorCode::InvalidInput, std::move(message_id), std::move(args))};
}

Error file_problem(std::string message_id, std::vector<std::string> args = {}) {
    return Error::make(ErrorCode::InvalidInput, std::move(message_id), std::move(args));
}

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

std::string iso(const year_month_day& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}


year_month_day today_utc() {
    return year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

year_month_day as_of_or_today(std::string_view as_of) {
    if (auto d = parse_date(as_of)) return *d;
    return today_utc();
}

bool all_digits(std::string_view s) { return idetail::is_ascii_digits(s); }

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::optional<std::string> make_date(int y, int m, int d) {
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
    if (!ymd.ok()) return std::nullopt;
    return iso(ymd);
}

// Excel's day numbers: 1 = 1900-01-01, with Lotus 1-2-3's 29 Feb 1900 (day 60) that never was.
std::optional<std::string> from_excel_serial(long serial) {
    if (serial < 1 || serial > 109574 || serial == 60) return std::nullopt;   // up to 2199-12-31
    using namespace std::chrono;
    sys_days base = sys_days{1899y / December / 31};
    if (serial > 60) --serial;
    return iso(year_month_day{base + days{serial}});
}

std::string strip_iin(std::string_view text) {
    std::string t = trim(text);
    if (!t.empty() && t.front() == '\'') t.erase(0, 1);   // Excel's text prefix, or write_csv's formula guard
    std::string compact;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == ' ' || c == '-') continue;
        if (t.compare(i, 2, "\xC2\xA0") == 0) {   // NBSP between digit groups
            ++i;
            continue;
        }
        compact += c;
    }
    return idetail::is_ascii_digits(compact) ? compact : t;
}

std::string join_nonempty(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (auto p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += ' ';
        out += p;
    }
    return out;
}

std::string render_default(std::string_view msgid, const std::vector<std::string>& args) {
    return i18n::format_message(msgid, args);
}

}  // namespace

// ---- Fields, mapping ------------------------------------------------------------------------

std::string_view list_field_code(ListField field) { return kFieldCodes[static_cast<int>(field)]; }

std::optional<ListField> parse_list_field_code(std::string_view code) {
    for (int i = 0; i < kListFieldCount; ++i)
        if (kFieldCodes[i] == code) return static_cast<ListField>(i);
    return std::nullopt;
}

const std::vector<ListColumnSpec>& list_columns() { return kColumns; }

std::string_view problem_code_name(ProblemCode code) { return kProblemNames[static_cast<int>(code)]; }

std::optional<std::size_t> ColumnMapping::column_of(ListField field) const {
    for (const auto& [column, f] : columns)
        if (f == field) return column;
    return std::nullopt;
}

std::string ColumnMapping::to_json() const {
    nlohmann::ordered_json j;
    j["version"] = 1;
    j["header_line"] = header_line;
    j["columns"] = nlohmann::ordered_json::array();
    for (const auto& [column, field] : columns)
        j["columns"].push_back(
            {{"column", column}, {"letter", idetail::column_letters(column)}, {"field", list_field_code(field)}});
    return j.dump();
}

Result<ColumnMapping> ColumnMapping::from_json(std::string_view json) {
    auto damaged = [](std::string why) {
        return fail(ErrorCode::InvalidInput, N_("The saved column mapping is damaged: {}."), {std::move(why)});
    };
    nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return damaged("not a JSON object");
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != 1)
        return damaged("unknown version");
    ColumnMapping mapping;
    if (!j.contains("header_line") || !j["header_line"].is_number_integer() || j["header_line"].get<long>() < 0 ||
        j["header_line"].get<long>() > 1048576)
        return damaged("header_line");
    mapping.header_line = j["header_line"].get<int>();
    if (!j.contains("columns") || !j["columns"].is_array()) return damaged("columns");
    for (const auto& c : j["columns"]) {
        if (!c.is_object() || !c.contains("column") || !c["column"].is_number_integer() || !c.contains("field") ||
            !c["field"].is_string())
            return damaged("column entry");
        long column = c["column"].get<long>();
        if (column < 0 || column >= 16384) return damaged("column index");
        auto field = parse_list_field_code(c["field"].get<std::string>());
        if (!field) return damaged("field " + c["field"].get<std::string>());
        mapping.columns.emplace_back(static_cast<std::size_t>(column), *field);
    }
    return mapping;
}

// ---- Cell readers ---------------------------------------------------------------------------

std::optional<std::string> parse_list_date(std::string_view text, std::string_view as_of) {
    std::string t = trim(text);
    if (!t.empty() && t.front() == '\'') t.erase(0, 1);
    if (t.empty()) return std::nullopt;
    // A time part: "01.05.1990 0:00:00", "1990-05-01T00:00:00", "1990-05-01 00:00".
    if (auto tpos = t.find('T'); tpos == 10) t.resize(10);
    if (auto space = t.find(' '); space != std::string::npos && t.find(':', space) != std::string::npos)
        t.resize(space);
    t = trim(t);

    // Excel serial day numbers (a workbook's date cell; also pasted into CSV as numbers).
    {
        std::string_view whole = t, frac;
        if (auto dot = t.find_first_of(".,"); dot != std::string::npos && t.find_first_of(".,", dot + 1) == std::string::npos) {
            whole = std::string_view(t).substr(0, dot);
            frac = std::string_view(t).substr(dot + 1);
        }
        // Five digits: 10000 is 1927-05-18, 99999 is 2173: every birth date a list can hold.
        // (A four-digit number is a year alone, not a date.)
        if (whole.size() == 5 && all_digits(whole) && (frac.empty() || all_digits(frac)))
            return from_excel_serial(std::stol(std::string(whole)));
    }
    // Eight digits without separators: YYYYMMDD or DDMMYYYY.
    if (t.size() == 8 && all_digits(t)) {
        int y = to_int(t.substr(0, 4));
        if (y >= 1900 && y <= 2100)
            if (auto d = make_date(y, to_int(t.substr(4, 2)), to_int(t.substr(6, 2)))) return d;
        return make_date(to_int(t.substr(4, 4)), to_int(t.substr(2, 2)), to_int(t.substr(0, 2)));
    }
    // Three numbers separated by . / - or spaces.
    std::vector<std::string> parts;
    std::string current;
    for (char c : t) {
        if (c >= '0' && c <= '9') {
            current += c;
        } else if (c == '.' || c == '/' || c == '-' || c == ' ') {
            if (!current.empty()) parts.push_back(std::move(current));
            current.clear();
            if (c != ' ' && parts.empty()) return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    if (!current.empty()) parts.push_back(std::move(current));
    if (parts.size() != 3) return std::nullopt;
    for (const auto& p : parts)
        if (p.size() > 4) return std::nullopt;
    if (parts[0].size() == 4)
        return parts[1].size() <= 2 && parts[2].size() <= 2
                   ? make_date(to_int(parts[0]), to_int(parts[1]), to_int(parts[2]))
                   : std::nullopt;
    if (parts[0].size() > 2 || parts[1].size() > 2) return std::nullopt;
    int y = to_int(parts[2]);
    if (parts[2].size() == 2) {
        // The latest year ending in these digits that is not after the list's date.
        const year_month_day ref_date = as_of_or_today(as_of);
        int ref = static_cast<int>(ref_date.year());
        y = ref - ((ref % 100 - y) % 100 + 100) % 100;
        const std::string latest = iso(ref_date);
        auto d = make_date(y, to_int(parts[1]), to_int(parts[0]));
        if (d && *d > latest) return make_date(y - 100, to_int(parts[1]), to_int(parts[0]));
        return d;
    } else if (parts[2].size() != 4) {
        return std::nullopt;
    }
    return make_date(y, to_int(parts[1]), to_int(parts[0]));
}

std::optional<Sex> parse_list_sex(std::string_view text) {
    struct Keys {
        std::vector<std::string> male, female;
    };
    static const Keys keys = [] {
        Keys k;
        for (auto f : kMaleForms) k.male.push_back(idetail::header_key(f));
        for (auto f : kFemaleForms) k.female.push_back(idetail::header_key(f));
        return k;
    }();
    std::string t = trim(text);
    if (t.empty() || t.size() > 40) return std::nullopt;
    std::string key = idetail::header_key(t);
    if (key.empty()) return std::nullopt;
    if (std::ranges::find(keys.male, key) != keys.male.end()) return Sex::Male;
    if (std::ranges::find(keys.female, key) != keys.female.end()) return Sex::Female;
    return std::nullopt;
}

std::optional<ListCategory> parse_list_category(std::string_view text) {
    struct Key {
        std::string key;
        ListCategory category;
    };
    static const std::vector<Key> keys = [] {
        std::vector<Key> out;
        for (const auto& spec : list_categories()) {
            for (std::string_view t : {spec.en, spec.ru, spec.kk, list_category_code(spec.category)})
                out.push_back({idetail::header_key(t), spec.category});
            for (std::string_view t : spec.aliases) out.push_back({idetail::header_key(t), spec.category});
        }
        return out;
    }();
    std::string t = trim(text);
    if (t.empty()) return std::nullopt;
    std::optional<ListCategory> best;
    std::size_t best_length = 0;
    for (const std::string& candidate : {idetail::header_key(t), idetail::header_key(idetail::without_brackets(t))}) {
        if (candidate.empty()) continue;
        for (const auto& k : keys) {
            if (k.key == candidate) return k.category;
            // "Временно проживающий (менее 12 месяцев)", "Курсант 2 курса": the longest alias the
            // text starts with — so "временно отсутствующий" beats "временно".
            if (idetail::utf8_length(k.key) >= 4 && candidate.starts_with(k.key) && k.key.size() > best_length) {
                best = k.category;
                best_length = k.key.size();
            }
        }
    }
    return best;
}

NameParts split_full_name(std::string_view text) {
    std::vector<std::string> words;
    std::string current;
    std::string t = trim(text);
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',';
        if (!space && t.compare(i, 2, "\xC2\xA0") == 0) {
            space = true;
            ++i;
        }
        if (space) {
            if (!current.empty()) words.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    NameParts parts;
    if (!words.empty()) parts.surname = words[0];
    if (words.size() > 1) parts.name = words[1];
    for (std::size_t i = 2; i < words.size(); ++i) {
        if (!parts.patronymic.empty()) parts.patronymic += ' ';
        parts.patronymic += words[i];
    }
    return parts;
}

// ---- Reading --------------------------------------------------------------------------------

bool PreviewRow::importable() const {
    return std::ranges::none_of(problems, [](const ListProblem& p) { return p.severity == Severity::Error; });
}

int ListPreview::importable_count() const {
    return static_cast<int>(std::ranges::count_if(rows, [](const PreviewRow& r) { return r.importable(); }));
}
int ListPreview::rejected_count() const { return static_cast<int>(rows.size()) - importable_count(); }
int ListPreview::warning_count() const {
    return static_cast<int>(std::ranges::count_if(rows, [](const PreviewRow& r) {
        return r.importable() && !r.problems.empty();
    }));
}

PreviewIndex index_preview(const ListPreview& preview) {
    PreviewIndex index;
    index.rows = static_cast<int>(preview.rows.size());
    for (std::size_t i = 0; i < preview.rows.size(); ++i) {
        const PreviewRow& row = preview.rows[i];
        if (!row.importable()) {
            ++index.rejected;
            index.rejected_rows.push_back(i);
        } else {
            ++index.importable;
            if (!row.problems.empty()) {
                ++index.warnings;
                index.warning_rows.push_back(i);
            }
        }
    }
    return index;
}

namespace {

// read_list for both overloads: `cells_of(r)` gives row r's cells for its PreviewRow, copied from
// a const table or moved out of one the caller gave away; it is called once per row, after the
// row's values have been read.
template <class CellsOf>
Result<ListPreview> read_list_with(const tables::Table& table, const ListReadOptions& options, CellsOf cells_of) {
    ListPreview preview;
    preview.encoding = table.encoding;
    const std::string as_of_iso = iso(as_of_or_today(options.as_of));

    // 1. Columns: the saved mapping, or the first row naming two known data columns.
    std::optional<std::size_t> header_row;
    if (options.mapping) {
        preview.mapping = *options.mapping;
        preview.mapping_detected = false;
        if (preview.mapping.header_line > 0) {
            if (static_cast<std::size_t>(preview.mapping.header_line) > table.rows.size())
                return fail_n(ErrorCode::InvalidInput,
                              N_n("The saved column mapping takes row {} as the header, but the file has only {} row.",
                                  "The saved column mapping takes row {} as the header, but the file has only {} rows."),
                              static_cast<long>(table.rows.size()),
                              {std::to_string(preview.mapping.header_line), std::to_string(table.rows.size())});
            header_row = static_cast<std::size_t>(preview.mapping.header_line - 1);
        }
    } else {
        for (std::size_t r = 0; r < table.rows.size() && r < kHeaderSearchRows && !header_row; ++r) {
            std::vector<bool> seen(kListFieldCount, false);
            int known = 0;
            for (const auto& cell : table.rows[r]) {
                auto field = match_header(cell);
                if (field && *field != ListField::RowNumber && !seen[static_cast<int>(*field)]) {
                    seen[static_cast<int>(*field)] = true;
                    ++known;
                }
            }
            if (known >= 2) header_row = r;
        }
        if (!header_row)
            return fail_n(ErrorCode::InvalidInput,
                          N_n("No header row with list columns (surname and name or full name; IIN or date of birth) "
                              "was found in the first {} row; choose the columns by hand.",
                              "No header row with list columns (surname and name or full name; IIN or date of birth) "
                              "was found in the first {} rows; choose the columns by hand."),
                          static_cast<long>(kHeaderSearchRows), {std::to_string(kHeaderSearchRows)});
        preview.mapping.header_line = static_cast<int>(*header_row) + 1;
    }
    if (header_row) preview.header = table.rows[*header_row];

    std::vector<std::optional<std::size_t>> column_of(kListFieldCount);
    if (options.mapping) {
        std::size_t widest = 0;
        for (const auto& row : table.rows) widest = std::max(widest, row.size());
        for (const auto& [column, field] : preview.mapping.columns) {
            auto& slot = column_of[static_cast<int>(field)];
            if (column >= widest)
                preview.file_problems.push_back(Error::make_n(
                    ErrorCode::InvalidInput,
                    N_n("The saved column mapping reads column {}, but the file has only {} column.",
                        "The saved column mapping reads column {}, but the file has only {} columns."),
                    static_cast<long>(widest), {idetail::column_letters(column), std::to_string(widest)}));

            else if (!slot)
                slot = column;
        }
        for (std::size_t c = 0; c < preview.header.size(); ++c) {
            bool mapped = std::ranges::any_of(preview.mapping.columns, [&](const auto& m) { return m.first == c; });
            if (!mapped && !trim(preview.header[c]).empty())
                preview.unknown_columns.push_back(idetail::shown_header(preview.header[c]));
        }
    } else {
        for (std::size_t c = 0; c < preview.header.size(); ++c) {
            auto field = match_header(preview.header[c]);
            if (!field) {
                if (!trim(preview.header[c]).empty()) preview.unknown_columns.push_back(idetail::shown_header(preview.header[c]));
                continue;
            }
            auto& slot = column_of[static_cast<int>(*field)];
            if (slot) {
                preview.file_problems.push_back(
                    file_problem(N_("Column {} (\"{}\") repeats column {}; only the first one is read."),
                                 {idetail::column_letters(c), idetail::shown_header(preview.header[c]), idetail::column_letters(*slot)}));
                continue;
            }
            slot = c;
            preview.mapping.columns.emplace_back(c, *field);
        }
    }
    auto has = [&](ListField f) { return column_of[static_cast<int>(f)].has_value(); };
    if (!(has(ListField::Surname) && has(ListField::Name)) && !has(ListField::FullName))
        preview.file_problems.push_back(file_problem(
            N_("The list needs surname and name columns, or one full-name column (\"{}\", \"{}\" or \"{}\").")
            , {"ФИО", "Аты-жөні", "Full name"}));
    if (!has(ListField::Iin) && !has(ListField::BirthDate))
        preview.file_problems.push_back(
            file_problem(N_("The list needs an IIN column or a date of birth column (\"{}\", \"{}\", \"{}\")."),
                         {"ИИН / ЖСН / IIN", "Дата рождения", "Туған күні"}));

    // 2. Rows.
    auto value = [&](std::size_t r, ListField f) -> std::string {
        const auto& c = column_of[static_cast<int>(f)];
        return c ? trim(table.cell(r, *c)) : std::string{};
    };
    std::map<std::string, int> seen_iin, seen_person;
    const std::size_t first_data = header_row ? *header_row + 1 : 0;
    for (std::size_t r = first_data; r < table.rows.size(); ++r) {
        bool has_data = false;
        for (int f = 0; f < kListFieldCount && !has_data; ++f)
            if (static_cast<ListField>(f) != ListField::RowNumber && column_of[f] &&
                !trim(table.cell(r, *column_of[f])).empty())
                has_data = true;
        if (!has_data) continue;

        PreviewRow row;
        ListEntry& e = row.entry;
        e.line = static_cast<int>(r) + 1;
        e.number = value(r, ListField::RowNumber);
        e.surname = value(r, ListField::Surname);
        e.name = value(r, ListField::Name);
        e.patronymic = value(r, ListField::Patronymic);
        bool from_full_name = false;
        if (e.surname.empty() && e.name.empty() && has(ListField::FullName)) {
            NameParts parts = split_full_name(value(r, ListField::FullName));
            e.surname = std::move(parts.surname);
            e.name = std::move(parts.name);
            if (e.patronymic.empty()) e.patronymic = std::move(parts.patronymic);
            from_full_name = true;
        }
        e.note = value(r, ListField::Note);
        std::vector<ListProblem> errors, warnings;
        auto add = [&](ListProblem p) { (p.severity == Severity::Error ? errors : warnings).push_back(std::move(p)); };

        // IIN: 12 digits with the check digit; else kept as written and the person is matched
        // by name and birth date later.
        std::string raw_iin = value(r, ListField::Iin);
        if (!raw_iin.empty()) {
            std::string iin = strip_iin(raw_iin);
            // Excel drops the leading zero of IINs of people born in 2000-2009 in a General cell.
            if (iin.size() == 11 && idetail::is_ascii_digits(iin) && iin_bin_check_digit_ok("0" + iin)) iin = "0" + iin;
            e.iin = iin;
            if (idetail::looks_rounded_by_excel(iin)) {
                add(problem(ProblemCode::IinRounded, ListField::Iin,
                            N_("The IIN {} was rounded by Excel; format the column as text and type the full "
                               "IIN again."),
                            {iin}));
            } else if (iin.size() != 12 || !idetail::is_ascii_digits(iin)) {
                add(problem(ProblemCode::IinFormat, ListField::Iin,
                            N_("The IIN {} is not 12 digits; the person will be matched by name and date of birth."),
                            {iin}));
            } else if (!iin_bin_check_digit_ok(iin)) {
                add(problem(ProblemCode::IinCheckDigit, ListField::Iin,
                            N_("The IIN {} has a wrong check digit; the person will be matched by name and date of "
                               "birth."),
                            {iin}));
            } else {
                e.iin_valid = true;
            }
        }

        std::string raw_date = value(r, ListField::BirthDate);
        if (!raw_date.empty()) {
            if (auto d = parse_list_date(raw_date, as_of_iso)) {
                e.birth_date = *d;
                if (e.birth_date > as_of_iso || e.birth_date < "1900-01-01")
                    add(problem(ProblemCode::BirthDateImplausible, ListField::BirthDate,
                                N_("The date of birth {} is impossible for a list as of {}."),
                                {e.birth_date, as_of_iso}));
            } else {
                add(problem(ProblemCode::BirthDateUnreadable, ListField::BirthDate,
                            N_("The date of birth \"{}\" is not a date (DD.MM.YYYY or YYYY-MM-DD)."), {raw_date}));
            }
        }

        std::string raw_sex = value(r, ListField::Sex);
        if (!raw_sex.empty()) {
            e.sex = parse_list_sex(raw_sex);
            if (!e.sex)
                add(problem(ProblemCode::SexUnreadable, ListField::Sex,
                            N_("The sex \"{}\" is not recognised (М/Ж, Е/Ә or M/F)."), {raw_sex}));
        }

        if (has(ListField::Category)) {
            std::string raw = value(r, ListField::Category);
            if (raw.empty()) {
                add(problem(ProblemCode::CategoryMissing, ListField::Category,
                            N_("The category is empty (permanent or temporary resident).")));
            } else {
                e.category = parse_list_category(raw);
                if (!e.category)
                    add(problem(ProblemCode::CategoryUnknown, ListField::Category,
                                N_("The category \"{}\" is not one the census orders define (permanent or temporary "
                                   "resident; conscript, cadet, officer, civilian on a restricted site; short-course "
                                   "trainee, detainee; temporarily absent)."),
                                {raw}));
            }
        }

        // What the IIN says, against what the list says (soft: IINs since 2013 need not say it).
        if (e.iin_valid) {
            IinFacts facts = iin_facts(e.iin);
            if (facts.birth_date && !e.birth_date.empty() && *facts.birth_date != e.birth_date)
                add(problem(ProblemCode::IinBirthDateMismatch, ListField::BirthDate,
                            N_("The date of birth {} differs from the one in the IIN ({}); check both."),
                            {e.birth_date, *facts.birth_date}));
            if (facts.sex && e.sex && (*facts.sex == 'M') != (*e.sex == Sex::Male))
                add(problem(ProblemCode::IinSexMismatch, ListField::Sex,
                            N_("The sex differs from the one in the IIN {}; check both."), {e.iin}));
        }

        const auto name_field = from_full_name ? ListField::FullName : ListField::Surname;
        if (e.surname.empty()) add(problem(ProblemCode::SurnameMissing, name_field, N_("The surname is empty.")));
        if (e.name.empty())
            add(problem(ProblemCode::NameMissing, from_full_name ? ListField::FullName : ListField::Name,
                        N_("The name is empty.")));
        if (!e.iin_valid && e.birth_date.empty())
            add(problem(ProblemCode::IdentityMissing, has(ListField::Iin) ? ListField::Iin : ListField::BirthDate,
                        N_("Neither a valid IIN nor a date of birth is given; the person cannot be told apart from "
                           "namesakes.")));

        // Duplicates within the list: the later row names the earlier line.
        bool iin_duplicate = false;
        if (e.iin_valid) {
            auto [it, inserted] = seen_iin.emplace(e.iin, e.line);
            if (!inserted) {
                iin_duplicate = true;
                add(problem(ProblemCode::DuplicateIin, ListField::Iin, N_("The IIN {} is already on line {}."),
                            {e.iin, std::to_string(it->second)}));
            }
        }
        if (std::string key = person_key(e); !key.empty()) {
            auto [it, inserted] = seen_person.emplace(key, e.line);
            if (!inserted && !iin_duplicate)
                add(problem(ProblemCode::DuplicatePerson, name_field,
                            N_("{}, born {}, is already on line {} (with another IIN or none)."),
                            {join_nonempty({e.surname, e.name}), e.birth_date, std::to_string(it->second)}));
        }

        row.problems = std::move(errors);
        std::ranges::move(warnings, std::back_inserter(row.problems));
        row.cells = cells_of(r);
        preview.rows.push_back(std::move(row));
    }
    return preview;
}

}  // namespace

Result<ListPreview> read_list(const tables::Table& table, const ListReadOptions& options) {
    return read_list_with(table, options, [&](std::size_t r) { return table.rows[r]; });
}

Result<ListPreview> read_list(tables::Table&& table, const ListReadOptions& options) {
    return read_list_with(table, options, [&](std::size_t r) { return std::move(table.rows[r]); });
}

Result<InstitutionList> make_institution_list(const ListPreview& preview, std::string_view institution_bin,
                                              std::string_view as_of, int version, std::string_view source_name) {
    if (!preview.file_problems.empty())
        return fail(ErrorCode::InvalidInput,
                    N_("The list cannot be imported until the file is fixed: {}"),
                    {i18n::render(preview.file_problems.front(), i18n::Catalog{})});  // English, counts in their form

    auto bin = validate_bin(institution_bin);
    SANAQ_TRY(bin);
    if (!parse_date(as_of))
        return fail(ErrorCode::InvalidInput, N_("The list date {} is not a date (YYYY-MM-DD)."), {std::string(as_of)});
    if (version < 1)
        return fail(ErrorCode::InvalidInput, N_("The list version must be 1 or more."));
    InstitutionList list;
    list.institution_bin = *bin;
    list.as_of = std::string(as_of);
    list.version = version;
    list.source_name = std::string(source_name);
    for (const auto& row : preview.rows)
        if (row.importable()) list.entries.push_back(row.entry);
    return list;
}

std::vector<std::string> rejected_rows_header(const ListPreview& preview, const MessageRenderer& render) {
    const MessageRenderer& r = render ? render : MessageRenderer(render_default);
    std::vector<std::string> header{r(N_("Line"), {})};
    std::size_t width = preview.header.size();
    for (const auto& row : preview.rows)
        if (!row.importable()) width = std::max(width, row.cells.size());
    for (std::size_t c = 0; c < width; ++c)
        header.push_back(c < preview.header.size() ? preview.header[c] : idetail::column_letters(c));
    header.push_back(r(N_("Problems"), {}));
    return header;
}

std::vector<std::vector<std::string>> rejected_rows(const ListPreview& preview, const MessageRenderer& render) {
    const MessageRenderer r = render ? render : MessageRenderer(render_default);
    const std::size_t width = rejected_rows_header(preview, r).size() - 2;
    std::vector<std::vector<std::string>> out;
    for (const auto& row : preview.rows) {
        if (row.importable()) continue;
        std::vector<std::string> cells{std::to_string(row.entry.line)};
        for (std::size_t c = 0; c < width; ++c) cells.push_back(c < row.cells.size() ? row.cells[c] : std::string{});
        std::string reasons;
        for (const auto& p : row.problems) {
            if (!reasons.empty()) reasons += "; ";
            reasons += r(p.message.message_id, p.message.args);
        }
        cells.push_back(std::move(reasons));
        out.push_back(std::move(cells));
    }
    return out;
}

Status write_rejected_rows(const std::filesystem::path& path, const ListPreview& preview, const MessageRenderer& render) {
    std::string ext = idetail::ascii_lower(path.extension().string());
    auto header = rejected_rows_header(preview, render);
    auto rows = rejected_rows(preview, render);
    if (ext == ".xlsx") return tables::write_xlsx(path, header, rows, "Rejected");
    if (ext == ".csv") return tables::write_csv(path, header, rows);
    return fail(ErrorCode::InvalidInput, N_("Choose a file name ending in .xlsx or .csv for the rejected rows."));
}

}  // namespace sanaq::lists
