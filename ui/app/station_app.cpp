#include "ui/app/station_app.h"

#include <clocale>

#include <wx/cmdline.h>
#include <wx/image.h>

#include "ui/app/appearance.h"
#include "ui/app/demo_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/app/workstation.h"
#include "ui/common/background_task.h"
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
    if (!wxApp::OnInit()) return false;
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

int StationApp::OnExit() {
    workstation_.reset();
    // A worker may still be deriving a key or writing the demo workspace; let it finish rather
    // than tear the process down under it.
    wait_for_background_work(std::chrono::seconds(10));
    end_appearance();
    return wxApp::OnExit();
}

}  // namespace sanaq::ui
