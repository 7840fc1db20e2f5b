// Larger text (Settings → Text size, up to 200 %) on every screen of every role, in each language:
// nothing a user needs may end up past the edge of the window (Kazakh labels are the longest).
// Screenshots as 24-<user>-<screen>-200.png.
#include <wx/button.h>
#include <wx/frame.h>
#include <wx/panel.h>

#include <boost/test/unit_test.hpp>

#include "ui/app/appearance.h"
#include "ui/app/preferences.h"
#include "ui/app/ui_language.h"
#include "ui/layout_check.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

using namespace sanaq;
using namespace sanaq::test;

BOOST_AUTO_TEST_SUITE(large_text)

namespace {

using Screen = ui::MainFrame::Screen;

void every_screen_fits(const std::string& lang, int percent) {
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    for (const char* user : {"officer", "supervisor", "admin", "custodian"}) {
        ui::save_appearance(user, {percent, false});
        ui::MainFrame* frame = run.switch_user(user);
        BOOST_REQUIRE(frame);
        int shown = 0;
        for (Screen screen : kEveryScreen) {
            if (!frame->show_screen(screen)) continue;  // not this role's
            ++shown;
            pump_for(500ms);  // the screen's rows read and laid out
            const auto cut = controls_cut_off(frame);
            std::string list;
            for (const auto& c : cut) list += "\n  " + c;
            BOOST_CHECK_MESSAGE(cut.empty(), lang << " " << user << " at " << percent
                                                  << " %, screen " << static_cast<int>(screen)
                                                  << ":" << list);
            if (!cut.empty() || percent == 200)
                screenshot(frame, lang,
                           "24-" + std::string(user) + "-" +
                               std::to_string(static_cast<int>(screen)) + "-" +
                               std::to_string(percent));
        }
        BOOST_CHECK_GE(shown, 4);
        ui::save_appearance(user, {});
    }
    ui::apply_appearance({});
}

}  // namespace

// The check itself: a control pushed past its panel's edge is named; one that fits is not.
BOOST_AUTO_TEST_CASE(a_control_past_the_edge_is_found) {
    auto* frame = new wxFrame(nullptr, wxID_ANY, "layout", wxDefaultPosition, wxSize(400, 300));
    auto* panel = new wxPanel(frame, wxID_ANY, wxPoint(0, 0), wxSize(300, 200));
    new wxButton(panel, wxID_ANY, "fits", wxPoint(10, 10), wxSize(100, 30));
    frame->Show();
    pump_for(200ms);
    panel->SetSize(300, 200);
    BOOST_TEST(controls_cut_off(panel).empty());
    new wxButton(panel, wxID_ANY, "too wide", wxPoint(250, 10), wxSize(100, 30));
    const auto cut = controls_cut_off(panel);
    BOOST_REQUIRE_EQUAL(cut.size(), 1u);
    BOOST_TEST(cut.front().find("too wide") != std::string::npos);
    // Squeezed: inside the panel, but narrower than its label needs.
    auto* narrow = new wxButton(panel, wxID_ANY, "a label much longer than the button",
                                wxPoint(10, 60), wxSize(40, 30));
    const auto squeezed = controls_cut_off(panel);
    BOOST_REQUIRE_EQUAL(squeezed.size(), 2u);
    BOOST_TEST(squeezed.back().find("squeezed") != std::string::npos);
    narrow->Destroy();
    frame->Destroy();
    pump_for(100ms);
}

BOOST_AUTO_TEST_CASE(every_screen_fits_at_200_percent_in_kazakh, *boost::unit_test::timeout(600)) {
    every_screen_fits("kk", 200);
}
BOOST_AUTO_TEST_CASE(every_screen_fits_at_200_percent_in_russian, *boost::unit_test::timeout(600)) {
    every_screen_fits("ru", 200);
}
BOOST_AUTO_TEST_CASE(every_screen_fits_at_150_percent_in_english, *boost::unit_test::timeout(600)) {
    every_screen_fits("en", 150);
}

BOOST_AUTO_TEST_SUITE_END()
