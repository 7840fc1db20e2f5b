#pragma once
// Reconciling every current list against the enumerated records — `sanaq reconcile` and the
// Coverage screen's Reconcile run this one job. Cancelled keeps the previous results
// (coverage/reconcile_run.h: only storing is a transaction).
#include "app/job.h"
#include "coverage/reconcile_run.h"

namespace sanaq::app {

/// Reconcile. Progress: the stage's label (reconcile_stage_label) and per mille of it; from the
/// matcher's threads, so a caller that draws must move it to its own thread. `threads` 0: one per
/// core.
Result<ReconcileSummary> reconcile(Session& session, const JobProgressFn& progress = {},
                                   const CancelToken& cancel = {}, unsigned threads = 0);

/// The stage a JobProgress of reconcile() names, for screens that show "stage k of 3".
ReconcileProgress::Stage reconcile_stage_of(const JobProgress& progress);

}  // namespace sanaq::app
