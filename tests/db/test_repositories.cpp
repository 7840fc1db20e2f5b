// Each repository against a real workspace: what it stores comes back, and the documented
// AlreadyExists / NotFound / RefusedByState cases.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <map>
#include <tuple>

#include "core/domain/clock.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

const std::string kBinA = with_check_digit("99034000111");
const std::string kBinB = with_check_digit("98120000333");
const std::string kIin1 = with_check_digit("85071530012");
const std::string kIin2 = with_check_digit("90010140023");
const std::string kIin3 = with_check_digit("77123150034");

/// Two institutions (B sorts first by BIN, A first by Russian name) and three employees.
struct Registers : FreshWorkspace {
    std::int64_t e1 = 0, e2 = 0, e3 = 0;
    Registers() {
        in_write(*ws, [&](StoreSession& tx) {
            must(tx.institutions().insert(sample_institution(kBinA, "Алматинский детский дом")));
            must(tx.institutions().insert(sample_institution(kBinB, "Школа-интернат №3")));
            e1 = must(tx.staff().insert(sample_employee(kBinA, kIin1, "Серікова Айгерім")));
            e2 = must(tx.staff().insert(sample_employee(kBinB, kIin2, "Ахметов Бауыржан")));
            e3 = must(tx.staff().insert(sample_employee(kBinA, kIin3, "Иванова Мария")));
        });
    }
};

KitIssue issue_of(const std::string& kit, std::int64_t employee, const std::string& act,
                  const std::string& issued = "2026-09-01T05:00:00Z", const std::string& due = "") {
    KitIssue i;
    i.kit_number = kit;
    i.employee_id = employee;
    i.issue_act = act;
    i.issued_at_utc = issued;
    i.due_date = due;
    return i;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(repositories)

BOOST_FIXTURE_TEST_CASE(users, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        User u;
        u.name = "officer.b";
        u.full_name = "Бауыржан";
        u.role = Role::Officer;
        u.created_at_utc = "2026-09-01T03:00:00Z";
        const auto id = must(tx.users().insert(u));
        BOOST_TEST(id > 0);
        u.name = "admin.a";
        u.role = Role::Administrator;
        must(tx.users().insert(u));
        auto dup = tx.users().insert(u);
        BOOST_REQUIRE(!dup);
        BOOST_TEST((dup.error().code == ErrorCode::AlreadyExists));

        const auto list = must(tx.users().list());
        BOOST_REQUIRE(list.size() == 2u);
        BOOST_TEST(list[0].name == "admin.a");  // by name
        BOOST_TEST(list[1].id == id);

        User changed = list[1];
        changed.role = Role::Custodian;
        changed.active = false;
        changed.full_name = "Бауыржан Ахметов";
        must(tx.users().update(changed));
        auto found = must(tx.users().find("officer.b"));
        BOOST_REQUIRE(found.has_value());
        BOOST_TEST((found->role == Role::Custodian));
        BOOST_TEST(!found->active);
        BOOST_TEST(found->full_name == "Бауыржан Ахметов");
        BOOST_TEST(found->created_at_utc == "2026-09-01T03:00:00Z");

        changed.name = "ghost";
        BOOST_TEST((tx.users().update(changed).error().code == ErrorCode::NotFound));
        must(tx.users().remove("officer.b"));
        BOOST_TEST(!must(tx.users().find("officer.b")).has_value());
        BOOST_TEST((tx.users().remove("officer.b").error().code == ErrorCode::NotFound));
    });
}

BOOST_FIXTURE_TEST_CASE(settings, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        BOOST_TEST(!must(tx.settings().get("census.round")).has_value());
        must(tx.settings().set("census.round", "2026"));
        must(tx.settings().set("census.round", "2027"));
        BOOST_TEST(*must(tx.settings().get("census.round")) == "2027");
        must(tx.settings().set("department.name_kk", "Алматы облысы статистика департаменті"));
        BOOST_TEST(*must(tx.settings().get("department.name_kk")) == "Алматы облысы статистика департаменті");
    });
}

BOOST_FIXTURE_TEST_CASE(institutions, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.institutions().insert(sample_institution(kBinB, "Школа-интернат №3")));
        must(tx.institutions().insert(sample_institution(kBinA, "Алматинский детский дом")));
        BOOST_TEST((tx.institutions().insert(sample_institution(kBinA, "x")).error().code == ErrorCode::AlreadyExists));
        const auto list = must(tx.institutions().list());
        BOOST_REQUIRE(list.size() == 2u);
        BOOST_TEST(list[0].bin == kBinA);  // by name_ru
        auto changed = list[0];
        changed.type = InstitutionType::MilitaryUnit;
        changed.kato = KatoCode{"195020100", "2013"};
        changed.address = "new address";
        must(tx.institutions().update(changed));
        auto found = must(tx.institutions().find(kBinA));
        BOOST_REQUIRE(found.has_value());
        BOOST_TEST((found->type == InstitutionType::MilitaryUnit));
        BOOST_TEST(found->kato.code == "195020100");
        BOOST_TEST(found->kato.classifier_version == "2013");
        BOOST_TEST(found->address == "new address");
        BOOST_TEST(found->name_kk == "Алматинский детский дом (kk)");
        changed.bin = with_check_digit("97010000444");
        BOOST_TEST((tx.institutions().update(changed).error().code == ErrorCode::NotFound));
        BOOST_TEST(!must(tx.institutions().find(changed.bin)).has_value());
    });
}

BOOST_FIXTURE_TEST_CASE(staff, Registers) {
    in_write(*ws, [&](StoreSession& tx) {
        auto one = must(tx.staff().find(e1));
        BOOST_REQUIRE(one.has_value());
        BOOST_TEST(one->iin == kIin1);
        BOOST_TEST(one->institution_bin == kBinA);
        BOOST_TEST(must(tx.staff().find_by_iin(kIin2))->id == e2);
        BOOST_TEST(!must(tx.staff().find(9999)).has_value());

        const auto all = must(tx.staff().list(""));
        BOOST_REQUIRE(all.size() == 3u);
        BOOST_TEST(all[0].full_name == "Ахметов Бауыржан");  // by full name
        const auto of_a = must(tx.staff().list(kBinA));
        BOOST_REQUIRE(of_a.size() == 2u);
        BOOST_TEST(of_a[0].full_name == "Иванова Мария");

        auto dup = sample_employee(kBinB, kIin1, "someone");
        BOOST_TEST((tx.staff().insert(dup).error().code == ErrorCode::AlreadyExists));
        auto orphan = sample_employee(with_check_digit("97010000444"), with_check_digit("88020250045"), "x");
        BOOST_TEST((tx.staff().insert(orphan).error().code == ErrorCode::NotFound));

        auto moved = *one;
        moved.institution_bin = kBinB;
        moved.phone = "+7 777 111 22 33";
        must(tx.staff().update(moved));
        BOOST_TEST(must(tx.staff().find(e1))->institution_bin == kBinB);
        moved.iin = kIin2;  // taken by e2
        BOOST_TEST((tx.staff().update(moved).error().code == ErrorCode::AlreadyExists));
        moved.id = 9999;
        moved.iin = kIin1;
        BOOST_TEST((tx.staff().update(moved).error().code == ErrorCode::NotFound));
    });
}

BOOST_FIXTURE_TEST_CASE(kits_store_every_component, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        auto kit = sample_kit("KIT-0042", "0042");
        kit.tablet.imei = "356938035643809";
        kit.note = "новый";
        must(tx.kits().insert(kit));
        auto found = must(tx.kits().find("KIT-0042"));
        BOOST_REQUIRE(found.has_value());
        BOOST_TEST(found->tablet.model == kit.tablet.model);
        BOOST_TEST(found->tablet.serial == "R9TS0042");
        BOOST_TEST(found->tablet.imei == "356938035643809");
        BOOST_TEST(found->tablet.usb_serial == "USB0042");
        BOOST_TEST(found->note == "новый");
        BOOST_TEST((found->state == KitState::InStock));
        BOOST_REQUIRE(found->components.size() == std::size(kAllComponents));
        for (std::size_t i = 0; i < found->components.size(); ++i)
            BOOST_TEST((found->components[i].type == kAllComponents[i]));
        BOOST_TEST(found->component(ComponentType::Charger)->serial == "CH-0042");
        BOOST_TEST(must(tx.kits().find_by_usb_serial("USB0042"))->number == "KIT-0042");
        BOOST_TEST(!must(tx.kits().find_by_usb_serial("")).has_value());
        BOOST_TEST(!must(tx.kits().find("KIT-0043")).has_value());

        auto same_number = sample_kit("KIT-0042", "9999");
        BOOST_TEST((tx.kits().insert(same_number).error().code == ErrorCode::AlreadyExists));
        auto same_tablet = sample_kit("KIT-0043", "0043");
        same_tablet.tablet.serial = "R9TS0042";
        auto e = tx.kits().insert(same_tablet).error();
        BOOST_TEST((e.code == ErrorCode::AlreadyExists));
        BOOST_TEST(e.args.at(1) == "KIT-0042");
        auto same_usb = sample_kit("KIT-0044", "0044");
        same_usb.tablet.usb_serial = "USB0042";
        BOOST_TEST((tx.kits().insert(same_usb).error().code == ErrorCode::AlreadyExists));
        // Empty serials are "unknown", not a clash.
        auto a = sample_kit("KIT-0045", "0045");
        auto b = sample_kit("KIT-0046", "0046");
        a.tablet.usb_serial = b.tablet.usb_serial = "";
        must(tx.kits().insert(a));
        must(tx.kits().insert(b));

        found->state = KitState::PartlyReturned;
        found->component(ComponentType::Stylus)->status = ComponentStatus::Missing;
        found->component(ComponentType::ProtectiveCase)->status = ComponentStatus::Damaged;
        found->component(ComponentType::ProtectiveCase)->note = "трещина на углу, 5% _ x41 '\" ";
        found->component(ComponentType::PowerBank)->serial = "PB 0042 x";
        found->tablet.usb_serial = "USB0042-NEW";
        must(tx.kits().update(*found));
        auto again = must(tx.kits().find("KIT-0042"));
        BOOST_TEST((again->state == KitState::PartlyReturned));
        BOOST_TEST((again->component(ComponentType::Stylus)->status == ComponentStatus::Missing));
        BOOST_TEST(again->component(ComponentType::ProtectiveCase)->note == "трещина на углу, 5% _ x41 '\" ");
        BOOST_TEST(again->component(ComponentType::PowerBank)->serial == "PB 0042 x");
        BOOST_TEST(again->component(ComponentType::Stylus)->serial == "");
        const auto listed = must(tx.kits().list(KitQuery{{}, false, "KIT-0042"}));
        BOOST_REQUIRE(listed.size() == 1u);
        BOOST_TEST(listed[0].component(ComponentType::PowerBank)->serial == "PB 0042 x");
        for (std::size_t i = 0; i < listed[0].components.size(); ++i)
            BOOST_TEST((listed[0].components[i].type == kAllComponents[i]));
        BOOST_TEST(again->tablet.usb_serial == "USB0042-NEW");
        BOOST_TEST(again->components.size() == std::size(kAllComponents));

        auto stolen = *again;
        stolen.number = "KIT-0045";
        stolen.components = a.components;
        BOOST_TEST((tx.kits().update(stolen).error().code == ErrorCode::AlreadyExists));  // serials of 0042
        stolen.number = "KIT-9999";
        BOOST_TEST((tx.kits().update(stolen).error().code == ErrorCode::NotFound));
    });
}

BOOST_FIXTURE_TEST_CASE(kit_list_and_count_filter_and_page, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        for (int i = 1; i <= 30; ++i) {
            char number[16];
            std::snprintf(number, sizeof number, "KIT-%04d", i);
            auto kit = sample_kit(number, std::to_string(5000 + i));
            if (i % 3 == 0) kit.state = KitState::Issued;
            if (i % 10 == 0) kit.state = KitState::PartlyReturned;
            if (i == 7) kit.tablet.model = "Lenovo Tab M10 100%_Special";
            must(tx.kits().insert(kit));
        }
        KitQuery all;
        BOOST_TEST(must(tx.kits().count(all)) == 30);
        auto page = must(tx.kits().list(KitQuery{{}, false, "", 10, 5}));
        BOOST_REQUIRE(page.size() == 5u);
        BOOST_TEST(page[0].number == "KIT-0011");
        BOOST_TEST(page[4].number == "KIT-0015");
        BOOST_TEST(page[2].components.size() == std::size(kAllComponents));

        KitQuery issued{KitState::Issued};
        BOOST_TEST(must(tx.kits().count(issued)) == 9);  // multiples of 3 but 30
        KitQuery outstanding{{}, true};
        BOOST_TEST(must(tx.kits().count(outstanding)) == 12);  // and 10, 20, 30 partly returned
        for (const auto& k : must(tx.kits().list(outstanding))) BOOST_TEST(is_outstanding(k.state));

        KitQuery text{{}, false, "usb5012"};  // case-insensitive substring of the USB serial
        auto by_usb = must(tx.kits().list(text));
        BOOST_REQUIRE(by_usb.size() == 1u);
        BOOST_TEST(by_usb[0].number == "KIT-0012");
        BOOST_TEST(must(tx.kits().count(KitQuery{{}, false, "KIT-001"})) == 10);
        BOOST_TEST(must(tx.kits().count(KitQuery{{}, false, "100%_"})) == 1);    // % and _ are literal
        BOOST_TEST(must(tx.kits().count(KitQuery{{}, false, "%"})) == 1);
        BOOST_TEST(must(tx.kits().count(KitQuery{KitState::Issued, false, "KIT-001"})) == 3);  // 12, 15, 18
        BOOST_TEST(must(tx.kits().list(KitQuery{KitState::Issued, false, "KIT-001", 0, 1})).size() == 1u);
    });
}

BOOST_FIXTURE_TEST_CASE(custody_issues_history_and_outstanding, Registers) {
    in_write(*ws, [&](StoreSession& tx) {
        for (auto n : {"KIT-0001", "KIT-0002", "KIT-0003", "KIT-0004"}) {
            auto kit = sample_kit(n, std::string(n).substr(4));
            kit.state = KitState::Issued;
            must(tx.kits().insert(kit));
        }
        const auto first = must(tx.custody().open_issue(issue_of("KIT-0001", e1, "SQ-I-2026-000001",
                                                                 "2026-09-01T05:00:00Z", "2026-09-20")));
        must(tx.custody().open_issue(issue_of("KIT-0002", e2, "SQ-I-2026-000002", "2026-09-05T05:00:00Z")));
        must(tx.custody().open_issue(issue_of("KIT-0003", e3, "SQ-I-2026-000003", "2026-09-10T05:00:00Z",
                                              "2026-12-31")));
        auto twice = tx.custody().open_issue(issue_of("KIT-0001", e2, "SQ-I-2026-000009"));
        BOOST_REQUIRE(!twice);
        BOOST_TEST((twice.error().code == ErrorCode::RefusedByState));
        BOOST_TEST((tx.custody().open_issue(issue_of("KIT-0404", e1, "x")).error().code == ErrorCode::NotFound));
        BOOST_TEST((tx.custody().open_issue(issue_of("KIT-0004", 777, "x")).error().code == ErrorCode::NotFound));

        auto open = must(tx.custody().open_issue_for("KIT-0001"));
        BOOST_REQUIRE(open.has_value());
        BOOST_TEST(open->id == first);
        BOOST_TEST(open->employee_id == e1);
        BOOST_TEST(open->due_date == "2026-09-20");
        BOOST_TEST(!open->closed_at_utc.has_value());

        // KIT-0003 comes back partly: the stylus is still out.
        auto kit3 = *must(tx.kits().find("KIT-0003"));
        kit3.state = KitState::PartlyReturned;
        kit3.component(ComponentType::Stylus)->status = ComponentStatus::Missing;
        must(tx.kits().update(kit3));
        auto issue3 = *must(tx.custody().open_issue_for("KIT-0003"));
        issue3.return_acts = {"SQ-R-2026-000001"};
        must(tx.custody().update_issue(issue3));

        // KIT-0002 comes back whole: closed, then issued again to someone else.
        auto issue2 = *must(tx.custody().open_issue_for("KIT-0002"));
        issue2.closed_at_utc = "2026-09-15T10:00:00Z";
        issue2.return_acts = {"SQ-R-2026-000002"};
        must(tx.custody().update_issue(issue2));
        BOOST_TEST(!must(tx.custody().open_issue_for("KIT-0002")).has_value());
        must(tx.custody().open_issue(issue_of("KIT-0002", e3, "SQ-I-2026-000004", "2026-09-16T05:00:00Z")));
        const auto history = must(tx.custody().history("KIT-0002"));
        BOOST_REQUIRE(history.size() == 2u);
        BOOST_TEST(history[0].employee_id == e2);  // oldest first
        BOOST_TEST(*history[0].closed_at_utc == "2026-09-15T10:00:00Z");
        BOOST_TEST(history[0].return_acts == std::vector<std::string>{"SQ-R-2026-000002"});
        BOOST_TEST(history[1].employee_id == e3);
        KitIssue ghost;
        ghost.id = 4242;
        BOOST_TEST((tx.custody().update_issue(ghost).error().code == ErrorCode::NotFound));

    });
}

BOOST_FIXTURE_TEST_CASE(outstanding_report_rows, Registers) {
    in_write(*ws, [&](StoreSession& tx) {
        for (auto n : {"KIT-0001", "KIT-0002", "KIT-0003"}) {
            auto kit = sample_kit(n, std::string(n).substr(4));
            kit.state = KitState::Issued;
            must(tx.kits().insert(kit));
        }
        must(tx.custody().open_issue(issue_of("KIT-0003", e1, "SQ-I-2026-000001", "2026-09-01T05:00:00Z", "2026-09-20")));
        must(tx.custody().open_issue(issue_of("KIT-0001", e3, "SQ-I-2026-000002", "2026-09-05T05:00:00Z")));
        must(tx.custody().open_issue(issue_of("KIT-0002", e2, "SQ-I-2026-000003", "2026-09-10T05:00:00Z", "2026-12-31")));
        auto kit1 = *must(tx.kits().find("KIT-0001"));
        kit1.state = KitState::PartlyReturned;
        kit1.component(ComponentType::Stylus)->status = ComponentStatus::Missing;
        kit1.component(ComponentType::PowerBank)->status = ComponentStatus::Missing;
        kit1.component(ComponentType::ProtectiveCase)->status = ComponentStatus::Damaged;
        kit1.component(ComponentType::ProtectiveCase)->note = "сломан замок";
        must(tx.kits().update(kit1));
        auto issue1 = *must(tx.custody().open_issue_for("KIT-0001"));
        issue1.return_acts = {"SQ-R-2026-000001", "SQ-R-2026-000002"};
        must(tx.custody().update_issue(issue1));

        const auto out = must(tx.custody().outstanding("2026-10-01"));
        BOOST_REQUIRE(out.size() == 3u);
        // Sorted by institution BIN, then kit number.
        const auto& [lo, hi] = std::minmax(kBinA, kBinB);
        BOOST_TEST(out[0].institution.bin == lo);
        BOOST_TEST(out[2].institution.bin == hi);
        for (std::size_t i = 1; i < out.size(); ++i)
            BOOST_TEST((out[i - 1].institution.bin < out[i].institution.bin ||
                        (out[i - 1].institution.bin == out[i].institution.bin &&
                         out[i - 1].kit.number < out[i].kit.number)));
        for (const auto& row : out) {
            BOOST_TEST(row.holder.institution_bin == row.institution.bin);
            BOOST_TEST(row.issue.kit_number == row.kit.number);
            BOOST_TEST(!row.issue.closed_at_utc);
            // The port: components and return acts are left out of the report (find the kit).
            BOOST_TEST(row.kit.components.empty());
            BOOST_TEST(row.issue.return_acts.empty());
            if (row.kit.number == "KIT-0003") {
                BOOST_TEST(row.holder.id == e1);
                BOOST_TEST(row.overdue);  // due 2026-09-20
                BOOST_TEST(row.days_out == 30);
                BOOST_TEST(row.owed.size() == std::size(kAllComponents));
                BOOST_TEST(row.institution.name_ru == "Алматинский детский дом");
            } else if (row.kit.number == "KIT-0001") {
                BOOST_TEST(row.holder.id == e3);
                BOOST_TEST(!row.overdue);  // no due date
                BOOST_TEST(row.days_out == 26);
                BOOST_TEST((row.owed == std::vector<ComponentType>{ComponentType::Stylus, ComponentType::PowerBank}));
                BOOST_TEST((row.kit.state == KitState::PartlyReturned));
                BOOST_TEST(row.issue.issue_act == "SQ-I-2026-000002");
                BOOST_TEST(row.holder.full_name == "Иванова Мария");
                // What the report leaves out is one find away.
                const auto kit = *must(tx.kits().find(row.kit.number));
                BOOST_TEST(kit.component(ComponentType::ProtectiveCase)->note == "сломан замок");
                BOOST_TEST(kit.component(ComponentType::Charger)->serial == "CH-0001");
                BOOST_TEST(must(tx.custody().open_issue_for(row.kit.number))->return_acts ==
                           (std::vector<std::string>{"SQ-R-2026-000001", "SQ-R-2026-000002"}));
            } else {
                BOOST_TEST(row.kit.number == "KIT-0002");
                BOOST_TEST(row.holder.id == e2);
                BOOST_TEST(!row.overdue);
                BOOST_TEST(row.days_out == 21);
            }
        }
        // A closed issue leaves the report.
        auto issue2 = *must(tx.custody().open_issue_for("KIT-0002"));
        issue2.closed_at_utc = "2026-10-01T09:00:00Z";
        must(tx.custody().update_issue(issue2));
        BOOST_TEST(must(tx.custody().outstanding("2026-10-01")).size() == 2u);
    });
}

BOOST_FIXTURE_TEST_CASE(outstanding_report_orders_many_rows_and_keeps_each_holder, Registers) {
    // Kits registered in an order unrelated to their numbers, issued to the three employees
    // (two institutions) in a scattered pattern, some closed again, some partly returned:
    // the report must come back sorted with every row's own issue, holder and institution.
    struct Expected {
        std::int64_t employee;
        std::string act, issued, due;
        bool partly = false;
    };
    std::map<std::string, Expected> expected;
    in_write(*ws, [&](StoreSession& tx) {
        const std::int64_t holders[] = {e1, e2, e3};
        for (int i = 0; i < 45; ++i) {
            const int n = (i * 17) % 45;  // a permutation of 0..44
            char number[16];
            std::snprintf(number, sizeof number, "KIT-%04d", 100 + n);
            auto kit = sample_kit(number, std::to_string(1000 + n));
            kit.state = KitState::Issued;
            must(tx.kits().insert(kit));
            char act[32], issued[32];
            std::snprintf(act, sizeof act, "SQ-I-2026-%06d", 500 + i);
            std::snprintf(issued, sizeof issued, "2026-09-%02dT05:00:00Z", 1 + n % 7);
            Expected e{holders[(n * 7) % 3], act, issued, n % 5 ? "" : "2026-09-15", false};
            must(tx.custody().open_issue(issue_of(number, e.employee, e.act, e.issued, e.due)));
            if (n % 9 == 4) {  // closed: not in the report
                auto issue = *must(tx.custody().open_issue_for(number));
                issue.closed_at_utc = "2026-09-30T10:00:00Z";
                must(tx.custody().update_issue(issue));
                kit.state = KitState::InStock;
                must(tx.kits().update(kit));
                continue;
            }
            if (n % 6 == 1) {
                kit.state = KitState::PartlyReturned;
                kit.component(ComponentType::UsbCable)->status = ComponentStatus::Missing;
                must(tx.kits().update(kit));
                e.partly = true;
            }
            expected[number] = e;
        }
    });
    must(ws->read([&](StoreSession& tx) -> Status {
        const auto out = must(tx.custody().outstanding("2026-10-01"));
        BOOST_REQUIRE(out.size() == expected.size());
        for (std::size_t i = 1; i < out.size(); ++i)
            BOOST_TEST((std::tie(out[i - 1].institution.bin, out[i - 1].kit.number) <
                        std::tie(out[i].institution.bin, out[i].kit.number)));
        for (const auto& row : out) {
            const auto& e = expected.at(row.kit.number);
            BOOST_TEST(row.holder.id == e.employee);
            BOOST_TEST(row.issue.employee_id == e.employee);
            BOOST_TEST(row.holder.institution_bin == row.institution.bin);
            BOOST_TEST(row.institution.bin == (e.employee == e2 ? kBinB : kBinA));
            BOOST_TEST(row.issue.issue_act == e.act);
            BOOST_TEST(row.issue.issued_at_utc == e.issued);
            BOOST_TEST(row.kit.tablet.serial == "R9TS" + std::to_string(1000 + std::stoi(row.kit.number.substr(4)) - 100));
            BOOST_TEST(row.days_out == days_between(e.issued.substr(0, 10), "2026-10-01"));
            BOOST_TEST(row.overdue == !e.due.empty());
            if (e.partly)
                BOOST_TEST((row.owed == std::vector<ComponentType>{ComponentType::UsbCable}));
            else
                BOOST_TEST(row.owed.size() == std::size(kAllComponents));
        }
        return {};
    }));
}

BOOST_FIXTURE_TEST_CASE(acts_numbers_snapshots_and_lists, Registers) {
    Act act;
    in_write(*ws, [&](StoreSession& tx) {
        BOOST_TEST(must(tx.acts().next_number(ActKind::Issue, 2026)) == "SQ-I-2026-000001");
        BOOST_TEST(must(tx.acts().next_number(ActKind::Issue, 2026)) == "SQ-I-2026-000002");
        BOOST_TEST(must(tx.acts().next_number(ActKind::Return, 2026)) == "SQ-R-2026-000001");
        BOOST_TEST(must(tx.acts().next_number(ActKind::Issue, 2027)) == "SQ-I-2027-000001");
        BOOST_TEST((tx.acts().next_number(ActKind::Issue, 99).error().code == ErrorCode::InvalidInput));

        act.number = must(tx.acts().next_number(ActKind::Issue, 2026));
        act.kind = ActKind::Issue;
        act.date = "2026-09-01";
        act.created_at_utc = "2026-09-01T05:00:00Z";
        act.department = {"Статистика департаменті", "Департамент статистики", "Конаев", "Әбенова Ж."};
        act.officer = "zhanar.admin";
        act.institution = *must(tx.institutions().find(kBinA));
        act.employee = *must(tx.staff().find(e1));
        act.lines = {{"KIT-0002", ComponentType::Tablet, "R9TS0002", "Samsung", LineOutcome::Handed, ""},
                     {"KIT-0002", ComponentType::Stylus, "", "", LineOutcome::Handed, ""},
                     {"KIT-0001", ComponentType::Tablet, "R9TS0001", "Samsung", LineOutcome::Handed, ""}};
        act.paper = {{PaperItem::CompletionCertificates, 50, 0, 0}};
        act.due_date = "2026-10-15";
        must(tx.acts().insert(act));
        BOOST_TEST((tx.acts().insert(act).error().code == ErrorCode::AlreadyExists));
    });
    BOOST_TEST(act.number == "SQ-I-2026-000003");
    // A rolled-back transaction gives its number back.
    auto failed = ws->write([](StoreSession& tx) -> Status {
        (void)tx.acts().next_number(ActKind::Issue, 2026);
        return fail(ErrorCode::RefusedByState, "stop");
    });
    BOOST_TEST(!failed);
    in_write(*ws, [&](StoreSession& tx) {
        BOOST_TEST(must(tx.acts().next_number(ActKind::Issue, 2026)) == "SQ-I-2026-000004");
        Act later = act;
        later.number = "SQ-R-2026-000001";
        later.kind = ActKind::Return;
        later.date = "2026-10-10";
        later.lines = {{"KIT-0002", ComponentType::Tablet, "R9TS0002", "Samsung", LineOutcome::ReturnedInOrder, ""}};
        must(tx.acts().insert(later));
    });
    must(ws->read([&](StoreSession& tx) -> Status {
        auto found = must(tx.acts().find(act.number));
        BOOST_REQUIRE(found.has_value());
        BOOST_TEST(act_to_json(*found) == act_to_json(act));  // frozen exactly
        BOOST_TEST(found->content_digest() == act.content_digest());
        BOOST_TEST(!must(tx.acts().find("SQ-I-1999-000001")).has_value());

        const auto all = must(tx.acts().list(""));
        BOOST_REQUIRE(all.size() == 2u);
        BOOST_TEST(all[0].number == "SQ-R-2026-000001");  // newest first
        BOOST_TEST((all[0].kind == ActKind::Return));
        BOOST_TEST(all[1].kits == (std::vector<std::string>{"KIT-0001", "KIT-0002"}));
        BOOST_TEST(all[1].institution_bin == kBinA);
        BOOST_TEST(all[1].employee_id == e1);
        BOOST_TEST(must(tx.acts().list("KIT-0001")).size() == 1u);
        BOOST_TEST(must(tx.acts().list("KIT-0002")).size() == 2u);
        BOOST_TEST(must(tx.acts().list("KIT-0404")).empty());
        return {};
    }));
}

BOOST_FIXTURE_TEST_CASE(paper_ledger_sums_each_holders_account, Registers) {
    in_write(*ws, [&](StoreSession& tx) {
        const auto zero = must(tx.paper().account_of(e1));
        BOOST_REQUIRE(zero.size() == std::size(kAllPaperItems));
        BOOST_TEST((zero[1] == PaperBalance{PaperItem::CompletionCertificates, 0, 0, 0}));
        const auto at = "2026-10-01T08:00:00Z";
        must(tx.paper().record_movement({e1, PaperItem::CompletionCertificates, PaperMovementKind::Issued, 50, "SQ-I-2026-000001", at}));
        must(tx.paper().record_movement({e1, PaperItem::CompletionCertificates, PaperMovementKind::Issued, 30, "SQ-I-2026-000002", at}));
        must(tx.paper().record_movement({e1, PaperItem::CompletionCertificates, PaperMovementKind::Used, 60, "SQ-R-2026-000001", at}));
        must(tx.paper().record_movement({e1, PaperItem::CompletionCertificates, PaperMovementKind::Returned, 5, "SQ-R-2026-000001", at}));
        must(tx.paper().record_movement({e1, PaperItem::Explanations, PaperMovementKind::Issued, 2, "SQ-I-2026-000001", at}));
        must(tx.paper().record_movement({e1, PaperItem::Explanations, PaperMovementKind::Returned, 2, "SQ-R-2026-000001", at}));
        // e2 settled to zero: not a holder any more.
        must(tx.paper().record_movement({e2, PaperItem::Explanations, PaperMovementKind::Issued, 3, "SQ-I-2026-000003", at}));
        must(tx.paper().record_movement({e2, PaperItem::Explanations, PaperMovementKind::Used, 3, "SQ-R-2026-000002", at}));
        must(tx.paper().record_movement({e3, PaperItem::Explanations, PaperMovementKind::Issued, 1, "SQ-I-2026-000004", at}));
        BOOST_TEST(!tx.paper().record_movement({e3, PaperItem::Explanations, PaperMovementKind::Issued, 0, "x", at}));
    });
    must(ws->read([&](StoreSession& tx) -> Status {
        const auto account = must(tx.paper().account_of(e1));
        BOOST_TEST((account[0] == PaperBalance{PaperItem::Explanations, 2, 0, 2}));
        BOOST_TEST((account[1] == PaperBalance{PaperItem::CompletionCertificates, 80, 60, 5}));
        BOOST_TEST(account[1].balance() == 15);
        const auto holders = must(tx.paper().holders());
        BOOST_REQUIRE(holders.size() == 2u);  // e1 and e3, both of kBinA, by name
        BOOST_TEST(holders[0].holder.full_name == "Иванова Мария");
        BOOST_TEST(holders[0].institution.bin == kBinA);
        BOOST_TEST(holders[1].holder.id == e1);
        BOOST_TEST(holders[1].items[1].balance() == 15);
        return {};
    }));
}

BOOST_FIXTURE_TEST_CASE(paper_stock_never_goes_below_zero, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        BOOST_TEST(must(tx.paper().on_hand(PaperItem::Explanations)) == 0);
        must(tx.paper().adjust(PaperItem::Explanations, 100));
        must(tx.paper().adjust(PaperItem::Explanations, -30));
        BOOST_TEST(must(tx.paper().on_hand(PaperItem::Explanations)) == 70);
        auto over = tx.paper().adjust(PaperItem::Explanations, -71);
        BOOST_REQUIRE(!over);
        BOOST_TEST((over.error().code == ErrorCode::RefusedByState));
        BOOST_TEST(over.error().args == (std::vector<std::string>{"explanations", "70", "71"}));
        BOOST_TEST(must(tx.paper().on_hand(PaperItem::Explanations)) == 70);
        BOOST_TEST(must(tx.paper().on_hand(PaperItem::CompletionCertificates)) == 0);
    });
}

BOOST_AUTO_TEST_SUITE_END()
