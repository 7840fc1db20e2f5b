#include "app/workspace_backups.h"

namespace sanaq::app {
namespace {

// The archive's progress callback is also its cancel: returning false stops the copy, and the
// archiver removes what it had written (core/ports/archive.h).
ArchiveProgress archive_progress(const char* stage, const JobProgressFn& progress, const CancelToken& cancel) {
    return [stage, progress, cancel](std::uint64_t done, std::uint64_t total) {
        if (progress) progress({stage, done, total});
        return !cancel.cancelled();
    };
}

}  // namespace

Result<BackupInfo> back_up_workspace(Session& session, WorkspaceArchiver& archiver, const std::filesystem::path& out,
                                     const JobProgressFn& progress, const CancelToken& cancel) {
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    // The audit entry names the file wherever the program was started from.
    const auto file = std::filesystem::absolute(out).lexically_normal();
    return backup_workspace(session, archiver, file, archive_progress(kBackupStage, progress, cancel));
}

Result<RestoreReport> restore_workspace_backup(WorkspaceRestorer& restorer, const Clock& clock, RestoreRequest request,
                                               const JobProgressFn& progress, const CancelToken& cancel) {
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    request.backup = std::filesystem::absolute(request.backup).lexically_normal();
    request.target = std::filesystem::absolute(request.target).lexically_normal();
    return restore_workspace(restorer, clock, request, archive_progress(kRestoreStage, progress, cancel));
}

}  // namespace sanaq::app
