#include "ui/app/restore_backup.h"

#include "core/domain/clock.h"
#include "db/backup.h"
#include "db/kdf.h"

namespace sanaq::ui {

Result<RestoreReport> restore_backup(const RestoreRequest& request, const app::JobProgressFn& progress,
                                     const app::CancelToken& cancel) {
    // A wrong password is delayed as at sign-in; new key slots get the station's KDF parameters.
    db::BackupRestorer restorer(db::OpenOptions{true, db::kdf_from_environment()});
    SystemClock clock;
    return app::restore_workspace_backup(restorer, clock, request, progress, cancel);
}

}  // namespace sanaq::ui
