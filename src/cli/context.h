#pragma once
// Everything a command needs: parsed global options, the output channel, and — for commands that
// work on a workspace — the opened workspace and the signed-in session.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "command_line/args.h"
#include "command_line/reply.h"
#include "core/domain/clock.h"
#include "core/i18n/catalog.h"
#include "core/usecases/session.h"
#include "db/workspace.h"

namespace sanaq::cli {

struct Globals {
    std::filesystem::path workspace;
    std::string user;
    std::optional<std::string> password_file;
    bool json = false;
    std::string lang;
};

/// The default workspace: $SANAQ_WORKSPACE, else $XDG_DATA_HOME/sanaq/workspace, else
/// ~/.local/share/sanaq/workspace.
std::filesystem::path default_workspace();

/// The output half (say, emit, finish: one JSON document with --json) is the command-line Reply
/// that `sanaq-tablet-sim` shares.
class Context : public Reply {
public:
    Context(Globals globals, Args args)
        : Reply(globals.json), globals_(std::move(globals)), args_(std::move(args)) {}

    const Globals& globals() const { return globals_; }
    const Args& args() const { return args_; }
    const Clock& clock() const { return clock_; }

    /// Opens the workspace as the acting user (password from SANAQ_PASSWORD, --password-file or a
    /// prompt) and signs in. Later calls return the same session.
    Result<Session*> session();
    db::Workspace* workspace() { return workspace_.get(); }

    /// The password of the acting user (same sources as for opening).
    Result<std::string> password();
    /// A new password: SANAQ_NEW_PASSWORD or asked twice at the terminal.
    Result<std::string> new_password(const std::string& for_whom);
    /// Creates a workspace (init) and keeps it open: one key for every role, or per-role keys.
    Status create_workspace(const std::string& admin, const std::string& password, bool per_role = false);
    /// Closes the workspace and signs in again as `user` (one process holds a workspace at a
    /// time): for work that each account must sign itself, like the demo's.
    Result<Session*> sign_in_as(const std::string& user, const std::string& password);
    /// Parts re-keyed when the session signed in (a colleague removed since this member last
    /// signed in): what `workspace rekey` reports.
    const std::vector<std::string>& rekeyed_at_sign_in() const { return rekeyed_at_sign_in_; }

private:
    Globals globals_;
    Args args_;
    SystemClock clock_;
    std::unique_ptr<db::Workspace> workspace_;
    std::optional<Session> session_;
    std::vector<std::string> rekeyed_at_sign_in_;
};

using Command = Status (*)(Context&);

}  // namespace sanaq::cli
