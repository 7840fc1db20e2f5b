#pragma once
// Internal to db/: what an open Workspace holds. Shared by workspace.cpp (the single-key layout
// and everything common) and workspace_parts.cpp (the per-role key layout).
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "db/key_slots.h"
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
    KdfParams new_slot_kdf;
    std::unique_ptr<Database> db;
    std::unique_ptr<SqlStoreSession> session;

    OpenTimings timings;

    std::recursive_mutex db_mutex;  // recursive so a nested write is reported, not deadlocked
    bool in_transaction = false;
    mutable std::mutex slots_mutex;

    ~State() {
        session.reset();
        db.reset();  // closing the last connection checkpoints and removes the WAL
    }
};

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

}  // namespace sanaq::db
