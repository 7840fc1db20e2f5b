#include "core/usecases/custody.h"

#include "core/usecases/pull.h"
#include "core/usecases/settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace sanaq {

const char* const kPaperDoesNotAddUp =
    N_("The paper does not add up: {}: handed {}, used {}, returned {}, so {} are not accounted "
       "for. Confirm to "
       "close the return with this discrepancy on the act.");

namespace {

Result<Department> load_department(StoreSession& tx) {
    Department d;
    auto get = [&](std::string_view key, std::string& out) -> Status {
        auto v = tx.settings().get(key);
        SANAQ_TRY(v);
        out = v->value_or("");
        return {};
    };
    SANAQ_TRY(get(setting::kDepartmentNameKk, d.name_kk));
    SANAQ_TRY(get(setting::kDepartmentNameRu, d.name_ru));
    SANAQ_TRY(get(setting::kDepartmentAddress, d.address));
    SANAQ_TRY(get(setting::kDepartmentHead, d.head_name));
    return d;
}

/// The act names the officer as a person, not as a login.
Result<std::string> officer_name(StoreSession& tx, const Session& session) {
    auto user = tx.users().find(session.actor.user);
    SANAQ_TRY(user);
    if (!*user || (*user)->full_name.empty()) return session.actor.user;
    return (*user)->full_name;
}

int year_of(const std::string& date) { return std::stoi(date.substr(0, 4)); }

Result<std::pair<ResponsibleEmployee, Institution>> load_holder(StoreSession& tx, std::int64_t employee_id) {
    auto e = tx.staff().find(employee_id);
    SANAQ_TRY(e);
    if (!*e) return fail(ErrorCode::WorkspaceDamaged, N_("The holder of an issued kit is missing from the registers."));
    auto i = tx.institutions().find((*e)->institution_bin);
    SANAQ_TRY(i);
    if (!*i) return fail(ErrorCode::WorkspaceDamaged, N_("The holder of an issued kit is missing from the registers."));
    return std::pair{**e, **i};
}

std::string describe(const Kit& kit, ComponentType type) {
    return type == ComponentType::Tablet ? kit.tablet.model : std::string();
}

std::size_t item_index(PaperItem item) {
    for (std::size_t i = 0; i < std::size(kAllPaperItems); ++i)
        if (kAllPaperItems[i] == item) return i;
    return 0;
}

/// Hands paper from stock to a holder under `act`: refused beyond stock, naming what is on hand.
Status hand_paper(StoreSession& tx, std::int64_t employee_id, const Act& act,
                  const PaperCounts& counts) {
    for (PaperItem item : kAllPaperItems) {
        const int asked = counts[item_index(item)];
        if (asked <= 0) continue;
        auto on_hand = tx.paper().on_hand(item);
        SANAQ_TRY(on_hand);
        if (*on_hand < asked)
            return fail(ErrorCode::RefusedByState,
                        N_("Not enough paper in stock: {}: {} on hand, {} asked."),
                        {label_arg(paper_item_label(item)), std::to_string(*on_hand),
                         std::to_string(asked)});
        SANAQ_TRY(tx.paper().adjust(item, -asked));
        SANAQ_TRY(tx.paper().record_movement(
            {employee_id, item, PaperMovementKind::Issued, asked, act.number, act.created_at_utc}));
    }
    return {};
}

/// Takes back what a holder returns (into stock) and records what they used, under `act`; puts
/// their account after it on the act. `settles`: the return closes the account, so paper left
/// unaccounted for is a discrepancy the officer must accept.
Status take_paper_back(StoreSession& tx, Act& act, const PaperCounts& returned,
                       const PaperCounts& used, bool settles, bool accept_discrepancy) {
    auto account = tx.paper().account_of(act.employee.id);
    SANAQ_TRY(account);
    for (PaperItem item : kAllPaperItems) {
        const auto i = item_index(item);
        const int held = (*account)[i].balance();
        if (returned[i] + used[i] > held)
            return fail(ErrorCode::RefusedByState,
                        N_("{} holds {} copies of {}; {} cannot be returned or counted as used."),
                        {act.employee.full_name, std::to_string(held),
                         label_arg(paper_item_label(item)), std::to_string(returned[i] + used[i])});
    }
    for (PaperItem item : kAllPaperItems) {
        const auto i = item_index(item);
        if (used[i] > 0)
            SANAQ_TRY(tx.paper().record_movement({act.employee.id, item, PaperMovementKind::Used,
                                                  used[i], act.number, act.created_at_utc}));
        if (returned[i] > 0) {
            SANAQ_TRY(tx.paper().adjust(item, returned[i]));
            SANAQ_TRY(
                tx.paper().record_movement({act.employee.id, item, PaperMovementKind::Returned,
                                            returned[i], act.number, act.created_at_utc}));
        }
    }
    const auto after = paper_after_return(*account, returned, used);
    // A holder who never had paper keeps the act as it always was.
    if (std::any_of(after.begin(), after.end(), [](const PaperBalance& b) { return b.handed > 0; }))
        act.paper_balance = after;
    if (settles && !paper_adds_up(after)) {
        if (!accept_discrepancy) {
            for (const auto& b : after)
                if (b.balance() != 0)
                    return fail(ErrorCode::RefusedByState, kPaperDoesNotAddUp,
                                {label_arg(paper_item_label(b.item)), std::to_string(b.handed),
                                 std::to_string(b.used), std::to_string(b.returned),
                                 std::to_string(b.balance())});
        }
        act.paper_discrepancy = true;
    }
    return {};
}

nlohmann::json account_json(const std::vector<PaperBalance>& account) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& b : account)
        out[std::string(paper_item_code(b.item))] = {{"handed", b.handed},
                                                     {"used", b.used},
                                                     {"returned", b.returned},
                                                     {"balance", b.balance()}};
    return out;
}

/// The act both kinds of paper act start from: dates, the calendar's legal basis, the officer.
Result<Act> blank_act(Session& session, ActKind kind, std::string_view note) {
    const auto now = session.clock.now();
    Act act;
    act.kind = kind;
    act.date = local_date(now);
    act.created_at_utc = iso_utc(now);
    act.officer = session.actor.user;
    act.note = trim(note);
    auto calendar = census_calendar(session);
    SANAQ_TRY(calendar);
    act.order_number = calendar->order_number;
    act.order_date = calendar->order_date;
    return act;
}

/// Fills the act's parties: the holder (by register id when given, else by IIN), the department,
/// the officer; and its number.
Status fill_parties(StoreSession& tx, const Session& session, Act& act,
                    std::string_view employee_iin, std::int64_t employee_id) {
    if (employee_id == 0) {
        auto iin = validate_iin(employee_iin);
        SANAQ_TRY(iin);
        auto employee = tx.staff().find_by_iin(*iin);
        SANAQ_TRY(employee);
        if (!*employee)
            return fail(ErrorCode::NotFound,
                        N_("No responsible employee with IIN {} is registered."), {mask_iin(*iin)});
        employee_id = (*employee)->id;
    }
    auto holder = load_holder(tx, employee_id);
    SANAQ_TRY(holder);
    act.employee = holder->first;
    act.institution = holder->second;
    auto dept = load_department(tx);
    SANAQ_TRY(dept);
    act.department = *dept;
    auto officer = officer_name(tx, session);
    SANAQ_TRY(officer);
    act.officer = *officer;
    auto number = tx.acts().next_number(act.kind, year_of(act.date));
    SANAQ_TRY(number);
    act.number = *number;
    return {};
}

void mask_holder(const Session& session, HeldPaper& held) {
    if (!permits(session.actor.role, Operation::ViewStaffIin))
        held.holder.iin = mask_iin(held.holder.iin);
}

}  // namespace

std::vector<ComponentType> owed_components(const Kit& kit) {
    std::vector<ComponentType> owed;
    for (const auto& c : kit.components) {
        if (kit.state == KitState::Issued) owed.push_back(c.type);
        else if (kit.state == KitState::PartlyReturned && c.status == ComponentStatus::Missing) owed.push_back(c.type);
    }
    return owed;
}

Result<Act> issue_kits(Session& session, const IssueRequest& request) {
    SANAQ_TRY(require(session.actor, Operation::IssueKits));
    if (request.kits.empty()) return fail(ErrorCode::Usage, N_("Name at least one kit to issue."));
    if (std::set<std::string>(request.kits.begin(), request.kits.end()).size() != request.kits.size())
        return fail(ErrorCode::InvalidInput, N_("A kit is named twice in one act."));
    if (request.explanations < 0 || request.certificates < 0)
        return fail(ErrorCode::InvalidInput, N_("Paper counts cannot be negative."));
    if (!request.due_date.empty() && !is_iso_date(request.due_date))
        return fail(ErrorCode::InvalidInput, N_("The return date {} is not a date (YYYY-MM-DD)."), {request.due_date});
    auto iin = validate_iin(request.employee_iin);
    SANAQ_TRY(iin);

    const auto now = session.clock.now();
    Act act;
    act.kind = ActKind::Issue;
    act.date = local_date(now);
    act.created_at_utc = iso_utc(now);
    act.officer = session.actor.user;
    act.due_date = request.due_date;
    act.note = trim(request.note);
    if (!act.due_date.empty() && act.due_date < act.date)
        return fail(ErrorCode::InvalidInput, N_("The return date {} is already past."), {act.due_date});
    auto calendar = census_calendar(session);
    SANAQ_TRY(calendar);
    // No date given: the census end (plus the grace the orders give, none), unless it has passed.
    if (act.due_date.empty()) {
        const std::string due = kit_due_date(*calendar);
        if (!due.empty() && due >= act.date) act.due_date = due;
    }
    act.order_number = calendar->order_number;
    act.order_date = calendar->order_date;

    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto employee = tx.staff().find_by_iin(*iin);
        SANAQ_TRY(employee);
        if (!*employee)
            return fail(ErrorCode::NotFound, N_("No responsible employee with IIN {} is registered."), {mask_iin(*iin)});
        auto institution = tx.institutions().find((*employee)->institution_bin);
        SANAQ_TRY(institution);
        if (!*institution)
            return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {(*employee)->institution_bin});
        act.employee = **employee;
        act.institution = **institution;
        auto dept = load_department(tx);
        SANAQ_TRY(dept);
        act.department = *dept;
        auto officer = officer_name(tx, session);
        SANAQ_TRY(officer);
        act.officer = *officer;
        auto number = tx.acts().next_number(ActKind::Issue, year_of(act.date));
        SANAQ_TRY(number);
        act.number = *number;

        for (const auto& kit_number : request.kits) {
            auto found = tx.kits().find(kit_number);
            SANAQ_TRY(found);
            if (!*found) return fail(ErrorCode::NotFound, N_("There is no kit {}."), {kit_number});
            Kit kit = **found;
            if (kit.state != KitState::InStock) {
                if (is_outstanding(kit.state))
                    return fail(ErrorCode::RefusedByState, N_("Kit {} is already issued; it must come back before it is issued again."),
                                {kit.number});
                return fail(ErrorCode::RefusedByState, N_("Kit {} cannot be issued; its state: {}."),
                            {kit.number, label_arg(kit_state_label(kit.state))});
            }
            for (const auto& c : kit.components)
                if (c.status != ComponentStatus::InPlace)
                    return fail(ErrorCode::RefusedByState,
                                N_("Kit {} cannot be issued; a part is {}: {}. Replace the part first."),
                                {kit.number, label_arg(component_status_label(c.status)), label_arg(component_label(c.type))});
            for (const auto& c : kit.components)
                act.lines.push_back({kit.number, c.type, c.serial, describe(kit, c.type), LineOutcome::Handed, ""});
            kit.state = KitState::Issued;
            SANAQ_TRY(tx.kits().update(kit));
            KitIssue issue;
            issue.kit_number = kit.number;
            issue.employee_id = act.employee.id;
            issue.issue_act = act.number;
            issue.issued_at_utc = act.created_at_utc;
            issue.due_date = act.due_date;
            SANAQ_TRY(tx.custody().open_issue(issue));
        }
        SANAQ_TRY(
            hand_paper(tx, act.employee.id, act, {request.explanations, request.certificates}));
        act.paper = {{PaperItem::Explanations, request.explanations, 0, 0},
                     {PaperItem::CompletionCertificates, request.certificates, 0, 0}};
        SANAQ_TRY(tx.acts().insert(act));
        return record(tx, session, {"kit.issue", "act", act.number, "",
                                    nlohmann::json{{"kits", request.kits}, {"employee", act.employee.id},
                                                   {"institution", act.institution.bin},
                                                   {"explanations", request.explanations},
                                                   {"certificates", request.certificates},
                                                   {"digest", act.content_digest()}}.dump()});
    });
    SANAQ_TRY(st);
    return act;
}

Result<Act> return_kit(Session& session, const ReturnRequest& request) {
    SANAQ_TRY(require(session.actor, Operation::ReturnKits));
    if (request.explanations_returned < 0 || request.certificates_returned < 0 ||
        request.certificates_used < 0 || request.explanations_used < 0)
        return fail(ErrorCode::InvalidInput, N_("Paper counts cannot be negative."));
    for (const auto& c : request.check_ins)
        if (c.outcome == LineOutcome::Handed)
            return fail(ErrorCode::InvalidInput, N_("A return records each part as returned, damaged or missing."));

    const auto now = session.clock.now();
    Act act;
    act.kind = ActKind::Return;
    act.date = local_date(now);
    act.created_at_utc = iso_utc(now);
    act.officer = session.actor.user;
    act.note = trim(request.note);
    auto calendar = census_calendar(session);
    SANAQ_TRY(calendar);
    act.order_number = calendar->order_number;
    act.order_date = calendar->order_date;

    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto found = tx.kits().find(request.kit);
        SANAQ_TRY(found);
        if (!*found) return fail(ErrorCode::NotFound, N_("There is no kit {}."), {request.kit});
        Kit kit = **found;
        if (!is_outstanding(kit.state))
            return fail(ErrorCode::RefusedByState, N_("Kit {} is not issued to anyone; there is nothing to return."), {kit.number});
        // The return gate: a tablet whose last pull left packages behind stays out until it is
        // pulled again or a supervisor allows the return.
        auto gate = return_gate(tx, kit.number);
        SANAQ_TRY(gate);
        if (*gate) return std::unexpected(**gate);
        auto issue = tx.custody().open_issue_for(kit.number);
        SANAQ_TRY(issue);
        if (!*issue)
            return fail(ErrorCode::WorkspaceDamaged, N_("Kit {} is marked issued but has no open hand-over."), {kit.number});
        auto holder = load_holder(tx, (*issue)->employee_id);
        SANAQ_TRY(holder);
        act.employee = holder->first;
        act.institution = holder->second;
        auto dept = load_department(tx);
        SANAQ_TRY(dept);
        act.department = *dept;
        auto officer = officer_name(tx, session);
        SANAQ_TRY(officer);
        act.officer = *officer;

        const auto owed = owed_components(kit);
        for (const auto& c : request.check_ins)
            if (std::find(owed.begin(), owed.end(), c.component) == owed.end())
                return fail(ErrorCode::InvalidInput, N_("Kit {}: the holder does not owe this part, it is already back: {}."),
                            {kit.number, label_arg(component_label(c.component))});

        auto number = tx.acts().next_number(ActKind::Return, year_of(act.date));
        SANAQ_TRY(number);
        act.number = *number;

        nlohmann::json outcome_log = nlohmann::json::object();
        bool tablet_damaged = false;
        for (ComponentType type : owed) {
            CheckIn check{type, LineOutcome::ReturnedInOrder, ""};
            for (const auto& c : request.check_ins)
                if (c.component == type) check = c;
            Component* part = kit.component(type);
            part->note = trim(check.note);
            switch (check.outcome) {
                case LineOutcome::ReturnedInOrder: part->status = ComponentStatus::InPlace; break;
                case LineOutcome::Damaged: part->status = ComponentStatus::Damaged; break;
                default: part->status = ComponentStatus::Missing; break;
            }
            if (type == ComponentType::Tablet && check.outcome == LineOutcome::Damaged) tablet_damaged = true;
            act.lines.push_back({kit.number, type, part->serial, describe(kit, type), check.outcome, part->note});
            outcome_log[std::string(component_code(type))] = line_outcome_code(check.outcome);
        }
        bool any_missing = false, any_damaged = tablet_damaged;
        for (const auto& c : kit.components) {
            any_missing = any_missing || c.status == ComponentStatus::Missing;
            any_damaged = any_damaged || c.status == ComponentStatus::Damaged;
        }
        if (any_missing) {
            kit.state = KitState::PartlyReturned;
        } else {
            kit.state = any_damaged ? KitState::UnderRepair : KitState::InStock;
            (*issue)->closed_at_utc = act.created_at_utc;
        }
        (*issue)->return_acts.push_back(act.number);
        SANAQ_TRY(tx.custody().update_issue(**issue));
        SANAQ_TRY(tx.kits().update(kit));
        // Unused paper goes back into stock; used copies are recorded against the holder. The
        // paper settles when the holder has no kit left out: the paper went out for that work.
        const PaperCounts returned{request.explanations_returned, request.certificates_returned};
        const PaperCounts used{request.explanations_used, request.certificates_used};
        auto kits_left = tx.custody().open_issues_of(act.employee.id);
        SANAQ_TRY(kits_left);
        SANAQ_TRY(
            take_paper_back(tx, act, returned, used, *kits_left == 0, request.accept_discrepancy));
        act.paper = {
            {PaperItem::Explanations, 0, request.explanations_returned, request.explanations_used},
            {PaperItem::CompletionCertificates, 0, request.certificates_returned,
             request.certificates_used}};
        SANAQ_TRY(tx.acts().insert(act));
        nlohmann::json details{
            {"kit", kit.number}, {"state", kit_state_code(kit.state)}, {"parts", outcome_log}};
        if (!act.paper_balance.empty()) details["paper"] = account_json(act.paper_balance);
        if (act.paper_discrepancy) details["paper_discrepancy"] = true;
        details["digest"] = act.content_digest();
        return record(tx, session, {"kit.return", "act", act.number, "", details.dump()});
    });
    SANAQ_TRY(st);
    return act;
}

std::vector<PaperBalance> paper_after_return(std::vector<PaperBalance> account,
                                             const PaperCounts& returned, const PaperCounts& used) {
    for (auto& b : account) {
        b.returned += returned[item_index(b.item)];
        b.used += used[item_index(b.item)];
    }
    return account;
}

bool paper_adds_up(const std::vector<PaperBalance>& account) {
    return std::all_of(account.begin(), account.end(),
                       [](const PaperBalance& b) { return b.balance() == 0; });
}

Result<Act> issue_paper(Session& session, const PaperIssueRequest& request) {
    SANAQ_TRY(require(session.actor, Operation::IssueKits));
    if (request.explanations < 0 || request.certificates < 0)
        return fail(ErrorCode::InvalidInput, N_("Paper counts cannot be negative."));
    if (request.explanations == 0 && request.certificates == 0)
        return fail(ErrorCode::Usage,
                    N_("Name how many copies of paper census tools to hand over."));
    auto act = blank_act(session, ActKind::Issue, request.note);
    SANAQ_TRY(act);
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(fill_parties(tx, session, *act, request.employee_iin, request.employee_id));
        SANAQ_TRY(
            hand_paper(tx, act->employee.id, *act, {request.explanations, request.certificates}));
        act->paper = {{PaperItem::Explanations, request.explanations, 0, 0},
                      {PaperItem::CompletionCertificates, request.certificates, 0, 0}};
        SANAQ_TRY(tx.acts().insert(*act));
        return record(tx, session,
                      {"paper.issue", "act", act->number, "",
                       nlohmann::json{{"employee", act->employee.id},
                                      {"institution", act->institution.bin},
                                      {"explanations", request.explanations},
                                      {"certificates", request.certificates},
                                      {"digest", act->content_digest()}}
                           .dump()});
    });
    SANAQ_TRY(st);
    return *act;
}

Result<Act> return_paper(Session& session, const PaperReturnRequest& request) {
    SANAQ_TRY(require(session.actor, Operation::ReturnKits));
    const PaperCounts returned{request.explanations_returned, request.certificates_returned};
    const PaperCounts used{request.explanations_used, request.certificates_used};
    for (int n : {returned[0], returned[1], used[0], used[1]})
        if (n < 0) return fail(ErrorCode::InvalidInput, N_("Paper counts cannot be negative."));
    auto act = blank_act(session, ActKind::Return, request.note);
    SANAQ_TRY(act);
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(fill_parties(tx, session, *act, request.employee_iin, request.employee_id));
        auto kits_left = tx.custody().open_issues_of(act->employee.id);
        SANAQ_TRY(kits_left);
        SANAQ_TRY(
            take_paper_back(tx, *act, returned, used, *kits_left == 0, request.accept_discrepancy));
        act->paper = {
            {PaperItem::Explanations, 0, request.explanations_returned, request.explanations_used},
            {PaperItem::CompletionCertificates, 0, request.certificates_returned,
             request.certificates_used}};
        SANAQ_TRY(tx.acts().insert(*act));
        nlohmann::json details{{"employee", act->employee.id},
                               {"institution", act->institution.bin},
                               {"paper", account_json(act->paper_balance)}};
        if (act->paper_discrepancy) details["paper_discrepancy"] = true;
        details["digest"] = act->content_digest();
        return record(tx, session, {"paper.return", "act", act->number, "", details.dump()});
    });
    SANAQ_TRY(st);
    return *act;
}

namespace {

/// The holder and their paper account, read in the caller's transaction.
Result<HeldPaper> held_paper_of(StoreSession& tx, std::int64_t employee_id) {
    auto holder = load_holder(tx, employee_id);
    SANAQ_TRY(holder);
    auto account = tx.paper().account_of(employee_id);
    SANAQ_TRY(account);
    return HeldPaper{holder->first, holder->second, *account};
}

}  // namespace

Result<HeldPaper> paper_held(Session& session, std::string_view employee_iin) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    auto iin = validate_iin(employee_iin);
    SANAQ_TRY(iin);
    auto held = query<HeldPaper>(session.store, [&](StoreSession& tx) -> Result<HeldPaper> {
        auto employee = tx.staff().find_by_iin(*iin);
        SANAQ_TRY(employee);
        if (!*employee)
            return fail(ErrorCode::NotFound,
                        N_("No responsible employee with IIN {} is registered."), {mask_iin(*iin)});
        return held_paper_of(tx, (*employee)->id);
    });
    if (held) mask_holder(session, *held);
    return held;
}

Result<HeldPaper> paper_held(Session& session, std::int64_t employee_id) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    auto held = query<HeldPaper>(session.store, [&](StoreSession& tx) -> Result<HeldPaper> {
        return held_paper_of(tx, employee_id);
    });
    if (held) mask_holder(session, *held);
    return held;
}

Result<HeldPaper> paper_held_with_kit(Session& session, std::string_view kit_number) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    auto held = query<HeldPaper>(session.store, [&](StoreSession& tx) -> Result<HeldPaper> {
        auto issue = tx.custody().open_issue_for(kit_number);
        SANAQ_TRY(issue);
        if (!*issue)
            return fail(ErrorCode::RefusedByState,
                        N_("Kit {} is not issued to anyone; there is nothing to return."),
                        {std::string(kit_number)});
        return held_paper_of(tx, (*issue)->employee_id);
    });
    if (held) mask_holder(session, *held);
    return held;
}

Result<std::vector<HeldPaper>> paper_outstanding(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    auto rows = query<std::vector<HeldPaper>>(
        session.store, [](StoreSession& tx) { return tx.paper().holders(); });
    if (rows)
        for (auto& r : *rows) mask_holder(session, r);
    return rows;
}

Result<std::vector<OutstandingKit>> outstanding_kits(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    const auto today = local_date(session.clock.now());
    auto rows = query<std::vector<OutstandingKit>>(session.store, [&](StoreSession& tx) {
        return tx.custody().outstanding(today);
    });
    if (rows && !permits(session.actor.role, Operation::ViewStaffIin))
        for (auto& r : *rows) r.holder.iin = mask_iin(r.holder.iin);
    return rows;
}

Result<Act> find_act(Session& session, std::string_view number) {
    SANAQ_TRY(require(session.actor, Operation::ViewActs));
    auto act = query<std::optional<Act>>(session.store, [&](StoreSession& tx) { return tx.acts().find(number); });
    SANAQ_TRY(act);
    if (!*act) return fail(ErrorCode::NotFound, N_("There is no act {}."), {std::string(number)});
    return **act;
}

Result<std::vector<ActSummary>> list_acts(Session& session, std::string_view kit_number) {
    SANAQ_TRY(require(session.actor, Operation::ViewActs));
    return query<std::vector<ActSummary>>(session.store, [&](StoreSession& tx) { return tx.acts().list(kit_number); });
}

Status record_act_export(Session& session, const Act& act, std::string_view destination) {
    SANAQ_TRY(require(session.actor, Operation::ViewActs));
    return session.store.write([&](StoreSession& tx) -> Status {
        return record(tx, session, {"act.export", "act", act.number, "",
                                    nlohmann::json{{"destination", destination}}.dump()});
    });
}

Result<Department> department_details(Session& session) {
    return query<Department>(session.store, [](StoreSession& tx) { return load_department(tx); });
}

Status set_department_details(Session& session, const Department& d) {
    SANAQ_TRY(require(session.actor, Operation::ManageSettings));
    return session.store.write([&](StoreSession& tx) -> Status {
        for (auto [key, value] : {std::pair{setting::kDepartmentNameKk, &d.name_kk},
                                  std::pair{setting::kDepartmentNameRu, &d.name_ru},
                                  std::pair{setting::kDepartmentAddress, &d.address},
                                  std::pair{setting::kDepartmentHead, &d.head_name}})
            SANAQ_TRY(tx.settings().set(key, trim(*value)));
        return record(tx, session, {"settings.department", "settings", "department", "", "{}"});
    });
}

}  // namespace sanaq
