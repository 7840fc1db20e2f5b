// keyslots.json version 3 end to end: a workspace's keys from creation through adding members,
// the census part made by its first holder, grants confirmed by a holder, written to disk and read
// back — and what a custodian who rewrites the file can and cannot do.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "db/key_membership.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;
using db::Part;

namespace {

const std::string kWs = "0123456789abcdef0123456789abcdef";

bool holds(const db::MemberKeys& keys, Part part) { return keys.parts.count(part) == 1; }

/// An administrator's workspace keys with an officer, a supervisor and a custodian added, the
/// census part made by the officer, on disk in a temporary folder.
struct HierarchyFixture {
    TempDir tmp{"sanaq-keys"};
    fs::path path = tmp.path() / "keyslots.json";
    db::KeySlotFile file;
    std::string census_key_hex;

    HierarchyFixture() {
        auto doc = must(db::new_key_document(kWs, "admin", kPassword, db::test_kdf()));
        file = std::move(doc.file);
        auto admin = unlock("admin");
        must(db::add_member(file, admin, "officer", kPassword, Role::Officer, db::test_kdf()));
        must(db::add_member(file, admin, "custodian", kPassword, Role::Custodian, db::test_kdf()));
        save();
        auto officer = unlock("officer");
        census_key_hex = must(db::make_part_generation(file, officer, Part::Census, 1)).hex();
        save();
        admin = unlock("admin");
        must(db::add_member(file, admin, "supervisor", kPassword, Role::Supervisor, db::test_kdf()));
        save();
    }
    void save() {
        must(db::write_key_document(path, file));
        file = must(db::read_key_slots(path));
    }
    db::MemberKeys unlock(std::string_view user) { return must(db::unlock_member(file, user, kPassword, path)); }
    Result<db::MemberKeys> try_unlock(const db::KeySlotFile& f, std::string_view user) {
        return db::unlock_member(f, user, kPassword, path);
    }
    nlohmann::json json() { return nlohmann::json::parse(db::key_slots_to_json(file)); }
    db::KeySlotFile parse(const nlohmann::json& j) { return must(db::parse_key_slots(j.dump(), path)); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(key_hierarchy_document)

BOOST_FIXTURE_TEST_CASE(each_role_opens_exactly_its_parts, HierarchyFixture) {
    auto admin = unlock("admin");
    BOOST_TEST((admin.role == Role::Administrator));
    BOOST_TEST((holds(admin, Part::Common) && holds(admin, Part::Dept) && holds(admin, Part::Root)));
    BOOST_TEST(!holds(admin, Part::Census));
    // The census part exists, but the administrator's role never holds it, so nothing awaits.
    BOOST_TEST(admin.awaiting.empty());

    auto officer = unlock("officer");
    BOOST_TEST((holds(officer, Part::Common) && holds(officer, Part::Dept) && holds(officer, Part::Census)));
    BOOST_TEST(!holds(officer, Part::Root));
    BOOST_TEST(officer.parts.at(Part::Census).hex() == census_key_hex);

    auto custodian = unlock("custodian");
    BOOST_TEST(holds(custodian, Part::Common));
    BOOST_TEST(custodian.parts.size() == 1u);
    BOOST_TEST(custodian.parts.at(Part::Common).hex() == admin.parts.at(Part::Common).hex());

    // Added by an administrator, the supervisor waits for a census holder.
    auto supervisor = unlock("supervisor");
    BOOST_TEST(!holds(supervisor, Part::Census));
    BOOST_TEST((supervisor.awaiting == std::vector<Part>{Part::Census}));
    const auto granted = must(db::grant_pending(file, officer));
    BOOST_TEST(granted.size() == 1u);
    save();
    supervisor = unlock("supervisor");
    BOOST_TEST(supervisor.parts.at(Part::Census).hex() == census_key_hex);
    BOOST_TEST(supervisor.awaiting.empty());
}

BOOST_FIXTURE_TEST_CASE(passwords_and_names_are_checked_as_at_sign_in, HierarchyFixture) {
    auto wrong = db::unlock_member(file, "officer", "not the password", path);
    BOOST_REQUIRE(!wrong.has_value());
    BOOST_TEST((wrong.error().code == ErrorCode::WrongPassword));
    auto nobody = db::unlock_member(file, "nobody", kPassword, path);
    BOOST_REQUIRE(!nobody.has_value());
    BOOST_TEST((nobody.error().code == ErrorCode::UnknownUser));
}

BOOST_FIXTURE_TEST_CASE(a_custodian_who_edits_the_file_gains_nothing, HierarchyFixture) {
    const auto custodian_slot = db::slot_id_for(kWs, "custodian");
    // Promoting themselves in the roster breaks its signature for everyone.
    auto j = json();
    for (auto& m : j["roster"]["members"])
        if (m["slot"] == custodian_slot) m["role"] = "officer";
    auto promoted = parse(j);
    for (const char* user : {"custodian", "officer", "admin"}) {
        auto r = try_unlock(promoted, user);
        BOOST_REQUIRE(!r.has_value());
        BOOST_TEST((r.error().code == ErrorCode::WorkspaceDamaged));
    }
    // Copying an officer's census grant onto their own slot does not open: it is sealed to the
    // officer's key and names the officer.
    j = json();
    for (auto g : j["grants"])
        if (g["part"] == "census") {
            g["slot"] = custodian_slot;
            j["grants"].push_back(g);
            break;
        }
    auto copied = parse(j);
    auto custodian = must(try_unlock(copied, "custodian"));
    BOOST_TEST(!holds(custodian, Part::Census));  // the role does not hold census: never even tried
}

BOOST_FIXTURE_TEST_CASE(a_census_key_of_the_custodians_making_is_refused, HierarchyFixture) {
    // The custodian makes a census key, records it as a new generation "signed" by themselves,
    // and seals it to the supervisor (public keys are in the file): the record's signer may not
    // make census, so the supervisor refuses the file rather than writing census rows under it.
    auto custodian = unlock("custodian");
    auto own = must(db::random_key());
    const auto& roster = *file.roster;
    db::PartRecord record{Part::Census, "census.2.db", 2, db::key_id(own), {}, {}};
    must(db::sign_part_record(kWs, record, *roster.find(custodian.slot), custodian.secrets.signing_seed));
    std::erase_if(file.parts, [](const db::PartRecord& r) { return r.part == Part::Census; });
    file.parts.push_back(record);
    file.grants.push_back(must(db::make_grant(kWs, *roster.find(db::slot_id_for(kWs, "supervisor")), Part::Census, 2,
                                              own, *roster.find(custodian.slot), custodian.secrets.signing_seed)));
    auto r = try_unlock(file, "supervisor");
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == ErrorCode::WorkspaceDamaged));
    BOOST_TEST(r.error().detail.find("may not make it") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(an_old_keyslots_file_is_refused_by_members_who_used_a_newer_one, HierarchyFixture) {
    const auto old_text = db::key_slots_to_json(file);
    // The officer re-keys census (generation 2) and signs in again, which records it in the slot.
    auto officer = unlock("officer");
    must(db::make_part_generation(file, officer, Part::Census, 2));
    must(db::refresh_member_slot(file, officer, "officer", kPassword));
    save();
    officer = unlock("officer");
    BOOST_TEST(!officer.slot_outdated);
    // Someone puts back the older file (whose census generation a removed member could read) but
    // keeps the officer's new slot: the officer's slot remembers generation 2.
    auto old = must(db::parse_key_slots(old_text, path));
    for (auto& s : old.slots)
        if (s.id == officer.slot) s = *file.find(officer.slot);
    auto r = try_unlock(old, "officer");
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().detail.find("older") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(the_document_round_trips_and_rejects_malformed_fields, HierarchyFixture) {
    BOOST_TEST(db::key_slots_to_json(parse(json())) == db::key_slots_to_json(file));
    BOOST_TEST(json()["version"] == 3);
    BOOST_TEST(!json().contains("mac"));
    auto j = json();
    j["roster"]["members"][0]["role"] = "superuser";
    BOOST_TEST(!db::parse_key_slots(j.dump(), path).has_value());
    j = json();
    j["grants"][0]["sealed_key"] = "AAAA";
    BOOST_TEST(!db::parse_key_slots(j.dump(), path).has_value());
    j = json();
    j["parts"].push_back(j["parts"][0]);
    BOOST_TEST(!db::parse_key_slots(j.dump(), path).has_value());
    j = json();
    j["grants"][0]["slot"] = std::string(64, '9');
    BOOST_TEST(!db::parse_key_slots(j.dump(), path).has_value());
    j = json();
    j["mac"] = "AAAA";
    BOOST_TEST(!db::parse_key_slots(j.dump(), path).has_value());
    // A master-key path never accepts a key-hierarchy document.
    auto master = must(db::random_key());
    BOOST_TEST(!db::verify_key_slots(file, master, path).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
