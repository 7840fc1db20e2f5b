#pragma once
// The demo workspace a first start makes, so a new user can look around at once: administrator
// "admin" plus the core's demo accounts, all with the public demo password, and a plain-text
// marker file that says so (the login dialog shows the accounts when it is there).
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq::ui {

inline constexpr std::string_view kDemoMarkerFileName = "DEMO-README.txt";
inline constexpr std::string_view kDemoAdministrator = "admin";

/// $SANAQ_WORKSPACE, else $XDG_DATA_HOME/sanaq/workspace, else ~/.local/share/sanaq/workspace
/// (the CLI's default too).
std::filesystem::path default_workspace_dir();

/// Creates the workspace in `dir` (absent or empty) with the KDF from the environment, records
/// its creation, loads the demo data and writes the marker. Seconds of work: off the UI thread.
Status create_demo_workspace(const std::filesystem::path& dir);

bool has_demo_marker(const std::filesystem::path& dir);

/// The demo's simulated tablets: folders laid out like a tablet's shared storage under
/// <dir>/demo-tablets/<kit>/, their packages encrypted to the workspace's department key and
/// their device keys enrolled, so the Devices screen can show a pull without hardware.
inline constexpr std::string_view kDemoTabletsFolder = "demo-tablets";
/// Where the demo keeps the institutions' lists of respondents of its simulated kits.
inline constexpr std::string_view kDemoListsFolder = "demo-lists";
std::vector<std::filesystem::path> demo_tablet_folders(const std::filesystem::path& dir);

}  // namespace sanaq::ui
