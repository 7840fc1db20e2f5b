#include "app/tablets.h"

#include "simulator/simulated_tablet_source.h"
#include "usb/usb_tablet_source.h"

namespace sanaq::app {

struct Tablets::Simulated {
    sim::SimulatedTabletSource source{{}};
};

std::shared_ptr<Tablets> Tablets::from_environment(const std::vector<std::filesystem::path>& simulated) {
    std::vector<std::filesystem::path> folders = simulated;
    for (auto& folder : sim::simulated_folders_from_environment()) folders.push_back(std::move(folder));
    return std::make_shared<Tablets>(std::make_unique<usb::UsbTabletSource>(), std::move(folders));
}

Tablets::Tablets(std::unique_ptr<TabletSource> usb, std::vector<std::filesystem::path> simulated)
    : usb_(std::move(usb)), simulated_(std::make_unique<Simulated>()) {
    for (const auto& folder : simulated) simulated_->source.add(folder);
}

Tablets::~Tablets() = default;

Result<std::vector<ConnectedTablet>> Tablets::connected() {
    auto sims = simulated_->source.connected();
    auto real = usb_ ? usb_->connected() : Result<std::vector<ConnectedTablet>>(std::vector<ConnectedTablet>{});
    if (!real && sims->empty()) return std::unexpected(real.error());
    std::vector<ConnectedTablet> out = real ? std::move(*real) : std::vector<ConnectedTablet>{};
    for (auto& s : *sims) out.push_back(std::move(s));
    return out;
}

Result<std::unique_ptr<TabletStorage>> Tablets::open(const std::string& usb_serial) {
    auto sim = simulated_->source.open(usb_serial);
    if (sim || sim.error().code != ErrorCode::NotFound || !usb_) return sim;
    return usb_->open(usb_serial);
}

bool Tablets::add_simulated(const std::filesystem::path& folder) { return simulated_->source.add(folder); }
bool Tablets::remove_simulated(const std::filesystem::path& folder) { return simulated_->source.remove(folder); }
std::vector<std::filesystem::path> Tablets::simulated_folders() const { return simulated_->source.folders(); }
std::string Tablets::simulated_serial(const std::filesystem::path& folder) { return sim::simulated_usb_serial(folder); }

Result<std::unique_ptr<TabletStorage>> open_kit_tablet(TabletSource& tablets, const Kit& kit) {
    if (kit.tablet.usb_serial.empty())
        return fail(ErrorCode::InvalidInput,
                    N_("Kit {} has no USB serial recorded, so its tablet cannot be recognised; give the key file "
                       "with --public-key."),
                    {kit.number});
    return tablets.open(kit.tablet.usb_serial);
}

Result<std::string> read_tablet_device_key(TabletSource& tablets, const std::string& usb_serial) {
    auto storage = tablets.open(usb_serial);
    SANAQ_TRY(storage);
    return (*storage)->read_device_key();
}

Result<std::string> read_kit_tablet_key(TabletSource& tablets, const Kit& kit) {
    auto storage = open_kit_tablet(tablets, kit);
    SANAQ_TRY(storage);
    return (*storage)->read_device_key();
}

Result<std::vector<TabletToPull>> choose_tablets_for_pull(TabletSource& tablets, const std::string& serial, bool all) {
    std::vector<TabletToPull> out;
    if (!serial.empty()) {
        auto opened = tablets.open(serial);
        SANAQ_TRY(opened);
        const std::string label = (*opened)->describe();
        out.push_back({label, serial, std::move(*opened), std::nullopt});
        return out;
    }
    auto connected = tablets.connected();
    SANAQ_TRY(connected);
    if (connected->empty())
        return fail(ErrorCode::NotFound,
                    N_("No tablet is connected. Plug the tablet in with its USB cable, unlock it and choose "
                       "\"File transfer\" (MTP) in its USB notification, then try again."));
    if (connected->size() > 1 && !all)
        return fail_n(ErrorCode::Usage,
                      N_n("{} tablet is connected; name one with --serial (see `sanaq device list`) or pull them all "
                          "with --all.",
                          "{} tablets are connected; name one with --serial (see `sanaq device list`) or pull them "
                          "all with --all."),
                      static_cast<long>(connected->size()), {std::to_string(connected->size())});
    // One tablet that cannot be opened (busy, unplugged meanwhile) does not keep the others back.
    for (const auto& t : *connected) {
        auto opened = t.accessible ? tablets.open(t.usb_serial)
                                   : Result<std::unique_ptr<TabletStorage>>(fail(
                                         ErrorCode::DeviceUnavailable,
                                         N_("A tablet ({}) is plugged in, but this user may not open it: install "
                                            "the udev rule (see the installer) and plug it in again."),
                                         {t.description}));
        if (!opened) {
            if (connected->size() == 1) return std::unexpected(opened.error());
            out.push_back({t.description, t.usb_serial, nullptr, opened.error()});
            continue;
        }
        const std::string label = (*opened)->describe();
        out.push_back({label, t.usb_serial, std::move(*opened), std::nullopt});
    }
    return out;
}

}  // namespace sanaq::app
