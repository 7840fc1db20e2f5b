// Re-keying a workspace with per-role keys: what a removed member, or one who lost a part with a
// new role, can still open afterwards (nothing current), who re-keys what (the administrator
// common, dept and the root at once; a census holder census at their next sign-in), and that an
// interrupted re-key leaves the old generation in force with nothing lost.
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "db/public_key_crypto.h"
#include "per_role_fixture.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

const std::string kHousehold = "7d0c2a1e-5b7f-4c1a-9e55-0a1b2c3d4e01";
const std::string kPerson = "7d0c2a1e-5b7f-4c1a-9e55-0a1b2c3d4e02";

struct RekeyFixture : PerRoleFixture {
    RekeyFixture() {
        must(ws->add_slot(kSupervisor, kPassword, Role::Supervisor));
        sign_in(kOfficer);  // makes census
        must(ws->confirm_access(kSupervisor));
        in_write(*ws, [](StoreSession& tx) {
            must(tx.census().upsert(sample_household(kHousehold),
                                    sample_provenance("pkg-1", "KIT-0001")));
            must(tx.census().upsert(sample_person(kPerson, kHousehold),
                                    sample_provenance("pkg-1", "KIT-0001")));
            must(tx.settings().set("secret.department.x25519_private", "PEM"));
            must(tx.audit().append(draft_entry(kOfficer, "pull.package", "KIT-0001")));
        });
    }
    std::vector<std::string> rekey() { return must(ws->rekey_pending_parts()); }
    bool person_readable() {
        bool found = false;
        in_read(*ws, [&](StoreSession& tx) {
            found = must(tx.census().find_person(kPerson)).has_value();
        });
        return found;
    }
    bool audit_intact() {
        bool intact = false;
        in_read(*ws, [&](StoreSession& tx) { intact = must(tx.audit().verify()).intact(); });
        return intact;
    }
    /// Every part file now in the folder, as named by keyslots.json.
    std::map<Part, fs::path> current_files() {
        std::map<Part, fs::path> files;
        for (const auto& r : must(db::read_key_slots(dir / "keyslots.json")).parts)
            files[r.part] = dir / r.file;
        return files;
    }
    /// Whether any key of `old` opens any part file the workspace now has.
    bool old_keys_open_anything(const db::MemberKeys& old) {
        for (const auto& [part, file] : current_files())
            for (const auto& [held, key] : old.parts)
                if (held != Part::Root && file_opens_under(file, key)) return true;
        return false;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rekey)

BOOST_FIXTURE_TEST_CASE(a_removed_officer_opens_nothing_current_once_both_holders_have_rekeyed,
                        RekeyFixture) {
    ws.reset();
    const auto officer_keys = keys_of(kOfficer);  // what the officer could take home
    const auto old_document = dir / "keyslots.old";
    fs::copy_file(dir / "keyslots.json", old_document);

    sign_in(kAdmin);
    must(ws->remove_slot(kOfficer));
    BOOST_TEST((ws->parts_to_rekey() == std::vector<std::string>{"dept", "common"}));
    std::uint64_t last_done = 0, last_total = 0;
    const auto parts = must(ws->rekey_pending_parts([&](std::uint64_t done, std::uint64_t total) {
        BOOST_TEST(done >= last_done);
        last_done = done;
        last_total = total;
        return true;
    }));
    BOOST_TEST((parts == std::vector<std::string>{"dept", "common"}));
    BOOST_TEST(last_total > 0u);
    BOOST_TEST(last_done == last_total);
    BOOST_TEST(ws->parts_to_rekey().empty());  // census is not the administrator's to re-key
    // The administrator goes on working on the new files, the audit chain keyed as before.
    BOOST_TEST(must(setting("secret.department.x25519_private")).value_or("") == "PEM");
    in_write(*ws, [](StoreSession& tx) {
        must(tx.audit().append(draft_entry(kAdmin, "user.remove", "officer")));
    });
    BOOST_TEST(audit_intact());
    BOOST_TEST(fs::exists(dir / "common.2.db"));
    BOOST_TEST(fs::exists(dir / "dept.2.db"));
    BOOST_TEST(!fs::exists(dir / "common.1.db"));
    BOOST_TEST(!fs::exists(dir / "dept.1.db"));
    BOOST_TEST(fs::exists(dir / "census.1.db"));  // until a census holder signs in

    sign_in(kSupervisor);
    BOOST_TEST((ws->parts_to_rekey() == std::vector<std::string>{"census"}));
    BOOST_TEST((rekey() == std::vector<std::string>{"census"}));
    BOOST_TEST(person_readable());
    BOOST_TEST(audit_intact());
    BOOST_TEST(!fs::exists(dir / "census.1.db"));

    ws.reset();
    BOOST_TEST(!old_keys_open_anything(officer_keys));
    // Every rotation the removal recorded is done, and the supervisor's keys open every part.
    const auto file = must(db::read_key_slots(dir / "keyslots.json"));
    for (const auto& pending : file.roster->pending_rotation)
        BOOST_TEST(db::rotation_done(file, pending));
    const auto supervisor = keys_of(kSupervisor);
    for (const auto& [part, path] : current_files())
        BOOST_TEST(file_opens_under(path, supervisor.parts.at(part)));
    sign_in(kCustodian);  // the custodian's common grant was renewed by the administrator
    BOOST_TEST(audit_intact());

    // The old keyslots.json put back: the officer's slot opens, but only keys to files gone.
    fs::copy_file(old_document, dir / "keyslots.json", fs::copy_options::overwrite_existing);
    auto replay = db::Workspace::open(dir, kOfficer, kPassword, quick_open());
    BOOST_TEST(!replay.has_value());
}

BOOST_FIXTURE_TEST_CASE(the_census_its_maker_gave_away_still_opens_after_their_password_is_reset,
                        RekeyFixture) {
    // The officer made census and gave it to the supervisor; then forgets their password.
    sign_in(kAdmin);
    must(ws->change_password(kOfficer, "a new password for the officer"));
    // The census record and the supervisor's grant carry the officer's old signature: the
    // retired key counts for the generation it was retired at.
    sign_in(kSupervisor);
    BOOST_TEST(person_readable());
    BOOST_TEST(audit_intact());
    BOOST_TEST((ws->awaiting_confirmation({kOfficer}) == std::vector<std::string>{kOfficer}));
    must(ws->confirm_access(kOfficer));
    ws.reset();
    ws = must(db::Workspace::open(dir, kOfficer, "a new password for the officer", quick_open()));
    BOOST_TEST(person_readable());

    // Removed afterwards: census, whose key the officer made, is re-keyed by the supervisor.
    sign_in(kAdmin);
    must(ws->remove_slot(kOfficer));
    rekey();
    sign_in(kSupervisor);
    BOOST_TEST((ws->parts_to_rekey() == std::vector<std::string>{"census"}));
    BOOST_TEST((rekey() == std::vector<std::string>{"census"}));
    BOOST_TEST(person_readable());
    sign_in(kSupervisor);  // the new generation's record is the supervisor's own
    BOOST_TEST(person_readable());
}

BOOST_FIXTURE_TEST_CASE(a_census_record_made_after_a_reset_with_the_retired_key_is_refused, RekeyFixture) {
    ws.reset();
    const auto old_officer = keys_of(kOfficer);
    sign_in(kAdmin);
    must(ws->change_password(kOfficer, "a new password for the officer"));
    ws.reset();
    // Someone who kept the officer's old signing seed signs a record of a later census generation.
    auto file = must(db::read_key_slots(dir / "keyslots.json"));
    db::PartRecord forged = *file.part(Part::Census);
    forged.generation += 1;
    forged.file = "census." + std::to_string(forged.generation) + ".db";
    const db::RosterMember* officer = file.roster->find(old_officer.slot);
    BOOST_REQUIRE(officer);
    db::RosterMember as_was = *officer;
    as_was.signing = must(db::signing_public_key(old_officer.secrets.signing_seed));
    must(db::sign_part_record(file.workspace_id, forged, as_was, old_officer.secrets.signing_seed));
    BOOST_TEST(!db::verify_part_record(file.workspace_id, forged, *file.roster, dir / "keyslots.json"));
    // The same key's record of the generation it was retired at still verifies.
    BOOST_TEST(static_cast<bool>(db::verify_part_record(file.workspace_id, *file.part(Part::Census), *file.roster,
                                                        dir / "keyslots.json")));
}

BOOST_FIXTURE_TEST_CASE(an_administrator_made_custodian_loses_dept_and_the_root, RekeyFixture) {
    const std::string second_admin = "bolat.admin";
    sign_in(kAdmin);
    must(ws->add_slot(second_admin, kPassword, Role::Administrator));
    ws.reset();
    const auto before = keys_of(second_admin);
    BOOST_TEST(before.parts.count(Part::Root) == 1u);

    sign_in(kAdmin);
    must(ws->set_role(second_admin, Role::Custodian));
    BOOST_TEST((rekey() == std::vector<std::string>{"dept", "root"}));
    ws.reset();
    const auto file = must(db::read_key_slots(dir / "keyslots.json"));
    BOOST_TEST(file.roster->roots.size() == 2u);  // a new root, certified by the old one
    BOOST_TEST(file.roster->pending_rotation.empty());
    const auto after = keys_of(second_admin);
    BOOST_TEST(!after.parts.count(Part::Root));
    BOOST_TEST(!file_opens_under(current_files().at(Part::Dept), before.parts.at(Part::Dept)));
    BOOST_TEST(file_opens_under(current_files().at(Part::Common), after.parts.at(Part::Common)));
    // Every member follows the root chain from the root their slot pins.
    for (const auto& user : {kAdmin, kOfficer, kSupervisor, kCustodian, second_admin})
        sign_in(user);
    sign_in(kAdmin);
    BOOST_TEST(must(setting("secret.department.x25519_private")).value_or("") == "PEM");
}

BOOST_FIXTURE_TEST_CASE(rekeying_waits_for_workers_and_a_cancel_keeps_the_old_keys, RekeyFixture) {
    sign_in(kAdmin);
    must(ws->remove_slot(kCustodian));
    auto worker = must(ws->open_worker_store());
    expect_code(drop_value(ws->rekey_pending_parts()), ErrorCode::RefusedByState);
    worker.reset();

    expect_code(
        drop_value(ws->rekey_pending_parts([](std::uint64_t, std::uint64_t) { return false; })),
        ErrorCode::Cancelled);
    BOOST_TEST(!fs::exists(dir / "common.2.db"));
    BOOST_TEST((ws->parts_to_rekey() == std::vector<std::string>{"common"}));
    BOOST_TEST(audit_intact());

    // A copy an interrupted re-key left behind is named by nothing and is replaced.
    { std::ofstream(dir / "common.2.db") << "half a copy"; }
    BOOST_TEST((rekey() == std::vector<std::string>{"common"}));
    BOOST_TEST(audit_intact());
    // A generation the re-key committed but did not get to remove goes at the next sign-in.
    { std::ofstream(dir / "common.1.db") << "old generation"; }
    sign_in(kOfficer);
    BOOST_TEST(!fs::exists(dir / "common.1.db"));
    BOOST_TEST(person_readable());
}

BOOST_FIXTURE_TEST_CASE(a_crash_in_the_middle_of_the_copy_leaves_the_old_generation_in_force,
                        RekeyFixture) {
    sign_in(kAdmin);
    must(ws->remove_slot(kOfficer));
    BOOST_TEST((rekey() == std::vector<std::string>{"dept", "common"}));
    sign_in(kSupervisor);
    must(ws->write([](StoreSession& tx) -> Status {
        for (int i = 0; i < 3000; ++i) {
            const auto n = std::to_string(100000 + i);
            auto r =
                tx.census().upsert(sample_person("7d0c2a1e-5b7f-4c1a-9e55-0a1b2c" + n, kHousehold),
                                   sample_provenance("pkg-2", "KIT-0002"));
            SANAQ_TRY(r);
        }
        return {};
    }));
    ws.reset();

    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        auto crashing = db::Workspace::open(dir, kSupervisor, kPassword, quick_open());
        if (!crashing) ::_exit(2);
        (void)(*crashing)->rekey_pending_parts([](std::uint64_t done, std::uint64_t total) {
            if (done > 0 && done < total) ::_exit(0);  // the power goes in the middle of the copy
            return true;
        });
        ::_exit(3);  // the copy was too small to be interrupted: the test would prove nothing
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_REQUIRE(WIFEXITED(status));
    BOOST_REQUIRE(WEXITSTATUS(status) == 0);

    sign_in(kSupervisor);
    BOOST_TEST(person_readable());
    BOOST_TEST((ws->parts_to_rekey() == std::vector<std::string>{"census"}));
    BOOST_TEST((rekey() == std::vector<std::string>{"census"}));
    BOOST_TEST(person_readable());
    BOOST_TEST(fs::exists(dir / "census.2.db"));
    BOOST_TEST(!fs::exists(dir / "census.1.db"));
}

BOOST_FIXTURE_TEST_CASE(the_last_census_holder_cannot_be_removed_or_moved_away_from_census,
                        PerRoleFixture) {
    sign_in(kOfficer);  // makes census: the only holder
    sign_in(kAdmin);
    expect_code(ws->remove_slot(kOfficer), ErrorCode::RefusedByState);
    expect_code(ws->check_membership_change(kOfficer, Role::Custodian), ErrorCode::RefusedByState);
    expect_code(ws->set_role(kOfficer, Role::Custodian), ErrorCode::RefusedByState);
    must(ws->check_membership_change(kOfficer, Role::Supervisor));  // keeps census
    BOOST_TEST(ws->has_slot(kOfficer));

    // A colleague confirmed by the officer: now the officer may go.
    must(ws->add_slot(kSupervisor, kPassword, Role::Supervisor));
    sign_in(kOfficer);
    must(ws->confirm_access(kSupervisor));
    sign_in(kAdmin);
    must(ws->remove_slot(kOfficer));
    // The only administrator cannot give the root away either.
    expect_code(ws->check_membership_change(kAdmin, Role::Officer), ErrorCode::RefusedByState);
}

BOOST_AUTO_TEST_SUITE_END()
