#include "ui/station_fixture.h"

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "ui/app/open_workspace.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/ui_driver.h"

namespace sanaq::test {

StationRun::StationRun(std::optional<std::chrono::milliseconds> idle_timeout) : workspace_(dir_ / "workspace") {
    ui::WorkstationOptions options;
    options.workspace = workspace_;
    options.create_demo_if_missing = true;
    options.idle_timeout = idle_timeout;
    station_ = std::make_unique<ui::Workstation>(std::move(options));
}

StationRun::~StationRun() {
    station_.reset();
    // Destroyed windows go at idle time, and with the main window the workspace closes: let that
    // happen before the temporary folder is removed.
    pump_for(std::chrono::milliseconds(300));
}

bool StationRun::start() {
    begin();
    return wait_until_ready();
}

void StationRun::begin() { station_->start(); }

bool StationRun::wait_until_ready() {
    if (!pump_until([&] { return !station_->preparing_demo(); }, std::chrono::seconds(120))) {
        BOOST_TEST_MESSAGE("the demo workspace was not ready in time");
        return false;
    }
    auto* login = station_->login_dialog();
    if (!login) return false;
    if (!login->error_label()->GetLabel().empty()) {
        BOOST_TEST_MESSAGE("login dialog error: " << login->error_label()->GetLabel().utf8_string());
        return false;
    }
    return true;
}

ui::MainFrame* StationRun::sign_in(const std::string& user, const std::string& password) {
    auto* login = station_->login_dialog();
    if (!login) return nullptr;
    type(login->user_field(), wxString::FromUTF8(user));
    type(login->password_field(), wxString::FromUTF8(password));
    if (!press(login->sign_in_button())) return nullptr;
    pump_until([&] { return station_->main_frame() != nullptr || (login && !login->busy() && !login->error_label()->GetLabel().empty()); },
               std::chrono::seconds(60));
    auto* frame = station_->main_frame();
    if (!frame) {
        if (station_->login_dialog())
            BOOST_TEST_MESSAGE("sign-in failed: " << station_->login_dialog()->error_label()->GetLabel().utf8_string());
        return nullptr;
    }
    // Room for every column in screenshots (the Xvfb screen is 1280x900 and has no window manager).
    frame->SetSize(0, 0, 1260, 860);
    pump_for(std::chrono::milliseconds(200));
    return frame;
}

ui::MainFrame* StationRun::switch_user(const std::string& user, const std::string& password) {
    if (station_->main_frame()) {
        station_->sign_out();
        BOOST_REQUIRE(pump_until([&] { return station_->login_dialog() != nullptr; }, std::chrono::seconds(5)));
        pump_for(std::chrono::milliseconds(300));  // the previous window goes, and the workspace with it
    }
    ui::MainFrame* frame = sign_in(user, password);
    BOOST_REQUIRE_MESSAGE(frame, user << " could not sign in");
    return frame;
}

Session& StationRun::session() { return station_->workspace()->session(); }

}  // namespace sanaq::test
