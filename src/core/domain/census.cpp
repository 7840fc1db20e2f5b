#include "core/domain/census.h"

namespace sanaq {
namespace {

template <class E>
struct Code {
    E value;
    std::string_view code;
};

constexpr Code<HouseholdPlace> kPlaces[] = {
    {HouseholdPlace::Address, "address"},
    {HouseholdPlace::Institution, "institution"},
    {HouseholdPlace::Hotel, "hotel"},
};
constexpr Code<Sex> kSexes[] = {{Sex::Male, "M"}, {Sex::Female, "F"}};
constexpr Code<Residence> kResidences[] = {
    {Residence::Permanent, "permanent"},
    {Residence::Temporary, "temporary"},
    {Residence::TemporarilyAbsent, "absent"},
};
constexpr Code<RecordSource> kSources[] = {
    {RecordSource::Interview, "interview"},
    {RecordSource::AdministrationRecords, "admin"},
};

template <class E, std::size_t N>
std::string_view code_of(const Code<E> (&table)[N], E value) {
    for (const auto& c : table)
        if (c.value == value) return c.code;
    return {};
}

template <class E, std::size_t N>
std::optional<E> parse_code(const Code<E> (&table)[N], std::string_view code) {
    for (const auto& c : table)
        if (c.code == code) return c.value;
    return std::nullopt;
}

}  // namespace

std::string_view household_place_code(HouseholdPlace place) { return code_of(kPlaces, place); }
std::optional<HouseholdPlace> parse_household_place(std::string_view code) { return parse_code(kPlaces, code); }
std::string_view sex_code(Sex sex) { return code_of(kSexes, sex); }
std::optional<Sex> parse_sex(std::string_view code) { return parse_code(kSexes, code); }
std::string_view residence_code(Residence residence) { return code_of(kResidences, residence); }
std::optional<Residence> parse_residence(std::string_view code) { return parse_code(kResidences, code); }
std::string_view record_source_code(RecordSource source) { return code_of(kSources, source); }
std::optional<RecordSource> parse_record_source(std::string_view code) { return parse_code(kSources, code); }

}  // namespace sanaq
