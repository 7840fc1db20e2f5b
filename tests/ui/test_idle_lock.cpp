// The idle lock: activity keeps the session; a stretch without it closes the main window and the
// workspace, and brings the login dialog back with the user filled in.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/textctrl.h>

#include "db/workspace.h"
#include "ui/app/ui_language.h"
#include "ui/kits/issue_wizard.h"
#include "ui/kits/kits_panel.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {

BOOST_AUTO_TEST_SUITE(ui_idle_lock)  // one CTest entry: test_ui.idle_lock (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(an_idle_workstation_locks_itself_and_closes_the_workspace, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run(std::chrono::milliseconds(600));
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);

    // Typing keeps it open well past the timeout.
    for (int i = 0; i < 12; ++i) {
        key_press(frame->kits_panel()->filter_field(), 'A');
        pump_for(100ms);
    }
    BOOST_CHECK(run.station().main_frame() == frame);
    BOOST_CHECK(run.station().login_dialog() == nullptr);

    // Then nothing: it locks.
    BOOST_REQUIRE(pump_until([&] { return run.station().login_dialog() != nullptr; }, 10s));
    BOOST_CHECK(run.station().main_frame() == nullptr);
    BOOST_CHECK(run.station().workspace() == nullptr);
    auto* login = run.station().login_dialog();
    BOOST_CHECK(login->user_field()->GetValue() == "officer");
    BOOST_CHECK(login->password_field()->GetValue().empty());
    pump_for(300ms);  // the destroyed window goes at idle time, and the workspace with it

    // Closed for real: its lock file is free, so another opener gets in.
    {
        db::OpenOptions options;
        options.apply_failure_delay = false;
        auto other = db::Workspace::open(run.workspace(), "officer", "demo-password", options);
        BOOST_CHECK_MESSAGE(other.has_value(), "the workspace is still held after the lock");
    }

    // And the officer signs in again from the lock screen.
    BOOST_CHECK(run.sign_in("officer") != nullptr);
}

}  // namespace sanaq::test

namespace sanaq::test {

BOOST_AUTO_TEST_CASE(an_idle_lock_cancels_an_open_dialog_first, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run(std::chrono::milliseconds(800));
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    bool cancelled = false;
    ModalScript script;
    script.when<ui::IssueWizard>("issue wizard left open", [&](ui::IssueWizard& w) {
        // The user walks away with the wizard open: the lock has to close it before the window.
        cancelled = pump_until([&] { return !w.IsModal(); }, 10s);
    });
    BOOST_REQUIRE(press(frame->kits_panel()->issue_button()));  // returns when the wizard is gone
    BOOST_CHECK(cancelled);
    BOOST_CHECK_MESSAGE(script.failures().empty(), script.report());
    BOOST_REQUIRE(pump_until([&] { return run.station().login_dialog() != nullptr; }, 10s));
    BOOST_CHECK(run.station().main_frame() == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
