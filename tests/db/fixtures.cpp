#include "fixtures.h"

#include "core/domain/digest.h"
#include "core/domain/identifiers.h"
#include "db/key_slots.h"

namespace sanaq::test {

std::string describe(const Error& e) {
    std::string out = std::string(error_code_name(e.code)) + ": " + e.message_id;
    for (const auto& a : e.args) out += " [" + a + "]";
    if (!e.detail.empty()) out += " (" + e.detail + ")";
    return out;
}

WorkspaceFixture::WorkspaceFixture() : dir(tmp / "ws") {
    ws = must(db::Workspace::create(dir, kAdmin, kPassword, db::test_kdf()));
}

std::unique_ptr<db::Database> WorkspaceFixture::raw() {
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

std::string file_sha256(const std::filesystem::path& file) { return sha256_hex(read_file(file)); }

}  // namespace sanaq::test
