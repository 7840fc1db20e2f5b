#include "ui/app/station_app.h"

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <wx/cmdline.h>
#include <wx/image.h>

#include "ui/app/appearance.h"
#include "ui/app/demo_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/app/workstation.h"
#include "ui/common/background_task.h"
#include "ui/common/startup_timing.h"
#include "ui/common/ui_heartbeat.h"
#include "ui/common/text.h"

namespace sanaq::ui {

StationApp::StationApp() = default;
StationApp::~StationApp() = default;

void StationApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    // Parsed before any catalog is loaded, so --help shows the English source text.
    parser.AddOption("w", "workspace", _("workspace folder (default: $SANAQ_WORKSPACE or ~/.local/share/sanaq/workspace)"));
    parser.AddOption("l", "lang", _("interface language: kk, ru or en"));
}

bool StationApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    parser.Found("workspace", &workspace_option_);
    parser.Found("lang", &language_option_);
    if (!language_option_.empty() && language_option_ != "kk" && language_option_ != "ru" && language_option_ != "en") {
        wxLogError(_("--lang takes kk, ru or en"));
        return false;
    }
    return wxApp::OnCmdLineParsed(parser);
}

bool StationApp::OnInit() {
    startup_milestone("app_init");  // the toolkit is up: display opened, GTK initialised
    if (!wxApp::OnInit()) return false;
    start_heartbeat_if_asked();
    // Character classes only (case folding in list filters works for Cyrillic); numbers and
    // dates stay in the C locale so nothing written to files depends on the desktop's settings.
    std::setlocale(LC_CTYPE, "C.UTF-8");
    SetAppName("sanaq-station");
    SetAppDisplayName("Sanaq Station");
    wxInitAllImageHandlers();
    apply_ui_language(initial_ui_language(to_utf8(language_option_)));

    WorkstationOptions options;
    if (workspace_option_.empty()) {
        options.workspace = default_workspace_dir();
        options.create_demo_if_missing = true;  // first start: something to look at
    } else {
        options.workspace = std::filesystem::path(to_utf8(workspace_option_));
    }
    workstation_ = std::make_unique<Workstation>(std::move(options));
    workstation_->start();
    return true;
}

void StationApp::start_heartbeat_if_asked() {
    const char* asked = std::getenv("SANAQ_UI_HEARTBEAT");
    if (!asked || std::string(asked) != "1") return;
    UiHeartbeat::Options options;
    options.on_stall = [](const UiHeartbeat::Stall& s) {
        std::fprintf(stderr, "sanaq-heartbeat stall %.0f ms (UI thread CPU %.0f ms) in %s\n", s.ms, s.cpu_ms, s.where().c_str());
    };
    heartbeat_ = std::make_unique<UiHeartbeat>(std::move(options));
    heartbeat_->set_phase("start");
}

int StationApp::OnExit() {
    if (heartbeat_) {
        const auto r = heartbeat_->report();
        std::fprintf(stderr, "sanaq-heartbeat %zu beats, max %.1f ms, p99 %.1f ms, %zu stalls over 50 ms\n", r.beats,
                     r.max_gap_ms, r.p99_gap_ms, r.stalls);
        heartbeat_.reset();
    }
    workstation_.reset();
    // A worker may still be deriving a key or writing the demo workspace; let it finish rather
    // than tear the process down under it.
    wait_for_background_work(std::chrono::seconds(10));
    end_appearance();
    return wxApp::OnExit();
}

}  // namespace sanaq::ui
