#pragma once
// A long archive job's progress (backup, restore) shown on a gauge: called on the worker, it
// passes at most ~10 reports a second to the UI thread, drops them once the gauge's owner has gone,
// and answers the worker's "go on?" with the Cancel button's flag.
#include <atomic>
#include <memory>

#include "core/ports/archive.h"
#include "ui/common/background_task.h"

class wxGauge;

namespace sanaq::ui {

/// `gauge` runs 0..1000 and belongs to `owner`; `cancel` set by the UI stops the job.
ArchiveProgress gauge_progress(const Lifeline& owner, wxGauge* gauge, std::shared_ptr<const std::atomic<bool>> cancel);

}  // namespace sanaq::ui
