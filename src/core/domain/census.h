#pragma once
// Census records as the tablets export them (src/core/package/README.md, "Payload plaintext"):
// households and the persons in them, each with its sheet answers. Every record has a stable UUID
// and a revision; a corrected record comes again with a higher revision and supersedes the stored
// one.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sanaq {

enum class HouseholdPlace { Address, Institution, Hotel };
enum class Sex { Male, Female };
/// Resident category as the sheets record it (seeds: permanent residents, people temporarily
/// present for under 12 months, residents temporarily absent).
enum class Residence { Permanent, Temporary, TemporarilyAbsent };
/// Where a person's answers came from: an interview, or the institution's administration/HR
/// records when the respondent could not be interviewed.
enum class RecordSource { Interview, AdministrationRecords };
/// How a person reached the count: a tablet whose package this department pulled over USB, the
/// online sheet people fill in themselves on sanaq.gov.kz, or a tablet that synced over VPN
/// straight to the census database. The last two are counted by the census database, not here;
/// its channel file tells the department who they are.
enum class EnumerationChannel { TabletUsb, Online, VpnTablet };
inline constexpr std::size_t kEnumerationChannelCount = 3;

std::string_view household_place_code(HouseholdPlace place);   // "address", "institution", "hotel"
std::optional<HouseholdPlace> parse_household_place(std::string_view code);
std::string_view sex_code(Sex sex);                            // "M", "F"
std::optional<Sex> parse_sex(std::string_view code);
std::string_view residence_code(Residence residence);          // "permanent", "temporary", "absent"
std::optional<Residence> parse_residence(std::string_view code);
std::string_view record_source_code(RecordSource source);      // "interview", "admin"
std::optional<RecordSource> parse_record_source(std::string_view code);
std::string_view enumeration_channel_code(EnumerationChannel channel);   // "usb_tablet", "online", "vpn_tablet"
std::optional<EnumerationChannel> parse_enumeration_channel(std::string_view code);
const char* enumeration_channel_label(EnumerationChannel channel);       // msgid
const char* residence_label(Residence residence);                       // msgid

struct Household {
    std::string uuid;              // lower-case canonical UUID, stable across revisions
    int revision = 1;              // >= 1
    HouseholdPlace place = HouseholdPlace::Address;
    std::string kato;              // 9 digits: the settlement (address) or the institution's
    std::string kato_version;      // the KATO edition of the code: "2013" or "2022" (kKatoVersions), or ""
    std::string street, house, flat;      // address households
    std::string institution_bin;   // institution households
    std::string institution_type;  // institution_type_code(), institution households
    std::string hotel_name;        // hotel households
    std::string household_number;  // as numbered on the sheet within its enumeration area
    std::string answers_json;      // dwelling sheet answers: a JSON object, question code -> value
};

struct Person {
    std::string uuid;
    int revision = 1;
    std::string household_uuid;
    std::string iin;               // may be empty or invalid (a warning, never a rejection)
    std::string surname, name, patronymic;
    Sex sex = Sex::Male;
    std::string birth_date;        // YYYY-MM-DD; may be empty when unknown
    std::string relationship;      // to the head of household, sheet code ("head", "spouse", ...)
    Residence residence = Residence::Permanent;
    RecordSource source = RecordSource::Interview;
    std::string answers_json;      // individual questionnaire answers: a JSON object
};

/// Where a stored record came from: every pulled record knows its package, its kit and who held
/// that kit when the package was exported (the custody link).
struct RecordProvenance {
    std::string package_uuid;
    std::string kit_number;
    std::int64_t holder_employee_id = 0;   // 0 when the kit was not issued at export time
    std::string pulled_at_utc;
    /// The tablet that signed the package (its key's fingerprint). When set, a record UUID already
    /// held from another tablet is not overwritten (UpsertOutcome::HeldByAnotherDevice).
    std::string device_id;
};

/// What storing one record did.
enum class UpsertOutcome {
    Inserted,       // a new record
    Superseded,     // replaced a stored lower revision
    Unchanged,      // the same revision was already stored (a replay): nothing written
    IgnoredOlder,   // a lower revision than the stored one: nothing written, counted
    HeldByAnotherDevice,   // the UUID was received from another tablet: nothing written, a conflict
};

}  // namespace sanaq
