// Converting a single-key workspace to per-role keys, step two (db/README.md "Converting a
// single-key workspace"): once every active user has enrolled, the first officer or supervisor to
// sign in splits workspace.db into common, dept and census under fresh keys. Every row arrives
// once, every user keeps their password, the audit trail verifies across the split, and the
// administrator never holds census. A split stopped at any step leaves the single-key workspace
// opening as before; the next sign-in completes it.
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "db/key_conversion.h"
#include "per_role_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

const std::string kKit = "KIT-0001";
const std::string kBin = "990340001114";
const std::string kDevice(64, 'a');

AuditEntry old_entry(const std::string& actor, const std::string& action) {
    AuditEntry e;
    e.at_utc = "2026-10-05T06:00:00Z";
    e.at_local = "2026-10-05T11:00:00+05:00";
    e.actor = actor;
    e.action = action;
    e.object_type = "kit";
    e.object_id = kKit;
    e.details = "{}";
    return e;
}

/// A single-key workspace as an office has it after some weeks of work.
struct SplitFixture {
    TempDir tmp{"sanaq-split"};
    fs::path dir = tmp.path() / "ws";
    std::unique_ptr<db::Workspace> ws;
    std::int64_t old_entries = 0;

    SplitFixture() {
        ws = must(db::Workspace::create(dir, kAdmin, kPassword, db::test_kdf()));
        must(ws->add_slot(kOfficer, kPassword, Role::Officer));
        must(ws->add_slot(kSupervisor, kPassword, Role::Supervisor));
        must(ws->add_slot(kCustodian, kPassword, Role::Custodian));
        in_write(*ws, [](StoreSession& tx) {
            const std::pair<std::string, Role> users[] = {{kAdmin, Role::Administrator},
                                                          {kOfficer, Role::Officer},
                                                          {kSupervisor, Role::Supervisor},
                                                          {kCustodian, Role::Custodian}};
            for (const auto& [name, role] : users) {
                User u;
                u.name = name;
                u.full_name = name;
                u.role = role;
                u.created_at_utc = "2026-09-01T09:00:00Z";
                must(tx.users().insert(u));
            }
            must(tx.institutions().insert(sample_institution(kBin, "Школа-интернат")));
            StoredList list;
            list.institution_bin = kBin;
            list.as_of = "2026-09-01";
            ListedPerson first, second;
            first.record_id = "L:" + kBin + ":line:1";
            first.line = 1;
            first.surname = "Серікова";
            second.record_id = "L:" + kBin + ":line:2";
            second.line = 2;
            second.surname = "Жанбулатов";
            must(tx.lists().insert(list, std::vector<ListedPerson>{first, second}));
            must(tx.kits().insert(sample_kit(kKit, "0001")));
            must(tx.settings().set("review.four_eyes", "1"));
            must(tx.settings().set("department.name_ru", "Департамент статистики"));
            must(tx.settings().set("secret.department.x25519_private", "PEM OF THE DEPARTMENT"));
            must(tx.settings().set("upstream.base_url", "https://stat.example.kz/"));
            must(tx.device_keys().enroll(DeviceKey{kKit, kDevice, "-----BEGIN PUBLIC KEY-----\n",
                                                   "2026-09-01T05:00:00Z", kOfficer}));
            PullRecord pull;
            pull.kit_number = kKit;
            pull.started_at_utc = "2026-10-05T06:00:00Z";
            pull.user = kOfficer;
            pull.outcome = PullOutcome::Cancelled;
            must(tx.packages().begin_pull(pull));
            const RecordProvenance from{"pkg-1", kKit, 0, "2026-10-05T06:00:00Z"};
            must(
                tx.census().upsert(sample_household("0b9c6f1e-1c9a-4f7e-9d2a-0000000000a1"), from));
            for (const char* tail : {"01", "02"})
                must(tx.census().upsert(
                    sample_person(std::string("7d1f3c2a-5b6e-4c8d-9e0f-0000000001") + tail,
                                  "0b9c6f1e-1c9a-4f7e-9d2a-0000000000a1"),
                    from));
            must(tx.audit().append(old_entry(kAdmin, "kit.register")));
            must(tx.audit().append(old_entry(kOfficer, "pull.package")));
        });
        in_read(*ws, [&](StoreSession& tx) { old_entries = must(tx.audit().count()); });
        ws.reset();
    }

    void sign_in(const std::string& user, db::OpenOptions options = quick_open()) {
        ws.reset();
        ws = must(db::Workspace::open(dir, user, kPassword, std::move(options)));
    }
    /// Everyone but the officer, whose sign-in then splits.
    void enrol_all_but_the_officer() {
        for (const auto& user : {kAdmin, kCustodian, kSupervisor}) {
            sign_in(user);
            BOOST_TEST(ws->key_layout() == "single-key");
        }
        ws.reset();
    }
    bool exists(const std::string& name) const { return fs::exists(dir / name); }
    bool any_split_file() const {
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().filename().string().find(".split") != std::string::npos) return true;
        return false;
    }

    /// Everything of the fixture as `user` reads it.
    void expect_every_row(bool census) {
        in_read(*ws, [&](StoreSession& tx) {
            BOOST_TEST(must(tx.users().list()).size() == 4u);
            BOOST_TEST(must(tx.settings().get("review.four_eyes")).value_or("") == "1");
            BOOST_TEST(must(tx.device_keys().for_kit(kKit)).has_value());
            BOOST_TEST(must(tx.packages().pulls(kKit, 10)).size() == 1u);
            BOOST_TEST(must(tx.audit().count()) == old_entries + 1);
            const auto v = must(tx.audit().verify());
            BOOST_TEST(v.intact(), "audit problem at " << v.first_bad_seq);
            if (!census) return;
            const auto stats = must(tx.census().stats());
            BOOST_TEST(stats.households == 1);
            BOOST_TEST(stats.persons == 2);
            const auto lists = must(tx.lists().versions(kBin));
            BOOST_REQUIRE(lists.size() == 1u);
            BOOST_TEST(must(tx.lists().entries(lists.front().id)).size() == 2u);
        });
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(key_split)

BOOST_FIXTURE_TEST_CASE(the_officers_sign_in_splits_once_everyone_has_enrolled, SplitFixture) {
    enrol_all_but_the_officer();
    BOOST_TEST(exists("workspace.db"));
    BOOST_TEST(!exists("common.1.db"));

    sign_in(kOfficer);
    BOOST_TEST(ws->key_layout() == "per-role");
    BOOST_TEST(!ws->key_split_failure().has_value());
    for (const char* gone : {"workspace.db", "workspace.db-wal", "workspace.db-shm"})
        BOOST_TEST(!exists(gone), gone);
    for (const auto& entry : fs::directory_iterator(dir))
        BOOST_TEST(!entry.path().filename().string().starts_with("workspace.db"));
    BOOST_TEST(!any_split_file());
    for (const char* part : {"common.1.db", "dept.1.db", "census.1.db"})
        BOOST_TEST(exists(part), part);
    const auto doc = must(db::read_key_slots(dir / "keyslots.json"));
    BOOST_TEST(doc.version == 3);
    BOOST_TEST(!doc.enrolment.has_value());
    expect_every_row(true);
    in_read(*ws, [](StoreSession& tx) {  // the department's secret moved into dept
        BOOST_TEST(must(tx.settings().get("secret.department.x25519_private")).value_or("") ==
                   "PEM OF THE DEPARTMENT");
    });
    // Each user signs in with their unchanged password and reads what their role holds.
    sign_in(kSupervisor);
    expect_every_row(true);
    sign_in(kCustodian);
    expect_every_row(false);
    expect_code(ws->read([](StoreSession& tx) { return drop_value(tx.census().stats()); }),
                ErrorCode::PermissionDenied);
    sign_in(kAdmin);
    expect_every_row(false);
    expect_code(ws->read([](StoreSession& tx) { return drop_value(tx.census().stats()); }),
                ErrorCode::PermissionDenied);
    // The administrator holds no census grant, and re-keys the root and common, which the
    // officer made.
    const auto admin_slot = db::slot_id_for(doc.workspace_id, kAdmin);
    for (const auto& g : doc.grants) BOOST_TEST(!(g.slot == admin_slot && g.part == Part::Census));
    const auto pending = ws->parts_to_rekey();
    BOOST_TEST(pending == (std::vector<std::string>{"common", "root"}),
               boost::test_tools::per_element());
    BOOST_TEST(must(ws->rekey_pending_parts()).size() == 2u);
    BOOST_TEST(ws->parts_to_rekey().empty());
    expect_every_row(false);
    sign_in(kOfficer);
    expect_every_row(true);
    sign_in(kCustodian);
    expect_every_row(false);
}

BOOST_FIXTURE_TEST_CASE(nobody_splits_before_everyone_has_enrolled_nor_an_administrator,
                        SplitFixture) {
    sign_in(kOfficer);  // the first to enrol: the others have not
    BOOST_TEST(ws->key_layout() == "single-key");
    for (const auto& user : {kSupervisor, kCustodian}) sign_in(user);
    BOOST_TEST(ws->key_layout() == "single-key");  // the custodian: no census role
    sign_in(kAdmin);  // everyone enrolled now, but an administrator never makes census
    BOOST_TEST(ws->key_layout() == "single-key");
    BOOST_TEST(exists("workspace.db"));
    sign_in(kSupervisor);
    BOOST_TEST(ws->key_layout() == "per-role");
    expect_every_row(true);
}

BOOST_FIXTURE_TEST_CASE(a_split_stopped_at_any_step_leaves_the_single_key_workspace_as_before,
                        SplitFixture) {
    enrol_all_but_the_officer();
    std::uint64_t steps = 0;
    for (std::uint64_t stop_at = 0;; ++stop_at) {
        db::OpenOptions options = quick_open();
        options.key_split_progress = [&, stop_at](std::uint64_t done, std::uint64_t total) {
            steps = total;
            return done < stop_at;
        };
        sign_in(kOfficer, options);
        if (ws->key_layout() == "per-role") break;
        BOOST_REQUIRE(ws->key_split_failure().has_value());
        BOOST_TEST((ws->key_split_failure()->code == ErrorCode::Cancelled));
        BOOST_TEST(exists("workspace.db"));
        BOOST_TEST(!any_split_file());
        for (const char* part : {"common.1.db", "dept.1.db", "census.1.db"})
            BOOST_TEST(!exists(part), part);
        BOOST_TEST(must(db::read_key_slots(dir / "keyslots.json")).version == 2);
        // The single-key workspace reads as it did, its audit trail included.
        in_read(*ws, [&](StoreSession& tx) {
            BOOST_TEST(must(tx.census().stats()).persons == 2);
            BOOST_TEST(must(tx.audit().count()) == old_entries);
            BOOST_TEST(must(tx.audit().verify()).intact());
        });
        BOOST_REQUIRE(stop_at < 100u);
    }
    BOOST_TEST(steps > 10u);  // every table of the migrations is a step
    expect_every_row(true);
}

BOOST_FIXTURE_TEST_CASE(leftovers_of_a_killed_split_are_cleared_and_the_old_files_go_after_it,
                        SplitFixture) {
    enrol_all_but_the_officer();
    // What a split killed mid-way leaves: half-built files under their temporary and final names.
    for (const char* name :
         {"common.1.db.split", "census.1.db.split-wal", "dept.1.db", "census.1.db"})
        std::ofstream(dir / name) << "half a file";
    sign_in(kCustodian);  // no split: it opens as before, leftovers and all
    BOOST_TEST(ws->key_layout() == "single-key");
    sign_in(kOfficer);
    BOOST_TEST(ws->key_layout() == "per-role");
    BOOST_TEST(!any_split_file());
    expect_every_row(true);
    ws.reset();
    // Killed after the commit point, before the single-key files were removed: the next open
    // removes them.
    for (const char* name : {"workspace.db", "workspace.db-wal", "workspace.db.schema-7.bak"})
        std::ofstream(dir / name) << "old single-key file";
    sign_in(kCustodian);
    for (const char* name : {"workspace.db", "workspace.db-wal", "workspace.db.schema-7.bak"})
        BOOST_TEST(!exists(name), name);
    expect_every_row(false);
}

BOOST_FIXTURE_TEST_CASE(the_split_boundary_cannot_be_moved_or_forged_with_commons_key,
                        SplitFixture) {
    enrol_all_but_the_officer();
    sign_in(kOfficer);
    BOOST_REQUIRE(ws->key_layout() == "per-role");
    ws.reset();
    // A custodian (common's key) drops the root's signature of the split entry: the entries
    // before it no longer count as covered, and the settings the officer signed read as altered.
    const auto doc = must(db::read_key_slots(dir / "keyslots.json"));
    auto custodian = must(db::unlock_member(doc, kCustodian, kPassword, dir / "keyslots.json"));
    {
        auto raw = must(db::Database::open(dir / "common.1.db", &custodian.parts.at(Part::Common),
                                           db::Database::Mode::OpenExisting));
        raw->exec("DELETE FROM store_parameters WHERE name = 'key_split_root_signature';");
    }
    sign_in(kSupervisor);
    in_read(*ws, [&](StoreSession& tx) {
        const auto v = must(tx.audit().verify());
        BOOST_TEST(!v.intact());
        BOOST_TEST((v.problem == AuditProblem::BadSignature));
        BOOST_TEST(v.first_bad_seq == 1);
    });
    auto read = ws->read(
        [](StoreSession& tx) { return drop_value(tx.settings().get("review.four_eyes")); });
    expect_code(read, ErrorCode::WorkspaceDamaged);
}

BOOST_AUTO_TEST_SUITE_END()
