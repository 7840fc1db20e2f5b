#include "ui/app/restore_backup.h"

#include "core/domain/clock.h"
#include "db/backup.h"
#include "db/kdf.h"

namespace sanaq::ui {

Result<RestoreReport> restore_backup(const RestoreRequest& request, const ArchiveProgress& progress) {
    // A wrong password is delayed as at sign-in; new key slots get the station's KDF parameters.
    db::BackupRestorer restorer(db::OpenOptions{true, db::kdf_from_environment()});
    SystemClock clock;
    return restore_workspace(restorer, clock, request, progress);
}

}  // namespace sanaq::ui
