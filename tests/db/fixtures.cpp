#include "fixtures.h"

#include "crypto/crypto.h"
#include "core/domain/identifiers.h"
#include "db/key_slots.h"

namespace sanaq::test {

std::string describe(const Error& e) {
    std::string out = std::string(error_code_name(e.code)) + ": " + e.message_id;
    for (const auto& a : e.args) out += " [" + a + "]";
    if (!e.detail.empty()) out += " (" + e.detail + ")";
    return out;
}

FreshWorkspace::FreshWorkspace() : dir(tmp / "ws") {
    ws = must(db::Workspace::create(dir, kAdmin, kPassword, db::test_kdf()));
}

std::unique_ptr<db::Database> FreshWorkspace::raw() {
    auto key = must(db::unlock_master_key(dir, kAdmin, kPassword));
    return must(db::Database::open(dir / db::kDatabaseFileName, &key, db::Database::Mode::OpenExisting));
}

std::string with_check_digit(const std::string& first11) {
    auto digit = iin_bin_check_digit(first11);
    BOOST_REQUIRE_MESSAGE(digit.has_value(), "no check digit for " + first11);
    return first11 + std::to_string(*digit);
}

Institution sample_institution(const std::string& bin, const std::string& name_ru) {
    Institution i;
    i.bin = bin;
    i.name_kk = name_ru + " (kk)";
    i.name_ru = name_ru;
    i.type = InstitutionType::BoardingSchoolOrphans;
    i.kato = KatoCode{"191010000", "2022"};
    i.address = "Конаев, ул. Абая 1";
    return i;
}

ResponsibleEmployee sample_employee(const std::string& bin, const std::string& iin, const std::string& name) {
    return ResponsibleEmployee{0, bin, iin, name, "заместитель директора", "+7 701 000 00 00"};
}

Kit sample_kit(const std::string& number, const std::string& serial_suffix) {
    return make_kit(number, Tablet{"Samsung Galaxy Tab A8", "R9TS" + serial_suffix, "", "USB" + serial_suffix},
                    {{ComponentType::Charger, "CH-" + serial_suffix}});
}

AuditEntry draft_entry(const std::string& actor, const std::string& action, const std::string& object_id) {
    AuditEntry e;
    e.at_utc = "2026-11-22T09:14:03Z";
    e.at_local = "2026-11-22T14:14:03+05:00";
    e.actor = actor;
    e.action = action;
    e.object_type = action.substr(0, action.find('.'));
    e.object_id = object_id;
    e.details = "{}";
    return e;
}

Household sample_household(const std::string& uuid, int revision) {
    Household h;
    h.uuid = uuid;
    h.revision = revision;
    h.place = HouseholdPlace::Institution;
    h.kato = "191010000";
    h.kato_version = "2022";
    h.institution_bin = with_check_digit("99034000111");
    h.institution_type = "boarding_school";
    h.household_number = "12";
    h.answers_json = R"({"H01":"2","H02":"кирпич"})";
    return h;
}

Person sample_person(const std::string& uuid, const std::string& household_uuid, int revision) {
    Person p;
    p.uuid = uuid;
    p.revision = revision;
    p.household_uuid = household_uuid;
    p.iin = with_check_digit("10051560012");
    p.surname = "Жанбулатов";
    p.name = "Нұрлан";
    p.patronymic = "Қайратұлы";
    p.sex = Sex::Male;
    p.birth_date = "2010-05-15";
    p.relationship = "other";
    p.residence = Residence::Temporary;
    p.source = RecordSource::AdministrationRecords;
    p.answers_json = R"({"P07":"kk","P12":"5"})";
    return p;
}

RecordProvenance sample_provenance(const std::string& package_uuid, const std::string& kit_number,
                                   std::int64_t holder) {
    return RecordProvenance{package_uuid, kit_number, holder, "2026-10-05T06:00:00Z"};
}

ReceivedPackage sample_received(const std::string& package_uuid, const std::string& kit_number,
                                const std::string& device_id, std::int64_t sequence,
                                const std::string& pulled_at_utc) {
    ReceivedPackage p;
    auto& m = p.manifest;
    m.package_uuid = package_uuid;
    m.device_id = device_id;
    m.device_model = "SM-X200";
    m.usb_serial = "R9TS0001";
    m.kit_number = kit_number;
    m.interviewer_iin = with_check_digit("85071530012");
    m.census_round = "2026";
    m.sequence = sequence;
    m.exported_at = "2026-10-04T18:30:00Z";
    m.households = 3;
    m.persons = 9;
    m.payload_size = 4321;
    m.payload_sha256 = std::string(64, 'a');
    p.pulled_at_utc = pulled_at_utc;
    p.pulled_by = "officer.one";
    p.pull_id = 1;
    p.holder_employee_id = 7;
    p.households_new = 3;
    p.persons_new = 8;
    p.persons_superseded = 1;
    p.warnings = 2;
    p.clock_skew_seconds = 40;
    return p;
}

std::string file_sha256(const std::filesystem::path& file) { return sanaq::crypto::sha256_hex(read_file(file)); }

}  // namespace sanaq::test
