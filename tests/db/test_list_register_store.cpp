// The stage-1 register and the responsible employees' appointments in the store (m011): what is
// put comes back, an unknown institution is refused, and with per-role keys the register sits in
// dept — an officer reaches it, a custodian does not, and the file a custodian can open (common)
// holds none of it.
#include <boost/test/unit_test.hpp>

#include "per_role_fixture.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

const std::string kBinA = with_check_digit("99034000111");
const std::string kBinB = with_check_digit("98120000333");
const std::string kIin1 = with_check_digit("85071530012");

ListDuty duty_of(const std::string& bin, bool owes, const std::string& deadline,
                 std::optional<std::int64_t> expected) {
    ListDuty d;
    d.institution_bin = bin;
    d.owes = owes;
    d.deadline = deadline;
    d.expected = expected;
    d.updated_at_utc = "2021-05-20T04:00:00Z";
    d.updated_by = "aigerim.officer";
    return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(list_register_store)

BOOST_FIXTURE_TEST_CASE(duties_round_trip_and_replace, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        BOOST_TEST(tx.list_register().available());
        must(tx.institutions().insert(sample_institution(kBinA, "Алматинский детский дом")));
        must(tx.institutions().insert(sample_institution(kBinB, "Школа-интернат №3")));
        must(tx.list_register().put(duty_of(kBinA, true, "2021-06-15", 120)));
        must(tx.list_register().put(duty_of(kBinB, false, "", std::nullopt)));
    });
    close();
    reopen();
    in_write(*ws, [](StoreSession& tx) {
        const auto all = must(tx.list_register().list());
        BOOST_REQUIRE_EQUAL(all.size(), 2u);
        const auto& a = all[0].institution_bin == kBinA ? all[0] : all[1];
        const auto& b = all[0].institution_bin == kBinA ? all[1] : all[0];
        BOOST_TEST((a == duty_of(kBinA, true, "2021-06-15", 120)));
        BOOST_TEST((b == duty_of(kBinB, false, "", std::nullopt)));
        BOOST_TEST(!b.expected.has_value());
        must(tx.list_register().put(duty_of(kBinA, true, "2021-06-20", 0)));
        const auto again = must(tx.list_register().find(kBinA));
        BOOST_REQUIRE(again);
        BOOST_TEST(again->deadline == "2021-06-20");
        BOOST_TEST((again->expected == std::optional<std::int64_t>(0)));
        BOOST_TEST(!must(tx.list_register().find(with_check_digit("77123150034"))).has_value());
    });
}

BOOST_FIXTURE_TEST_CASE(a_duty_of_an_unregistered_institution_is_refused, FreshWorkspace) {
    const auto st = ws->write([](StoreSession& tx) {
        return tx.list_register().put(duty_of(kBinA, true, "2021-06-15", 1));
    });
    BOOST_REQUIRE(!st.has_value());
    BOOST_TEST((st.error().code == ErrorCode::NotFound));
}

BOOST_FIXTURE_TEST_CASE(an_appointment_order_and_training_round_trip_with_the_employee, FreshWorkspace) {
    std::int64_t id = 0;
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.institutions().insert(sample_institution(kBinA, "Алматинский детский дом")));
        auto e = sample_employee(kBinA, kIin1, "Серікова Айгерім");
        e.appointment_order_number = "12-к";
        e.appointment_order_date = "2021-05-20";
        e.trained_on = "2021-05-31";
        id = must(tx.staff().insert(e));
    });
    close();
    reopen();
    in_write(*ws, [&](StoreSession& tx) {
        auto e = must(tx.staff().find(id));
        BOOST_REQUIRE(e);
        BOOST_TEST(e->appointment_order_number == "12-к");
        BOOST_TEST(e->appointment_order_date == "2021-05-20");
        BOOST_TEST(e->trained_on == "2021-05-31");
        BOOST_TEST(must(tx.staff().list(kBinA)).at(0).trained_on == "2021-05-31");
        BOOST_TEST(must(tx.staff().find_by_iin(kIin1))->appointment_order_number == "12-к");
        e->appointment_order_number.clear();
        e->appointment_order_date.clear();
        e->trained_on.clear();
        must(tx.staff().update(*e));
        const auto cleared = must(tx.staff().find(id));
        BOOST_TEST(cleared->appointment_order_number.empty());
        BOOST_TEST(cleared->trained_on.empty());
    });
}

BOOST_FIXTURE_TEST_CASE(per_role_keys_keep_the_register_in_dept_out_of_a_custodians_reach, PerRoleFixture) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.institutions().insert(sample_institution(kBinA, "Алматинский детский дом")));
    });
    // A transaction writes one part beside the audit trail: the register is dept's.
    in_write(*ws, [](StoreSession& tx) {
        BOOST_TEST(tx.list_register().available());
        must(tx.list_register().put(duty_of(kBinA, true, "2021-06-15", 120)));
    });
    sign_in(kOfficer);
    in_read(*ws, [](StoreSession& tx) {
        BOOST_TEST(tx.list_register().available());
        BOOST_TEST(must(tx.list_register().list()).size() == 1u);
    });
    sign_in(kCustodian);
    in_read(*ws, [](StoreSession& tx) { BOOST_TEST(!tx.list_register().available()); });
    ws.reset();
    // The custodian's own key opens common: no register table there, and no row of it.
    const auto keys = keys_of(kCustodian);
    auto common = must(db::Database::open(dir / "common.1.db", &keys.parts.at(Part::Common),
                                          db::Database::Mode::OpenExisting));
    BOOST_TEST(!common->query("SELECT 1 FROM sqlite_master WHERE name = 'list_register'").step());
    BOOST_TEST(common->query("SELECT 1 FROM sqlite_master WHERE name = 'staff_appointments'").step());
    common->reset_cached();
}

BOOST_AUTO_TEST_SUITE_END()
