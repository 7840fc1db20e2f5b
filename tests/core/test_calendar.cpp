// The census calendar as the joint orders of the 2021 census state it (shared seeds): lists as of
// 1 June (Zhambyl) or 1 July (North Kazakhstan), the reference moment 00:00 of 1 September in the
// capital's time (+06:00 then), online 1 September – 15 October, tablets 1–30 October.
#include <boost/test/unit_test.hpp>
#include <functional>

#include "core/domain/census_calendar.h"

using namespace sanaq;

namespace {
CensusCalendar calendar_2021() {
    CensusCalendar c;
    c.round = {"2021", "2021-09-01", "00:00", "+06:00"};
    c.list_date = "2021-06-01";
    c.region_list_dates = {{"59", "2021-07-01"}};  // North Kazakhstan
    c.online_from = "2021-09-01";
    c.online_to = "2021-10-15";
    c.tablet_from = "2021-10-01";
    c.tablet_to = "2021-10-30";
    c.end_date = "2021-10-30";
    c.order_number = "143";
    c.order_date = "2021-06-28";
    return c;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(census_calendar)

BOOST_AUTO_TEST_CASE(the_2021_calendar_passes_its_checks) {
    auto ok = check_census_calendar(calendar_2021());
    BOOST_TEST(ok.has_value(), (ok ? "" : ok.error().message_id));
    CensusCalendar partial;  // dates not known yet: only the round
    partial.round = {"2026", "2026-10-01", "00:00", "+05:00"};
    BOOST_TEST(check_census_calendar(partial).has_value());
}

BOOST_AUTO_TEST_CASE(windows_out_of_order_are_refused) {
    std::vector<std::function<void(CensusCalendar&)>> breaks = {
        [](CensusCalendar& c) { c.online_to = "2021-08-31"; },         // ends before it starts
        [](CensusCalendar& c) { c.tablet_from = "2021-10-31"; },       // after its end
        [](CensusCalendar& c) { c.end_date = "2021-10-29"; },          // before the tablets stop
        [](CensusCalendar& c) { c.end_date = "2021-10-14"; },          // before online stops
        [](CensusCalendar& c) { c.online_from = "2021-08-31"; },       // before the reference date
        [](CensusCalendar& c) { c.list_date = "2021-09-02"; },         // lists after the reference date
        [](CensusCalendar& c) { c.region_list_dates = {{"5", "2021-07-01"}}; },
        [](CensusCalendar& c) { c.region_list_dates = {{"59", "2021-07-01"}, {"59", "2021-06-01"}}; },
        [](CensusCalendar& c) { c.region_list_dates = {{"59", "2021-07-32"}}; },
        [](CensusCalendar& c) { c.order_date = "28.06.2021"; },
        [](CensusCalendar& c) { c.order_number = std::string(65, '1'); },
        [](CensusCalendar& c) { c.round.utc_offset = "+5"; },
    };
    for (std::size_t i = 0; i < breaks.size(); ++i) {
        CensusCalendar c = calendar_2021();
        breaks[i](c);
        auto refused = check_census_calendar(c);
        BOOST_TEST_CONTEXT("break " << i) {
            BOOST_REQUIRE(!refused);
            BOOST_TEST((refused.error().code == ErrorCode::InvalidInput));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_list_date_follows_the_institutions_region) {
    const auto c = calendar_2021();
    BOOST_TEST(list_date_for(c, "591010000") == "2021-07-01");  // North Kazakhstan: its own order
    BOOST_TEST(list_date_for(c, "311010000") == "2021-06-01");  // Zhambyl: the default
    BOOST_TEST(list_date_for(CensusCalendar{}, "591010000").empty());
}

BOOST_AUTO_TEST_CASE(a_kit_is_due_at_the_census_end) {
    // The orders give no returns grace: the tablets come back at the end of the census.
    BOOST_TEST(kit_due_date(calendar_2021()) == "2021-10-30");
    BOOST_TEST(kit_due_date(CensusCalendar{}).empty());
}

BOOST_AUTO_TEST_CASE(the_countdown_names_the_next_date) {
    const auto c = calendar_2021();
    auto next = next_milestone(c, "2021-05-20");
    BOOST_REQUIRE(next);
    BOOST_TEST((next->milestone == CalendarMilestone::ListDate));
    BOOST_TEST(next->days == 12);
    next = next_milestone(c, "2021-09-01");  // the reference day and the online start fall together
    BOOST_REQUIRE(next);
    BOOST_TEST((next->milestone == CalendarMilestone::Reference));
    BOOST_TEST(next->days == 0);
    next = next_milestone(c, "2021-10-16");
    BOOST_REQUIRE(next);
    BOOST_TEST((next->milestone == CalendarMilestone::TabletTo));
    BOOST_TEST(next->date == "2021-10-30");
    BOOST_TEST(next->days == 14);
    BOOST_TEST(!next_milestone(c, "2021-10-31").has_value());
}

BOOST_AUTO_TEST_CASE(a_package_of_another_round_or_outside_the_window_is_noted) {
    const auto c = calendar_2021();
    BOOST_TEST(package_calendar_warnings(c, "2021", "2021-10-10T08:00:00Z").empty());
    auto w = package_calendar_warnings(c, "2020", "2021-10-10T08:00:00Z");
    BOOST_REQUIRE(w.size() == 1u);
    BOOST_TEST((w[0].kind == CalendarWarning::OtherRound));
    // 30 Sept 19:00 UTC is 1 October 01:00 in the capital (+06:00): inside the window.
    BOOST_TEST(package_calendar_warnings(c, "2021", "2021-09-30T19:00:00Z").empty());
    w = package_calendar_warnings(c, "2021", "2021-09-30T17:00:00Z");  // 23:00 on 30 September
    BOOST_REQUIRE(w.size() == 1u);
    BOOST_TEST((w[0].kind == CalendarWarning::OutsideTabletWindow));
    w = package_calendar_warnings(c, "2020", "2021-11-02T10:00:00Z");
    BOOST_TEST(w.size() == 2u);
    // Without a calendar there is nothing to say.
    BOOST_TEST(package_calendar_warnings(CensusCalendar{}, "2020", "2021-11-02T10:00:00Z").empty());
}

BOOST_AUTO_TEST_SUITE_END()
