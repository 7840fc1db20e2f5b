#include "simulator/simulated_tablet_source.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "simulator/simulated_tablet.h"

namespace sanaq::sim {
namespace {

// state.json is the simulator's own small file; anything larger is not one.
constexpr std::uintmax_t kStateFileLimit = 64 * 1024;

std::string serial_from_state(const std::filesystem::path& folder) {
    const auto file = folder / ".sim" / "state.json";
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec || size > kStateFileLimit) return {};
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (!j.is_object() || !j.contains("usb_serial") || !j["usb_serial"].is_string()) return {};
    return j["usb_serial"].get<std::string>();
}

}  // namespace

std::string simulated_usb_serial(const std::filesystem::path& folder) {
    if (auto serial = serial_from_state(folder); !serial.empty()) return serial;
    return "SIM-" + folder.filename().string();
}

std::vector<std::filesystem::path> simulated_folders_from_environment() {
    std::vector<std::filesystem::path> out;
    const char* env = std::getenv("SANAQ_SIMULATED_TABLETS");
    if (!env || !*env) return out;
    std::stringstream ss(env);
    std::string folder;
    std::error_code ec;
    while (std::getline(ss, folder, ':'))
        if (!folder.empty() && std::filesystem::is_directory(folder, ec)) out.emplace_back(folder);
    return out;
}

SimulatedTabletSource::SimulatedTabletSource(std::vector<std::filesystem::path> folders)
    : folders_(std::move(folders)) {}

bool SimulatedTabletSource::add(const std::filesystem::path& folder) {
    std::lock_guard lock(mutex_);
    if (std::find(folders_.begin(), folders_.end(), folder) != folders_.end()) return false;
    folders_.push_back(folder);
    return true;
}

bool SimulatedTabletSource::remove(const std::filesystem::path& folder) {
    std::lock_guard lock(mutex_);
    return std::erase(folders_, folder) > 0;
}

std::vector<std::filesystem::path> SimulatedTabletSource::folders() const {
    std::lock_guard lock(mutex_);
    return folders_;
}

Result<std::vector<ConnectedTablet>> SimulatedTabletSource::connected() {
    std::vector<ConnectedTablet> out;
    for (const auto& folder : folders()) {
        const std::string serial = simulated_usb_serial(folder);
        out.push_back({serial, "simulated tablet " + serial + " (" + folder.string() + ")", "simulated",
                       folder.string(), true, true});
    }
    return out;
}

Result<std::unique_ptr<TabletStorage>> SimulatedTabletSource::open(const std::string& usb_serial) {
    for (const auto& folder : folders()) {
        const std::string serial = simulated_usb_serial(folder);
        if (serial != usb_serial) continue;
        SimulatedTabletOptions options;
        options.responder.serial = serial;
        return open_simulated_tablet(folder, options);
    }
    return fail(ErrorCode::NotFound, N_("No simulated tablet reports the USB serial {}."), {usb_serial});
}

}  // namespace sanaq::sim
