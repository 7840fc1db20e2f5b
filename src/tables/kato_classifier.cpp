#include "tables/kato_classifier.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>

#include "core/domain/identifiers.h"

namespace sanaq::tables {
namespace {

enum Column { Te, Ab, Cd, Ef, Hij, K, NameKaz, NameRus, Nn, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kHeaders{"te", "ab", "cd", "ef", "hij", "k",
                                                              "name_kaz", "name_rus", "nn"};

std::string header_key(std::string_view cell) {
    std::string out;
    for (char c : trim(cell))
        if (c != ' ') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A level cell as the digits it stands for: spreadsheets drop leading zeros ("0" for "000").
std::optional<std::string> level_digits(std::string_view cell, std::size_t width) {
    std::string d = trim(cell);
    if (d.empty()) return std::string();
    if (!all_digits(d) || d.size() > width) return std::nullopt;
    return std::string(width - d.size(), '0') + d;
}

Error row_problem(int line, const char* message_id, std::vector<std::string> args) {
    args.insert(args.begin(), std::to_string(line));
    return Error::make(ErrorCode::InvalidInput, message_id, std::move(args));
}

}  // namespace

Result<KatoClassifier> parse_kato_classifier(const Table& table, std::string_view edition,
                                             std::chrono::milliseconds budget) {
    auto checked_edition = validate_kato_edition(edition);
    SANAQ_TRY(checked_edition);
    const auto deadline = std::chrono::steady_clock::now() + budget;
    KatoClassifier out;
    std::array<int, kColumnCount> at{};
    at.fill(-1);
    for (std::size_t r = 0; r < std::min<std::size_t>(table.rows.size(), 20) && !out.header_line; ++r) {
        std::array<int, kColumnCount> found{};
        found.fill(-1);
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const std::string key = header_key(table.rows[r][c]);
            for (std::size_t h = 0; h < kHeaders.size(); ++h)
                if (key == kHeaders[h] && found[h] < 0) found[h] = static_cast<int>(c);
        }
        if (found[Te] >= 0 && found[NameKaz] >= 0 && found[NameRus] >= 0) {
            at = found;
            out.header_line = static_cast<int>(r) + 1;
        }
    }
    if (!out.header_line)
        return fail(ErrorCode::InvalidInput,
                    N_("This is not a KATO classifier file: no row among the first 20 names the columns te, "
                       "name_kaz and name_rus."));
    const auto cell = [&](std::size_t r, Column c) -> std::string {
        return at[c] < 0 ? std::string() : trim(table.cell(r, static_cast<std::size_t>(at[c])));
    };
    std::set<std::string> seen;
    for (std::size_t r = static_cast<std::size_t>(out.header_line); r < table.rows.size(); ++r) {
        // Checked every 256 rows: the clock costs more than a row's checks.
        if ((r & 0xFF) == 0 && std::chrono::steady_clock::now() > deadline)
            return fail(ErrorCode::InvalidInput,
                        N_("Nothing was saved: checking the classifier file took longer than {} seconds."),
                        {std::to_string(std::chrono::duration_cast<std::chrono::seconds>(budget).count())});
        const auto& row = table.rows[r];
        if (std::all_of(row.begin(), row.end(), [](const std::string& v) { return trim(v).empty(); })) continue;
        if (out.entries.size() + out.problems.size() >= kMaxClassifierEntries)
            return fail(ErrorCode::InvalidInput,
                        N_("Nothing was saved: the classifier file has more than {} entries; a KATO classifier "
                           "has about 15,000."),
                        {std::to_string(kMaxClassifierEntries)});
        const int line = static_cast<int>(r) + 1;
        KatoTerritory t;
        t.edition = *checked_edition;
        t.code = cell(r, Te);
        t.kind = cell(r, K);
        t.name_kk = cell(r, NameKaz);
        t.name_ru = cell(r, NameRus);
        t.note = cell(r, Nn);
        if (t.code.size() != 9 || !all_digits(t.code)) {
            out.problems.push_back(row_problem(line, N_("Row {}: the code {} (column te) is not 9 digits."), {t.code}));
            continue;
        }
        bool levels_agree = true;
        const std::array<std::pair<Column, std::size_t>, 4> levels{{{Ab, 0}, {Cd, 2}, {Ef, 4}, {Hij, 6}}};
        for (auto [column, from] : levels) {
            const std::size_t width = column == Hij ? 3 : 2;
            const auto digits = level_digits(cell(r, column), width);
            if (!digits || (!digits->empty() && *digits != t.code.substr(from, width))) levels_agree = false;
        }
        if (!levels_agree) {
            out.problems.push_back(row_problem(
                line, N_("Row {}: the columns ab, cd, ef and hij do not agree with the code {}."), {t.code}));
            continue;
        }
        if (t.name_kk.empty() && t.name_ru.empty()) {
            out.problems.push_back(row_problem(line, N_("Row {}: the code {} has no name."), {t.code}));
            continue;
        }
        if (!find_kato_region(*checked_edition, t.code)) {
            out.problems.push_back(row_problem(line, N_("Row {}: the code {} is of a region the {} edition does not have."),
                                               {t.code, *checked_edition}));
            continue;
        }
        if (!seen.insert(t.code).second) {
            out.problems.push_back(row_problem(line, N_("Row {}: the code {} is given twice."), {t.code}));
            continue;
        }
        out.entries.push_back(std::move(t));
    }
    return out;
}

}  // namespace sanaq::tables
