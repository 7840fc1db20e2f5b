#pragma once
// Everything a command needs: parsed global options, the output channel, and — for commands that
// work on a workspace — the opened workspace and the signed-in session.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "core/domain/clock.h"
#include "core/i18n/catalog.h"
#include "core/usecases/session.h"
#include "db/workspace.h"

namespace sanaq::cli {

/// JSON for the terminal or a pipe: never throws on bytes that are not UTF-8, and writes
/// invisible or reordering code points as \u escapes (core/domain/printable.h).
std::string json_text(const nlohmann::json& document, int indent = 2);
std::string json_text(const nlohmann::ordered_json& document, int indent = 2);

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

class Context {
public:
    Context(Globals globals, Args args) : globals_(std::move(globals)), args_(std::move(args)) {}

    const Globals& globals() const { return globals_; }
    const Args& args() const { return args_; }
    bool json() const { return globals_.json; }
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
    /// Parts re-keyed when the session signed in (a colleague removed since this member last
    /// signed in): what `workspace rekey` reports.
    const std::vector<std::string>& rekeyed_at_sign_in() const { return rekeyed_at_sign_in_; }

    /// Prints a line of human text (stdout), translated already by the caller.
    void say(const std::string& text) const;
    /// Prints the JSON document of a command (stdout), pretty and UTF-8.
    void emit(const nlohmann::json& document) const;
    /// The same for documents built in field order (most are): no copy into a sorted tree.
    void emit(const nlohmann::ordered_json& document) const;
    /// True once the command printed its JSON document: an error it then returns is already in
    /// that document, and `--json` output stays one document.
    bool emitted() const { return emitted_; }

private:
    Globals globals_;
    Args args_;
    SystemClock clock_;
    std::unique_ptr<db::Workspace> workspace_;
    std::optional<Session> session_;
    mutable bool emitted_ = false;
    std::vector<std::string> rekeyed_at_sign_in_;
};

using Command = Status (*)(Context&);

}  // namespace sanaq::cli
