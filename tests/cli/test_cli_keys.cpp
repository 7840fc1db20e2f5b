// Per-role keys from the terminal as README.md shows them: `init --keys per-role`, census access
// confirmed by an officer, `user remove` re-keying what the administrator holds at once and the
// next census holder's sign-in re-keying census, `workspace rekey` reporting it.
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "support/run_cli.h"
#include "support/temp_dir.h"

using namespace sanaq;
using nlohmann::json;
using test::run_cli;
namespace fs = std::filesystem;

namespace {

struct PerRoleCli {
    test::TempDir dir{"sanaq-cli-keys"};
    std::string ws = (dir / "ws").string();

    test::CliRun as(const std::string& user, std::vector<std::string> args,
                    const std::string& new_password = "") {
        args.insert(args.begin(), {"--workspace", ws, "--user", user});
        std::map<std::string, std::string> env{{"SANAQ_PASSWORD", "pass-for-" + user}};
        if (!new_password.empty()) env["SANAQ_NEW_PASSWORD"] = new_password;
        return run_cli(args, env);
    }
    json ok_json(const std::string& user, std::vector<std::string> args,
                 const std::string& new_password = "") {
        args.insert(args.begin(), "--json");
        auto r = as(user, std::move(args), new_password);
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err + r.out);
        return json::parse(r.out);
    }

    PerRoleCli() {
        auto init =
            run_cli({"--workspace", ws, "--json", "init", "--admin", "admin", "--keys", "per-role"},
                    {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}});
        BOOST_REQUIRE_MESSAGE(init.exit_code == 0, init.err);
        BOOST_TEST(json::parse(init.out).at("keys") == "per-role");
        for (const auto& [user, role] : {std::pair<std::string, std::string>{"officer", "officer"},
                                         {"supervisor", "supervisor"},
                                         {"custodian", "custodian"}})
            ok_json("admin", {"user", "add", user, "--role", role}, "pass-for-" + user);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_keys, PerRoleCli)

BOOST_AUTO_TEST_CASE(census_access_is_confirmed_by_an_officer_and_a_removal_rekeys_it) {
    BOOST_TEST(fs::exists(fs::path(ws) / "common.1.db"));
    BOOST_TEST(!fs::exists(fs::path(ws) / "workspace.db"));
    // The first officer to sign in makes census; the supervisor waits for a confirmation.
    ok_json("officer", {"records", "stats"});
    auto waiting = as("supervisor", {"--json", "records", "stats"});
    BOOST_TEST(waiting.exit_code != 0);
    BOOST_TEST(json::parse(waiting.out).at("error").at("code") == "permission_denied");
    BOOST_TEST((ok_json("officer", {"user", "confirm-access"}).at("awaiting_confirmation") ==
                json::array({"supervisor"})));
    BOOST_TEST((ok_json("officer", {"user", "confirm-access", "supervisor"}).at("parts_given") ==
                json::array({"census"})));
    ok_json("supervisor", {"records", "stats"});
    // A custodian may not confirm anyone.
    BOOST_TEST(as("custodian", {"user", "confirm-access", "supervisor"}).exit_code != 0);

    // The administrator removes the officer: dept and common are re-keyed in the same step.
    ok_json("admin", {"user", "remove", "officer", "--reason", "left the department"});
    BOOST_TEST(fs::exists(fs::path(ws) / "common.2.db"));
    BOOST_TEST(fs::exists(fs::path(ws) / "dept.2.db"));
    BOOST_TEST((ok_json("admin", {"workspace", "rekey"}).at("rekeyed") == json::array()));
    // The supervisor's next sign-in re-keys census.
    const auto report = ok_json("supervisor", {"workspace", "rekey"});
    BOOST_TEST((report.at("rekeyed") == json::array({"census"})));
    BOOST_TEST((report.at("still_waiting") == json::array()));
    BOOST_TEST(fs::exists(fs::path(ws) / "census.2.db"));
    BOOST_TEST(!fs::exists(fs::path(ws) / "census.1.db"));
    ok_json("supervisor", {"records", "stats"});

    // The audit trail names both re-keys and is intact.
    const auto entries = ok_json("admin", {"audit", "list", "--action", "keys.rekey"});
    BOOST_TEST(entries.size() == 2u);
    BOOST_TEST(ok_json("admin", {"audit", "verify"}).at("intact") == true);
}

BOOST_AUTO_TEST_CASE(init_without_a_layout_makes_per_role_keys_a_custodian_cannot_read_census) {
    // README.md's first commands, without --keys: the workspace a department gets by default.
    const std::string plain = (dir / "plain").string();
    auto init = run_cli({"--workspace", plain, "--json", "init", "--admin", "admin"},
                        {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}});
    BOOST_REQUIRE_MESSAGE(init.exit_code == 0, init.err);
    BOOST_TEST(json::parse(init.out).at("keys") == "per-role");
    std::ifstream in(fs::path(plain) / "keyslots.json");
    BOOST_TEST(json::parse(in).at("version") == 3);
    BOOST_TEST(!fs::exists(fs::path(plain) / "workspace.db"));
    auto in_plain = [&](const std::string& user, std::vector<std::string> args,
                        const std::string& new_password = "") {
        args.insert(args.begin(), {"--workspace", plain, "--user", user});
        std::map<std::string, std::string> env{{"SANAQ_PASSWORD", "pass-for-" + user}};
        if (!new_password.empty()) env["SANAQ_NEW_PASSWORD"] = new_password;
        return run_cli(args, env);
    };
    for (const auto& [user, role] : {std::pair<std::string, std::string>{"officer", "officer"},
                                     {"custodian", "custodian"}})
        BOOST_REQUIRE(in_plain("admin", {"user", "add", user, "--role", role}, "pass-for-" + user)
                          .exit_code == 0);
    BOOST_REQUIRE(in_plain("officer", {"records", "stats"}).exit_code == 0);  // makes census
    BOOST_TEST(fs::exists(fs::path(plain) / "census.1.db"));
    // Outside the program, with the custodian's password, the independent reader opens common
    // and nothing else.
    const std::string reader = std::string(SANAQ_TEST_SOURCE_ROOT) +
                               "/tests/db/read_per_role_workspace_independently.py";
    const std::string command = "python3 '" + reader + "' '" + plain +
                                "' custodian pass-for-custodian --expect-verified "
                                "--expect-keys common --expect-opened common > /dev/null";
    const int status = std::system(command.c_str());
    if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
        BOOST_TEST_MESSAGE("python3 cryptography with Argon2id is missing: the reader is skipped");
        return;
    }
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_key_layout_is_a_usage_error) {
    auto r = run_cli(
        {"--workspace", (dir / "other").string(), "init", "--admin", "admin", "--keys", "two"},
        {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(!fs::exists(dir / "other" / "keyslots.json"));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// A workspace made before per-role keys became the default (`init --keys single`) on its way to
// them: each user's own sign-in gives them member keys; `workspace convert-keys` says who is left.
struct SingleKeyCli {
    test::TempDir dir{"sanaq-cli-convert"};
    std::string ws = (dir / "ws").string();

    json ok_json(const std::string& user, std::vector<std::string> args,
                 const std::string& new_password = "") {
        args.insert(args.begin(), {"--workspace", ws, "--user", user, "--json"});
        std::map<std::string, std::string> env{{"SANAQ_PASSWORD", "pass-for-" + user}};
        if (!new_password.empty()) env["SANAQ_NEW_PASSWORD"] = new_password;
        auto r = run_cli(args, env);
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err + r.out);
        return json::parse(r.out);
    }

    SingleKeyCli() {
        auto init =
            run_cli({"--workspace", ws, "--json", "init", "--admin", "admin", "--keys", "single"},
                    {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}});
        BOOST_REQUIRE_MESSAGE(init.exit_code == 0, init.err);
        for (const auto& [user, role] : {std::pair<std::string, std::string>{"officer", "officer"},
                                         {"custodian", "custodian"}})
            ok_json("admin", {"user", "add", user, "--role", role}, "pass-for-" + user);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(convert_keys_names_the_users_who_have_not_signed_in_yet, SingleKeyCli) {
    auto status = ok_json("admin", {"workspace", "convert-keys"});
    BOOST_TEST(status.at("key_layout") == "single-key");
    // The administrator's own sign-in (for this very command) enrolled them.
    auto waiting = status.at("awaiting_sign_in").get<std::vector<std::string>>();
    std::sort(waiting.begin(), waiting.end());
    BOOST_TEST(waiting == (std::vector<std::string>{"custodian", "officer"}),
               boost::test_tools::per_element());
    ok_json("officer", {"workspace", "convert-keys"});
    status = ok_json("custodian", {"workspace", "convert-keys"});
    BOOST_TEST(status.at("awaiting_sign_in") == json::array());
    // Each enrolled with their unchanged password; everyone still signs in with the single key.
    auto doc = json::parse(std::ifstream(fs::path(ws) / "keyslots.json"));
    BOOST_TEST(doc.at("version") == 2);
    BOOST_TEST(doc.at("enrolment").at("members").size() == 3u);
    BOOST_TEST(fs::exists(fs::path(ws) / "workspace.db"));
    // Everyone has signed in since: the officer's next sign-in splits the workspace.
    BOOST_TEST(ok_json("officer", {"workspace", "convert-keys"}).at("key_layout") == "per-role");
}

BOOST_FIXTURE_TEST_CASE(everyone_signs_in_once_and_the_officer_splits_the_workspace, SingleKeyCli) {
    ok_json("admin", {"user", "add", "supervisor", "--role", "supervisor"}, "pass-for-supervisor");
    ok_json("admin", {"review", "four-eyes", "on"});
    const auto before = ok_json("admin", {"audit", "verify"}).at("checked").get<long>();
    // Everyone but the officer signs in; the officer's sign-in, the last, splits.
    for (const char* user : {"custodian", "supervisor"})
        BOOST_TEST(ok_json(user, {"workspace", "convert-keys"}).at("key_layout") == "single-key");
    const fs::path dir(ws);
    BOOST_TEST(fs::exists(dir / "workspace.db"));
    auto split = run_cli({"--workspace", ws, "--user", "officer", "--json", "workspace", "convert-keys"},
                         {{"SANAQ_PASSWORD", "pass-for-officer"}});
    BOOST_REQUIRE_MESSAGE(split.exit_code == 0, split.err);
    BOOST_TEST(json::parse(split.out).at("key_layout") == "per-role");
    BOOST_TEST(split.err.find("per-role") != std::string::npos);  // said on stderr
    for (const auto& entry : fs::directory_iterator(dir))
        BOOST_TEST(!entry.path().filename().string().starts_with("workspace.db"),
                   entry.path().filename().string());
    BOOST_TEST(json::parse(std::ifstream(dir / "keyslots.json")).at("version") == 3);

    // Every user signs in with the unchanged password; the trail verifies across the split.
    for (const char* user : {"officer", "supervisor", "custodian", "admin"})
        BOOST_TEST(ok_json(user, {"workspace", "convert-keys"}).at("key_layout") == "per-role");
    for (const char* user : {"supervisor", "admin"}) {  // who may verify the trail
        const auto verify = ok_json(user, {"audit", "verify"});
        BOOST_TEST(verify.at("intact") == true, user);
        BOOST_TEST(verify.at("checked").get<long>() >= before + 1, user);
    }
    BOOST_TEST(ok_json("admin", {"audit", "list", "--action", "keys.split"}).size() == 1u);
    ok_json("supervisor", {"review", "list"});  // census work goes on for the supervisor
    ok_json("officer", {"records", "stats"});
    ok_json("supervisor", {"records", "stats"});
    // The administrator holds no census; their sign-in re-keyed common and the root the officer
    // made (README.md "Converting a single-key workspace").
    auto admin = run_cli({"--workspace", ws, "--user", "admin", "--json", "records", "stats"},
                         {{"SANAQ_PASSWORD", "pass-for-admin"}});
    BOOST_TEST(admin.exit_code != 0);
    BOOST_TEST(fs::exists(dir / "common.2.db"));
    BOOST_TEST(ok_json("admin", {"workspace", "rekey"}).at("still_waiting") == json::array());
}

BOOST_FIXTURE_TEST_CASE(convert_keys_on_a_per_role_workspace_has_nothing_to_do, PerRoleCli) {
    auto status = ok_json("custodian", {"workspace", "convert-keys"});
    BOOST_TEST(status.at("key_layout") == "per-role");
    BOOST_TEST(status.at("awaiting_sign_in") == json::array());
}
