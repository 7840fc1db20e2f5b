// backup_workspace / restore_workspace over a real workspace: administrators only (in the backup's
// own users table for a restore), each step on the audit trail, a broken trail never restored.
#include <boost/test/unit_test.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "crypto/crypto.h"
#include "core/usecases/audit_review.h"
#include "core/usecases/backup.h"
#include "db/backup.h"
#include "db/key_slots.h"
#include "db/sqlite/database.h"
#include "support/staffed_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

std::set<std::string> names_in(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(folder)) names.insert(e.path().filename().string());
    return names;
}

std::string sha256_of_file(const fs::path& file) { return sanaq::crypto::sha256_hex(test::read_file(file)); }

struct BackupFixture : test::StaffedWorkspace {
    fs::path backup = dir / "day-1.sanaq-backup";
    db::BackupRestorer restorer{db::OpenOptions{false, db::test_kdf()}};

    Result<RestoreReport> restore(const fs::path& target, const std::string& user, const std::string& password = test::kPassword) {
        return restore_workspace(restorer, clock, {backup, target, user, password});
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(backup_and_restore, BackupFixture)

BOOST_AUTO_TEST_CASE(a_backup_is_audited_with_its_file_size_and_digest) {
    Session admin = as("admin", Role::Administrator);
    auto info = backup_workspace(admin, *ws, backup);
    BOOST_REQUIRE_MESSAGE(info, (info ? "" : info.error().message_id));
    BOOST_TEST(fs::exists(backup));
    auto entries = list_audit(admin, {"", "workspace.backup"});
    BOOST_REQUIRE(entries && entries->size() == 1u);
    const auto& e = entries->front();
    BOOST_TEST(e.actor == "admin");
    BOOST_TEST(e.object_id == backup.string());
    const auto details = nlohmann::json::parse(e.details);
    BOOST_TEST(details.at("file").get<std::string>() == backup.string());
    BOOST_TEST(details.at("size").get<std::uint64_t>() == fs::file_size(backup));
    BOOST_TEST(details.at("sha256").get<std::string>() == sha256_of_file(backup));
    BOOST_TEST(details.at("audit_seq").get<std::int64_t>() == e.seq - 1);  // the copy ends just before its own entry
    BOOST_TEST(verify_audit(admin)->intact());
}

BOOST_AUTO_TEST_CASE(only_administrators_back_up_and_a_refusal_writes_nothing) {
    for (auto [name, role] : {std::pair{"officer", Role::Officer}, std::pair{"custodian", Role::Custodian},
                              std::pair{"supervisor", Role::Supervisor}}) {
        Session s = as(name, role);
        auto r = backup_workspace(s, *ws, backup);
        BOOST_REQUIRE(!r);
        BOOST_TEST((r.error().code == ErrorCode::PermissionDenied));
        BOOST_TEST(!fs::exists(backup));
    }
    Session supervisor = as("supervisor", Role::Supervisor);
    BOOST_TEST(list_audit(supervisor, {"", "workspace.backup"})->empty());
}

BOOST_AUTO_TEST_CASE(a_restore_is_checked_and_audited_in_the_restored_workspace) {
    Session admin = as("admin", Role::Administrator);
    BOOST_REQUIRE(backup_workspace(admin, *ws, backup));
    // Work done after the backup is not in the copy.
    Session officer = as("officer", Role::Officer);
    BOOST_REQUIRE(register_kit(officer, kit(77)));

    const auto target = dir / "restored";
    auto report = restore(target, "admin");
    BOOST_REQUIRE_MESSAGE(report, (report ? "" : report.error().message_id + " " + report.error().detail));
    BOOST_TEST(report->target == target);
    BOOST_TEST(report->backup.sha256 == sha256_of_file(backup));
    BOOST_TEST(report->backup.size == fs::file_size(backup));
    BOOST_TEST(report->schema_version == report->backup.schema_version);
    BOOST_TEST(report->audit_entries_checked == static_cast<std::size_t>(report->backup.audit_seq));
    BOOST_TEST((report->actor.role == Role::Administrator));

    ws.reset();  // the live workspace and the copy are separate folders; either can be open
    auto copy = db::Workspace::open(target, "officer", test::kPassword, db::OpenOptions{false, db::test_kdf()});
    BOOST_REQUIRE(copy);
    auto session = sign_in(**copy, **copy, clock, "supervisor");
    BOOST_REQUIRE(session);
    auto entries = list_audit(*session, {});
    BOOST_REQUIRE(entries && !entries->empty());
    const auto& last = entries->front();  // newest first
    BOOST_TEST(last.action == "workspace.restore");
    BOOST_TEST(last.actor == "admin");
    BOOST_TEST(last.object_id == target.string());
    const auto details = nlohmann::json::parse(last.details);
    BOOST_TEST(details.at("from").get<std::string>() == backup.string());
    BOOST_TEST(details.at("to").get<std::string>() == target.string());
    BOOST_TEST(details.at("sha256").get<std::string>() == report->backup.sha256);
    BOOST_TEST(last.seq == report->backup.audit_seq + 1);
    BOOST_TEST(verify_audit(*session)->intact());
    // The kit registered after the backup is not there; the fixture's kits are.
    BOOST_TEST(!find_kit(*session, "KIT-1077"));
    BOOST_TEST(find_kit(*session, "KIT-1001").has_value());
}

BOOST_AUTO_TEST_CASE(only_an_administrator_of_the_backup_may_restore_it) {
    Session admin = as("admin", Role::Administrator);
    BOOST_REQUIRE(backup_workspace(admin, *ws, backup));
    for (const char* user : {"officer", "custodian", "supervisor"}) {
        const auto target = dir / (std::string("restored-by-") + user);
        const auto before = names_in(dir.path());
        auto r = restore(target, user);
        BOOST_REQUIRE(!r);
        BOOST_TEST((r.error().code == ErrorCode::PermissionDenied), user);
        BOOST_TEST(!fs::exists(target));
        BOOST_TEST((names_in(dir.path()) == before), "a staging folder was left by " << user);
    }
    // Made an administrator later in the live workspace: the backup still says officer.
    BOOST_REQUIRE(set_user_role(admin, "officer", Role::Administrator, "covers the holidays"));
    auto r = restore(dir / "restored", "officer");
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::PermissionDenied));
    // A wrong password: the usual authentication failure.
    r = restore(dir / "restored", "admin", "not the password");
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::WrongPassword));
    BOOST_TEST(!fs::exists(dir / "restored"));
}

BOOST_AUTO_TEST_CASE(a_disabled_account_in_the_backup_may_not_restore_it) {
    Session admin = as("admin", Role::Administrator);
    BOOST_REQUIRE(add_user(admin, {"admin2", "", Role::Administrator, test::kPassword}));
    BOOST_REQUIRE(remove_user(admin, "admin2", "left the department"));
    BOOST_REQUIRE(backup_workspace(admin, *ws, backup));
    auto r = restore(dir / "restored", "admin2");
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::UnknownUser || r.error().code == ErrorCode::WrongPassword));
    BOOST_TEST(!fs::exists(dir / "restored"));
}

BOOST_AUTO_TEST_CASE(a_backup_whose_audit_trail_is_broken_is_not_restored) {
    // An entry altered behind the core's back (raw SQL with the master key).
    ws.reset();
    {
        auto key = db::unlock_master_key(dir / "ws", "admin", test::kPassword);
        BOOST_REQUIRE(key);
        auto raw = db::Database::open(dir / "ws" / "workspace.db", &*key, db::Database::Mode::OpenExisting);
        BOOST_REQUIRE(raw);
        (*raw)->exec("UPDATE audit_entries SET details = '{\"role\":\"administrator\"}' WHERE seq = 2;");
    }
    ws = std::move(*db::Workspace::open(dir / "ws", "admin", test::kPassword, db::OpenOptions{false, db::test_kdf()}));
    Session admin_again = as("admin", Role::Administrator);
    BOOST_REQUIRE(backup_workspace(admin_again, *ws, backup));  // a backup copies what there is
    const auto before = names_in(dir.path());
    auto r = restore(dir / "restored", "admin");
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(r.error().message_id.find("does not verify") != std::string::npos);
    BOOST_TEST(!fs::exists(dir / "restored"));
    BOOST_TEST((names_in(dir.path()) == before));
}

BOOST_AUTO_TEST_SUITE_END()
