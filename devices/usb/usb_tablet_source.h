#pragma once
// The tablets on this computer's USB ports, as a TabletSource.
#include "core/ports/tablet_source.h"

namespace sanaq::usb {

class UsbTabletSource final : public TabletSource {
public:
    Result<std::vector<ConnectedTablet>> connected() override;
    Result<std::unique_ptr<TabletStorage>> open(const std::string& usb_serial) override;
};

}  // namespace sanaq::usb
