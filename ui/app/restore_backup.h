#pragma once
// Restoring a backup file into a new folder from the GUI: the application layer's restore job
// (src/app/workspace_backups.h, the same as `sanaq workspace restore`) over the db/ restorer. No
// workspace needs to be open — the one the backup was taken of may be gone. Argon2id and the copy
// take a while: call it on a worker.
#include "app/workspace_backups.h"

namespace sanaq::ui {

Result<RestoreReport> restore_backup(const RestoreRequest& request, const app::JobProgressFn& progress,
                                     const app::CancelToken& cancel);

}  // namespace sanaq::ui
