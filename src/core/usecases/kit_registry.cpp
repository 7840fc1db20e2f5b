#include "core/usecases/kit_registry.h"

#include <nlohmann/json.hpp>
#include <set>

namespace sanaq {
namespace {

nlohmann::json kit_details(const Kit& kit) {
    nlohmann::json components = nlohmann::json::object();
    for (const auto& c : kit.components)
        components[std::string(component_code(c.type))] = c.serial;
    return {{"model", kit.tablet.model}, {"tablet_serial", kit.tablet.serial},
            {"usb_serial", kit.tablet.usb_serial}, {"imei", kit.tablet.imei}, {"components", components}};
}

Result<Kit> load_kit(StoreSession& tx, std::string_view number) {
    auto found = tx.kits().find(number);
    SANAQ_TRY(found);
    if (!*found) return fail(ErrorCode::NotFound, N_("There is no kit {}."), {std::string(number)});
    return **found;
}

}  // namespace

Status register_kit(Session& session, Kit kit) {
    SANAQ_TRY(require(session.actor, Operation::RegisterKits));
    auto valid = validate(std::move(kit));
    SANAQ_TRY(valid);
    valid->state = KitState::InStock;
    return session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.kits().insert(*valid));
        return record(tx, session, {"kit.register", "kit", valid->number, "", kit_details(*valid).dump()});
    });
}

Status check_kit_import(Session& session, std::vector<KitImportItem>& items) {
    SANAQ_TRY(require(session.actor, Operation::RegisterKits));
    return session.store.read([&](StoreSession& tx) -> Status {
        for (auto& item : items) {
            auto by_number = tx.kits().find(item.kit.number);
            SANAQ_TRY(by_number);
            if (*by_number)
                item.problems.push_back(Error::make(ErrorCode::AlreadyExists,
                                                    N_("Kit {} is already registered."), {item.kit.number}));
            auto by_usb = tx.kits().find_by_usb_serial(item.kit.tablet.usb_serial);
            SANAQ_TRY(by_usb);
            if (*by_usb && (*by_usb)->number != item.kit.number)
                item.problems.push_back(Error::make(
                    ErrorCode::AlreadyExists, N_("USB serial {} already belongs to kit {}."),
                    {item.kit.tablet.usb_serial, (*by_usb)->number}));
        }
        return {};
    });
}

Result<int> import_kits(Session& session, const std::vector<KitImportItem>& items, std::string_view source_name) {
    SANAQ_TRY(require(session.actor, Operation::RegisterKits));
    int saved = 0;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        for (const auto& item : items) {
            if (!item.problems.empty()) continue;
            auto valid = validate(item.kit);
            SANAQ_TRY(valid);
            valid->state = KitState::InStock;
            if (auto ok = tx.kits().insert(*valid); !ok) {
                // Checked in the preview, so this is a race with another import: name the row.
                auto e = ok.error();
                e.detail = "row " + std::to_string(item.line);
                return std::unexpected(e);
            }
            ++saved;
        }
        // One entry for the delivery: the trail stays readable with hundreds of kits at once.
        std::vector<std::string> numbers;
        for (const auto& item : items)
            if (item.problems.empty()) numbers.push_back(item.kit.number);
        return record(tx, session, {"kit.import", "kit", "", "",
                                    nlohmann::json{{"file", source_name}, {"count", saved}, {"kits", numbers}}.dump()});
    });
    SANAQ_TRY(st);
    return saved;
}

Result<std::vector<Kit>> list_kits(Session& session, const KitQuery& q) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    return query<std::vector<Kit>>(session.store, [&](StoreSession& tx) { return tx.kits().list(q); });
}

Result<std::int64_t> count_kits(Session& session, const KitQuery& q) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    return query<std::int64_t>(session.store, [&](StoreSession& tx) { return tx.kits().count(q); });
}

Result<Kit> find_kit(Session& session, std::string_view number) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    return query<Kit>(session.store, [&](StoreSession& tx) { return load_kit(tx, number); });
}

Result<KitHistory> kit_history(Session& session, std::string_view number) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    return query<KitHistory>(session.store, [&](StoreSession& tx) -> Result<KitHistory> {
        KitHistory h;
        auto kit = load_kit(tx, number);
        SANAQ_TRY(kit);
        h.kit = std::move(*kit);
        auto issues = tx.custody().history(number);
        SANAQ_TRY(issues);
        h.issues = std::move(*issues);
        auto acts = tx.acts().list(number);
        SANAQ_TRY(acts);
        h.acts = std::move(*acts);
        return h;
    });
}

Status service_kit(Session& session, std::string_view number, KitService action, std::string_view reason) {
    SANAQ_TRY(require(session.actor, Operation::ServiceKits));
    if (action == KitService::WriteOff)
        SANAQ_TRY(require_reason(reason));
    return session.store.write([&](StoreSession& tx) -> Status {
        auto kit = load_kit(tx, number);
        SANAQ_TRY(kit);
        const KitState before = kit->state;
        const char* action_code = "";
        switch (action) {
            case KitService::SendToRepair:
                if (before != KitState::InStock)
                    return fail(ErrorCode::RefusedByState, N_("Only a kit in stock can go to repair; kit {} is in the state: {}."),
                                {kit->number, label_arg(kit_state_label(before))});
                kit->state = KitState::UnderRepair;
                action_code = "kit.repair";
                break;
            case KitService::BackFromRepair:
                if (before != KitState::UnderRepair)
                    return fail(ErrorCode::RefusedByState, N_("Kit {} is not under repair."), {kit->number});
                for (auto& c : kit->components)
                    if (c.status == ComponentStatus::Damaged) c.status = ComponentStatus::InPlace;
                kit->state = KitState::InStock;
                action_code = "kit.repaired";
                break;
            case KitService::WriteOff:
                if (is_outstanding(before) || before == KitState::WrittenOff)
                    return fail(ErrorCode::RefusedByState,
                                N_("Only a kit in the department can be written off; kit {} is in the state: {}."),
                                {kit->number, label_arg(kit_state_label(before))});
                kit->state = KitState::WrittenOff;
                action_code = "kit.write_off";
                break;
        }
        SANAQ_TRY(tx.kits().update(*kit));
        return record(tx, session, {action_code, "kit", kit->number, std::string(reason),
                                    nlohmann::json{{"from", kit_state_code(before)}, {"to", kit_state_code(kit->state)}}.dump()});
    });
}

Status replace_component(Session& session, std::string_view number, ComponentType type,
                         std::string_view new_serial, std::string_view reason) {
    SANAQ_TRY(require(session.actor, Operation::ServiceKits));
    SANAQ_TRY(require_reason(reason));
    return session.store.write([&](StoreSession& tx) -> Status {
        auto kit = load_kit(tx, number);
        SANAQ_TRY(kit);
        if (kit->state == KitState::Issued || kit->state == KitState::WrittenOff)
            return fail(ErrorCode::RefusedByState, N_("Parts can be replaced only while the kit is in the department; kit {} is in the state: {}."),
                        {kit->number, label_arg(kit_state_label(kit->state))});
        Component* part = kit->component(type);
        if (!part || part->status == ComponentStatus::InPlace)
            return fail(ErrorCode::RefusedByState, N_("Kit {}: nothing to replace, the part is in place: {}."),
                        {kit->number, label_arg(component_label(type))});
        if (type == ComponentType::Tablet)
            return fail(ErrorCode::RefusedByState,
                        N_("A tablet is not replaced inside a kit; write the kit off and register a new one."));
        const std::string old_serial = part->serial;
        part->serial = trim(new_serial);
        part->status = ComponentStatus::InPlace;
        part->note.clear();
        bool still_owed = false;
        for (const auto& c : kit->components) still_owed = still_owed || c.status == ComponentStatus::Missing;
        bool damaged = false;
        for (const auto& c : kit->components) damaged = damaged || c.status == ComponentStatus::Damaged;
        if (kit->state == KitState::PartlyReturned && !still_owed) {
            auto issue = tx.custody().open_issue_for(kit->number);
            SANAQ_TRY(issue);
            if (*issue) {
                (*issue)->closed_at_utc = iso_utc(session.clock.now());
                SANAQ_TRY(tx.custody().update_issue(**issue));
            }
            kit->state = damaged ? KitState::UnderRepair : KitState::InStock;
        }
        SANAQ_TRY(tx.kits().update(*kit));
        return record(tx, session, {"kit.replace_component", "kit", kit->number, std::string(reason),
                                    nlohmann::json{{"component", component_code(type)}, {"old_serial", old_serial},
                                                   {"new_serial", part->serial}}.dump()});
    });
}

Result<PaperStock> paper_stock(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewKits));
    return query<PaperStock>(session.store, [](StoreSession& tx) -> Result<PaperStock> {
        auto e = tx.paper().on_hand(PaperItem::Explanations);
        SANAQ_TRY(e);
        auto c = tx.paper().on_hand(PaperItem::CompletionCertificates);
        SANAQ_TRY(c);
        return PaperStock{*e, *c};
    });
}

Status receive_paper(Session& session, int explanations, int certificates, std::string_view note) {
    SANAQ_TRY(require(session.actor, Operation::ManagePaperStock));
    if (explanations < 0 || certificates < 0 || explanations + certificates == 0)
        return fail(ErrorCode::InvalidInput, N_("Give a positive number of copies received."));
    return session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.paper().adjust(PaperItem::Explanations, explanations));
        SANAQ_TRY(tx.paper().adjust(PaperItem::CompletionCertificates, certificates));
        return record(tx, session, {"paper.receive", "paper", "", std::string(note),
                                    nlohmann::json{{"explanations", explanations}, {"certificates", certificates}}.dump()});
    });
}

}  // namespace sanaq
