// The simulated population: who lives in a kit's institution and around it, as the tablet's
// census sheets record them.
#include <algorithm>

#include "census_sim/census_sim.h"
#include "core/domain/identifiers.h"
#include "census_sim/names.h"

namespace sanaq::census_sim {

using namespace detail;

namespace {

constexpr int kReferenceYear = 2026;   // census moment 2026-10-01 (SimulatedKit::reference_date)

/// What the residents of each institution type look like.
struct Profile {
    int age_lo, age_hi;
    double male_share;
    double temporary_share;   // people present for under 12 months
    double admin_share;       // answers taken from the administration's records
    int size_lo, size_hi;     // people per collective household (a ward, a barracks, a group)
    double address_share;     // households at addresses around the institution (staff housing, the settlement)
};

Profile profile_of(InstitutionType t) {
    switch (t) {
        case InstitutionType::ChildrensHome: return {3, 17, 0.5, 0.0, 0.4, 6, 14, 0.10};
        case InstitutionType::BabyHome: return {0, 3, 0.5, 0.0, 0.9, 4, 10, 0.10};
        case InstitutionType::BoardingSchoolGifted:
        case InstitutionType::BoardingSchoolSportsGifted: return {11, 18, 0.55, 0.6, 0.05, 8, 20, 0.10};
        case InstitutionType::BoardingSchoolOrphans: return {7, 18, 0.5, 0.0, 0.2, 8, 20, 0.10};
        case InstitutionType::RehabilitationCentreDisabled: return {3, 45, 0.5, 0.7, 0.3, 4, 12, 0.10};
        case InstitutionType::SocialServiceCentre: return {60, 95, 0.4, 0.0, 0.3, 4, 12, 0.10};
        case InstitutionType::InpatientCare: return {0, 90, 0.45, 1.0, 0.3, 4, 10, 0.10};
        case InstitutionType::Sanatorium: return {25, 80, 0.4, 1.0, 0.05, 2, 6, 0.10};
        case InstitutionType::RestHome: return {18, 75, 0.45, 1.0, 0.05, 2, 6, 0.10};
        case InstitutionType::SocialAdaptationCentre: return {25, 75, 0.75, 1.0, 0.2, 6, 20, 0.10};
        case InstitutionType::CrisisCentre: return {0, 50, 0.2, 1.0, 0.1, 2, 8, 0.10};
        case InstitutionType::TraffickingVictimsCentre: return {16, 40, 0.3, 1.0, 0.2, 2, 8, 0.10};
        case InstitutionType::TuberculosisOrganisation: return {18, 80, 0.65, 1.0, 0.2, 4, 10, 0.10};
        case InstitutionType::PsychoneurologicalOrganisation: return {18, 85, 0.5, 0.0, 0.5, 6, 16, 0.10};
        case InstitutionType::NarcologicalOrganisation: return {20, 60, 0.8, 1.0, 0.2, 4, 12, 0.10};
        case InstitutionType::SanitaryEpidemiologicalOrganisation: return {5, 70, 0.5, 1.0, 0.2, 2, 8, 0.10};
        case InstitutionType::MilitaryUnit: return {18, 50, 0.95, 0.0, 0.05, 12, 40, 0.25};
        case InstitutionType::BorderOutpost: return {18, 50, 0.95, 0.0, 0.05, 8, 24, 0.30};
        case InstitutionType::PretrialDetention: return {18, 65, 0.9, 1.0, 0.2, 4, 16, 0.05};
        case InstitutionType::SanatoriumBoardingSchool: return {7, 18, 0.5, 0.6, 0.1, 8, 20, 0.10};
        case InstitutionType::ElderlyDisabledHome: return {60, 95, 0.4, 0.0, 0.3, 4, 12, 0.10};
        case InstitutionType::MilitarySchool: return {17, 25, 0.9, 0.6, 0.05, 12, 40, 0.20};
        case InstitutionType::ClosedTerritorialUnit: return {0, 85, 0.5, 0.0, 0.1, 2, 12, 0.15};
        case InstitutionType::Other: break;
    }
    return {0, 90, 0.5, 0.5, 0.1, 2, 12, 0.15};
}

const char* const kHotels[] = {"«Қазақстан» қонақ үйі", "Гостиница «Турист»", "«Достық» қонақ үйі",
                               "Гостиница «Иртыш»", "Hotel «Silk Way»"};

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
    return days[month - 1];
}

struct Birth {
    int year, month, day;
};

Birth birth_for_age(Rng& rng, int age) {
    int month = rng.between(1, 12);
    int day = rng.between(1, 28);
    bool after_reference = month > 10 || (month == 10 && day > 1);
    int year = kReferenceYear - age - (after_reference ? 1 : 0);
    day = std::min(day + rng.between(0, 3), days_in_month(year, month));
    return {year, month, day};
}

std::string draw_iin(Rng& rng, const Birth& b, Sex sex) {
    double u = rng.unit();
    if (u < kMissingIinShare) return {};
    std::string iin = iin_for(b.year, b.month, b.day, sex == Sex::Male, rng.between(0, 9999));
    if (u < kMissingIinShare + kInvalidIinShare) {
        // A typist's slip: two neighbouring digits swapped, or failing that a wrong last digit.
        int at = rng.between(7, 9);
        std::swap(iin[at], iin[at + 1]);
        if (iin_bin_check_digit_ok(iin)) iin[11] = static_cast<char>('0' + (iin[11] - '0' + 1) % 10);
    }
    return iin;
}

const char* nationality_code(Ethnicity e, Rng& rng) {
    switch (e) {
        case Ethnicity::Kazakh: return "kazakh";
        case Ethnicity::Russian: return "russian";
        case Ethnicity::Other: {
            static constexpr const char* others[] = {"korean", "ukrainian", "german", "uzbek", "uyghur", "tatar"};
            return rng.pick(others);
        }
    }
    return "other";
}

std::string person_answers(Rng& rng, Ethnicity e, int age, Sex sex) {
    std::string j = "{\"q6_citizenship\":\"";
    j += rng.chance(0.97) ? "KZ" : (rng.chance(0.5) ? "RU" : "UZ");
    j += "\",\"q7_nationality\":\"";
    j += nationality_code(e, rng);
    j += "\",\"q8_native_language\":\"";
    j += e == Ethnicity::Kazakh ? (rng.chance(0.9) ? "kk" : "ru") : (e == Ethnicity::Russian ? "ru" : "other");
    j += "\"";
    if (age >= 6) {
        static constexpr const char* levels[] = {"fluent", "reads_writes", "understands", "none"};
        j += ",\"q9_kazakh_proficiency\":\"";
        j += e == Ethnicity::Kazakh ? "fluent" : rng.pick(levels);
        j += "\",\"q13_education\":\"";
        static constexpr const char* child_edu[] = {"primary", "basic_secondary"};
        static constexpr const char* adult_edu[] = {"general_secondary", "vocational", "higher", "higher",
                                                    "basic_secondary", "postgraduate"};
        j += age < 16 ? rng.pick(child_edu) : rng.pick(adult_edu);
        j += "\"";
    }
    if (age >= 16) {
        static constexpr const char* marital[] = {"single", "married", "married", "divorced", "widowed"};
        j += ",\"q17_marital_status\":\"";
        j += age < 20 ? "single" : rng.pick(marital);
        j += "\",\"q21_livelihood\":\"";
        static constexpr const char* livelihood[] = {"employment", "pension", "benefits", "dependant",
                                                     "scholarship", "state_support"};
        j += age >= 63 ? "pension" : rng.pick(livelihood);
        j += "\"";
        if (sex == Sex::Female && age >= 18) j += ",\"q25_children_born\":" + std::to_string(rng.between(0, 5));
    }
    j += "}";
    return j;
}

struct Member {
    Sex sex;
    int age;
    Ethnicity ethnicity;
    std::string surname;          // as the family writes it (gendered form chosen by the caller)
    std::string father_name;
    std::string relationship;
    Residence residence;
    RecordSource source;
    std::string given;            // empty: draw one
};

Person make_person(Rng& rng, const Household& h, const Member& m) {
    Person p;
    p.uuid = rng.uuid();
    p.revision = 1;
    p.household_uuid = h.uuid;
    p.sex = m.sex;
    Birth b = birth_for_age(rng, m.age);
    p.iin = draw_iin(rng, b, m.sex);
    p.birth_date = pad(b.year, 4) + "-" + pad(b.month, 2) + "-" + pad(b.day, 2);
    if (m.source == RecordSource::AdministrationRecords && rng.chance(0.03)) p.birth_date.clear();
    FullName n{m.surname, m.given.empty() ? draw_given_name(rng, m.ethnicity, m.sex) : m.given,
               patronymic_of(rng, m.father_name, m.ethnicity, m.sex)};
    if (m.ethnicity == Ethnicity::Other && rng.chance(0.3)) n.patronymic.clear();   // none given
    apply_typing_variations(rng, n, m.ethnicity);
    p.surname = std::move(n.surname);
    p.name = std::move(n.name);
    p.patronymic = std::move(n.patronymic);
    p.relationship = m.relationship;
    p.residence = m.residence;
    p.source = m.source;
    p.answers_json = person_answers(rng, m.ethnicity, m.age, m.sex);
    return p;
}

int draw_family_size(Rng& rng) {
    static constexpr int cumulative[] = {15, 35, 57, 77, 90, 96, 100};
    int u = rng.between(0, 99);
    for (int i = 0; i < 7; ++i)
        if (u < cumulative[i]) return i + 1;
    return 7;
}

}  // namespace

PopulationGenerator::PopulationGenerator(std::uint64_t seed, std::string_view kit_number)
    : kit_(simulated_kit(seed, kit_number)), kit_seed_(mix(seed, hash_text(kit_number))) {}

void PopulationGenerator::household(std::int64_t index, Population& out) const {
    Rng rng(mix(kit_seed_, static_cast<std::uint64_t>(index) + 1));
    const Profile prof = profile_of(kit_.institution.type);
    Household h;
    h.uuid = rng.uuid();
    h.revision = 1;
    h.kato = kit_.institution.kato.code;
    h.kato_version = kit_.institution.kato.classifier_version;
    h.household_number = pad(index + 1, 4);
    double u = rng.unit();
    if (u < 0.02) {
        h.place = HouseholdPlace::Hotel;
        h.hotel_name = rng.pick(kHotels);
        const int floor = rng.between(1, 5);
        const int door = rng.between(1, 30);
        std::string room = std::to_string(floor) + pad(door, 2);
        h.answers_json = "{\"d1_dwelling_type\":\"hotel\",\"d2_room\":\"" + room + "\"}";
    } else if (u < 0.02 + prof.address_share) {
        h.place = HouseholdPlace::Address;
        h.street = draw_street(rng);
        h.house = std::to_string(rng.between(1, 200));
        if (rng.chance(0.15)) h.house += rng.chance(0.5) ? "А" : "/1";
        bool flat = rng.chance(0.65);
        if (flat) h.flat = std::to_string(rng.between(1, 160));
        // Drawn one by one: the order of operands of + is unspecified, the simulator must not be.
        const int rooms = rng.between(1, 5);
        const int area = rng.between(25, 160);
        const bool piped = flat || rng.chance(0.6);
        const char* heating = flat ? "central" : (rng.chance(0.5) ? "stove" : "individual_boiler");
        const bool internet = rng.chance(0.8);
        h.answers_json = std::string("{\"d1_dwelling_type\":\"") + (flat ? "apartment" : "house") +
                         "\",\"d2_rooms\":" + std::to_string(rooms) + ",\"d4_floor_area_m2\":" + std::to_string(area) +
                         ",\"d6_water\":\"" + (piped ? "piped" : "well") + "\",\"d7_heating\":\"" + heating +
                         "\",\"d9_internet\":" + (internet ? "true" : "false") + "}";
    } else {
        h.place = HouseholdPlace::Institution;
        h.institution_bin = kit_.institution.bin;
        h.institution_type = std::string(institution_type_code(kit_.institution.type));
        static constexpr const char* units[] = {"палата", "бөлме", "казарма", "топ", "корпус"};
        const char* unit = rng.pick(units);
        const int unit_number = rng.between(1, 60);
        h.answers_json = std::string("{\"d1_dwelling_type\":\"institution\",\"d2_unit\":\"") + unit + " " +
                         std::to_string(unit_number) + "\"}";
    }
    out.households.push_back(h);

    if (h.place == HouseholdPlace::Institution) {
        const int size = rng.between(prof.size_lo, prof.size_hi);
        const bool military = kit_.institution.type == InstitutionType::MilitaryUnit ||
                              kit_.institution.type == InstitutionType::BorderOutpost;
        for (int i = 0; i < size; ++i) {
            Member m;
            m.ethnicity = draw_ethnicity(rng);
            m.sex = rng.chance(prof.male_share) ? Sex::Male : Sex::Female;
            if (military) m.age = rng.chance(0.8) ? rng.between(18, 21) : rng.between(22, 50);
            else m.age = rng.between(prof.age_lo, prof.age_hi);
            Surname s = draw_surname(rng, m.ethnicity);
            m.surname = m.sex == Sex::Male ? s.male : s.female;
            m.father_name = draw_given_name(rng, m.ethnicity, Sex::Male);
            m.relationship = "resident";
            m.residence = rng.chance(prof.temporary_share) ? Residence::Temporary : Residence::Permanent;
            m.source = rng.chance(prof.admin_share) ? RecordSource::AdministrationRecords : RecordSource::Interview;
            out.persons.push_back(make_person(rng, h, m));
        }
        return;
    }

    const int size = h.place == HouseholdPlace::Hotel ? rng.between(1, 2) : draw_family_size(rng);
    const Ethnicity e = draw_ethnicity(rng);
    const Surname family = draw_surname(rng, e);
    const Sex head_sex = rng.chance(0.7) ? Sex::Male : Sex::Female;
    const int head_age = rng.between(22, 78);
    const std::string head_name = draw_given_name(rng, e, head_sex);
    std::string husband_name = head_sex == Sex::Male ? head_name : draw_given_name(rng, e, Sex::Male);
    auto residence = [&]() {
        if (h.place == HouseholdPlace::Hotel) return Residence::Temporary;
        double r = rng.unit();
        return r < 0.03 ? Residence::TemporarilyAbsent : (r < 0.05 ? Residence::Temporary : Residence::Permanent);
    };
    auto source = [&]() { return rng.chance(0.01) ? RecordSource::AdministrationRecords : RecordSource::Interview; };

    Member head{head_sex, head_age, e, head_sex == Sex::Male ? family.male : family.female,
                draw_given_name(rng, e, Sex::Male), "head", residence(), source(), head_name};
    out.persons.push_back(make_person(rng, h, head));
    for (int i = 1; i < size; ++i) {
        Member m;
        m.ethnicity = e;
        m.residence = residence();
        m.source = source();
        if (i == 1 && head_age >= 22 && rng.chance(0.8)) {
            m.sex = head_sex == Sex::Male ? Sex::Female : Sex::Male;
            m.age = std::clamp(head_age + rng.between(-6, 4), 18, 95);
            m.relationship = "spouse";
            m.father_name = draw_given_name(rng, e, Sex::Male);
            if (m.sex == Sex::Male) m.given = husband_name;
        } else if (head_age > 70 && rng.chance(0.3)) {
            m.sex = rng.chance(0.5) ? Sex::Male : Sex::Female;
            m.age = std::max(0, head_age - 50 + rng.between(-5, 10));
            m.relationship = "grandchild";
            m.father_name = draw_given_name(rng, e, Sex::Male);
        } else if (head_age < 45 && rng.chance(0.12)) {
            m.sex = rng.chance(0.7) ? Sex::Female : Sex::Male;
            m.age = std::min(95, head_age + rng.between(22, 32));
            m.relationship = "parent";
            m.father_name = draw_given_name(rng, e, Sex::Male);
        } else if (h.place == HouseholdPlace::Hotel) {
            m.sex = rng.chance(0.5) ? Sex::Male : Sex::Female;
            m.age = rng.between(18, 70);
            m.relationship = "not_related";
            m.father_name = draw_given_name(rng, e, Sex::Male);
            Surname other = draw_surname(rng, e);
            m.surname = m.sex == Sex::Male ? other.male : other.female;
        } else {
            m.sex = rng.chance(0.51) ? Sex::Male : Sex::Female;
            m.age = std::max(0, head_age - rng.between(20, 40));
            m.relationship = "child";
            m.father_name = husband_name;
        }
        if (m.surname.empty()) m.surname = m.sex == Sex::Male ? family.male : family.female;
        out.persons.push_back(make_person(rng, h, m));
    }
}

Population kit_population(std::uint64_t seed, std::string_view kit_number, std::int64_t persons,
                          std::int64_t first_household) {
    Population out;
    if (persons <= 0) return out;
    PopulationGenerator gen(seed, kit_number);
    out.persons.reserve(static_cast<std::size_t>(persons) + 64);
    for (std::int64_t i = first_household; static_cast<std::int64_t>(out.persons.size()) < persons; ++i)
        gen.household(i, out);
    out.persons.resize(static_cast<std::size_t>(persons));
    return out;
}

Person corrected(const Person& person, std::uint64_t seed) {
    Person p = person;
    p.revision = person.revision + 1;
    Rng rng(mix(seed, hash_text(person.uuid)));
    if (!p.iin.empty() && !iin_bin_check_digit_ok(p.iin) && p.birth_date.size() == 10) {
        int year = std::stoi(p.birth_date.substr(0, 4)), month = std::stoi(p.birth_date.substr(5, 2)),
            day = std::stoi(p.birth_date.substr(8, 2));
        p.iin = iin_for(year, month, day, p.sex == Sex::Male, std::stoi(p.iin.substr(7, 4)));
        return p;
    }
    if (p.patronymic.size() > 4 && p.patronymic.ends_with("улы")) {
        p.patronymic = p.patronymic.substr(0, p.patronymic.size() - std::string_view("улы").size()) + "ұлы";
        return p;
    }
    if (!p.answers_json.empty() && p.answers_json.back() == '}') {
        std::string fix = "\"q30_corrected_by\":\"supervisor " + std::to_string(rng.between(1, 99)) + "\"";
        p.answers_json.insert(p.answers_json.size() - 1, p.answers_json.size() > 2 ? "," + fix : fix);
    }
    return p;
}

}  // namespace sanaq::census_sim
