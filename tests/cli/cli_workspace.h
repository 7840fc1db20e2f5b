#pragma once
// The ground the CLI suites stand on: a temporary folder, `sanaq init` with the administrator
// "admin", users added by the administrator, and commands run as a user whose password is
// "pass-for-<user>". A suite's fixture derives from it and adds its own register entries.
#include <boost/test/unit_test.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "run_cli.h"
#include "support/temp_dir.h"

namespace sanaq::test {

struct CliWorkspaceBase {
    TempDir dir;
    std::string ws = (dir / "ws").string();

    /// `sanaq init --admin admin`, then each {user, role} added by the administrator.
    explicit CliWorkspaceBase(const std::string& temp_prefix,
                              const std::vector<std::pair<std::string, std::string>>& users = {})
        : dir(temp_prefix) {
        auto init = run_cli({"--workspace", ws, "init", "--admin", "admin"},
                            {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}});
        BOOST_REQUIRE_MESSAGE(init.exit_code == 0, init.err);
        for (const auto& [user, role] : users) {
            auto r = as("admin", {"user", "add", user, "--role", role},
                        {{"SANAQ_NEW_PASSWORD", "pass-for-" + user}});
            BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        }
    }

    /// `sanaq --workspace WS --user USER ARGS…` with the user's password; `env` adds to it.
    CliRun as(const std::string& user, std::vector<std::string> args,
              std::map<std::string, std::string> env = {}) {
        args.insert(args.begin(), {"--workspace", ws, "--user", user});
        env.emplace("SANAQ_PASSWORD", "pass-for-" + user);
        return run_cli(args, env);
    }
    /// The same, required to succeed.
    CliRun must(const std::string& user, std::vector<std::string> args) {
        auto r = as(user, args);
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "sanaq " << args.front() << " failed ("
                                                         << r.exit_code << "): " << r.err);
        return r;
    }
    /// The same with --json, required to succeed: its one JSON document.
    nlohmann::json must_json(const std::string& user, std::vector<std::string> args) {
        args.insert(args.begin(), "--json");
        auto r = as(user, args);
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "sanaq " << args.at(1) << " failed (" << r.exit_code
                                                         << "): " << r.err);
        return nlohmann::json::parse(r.out);
    }
};

}  // namespace sanaq::test
