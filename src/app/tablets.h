#pragma once
// The tablets both programs reach: those on USB and the simulated ones (the demo workspace's,
// $SANAQ_SIMULATED_TABLETS, a test's). One composition, so a simulated tablet reports the same
// USB serial in `sanaq device list` and on the Devices screen, and a pull chooses its tablets the
// same way from either.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/kit.h"
#include "core/ports/tablet_source.h"

namespace sanaq::app {

class Tablets final : public TabletSource {
public:
    /// USB and the folders of $SANAQ_SIMULATED_TABLETS plus `simulated` (the demo's tablets).
    static std::shared_ptr<Tablets> from_environment(const std::vector<std::filesystem::path>& simulated = {});
    /// Any two sources (tests: a fake USB).
    Tablets(std::unique_ptr<TabletSource> usb, std::vector<std::filesystem::path> simulated);
    ~Tablets() override;

    /// USB tablets first, then the simulated ones. Without USB (a container, a locked-down PC)
    /// the simulated tablets are still listed; the USB error comes back only when there are none.
    Result<std::vector<ConnectedTablet>> connected() override;
    /// A simulated tablet by that serial first, else the USB one.
    Result<std::unique_ptr<TabletStorage>> open(const std::string& usb_serial) override;

    /// Plug a simulated tablet in or out (false: it already was / was not there).
    bool add_simulated(const std::filesystem::path& folder);
    bool remove_simulated(const std::filesystem::path& folder);
    std::vector<std::filesystem::path> simulated_folders() const;
    /// The USB serial the simulated tablet in `folder` reports (devices/simulator).
    static std::string simulated_serial(const std::filesystem::path& folder);

private:
    struct Simulated;
    std::unique_ptr<TabletSource> usb_;
    std::unique_ptr<Simulated> simulated_;
};

/// A tablet chosen for a pull: opened, or why it could not be (the others are pulled all the same).
struct TabletToPull {
    std::string label;                       // "tablet R52N80ABCDE (USB 1-4)", or the USB serial
    std::string usb_serial;
    std::unique_ptr<TabletStorage> storage;  // null when it could not be opened
    std::optional<Error> error;
};

/// The kit's tablet, plugged in now (matched by the USB serial the kit register holds).
Result<std::unique_ptr<TabletStorage>> open_kit_tablet(TabletSource& tablets, const Kit& kit);

/// The device key (PEM) of the tablet plugged in with this USB serial — what *Enrol key* on the
/// Devices screen reads from the selected tablet. Opening a tablet means USB transfers: a screen
/// runs this on a worker.
Result<std::string> read_tablet_device_key(TabletSource& tablets, const std::string& usb_serial);
/// The device key of the kit's own tablet, plugged in now — what `sanaq kit enroll-device KIT`
/// reads when no key file is given.
Result<std::string> read_kit_tablet_key(TabletSource& tablets, const Kit& kit);

/// `serial` names one tablet; `all` takes every accessible one; neither: the only one connected.
/// An error when the choice itself fails (no tablet, several without `all`, the named one cannot
/// be opened); one of several that cannot be opened is reported in its TabletToPull.
Result<std::vector<TabletToPull>> choose_tablets_for_pull(TabletSource& tablets, const std::string& serial,
                                                          bool all);

}  // namespace sanaq::app
