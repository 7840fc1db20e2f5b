#pragma once
// A Workstation over a fresh demo workspace in a temporary folder, made the way the application
// makes it on first start (off the UI thread, through the login dialog's progress display).
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/usecases/session.h"
#include "support/temp_dir.h"
#include "ui/app/workstation.h"
#include "ui/main/main_frame.h"

namespace sanaq::test {

/// Every screen of the main window (a role may lack some: show_screen() says false).
inline constexpr ui::MainFrame::Screen kEveryScreen[] = {
    ui::MainFrame::Screen::Dashboard, ui::MainFrame::Screen::Kits,     ui::MainFrame::Screen::Institutions,
    ui::MainFrame::Screen::Audit,     ui::MainFrame::Screen::Users,    ui::MainFrame::Screen::Devices,
    ui::MainFrame::Screen::Lists,     ui::MainFrame::Screen::Coverage, ui::MainFrame::Screen::Review,
    ui::MainFrame::Screen::Upstream,  ui::MainFrame::Screen::Settings};

class StationRun {
public:
    explicit StationRun(std::optional<std::chrono::milliseconds> idle_timeout = std::chrono::hours(1));
    ~StationRun();

    /// Starts the workstation and waits until the demo workspace is ready and the login dialog
    /// is up. Returns false (and says why) otherwise.
    bool start();
    /// The two halves of start(): show the login dialog (the demo workspace is being made
    /// meanwhile), then wait for it to be ready.
    void begin();
    bool wait_until_ready();
    /// Fills the login dialog and presses Sign in; waits for the main window.
    ui::MainFrame* sign_in(const std::string& user, const std::string& password = "demo-password");
    /// Signs out whoever is signed in (their window goes, and the workspace with it), then signs
    /// in as `user`; the test fails when that does not work.
    ui::MainFrame* switch_user(const std::string& user, const std::string& password = "demo-password");

    ui::Workstation& station() { return *station_; }
    Session& session();
    const std::filesystem::path& workspace() const { return workspace_; }

private:
    TempDir dir_{"sanaq-ui"};
    std::filesystem::path workspace_;
    std::unique_ptr<ui::Workstation> station_;
};

}  // namespace sanaq::test
