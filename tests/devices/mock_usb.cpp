#include "devices/mock_usb.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <umockdev.h>

namespace sanaq::test {

namespace {

std::string hex(const std::string& bytes) {
    std::string out;
    for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
    return out;
}

std::string le16(unsigned v) { return std::string{char(v & 0xFF), char((v >> 8) & 0xFF)}; }

std::string string_descriptor(const std::string& ascii) {
    std::string d;
    d += char(2 + 2 * ascii.size());
    d += char(3);
    for (char c : ascii) d += std::string{c, '\0'};
    return d;
}

}  // namespace

struct MockTablet {
    int bus = 1;
    std::string syspath;
    std::string devnode;
    std::shared_ptr<sim::MtpResponder> responder;
    std::string interface_name;
    bool busy = false;
    bool ms_os_descriptor = false;
    bool removed = false;
    UMockdevIoctlBase* handler = nullptr;
    std::mutex mutex;
    std::deque<UMockdevIoctlData*> pending_in;   // submitted bulk-IN URBs waiting for device data
    std::deque<UMockdevIoctlData*> waiting_out;  // bulk-OUT URBs the device does not take (stopped)
    std::deque<UMockdevIoctlData*> completed;    // ready to be reaped

    std::string descriptor_string(unsigned index) const {
        const auto& o = responder->options();
        switch (index) {
            case 0: return std::string("\x04\x03\x09\x04", 4);
            case 1: return string_descriptor(o.manufacturer);
            case 2: return string_descriptor(o.model);
            case 3: return string_descriptor(o.serial);
            case 4: return string_descriptor(interface_name);
            case 0xEE: return ms_os_descriptor ? string_descriptor(std::string("MSFT100") + char(0x01)) : std::string();
            default: return {};
        }
    }

    std::string descriptors() const {
        const auto& o = responder->options();
        std::string d;
        d += std::string("\x12\x01\x00\x02\x00\x00\x00\x40", 8);
        d += le16(o.vendor_id) + le16(o.product_id) + le16(0x0100);
        d += std::string("\x01\x02\x03\x01", 4);
        d += std::string("\x09\x02\x27\x00\x01\x01\x00\xC0\x32", 9);
        const std::string cls = o.vendor_class ? std::string("\xFF\xFF\x00", 3) : std::string("\x06\x01\x01", 3);
        d += std::string("\x09\x04\x00\x00\x03", 5) + cls + std::string("\x04", 1);
        d += std::string("\x07\x05\x81\x02", 4) + le16(static_cast<unsigned>(o.max_packet)) + std::string("\x00", 1);
        d += std::string("\x07\x05\x02\x02", 4) + le16(static_cast<unsigned>(o.max_packet)) + std::string("\x00", 1);
        d += std::string("\x07\x05\x83\x03\x1C\x00\x06", 7);
        return d;
    }

    static usbdevfs_urb* urb_of(UMockdevIoctlData* d) { return reinterpret_cast<usbdevfs_urb*>(d->data); }

    void finish(UMockdevIoctlData* d, int status, int actual) {
        urb_of(d)->status = status;
        urb_of(d)->actual_length = actual;
        completed.push_back(d);
    }

    // Gives waiting IN URBs whatever the device has to send now. We share the address space with
    // libusb, so the URB's buffer pointer is written directly (as libusb's own umockdev test does).
    void serve_in() {
        while (!pending_in.empty()) {
            auto* d = pending_in.front();
            auto* urb = urb_of(d);
            auto r = responder->host_read(static_cast<char*>(urb->buffer), static_cast<std::size_t>(urb->buffer_length));
            if (r.status == sim::DeviceStatus::Nothing) return;
            pending_in.pop_front();
            switch (r.status) {
                case sim::DeviceStatus::Ok: finish(d, 0, static_cast<int>(r.length)); break;
                case sim::DeviceStatus::Stall: finish(d, -EPIPE, 0); break;
                default: finish(d, -ENODEV, 0); break;
            }
        }
    }

    void control(UMockdevIoctlData* d) {
        auto* urb = urb_of(d);
        auto* setup = static_cast<unsigned char*>(urb->buffer);
        const unsigned request_type = setup[0], request = setup[1];
        const unsigned value = setup[2] | (setup[3] << 8);
        const unsigned length = setup[6] | (setup[7] << 8);
        if (request_type == 0x80 && request == 6 && (value >> 8) == 3) {
            const std::string s = descriptor_string(value & 0xFF);
            if (s.empty()) {
                finish(d, -EPIPE, 0);
                return;
            }
            const unsigned n = std::min(std::min(length, static_cast<unsigned>(s.size())),
                                        static_cast<unsigned>(urb->buffer_length - 8));
            std::memcpy(setup + 8, s.data(), n);
            finish(d, 0, static_cast<int>(n));
            return;
        }
        finish(d, -EPIPE, 0);  // requests we do not implement stall, as on a real device
    }

    gboolean handle(UMockdevIoctlClient* client) {
        std::lock_guard lock(mutex);
        const unsigned long request = umockdev_ioctl_client_get_request(client);
        UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
        const bool gone = removed || responder->unplugged();
        switch (request) {
            case USBDEVFS_GET_CAPABILITIES: {
                UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), nullptr);
                *reinterpret_cast<guint32*>(d->data) = USBDEVFS_CAP_BULK_SCATTER_GATHER | USBDEVFS_CAP_BULK_CONTINUATION |
                                                       USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                                                       USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
                umockdev_ioctl_data_unref(d);
                umockdev_ioctl_client_complete(client, 0, 0);
                return TRUE;
            }
            case USBDEVFS_CLAIMINTERFACE:
                if (gone) umockdev_ioctl_client_complete(client, -1, ENODEV);
                else if (busy) umockdev_ioctl_client_complete(client, -1, EBUSY);
                else umockdev_ioctl_client_complete(client, 0, 0);
                return TRUE;
            case USBDEVFS_CLEAR_HALT: {
                UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(unsigned int), nullptr);
                const unsigned ep = *reinterpret_cast<unsigned int*>(d->data);
                umockdev_ioctl_data_unref(d);
                auto s = responder->clear_halt(ep & 0x80 ? mtp::Endpoint::BulkIn : mtp::Endpoint::BulkOut);
                if (s == sim::DeviceStatus::Unplugged) umockdev_ioctl_client_complete(client, -1, ENODEV);
                else umockdev_ioctl_client_complete(client, 0, 0);
                return TRUE;
            }
            case USBDEVFS_RELEASEINTERFACE:
            case USBDEVFS_SETINTERFACE:
            case USBDEVFS_RESET:
            case USBDEVFS_RESETEP:
                umockdev_ioctl_client_complete(client, 0, 0);
                return TRUE;
            case USBDEVFS_GETDRIVER:
                umockdev_ioctl_client_complete(client, -1, ENODATA);  // no kernel driver bound
                return TRUE;
            case USBDEVFS_SUBMITURB: {
                if (gone) {
                    umockdev_ioctl_client_complete(client, -1, ENODEV);
                    return TRUE;
                }
                UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), nullptr);
                auto* urb = urb_of(d);
                if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
                    control(d);
                } else if (urb->type == USBDEVFS_URB_TYPE_BULK && (urb->endpoint & 0x80)) {
                    pending_in.push_back(d);
                    serve_in();
                } else if (urb->type == USBDEVFS_URB_TYPE_BULK) {
                    auto s = responder->host_write(
                        std::string_view(static_cast<const char*>(urb->buffer), static_cast<std::size_t>(urb->buffer_length)));
                    if (s == sim::DeviceStatus::Ok) finish(d, 0, urb->buffer_length);
                    else if (s == sim::DeviceStatus::Stall) finish(d, -EPIPE, 0);
                    else if (s == sim::DeviceStatus::Nothing) waiting_out.push_back(d);
                    else finish(d, -ENODEV, 0);
                    serve_in();
                } else {
                    finish(d, 0, 0);  // interrupt: nothing happens (no events)
                    urb_of(d)->status = -EPIPE;
                }
                umockdev_ioctl_client_complete(client, 0, 0);
                return TRUE;
            }
            case USBDEVFS_REAPURB:
            case USBDEVFS_REAPURBNDELAY: {
                serve_in();
                if (completed.empty()) {
                    umockdev_ioctl_client_complete(client, -1, gone ? ENODEV : EAGAIN);
                    return TRUE;
                }
                UMockdevIoctlData* d = completed.front();
                completed.pop_front();
                UMockdevIoctlData* ptr = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), nullptr);
                umockdev_ioctl_data_set_ptr(ptr, 0, d);
                umockdev_ioctl_data_unref(ptr);
                umockdev_ioctl_data_unref(d);
                umockdev_ioctl_client_complete(client, 0, 0);
                return TRUE;
            }
            case USBDEVFS_DISCARDURB: {
                const gulong addr = *reinterpret_cast<gulong*>(arg->data);
                for (auto* list : {&pending_in, &waiting_out}) {
                    for (auto it = list->begin(); it != list->end(); ++it) {
                        if ((*it)->client_addr == addr) {
                            auto* d = *it;
                            list->erase(it);
                            finish(d, -ENOENT, 0);
                            umockdev_ioctl_client_complete(client, 0, 0);
                            return TRUE;
                        }
                    }
                }
                umockdev_ioctl_client_complete(client, -1, EINVAL);
                return TRUE;
            }
            default:
                return FALSE;
        }
    }

    static gboolean on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
        return static_cast<MockTablet*>(self)->handle(client);
    }
};

struct MockUsb::Impl {
    UMockdevTestbed* testbed = nullptr;
    std::list<MockTablet> tablets;
};

bool MockUsb::preload_active() {
    const char* preload = std::getenv("LD_PRELOAD");
    return preload && std::strstr(preload, "umockdev-preload");
}

MockUsb::MockUsb() : impl_(std::make_unique<Impl>()) { impl_->testbed = umockdev_testbed_new(); }

MockUsb::~MockUsb() {
    for (auto& t : impl_->tablets) {
        if (!t.removed) umockdev_testbed_remove_device(impl_->testbed, t.syspath.c_str());
        std::lock_guard lock(t.mutex);
        for (auto* list : {&t.pending_in, &t.waiting_out, &t.completed})
            for (auto* d : *list) umockdev_ioctl_data_unref(d);
    }
    for (auto& t : impl_->tablets) g_clear_object(&t.handler);
    g_clear_object(&impl_->testbed);
}

MockTablet& MockUsb::plug(int bus, std::shared_ptr<sim::MtpResponder> responder, std::string interface_name,
                          bool ms_os_descriptor) {
    auto& t = impl_->tablets.emplace_back();
    t.ms_os_descriptor = ms_os_descriptor;
    t.bus = bus;
    t.responder = std::move(responder);
    t.interface_name = std::move(interface_name);
    t.devnode = fmt::format("/dev/bus/usb/{:03}/001", bus);
    t.syspath = fmt::format("/sys/devices/usb{}", bus);
    t.handler = umockdev_ioctl_base_new();
    g_signal_connect_after(t.handler, "handle-ioctl", G_CALLBACK(&MockTablet::on_ioctl), &t);
    // The handler goes on before the device appears, so libusb can open it on the "add" uevent.
    umockdev_testbed_attach_ioctl(impl_->testbed, t.devnode.c_str(), t.handler, nullptr);
    const std::string record = fmt::format(
        "P: /devices/usb{0}\n"
        "N: bus/usb/{0:03}/001\n"
        "E: SUBSYSTEM=usb\n"
        "E: DRIVER=usb\n"
        "E: BUSNUM={0:03}\n"
        "E: DEVNUM=001\n"
        "E: DEVNAME={1}\n"
        "E: DEVTYPE=usb_device\n"
        "A: bConfigurationValue=1\\n\n"
        "A: busnum={0}\\n\n"
        "A: devnum=1\\n\n"
        "A: speed=480\\n\n"
        "A: serial={2}\\n\n"
        "H: descriptors={3}\n",
        bus, t.devnode, t.responder->options().serial, hex(t.descriptors()));
    GError* error = nullptr;
    if (!umockdev_testbed_add_from_string(impl_->testbed, record.c_str(), &error)) {
        std::string what = error ? error->message : "unknown";
        g_clear_error(&error);
        throw std::runtime_error("umockdev could not add the tablet: " + what);
    }
    return t;
}

void MockUsb::unplug(MockTablet& t) {
    t.responder->unplug();
    {
        std::lock_guard lock(t.mutex);
        t.removed = true;
    }
    umockdev_testbed_uevent(impl_->testbed, t.syspath.c_str(), "remove");
    umockdev_testbed_remove_device(impl_->testbed, t.syspath.c_str());
}

void MockUsb::set_busy(MockTablet& t, bool busy) {
    std::lock_guard lock(t.mutex);
    t.busy = busy;
}

}  // namespace sanaq::test
