#pragma once
// sanaq-station [--workspace DIR] [--lang kk|ru|en]
#include <memory>

#include <wx/app.h>

namespace sanaq::ui {

class Workstation;
class UiHeartbeat;

class StationApp : public wxApp {
public:
    StationApp();
    ~StationApp() override;
    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    void start_heartbeat_if_asked();  // SANAQ_UI_HEARTBEAT=1 (ui/README.md)

    std::unique_ptr<UiHeartbeat> heartbeat_;
    std::unique_ptr<Workstation> workstation_;
    wxString workspace_option_;
    wxString language_option_;
};

}  // namespace sanaq::ui
