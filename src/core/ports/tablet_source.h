#pragma once
// Where tablets come from: USB (devices/usb) and, for the demo, training and tests, simulated
// tablets served from folders (devices/simulator). Both programs reach tablets only through this
// port (src/app/tablets.h composes the sources), so a tablet is named, listed and opened the same
// way from the CLI and the GUI.
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ports/tablet.h"

namespace sanaq {

struct ConnectedTablet {
    std::string usb_serial;   // iSerialNumber as the tablet reports it; the kit register matches on it
    std::string description;  // "tablet R52N80ABCDE (USB 1-4)", for messages
    std::string model;        // iProduct; "simulated" for a simulated tablet
    std::string location;     // "USB 1-4", or the simulated tablet's folder
    bool accessible = true;   // false: this user may not open it (see the udev rule)
    bool simulated = false;
};

class TabletSource {
public:
    virtual ~TabletSource() = default;
    /// The tablets connected now. An error only when the source itself cannot be asked (no USB).
    virtual Result<std::vector<ConnectedTablet>> connected() = 0;
    /// Opens the tablet with this USB serial. NotFound when this source has none by that serial;
    /// DeviceBusy / DeviceUnavailable when it is there but cannot be opened.
    virtual Result<std::unique_ptr<TabletStorage>> open(const std::string& usb_serial) = 0;
};

}  // namespace sanaq
