// `sanaq workspace backup` and `sanaq workspace restore` as README.md shows them: exit codes,
// JSON, the restored folder opening for every user, refusals that leave nothing.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "crypto/crypto.h"
#include "core/usecases/demo.h"
#include "support/cli_workspace.h"
#include "support/job_expectations.h"
#include "db/workspace.h"
#include "core/domain/clock.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"

using namespace sanaq;
using test::run_cli;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct BackupCli : test::CliWorkspaceBase {
    std::string backup = (dir / "census-2026.sanaq-backup").string();
    std::string bin = make_bin(2003, 5, 78);
    std::string institution = "Облыстық туберкулезге қарсы диспансер";

    test::CliRun in(const std::string& workspace, const std::string& user, std::vector<std::string> args,
                    const std::string& password = "") {
        args.insert(args.begin(), {"--workspace", workspace, "--user", user});
        return run_cli(args, {{"SANAQ_PASSWORD", password.empty() ? "pass-for-" + user : password}});
    }

    BackupCli() : CliWorkspaceBase("sanaq-cli-backup", {{"officer", "officer"}}) {
        auto inst = as("officer", {"institution", "add", "--bin", bin, "--name-kk", institution, "--name-ru",
                                   "Областной противотуберкулезный диспансер", "--type", "tuberculosis", "--kato", "591010000"});
        BOOST_REQUIRE_MESSAGE(inst.exit_code == 0, inst.err);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_backup, BackupCli)

BOOST_AUTO_TEST_CASE(backup_then_restore_into_a_new_folder_as_the_readme_shows) {
    auto made = as("admin", {"--json", "workspace", "backup", "--out", backup});
    BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
    const auto b = json::parse(made.out);
    BOOST_TEST(b.at("file").get<std::string>() == backup);
    BOOST_TEST(b.at("size").get<std::uint64_t>() == fs::file_size(backup));
    BOOST_TEST(b.at("sha256").get<std::string>() == sanaq::crypto::sha256_hex(test::read_file(backup)));
    BOOST_TEST(b.at("schema_version").get<int>() > 0);
    BOOST_TEST(test::read_file(backup).find(institution) == std::string::npos);

    // The audit trail of the live workspace names the file, its size and digest.
    auto audit = as("admin", {"--json", "audit", "list", "--action", "workspace.backup"});
    BOOST_REQUIRE_MESSAGE(audit.exit_code == 0, audit.err);
    const auto entries = json::parse(audit.out);
    BOOST_REQUIRE(entries.size() == 1u);
    const auto details = json::parse(entries[0].at("details").get<std::string>());
    BOOST_TEST(details.at("sha256") == b.at("sha256"));
    BOOST_TEST(details.at("file") == b.at("file"));

    const std::string target = (dir / "restored").string();
    auto restored = in(ws, "admin", {"--json", "workspace", "restore", backup, "--to", target});
    BOOST_REQUIRE_MESSAGE(restored.exit_code == 0, restored.err);
    const auto r = json::parse(restored.out);
    BOOST_TEST(r.at("restored_to").get<std::string>() == target);
    BOOST_TEST(r.at("from").get<std::string>() == backup);
    BOOST_TEST(r.at("sha256") == b.at("sha256"));
    BOOST_TEST(r.at("schema_version") == b.at("schema_version"));
    BOOST_TEST(r.at("audit_entries_checked").get<int>() > 0);

    // Every user opens the copy with their own password; the register came along.
    auto list = in(target, "officer", {"--json", "institution", "list"});
    BOOST_REQUIRE_MESSAGE(list.exit_code == 0, list.err);
    BOOST_TEST(list.out.find(bin) != std::string::npos);
    auto verify = in(target, "admin", {"--json", "audit", "verify"});
    BOOST_REQUIRE_MESSAGE(verify.exit_code == 0, verify.err);
    BOOST_TEST(json::parse(verify.out).at("intact").get<bool>());
    auto restore_entry = in(target, "admin", {"--json", "audit", "list", "--action", "workspace.restore"});
    BOOST_REQUIRE(restore_entry.exit_code == 0);
    BOOST_TEST(json::parse(restore_entry.out).size() == 1u);
    // What the sign-in dialog's Restore leaves, asserted alike (tests/ui test_restore); the file
    // named as typed, with "..", is on the copy's trail by its absolute, normal path.
    {
        auto opened = db::Workspace::open(target, "admin", "pass-for-admin", db::OpenOptions{false});
        BOOST_REQUIRE(opened);
        SystemClock clock;
        Session copy{**opened, **opened, clock, Actor{"admin", Role::Administrator}};
        test::expect_restored_from(copy, backup, target, 0);
    }
    // The live workspace is untouched and still opens.
    BOOST_TEST(as("officer", {"institution", "list"}).exit_code == 0);

    // Human output.
    auto text = in(ws, "admin", {"workspace", "restore", backup, "--to", (dir / "restored-2").string()});
    BOOST_REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    BOOST_TEST(text.out.find("restored-2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(refusals_have_their_documented_exit_codes_and_leave_nothing) {
    // Not an administrator: 5, no file.
    auto officer = as("officer", {"workspace", "backup", "--out", backup});
    BOOST_TEST(officer.exit_code == 5);
    BOOST_TEST(!fs::exists(backup));
    // No --out: usage.
    BOOST_TEST(as("admin", {"workspace", "backup"}).exit_code == 2);
    BOOST_REQUIRE(as("admin", {"workspace", "backup", "--out", backup}).exit_code == 0);
    // Never over an existing file: 5.
    auto again = as("admin", {"--json", "workspace", "backup", "--out", backup});
    BOOST_TEST(again.exit_code == 5);
    BOOST_TEST(json::parse(again.out).at("error").at("code").get<std::string>() == "already_exists");

    const std::string target = (dir / "restored").string();
    // Wrong password: 3. Not an administrator in the backup: 5. Into the live workspace: 5.
    BOOST_TEST(in(ws, "admin", {"workspace", "restore", backup, "--to", target}, "wrong").exit_code == 3);
    BOOST_TEST(in(ws, "officer", {"workspace", "restore", backup, "--to", target}).exit_code == 5);
    BOOST_TEST(in(ws, "admin", {"workspace", "restore", backup, "--to", ws}).exit_code == 5);
    BOOST_TEST(in(ws, "admin", {"workspace", "restore", backup}).exit_code == 2);
    BOOST_TEST(!fs::exists(target));

    // Tampered and truncated copies: 4, with a message that says so, in the user's language.
    const auto good = test::read_file(backup);
    const std::string bad = (dir / "bad.sanaq-backup").string();
    auto write = [&](const std::string& bytes) {
        std::ofstream out(bad, std::ios::binary | std::ios::trunc);
        out << bytes;
    };
    auto tampered = good;
    tampered[tampered.size() / 3] ^= 0x20;
    write(tampered);
    auto t = in(ws, "admin", {"--lang", "en", "workspace", "restore", bad, "--to", target});
    BOOST_TEST(t.exit_code == 4);
    BOOST_TEST(t.err.find("damaged or altered") != std::string::npos, t.err);
    write(good.substr(0, good.size() / 2));
    auto cut = in(ws, "admin", {"--lang", "en", "--json", "workspace", "restore", bad, "--to", target});
    BOOST_TEST(cut.exit_code == 4);
    BOOST_TEST(cut.err.find("cut short") != std::string::npos, cut.err);
    BOOST_TEST(json::parse(cut.out).at("error").at("code").get<std::string>() == "invalid_input");
    auto ru = in(ws, "admin", {"--lang", "ru", "workspace", "restore", bad, "--to", target});
    BOOST_TEST(ru.exit_code == 4);
    BOOST_TEST(ru.err.find("cut short") == std::string::npos, ru.err);
    BOOST_TEST(ru.err.find(bad) != std::string::npos, ru.err);
    BOOST_TEST(!fs::exists(target));
    // Nothing but the two backups, the workspace and the bad copy beside the target.
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) {
        ++entries;
        BOOST_TEST(e.path().filename().string().find("restoring") == std::string::npos, e.path());
    }
    BOOST_TEST(entries == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
