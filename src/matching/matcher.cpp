#include "matching/matcher.h"

#include <cmath>
#include <cstdio>

#include "core/error.h"

namespace sanaq::matching {
namespace {

bool is_digits(std::string_view s, std::size_t n) {
    if (s.size() != n) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// One position differs, or two neighbouring positions are swapped (same length assumed).
bool one_typo_apart(std::string_view a, std::string_view b) {
    std::size_t first = std::string_view::npos, count = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i]) {
            if (count == 0) first = i;
            if (++count > 2) return false;
        }
    }
    if (count == 1) return true;
    return count == 2 && first + 1 < a.size() && a[first] == b[first + 1] && a[first + 1] == b[first] &&
           a[first] != a[first + 1];
}

bool agrees(NameAgreement g) { return g == NameAgreement::Exact || g == NameAgreement::Similar; }

Level name_level(NameAgreement g) {
    switch (g) {
        case NameAgreement::Missing: return Level::Missing;
        case NameAgreement::Exact: return Level::Exact;
        case NameAgreement::Similar: return Level::Similar;
        case NameAgreement::Disagree: return Level::Disagree;
    }
    return Level::Disagree;
}

void date_digits(const PreparedRecord& r, char* out) {
    const int v[3] = {r.year, r.month, r.day};
    const int width[3] = {4, 2, 2};
    int at = 8;
    for (int k = 2; k >= 0; --k) {
        int x = v[k];
        for (int d = 0; d < width[k]; ++d, x /= 10) out[--at] = static_cast<char>('0' + x % 10);
    }
    out[8] = '\0';
}

Level compare_dates(const PreparedRecord& a, const PreparedRecord& b) {
    if (a.year == 0 || b.year == 0) return Level::Missing;
    if (a.year == b.year && a.month == b.month && a.day == b.day) return Level::Exact;
    if (a.year == b.year && a.month == b.day && a.day == b.month) return Level::Swapped;
    char da[9], db[9];
    date_digits(a, da);
    date_digits(b, db);
    if (one_typo_apart(std::string_view(da, 8), std::string_view(db, 8))) return Level::Typo;
    return a.year == b.year ? Level::YearOnly : Level::Disagree;
}

}  // namespace

const char* field_label(Field field) {
    switch (field) {
        case Field::Iin: return N_("IIN");
        case Field::Surname: return N_("Surname");
        case Field::GivenName: return N_("Given name");
        case Field::Patronymic: return N_("Patronymic");
        case Field::BirthDate: return N_("Date of birth");
        case Field::Sex: return N_("Sex");
        case Field::Institution: return N_("Institution");
        case Field::Territory: return N_("Territory");
    }
    return "";
}

const char* level_label(Field field, Level level) {
    switch (level) {
        case Level::Missing: return N_("missing on one side");
        case Level::Exact: return N_("agrees");
        case Level::Typo: return N_("one digit off or two digits transposed");
        case Level::Similar: return N_("similar spelling");
        case Level::Swapped:
            return field == Field::BirthDate ? N_("day and month swapped") : N_("surname and given name swapped");
        case Level::YearOnly: return N_("only the year agrees");
        case Level::SameDistrict: return N_("same district, another settlement");
        case Level::Disagree: return N_("disagrees");
    }
    return "";
}

const char* field_code(Field field) {
    static constexpr const char* codes[] = {"iin", "surname", "given_name", "patronymic",
                                            "birth_date", "sex", "institution", "territory"};
    return codes[static_cast<std::size_t>(field)];
}

const char* level_code(Level level) {
    static constexpr const char* codes[] = {"missing", "exact", "typo", "similar",
                                            "swapped", "year_only", "same_district", "disagree"};
    return codes[static_cast<std::size_t>(level)];
}

const char* match_class_label(MatchClass c) {
    switch (c) {
        case MatchClass::AutoMatch: return N_("auto-match");
        case MatchClass::Review: return N_("review");
        case MatchClass::NonMatch: return N_("non-match");
    }
    return "";
}

MatchParameters MatchParameters::defaults() {
    MatchParameters p;
    // Rationale per row in README.md ("Field levels"). u-probabilities are for pairs that blocking
    // brings together, which already share a name key, a birth date or an institution.
    p.set(Field::Iin, Level::Exact, 0.95, 1e-6);
    p.set(Field::Iin, Level::Typo, 0.03, 1e-4);
    p.set(Field::Iin, Level::Disagree, 0.02, 0.9999);
    p.set(Field::Surname, Level::Exact, 0.90, 0.01);
    p.set(Field::Surname, Level::Similar, 0.05, 0.02);
    p.set(Field::Surname, Level::Swapped, 0.01, 0.0005);
    p.set(Field::Surname, Level::Disagree, 0.04, 0.97);
    p.set(Field::GivenName, Level::Exact, 0.92, 0.02);
    p.set(Field::GivenName, Level::Similar, 0.05, 0.02);
    p.set(Field::GivenName, Level::Swapped, 0.01, 0.0005);
    p.set(Field::GivenName, Level::Disagree, 0.02, 0.96);
    p.set(Field::Patronymic, Level::Exact, 0.85, 0.03);
    p.set(Field::Patronymic, Level::Similar, 0.07, 0.03);
    p.set(Field::Patronymic, Level::Disagree, 0.08, 0.94);
    p.set(Field::BirthDate, Level::Exact, 0.93, 5e-5);
    p.set(Field::BirthDate, Level::Typo, 0.03, 5e-4);
    p.set(Field::BirthDate, Level::Swapped, 0.01, 5e-5);
    p.set(Field::BirthDate, Level::YearOnly, 0.01, 0.02);
    p.set(Field::BirthDate, Level::Disagree, 0.02, 0.93);
    p.set(Field::Sex, Level::Exact, 0.97, 0.5);
    p.set(Field::Sex, Level::Disagree, 0.03, 0.5);
    p.set(Field::Institution, Level::Exact, 0.90, 0.01);
    p.set(Field::Institution, Level::Disagree, 0.10, 0.99);
    p.set(Field::Territory, Level::Exact, 0.90, 0.05);
    p.set(Field::Territory, Level::SameDistrict, 0.05, 0.10);
    p.set(Field::Territory, Level::Disagree, 0.05, 0.85);
    return p;
}

void MatchParameters::set(Field field, Level level, double m, double u) {
    probability[index(field)][index(level)] = {m, u};
    refresh();
}

void MatchParameters::refresh() {
    for (std::size_t f = 0; f < kFieldCount; ++f)
        for (std::size_t l = 0; l < kLevelCount; ++l) {
            const auto [m, u] = probability[f][l];
            weights_[f][l] = (l == index(Level::Missing) || m <= 0 || u <= 0) ? 0.0 : std::log2(m / u);
        }
}

PreparedRecord prepare(const MatchRecord& r) {
    PreparedRecord p;
    if (is_digits(r.iin, 12)) p.iin = r.iin;
    p.name = normalize_name(r.surname, r.name, r.patronymic);
    p.sex = r.sex;
    if (!p.sex && p.name.sex != SexHint::Unknown) p.sex = p.name.sex == SexHint::Male ? Sex::Male : Sex::Female;
    const std::string_view d = r.birth_date;
    if (d.size() == 10 && d[4] == '-' && d[7] == '-' && is_digits(d.substr(0, 4), 4) && is_digits(d.substr(5, 2), 2) &&
        is_digits(d.substr(8, 2), 2)) {
        const int y = std::stoi(std::string(d.substr(0, 4)));
        const int m = std::stoi(std::string(d.substr(5, 2)));
        const int day = std::stoi(std::string(d.substr(8, 2)));
        if (y > 0 && m >= 1 && m <= 12 && day >= 1 && day <= 31) {
            p.year = static_cast<std::int16_t>(y);
            p.month = static_cast<std::int8_t>(m);
            p.day = static_cast<std::int8_t>(day);
        }
    }
    if (!r.institution_bin.empty()) {
        std::uint64_t h = 0xCBF29CE484222325ULL;
        for (unsigned char ch : r.institution_bin) h = (h ^ ch) * 0x100000001B3ULL;
        p.institution = h | 1;
    }
    if (is_digits(r.kato, 9)) p.kato = static_cast<std::uint32_t>(std::stoul(r.kato));
    return p;
}

bool Comparison::conflict() const {
    if (level(Field::Iin) != Level::Exact) return false;
    const Level d = level(Field::BirthDate);
    if (d == Level::Disagree || d == Level::YearOnly) return true;
    const Level s = level(Field::Surname), g = level(Field::GivenName);
    return (s == Level::Disagree && (g == Level::Disagree || g == Level::Missing)) ||
           (g == Level::Disagree && s == Level::Missing);
}

Comparison compare(const PreparedRecord& a, const PreparedRecord& b, const MatchParameters& params) {
    Comparison c;
    auto set = [&](Field f, Level l) { c.levels[static_cast<std::size_t>(f)] = l; };

    if (a.iin.empty() || b.iin.empty()) set(Field::Iin, Level::Missing);
    else if (a.iin == b.iin) set(Field::Iin, Level::Exact);
    else set(Field::Iin, one_typo_apart(a.iin, b.iin) ? Level::Typo : Level::Disagree);

    const double sim = params.name_similar_at;
    const NameAgreement s = compare_name_part(a.name.surname, b.name.surname, sim);
    const NameAgreement g = compare_name_part(a.name.name, b.name.name, sim);
    bool swapped = false;
    if (!(agrees(s) && agrees(g))) {
        const NameAgreement cs = compare_name_part(a.name.surname, b.name.name_as_surname, sim);
        const NameAgreement cg = compare_name_part(a.name.name_as_surname, b.name.surname, sim);
        swapped = agrees(cs) && agrees(cg);
    }
    set(Field::Surname, swapped ? Level::Swapped : name_level(s));
    set(Field::GivenName, swapped ? Level::Swapped : name_level(g));
    set(Field::Patronymic, name_level(compare_name_part(a.name.patronymic, b.name.patronymic, sim)));

    set(Field::BirthDate, compare_dates(a, b));

    if (!a.sex || !b.sex) set(Field::Sex, Level::Missing);
    else set(Field::Sex, *a.sex == *b.sex ? Level::Exact : Level::Disagree);

    if (a.institution == 0 || b.institution == 0) set(Field::Institution, Level::Missing);
    else set(Field::Institution, a.institution == b.institution ? Level::Exact : Level::Disagree);

    // The same institution implies the same territory: counting both would count one fact twice.
    if (c.level(Field::Institution) == Level::Exact || a.kato == 0 || b.kato == 0) set(Field::Territory, Level::Missing);
    else if (a.kato == b.kato) set(Field::Territory, Level::Exact);
    else set(Field::Territory, a.kato / 100000 == b.kato / 100000 ? Level::SameDistrict : Level::Disagree);

    double score = 0;
    for (std::size_t f = 0; f < kFieldCount; ++f) score += params.weight(static_cast<Field>(f), c.levels[f]);
    c.score = static_cast<float>(score);
    return c;
}

MatchClass classify(const Comparison& c, const MatchParameters& params) {
    if (c.conflict()) return MatchClass::Review;
    if (c.score >= params.auto_match_at) return MatchClass::AutoMatch;
    if (c.score >= params.review_at) return MatchClass::Review;
    return MatchClass::NonMatch;
}

std::vector<FieldWeight> explain(const Comparison& c, const MatchParameters& params) {
    std::vector<FieldWeight> rows;
    rows.reserve(kFieldCount);
    for (std::size_t i = 0; i < kFieldCount; ++i) {
        const auto f = static_cast<Field>(i);
        rows.push_back({f, c.levels[i], params.weight(f, c.levels[i]), field_label(f), level_label(f, c.levels[i])});
    }
    return rows;
}

std::string explanation_text(const Comparison& c, const MatchParameters& params) {
    std::string out;
    char buf[96];
    for (const auto& row : explain(c, params)) {
        std::snprintf(buf, sizeof buf, "%s%s: %s %+.1f", out.empty() ? "" : "; ", field_code(row.field),
                      level_code(row.level), row.weight);
        out += buf;
    }
    std::snprintf(buf, sizeof buf, " = %.1f", c.score);
    return out + buf;
}

}  // namespace sanaq::matching
