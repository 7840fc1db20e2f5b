#pragma once
// A workspace opened by a signed-in user: the store, the clock and the Session every screen runs
// its use cases with. Destroying it closes the workspace (wipes the key, releases the lock file).
#include <filesystem>
#include <memory>
#include <string>

#include "core/domain/clock.h"
#include "core/ports/archive.h"
#include "core/usecases/session.h"

namespace sanaq::db {
class Workspace;
}

namespace sanaq::ui {

class WorkerSession;

class OpenWorkspace {
public:
    /// Unlocks the user's key slot (the Argon2id KDF: about half a second — call it off the UI
    /// thread), signs in and reads whether this is a demo workspace. With per-role keys, parts a
    /// removed colleague could still open are re-keyed here when this member may (census at a
    /// million persons takes a minute: `rekey_progress(done, total)` reports it, false stops it and
    /// leaves it for the next sign-in). A single-key workspace that this sign-in splits into
    /// per-role part files reports it through `split_progress` (false stops it; it opens with its
    /// single key and the next sign-in converts it).
    static Result<std::unique_ptr<OpenWorkspace>> open(const std::filesystem::path& dir, const std::string& user,
                                                       const std::string& password,
                                                       const ArchiveProgress& rekey_progress = {},
                                                       const ArchiveProgress& split_progress = {});
    ~OpenWorkspace();
    OpenWorkspace(const OpenWorkspace&) = delete;
    OpenWorkspace& operator=(const OpenWorkspace&) = delete;

    Session& session() { return session_; }
    const Actor& actor() const { return session_.actor; }
    const std::filesystem::path& dir() const { return dir_; }
    bool demo() const { return demo_; }
    /// Writes backups of this workspace from a connection of its own (db::Workspace); may be used
    /// from a worker thread while the screens go on.
    WorkspaceArchiver& archiver();

    /// A Session for one worker thread (a pull): its own connection to this workspace's database,
    /// the same key vault, clock and actor. Call it on the worker: opening costs a few
    /// milliseconds of SQLCipher work. The WorkerSession keeps `workspace` open until it goes.
    static Result<std::unique_ptr<WorkerSession>> open_worker_session(std::shared_ptr<OpenWorkspace> workspace);

    /// Whether `password` opens `user`'s key slot in `dir` (WrongPassword when not): asked again
    /// before a signed-in user changes their own password, so an unlocked station left alone is
    /// not enough to take over the account. The same Argon2id work as signing in (call it off the
    /// UI thread); it reads keyslots.json only, never the database or its connection.
    static Status check_password(const std::filesystem::path& dir, const std::string& user, const std::string& password);

private:
    OpenWorkspace(std::unique_ptr<db::Workspace> workspace, std::filesystem::path dir, Actor actor, bool demo);

    std::unique_ptr<db::Workspace> workspace_;
    SystemClock clock_;
    std::filesystem::path dir_;
    Session session_;
    bool demo_ = false;
};

/// What a worker thread runs its use cases with (ui/README.md, "Threading rule"). Destroyed on the
/// worker when its work is done: its connection closes first, then its hold on the workspace.
class WorkerSession {
public:
    WorkerSession(std::shared_ptr<OpenWorkspace> workspace, std::unique_ptr<Store> store);
    ~WorkerSession();
    WorkerSession(const WorkerSession&) = delete;
    WorkerSession& operator=(const WorkerSession&) = delete;

    Session& session() { return session_; }

private:
    std::shared_ptr<OpenWorkspace> workspace_;  // first: let go of last
    std::unique_ptr<Store> store_;
    Session session_;
};

}  // namespace sanaq::ui
