#pragma once
// A long job's progress (backup, restore) shown on a gauge: called on the worker, it passes at
// most ~10 reports a second to the UI thread and drops them once the gauge's owner has gone. The
// job's Cancel is its CancelToken (src/app/job.h), not this.
#include <memory>

#include "app/job.h"
#include "ui/common/background_task.h"

class wxGauge;

namespace sanaq::ui {

/// `gauge` runs 0..1000 and belongs to `owner`.
app::JobProgressFn gauge_progress(const Lifeline& owner, wxGauge* gauge);

}  // namespace sanaq::ui
