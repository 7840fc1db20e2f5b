#include "cli/tablets.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "census_sim/census_sim.h"
#include "core/usecases/kit_registry.h"
#include "simulator/simulated_tablet.h"
#include "usb/tablets.h"

namespace sanaq::cli {
namespace {

struct Simulated {
    std::filesystem::path folder;
    std::string usb_serial;
};

/// Simulated tablets: each folder's kit decides its USB serial, as on a real tablet.
std::vector<Simulated> simulated_tablets() {
    std::vector<Simulated> out;
    const char* env = std::getenv("SANAQ_SIMULATED_TABLETS");
    if (!env || !*env) return out;
    std::stringstream ss(env);
    std::string folder;
    while (std::getline(ss, folder, ':')) {
        if (folder.empty() || !std::filesystem::is_directory(folder)) continue;
        out.push_back({folder, census_sim::simulated_tablet_serial(folder)});
    }
    return out;
}

std::unique_ptr<TabletStorage> open_simulated(const Simulated& s) {
    sim::SimulatedTabletOptions options;
    if (!s.usb_serial.empty()) options.responder.serial = s.usb_serial;
    return sim::open_simulated_tablet(s.folder, options);
}

}  // namespace

Result<std::vector<ConnectedTablet>> connected_tablets() {
    std::vector<ConnectedTablet> out;
    const auto sims = simulated_tablets();
    auto real = usb::list_tablets();
    // Without USB (a container, a locked-down PC) the simulated tablets still work.
    if (!real && sims.empty()) return std::unexpected(real.error());
    if (real)
        for (const auto& t : *real) out.push_back({t.usb_serial, t.describe(), t.product, t.accessible, false});
    for (const auto& s : sims) {
        auto tablet = open_simulated(s);
        out.push_back({tablet->usb_serial(), tablet->describe(), "simulated", true, true});
    }
    return out;
}

Result<Kit> find_kit_for_enrolment(Session& session, const std::string& kit_number) {
    return find_kit(session, kit_number);
}

Result<std::unique_ptr<TabletStorage>> open_connected_tablet(const Kit& kit) {
    if (kit.tablet.usb_serial.empty())
        return fail(ErrorCode::InvalidInput, N_("Kit {} has no USB serial recorded, so its tablet cannot be recognised; give the key file with --public-key."),
                    {kit.number});
    auto tablets = open_tablets_for_pull(kit.tablet.usb_serial, false);
    if (!tablets) return std::unexpected(tablets.error());
    return std::move(tablets->front().storage);
}

Result<std::vector<TabletToPull>> open_tablets_for_pull(const std::string& serial, bool all) {
    std::vector<TabletToPull> out;
    const auto sims = simulated_tablets();
    if (!serial.empty()) {
        for (const auto& s : sims)
            if (s.usb_serial == serial) {
                auto tablet = open_simulated(s);
                out.push_back({tablet->describe(), std::move(tablet), std::nullopt});
                return out;
            }
        auto t = usb::open_tablet(serial);
        if (!t) return std::unexpected(t.error());
        const std::string label = (*t)->describe();
        out.push_back({label, std::move(*t), std::nullopt});
        return out;
    }
    auto real = usb::list_tablets();
    if (!real && sims.empty()) return std::unexpected(real.error());
    if (!real) real = std::vector<usb::TabletInfo>{};
    const std::size_t count = real->size() + sims.size();
    if (count == 0)
        return fail(ErrorCode::NotFound,
                    N_("No tablet is connected. Plug the tablet in with its USB cable, unlock it and choose "
                       "\"File transfer\" (MTP) in its USB notification, then try again."));
    if (count > 1 && !all)
        return fail_n(ErrorCode::Usage,
                      N_n("{} tablet is connected; name one with --serial (see `sanaq device list`) or pull them all with --all.",
                          "{} tablets are connected; name one with --serial (see `sanaq device list`) or pull them all with --all."),
                      static_cast<long>(count), {std::to_string(count)});

    // One tablet that cannot be opened (busy, unplugged meanwhile) does not keep the others back.
    for (const auto& t : *real) {
        auto opened = usb::open_tablet(t.usb_serial);
        if (!opened) {
            if (count == 1) return std::unexpected(opened.error());
            out.push_back({t.describe(), nullptr, opened.error()});
            continue;
        }
        const std::string label = (*opened)->describe();
        out.push_back({label, std::move(*opened), std::nullopt});
    }
    for (const auto& s : sims) {
        auto tablet = open_simulated(s);
        out.push_back({tablet->describe(), std::move(tablet), std::nullopt});
    }
    return out;
}

}  // namespace sanaq::cli
