#pragma once
// The ground the CLI suites stand on: a temporary folder, `sanaq init` with the administrator
// "admin" (per-role keys, the default), users added by the administrator with census access for
// the officers and supervisors among them, and commands run as a user whose password is
// "pass-for-<user>". A suite's fixture derives from it and adds its own register entries.
#include <boost/test/unit_test.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/domain/clock.h"
#include "core/usecases/session.h"
#include "db/workspace.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"

namespace sanaq::test {

/// The per-role flow of README.md after an administrator has added `users` ({name, role}) to the
/// workspace `ws`: the first officer or supervisor to sign in makes census, and confirms each
/// other census holder's access (four eyes: the administrator cannot give census). Passwords are
/// "pass-for-<user>". Nothing to do when no census role is among them.
inline void give_census_access(const std::string& ws,
                               const std::vector<std::pair<std::string, std::string>>& users) {
    auto census_role = [](const std::string& role) {
        return role == "officer" || role == "supervisor";
    };
    std::string first;
    for (const auto& [user, role] : users) {
        if (!census_role(role)) continue;
        const std::string acting = first.empty() ? user : first;
        std::vector<std::string> args{"--workspace", ws, "--user", acting};
        if (first.empty())
            args.insert(args.end(), {"records", "stats"});  // signing in makes census
        else
            args.insert(args.end(), {"user", "confirm-access", user});
        auto r = run_cli(args, {{"SANAQ_PASSWORD", "pass-for-" + acting}});
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        if (first.empty()) first = user;
    }
}

struct CliWorkspaceBase {
    TempDir dir;
    std::string ws = (dir / "ws").string();
    /// Added to every command's environment (say, the upstream client certificate's password).
    std::map<std::string, std::string> extra_env;

    /// `sanaq init --admin admin` (with `--keys KEYS` when given: "single" is the legacy layout),
    /// then each {user, role} added by the administrator, and census access given as a department
    /// gives it (give_census_access; a single-key workspace has no census grant to give).
    explicit CliWorkspaceBase(const std::string& temp_prefix,
                              const std::vector<std::pair<std::string, std::string>>& users = {},
                              const std::string& keys = "")
        : dir(temp_prefix) {
        std::vector<std::string> init_args{"--workspace", ws, "init", "--admin", "admin"};
        if (!keys.empty()) init_args.insert(init_args.end(), {"--keys", keys});
        auto init = run_cli(init_args, {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}});
        BOOST_REQUIRE_MESSAGE(init.exit_code == 0, init.err);
        for (const auto& [user, role] : users) {
            auto r = as("admin", {"user", "add", user, "--role", role},
                        {{"SANAQ_NEW_PASSWORD", "pass-for-" + user}});
            BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        }
        if (keys != "single") give_census_access(ws, users);
    }

    /// The environment of a command run as `user`: their password and extra_env.
    std::map<std::string, std::string> env(const std::string& user) const {
        auto all = extra_env;
        all["SANAQ_PASSWORD"] = "pass-for-" + user;
        return all;
    }
    /// The arguments of `sanaq [--json] --workspace WS --user USER ARGS…`.
    std::vector<std::string> cmd(const std::string& user, std::vector<std::string> args,
                                 bool as_json = true) const {
        args.insert(args.begin(), {"--workspace", ws, "--user", user});
        if (as_json) args.insert(args.begin(), "--json");
        return args;
    }

    /// `sanaq --workspace WS --user USER ARGS…` with the user's password; `more_env` adds to it.
    CliRun as(const std::string& user, std::vector<std::string> args,
              const std::map<std::string, std::string>& more_env = {}) {
        auto all = env(user);
        for (const auto& [name, value] : more_env) all[name] = value;
        return run_cli(cmd(user, std::move(args), false), all);
    }
    /// The same, required to succeed.
    CliRun must(const std::string& user, std::vector<std::string> args) {
        auto r = as(user, args);
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "sanaq " << args.front() << " failed ("
                                                         << r.exit_code << "): " << r.err);
        return r;
    }
    /// Opens the workspace as `user` (after the commands have exited and let go of it) and hands
    /// `read` a session, to assert what the programs left as tests/support/job_expectations.h says.
    template <class F>
    void as_reader(const std::string& user, Role role, F&& read) {
        auto opened = db::Workspace::open(ws, user, "pass-for-" + user, db::OpenOptions{false});
        BOOST_REQUIRE_MESSAGE(opened, (opened ? "" : opened.error().message_id));
        SystemClock clock;
        Session session{**opened, **opened, clock, Actor{user, role}};
        read(session);
    }

    /// The same with --json, required to succeed: its one JSON document.
    nlohmann::json must_json(const std::string& user, std::vector<std::string> args) {
        auto r = run_cli(cmd(user, args), env(user));
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0,
                              "sanaq " << args.at(0) << " " << (args.size() > 1 ? args[1] : "")
                                       << " failed (" << r.exit_code << "): " << r.err);
        return nlohmann::json::parse(r.out);
    }
};

}  // namespace sanaq::test
