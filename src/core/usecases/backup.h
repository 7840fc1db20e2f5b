#pragma once
// Backing the workspace up into one encrypted file and restoring such a file into a new folder.
// Administrators only (src/README.md). Both steps are on the audit trail: the backup in the
// workspace it was taken of (file, size, SHA-256 — written before the file appears under its
// name), the restore in the restored workspace (from which file, into which folder).
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/ports/archive.h"
#include "core/usecases/session.h"

namespace sanaq {

/// Writes a backup of the open workspace to `out` (a new file) while it stays in use; the audit
/// entry `workspace.backup` is committed before the file is moved into place, and a failure to
/// record it leaves no file. PermissionDenied for everyone but administrators.
Result<BackupInfo> backup_workspace(Session& session, WorkspaceArchiver& archiver, const std::filesystem::path& out,
                                    const ArchiveProgress& progress = {});

struct RestoreRequest {
    std::filesystem::path backup;   // the backup file
    std::filesystem::path target;   // a new (or empty) folder for the restored workspace
    std::string user;               // who restores: their key slot in the backup opens it
    std::string password;
};

struct RestoreReport {
    std::filesystem::path target;
    BackupInfo backup;               // the manifest, the file's size and SHA-256
    int schema_version = 0;          // after migrating (== backup.schema_version when none was needed)
    std::size_t audit_entries_checked = 0;
    Actor actor;                     // who restored, with their role in the backup
};

/// Restores `request.backup` into `request.target` after checking it (ports/archive.h), then — as
/// the restoring user, who must be an active administrator in the backup — verifies the audit
/// trail (intact, and ending where the manifest says) and records `workspace.restore` in the
/// restored workspace. Only then does the folder appear under its name; on any refusal nothing is
/// left. The live workspace is never touched.
Result<RestoreReport> restore_workspace(WorkspaceRestorer& restorer, const Clock& clock, const RestoreRequest& request,
                                        const ArchiveProgress& progress = {});

}  // namespace sanaq
