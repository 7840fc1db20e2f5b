#pragma once
// A second connection to an open workspace, for one worker thread (a pull running while the
// screens keep reading). Same file, same master key, same cipher parameters and connection
// pragmas as the workspace's own connection (README.md, "Connection settings"): WAL lets the
// screens read while the worker writes, and the busy timeout makes a write on either connection
// wait for the other's transaction instead of failing.
//
// Made only by Workspace::open_worker_store(); lives at most as long as that Workspace (the
// workspace lock and key slots stay with the Workspace). One thread at a time per WorkerStore.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/ports/store.h"
#include "db/crypto.h"
#include "db/key_slots.h"
#include "db/member_signatures.h"

namespace sanaq::db {

enum class DepartmentSettings;  // db/repositories/repositories.h; {} is InSettings

/// A part of a per-role workspace to attach to the worker's connection as the workspace's own
/// connection has it ("census", "dept").
struct AttachedPart {
    std::string schema;
    std::filesystem::path file;
    const SecretKey* key = nullptr;
};

/// What a worker's connection opens: `file` (an existing, already migrated workspace.db, or a
/// per-role workspace's common part) under `key` with `cipher`, the `parts` attached, the audit
/// chain keyed from `audit_key`. `keep_alive` is held as long as the connection lives (the
/// workspace counts its workers by it).
struct WorkerConnection {
    std::filesystem::path file;
    const SecretKey* key = nullptr;
    const SecretKey* audit_key = nullptr;
    bool audit_key_is_chain_key = false;  // SqlAuditTrail::use_chain_key
    CipherParameters cipher;
    std::vector<AttachedPart> parts;
    DepartmentSettings department{};
    std::string actor;  // the signed-in user: signs what the worker's recovery appends
    std::shared_ptr<const void> keep_alive;
    /// Per-role keys: the signed-in member signs what the worker appends and writes in common.
    std::shared_ptr<const MemberSignatures> signatures;
};

Result<std::unique_ptr<sanaq::Store>> open_worker_connection(const WorkerConnection& connection);

}  // namespace sanaq::db
