#include "core/domain/institution.h"

#include <algorithm>

#include "core/domain/clock.h"

namespace sanaq {
namespace {

struct TypeInfo {
    InstitutionType type;
    std::string_view code;
    const char* label;
};
constexpr TypeInfo kTypes[] = {
    {InstitutionType::ChildrensHome, "childrens_home", N_("Children's home")},
    {InstitutionType::BabyHome, "baby_home", N_("Baby home")},
    {InstitutionType::BoardingSchoolGifted, "boarding_school_gifted", N_("Boarding school for gifted children")},
    {InstitutionType::BoardingSchoolSportsGifted, "boarding_school_sports", N_("Boarding school for children gifted in sport")},
    {InstitutionType::BoardingSchoolOrphans, "boarding_school_orphans", N_("Boarding school for orphans and children left without parental care")},
    {InstitutionType::RehabilitationCentreDisabled, "rehabilitation_centre", N_("Rehabilitation centre for people and children with disabilities")},
    {InstitutionType::SocialServiceCentre, "social_service_centre", N_("Social service centre")},
    {InstitutionType::InpatientCare, "inpatient_care", N_("Inpatient medical care organisation")},
    {InstitutionType::Sanatorium, "sanatorium", N_("Sanatorium")},
    {InstitutionType::RestHome, "rest_home", N_("Rest home")},
    {InstitutionType::SocialAdaptationCentre, "social_adaptation_centre", N_("Social adaptation centre for people with no fixed abode")},
    {InstitutionType::CrisisCentre, "crisis_centre", N_("Crisis centre for victims of domestic violence")},
    {InstitutionType::TraffickingVictimsCentre, "trafficking_victims_centre", N_("Rehabilitation centre for victims of human trafficking")},
    {InstitutionType::TuberculosisOrganisation, "tuberculosis", N_("Specialised tuberculosis organisation")},
    {InstitutionType::PsychoneurologicalOrganisation, "psychoneurological", N_("Psychoneurological organisation")},
    {InstitutionType::NarcologicalOrganisation, "narcological", N_("Narcological care organisation")},
    {InstitutionType::SanitaryEpidemiologicalOrganisation, "sanitary_epidemiological", N_("Sanitary and epidemiological organisation")},
    {InstitutionType::MilitaryUnit, "military_unit", N_("Military unit")},
    {InstitutionType::BorderOutpost, "border_outpost", N_("Border outpost")},
    {InstitutionType::PretrialDetention, "pretrial_detention", N_("Pre-trial detention facility")},
    {InstitutionType::SanatoriumBoardingSchool, "sanatorium_boarding_school", N_("Sanatorium boarding school")},
    {InstitutionType::ElderlyDisabledHome, "elderly_disabled_home", N_("Home for the elderly and disabled")},
    {InstitutionType::MilitarySchool, "military_school", N_("Military school")},
    {InstitutionType::ClosedTerritorialUnit, "closed_territorial_unit", N_("Closed administrative-territorial unit")},
    {InstitutionType::Other, "other", N_("Other institution")},
};
static_assert(std::size(kTypes) == kInstitutionTypeCount);

const TypeInfo& info(InstitutionType type) { return kTypes[static_cast<int>(type)]; }

}  // namespace

std::string_view institution_type_code(InstitutionType type) { return info(type).code; }
const char* institution_type_label(InstitutionType type) { return info(type).label; }

std::optional<InstitutionType> parse_institution_type(std::string_view code) {
    for (const auto& t : kTypes)
        if (t.code == code) return t.type;
    return std::nullopt;
}

Result<Institution> validate(Institution institution) {
    auto bin = validate_bin(institution.bin);
    SANAQ_TRY(bin);
    institution.bin = *bin;
    institution.name_kk = trim(institution.name_kk);
    institution.name_ru = trim(institution.name_ru);
    if (institution.name_kk.empty() || institution.name_ru.empty())
        return fail(ErrorCode::InvalidInput,
                    N_("An institution needs its name in both Kazakh and Russian."));
    auto kato = validate_kato(institution.kato.code, institution.kato.classifier_version);
    SANAQ_TRY(kato);
    institution.kato = *kato;
    institution.address = trim(institution.address);
    return institution;
}

Result<ResponsibleEmployee> validate(ResponsibleEmployee employee) {
    auto iin = validate_iin(employee.iin);
    SANAQ_TRY(iin);
    employee.iin = *iin;
    employee.full_name = trim(employee.full_name);
    if (employee.full_name.empty())
        return fail(ErrorCode::InvalidInput, N_("The employee's full name is empty."));
    employee.position = trim(employee.position);
    employee.phone = trim(employee.phone);
    if (!employee.phone.empty() &&
        !std::all_of(employee.phone.begin(), employee.phone.end(), [](char c) {
            return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')';
        }))
        return fail(ErrorCode::InvalidInput, N_("The phone number {} has characters a phone number cannot have."),
                    {employee.phone});
    employee.appointment_order_number = trim(employee.appointment_order_number);
    employee.appointment_order_date = trim(employee.appointment_order_date);
    employee.trained_on = trim(employee.trained_on);
    if (employee.appointment_order_number.size() > 64)
        return fail(ErrorCode::InvalidInput, N_("The appointment order number is longer than 64 characters."));
    // An order is a number and a date; one without the other names no order.
    if (employee.appointment_order_number.empty() != employee.appointment_order_date.empty())
        return fail(ErrorCode::InvalidInput,
                    N_("The appointment order needs both its number and its date."));
    for (const auto* date : {&employee.appointment_order_date, &employee.trained_on})
        if (!date->empty() && !parse_date(*date))
            return fail(ErrorCode::InvalidInput, N_("{} is not a date (YYYY-MM-DD)."), {*date});
    // Training follows the appointment: the head appoints, the department trains whom was named.
    if (!employee.trained_on.empty() && !employee.appointment_order_date.empty() &&
        employee.trained_on < employee.appointment_order_date)
        return fail(ErrorCode::InvalidInput,
                    N_("The employee cannot be trained on {}, before the order of {} appointed them."),
                    {employee.trained_on, employee.appointment_order_date});
    return employee;
}

}  // namespace sanaq
