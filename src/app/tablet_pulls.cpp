#include "app/tablet_pulls.h"

namespace sanaq::app {

std::vector<TabletPull> pull_tablets(Session& session, TabletSource& tablets, std::vector<TabletToPull> chosen,
                                     const TabletPullProgressFn& progress, const CancelToken& cancel,
                                     std::uint64_t max_package_size) {
    std::vector<TabletPull> pulls;
    pulls.reserve(chosen.size());
    for (std::size_t i = 0; i < chosen.size() && !cancel.cancelled(); ++i) {
        TabletToPull& tablet = chosen[i];
        TabletPull pull{tablet.label, tablet.usb_serial, std::unexpected(Error{})};
        if (tablet.error) {
            pull.outcome = std::unexpected(*tablet.error);
            pulls.push_back(std::move(pull));
            continue;
        }
        if (!tablet.storage) {
            auto opened = tablets.open(tablet.usb_serial);
            if (!opened) {
                pull.outcome = std::unexpected(opened.error());
                pulls.push_back(std::move(pull));
                continue;
            }
            tablet.storage = std::move(*opened);
        }
        PullOptions options;
        options.max_package_size = max_package_size;
        options.cancel_requested = [&cancel] { return cancel.cancelled(); };
        if (progress)
            options.on_progress = [&, i](const PullProgress& p) {
                progress(TabletPullProgress{i, chosen.size(), tablet.label, p});
            };
        pull.outcome = pull_tablet(session, *tablet.storage, options);
        // The tablet is let go before the next is opened: a desk pulls one cable after another.
        tablet.storage.reset();
        pulls.push_back(std::move(pull));
    }
    return pulls;
}

std::optional<Error> first_failure(const std::vector<TabletPull>& pulls) {
    for (const auto& pull : pulls) {
        if (!pull.outcome) return pull.outcome.error();
        if (pull.outcome->stopped_by) return pull.outcome->stopped_by;
    }
    return std::nullopt;
}

}  // namespace sanaq::app
