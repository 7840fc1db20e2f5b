// A workspace with per-role keys, through the Workspace the programs use: which files each role's
// password opens, where the department's secrets go, census access confirmed by a colleague, and
// what a custodian with the folder and their own password can do outside the program.
#include <boost/test/unit_test.hpp>

#include "per_role_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;
using db::Part;

BOOST_AUTO_TEST_SUITE(per_role_workspace)

BOOST_FIXTURE_TEST_CASE(the_folder_holds_one_file_per_part_and_no_single_key_database, PerRoleFixture) {
    BOOST_TEST(ws->key_layout() == "per-role");
    BOOST_TEST(fs::exists(dir / "common.1.db"));
    BOOST_TEST(fs::exists(dir / "dept.1.db"));
    BOOST_TEST(!fs::exists(dir / "workspace.db"));
    BOOST_TEST(!fs::exists(dir / "census.1.db"));  // made by the first census holder
    BOOST_TEST(db::looks_like_workspace(dir));
    BOOST_TEST(must(db::read_key_slots(dir / "keyslots.json")).version == 3);
    ws.reset();
    BOOST_TEST(((fs::status(dir / "common.1.db").permissions() & fs::perms::group_all) == fs::perms::none));
}

BOOST_FIXTURE_TEST_CASE(department_secrets_go_to_the_dept_part_which_custodians_cannot_open, PerRoleFixture) {
    must(ws->write([](StoreSession& tx) { return tx.settings().set("secret.department.x25519_private", "PEM"); }));
    must(ws->write([](StoreSession& tx) { return tx.settings().set("ui.idle_lock_minutes", "15"); }));
    BOOST_TEST(must(setting("secret.department.x25519_private")).value_or("") == "PEM");
    ws.reset();

    const auto custodian = keys_of(kCustodian);
    BOOST_TEST(custodian.parts.size() == 1u);
    const auto& common_key = custodian.parts.at(Part::Common);
    BOOST_TEST(file_opens_under(dir / "common.1.db", common_key));
    BOOST_TEST(!file_opens_under(dir / "dept.1.db", common_key));
    // Outside the program, with the custodian's key: common holds no department secret.
    auto raw = must(db::Database::open(dir / "common.1.db", &common_key, db::Database::Mode::OpenExisting));
    auto& q = raw->query("SELECT count(*) FROM settings WHERE key LIKE 'secret.%' OR key LIKE 'upstream.%'");
    BOOST_REQUIRE(q.step());
    BOOST_TEST(q.int64(0) == 0);
    raw->reset_cached();
    raw.reset();

    sign_in(kCustodian);
    BOOST_TEST(must(setting("ui.idle_lock_minutes")).value_or("") == "15");
    auto secret = setting("secret.department.x25519_private");
    BOOST_REQUIRE(!secret.has_value());
    BOOST_TEST((secret.error().code == ErrorCode::PermissionDenied));
    expect_code(census_stats(), ErrorCode::PermissionDenied);
}

BOOST_FIXTURE_TEST_CASE(the_first_officer_makes_census_and_confirms_a_colleague, PerRoleFixture) {
    must(ws->add_slot(kSupervisor, kPassword, Role::Supervisor));
    // The administrator never holds census records.
    expect_code(census_stats(), ErrorCode::PermissionDenied);

    sign_in(kOfficer);
    BOOST_TEST(fs::exists(dir / "census.1.db"));
    BOOST_TEST(ws->awaiting_parts().empty());
    must(census_stats());

    sign_in(kSupervisor);
    BOOST_TEST((ws->awaiting_parts() == std::vector<std::string>{"census"}));
    expect_code(census_stats(), ErrorCode::PermissionDenied);

    sign_in(kOfficer);
    BOOST_TEST((must(ws->confirm_access(kSupervisor)) == std::vector<std::string>{"census"}));
    BOOST_TEST(must(ws->confirm_access(kSupervisor)).empty());  // nothing left to give
    sign_in(kSupervisor);
    BOOST_TEST(ws->awaiting_parts().empty());
    must(census_stats());
    // A worker connection (a pull) attaches the same parts.
    auto worker = must(ws->open_worker_store());
    must(worker->read([](StoreSession& tx) { return drop_value(tx.census().stats()); }));
    worker.reset();

    // The census key opens census only; the administrator's keys do not include it.
    ws.reset();
    const auto census_key = db::copy_key(keys_of(kOfficer).parts.at(Part::Census));
    BOOST_TEST(file_opens_under(dir / "census.1.db", census_key));
    BOOST_TEST(!keys_of(kAdmin).parts.count(Part::Census));
    BOOST_TEST(!file_opens_under(dir / "census.1.db", keys_of(kAdmin).parts.at(Part::Dept)));
}

BOOST_FIXTURE_TEST_CASE(a_custodian_cannot_confirm_access_or_plant_a_shadow_table, PerRoleFixture) {
    sign_in(kOfficer);  // makes census
    sign_in(kAdmin);
    must(ws->add_slot(kSupervisor, kPassword, Role::Supervisor));
    sign_in(kCustodian);
    BOOST_TEST(must(ws->confirm_access(kSupervisor)).empty());  // holds nothing the supervisor needs
    ws.reset();

    // Outside the program: a table named like a census table in common would take an officer's
    // unqualified writes. The officer's sign-in refuses the file instead.
    const auto common_key = db::copy_key(keys_of(kCustodian).parts.at(Part::Common));
    {
        auto raw = must(db::Database::open(dir / "common.1.db", &common_key, db::Database::Mode::OpenExisting));
        raw->exec("CREATE TABLE persons(uuid TEXT);");
    }
    auto officer = db::Workspace::open(dir, kOfficer, kPassword, quick_open());
    BOOST_REQUIRE(!officer.has_value());
    BOOST_TEST((officer.error().code == ErrorCode::WorkspaceDamaged));
    BOOST_TEST(officer.error().detail.find("persons") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(roles_passwords_and_removal_change_the_keys, PerRoleFixture) {
    // Custodian → officer: dept at once, census once an officer confirms.
    must(ws->set_role(kCustodian, Role::Officer));
    BOOST_TEST(keys_of(kCustodian).parts.count(Part::Dept) == 1u);
    sign_in(kOfficer);  // makes census
    must(ws->confirm_access(kCustodian));
    BOOST_TEST(keys_of(kCustodian).parts.count(Part::Census) == 1u);

    // Own password: the same keys under a new password.
    must(ws->change_password(kOfficer, "a brand new pass phrase"));
    ws.reset();
    auto old = db::Workspace::open(dir, kOfficer, kPassword, quick_open());
    BOOST_REQUIRE(!old.has_value());
    BOOST_TEST((old.error().code == ErrorCode::WrongPassword));
    ws = must(db::Workspace::open(dir, kOfficer, "a brand new pass phrase", quick_open()));
    must(census_stats());

    // An administrator's reset: new keys, census waits for a colleague again.
    sign_in(kAdmin);
    must(ws->change_password(kCustodian, "reset pass phrase 1"));
    ws.reset();
    ws = must(db::Workspace::open(dir, kCustodian, "reset pass phrase 1", quick_open()));
    BOOST_TEST((ws->awaiting_parts() == std::vector<std::string>{"census"}));

    // Removal (once a colleague holds census again): the slot is gone and every part the member
    // held awaits re-keying.
    ws.reset();
    ws = must(db::Workspace::open(dir, kOfficer, "a brand new pass phrase", quick_open()));
    must(ws->confirm_access(kCustodian));
    sign_in(kAdmin);
    must(ws->remove_slot(kOfficer));
    BOOST_TEST(!ws->has_slot(kOfficer));
    ws.reset();
    auto removed = db::Workspace::open(dir, kOfficer, "a brand new pass phrase", quick_open());
    BOOST_REQUIRE(!removed.has_value());
    BOOST_TEST((removed.error().code == ErrorCode::UnknownUser));
    const auto file = must(db::read_key_slots(dir / "keyslots.json"));
    for (Part p : {Part::Common, Part::Census, Part::Dept})
        BOOST_TEST((std::find_if(file.roster->pending_rotation.begin(), file.roster->pending_rotation.end(),
                                 [&](const db::PendingRotation& r) { return r.part == p; }) !=
                    file.roster->pending_rotation.end()));
}

BOOST_FIXTURE_TEST_CASE(checking_a_password_and_only_an_administrator_backs_up, PerRoleFixture) {
    ws.reset();
    must(db::check_password(dir, kCustodian, kPassword));
    auto wrong = db::check_password(dir, kCustodian, "not it at all");
    BOOST_REQUIRE(!wrong.has_value());
    BOOST_TEST((wrong.error().code == ErrorCode::WrongPassword));
    // Backups themselves: test_per_role_backup.cpp.
    sign_in(kCustodian);
    auto backup = ws->write_backup(tmp.path() / "b.sqbak", {}, {});
    BOOST_REQUIRE(!backup.has_value());
    BOOST_TEST((backup.error().code == ErrorCode::PermissionDenied));
    BOOST_TEST(!fs::exists(tmp.path() / "b.sqbak"));
}

BOOST_AUTO_TEST_SUITE_END()
