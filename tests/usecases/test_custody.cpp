// Issue and return under acts, against a real workspace.
#include <boost/test/unit_test.hpp>

#include "core/usecases/audit_review.h"
#include "support/staffed_workspace.h"

using namespace sanaq;

namespace {
std::int64_t audit_count(test::StaffedWorkspace& f) {
    Session s = f.as("supervisor", Role::Supervisor);
    return static_cast<std::int64_t>(verify_audit(s)->checked);
}
}  // namespace

BOOST_FIXTURE_TEST_SUITE(custody, test::StaffedWorkspace)

BOOST_AUTO_TEST_CASE(issue_freezes_an_act_with_every_part_and_the_paper) {
    Session officer = as("officer", Role::Officer);
    auto act = issue_kits(officer, {{"KIT-1001", "KIT-1002"}, employee_iin, 4, 100, "", "две единицы"});
    BOOST_REQUIRE_MESSAGE(act, (act ? "" : act.error().message_id));
    BOOST_TEST(act->number.rfind("SQ-I-", 0) == 0u);
    BOOST_TEST(act->lines.size() == 2 * std::size(kAllComponents));
    BOOST_TEST(act->employee.full_name == employee_name);
    BOOST_TEST(act->institution.bin == bin);
    BOOST_TEST(act->paper[0].handed == 4);
    auto stored = find_act(officer, act->number);
    BOOST_REQUIRE(stored);
    BOOST_TEST(stored->content_digest() == act->content_digest());  // a reprint is the same document
    BOOST_TEST((find_kit(officer, "KIT-1001")->state == KitState::Issued));
    BOOST_TEST(paper_stock(officer)->explanations == 96);
    BOOST_TEST(paper_stock(officer)->certificates == 900);
    auto out = outstanding_kits(officer);
    BOOST_TEST(out->size() == 2u);
    BOOST_TEST(out->front().holder.full_name == employee_name);
}

BOOST_AUTO_TEST_CASE(a_kit_cannot_be_issued_twice_or_while_under_repair) {
    Session officer = as("officer", Role::Officer);
    BOOST_REQUIRE(issue_kits(officer, {{"KIT-1001"}, employee_iin, 0, 0, "", ""}));
    auto again = issue_kits(officer, {{"KIT-1001"}, employee_iin, 0, 0, "", ""});
    BOOST_REQUIRE(!again);
    BOOST_TEST((again.error().code == ErrorCode::RefusedByState));
    BOOST_REQUIRE(service_kit(officer, "KIT-1002", KitService::SendToRepair, "экран"));
    auto repair = issue_kits(officer, {{"KIT-1002"}, employee_iin, 0, 0, "", ""});
    BOOST_REQUIRE(!repair);
    BOOST_TEST((repair.error().code == ErrorCode::RefusedByState));
}

BOOST_AUTO_TEST_CASE(a_failed_issue_changes_nothing) {
    Session officer = as("officer", Role::Officer);
    const auto before = audit_count(*this);
    // KIT-1001 is fine, KIT-9999 does not exist: the whole act is refused.
    auto act = issue_kits(officer, {{"KIT-1001", "KIT-9999"}, employee_iin, 0, 0, "", ""});
    BOOST_REQUIRE(!act);
    BOOST_TEST((act.error().code == ErrorCode::NotFound));
    BOOST_TEST((find_kit(officer, "KIT-1001")->state == KitState::InStock));
    // Paper beyond stock is refused as well, with no partial change.
    auto greedy = issue_kits(officer, {{"KIT-1001"}, employee_iin, 101, 0, "", ""});
    BOOST_REQUIRE(!greedy);
    BOOST_TEST((find_kit(officer, "KIT-1001")->state == KitState::InStock));
    BOOST_TEST(audit_count(*this) == before);
    BOOST_TEST(list_acts(officer, "")->empty());
}

BOOST_AUTO_TEST_CASE(partial_return_keeps_the_kit_outstanding_until_the_rest_comes_back) {
    Session officer = as("officer", Role::Officer);
    Session custodian = as("custodian", Role::Custodian);
    BOOST_REQUIRE(issue_kits(officer, {{"KIT-1003"}, employee_iin, 2, 50, "", ""}));
    auto back = return_kit(custodian, {"KIT-1003",
                                       {{ComponentType::Charger, LineOutcome::Missing, "утерян"},
                                        {ComponentType::ProtectiveCase, LineOutcome::Damaged, "трещина"}},
                                       2, 10, 40, ""});
    BOOST_REQUIRE_MESSAGE(back, (back ? "" : back.error().message_id));
    BOOST_TEST(back->lines.size() == std::size(kAllComponents));
    auto kit = find_kit(custodian, "KIT-1003");
    BOOST_TEST((kit->state == KitState::PartlyReturned));
    BOOST_TEST((owed_components(*kit) == std::vector<ComponentType>{ComponentType::Charger}));
    auto out = outstanding_kits(custodian);
    BOOST_REQUIRE(out->size() == 1u);
    BOOST_TEST((out->front().owed == std::vector<ComponentType>{ComponentType::Charger}));
    BOOST_TEST(out->front().holder.iin == mask_iin(employee_iin));  // custodians see no full IIN
    BOOST_TEST(paper_stock(custodian)->certificates == 960);

    // A second return may only name what is still owed.
    auto wrong = return_kit(custodian, {"KIT-1003", {{ComponentType::Stylus, LineOutcome::Missing, ""}}, 0, 0, 0, ""});
    BOOST_REQUIRE(!wrong);
    BOOST_TEST((wrong.error().code == ErrorCode::InvalidInput));
    auto rest = return_kit(custodian, {"KIT-1003", {}, 0, 0, 0, "зарядка нашлась"});
    BOOST_REQUIRE(rest);
    BOOST_TEST(rest->lines.size() == 1u);
    // The case came back damaged earlier, so the kit goes to repair, not to stock.
    BOOST_TEST((find_kit(custodian, "KIT-1003")->state == KitState::UnderRepair));
    BOOST_TEST(outstanding_kits(custodian)->empty());
    BOOST_REQUIRE(service_kit(custodian, "KIT-1003", KitService::BackFromRepair, ""));
    BOOST_TEST((find_kit(custodian, "KIT-1003")->state == KitState::InStock));
}

BOOST_AUTO_TEST_CASE(replacing_a_lost_part_closes_the_issue) {
    Session officer = as("officer", Role::Officer);
    BOOST_REQUIRE(issue_kits(officer, {{"KIT-1004"}, employee_iin, 0, 0, "", ""}));
    BOOST_REQUIRE(return_kit(officer, {"KIT-1004", {{ComponentType::Charger, LineOutcome::Missing, ""}}, 0, 0, 0, ""}));
    auto no_reason = replace_component(officer, "KIT-1004", ComponentType::Charger, "CH-NEW", "");
    BOOST_TEST(!no_reason);
    BOOST_REQUIRE(replace_component(officer, "KIT-1004", ComponentType::Charger, "CH-NEW", "куплено взамен"));
    auto kit = find_kit(officer, "KIT-1004");
    BOOST_TEST((kit->state == KitState::InStock));
    BOOST_TEST(kit->component(ComponentType::Charger)->serial == "CH-NEW");
    BOOST_TEST(outstanding_kits(officer)->empty());
    // And it can go out again.
    BOOST_TEST(issue_kits(officer, {{"KIT-1004"}, employee_iin, 0, 0, "", ""}).has_value());
}

BOOST_AUTO_TEST_CASE(every_change_is_on_a_verifiable_trail) {
    Session officer = as("officer", Role::Officer);
    Session supervisor = as("supervisor", Role::Supervisor);
    const auto before = audit_count(*this);
    BOOST_REQUIRE(issue_kits(officer, {{"KIT-1001"}, employee_iin, 0, 0, "", ""}));
    BOOST_REQUIRE(return_kit(officer, {"KIT-1001", {}, 0, 0, 0, ""}));
    auto v = verify_audit(supervisor);
    BOOST_TEST(v->intact());
    BOOST_TEST(static_cast<std::int64_t>(v->checked) == before + 2);
    auto entries = list_audit(supervisor, {.action_prefix = "kit."});
    BOOST_REQUIRE(!entries->empty());
    BOOST_TEST(entries->front().action == "kit.return");  // newest first
    BOOST_TEST(entries->front().actor == "officer");
    BOOST_TEST(entries->front().at_local.size() >= 25u);  // 2026-11-22T14:14:03+05:00
}

BOOST_AUTO_TEST_CASE(demo_data_go_only_into_an_empty_workspace) {
    Session admin = as("admin", Role::Administrator);
    auto refused = load_demo(admin);
    BOOST_REQUIRE(!refused);
    BOOST_TEST((refused.error().code == ErrorCode::RefusedByState));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(demo_fills_an_empty_workspace) {
    test::TempDir dir;
    auto ws = db::Workspace::create(dir / "ws", "admin", test::kPassword, db::test_kdf());
    BOOST_REQUIRE(ws);
    SystemClock clock;
    Session admin{**ws, **ws, clock, Actor{"admin", Role::Administrator}};
    BOOST_REQUIRE(record_workspace_created(admin, ""));
    auto summary = load_demo(admin);
    BOOST_REQUIRE_MESSAGE(summary, (summary ? "" : summary.error().message_id + " " + summary.error().detail));
    BOOST_TEST(summary->kits == 60);
    BOOST_TEST(is_demo_workspace(admin).value());
    Session officer{**ws, **ws, clock, Actor{"officer", Role::Officer}};
    auto out = outstanding_kits(officer);
    BOOST_TEST(out->size() == 8u);  // nine issued, KIT-0007 back whole
    const auto overdue = std::count_if(out->begin(), out->end(), [](const OutstandingKit& k) { return k.overdue; });
    BOOST_TEST(overdue == 3);       // KIT-0004 (partly returned), KIT-0005, KIT-0009
    Session supervisor{**ws, **ws, clock, Actor{"supervisor", Role::Supervisor}};
    BOOST_TEST(verify_audit(supervisor)->intact());
}
