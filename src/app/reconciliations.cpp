#include "app/reconciliations.h"

#include <cstring>

namespace sanaq::app {

Result<ReconcileSummary> reconcile(Session& session, const JobProgressFn& progress, const CancelToken& cancel,
                                   unsigned threads) {
    ReconcileRunOptions options;
    options.threads = threads;
    options.cancel_requested = [cancel] { return cancel.cancelled(); };
    if (progress)
        options.on_progress = [progress](const ReconcileProgress& p) {
            progress({reconcile_stage_label(p.stage), static_cast<std::uint64_t>(p.fraction * 1000), 1000});
        };
    return run_reconciliation(session, options);
}

ReconcileProgress::Stage reconcile_stage_of(const JobProgress& progress) {
    for (auto stage : {ReconcileProgress::Stage::Loading, ReconcileProgress::Stage::Matching,
                       ReconcileProgress::Stage::Storing})
        if (std::strcmp(progress.stage, reconcile_stage_label(stage)) == 0) return stage;
    return ReconcileProgress::Stage::Loading;
}

}  // namespace sanaq::app
