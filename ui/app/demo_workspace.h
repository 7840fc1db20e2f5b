#pragma once
// The demo workspace a first start makes, so a new user can look around at once: administrator
// "admin" plus the core's demo accounts, all with the public demo password, and a plain-text
// marker file that says so (the login dialog shows the accounts when it is there).
#include <filesystem>
#include <string_view>

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

}  // namespace sanaq::ui
