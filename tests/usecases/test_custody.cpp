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

BOOST_AUTO_TEST_CASE(paper_goes_to_a_holder_without_a_kit_and_only_from_stock) {
    Session officer = as("officer", Role::Officer);
    auto act = issue_paper(officer, {employee_iin, 10, 200, "без планшета"});
    BOOST_REQUIRE_MESSAGE(act, (act ? "" : act.error().message_id));
    BOOST_TEST(act->number.rfind("SQ-I-", 0) == 0u);
    BOOST_TEST(act->lines.empty());
    BOOST_TEST(act->paper[1].handed == 200);
    BOOST_TEST(paper_stock(officer)->certificates == 800);
    auto held = paper_held(officer, employee_iin);
    BOOST_REQUIRE(held);
    BOOST_TEST(held->items[0].handed == 10);
    BOOST_TEST(held->items[1].balance() == 200);

    // Beyond stock: refused, naming what is on hand, and nothing moves.
    auto greedy = issue_paper(officer, {employee_iin, 91, 0, ""});
    BOOST_REQUIRE(!greedy);
    BOOST_TEST((greedy.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(greedy.error().message_id == "Not enough paper in stock: {}: {} on hand, {} asked.");
    BOOST_TEST(greedy.error().args[1] == "90");
    BOOST_TEST(paper_held(officer, employee_iin)->items[0].handed == 10);
    BOOST_TEST(paper_stock(officer)->explanations == 90);
}

BOOST_AUTO_TEST_CASE(a_kit_issue_beyond_paper_stock_is_refused_with_a_clear_message) {
    Session officer = as("officer", Role::Officer);
    auto greedy = issue_kits(officer, {{"KIT-1001"}, employee_iin, 0, 1001, "", ""});
    BOOST_REQUIRE(!greedy);
    BOOST_TEST(greedy.error().message_id == "Not enough paper in stock: {}: {} on hand, {} asked.");
    BOOST_TEST((find_kit(officer, "KIT-1001")->state == KitState::InStock));
}

BOOST_AUTO_TEST_CASE(returning_more_paper_than_held_is_refused) {
    Session officer = as("officer", Role::Officer);
    BOOST_REQUIRE(issue_paper(officer, {employee_iin, 5, 50, ""}));
    auto over = return_paper(officer, {employee_iin, 6, 0, 0, 0, "", true});
    BOOST_REQUIRE(!over);
    BOOST_TEST((over.error().code == ErrorCode::RefusedByState));
    // Used counts too: 30 used and 21 back is more than the 50 handed.
    auto over_used = return_paper(officer, {employee_iin, 0, 0, 21, 30, "", true});
    BOOST_REQUIRE(!over_used);
    BOOST_TEST(paper_held(officer, employee_iin)->items[1].balance() == 50);
    BOOST_TEST(paper_stock(officer)->explanations == 95);
}

BOOST_AUTO_TEST_CASE(a_paper_return_that_does_not_add_up_needs_a_confirmed_discrepancy) {
    Session officer = as("officer", Role::Officer);
    Session supervisor = as("supervisor", Role::Supervisor);
    BOOST_REQUIRE(issue_paper(officer, {employee_iin, 5, 50, ""}));
    // 3 + 1 explanations and 40 + 8 certificates: 1 and 2 copies unaccounted for.
    PaperReturnRequest back{employee_iin, 3, 1, 8, 40, "", false};
    auto refused = return_paper(officer, back);
    BOOST_REQUIRE(!refused);
    BOOST_TEST((refused.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(refused.error().args[4] == "1");  // the explanations' difference
    BOOST_TEST(paper_held(officer, employee_iin)->items[0].returned == 0);  // nothing kept

    back.accept_discrepancy = true;
    auto act = return_paper(officer, back);
    BOOST_REQUIRE_MESSAGE(act, (act ? "" : act.error().message_id));
    BOOST_TEST(act->paper_discrepancy);
    BOOST_REQUIRE(act->paper_balance.size() == 2u);
    BOOST_TEST((act->paper_balance[0] == PaperBalance{PaperItem::Explanations, 5, 1, 3}));
    BOOST_TEST(act->paper_balance[1].balance() == 2);
    BOOST_TEST(find_act(officer, act->number)->paper_discrepancy);  // frozen with the act
    BOOST_TEST(paper_stock(officer)->explanations == 98);
    BOOST_TEST(paper_stock(officer)->certificates == 958);
    // The holder still owes the difference: the outstanding report keeps them.
    auto out = paper_outstanding(officer);
    BOOST_REQUIRE(out->size() == 1u);
    BOOST_TEST(out->front().items[1].balance() == 2);
    auto entries = list_audit(supervisor, {.action_prefix = "paper.return"});
    BOOST_REQUIRE(entries->size() == 1u);
    BOOST_TEST(entries->front().details.find("\"paper_discrepancy\":true") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_paper_return_that_adds_up_closes_the_account) {
    Session officer = as("officer", Role::Officer);
    Session custodian = as("custodian", Role::Custodian);
    BOOST_REQUIRE(issue_paper(officer, {employee_iin, 5, 50, ""}));
    auto act = return_paper(custodian, {employee_iin, 2, 3, 10, 40, "", false});
    BOOST_REQUIRE_MESSAGE(act, (act ? "" : act.error().message_id));
    BOOST_TEST(!act->paper_discrepancy);
    BOOST_TEST(paper_outstanding(custodian)->empty());
    BOOST_TEST(paper_held(custodian, employee_iin)->holder.iin == mask_iin(employee_iin));
}

BOOST_AUTO_TEST_CASE(the_last_kit_back_settles_the_paper_handed_with_the_kits) {
    Session officer = as("officer", Role::Officer);
    BOOST_REQUIRE(issue_kits(officer, {{"KIT-1001", "KIT-1002"}, employee_iin, 4, 100, "", ""}));
    // The first kit back with part of the paper: the rest stays with the holder, no warning.
    ReturnRequest first{"KIT-1001", {}, 2, 10, 40, "", 0, false};
    auto a1 = return_kit(officer, first);
    BOOST_REQUIRE_MESSAGE(a1, (a1 ? "" : a1.error().message_id));
    BOOST_TEST(!a1->paper_discrepancy);
    BOOST_REQUIRE(a1->paper_balance.size() == 2u);
    BOOST_TEST(a1->paper_balance[1].balance() == 50);
    BOOST_TEST(paper_held_with_kit(officer, "KIT-1002")->items[0].balance() == 2);
    // The last kit back while a certificate is unaccounted for: warned, then confirmed.
    ReturnRequest last{"KIT-1002", {}, 1, 10, 39, "", 0, false};
    auto warned = return_kit(officer, last);
    BOOST_REQUIRE(!warned);
    BOOST_TEST((warned.error().code == ErrorCode::RefusedByState));
    BOOST_TEST((find_kit(officer, "KIT-1002")->state == KitState::Issued));
    last.accept_discrepancy = true;
    last.explanations_used = 1;
    auto a2 = return_kit(officer, last);
    BOOST_REQUIRE_MESSAGE(a2, (a2 ? "" : a2.error().message_id));
    BOOST_TEST(a2->paper_discrepancy);
    BOOST_TEST((a2->paper_balance[0] == PaperBalance{PaperItem::Explanations, 4, 1, 3}));
    BOOST_TEST((a2->paper_balance[1] == PaperBalance{PaperItem::CompletionCertificates, 100, 79, 20}));
    BOOST_TEST(outstanding_kits(officer)->empty());
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
