#pragma once
// The CLI's way to the tablets: real ones over libusb (devices/usb) and, for demos and tests,
// simulated ones named in SANAQ_SIMULATED_TABLETS (folders laid out by `tablet-sim
// make-packages`, separated by ':'), reached through the real MTP initiator in-process.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/ports/tablet.h"
#include "core/usecases/session.h"

namespace sanaq::cli {

struct ConnectedTablet {
    std::string usb_serial;
    std::string description;      // "tablet R52N80ABCDE (USB 1-4)"
    std::string model;
    bool accessible = true;
    bool simulated = false;
};

Result<std::vector<ConnectedTablet>> connected_tablets();
/// The kit (for reading its tablet's key).
Result<Kit> find_kit_for_enrolment(Session& session, const std::string& kit_number);
/// The kit's tablet, plugged in now (matched by its USB serial).
Result<std::unique_ptr<TabletStorage>> open_connected_tablet(const Kit& kit);
/// A tablet chosen for a pull: opened, or why it could not be (the others are pulled all the same).
struct TabletToPull {
    std::string label;                          // "tablet R52N80ABCDE (USB 1-4)", or the USB serial
    std::unique_ptr<TabletStorage> storage;     // null when it could not be opened
    std::optional<Error> error;
};
/// `serial` names one tablet; `all` takes every one; neither: the only tablet connected. An error
/// when the choice itself fails (no tablet, several without --all, the named one cannot be opened).
Result<std::vector<TabletToPull>> open_tablets_for_pull(const std::string& serial, bool all);

}  // namespace sanaq::cli
