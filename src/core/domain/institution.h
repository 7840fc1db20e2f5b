#pragma once
// Institutions whose residents are enumerated on site, and the staff responsible for it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/domain/identifiers.h"

namespace sanaq {

/// Institution types named in the joint orders (seeds/): the places where people are enumerated
/// by the institution's own responsible staff rather than by street interviewers.
enum class InstitutionType {
    ChildrensHome,
    BabyHome,
    BoardingSchoolGifted,
    BoardingSchoolSportsGifted,
    BoardingSchoolOrphans,
    RehabilitationCentreDisabled,
    SocialServiceCentre,          // incl. homes for the elderly and disabled
    InpatientCare,
    Sanatorium,
    RestHome,
    SocialAdaptationCentre,       // people with no fixed abode, night shelters, street patrols
    CrisisCentre,                 // victims of domestic violence
    TraffickingVictimsCentre,
    TuberculosisOrganisation,
    PsychoneurologicalOrganisation,
    NarcologicalOrganisation,
    SanitaryEpidemiologicalOrganisation,
    MilitaryUnit,
    BorderOutpost,
    PretrialDetention,
    Other,
};
inline constexpr int kInstitutionTypeCount = static_cast<int>(InstitutionType::Other) + 1;

std::string_view institution_type_code(InstitutionType type);   // "childrens_home", ...
std::optional<InstitutionType> parse_institution_type(std::string_view code);
const char* institution_type_label(InstitutionType type);       // English msgid

struct Institution {
    std::string bin;
    std::string name_kk;
    std::string name_ru;
    InstitutionType type = InstitutionType::Other;
    KatoCode kato;
    std::string address;
};

/// A responsible employee appointed by the institution's head to carry out the census there.
struct ResponsibleEmployee {
    std::int64_t id = 0;
    std::string institution_bin;
    std::string iin;
    std::string full_name;
    std::string position;
    std::string phone;
};

/// Checks and normalises every field; returns the first problem.
Result<Institution> validate(Institution institution);
Result<ResponsibleEmployee> validate(ResponsibleEmployee employee);

}  // namespace sanaq
