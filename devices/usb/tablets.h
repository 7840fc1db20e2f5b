#pragma once
// Finding tablets on USB, opening one as a TabletStorage, and watching them come and go.
// A tablet is a USB device with an MTP interface: class 6/1/1 (Android 8 and later, "Still
// Image" with the MTP protocol), or vendor class FF/FF/00 whose interface string is "MTP" or
// whose Microsoft OS string descriptor (0xEE) is "MSFT100" (older Android builds).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ports/tablet.h"
#include "mtp/initiator.h"

namespace sanaq::usb {

struct TabletInfo {
    std::string usb_serial;       // iSerialNumber; empty when the device could not be opened
    int bus = 0;
    int address = 0;
    std::string port_path;        // "1-4.2"; empty when libusb cannot tell
    std::uint16_t vendor_id = 0;
    std::uint16_t product_id = 0;
    std::string manufacturer;     // iManufacturer string
    std::string product;          // iProduct string (the model)
    std::string interface_name;   // iInterface string, normally "MTP"
    bool vendor_class = false;    // FF/FF/00 rather than 6/1/1
    bool accessible = true;       // false: this user may not open it (see the udev rule)

    /// "USB 1-4" or "USB bus 1 device 5", for messages.
    std::string location() const;
    /// "tablet R52N80ABCDE (USB 1-4)".
    std::string describe() const;
};

/// The tablets connected now.
Result<std::vector<TabletInfo>> list_tablets();

/// Opens the tablet with this USB serial (empty: the only tablet connected) and claims its MTP
/// interface. Errors: NotFound, InvalidInput (several tablets, none named), DeviceBusy (another
/// program such as the desktop's gvfs holds it), DeviceUnavailable (no permission, gone).
Result<std::unique_ptr<TabletStorage>> open_tablet(const std::string& usb_serial,
                                                   mtp::InitiatorOptions options = {});

struct TabletEvents {
    std::function<void(const TabletInfo&)> arrived;  // also for tablets present when the watcher starts
    std::function<void(const TabletInfo&)> removed;
    std::function<void(const Error&)> failed;        // the watcher stopped working
};

/// Reports tablets plugged in and out, from its own thread (marshal to the UI thread yourself).
/// Uses libusb hotplug where the platform has it, polling once a second otherwise.
class TabletWatcher {
public:
    explicit TabletWatcher(TabletEvents events, unsigned poll_interval_ms = 1000);
    ~TabletWatcher();  // stops
    TabletWatcher(const TabletWatcher&) = delete;
    TabletWatcher& operator=(const TabletWatcher&) = delete;

    Status start();
    void stop();
    bool uses_hotplug() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace sanaq::usb
