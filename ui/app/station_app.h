#pragma once
// sanaq-station [--workspace DIR] [--lang kk|ru|en]
#include <memory>

#include <wx/app.h>

namespace sanaq::ui {

class Workstation;

class StationApp : public wxApp {
public:
    StationApp();
    ~StationApp() override;
    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    std::unique_ptr<Workstation> workstation_;
    wxString workspace_option_;
    wxString language_option_;
};

}  // namespace sanaq::ui
