// The census round: stored as local wall time with its zone, read back the same, checked, audited,
// and changed by administrators only.
#include <boost/test/unit_test.hpp>

#include "core/usecases/audit_review.h"
#include "core/usecases/settings.h"
#include "support/staffed_workspace.h"

using namespace sanaq;

BOOST_FIXTURE_TEST_SUITE(settings, test::StaffedWorkspace)

BOOST_AUTO_TEST_CASE(a_census_round_is_empty_until_an_administrator_sets_it) {
    Session officer = as("officer", Role::Officer);
    auto none = census_round(officer);
    BOOST_REQUIRE(none);
    BOOST_TEST(none->empty());
    BOOST_TEST(none->reference_moment().empty());

    Session admin = as("admin", Role::Administrator);
    const CensusRound round{"2026", "2026-10-01", "00:00", "+05:00"};
    auto set = set_census_round(admin, round);
    BOOST_REQUIRE_MESSAGE(set, (set ? "" : set.error().message_id));
    auto read = census_round(officer);  // everyone reads it
    BOOST_REQUIRE(read);
    BOOST_TEST(read->name == "2026");
    BOOST_TEST(read->reference_date == "2026-10-01");
    BOOST_TEST(read->reference_time == "00:00");
    BOOST_TEST(read->utc_offset == "+05:00");
    BOOST_TEST(read->reference_moment() == "2026-10-01T00:00:00+05:00");

    AuditFilter filter;
    filter.action_prefix = "settings.census_round";
    Session supervisor = as("supervisor", Role::Supervisor);
    auto trail = list_audit(supervisor, filter);
    BOOST_REQUIRE(trail);
    BOOST_TEST(trail->size() == 1u);
}

BOOST_AUTO_TEST_CASE(only_administrators_set_the_census_round) {
    const CensusRound round{"2026", "2026-10-01", "00:00", "+05:00"};
    for (auto [user, role] : {std::pair{"officer", Role::Officer}, std::pair{"custodian", Role::Custodian},
                              std::pair{"supervisor", Role::Supervisor}}) {
        Session s = as(user, role);
        auto refused = set_census_round(s, round);
        BOOST_REQUIRE(!refused);
        BOOST_TEST((refused.error().code == ErrorCode::PermissionDenied));
    }
}

BOOST_AUTO_TEST_CASE(a_census_round_with_a_bad_date_time_or_zone_is_refused) {
    Session admin = as("admin", Role::Administrator);
    const CensusRound bad[] = {
        {"", "2026-10-01", "00:00", "+05:00"},        // no name
        {"2026", "2026-02-30", "00:00", "+05:00"},    // no such day
        {"2026", "01.10.2026", "00:00", "+05:00"},    // not ISO
        {"2026", "2026-10-01", "24:00", "+05:00"},    // no such hour
        {"2026", "2026-10-01", "0:00", "+05:00"},
        {"2026", "2026-10-01", "00:00", "+5"},        // not ±HH:MM
        {"2026", "2026-10-01", "00:00", "+15:00"},    // beyond +14:00
        {"2026", "2026-10-01", "00:00", "+05:10"},    // not a quarter hour
    };
    for (const auto& round : bad) {
        auto refused = set_census_round(admin, round);
        BOOST_TEST_CONTEXT(round.name << " " << round.reference_date << " " << round.reference_time << " " << round.utc_offset) {
            BOOST_REQUIRE(!refused);
            BOOST_TEST((refused.error().code == ErrorCode::InvalidInput));
        }
    }
    BOOST_TEST(set_census_round(admin, {"2026", "2026-10-01", "00:00", "-03:30"}).has_value());
    BOOST_TEST(set_census_round(admin, {"2026", "2026-10-01", "00:00", "+14:00"}).has_value());
}

BOOST_AUTO_TEST_CASE(a_stored_moment_parses_back_and_garbage_does_not) {
    auto ok = parse_census_round("2021", "2021-09-01T00:00:00+06:00");
    BOOST_REQUIRE(ok);
    BOOST_TEST(ok->reference_date == "2021-09-01");
    BOOST_TEST(ok->utc_offset == "+06:00");
    BOOST_TEST(!parse_census_round("2021", "2021-09-01 00:00").has_value());
    BOOST_TEST(parse_census_round("2021", "")->reference_date.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(census_calendar_settings, test::StaffedWorkspace)

namespace {
CensusCalendar calendar_2021() {
    CensusCalendar c;
    c.round = {"2021", "2021-09-01", "00:00", "+06:00"};
    c.list_date = "2021-06-01";
    c.region_list_dates = {{"59", "2021-07-01"}};
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

BOOST_AUTO_TEST_CASE(an_administrator_sets_the_calendar_and_everyone_reads_it) {
    Session admin = as("admin", Role::Administrator);
    auto set = set_census_calendar(admin, calendar_2021());
    BOOST_REQUIRE_MESSAGE(set, (set ? "" : set.error().message_id));
    Session custodian = as("custodian", Role::Custodian);
    auto read = census_calendar(custodian);
    BOOST_REQUIRE(read);
    BOOST_TEST(read->round.reference_moment() == "2021-09-01T00:00:00+06:00");
    BOOST_TEST(read->list_date == "2021-06-01");
    BOOST_TEST((read->region_list_dates == std::vector<RegionListDate>{{"59", "2021-07-01"}}));
    BOOST_TEST(read->online_from == "2021-09-01");
    BOOST_TEST(read->online_to == "2021-10-15");
    BOOST_TEST(read->tablet_from == "2021-10-01");
    BOOST_TEST(read->tablet_to == "2021-10-30");
    BOOST_TEST(read->end_date == "2021-10-30");
    BOOST_TEST(read->order_number == "143");
    BOOST_TEST(read->order_date == "2021-06-28");

    AuditFilter filter;
    filter.action_prefix = "settings.census_calendar";
    Session supervisor = as("supervisor", Role::Supervisor);
    auto trail = list_audit(supervisor, filter);
    BOOST_REQUIRE(trail);
    BOOST_REQUIRE(trail->size() == 1u);
    BOOST_TEST(trail->front().details.find("2021-10-30") != std::string::npos);

    // Another round's name: the 2021 dates are not its dates.
    BOOST_REQUIRE(set_census_round(admin, {"2026", "2026-10-01", "00:00", "+05:00"}));
    read = census_calendar(custodian);
    BOOST_REQUIRE(read);
    BOOST_TEST(read->round.name == "2026");
    BOOST_TEST(read->empty());
}

BOOST_AUTO_TEST_CASE(only_administrators_set_the_calendar_and_a_bad_one_is_refused) {
    for (auto [user, role] : {std::pair{"officer", Role::Officer}, std::pair{"custodian", Role::Custodian},
                              std::pair{"supervisor", Role::Supervisor}}) {
        Session s = as(user, role);
        auto refused = set_census_calendar(s, calendar_2021());
        BOOST_REQUIRE(!refused);
        BOOST_TEST((refused.error().code == ErrorCode::PermissionDenied));
    }
    Session admin = as("admin", Role::Administrator);
    auto bad = calendar_2021();
    bad.end_date = "2021-10-01";
    auto refused = set_census_calendar(admin, bad);
    BOOST_REQUIRE(!refused);
    BOOST_TEST((refused.error().code == ErrorCode::InvalidInput));
    BOOST_TEST(census_calendar(admin)->empty());  // nothing of it kept
}

BOOST_AUTO_TEST_SUITE_END()
