// The one reader of stored and received times: what it accepts, what it refuses, and that times
// compare as times.
#include <boost/test/unit_test.hpp>

#include "core/domain/clock.h"

using namespace sanaq;
using namespace std::chrono;

BOOST_AUTO_TEST_SUITE(utc_time)

BOOST_AUTO_TEST_CASE(reads_the_stored_form_and_round_trips_it) {
    const auto t = parse_utc("2026-11-22T09:14:03Z");
    BOOST_REQUIRE(t);
    BOOST_TEST(t->time_since_epoch().count() == 1795338843);
    BOOST_TEST(iso_utc(*t) == "2026-11-22T09:14:03Z");
    const auto leap_day = parse_utc("2028-02-29T23:59:59Z");
    BOOST_REQUIRE(leap_day);
    BOOST_TEST(iso_utc(*leap_day + seconds{1}) == "2028-03-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(refuses_every_other_form) {
    for (const char* text : {"", "2026-11-22", "2026-11-22T09:14:03", "2026-11-22T09:14:03+05:00",
                             "2026-11-22T09:14:03.5Z", "2026-11-22 09:14:03Z", "2026-11-22T24:00:00Z",
                             "2026-11-22T09:60:00Z", "2026-11-22T09:14:60Z", "2026-02-30T00:00:00Z",
                             "2027-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "+026-11-22T09:14:03Z",
                             "2026-1-022T09:14:03Z", "2026-11-22T09:14:03z", "2026-11-22T09:14:03Z\n"})
        BOOST_TEST(!parse_utc(text), "accepted: " << text);
}

BOOST_AUTO_TEST_CASE(the_distance_between_two_times_is_counted_in_seconds) {
    const auto a = parse_utc("2026-12-31T23:59:59Z"), b = parse_utc("2027-01-01T00:00:00Z");
    BOOST_REQUIRE(a && b);
    BOOST_TEST((*b - *a).count() == 1);
}

BOOST_AUTO_TEST_CASE(dates_read_strictly_and_count_days) {
    BOOST_TEST(parse_date("2026-06-01").has_value());
    BOOST_TEST(!parse_date("2026-6-01"));
    BOOST_TEST(!parse_date("2026-06-31"));
    BOOST_TEST(!parse_date("2026-+6-01"));
    BOOST_TEST(!parse_date(" 2026-06-1"));
    BOOST_TEST(is_iso_date("2024-02-29"));
    BOOST_TEST(!is_iso_date("2025-02-29"));
    BOOST_TEST(days_between("2026-06-01", "2026-07-01") == 30);
    BOOST_TEST(days_between("2026-07-01", "2026-06-01") == -30);
    BOOST_TEST(days_between("2026-07-01", "junk") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
