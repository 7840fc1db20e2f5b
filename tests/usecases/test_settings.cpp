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
