#include "usb/tablets.h"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <libusb.h>

#include "mtp/mtp_tablet_storage.h"
#include "usb/libusb_transport.h"

namespace sanaq::usb {
namespace {

constexpr unsigned kStringTimeoutMs = 1000;

struct Candidate {
    MtpEndpoints endpoints;
    bool vendor_class = false;
    std::uint8_t interface_string = 0;
};

/// The first interface that may be MTP, with its endpoints.
std::optional<Candidate> find_mtp_interface(libusb_device* dev) {
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(dev, &config) != 0 &&
        libusb_get_config_descriptor(dev, 0, &config) != 0)
        return std::nullopt;
    std::optional<Candidate> found;
    for (int i = 0; i < config->bNumInterfaces && !found; ++i) {
        const auto& iface = config->interface[i];
        for (int a = 0; a < iface.num_altsetting && !found; ++a) {
            const auto& alt = iface.altsetting[a];
            const bool still_image = alt.bInterfaceClass == LIBUSB_CLASS_IMAGE && alt.bInterfaceSubClass == 1 &&
                                     alt.bInterfaceProtocol == 1;
            const bool vendor = alt.bInterfaceClass == LIBUSB_CLASS_VENDOR_SPEC && alt.bInterfaceSubClass == 0xFF &&
                                alt.bInterfaceProtocol == 0;
            if (!still_image && !vendor) continue;
            Candidate c;
            c.vendor_class = vendor;
            c.interface_string = alt.iInterface;
            c.endpoints.interface_number = alt.bInterfaceNumber;
            c.endpoints.alt_setting = alt.bAlternateSetting;
            c.endpoints.bulk_in = c.endpoints.bulk_out = c.endpoints.interrupt_in = 0;
            for (int e = 0; e < alt.bNumEndpoints; ++e) {
                const auto& ep = alt.endpoint[e];
                const int type = ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK;
                const bool in = (ep.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN;
                if (type == LIBUSB_TRANSFER_TYPE_BULK && in && !c.endpoints.bulk_in) {
                    c.endpoints.bulk_in = ep.bEndpointAddress;
                    c.endpoints.max_packet = ep.wMaxPacketSize & 0x7FF;
                } else if (type == LIBUSB_TRANSFER_TYPE_BULK && !in && !c.endpoints.bulk_out) {
                    c.endpoints.bulk_out = ep.bEndpointAddress;
                } else if (type == LIBUSB_TRANSFER_TYPE_INTERRUPT && in && !c.endpoints.interrupt_in) {
                    c.endpoints.interrupt_in = ep.bEndpointAddress;
                }
            }
            if (c.endpoints.bulk_in && c.endpoints.bulk_out) found = c;
        }
    }
    libusb_free_config_descriptor(config);
    if (found && found->endpoints.max_packet == 0) found->endpoints.max_packet = 512;
    return found;
}

std::string string_descriptor(libusb_device_handle* h, std::uint8_t index) {
    if (index == 0) return {};
    unsigned char buf[256];
    const int n = libusb_get_string_descriptor_ascii(h, index, buf, sizeof buf);
    if (n <= 0) return {};
    return std::string(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
}

/// The Microsoft OS string descriptor (index 0xEE): "MSFT100" marks an MTP device on old Android.
bool has_msft100(libusb_device_handle* h) {
    unsigned char buf[64];
    const int n = libusb_get_string_descriptor(h, 0xEE, 0, buf, sizeof buf);
    if (n < 2 + 14) return false;
    static const unsigned char msft100[] = {'M', 0, 'S', 0, 'F', 0, 'T', 0, '1', 0, '0', 0, '0', 0};
    return std::equal(std::begin(msft100), std::end(msft100), buf + 2);
}

struct Probe {
    TabletInfo info;
    Candidate candidate;
    int open_error = 0;
};

/// Whether `dev` is a tablet, and what it says about itself. Opens it briefly to read strings.
std::optional<Probe> probe(libusb_device* dev) {
    auto candidate = find_mtp_interface(dev);
    if (!candidate) return std::nullopt;
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(dev, &desc) != 0) return std::nullopt;
    Probe p;
    p.candidate = *candidate;
    p.info.bus = libusb_get_bus_number(dev);
    p.info.address = libusb_get_device_address(dev);
    p.info.vendor_id = desc.idVendor;
    p.info.product_id = desc.idProduct;
    p.info.vendor_class = candidate->vendor_class;
    std::uint8_t ports[8];
    const int nports = libusb_get_port_numbers(dev, ports, sizeof ports);
    if (nports > 0) {
        p.info.port_path = std::to_string(p.info.bus) + "-";
        for (int i = 0; i < nports; ++i) p.info.port_path += (i ? "." : "") + std::to_string(ports[i]);
    }
    libusb_device_handle* h = nullptr;
    p.open_error = libusb_open(dev, &h);
    if (p.open_error != 0) {
        // Without access we cannot read the strings; a 6/1/1 device is still worth reporting
        // (the person needs the udev rule), a vendor-class one cannot be told apart.
        if (candidate->vendor_class) return std::nullopt;
        p.info.accessible = false;
        return p;
    }
    p.info.manufacturer = string_descriptor(h, desc.iManufacturer);
    p.info.product = string_descriptor(h, desc.iProduct);
    p.info.usb_serial = string_descriptor(h, desc.iSerialNumber);
    p.info.interface_name = string_descriptor(h, candidate->interface_string);
    bool is_tablet = !candidate->vendor_class || p.info.interface_name == "MTP" || has_msft100(h);
    libusb_close(h);
    if (!is_tablet) return std::nullopt;
    return p;
}

std::unexpected<Error> usb_unavailable(int code) {
    return fail(ErrorCode::DeviceUnavailable, N_("USB cannot be used on this computer ({})."),
                {libusb_error_name(code)});
}

struct DeviceList {
    libusb_device** devices = nullptr;
    ssize_t count = 0;
    ~DeviceList() {
        if (devices) libusb_free_device_list(devices, 1);
    }
};

std::unexpected<Error> no_permission(const TabletInfo& info) {
    return fail(ErrorCode::DeviceUnavailable,
                N_("This user is not allowed to open the tablet at {} over USB. Install the udev rule "
                   "that comes with Sanaq Station (70-sanaq-tablets.rules in /etc/udev/rules.d), run "
                   "\"sudo udevadm control --reload\", then unplug the tablet and plug it in again."),
                {info.location()});
}

}  // namespace

std::string TabletInfo::location() const {
    if (!port_path.empty()) return "USB " + port_path;
    return fmt::format("USB bus {} device {}", bus, address);
}

std::string TabletInfo::describe() const {
    if (usb_serial.empty()) return "tablet (" + location() + ")";
    return "tablet " + usb_serial + " (" + location() + ")";
}

Result<std::vector<TabletInfo>> list_tablets() {
    libusb_context* ctx = nullptr;
    if (int r = libusb_init(&ctx); r != 0) return usb_unavailable(r);
    std::vector<TabletInfo> tablets;
    {
        DeviceList list;
        list.count = libusb_get_device_list(ctx, &list.devices);
        for (ssize_t i = 0; i < list.count; ++i) {
            if (auto p = probe(list.devices[i])) tablets.push_back(p->info);
        }
    }
    libusb_exit(ctx);
    return tablets;
}

Result<std::unique_ptr<TabletStorage>> open_tablet(const std::string& usb_serial, mtp::InitiatorOptions options) {
    libusb_context* ctx = nullptr;
    if (int r = libusb_init(&ctx); r != 0) return usb_unavailable(r);
    struct ContextGuard {
        libusb_context* ctx;
        ~ContextGuard() {
            if (ctx) libusb_exit(ctx);
        }
    } guard{ctx};

    DeviceList list;
    list.count = libusb_get_device_list(ctx, &list.devices);
    std::vector<std::pair<libusb_device*, Probe>> found;
    for (ssize_t i = 0; i < list.count; ++i) {
        if (auto p = probe(list.devices[i])) found.emplace_back(list.devices[i], std::move(*p));
    }
    std::optional<std::pair<libusb_device*, Probe>> chosen;
    if (usb_serial.empty()) {
        if (found.empty()) {
            return fail(ErrorCode::NotFound,
                        N_("No tablet is connected. Connect it with its USB cable, unlock it and choose "
                           "\"File transfer\" in its USB notification."));
        }
        if (found.size() > 1) {
            std::string serials;
            for (const auto& [dev, p] : found) serials += (serials.empty() ? "" : ", ") + p.info.usb_serial;
            return fail(ErrorCode::InvalidInput,
                        N_("Several tablets are connected ({}). Say which one to use by its USB serial."),
                        {serials});
        }
        chosen = found.front();
    } else {
        for (auto& f : found) {
            if (f.second.info.usb_serial == usb_serial) chosen = f;
        }
        if (!chosen) {
            for (auto& f : found) {
                if (!f.second.info.accessible) return no_permission(f.second.info);
            }
            return fail(ErrorCode::NotFound,
                        N_("The tablet with USB serial {} is not connected. Connect it with its USB cable, "
                           "unlock it and choose \"File transfer\" in its USB notification."),
                        {usb_serial});
        }
    }
    auto& [dev, p] = *chosen;
    if (!p.info.accessible) return no_permission(p.info);

    libusb_device_handle* h = nullptr;
    if (int r = libusb_open(dev, &h); r != 0) {
        if (r == LIBUSB_ERROR_ACCESS) return no_permission(p.info);
        return fail(ErrorCode::DeviceUnavailable,
                    N_("The tablet at {} could not be opened. Unplug it, plug it in again and retry."),
                    {p.info.location()}, libusb_error_name(r));
    }
    const int claim = libusb_claim_interface(h, p.candidate.endpoints.interface_number);
    if (claim != 0) {
        libusb_close(h);
        if (claim == LIBUSB_ERROR_BUSY) {
            return fail(ErrorCode::DeviceBusy,
                        N_("Another program is using the tablet {}: usually the desktop's file manager, which "
                           "opens phones and tablets by itself. Eject the tablet in the file manager and close "
                           "its window (or run \"gio mount -u\" on the tablet's mtp:// location, or stop "
                           "gvfs-mtp-volume-monitor), then pull again."),
                        {p.info.describe()}, libusb_error_name(claim));
        }
        if (claim == LIBUSB_ERROR_ACCESS) return no_permission(p.info);
        if (claim == LIBUSB_ERROR_NO_DEVICE) {
            return fail(ErrorCode::DeviceUnavailable,
                        N_("The tablet was disconnected in the middle of a transfer. Plug it in again, "
                           "unlock it and repeat the pull."),
                        {}, libusb_error_name(claim));
        }
        return fail(ErrorCode::DeviceUnavailable,
                    N_("The tablet at {} could not be opened. Unplug it, plug it in again and retry."),
                    {p.info.location()}, libusb_error_name(claim));
    }
    if (p.candidate.endpoints.alt_setting != 0)
        libusb_set_interface_alt_setting(h, p.candidate.endpoints.interface_number, p.candidate.endpoints.alt_setting);
    guard.ctx = nullptr;  // the transport owns the context from here
    auto transport = std::make_unique<LibusbTransport>(ctx, h, p.candidate.endpoints, p.info.location());
    // The device list holds references; free it before the context goes to the transport's care.
    libusb_free_device_list(list.devices, 1);
    list.devices = nullptr;
    std::unique_ptr<TabletStorage> storage = std::make_unique<mtp::MtpTabletStorage>(
        std::move(transport), p.info.usb_serial, p.info.describe(), options);
    return storage;
}

// --- watcher ---------------------------------------------------------------------------------------

struct TabletWatcher::Impl {
    TabletEvents events;
    unsigned poll_ms = 1000;
    libusb_context* ctx = nullptr;
    libusb_hotplug_callback_handle callback = 0;
    bool hotplug = false;
    std::thread thread;
    std::atomic<bool> stopping{false};
    std::mutex mutex;
    std::vector<std::pair<bool, libusb_device*>> queue;  // (arrived?, referenced device)
    std::map<libusb_device*, TabletInfo> known;           // hotplug: referenced devices
    std::map<std::pair<int, int>, TabletInfo> polled;     // polling: by (bus, address)

    static int LIBUSB_CALL on_hotplug(libusb_context*, libusb_device* dev, libusb_hotplug_event event, void* self) {
        auto* impl = static_cast<Impl*>(self);
        // Only queue here: probing needs transfers, which must not run inside a libusb callback.
        std::lock_guard lock(impl->mutex);
        impl->queue.emplace_back(event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED, libusb_ref_device(dev));
        return 0;
    }

    template <class F, class... A>
    void notify(const F& f, const A&... args) {
        if (!f) return;
        try {
            f(args...);
        } catch (...) {  // a listener's failure must not kill the watcher thread
        }
    }

    void drain_queue() {
        std::vector<std::pair<bool, libusb_device*>> work;
        {
            std::lock_guard lock(mutex);
            work.swap(queue);
        }
        for (auto [arrived, dev] : work) {
            if (arrived) {
                std::optional<Probe> p;
                for (int attempt = 0; attempt < 3 && !p; ++attempt) {
                    p = probe(dev);
                    if (!p && find_mtp_interface(dev)) {
                        std::this_thread::sleep_for(std::chrono::milliseconds(300));  // still starting up
                    } else {
                        break;
                    }
                }
                if (p && !known.count(dev)) {
                    known[libusb_ref_device(dev)] = p->info;
                    notify(events.arrived, p->info);
                }
            } else if (auto it = known.find(dev); it != known.end()) {
                TabletInfo info = it->second;
                libusb_unref_device(it->first);
                known.erase(it);
                notify(events.removed, info);
            }
            libusb_unref_device(dev);
        }
    }

    void poll_once() {
        std::map<std::pair<int, int>, TabletInfo> now;
        DeviceList list;
        list.count = libusb_get_device_list(ctx, &list.devices);
        for (ssize_t i = 0; i < list.count; ++i) {
            auto key = std::pair{int(libusb_get_bus_number(list.devices[i])), int(libusb_get_device_address(list.devices[i]))};
            if (auto it = polled.find(key); it != polled.end()) {
                now[key] = it->second;
            } else if (auto p = probe(list.devices[i])) {
                now[key] = p->info;
                notify(events.arrived, p->info);
            }
        }
        for (const auto& [key, info] : polled) {
            if (!now.count(key)) notify(events.removed, info);
        }
        polled.swap(now);
    }

    void run() {
        try {
            while (!stopping) {
                if (hotplug) {
                    timeval tv{0, 200 * 1000};
                    int r = libusb_handle_events_timeout_completed(ctx, &tv, nullptr);
                    if (r != 0 && r != LIBUSB_ERROR_INTERRUPTED) {
                        notify(events.failed, Error::make(ErrorCode::DeviceUnavailable,
                                                          N_("Watching for tablets stopped working ({})."),
                                                          {libusb_error_name(r)}));
                        return;
                    }
                    drain_queue();
                } else {
                    poll_once();
                    for (unsigned waited = 0; waited < poll_ms && !stopping; waited += 50)
                        std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
            }
        } catch (const std::exception& e) {
            notify(events.failed, Error::make(ErrorCode::Unexpected, N_("Watching for tablets stopped working ({})."),
                                              {e.what()}));
        }
    }
};

TabletWatcher::TabletWatcher(TabletEvents events, unsigned poll_interval_ms) : impl_(std::make_unique<Impl>()) {
    impl_->events = std::move(events);
    impl_->poll_ms = poll_interval_ms;
}

TabletWatcher::~TabletWatcher() { stop(); }

bool TabletWatcher::uses_hotplug() const { return impl_->hotplug; }

Status TabletWatcher::start() {
    if (impl_->thread.joinable()) return {};
    if (int r = libusb_init(&impl_->ctx); r != 0) return usb_unavailable(r);
    impl_->stopping = false;
    impl_->hotplug = libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) != 0;
    if (impl_->hotplug) {
        const int r = libusb_hotplug_register_callback(
            impl_->ctx,
            static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
            LIBUSB_HOTPLUG_ENUMERATE, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            &Impl::on_hotplug, impl_.get(), &impl_->callback);
        if (r != 0) impl_->hotplug = false;  // fall back to polling
    }
    impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
    return {};
}

void TabletWatcher::stop() {
    if (!impl_ || !impl_->thread.joinable()) return;
    impl_->stopping = true;
    if (impl_->hotplug) libusb_hotplug_deregister_callback(impl_->ctx, impl_->callback);  // wakes the event loop
    impl_->thread.join();
    for (auto& [arrived, dev] : impl_->queue) libusb_unref_device(dev);
    impl_->queue.clear();
    for (auto& [dev, info] : impl_->known) libusb_unref_device(dev);
    impl_->known.clear();
    impl_->polled.clear();
    libusb_exit(impl_->ctx);
    impl_->ctx = nullptr;
}

}  // namespace sanaq::usb
