#pragma once
// The CLI's way to the tablets: real ones over libusb (devices/usb) and, for demos and tests,
// simulated ones named in SANAQ_SIMULATED_TABLETS (folders laid out by `tablet-sim
// make-packages`, separated by ':'), reached through the real MTP initiator in-process.
#include <memory>
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
/// `serial` names one tablet; `all` takes every one; neither: the only tablet connected.
Result<std::vector<std::unique_ptr<TabletStorage>>> open_tablets_for_pull(const std::string& serial, bool all);

}  // namespace sanaq::cli
