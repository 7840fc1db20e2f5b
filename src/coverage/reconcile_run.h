#pragma once
// Running coverage reconciliation over the store: every current list against every
// enumerated person, with the supervisors' effective decisions applied; the per-person results
// replace the previous run's and the review queue is merged (decisions survive). Loading and
// matching happen outside any write transaction; only storing the results is one transaction, so
// a cancelled or failed run leaves the previous results as they were.
#include <cstdint>
#include <functional>
#include <string>

#include "core/domain/coverage.h"
#include "core/usecases/session.h"

namespace sanaq {

struct ReconcileProgress {
    enum class Stage { Loading, Matching, Storing } stage = Stage::Loading;
    double fraction = 0;                  // 0..1 within the stage
};
const char* reconcile_stage_label(ReconcileProgress::Stage stage);   // msgid

struct ReconcileRunOptions {
    std::function<void(const ReconcileProgress&)> on_progress;   // from the working thread
    std::function<bool()> cancel_requested;                      // polled between stages and before the commit
    unsigned threads = 0;                                        // 0: hardware concurrency
};

struct ReconcileSummary {
    ReconcileRun run;
    std::int64_t review_open = 0;                 // items waiting for a decision after the run
    std::int64_t review_new = 0;                  // of which first proposed by this run
    std::int64_t awaiting_confirmation = 0;       // four-eyes decisions waiting for a second supervisor
    std::int64_t institutions = 0;                // with a current list
};

/// Reconcile. Cancelled (nothing stored) when cancel_requested said so. Audited.
Result<ReconcileSummary> run_reconciliation(Session& session, const ReconcileRunOptions& options = {});

}  // namespace sanaq
