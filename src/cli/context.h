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
    /// Closes the workspace and signs in again as `user` (one process holds a workspace at a
    /// time): for work that each account must sign itself, like the demo's.
    Result<Session*> sign_in_as(const std::string& user, const std::string& password);
    /// Parts re-keyed when the session signed in (a colleague removed since this member last
    /// signed in): what `workspace rekey` reports.
    const std::vector<std::string>& rekeyed_at_sign_in() const { return rekeyed_at_sign_in_; }

    /// Prints a line of human text, translated already by the caller: on stdout, or on stderr with
    /// --json (stdout then carries the JSON document and nothing else).
    void say(const std::string& text) const;
    /// Keeps the command's JSON document; finish() prints it, once. A second document is a bug
    /// (std::logic_error): with --json a run prints exactly one.
    void emit(const nlohmann::json& document) const;
    /// The same for documents built in field order (most are): no copy into a sorted tree.
    void emit(const nlohmann::ordered_json& document) const;
    /// True once the command gave its JSON document (or opened its stream).
    bool emitted() const { return document_.has_value() || streaming_; }
    /// For a command that reports as it goes (device watch): prints `{"<member>": [` now and each
    /// item on its own line as it comes (after the first, the line begins with a comma); finish()
    /// closes the array and the object, so the whole of stdout is still one JSON document.
    void open_stream(const std::string& member) const;
    void stream_item(const nlohmann::ordered_json& item) const;
    /// Ends the run: with --json prints the one document — the command's, with the failure added as
    /// its `error` member when the command failed after giving it, else `{"error": …}` — and the
    /// failure's text on stderr. Returns the exit status.
    int finish(const Status& outcome) const;

private:
    Globals globals_;
    Args args_;
    SystemClock clock_;
    std::unique_ptr<db::Workspace> workspace_;
    std::optional<Session> session_;
    mutable std::optional<nlohmann::ordered_json> document_;
    mutable bool streaming_ = false;
    mutable bool streamed_items_ = false;
    std::vector<std::string> rekeyed_at_sign_in_;
};

using Command = Status (*)(Context&);

}  // namespace sanaq::cli
