#include "simulator/simulated_tablet.h"

#include "mtp/mtp_tablet_storage.h"
#include "simulator/in_process_transport.h"

namespace sanaq::sim {

std::unique_ptr<TabletStorage> open_simulated_tablet(const std::filesystem::path& folder,
                                                     SimulatedTabletOptions options,
                                                     std::shared_ptr<MtpResponder>* responder_out) {
    auto responder = std::make_shared<MtpResponder>(folder, options.responder);
    if (responder_out) *responder_out = responder;
    const std::string serial = options.responder.serial;
    return std::make_unique<mtp::MtpTabletStorage>(
        std::make_unique<InProcessTransport>(responder), serial,
        "simulated tablet " + serial + " (" + folder.string() + ")", options.initiator);
}

}  // namespace sanaq::sim
