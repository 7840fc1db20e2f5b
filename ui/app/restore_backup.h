#pragma once
// Restoring a backup file into a new folder from the GUI: the core's restore_workspace over the
// db/ restorer, with the same checks as `sanaq workspace restore` (digests, page MACs, integrity,
// audit trail, the restoring administrator's password). No workspace needs to be open — the one
// the backup was taken of may be gone. Argon2id and the copy take a while: call it on a worker.
#include "core/ports/archive.h"
#include "core/usecases/backup.h"

namespace sanaq::ui {

Result<RestoreReport> restore_backup(const RestoreRequest& request, const ArchiveProgress& progress);

}  // namespace sanaq::ui
