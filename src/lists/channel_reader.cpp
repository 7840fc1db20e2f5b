#include "lists/channel_reader.h"

#include <algorithm>
#include <unordered_map>

#include "core/domain/identifiers.h"
#include "tables/detail/headers.h"
#include "tables/detail/text.h"

namespace sanaq::lists {
namespace {

namespace idetail = tables::detail;

constexpr std::size_t kHeaderSearchRows = 50;
/// A value kept from a cell is cut here: an identifier or a time is never longer, and a 30,000
/// character cell must not be stored a million times.
constexpr std::size_t kMaxValueBytes = 200;

const std::vector<ChannelColumnSpec> kColumns = {
    {ChannelField::Iin,
     "IIN",
     "ИИН",
     "ЖСН",
     {"iin number", "иин/жсн", "жсн/иин", "иин (жсн)", "инн"}},
    {ChannelField::Surname,
     "Surname",
     "Фамилия",
     "Тегі",
     {"last name", "family name", "last_name", "тек"}},
    {ChannelField::Name,
     "Given name",
     "Имя",
     "Аты",
     {"name", "first name", "first_name", "есімі", "есім"}},
    {ChannelField::Patronymic,
     "Patronymic",
     "Отчество",
     "Әкесінің аты",
     {"middle name", "father's name", "әкесінің есімі"}},
    {ChannelField::BirthDate,
     "Date of birth",
     "Дата рождения",
     "Туған күні",
     {"birth date", "birth_date", "date_of_birth", "dob", "туған жылы, айы, күні", "туылған күні"}},
    {ChannelField::Channel,
     "Channel",
     "Канал",
     "Арна",
     {"enumeration channel", "канал переписи", "способ переписи", "санақ арнасы", "санақ тәсілі"}},
    {ChannelField::ConfirmationCode,
     "Confirmation code",
     "Код подтверждения",
     "Растау коды",
     {"confirmation", "confirmation_code", "код", "номер подтверждения", "растау нөмірі"}},
    {ChannelField::SyncedAt,
     "Time of sync",
     "Время синхронизации",
     "Синхрондау уақыты",
     {"synced at", "synced_at", "sync time", "дата и время синхронизации", "дата синхронизации",
      "синхрондалған уақыты"}},
    {ChannelField::InstitutionBin,
     "Institution BIN",
     "БИН учреждения",
     "Мекеменің БСН",
     {"bin", "institution_bin", "бин", "бсн", "бин организации", "ұйымның бсн"}},
    {ChannelField::Kato,
     "KATO",
     "КАТО",
     "ӘАОЖ",
     {"address code", "kato code", "код като", "като коды"}},
    {ChannelField::Residence,
     "Resident category",
     "Категория проживания",
     "Тұру санаты",
     {"residence", "category", "категория", "санаты", "статус проживания"}},
};

constexpr std::string_view kFieldCodes[] = {
    "iin",      "surname",           "name",      "patronymic",      "birth_date",
    "channel",  "confirmation_code", "synced_at", "institution_bin", "kato",
    "residence"};

struct AliasKey {
    std::string key;
    ChannelField field;
};

const std::vector<AliasKey>& alias_keys() {
    static const std::vector<AliasKey> keys = [] {
        std::vector<AliasKey> out;
        for (const auto& spec : kColumns) {
            for (std::string_view text : {spec.en, spec.ru, spec.kk})
                out.push_back({idetail::header_key(text), spec.field});
            for (std::string_view text : spec.aliases)
                out.push_back({idetail::header_key(text), spec.field});
        }
        std::erase_if(out, [](const AliasKey& a) { return a.key.empty(); });
        return out;
    }();
    return keys;
}

std::optional<ChannelField> match_header(std::string_view cell) {
    if (idetail::too_long_for_header(cell)) return std::nullopt;
    const std::string text = trim(cell);
    if (text.empty()) return std::nullopt;
    for (const std::string& candidate :
         {idetail::header_key(text), idetail::header_key(idetail::without_brackets(text))}) {
        if (candidate.empty()) continue;
        // Exact keys first: "Имя" must not be taken by a longer alias that merely starts alike.
        for (const auto& alias : alias_keys())
            if (candidate == alias.key) return alias.field;
        for (const auto& alias : alias_keys())
            if (idetail::key_matches(candidate, alias.key)) return alias.field;
    }
    return std::nullopt;
}

ListProblem problem(ProblemCode code, Severity severity, std::string message_id,
                    std::vector<std::string> args = {}) {
    return {code, severity, std::nullopt,
            Error::make(ErrorCode::InvalidInput, std::move(message_id), std::move(args))};
}

std::string value_of(const std::vector<std::string>& row, const ChannelPreview& p,
                     ChannelField field) {
    for (const auto& [column, f] : p.columns)
        if (f == field) {
            if (column >= row.size()) return {};
            std::string v = trim(row[column]);
            if (v.size() > kMaxValueBytes) v.resize(kMaxValueBytes);
            return idetail::sanitize_utf8(v);
        }
    return {};
}

std::string strip_iin(std::string_view text) {
    std::string t = trim(text);
    if (!t.empty() && t.front() == '\'')
        t.erase(0, 1);  // Excel's text prefix, write_csv's formula guard
    std::string out;
    for (char c : t)
        if (c != ' ' && c != '-') out += c;
    return out;
}

bool twelve_digits(std::string_view s) { return s.size() == 12 && idetail::is_ascii_digits(s); }

}  // namespace

std::string_view channel_field_code(ChannelField field) {
    return kFieldCodes[static_cast<std::size_t>(field)];
}
const std::vector<ChannelColumnSpec>& channel_columns() { return kColumns; }

std::optional<EnumerationChannel> parse_channel_cell(std::string_view text) {
    const std::string t = trim(text);
    if (auto code = parse_enumeration_channel(t); code && *code != EnumerationChannel::TabletUsb)
        return code;
    static const std::vector<std::pair<std::string, EnumerationChannel>> forms = [] {
        std::vector<std::pair<std::string, EnumerationChannel>> out;
        for (std::string_view f :
             {"online", "онлайн", "sanaq.gov.kz", "интернет", "internet", "web", "сайт"})
            out.emplace_back(idetail::header_key(f), EnumerationChannel::Online);
        for (std::string_view f :
             {"vpn_tablet", "vpn", "vpn tablet", "планшет (vpn)", "планшет vpn", "tablet (vpn)"})
            out.emplace_back(idetail::header_key(f), EnumerationChannel::VpnTablet);
        return out;
    }();
    for (const std::string& key :
         {idetail::header_key(t), idetail::header_key(idetail::without_brackets(t))})
        for (const auto& [form, channel] : forms)
            if (!key.empty() && key == form) return channel;
    return std::nullopt;
}

bool ChannelRow::importable() const {
    return std::none_of(problems.begin(), problems.end(),
                        [](const ListProblem& p) { return p.severity == Severity::Error; });
}

std::string ChannelRow::warning_codes() const {
    std::string out;
    for (const auto& p : problems) {
        if (p.severity != Severity::Warning) continue;
        if (!out.empty()) out += ',';
        out += problem_code_name(p.code);
    }
    return out;
}

std::int64_t ChannelPreview::importable_count() const {
    return std::count_if(rows.begin(), rows.end(),
                         [](const ChannelRow& r) { return r.importable(); });
}
std::int64_t ChannelPreview::rejected_count() const {
    return static_cast<std::int64_t>(rows.size()) - importable_count();
}
std::int64_t ChannelPreview::warning_count() const {
    return std::count_if(rows.begin(), rows.end(), [](const ChannelRow& r) {
        return r.importable() && !r.warning_codes().empty();
    });
}

Result<ChannelPreview> read_channel_file(tables::Table&& table) {
    ChannelPreview p;
    p.encoding = table.encoding;
    // The header: the first of the first rows naming at least two different channel-file columns.
    std::optional<std::size_t> header;
    for (std::size_t r = 0; r < std::min(table.rows.size(), kHeaderSearchRows) && !header; ++r) {
        std::vector<ChannelField> seen;
        for (const auto& cell : table.rows[r])
            if (auto f = match_header(cell);
                f && std::find(seen.begin(), seen.end(), *f) == seen.end())
                seen.push_back(*f);
        if (seen.size() >= 2) header = r;
    }
    if (!header)
        return fail(ErrorCode::InvalidInput,
                    N_("No header row with channel file columns (IIN, surname, given name, date of "
                       "birth, channel, "
                       "confirmation code) was found in the first 50 rows of the file."));
    p.header_line = static_cast<int>(*header) + 1;
    const auto& head = table.rows[*header];
    for (std::size_t c = 0; c < head.size(); ++c) {
        auto f = match_header(head[c]);
        if (!f) {
            if (!trim(head[c]).empty()) p.unknown_columns.push_back(idetail::shown_header(head[c]));
            continue;
        }
        const bool repeated = std::any_of(p.columns.begin(), p.columns.end(),
                                          [&](const auto& x) { return x.second == *f; });
        if (repeated) {
            p.file_problems.push_back(Error::make(
                ErrorCode::InvalidInput, N_("The column \"{}\" appears twice in the header."),
                {idetail::shown_header(head[c])}));
            continue;
        }
        p.columns.emplace_back(c, *f);
    }
    auto has = [&](ChannelField f) {
        return std::any_of(p.columns.begin(), p.columns.end(),
                           [&](const auto& x) { return x.second == f; });
    };
    if (!has(ChannelField::Surname) || !has(ChannelField::Name))
        p.file_problems.push_back(
            Error::make(ErrorCode::InvalidInput,
                        N_("The channel file has no surname or no given name column.")));
    if (!has(ChannelField::Iin) && !has(ChannelField::BirthDate))
        p.file_problems.push_back(
            Error::make(ErrorCode::InvalidInput,
                        N_("The channel file has neither an IIN nor a date of birth column.")));
    if (!has(ChannelField::Channel))
        p.file_problems.push_back(
            Error::make(ErrorCode::InvalidInput,
                        N_("The channel file has no channel column (online or vpn_tablet).")));
    if (!p.usable()) return p;

    std::unordered_map<std::string, int> codes_seen;  // confirmation code -> line
    p.rows.reserve(table.rows.size() - *header);
    for (std::size_t r = *header + 1; r < table.rows.size(); ++r) {
        auto& cells = table.rows[r];
        ChannelRow row;
        row.line = static_cast<int>(r) + 1;
        bool any = false;
        for (const auto& [column, f] : p.columns)
            if (column < cells.size() && !trim(cells[column]).empty()) any = true;
        if (!any) continue;
        row.surname = value_of(cells, p, ChannelField::Surname);
        row.name = value_of(cells, p, ChannelField::Name);
        row.patronymic = value_of(cells, p, ChannelField::Patronymic);
        row.confirmation_code = value_of(cells, p, ChannelField::ConfirmationCode);
        row.synced_at = value_of(cells, p, ChannelField::SyncedAt);
        if (row.surname.empty())
            row.problems.push_back(
                problem(ProblemCode::SurnameMissing, Severity::Error, N_("The surname is empty.")));
        if (row.name.empty())
            row.problems.push_back(
                problem(ProblemCode::NameMissing, Severity::Error, N_("The name is empty.")));

        const std::string raw_channel = value_of(cells, p, ChannelField::Channel);
        row.channel = parse_channel_cell(raw_channel);
        if (!row.channel)
            row.problems.push_back(
                problem(ProblemCode::CategoryUnknown, Severity::Error,
                        N_("The channel \"{}\" is not one a channel file gives (online or "
                           "vpn_tablet)."),
                        {raw_channel}));

        if (std::string raw = value_of(cells, p, ChannelField::Iin); !raw.empty()) {
            std::string iin = strip_iin(raw);
            if (iin.size() == 11 && idetail::is_ascii_digits(iin) &&
                iin_bin_check_digit_ok("0" + iin))
                iin = "0" + iin;
            row.iin = iin;
            if (twelve_digits(iin) && iin_bin_check_digit_ok(iin))
                row.iin_valid = true;
            else
                row.problems.push_back(
                    problem(ProblemCode::IinFormat, Severity::Warning,
                            N_("The IIN {} is not a valid IIN; the person will be matched by name "
                               "and date of birth."),
                            {iin}));
        }
        if (std::string raw = value_of(cells, p, ChannelField::BirthDate); !raw.empty()) {
            if (auto d = parse_list_date(raw))
                row.birth_date = *d;
            else
                row.problems.push_back(problem(
                    ProblemCode::BirthDateUnreadable, Severity::Warning,
                    N_("The date of birth \"{}\" is not a date (DD.MM.YYYY or YYYY-MM-DD)."),
                    {raw}));
        }
        if (!row.iin_valid && row.birth_date.empty())
            row.problems.push_back(
                problem(ProblemCode::IdentityMissing, Severity::Error,
                        N_("Neither a valid IIN nor a date of birth is given; the person cannot be "
                           "told apart from namesakes.")));
        if (!row.synced_at.empty())
            if (auto d = parse_list_date(row.synced_at)) row.synced_on = *d;
        if (std::string bin = strip_iin(value_of(cells, p, ChannelField::InstitutionBin));
            !bin.empty()) {
            if (twelve_digits(bin) && iin_bin_check_digit_ok(bin)) row.institution_bin = bin;
        }
        if (std::string kato = trim(value_of(cells, p, ChannelField::Kato)); !kato.empty()) {
            if (kato.size() == 9 && idetail::is_ascii_digits(kato)) row.kato = kato;
        }
        if (std::string raw = value_of(cells, p, ChannelField::Residence); !raw.empty()) {
            if (auto code = parse_residence(raw))
                row.residence = code;
            else if (auto category = parse_list_category(raw))
                row.residence = residence_of(*category);
            else
                row.problems.push_back(
                    problem(ProblemCode::CategoryUnknown, Severity::Warning,
                            N_("The resident category \"{}\" is not one the census orders "
                               "define; the person is counted without one."),
                            {raw}));
        }
        if (!row.confirmation_code.empty()) {
            auto [it, fresh] = codes_seen.emplace(row.confirmation_code, row.line);
            if (!fresh)
                row.problems.push_back(
                    problem(ProblemCode::DuplicateIin, Severity::Error,
                            N_("The confirmation code {} is already on line {}."),
                            {row.confirmation_code, std::to_string(it->second)}));
        }
        // Errors first, as lists show them.
        std::stable_partition(row.problems.begin(), row.problems.end(),
                              [](const ListProblem& x) { return x.severity == Severity::Error; });
        p.rows.push_back(std::move(row));
        cells = {};  // give the cells back as we go: a large file is not held twice
    }
    return p;
}

}  // namespace sanaq::lists
