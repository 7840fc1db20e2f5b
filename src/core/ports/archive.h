#pragma once
// Ports for backing a workspace up into one file and restoring such a file into a new folder.
// The SQLCipher workspace in db/ implements them (db/backup.h, format in db/README.md, "Backup
// file"); the core decides who may, checks the audit trail of what was restored, and records both
// steps in the audit trail (core/usecases/backup.h). The copy stays encrypted under the same
// keys with the same key slots, so the same users open it with the same passwords.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/ports/store.h"

namespace sanaq {

/// What a backup file holds, as its manifest says, plus the digest of the whole file.
struct BackupInfo {
    std::filesystem::path file;     // where the backup is (or is being written)
    std::uint64_t size = 0;         // bytes of the whole backup file
    std::string sha256;             // hex SHA-256 of the whole backup file
    std::string workspace_id;       // the workspace it was taken of
    std::string created_at_utc;     // when the copy was taken (the moment of its snapshot)
    int schema_version = 0;         // of the database inside
    std::uint64_t database_bytes = 0;
    std::int64_t audit_seq = 0;     // the audit trail's head in the copy: last sequence number …
    std::string audit_hash;         // … and its hash
    /// Per-role keys: parts carried as the encrypted files they were, under keys that the one who
    /// made the backup (and, restoring, the one who restores it) does not hold — "census" for an
    /// administrator. Only their digests are checked; a member holding the key opens them.
    std::vector<std::string> sealed_parts;
};

/// Progress of long file work: bytes (or pages) done of total. Return false to cancel.
using ArchiveProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;

/// Makes backups of an open workspace while it is in use (other connections keep writing).
class WorkspaceArchiver {
public:
    virtual ~WorkspaceArchiver() = default;
    /// Writes a consistent, encrypted copy of the workspace to `out` (a new file: AlreadyExists
    /// when it exists). Nothing appears under `out` until the copy is complete and checked; then
    /// `before_publish(info)` runs (the core records the audit entry there) and only when it
    /// succeeds is the file moved into place. On any failure, or a cancel (Cancelled), nothing is
    /// left behind.
    virtual Result<BackupInfo> write_backup(const std::filesystem::path& out, const ArchiveProgress& progress,
                                            const std::function<Status(const BackupInfo&)>& before_publish) = 0;
};

/// A backup unpacked and checked in a staging folder beside the target, opened as the restoring
/// user. Destroying it without publish() removes the staging folder: nothing half-restored stays.
class RestoredWorkspace {
public:
    virtual ~RestoredWorkspace() = default;
    virtual Store& store() = 0;
    virtual KeyVault& keys() = 0;
    /// The backup's manifest and the digest of the file it came from.
    virtual const BackupInfo& backup() const = 0;
    /// The schema version after opening (a backup of an older version is migrated forward).
    virtual int schema_version() = 0;
    /// Closes the restored workspace and moves the staging folder to the target folder.
    virtual Status publish() = 0;
};

/// Unpacks backups. Every check of the file happens here: its structure and digests, the
/// manifest's authentication (single key: a MAC under the master key the user's password unlocks;
/// per-role keys: an administrator's signature, checked against the roster the user's slot
/// verifies), every page's MAC of the parts the user holds, SQLite's integrity check, the schema
/// version, opening with the user's password.
class WorkspaceRestorer {
public:
    virtual ~WorkspaceRestorer() = default;
    /// `target` must not exist or be an empty folder (RefusedByState otherwise).
    virtual Result<std::unique_ptr<RestoredWorkspace>> restore(const std::filesystem::path& backup,
                                                               const std::filesystem::path& target,
                                                               std::string_view user, std::string_view password,
                                                               const ArchiveProgress& progress) = 0;
};

}  // namespace sanaq
