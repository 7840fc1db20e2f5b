#pragma once
// Internal to db/: what an open Workspace holds. Shared by workspace.cpp (the single-key layout
// and everything common) and workspace_parts.cpp (the per-role key layout).
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "db/key_slots.h"
#include "db/member_signatures.h"
#include "db/member_slots.h"
#include "db/repositories/session.h"
#include "db/sqlite/database.h"
#include "db/workspace.h"
#include "db/workspace_lock.h"

namespace sanaq::db {

struct Workspace::State {
    WorkspaceLock lock;  // first member: released last, after the database is closed
    std::filesystem::path dir;
    std::string user;
    KeySlotFile slots;
    /// The single-key layout: the master key. The per-role layout: the common part's key (the
    /// audit chain key is derived from it, as from the master key before).
    SecretKey master;
    /// The per-role layout only: the signed-in member's keys and the parts attached for them.
    std::optional<MemberKeys> member;
    std::map<Part, std::filesystem::path> part_files;
    /// What the audit chain is keyed from (README.md, "Audit chain"): the master key, or with
    /// per-role keys the first common key, kept in common once common has been re-keyed.
    SecretKey audit_key;
    /// `audit_key` is the chain key itself (a workspace split from a single key keeps that, not
    /// the old master key: README.md "Converting a single-key workspace").
    bool audit_key_is_chain_key = false;
    KdfParams new_slot_kdf;
    std::unique_ptr<Database> db;
    std::unique_ptr<SqlStoreSession> session;
    /// The per-role layout: the member signs audit entries and the signed rows of common; the
    /// roster's keys check them (kept current with the roster: sync_signatures).
    std::shared_ptr<MemberSignatures> signatures;

    OpenTimings timings;
    /// A single-key workspace whose split failed at this sign-in (it opened with its single key;
    /// the next sign-in of an officer or supervisor tries again).
    std::optional<Error> split_failure;

    /// Each worker connection holds a copy: re-keying waits until none is left (a worker's
    /// connection would go on writing the old files).
    std::shared_ptr<const int> worker_token = std::make_shared<const int>(0);

    std::recursive_mutex db_mutex;  // recursive so a nested write is reported, not deadlocked
    bool in_transaction = false;
    mutable std::mutex slots_mutex;

    ~State() {
        session.reset();
        db.reset();  // closing the last connection checkpoints and removes the WAL
    }
};

/// The per-role layout: makes the member's signatures for the session (first call), or gives them
/// the roster as it is now, and hands them to the connection's session.
void sync_signatures(Workspace::State& state);

/// The store_parameters rows of a new workspace (workspace.cpp).
void record_store_parameters(Database& db, const KeySlotFile& slots);

/// The per-role key layout (workspace_parts.cpp).
Result<std::unique_ptr<Workspace::State>> create_per_role_state(const std::filesystem::path& dir,
                                                                std::string_view admin_user,
                                                                std::string_view admin_password,
                                                                const KdfParams& kdf);
/// After the password has opened `member` from `slots` (version 3): opens common, attaches the
/// parts the member holds (making census when its first holder signs in), checks each part's
/// schema, and brings the member's slot up to date.
Status open_per_role_parts(Workspace::State& state, std::string_view password);

/// The schema name a part is attached under (common is main).
std::string_view schema_of(Part part);
/// A part's file as the signed record names it; anything but "<part>.<generation>.db" (a path,
/// "..", another part's name) is refused before it reaches the file system.
Result<std::filesystem::path> part_path(const std::filesystem::path& dir, const PartRecord& record,
                                        const std::filesystem::path& slots_file);
/// Makes an empty file with owner-only access (SQLite gives its -wal and -shm the same mode).
Status make_private_file(const std::filesystem::path& file);
/// Removes a part file with its -wal and -shm.
void remove_part_file(const std::filesystem::path& file);
/// fsync of a file or a folder (the rename that commits a new file is durable only once its
/// folder is synced); an Io error naming it when that fails.
Status sync_to_disk(const std::filesystem::path& file_or_folder);
/// Creates and attaches a new generation file of `part` under `key`, with its schema and meta.
Status create_attached_part(Database& db, const std::filesystem::path& file, Part part,
                            std::uint64_t generation, const SecretKey& key,
                            std::string_view workspace_id);
/// Attaches the current generation of `part` under `key`, checking its schema and meta.
Status attach_existing_part(Workspace::State& state, Part part, const SecretKey& key);
/// Removes part files of generations older than the document's (left by a re-key that committed
/// and stopped before it removed them).
void remove_stale_generations(const std::filesystem::path& dir, const KeySlotFile& slots);
/// common's store_parameters row holding the audit chain key itself (hex), written by the split.
inline constexpr std::string_view kAuditChainHmacKey = "audit_chain_hmac_key";
/// Reads the audit chain's key for a per-role workspace whose common part is open.
Status load_audit_key(Workspace::State& state);

// The split of a single-key workspace into per-role part files (workspace_split.cpp; README.md
// "Converting a single-key workspace").

/// Whether the signed-in user of this single-key workspace splits it now: they are an active
/// officer or supervisor in `users`, and every active user has enrolled.
Result<bool> key_split_due(Workspace::State& state);
/// Builds common, dept and census under fresh keys from workspace.db (attached read-only) into
/// temporary files, moves them to their names and writes keyslots.json version 3: the commit
/// point. Any failure before it (`progress` returning false included) removes what was made and
/// leaves the single-key workspace as it was. The caller closes the connection to workspace.db,
/// then removes the single-key files (remove_single_key_files) and opens the parts.
Status split_into_parts(Workspace::State& state, std::string_view password,
                        const ArchiveProgress& progress);
/// A single-key folder: removes the files of a split that stopped before its commit point.
void remove_split_leftovers(const std::filesystem::path& dir);
/// A folder split into parts: removes workspace.db, its -wal and -shm and every
/// workspace.db.schema-*.bak (copies of everything under the old single key).
void remove_single_key_files(const std::filesystem::path& dir);

}  // namespace sanaq::db
