#pragma once
// Pulling the chosen tablets one after another — the same job from `sanaq pull` and from the
// Devices screen's *Pull* / *Pull all*. The core pulls one tablet (core/usecases/pull.h); this
// layer keeps what the two programs used to each do on their own: which tablet is opened when,
// what happens to the others when one fails, and where a cancel stops.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "app/job.h"
#include "app/tablets.h"
#include "core/usecases/pull.h"

namespace sanaq::app {

/// One chosen tablet's pull: its summary, or why it could not be opened or its pull not start.
struct TabletPull {
    std::string label;
    std::string usb_serial;
    Result<PullSummary> outcome;
};

/// Where the pull is: the tablet (0-based) of how many, its label, and its package's progress.
struct TabletPullProgress {
    std::size_t tablet = 0, tablets = 0;
    std::string label;
    PullProgress package;
};
/// Called on the job's thread; a screen moves it to the UI thread itself.
using TabletPullProgressFn = std::function<void(const TabletPullProgress&)>;

/// PullTablets. Pulls each chosen tablet in turn. A tablet given without its storage (the Devices
/// screen names its rows by USB serial) is opened when its turn comes, so one plugged out meanwhile
/// is reported rather than waited for. A tablet that cannot be opened or pulled is reported in its
/// TabletPull and the next one is still pulled: what each committed stays. A cancel stops the
/// package being read (it keeps nothing) and starts no further tablet; the tablets not reached are
/// not in the result.
std::vector<TabletPull> pull_tablets(Session& session, TabletSource& tablets, std::vector<TabletToPull> chosen,
                                     const TabletPullProgressFn& progress = {}, const CancelToken& cancel = {},
                                     std::uint64_t max_package_size = package::kMaxPackageSize);

/// The first failure of a run (a tablet that could not be pulled, or a pull that stopped before
/// its end): what a program reports as the run's outcome after showing every tablet's.
std::optional<Error> first_failure(const std::vector<TabletPull>& pulls);

}  // namespace sanaq::app
