// The UI-thread stall probe (ui/common/ui_heartbeat.h): it sees the event loop blocked and stays
// quiet while the loop runs freely. The responsiveness benchmark relies on both.
#include <boost/test/unit_test.hpp>

#include <thread>

#include "ui/common/ui_heartbeat.h"
#include "ui/ui_driver.h"

using namespace sanaq;
using namespace sanaq::test;

BOOST_AUTO_TEST_SUITE(ui_heartbeat)

BOOST_AUTO_TEST_CASE(an_idle_event_loop_has_no_stall) {
    ui::UiHeartbeat heartbeat;
    pump_for(600ms);
    const auto r = heartbeat.report();
    BOOST_TEST(r.beats > 20u);  // it did beat
    BOOST_TEST(r.stalls == 0u);
    BOOST_TEST(r.max_gap_ms < 50.0);
}

BOOST_AUTO_TEST_CASE(a_blocked_ui_thread_is_reported_with_its_phase) {
    ui::UiHeartbeat heartbeat;
    std::vector<ui::UiHeartbeat::Stall> seen;
    pump_for(100ms);
    heartbeat.set_phase("blocking on purpose");
    std::this_thread::sleep_for(200ms);  // the UI thread does nothing else meanwhile
    pump_for(100ms);
    heartbeat.set_phase("after");
    pump_for(100ms);
    const auto r = heartbeat.report();
    BOOST_TEST(r.stalls == 1u);
    BOOST_TEST(r.max_gap_ms >= 190.0);
    BOOST_TEST(r.max_gap_ms < 400.0);
    BOOST_REQUIRE(!r.longest.empty());
    BOOST_TEST(r.longest.front().phase == "blocking on purpose");

    heartbeat.reset();
    pump_for(200ms);
    BOOST_TEST(heartbeat.report().stalls == 0u);
}

BOOST_AUTO_TEST_CASE(a_stall_names_the_phase_it_began_in_when_the_work_moved_it_on) {
    ui::UiHeartbeat heartbeat;
    heartbeat.set_phase("setup");
    pump_for(100ms);  // pings go out while the phase is "setup"
    std::this_thread::sleep_for(80ms);
    heartbeat.set_phase("screen 5");  // as show_screen does at the end of a long step
    std::this_thread::sleep_for(80ms);
    pump_for(100ms);
    const auto r = heartbeat.report();
    BOOST_REQUIRE_EQUAL(r.longest.size(), 1u);
    BOOST_TEST(r.longest.front().phase == "screen 5");
    BOOST_TEST(r.longest.front().began_in == "setup");
    BOOST_TEST(r.longest.front().where() == "setup -> screen 5");
}

BOOST_AUTO_TEST_CASE(a_stall_is_announced_as_it_ends_and_the_active_probe_names_phases) {
    int announced = 0;
    ui::UiHeartbeat::Options options;
    options.on_stall = [&](const ui::UiHeartbeat::Stall& s) {
        if (s.ms >= 100.0 && s.phase == "screen 9") ++announced;
    };
    ui::UiHeartbeat heartbeat(std::move(options));
    BOOST_TEST(ui::UiHeartbeat::active() == &heartbeat);
    pump_for(50ms);
    ui::note_ui_phase("screen 9");  // as MainFrame::show_screen does
    std::this_thread::sleep_for(120ms);
    pump_for(100ms);
    BOOST_TEST(announced == 1);
}

BOOST_AUTO_TEST_SUITE_END()
