#pragma once
// Simulated USB tablets for real, unmodified libusb: a umockdev testbed holding one USB device
// per tablet (sysfs attributes and descriptors), each with an ioctl handler that plays the
// kernel's usbfs (USBDEVFS_*) and hands the URBs to the simulator's MTP responder.
// The process must run with the umockdev preload (umockdev-wrapper / LD_PRELOAD).
#include <list>
#include <memory>
#include <string>

#include "simulator/responder.h"

namespace sanaq::test {

struct MockTablet;

class MockUsb {
public:
    MockUsb();
    ~MockUsb();
    MockUsb(const MockUsb&) = delete;
    MockUsb& operator=(const MockUsb&) = delete;

    /// True when the umockdev preload is active (otherwise the tests cannot run).
    static bool preload_active();

    /// Plugs in a tablet on its own bus (`bus` 1..n), serving `responder`. With `ms_os_descriptor`
    /// the device answers string descriptor 0xEE with "MSFT100" (older Android's MTP marker).
    MockTablet& plug(int bus, std::shared_ptr<sim::MtpResponder> responder, std::string interface_name = "MTP",
                     bool ms_os_descriptor = false);
    /// Pulls the cable: the device disappears with a "remove" uevent.
    void unplug(MockTablet& tablet);
    /// Makes CLAIMINTERFACE fail with EBUSY, as when gvfs holds the tablet.
    void set_busy(MockTablet& tablet, bool busy);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sanaq::test
