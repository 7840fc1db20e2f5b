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
    SocialServiceCentre,          // "social_service_centre"; homes for the elderly: ElderlyDisabledHome
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
    // Named by the seeds after the first list: the online form's "sanatorium boarding schools" and
    // "homes for the elderly and disabled" (once folded into SocialServiceCentre; a stored
    // "social_service_centre" still reads as that), the military schools and the closed
    // administrative-territorial units of the national security committee's order.
    SanatoriumBoardingSchool,
    ElderlyDisabledHome,
    MilitarySchool,
    ClosedTerritorialUnit,
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
    /// The head's order that appointed them and the day they were trained (the joint orders
    /// require both); empty until the department records them. Order number and date go together.
    std::string appointment_order_number;
    std::string appointment_order_date;  // YYYY-MM-DD
    std::string trained_on;              // YYYY-MM-DD
    /// Appointed by an order and trained: what the seeds require before the census starts there.
    bool ready() const { return !appointment_order_number.empty() && !trained_on.empty(); }
};

/// Checks and normalises every field; returns the first problem.
Result<Institution> validate(Institution institution);
Result<ResponsibleEmployee> validate(ResponsibleEmployee employee);

}  // namespace sanaq
