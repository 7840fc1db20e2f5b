#include "core/usecases/custody.h"

#include "core/usecases/pull.h"
#include "core/usecases/settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace sanaq {
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
        if (request.explanations > 0) {
            SANAQ_TRY(tx.paper().adjust(PaperItem::Explanations, -request.explanations));
        }
        if (request.certificates > 0) {
            SANAQ_TRY(tx.paper().adjust(PaperItem::CompletionCertificates, -request.certificates));
        }
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
    if (request.explanations_returned < 0 || request.certificates_returned < 0 || request.certificates_used < 0)
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
        // Unused paper goes back into stock; used certificates are only recorded.
        if (request.explanations_returned > 0)
            SANAQ_TRY(tx.paper().adjust(PaperItem::Explanations, request.explanations_returned));
        if (request.certificates_returned > 0)
            SANAQ_TRY(tx.paper().adjust(PaperItem::CompletionCertificates, request.certificates_returned));
        act.paper = {{PaperItem::Explanations, 0, request.explanations_returned, 0},
                     {PaperItem::CompletionCertificates, 0, request.certificates_returned, request.certificates_used}};
        SANAQ_TRY(tx.acts().insert(act));
        return record(tx, session, {"kit.return", "act", act.number, "",
                                    nlohmann::json{{"kit", kit.number}, {"state", kit_state_code(kit.state)},
                                                   {"parts", outcome_log},
                                                   {"digest", act.content_digest()}}.dump()});
    });
    SANAQ_TRY(st);
    return act;
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
