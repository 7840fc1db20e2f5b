#pragma once
// A tablet without hardware: a folder laid out like the tablet's shared storage, served by the MTP
// responder and reached through the real MTP initiator over the in-process transport. What the
// demo workspace and the protocol benchmark pull from.
#include <filesystem>
#include <memory>

#include "core/ports/tablet.h"
#include "mtp/initiator.h"
#include "simulator/responder.h"

namespace sanaq::sim {

struct SimulatedTabletOptions {
    ResponderOptions responder;
    mtp::InitiatorOptions initiator;
};

/// The TabletStorage (an mtp::MtpTabletStorage) of a simulated tablet serving `folder`.
/// `responder`, when given, receives the responder so a test can inject faults while it runs.
std::unique_ptr<TabletStorage> open_simulated_tablet(const std::filesystem::path& folder,
                                                     SimulatedTabletOptions options = {},
                                                     std::shared_ptr<MtpResponder>* responder = nullptr);

}  // namespace sanaq::sim
