// The institution's list for a simulated kit: the enumerated institution residents, as an
// institution's office would type them, with the usual slips.
#include "census_sim/simulated_list.h"

#include <algorithm>
#include <map>

#include "core/domain/identifiers.h"
#include "tables/table.h"
#include "lists/institution_list.h"
#include "lists/list_reader.h"
#include "census_sim/names.h"

namespace sanaq::census_sim {

using namespace detail;

namespace {

constexpr std::int64_t kUnenumeratedHouseholds = 50'000'000;   // far past any run of make_packages

std::vector<std::string> code_points(std::string_view s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        out.emplace_back(s.substr(i, n));
        i += n;
    }
    return out;
}

std::string join(const std::vector<std::string>& cps) {
    std::string out;
    for (const auto& c : cps) out += c;
    return out;
}

// Cyrillic letters that have a Latin twin on the keyboard.
constexpr std::pair<std::string_view, std::string_view> kLatinTwins[] = {
    {"А", "A"}, {"В", "B"}, {"Е", "E"}, {"К", "K"}, {"М", "M"}, {"Н", "H"}, {"О", "O"}, {"Р", "P"},
    {"С", "C"}, {"Т", "T"}, {"Х", "X"}, {"а", "a"}, {"е", "e"}, {"о", "o"}, {"р", "p"}, {"с", "c"}, {"х", "x"},
};

bool latin_twin(Rng& rng, std::string& text) {
    auto cps = code_points(text);
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < cps.size(); ++i)
        for (const auto& [cyr, lat] : kLatinTwins)
            if (cps[i] == cyr) candidates.push_back(i);
    if (candidates.empty()) return false;
    std::size_t at = candidates[rng.next() % candidates.size()];
    for (const auto& [cyr, lat] : kLatinTwins)
        if (cps[at] == cyr) {
            cps[at] = std::string(lat);
            break;
        }
    text = join(cps);
    return true;
}

bool typo(Rng& rng, std::string& text) {
    auto cps = code_points(text);
    if (cps.size() < 4) return false;
    std::size_t at = 1 + rng.next() % (cps.size() - 2);   // keep the first letter: people notice that one
    switch (rng.between(0, 2)) {
        case 0: cps.erase(cps.begin() + static_cast<std::ptrdiff_t>(at)); break;       // a letter dropped
        case 1: cps.insert(cps.begin() + static_cast<std::ptrdiff_t>(at), cps[at]); break;   // doubled
        default:
            if (cps[at] == cps[at + 1]) return false;
            std::swap(cps[at], cps[at + 1]);                                         // neighbours swapped
    }
    text = join(cps);
    return true;
}

// One spelling change of the kinds DESIGN.md lists; false when none applies to this name.
bool spelling_noise(Rng& rng, std::string& surname, std::string& name, std::string& patronymic) {
    for (int attempt = 0; attempt < 4; ++attempt) {
        switch (rng.between(0, 3)) {
            case 0:
                if (has_kazakh_letters(surname + name + patronymic)) {
                    surname = without_kazakh_letters(surname);
                    name = without_kazakh_letters(name);
                    patronymic = without_kazakh_letters(patronymic);
                    return true;
                }
                break;
            case 1:
                if (latin_twin(rng, rng.chance(0.7) ? surname : name)) return true;
                break;
            case 2:
                if (!surname.empty() && !name.empty() && surname != name) {
                    std::swap(surname, name);
                    return true;
                }
                break;
            default:
                if (typo(rng, rng.chance(0.6) ? surname : (rng.chance(0.7) ? name : patronymic))) return true;
        }
    }
    return false;
}

std::string mistype_iin(Rng& rng, const std::string& iin) {
    std::string out = iin;
    for (int attempt = 0; attempt < 8 && out == iin; ++attempt) {
        int at = rng.between(0, 10);
        if (rng.chance(0.5)) std::swap(out[at], out[at + 1]);
        else out[at] = static_cast<char>('0' + (out[at] - '0' + rng.between(1, 9)) % 10);
    }
    return out;
}

bool valid_date(int y, int m, int d) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    int dim = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
    return d <= dim;
}

// YYYY-MM-DD with one digit wrong (still a real date), or day and month swapped.
std::string wrong_birth_date(Rng& rng, const std::string& iso) {
    int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
    if (rng.chance(0.25) && d <= 12 && d != m && valid_date(y, d, m)) return pad(y, 4) + "-" + pad(d, 2) + "-" + pad(m, 2);
    for (int attempt = 0; attempt < 20; ++attempt) {
        int ny = y, nm = m, nd = d;
        switch (rng.between(0, 2)) {
            case 0: nd = (d / 10) * 10 + rng.between(0, 9); break;
            case 1: nd = rng.between(0, 3) * 10 + d % 10; break;
            default: ny = (y / 10) * 10 + rng.between(0, 9); break;
        }
        if ((ny != y || nd != d || nm != m) && valid_date(ny, nm, nd) && ny <= 2026)
            return pad(ny, 4) + "-" + pad(nm, 2) + "-" + pad(nd, 2);
    }
    return pad(y - 1, 4) + iso.substr(4);
}

std::string dotted(const std::string& iso) {
    if (iso.size() != 10) return iso;
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

bool is_military(InstitutionType t) { return t == InstitutionType::MilitaryUnit || t == InstitutionType::BorderOutpost; }

int age_at(const std::string& birth, const std::string& as_of) {
    if (birth.size() != 10 || as_of.size() != 10) return 30;
    int age = std::stoi(as_of.substr(0, 4)) - std::stoi(birth.substr(0, 4));
    if (as_of.substr(5) < birth.substr(5)) --age;
    return age;
}

lists::ListCategory category_for(Rng& rng, const Person& p, InstitutionType type, const std::string& as_of) {
    using lists::ListCategory;
    if (p.residence == Residence::TemporarilyAbsent) return ListCategory::TemporarilyAbsent;
    if (p.residence == Residence::Temporary) {
        if (type == InstitutionType::PretrialDetention) return ListCategory::Detainee;
        if (is_military(type)) return ListCategory::ShortCourseTrainee;
        return ListCategory::Temporary;
    }
    if (is_military(type)) {
        int age = age_at(p.birth_date, as_of);
        if (age <= 21) return rng.chance(0.9) ? ListCategory::Conscript : ListCategory::Cadet;
        return rng.chance(0.85) ? ListCategory::Officer : ListCategory::Civilian;
    }
    return ListCategory::Permanent;
}

std::string sex_cell(Sex sex, const std::string& lang) {
    bool m = sex == Sex::Male;
    if (lang == "kk") return m ? "Е" : "Ә";
    if (lang == "ru") return m ? "М" : "Ж";
    return m ? "M" : "F";
}

std::string upper(std::string_view text);

struct Draft {
    Person person;
    ListRowTruth truth;
    std::string iin, surname, name, patronymic, birth_date;
    lists::ListCategory category = lists::ListCategory::Permanent;
};

}  // namespace

Result<SimulatedList> simulated_list(const MakeListRequest& request) {
    if (request.kit_number.empty()) return fail(ErrorCode::InvalidInput, N_("Give the kit number."));
    if (request.persons < 0) return fail(ErrorCode::InvalidInput, N_("The number of persons must not be negative."));
    SimulatedList out;
    out.kit = simulated_kit(request.seed, request.kit_number);
    if (!request.expected_bin.empty() && request.expected_bin != out.kit.institution.bin)
        return fail(ErrorCode::InvalidInput,
                    N_("Kit {} is issued to the institution with BIN {} in the simulated world, not {}."),
                    {request.kit_number, out.kit.institution.bin, request.expected_bin});
    out.as_of = request.as_of.empty() ? out.kit.reference_date : request.as_of;

    Rng rng(mix(mix(request.seed, hash_text(request.kit_number)), 0x4C495354ULL));   // "LIST"
    const double lang_draw = rng.unit();
    out.lang = !request.lang.empty() ? request.lang.substr(0, 2) : lang_draw < 0.4 ? "kk" : lang_draw < 0.85 ? "ru" : "en";
    const bool draw_full = rng.chance(0.3);
    out.full_name_column = request.full_name_column < 0 ? draw_full : request.full_name_column == 1;
    const bool capitals = rng.chance(0.2);   // some offices type the whole list in capitals
    const InstitutionType type = out.kit.institution.type;
    const ListNoise& noise = request.noise;

    Population pop = kit_population(request.seed, request.kit_number, request.persons);
    std::map<std::string, const Household*> household_of;
    for (const auto& h : pop.households) household_of[h.uuid] = &h;
    auto in_institution = [&](const Person& p) {
        auto it = household_of.find(p.household_uuid);
        return it != household_of.end() && it->second->place == HouseholdPlace::Institution;
    };

    // The true values of a person as the institution's records hold them.
    auto draft_of = [&](const Person& p, bool enumerated) {
        Draft d;
        d.person = p;
        d.truth.person_uuid = p.uuid;
        d.truth.not_enumerated = !enumerated;
        d.birth_date = p.birth_date;
        d.iin = p.iin;
        if (!d.iin.empty() && !iin_bin_check_digit_ok(d.iin)) d.iin = corrected(p, request.seed).iin;   // the tablet's slip, not the list's
        if ((d.iin.empty() || !iin_bin_check_digit_ok(d.iin)) && p.birth_date.size() == 10)
            d.iin = iin_for(std::stoi(p.birth_date.substr(0, 4)), std::stoi(p.birth_date.substr(5, 2)),
                            std::stoi(p.birth_date.substr(8, 2)), p.sex == Sex::Male, rng.between(0, 9999));
        if (!iin_bin_check_digit_ok(d.iin)) d.iin.clear();
        if (d.birth_date.empty() && !d.iin.empty()) d.birth_date = iin_facts(d.iin).birth_date.value_or("");
        d.truth.true_iin = d.iin;
        d.truth.true_birth_date = d.birth_date;
        d.surname = p.surname;
        d.name = p.name;
        d.patronymic = p.patronymic;
        d.category = category_for(rng, p, type, out.as_of);
        return d;
    };

    std::vector<Draft> drafts;
    for (const auto& p : pop.persons) {
        if (!in_institution(p)) continue;
        ++out.institution_persons;
        if (rng.chance(noise.unlisted)) {
            out.unlisted_uuids.push_back(p.uuid);
            continue;
        }
        drafts.push_back(draft_of(p, true));
    }
    // People on the list whom no tablet enumerates: residents of households far past any
    // population make_packages writes for the kit.
    std::int64_t wanted = 0;
    for (std::size_t i = 0; i < drafts.size(); ++i)
        if (rng.chance(noise.not_enumerated)) ++wanted;
    {
        PopulationGenerator gen(request.seed, request.kit_number);
        Population extra;
        for (std::int64_t h = kUnenumeratedHouseholds; wanted > 0 && h < kUnenumeratedHouseholds + 100'000; ++h) {
            extra.households.clear();
            extra.persons.clear();
            gen.household(h, extra);
            if (extra.households.front().place != HouseholdPlace::Institution) continue;
            for (const auto& p : extra.persons) {
                if (wanted == 0) break;
                drafts.push_back(draft_of(p, false));
                --wanted;
            }
        }
    }

    // The slips of the office that typed the list, and people typed twice.
    std::vector<Draft> rows;
    rows.reserve(drafts.size() + drafts.size() / 50 + 1);
    auto apply_noise = [&](Draft& d) {
        if (rng.chance(noise.name_noise)) d.truth.name_noise = spelling_noise(rng, d.surname, d.name, d.patronymic);
        if (!d.iin.empty()) {
            if (rng.chance(noise.iin_missing)) {
                d.iin.clear();
                d.truth.iin_missing = true;
            } else if (rng.chance(noise.iin_mistyped)) {
                d.iin = mistype_iin(rng, d.iin);
                d.truth.iin_mistyped = true;
            }
        }
        if (d.birth_date.size() == 10 && rng.chance(noise.birth_date_wrong)) {
            d.birth_date = wrong_birth_date(rng, d.birth_date);
            d.truth.birth_date_wrong = true;
        }
    };
    for (auto& d : drafts) {
        Draft clean = d;
        apply_noise(d);
        rows.push_back(d);
        if (rng.chance(noise.listed_twice)) {
            Draft again = clean;
            again.truth.duplicate = true;
            // Typed again from another record: the same person, possibly spelled differently.
            if (rng.chance(0.5)) apply_noise(again);
            rows.push_back(std::move(again));
        }
    }
    // Lists come sorted by surname.
    std::stable_sort(rows.begin(), rows.end(), [](const Draft& a, const Draft& b) { return a.surname < b.surname; });

    // The file: title rows, header, data, signature.
    const std::string& lang = out.lang;
    const auto& inst = out.kit.institution;
    if (lang == "kk") {
        out.title_rows = {{"Санаққа жататын респонденттердің тізімі, " + dotted(out.as_of) + " жағдай бойынша"},
                          {inst.name_kk},
                          {"БСН: " + inst.bin},
                          {}};
    } else if (lang == "ru") {
        out.title_rows = {{"Список респондентов, подлежащих переписи, по состоянию на " + dotted(out.as_of)},
                          {inst.name_ru},
                          {"БИН: " + inst.bin},
                          {}};
    } else {
        out.title_rows = {{"List of respondents subject to the census as of " + dotted(out.as_of)},
                          {inst.name_ru},
                          {"BIN: " + inst.bin},
                          {}};
    }
    using lists::ListField;
    std::vector<ListField> fields = {ListField::RowNumber, ListField::Iin};
    if (out.full_name_column) fields.push_back(ListField::FullName);
    else fields.insert(fields.end(), {ListField::Surname, ListField::Name, ListField::Patronymic});
    fields.insert(fields.end(), {ListField::Sex, ListField::BirthDate, ListField::Category, ListField::Note});
    for (ListField f : fields)
        for (const auto& spec : lists::list_columns())
            if (spec.field == f) out.header.emplace_back(lang == "kk" ? spec.kk : lang == "ru" ? spec.ru : spec.en);

    const int first_line = static_cast<int>(out.title_rows.size()) + 2;
    int number = 0;
    for (auto& d : rows) {
        std::string surname = capitals ? upper(d.surname) : d.surname;
        std::string name = capitals ? upper(d.name) : d.name;
        std::string patronymic = capitals ? upper(d.patronymic) : d.patronymic;
        std::vector<std::string> cells;
        for (ListField f : fields) {
            switch (f) {
                case ListField::RowNumber: cells.push_back(std::to_string(++number)); break;
                case ListField::Iin: cells.push_back(d.iin); break;
                case ListField::FullName: {
                    std::string full = surname;
                    for (const std::string* part : {&name, &patronymic})
                        if (!part->empty()) full += " " + *part;
                    cells.push_back(full);
                    break;
                }
                case ListField::Surname: cells.push_back(surname); break;
                case ListField::Name: cells.push_back(name); break;
                case ListField::Patronymic: cells.push_back(patronymic); break;
                case ListField::Sex: cells.push_back(sex_cell(d.person.sex, lang)); break;
                case ListField::BirthDate: cells.push_back(dotted(d.birth_date)); break;
                case ListField::Category: cells.emplace_back(lists::list_category_name(d.category, lang)); break;
                default: cells.emplace_back(); break;
            }
        }
        d.truth.line = first_line + static_cast<int>(out.rows.size());
        out.rows.push_back(std::move(cells));
        out.truth.push_back(d.truth);
    }
    out.rows.push_back({});
    out.rows.push_back({(lang == "kk" ? "Жауапты қызметкер: " : lang == "ru" ? "Ответственный работник: " : "Responsible: ") +
                        out.kit.responsible.full_name + " ____________"});
    return out;
}

Result<SimulatedList> make_list(const std::filesystem::path& path, const MakeListRequest& request) {
    std::string ext = path.extension().string();
    std::ranges::transform(ext, ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".csv" && ext != ".xlsx")
        return fail(ErrorCode::InvalidInput, N_("Choose a file name ending in .xlsx or .csv for the list."));
    auto list = simulated_list(request);
    if (!list) return list;
    // The first title row is the writers' "header"; the rest of the file follows it.
    std::vector<std::vector<std::string>> body(list->title_rows.begin() + 1, list->title_rows.end());
    body.push_back(list->header);
    body.insert(body.end(), list->rows.begin(), list->rows.end());
    const auto& first = list->title_rows.front();
    Status written = ext == ".xlsx"
                         ? tables::write_xlsx(path, first, body,
                                                 list->lang == "kk" ? "Тізім" : list->lang == "ru" ? "Список" : "List")
                         : tables::write_csv(path, first, body);
    SANAQ_TRY(written);
    return list;
}

namespace {

// Upper case for the letters lists use (Russian, Kazakh, Latin); others unchanged.
std::string upper(std::string_view text) {
    std::string out;
    for (const auto& cp : code_points(text)) {
        if (cp.size() == 1) {
            char c = cp[0];
            out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
            continue;
        }
        if (cp.size() != 2) {
            out += cp;
            continue;
        }
        char32_t u = ((static_cast<unsigned char>(cp[0]) & 0x1F) << 6) | (static_cast<unsigned char>(cp[1]) & 0x3F);
        if (u >= 0x430 && u <= 0x44F) u -= 0x20;                       // а..я
        else if (u >= 0x450 && u <= 0x45F) u -= 0x50;                  // ё, і, ...
        else if (u >= 0x490 && u <= 0x4FF && (u & 1)) u -= 1;          // ғ қ ң ү ұ һ ә ө (odd = small)
        out += static_cast<char>(0xC0 | (u >> 6));
        out += static_cast<char>(0x80 | (u & 0x3F));
    }
    return out;
}

}  // namespace

}  // namespace sanaq::census_sim
