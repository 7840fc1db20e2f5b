#pragma once
// Backing the open workspace up into one file, and restoring such a file into a new folder — the
// same job from `sanaq workspace backup|restore` and from the Settings screen and the sign-in
// dialog's Restore. The core decides who may and records both on the trail
// (core/usecases/backup.h); this layer keeps what the programs used to each do on their own: the
// file named by its absolute path on the trail wherever the program ran from, progress, and a
// cancel that leaves no file and no folder behind.
#include <filesystem>

#include "app/job.h"
#include "core/ports/archive.h"
#include "core/usecases/backup.h"

namespace sanaq::app {

/// BackupWorkspace. Writes a backup of the open workspace to `out` (made absolute and normal
/// first: the `workspace.backup` entry names that path). Progress in bytes of the database copied.
/// Cancelled (no file) when `cancel` was set before the copy finished.
Result<BackupInfo> back_up_workspace(Session& session, WorkspaceArchiver& archiver, const std::filesystem::path& out,
                                     const JobProgressFn& progress = {}, const CancelToken& cancel = {});

/// Restores `request.backup` into `request.target` (both made absolute and normal) with every
/// check of core/usecases/backup.h. No workspace needs to be open: the restorer is the store's
/// (db::BackupRestorer), given by the program. Cancelled (no folder, the staging folder removed) when
/// `cancel` was set while the backup was being unpacked.
Result<RestoreReport> restore_workspace_backup(WorkspaceRestorer& restorer, const Clock& clock, RestoreRequest request,
                                               const JobProgressFn& progress = {}, const CancelToken& cancel = {});

/// The stages the two jobs report (msgids).
inline constexpr const char* kBackupStage = N_("Backing up the workspace");
inline constexpr const char* kRestoreStage = N_("Restoring the backup");

}  // namespace sanaq::app
