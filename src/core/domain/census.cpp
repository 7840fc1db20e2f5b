#include "core/domain/census.h"

#include "core/error.h"

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
constexpr Code<EnumerationChannel> kChannels[] = {
    {EnumerationChannel::TabletUsb, "usb_tablet"},
    {EnumerationChannel::Online, "online"},
    {EnumerationChannel::VpnTablet, "vpn_tablet"},
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
std::string_view enumeration_channel_code(EnumerationChannel channel) { return code_of(kChannels, channel); }
std::optional<EnumerationChannel> parse_enumeration_channel(std::string_view code) {
    return parse_code(kChannels, code);
}

const char* enumeration_channel_label(EnumerationChannel channel) {
    switch (channel) {
        case EnumerationChannel::TabletUsb: return N_("Tablet (USB pull)");
        case EnumerationChannel::Online: return N_("Online (sanaq.gov.kz)");
        case EnumerationChannel::VpnTablet: return N_("Tablet (VPN sync)");
    }
    return "";
}

const char* residence_label(Residence residence) {
    switch (residence) {
        case Residence::Permanent: return N_("Permanent residents");
        case Residence::Temporary: return N_("Temporary residents");
        case Residence::TemporarilyAbsent: return N_("Temporarily absent");
    }
    return "";
}

}  // namespace sanaq
