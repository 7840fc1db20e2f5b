#pragma once
// Simulated tablets as a TabletSource: each folder (laid out like a tablet's shared storage, as
// `sanaq-tablet-sim make-packages` writes it) is one tablet, served by the MTP responder and reached
// through the real MTP initiator in-process.
//
// A simulated tablet reports the USB serial written in its folder's `.sim/state.json` (member
// `usb_serial`, the serial of the kit it was made for), as a real tablet reports its own; a folder
// without one reports "SIM-<folder name>".
#include <filesystem>
#include <mutex>
#include <vector>

#include "core/ports/tablet_source.h"

namespace sanaq::sim {

/// The USB serial the simulated tablet in `folder` reports.
std::string simulated_usb_serial(const std::filesystem::path& folder);

/// Folders named in $SANAQ_SIMULATED_TABLETS (separated by ':'); names that are not folders are
/// skipped.
std::vector<std::filesystem::path> simulated_folders_from_environment();

class SimulatedTabletSource final : public TabletSource {
public:
    explicit SimulatedTabletSource(std::vector<std::filesystem::path> folders);
    Result<std::vector<ConnectedTablet>> connected() override;
    Result<std::unique_ptr<TabletStorage>> open(const std::string& usb_serial) override;
    /// Plugging a simulated tablet in and out (the GUI's demo, tests). Thread-safe: a pull may be
    /// opening one meanwhile. add() returns false when the folder is already there.
    bool add(const std::filesystem::path& folder);
    bool remove(const std::filesystem::path& folder);
    std::vector<std::filesystem::path> folders() const;

private:
    mutable std::mutex mutex_;
    std::vector<std::filesystem::path> folders_;
};

}  // namespace sanaq::sim
