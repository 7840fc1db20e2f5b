#include "usb/usb_tablet_source.h"

#include "usb/tablets.h"

namespace sanaq::usb {

Result<std::vector<ConnectedTablet>> UsbTabletSource::connected() {
    auto tablets = list_tablets();
    SANAQ_TRY(tablets);
    std::vector<ConnectedTablet> out;
    out.reserve(tablets->size());
    for (const auto& t : *tablets)
        out.push_back({t.usb_serial, t.describe(), t.product, t.location(), t.accessible, false});
    return out;
}

Result<std::unique_ptr<TabletStorage>> UsbTabletSource::open(const std::string& usb_serial) {
    // An empty serial would make open_tablet take "the only tablet": a source opens by name only.
    if (usb_serial.empty())
        return fail(ErrorCode::NotFound, N_("The tablet has no USB serial, so it cannot be told from another one."));
    return open_tablet(usb_serial);
}

}  // namespace sanaq::usb
