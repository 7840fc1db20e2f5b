// The stage-1 register's derived status around its deadline, the default deadline from the
// census calendar, and the register's neighbours in the domain: the kinds of institution the
// seeds name, and a responsible employee's appointment order and training.
#include <boost/test/unit_test.hpp>

#include "core/domain/list_register.h"
#include "core/usecases/demo.h"

using namespace sanaq;

namespace {
const std::string kBin = make_bin(2003, 5, 77);
}

BOOST_AUTO_TEST_SUITE(list_register)

BOOST_AUTO_TEST_CASE(a_list_that_came_on_the_deadline_is_on_time_and_the_day_after_is_late) {
    BOOST_CHECK((list_status(true, "2021-06-15", "2021-06-14", "2021-07-01") == ListStatus::Received));
    BOOST_CHECK((list_status(true, "2021-06-15", "2021-06-15", "2021-07-01") == ListStatus::Received));
    BOOST_CHECK((list_status(true, "2021-06-15", "2021-06-16", "2021-07-01") == ListStatus::Late));
}

BOOST_AUTO_TEST_CASE(nothing_is_pending_through_the_deadline_and_missing_the_day_after) {
    BOOST_CHECK((list_status(true, "2021-06-15", "", "2021-06-14") == ListStatus::Pending));
    BOOST_CHECK((list_status(true, "2021-06-15", "", "2021-06-15") == ListStatus::Pending));
    BOOST_CHECK((list_status(true, "2021-06-15", "", "2021-06-16") == ListStatus::Missing));
}

BOOST_AUTO_TEST_CASE(without_a_deadline_nothing_is_missing_or_late_and_an_owed_nothing_is_not_owed) {
    BOOST_CHECK((list_status(true, "", "", "2030-01-01") == ListStatus::Pending));
    BOOST_CHECK((list_status(true, "", "2030-01-01", "2030-01-01") == ListStatus::Received));
    BOOST_CHECK((list_status(false, "2021-06-15", "", "2021-07-01") == ListStatus::NotOwed));
    BOOST_CHECK((list_status(false, "2021-06-15", "2021-07-01", "2021-07-01") == ListStatus::NotOwed));
}

BOOST_AUTO_TEST_CASE(the_default_deadline_is_the_regions_list_date_plus_the_days) {
    CensusCalendar c;
    c.round = {"2021", "2021-09-01", "00:00", "+06:00"};
    BOOST_CHECK_EQUAL(default_list_deadline(c, "591010000"), "");  // no list date: none
    c.list_date = "2021-06-01";
    c.region_list_dates = {{"59", "2021-07-01"}};  // North Kazakhstan's own date
    static_assert(kListDeadlineDays == 14);
    BOOST_CHECK_EQUAL(default_list_deadline(c, "311010000"), "2021-06-15");
    BOOST_CHECK_EQUAL(default_list_deadline(c, "591010000"), "2021-07-15");
    c.list_date = "2021-12-25";  // across the year's end
    BOOST_CHECK_EQUAL(default_list_deadline(c, "311010000"), "2022-01-08");
}

BOOST_AUTO_TEST_CASE(the_day_a_list_came_is_the_census_zones_day) {
    // 19:30 UTC on the 15th is 00:30 on the 16th in the capital (+05:00): late for a deadline of
    // the 15th, as the person who carried it in would say.
    BOOST_CHECK_EQUAL(date_in_zone("2021-06-15T19:30:00Z", "+05:00"), "2021-06-16");
    BOOST_CHECK_EQUAL(date_in_zone("2021-06-15T18:59:59Z", "+05:00"), "2021-06-15");
    BOOST_CHECK_EQUAL(date_in_zone("2021-06-15T02:00:00Z", "-03:00"), "2021-06-14");
    BOOST_CHECK_EQUAL(date_in_zone("2021-06-15T19:30:00Z", ""), "2021-06-15");
    BOOST_CHECK_EQUAL(date_in_zone("not a time", "+05:00"), "");
}

BOOST_AUTO_TEST_CASE(the_tally_counts_late_lists_among_the_received) {
    RegisterTally t;
    for (auto s : {ListStatus::Received, ListStatus::Late, ListStatus::Missing, ListStatus::Pending,
                   ListStatus::NotOwed, ListStatus::Missing})
        t.add(s);
    BOOST_CHECK_EQUAL(t.owing, 5);
    BOOST_CHECK_EQUAL(t.received, 2);
    BOOST_CHECK_EQUAL(t.late, 1);
    BOOST_CHECK_EQUAL(t.missing, 2);
    BOOST_CHECK_EQUAL(t.pending, 1);
}

BOOST_AUTO_TEST_CASE(statuses_read_back_from_their_codes) {
    for (int i = 0; i < kListStatusCount; ++i) {
        const auto s = static_cast<ListStatus>(i);
        BOOST_CHECK((parse_list_status(list_status_code(s)) == s));
    }
    BOOST_CHECK(!parse_list_status("overdue"));
}

BOOST_AUTO_TEST_CASE(a_duty_is_checked) {
    ListDuty d{kBin, true, " 2021-06-15 ", 120};
    auto ok = validate(d);
    BOOST_REQUIRE(ok);
    BOOST_CHECK_EQUAL(ok->deadline, "2021-06-15");
    BOOST_CHECK(!validate(ListDuty{kBin, true, "2021-02-30", {}}));
    BOOST_CHECK(!validate(ListDuty{kBin, true, "", -1}));
    BOOST_CHECK(!validate(ListDuty{kBin, true, "", 1'000'001}));
    BOOST_CHECK(!validate(ListDuty{"123", true, "", {}}));
    BOOST_CHECK(validate(ListDuty{kBin, false, "", {}}));
}

BOOST_AUTO_TEST_CASE(the_seeds_kinds_of_institution_have_codes_and_old_codes_still_read) {
    for (auto [type, code] : {std::pair{InstitutionType::SanatoriumBoardingSchool, "sanatorium_boarding_school"},
                              std::pair{InstitutionType::ElderlyDisabledHome, "elderly_disabled_home"},
                              std::pair{InstitutionType::MilitarySchool, "military_school"},
                              std::pair{InstitutionType::ClosedTerritorialUnit, "closed_territorial_unit"}}) {
        BOOST_CHECK_EQUAL(institution_type_code(type), code);
        BOOST_CHECK((parse_institution_type(code) == type));
    }
    // Stored before the homes for the elderly had a kind of their own.
    BOOST_CHECK((parse_institution_type("social_service_centre") == InstitutionType::SocialServiceCentre));
    BOOST_CHECK((parse_institution_type("other") == InstitutionType::Other));
}

BOOST_AUTO_TEST_CASE(an_appointment_order_needs_number_and_date_and_training_follows_it) {
    ResponsibleEmployee e{0, kBin, "870102300123", "Оспанов Диас", "", ""};
    BOOST_CHECK(validate(e));
    BOOST_CHECK(!validate(e)->ready());
    e.appointment_order_number = "12-к";
    BOOST_CHECK(!validate(e));  // a number without its date
    e.appointment_order_date = "2021-05-20";
    e.trained_on = "2021-05-19";
    BOOST_CHECK(!validate(e));  // trained before being appointed
    e.trained_on = "2021-05-31";
    auto ok = validate(e);
    BOOST_REQUIRE(ok);
    BOOST_CHECK(ok->ready());
    e.trained_on = "2021-13-01";
    BOOST_CHECK(!validate(e));
    e.trained_on = "";
    e.appointment_order_number = std::string(65, '1');
    BOOST_CHECK(!validate(e));
}

BOOST_AUTO_TEST_SUITE_END()
