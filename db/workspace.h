#pragma once
// A Sanaq workspace: one folder holding the encrypted store and what unlocks it.
//
//   workspace.db (+ -wal, -shm)   SQLCipher database under a random 256-bit master key
//   keyslots.json                 the master key wrapped once per user (Argon2id + AES-256-GCM)
//   workspace.lock                exclusive flock while a Sanaq Station has the workspace open
//   login-failures.json           consecutive failed sign-ins per slot id (no names)
//
// The format is specified in db/README.md. A Workspace is the core's Store and KeyVault.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/ports/archive.h"
#include "core/ports/store.h"
#include "db/kdf.h"

namespace sanaq::db {

inline constexpr std::string_view kDatabaseFileName = "workspace.db";

struct OpenOptions {
    /// Wait the growing delay (0, 1, 2, 4 … 30 s) before reporting a failed sign-in. Tests that
    /// count failures switch it off and read the delay from the error detail instead.
    bool apply_failure_delay = true;
    /// Argon2id parameters for slots added or re-wrapped while this workspace is open.
    KdfParams new_slot_kdf = kdf_from_environment();
    /// A single-key workspace split into per-role part files at this sign-in (README.md
    /// "Converting a single-key workspace"): `(done, total)` in steps; false stops the split,
    /// and the workspace opens with its single key.
    ArchiveProgress key_split_progress = {};
};

/// Where the time of Workspace::open went (for the benchmark and a "signing in took" log line).
struct OpenTimings {
    std::chrono::nanoseconds key_derivation{0};  // Argon2id + unwrapping the slot
    std::chrono::nanoseconds after_kdf{0};       // SQLCipher key, pragmas, schema check, migrations
};

class Workspace final : public sanaq::Store,
                        public sanaq::KeyVault,
                        public sanaq::WorkspaceArchiver {
  public:
    /// Makes a new workspace in `dir` (absent or empty): random master key, a key slot for the
    /// administrator, the database with every migration applied. The administrator's users row
    /// is the core's to add (record_workspace_created). InvalidInput for a bad user name or
    /// password (core rules), AlreadyExists when `dir` already holds a workspace, RefusedByState
    /// when it holds anything else.
    static Result<std::unique_ptr<Workspace>> create(const std::filesystem::path& dir,
                                                     std::string_view admin_user,
                                                     std::string_view admin_password,
                                                     KdfParams kdf);
    /// The same, with per-role keys (db/README.md, "Key hierarchy"): common and dept part files
    /// under keys of their own, the administrator holding those and the roster's root key; the
    /// census part is made by the first officer or supervisor who signs in.
    static Result<std::unique_ptr<Workspace>> create_per_role(const std::filesystem::path& dir,
                                                              std::string_view admin_user,
                                                              std::string_view admin_password,
                                                              KdfParams kdf);
    /// NotAWorkspace, WorkspaceLocked, WorkspaceDamaged, UnknownUser / WrongPassword (the same
    /// text for both), RefusedByState for a workspace made by a newer version. Applies pending
    /// migrations (after copying workspace.db to workspace.db.schema-<N>.bak).
    static Result<std::unique_ptr<Workspace>> open(const std::filesystem::path& dir,
                                                   std::string_view user, std::string_view password,
                                                   OpenOptions options = {});
    ~Workspace() override;
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    /// Who opened (or created) it.
    std::string_view user() const { return user_; }
    /// PRAGMA user_version; -1 if it cannot be read.
    int schema_version();
    const std::string& workspace_id() const { return workspace_id_; }
    /// How long the open (or create) that made this Workspace took, split at the KDF.
    const OpenTimings& open_timings() const { return timings_; }

    // Store
    Status write(const StoreWork& work) override;
    Status read(const StoreWork& work) override;

    // KeyVault: each rewrites keyslots.json atomically; workspace.db is never touched.
    Status add_slot(std::string_view user, std::string_view password, Role role) override;
    Status set_role(std::string_view user, Role role) override;
    Status remove_slot(std::string_view user) override;
    Status change_password(std::string_view user, std::string_view new_password) override;
    bool has_slot(std::string_view user) const override;

    /// Per-role keys: the signed-in member (an officer or supervisor) gives `user` the parts they
    /// hold and `user`'s role needs — census for a colleague an administrator added. Returns the
    /// names of the parts given (none when there was nothing to give). RefusedByState in a
    /// single-key workspace.
    Result<std::vector<std::string>> confirm_access(std::string_view user) override;
    /// Per-role keys: those of `users` to whom the signed-in member could give a part their role
    /// needs (confirm_access would give them something). Empty with a single key.
    std::vector<std::string> awaiting_confirmation(
        const std::vector<std::string>& users) const override;
    /// A single-key workspace: those of `users` with no member keys yet for the conversion to
    /// per-role keys (they have not signed in since it began). Empty with per-role keys.
    std::vector<std::string> awaiting_enrolment(
        const std::vector<std::string>& users) const override;
    /// Per-role keys: parts the signed-in member's role holds that have not reached them yet
    /// ("census" while a colleague has not confirmed their access). Empty with a single key.
    std::vector<std::string> awaiting_parts() const override;
    /// Per-role keys: parts that wait to be re-keyed (a member who could open them was removed or
    /// lost them with a new role) and that the signed-in member may re-key now — an administrator
    /// common, dept and the root key, an officer or supervisor census and dept. Empty otherwise.
    std::vector<std::string> parts_to_rekey() const override;
    /// Re-keys those parts (db/README.md, "Re-keying"): each is copied into its next generation
    /// under a fresh key granted to the members who held it, keyslots.json naming the new files
    /// is the commit point, then the connection moves to them and the old files are removed.
    /// `progress(done, total)` in bytes; false cancels (the old keys stay). Returns the parts
    /// re-keyed. RefusedByState while a worker connection (a pull) is open.
    Result<std::vector<std::string>> rekey_pending_parts(
        const ArchiveProgress& progress = {}) override;
    /// "per-role" or "single-key".
    std::string_view key_layout() const;
    /// Why this sign-in, which was due to split a single-key workspace into per-role part files,
    /// did not (it opened with the single key; the next sign-in tries again). Nothing otherwise.
    const std::optional<Error>& key_split_failure() const;
    bool per_role_keys() const override { return key_layout() == "per-role"; }
    Status check_membership_change(std::string_view user, std::optional<Role> role) const override;

    // WorkspaceArchiver: a backup file made from a connection of its own while this workspace
    // stays in use (db/backup.h; format in README.md, "Backup file"). May run on a worker thread.
    Result<BackupInfo> write_backup(
        const std::filesystem::path& out, const ArchiveProgress& progress,
        const std::function<Status(const BackupInfo&)>& before_publish) override;

    /// Copies every page from the WAL into workspace.db and empties the WAL.
    Status checkpoint();

    /// A second connection to this workspace's database for one worker thread (a pull), with the
    /// same master key and pragmas (db/worker_store.h). Cheap (no KDF); may be called from the
    /// worker itself. The store must be destroyed before this Workspace.
    Result<std::unique_ptr<sanaq::Store>> open_worker_store() const;

    struct State;  // defined in workspace.cpp

  private:
    explicit Workspace(std::unique_ptr<State> state);

    std::filesystem::path dir_;
    std::string user_;
    std::string workspace_id_;
    OpenTimings timings_;
    std::unique_ptr<State> state_;
};

/// keyslots.json and workspace.db are both there: open rather than create.
bool looks_like_workspace(const std::filesystem::path& dir);

/// Consecutive failed sign-ins recorded for `user`'s slot id in `dir` (0 when none).
int recorded_login_failures(const std::filesystem::path& dir, std::string_view user);

/// Checks `user`'s password against their key slot (e.g. before they change it) with the same
/// consecutive-failure counter and growing delay as signing in, so an unlocked workstation is no
/// shortcut for guessing. Blocks for the delay: call it off the UI thread. WrongPassword on
/// failure.
Status check_password(const std::filesystem::path& dir, std::string_view user,
                      std::string_view password);

}  // namespace sanaq::db
