#include "core/usecases/registry.h"

#include <nlohmann/json.hpp>

#include "core/usecases/territories.h"

namespace sanaq {
namespace {

void mask_for(const Actor& actor, ResponsibleEmployee& e) {
    if (!permits(actor.role, Operation::ViewStaffIin)) e.iin = mask_iin(e.iin);
}

nlohmann::json institution_details(const Institution& i) {
    return {{"name_ru", i.name_ru}, {"type", institution_type_code(i.type)}, {"kato", i.kato.code},
            {"kato_version", i.kato.classifier_version}};
}

}  // namespace

Status add_institution(Session& session, Institution institution) {
    SANAQ_TRY(require(session.actor, Operation::EditInstitutions));
    auto valid = validate(std::move(institution));
    SANAQ_TRY(valid);
    return session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(check_kato_exists(tx, valid->kato));
        SANAQ_TRY(tx.institutions().insert(*valid));
        return record(tx, session, {"institution.add", "institution", valid->bin, "",
                                    institution_details(*valid).dump()});
    });
}

Status update_institution(Session& session, Institution institution) {
    SANAQ_TRY(require(session.actor, Operation::EditInstitutions));
    auto valid = validate(std::move(institution));
    SANAQ_TRY(valid);
    return session.store.write([&](StoreSession& tx) -> Status {
        auto found = tx.institutions().find(valid->bin);
        SANAQ_TRY(found);
        if (!*found) return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {valid->bin});
        SANAQ_TRY(check_kato_exists(tx, valid->kato));
        SANAQ_TRY(tx.institutions().update(*valid));
        return record(tx, session, {"institution.update", "institution", valid->bin, "",
                                    institution_details(*valid).dump()});
    });
}

Result<std::vector<Institution>> list_institutions(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewInstitutions));
    return query<std::vector<Institution>>(session.store, [](StoreSession& tx) { return tx.institutions().list(); });
}

Result<Institution> find_institution(Session& session, std::string_view bin) {
    SANAQ_TRY(require(session.actor, Operation::ViewInstitutions));
    auto found = query<std::optional<Institution>>(session.store, [&](StoreSession& tx) { return tx.institutions().find(bin); });
    SANAQ_TRY(found);
    if (!*found) return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {std::string(bin)});
    return **found;
}

Result<ResponsibleEmployee> add_staff(Session& session, ResponsibleEmployee employee) {
    SANAQ_TRY(require(session.actor, Operation::EditStaff));
    auto valid = validate(std::move(employee));
    SANAQ_TRY(valid);
    auto bin = validate_bin(valid->institution_bin);
    SANAQ_TRY(bin);
    valid->institution_bin = *bin;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto inst = tx.institutions().find(valid->institution_bin);
        SANAQ_TRY(inst);
        if (!*inst)
            return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {valid->institution_bin});
        auto id = tx.staff().insert(*valid);
        SANAQ_TRY(id);
        valid->id = *id;
        // The audit trail names the employee by record id, not by IIN or name.
        return record(tx, session, {"staff.add", "staff", std::to_string(*id), "",
                                    nlohmann::json{{"institution", valid->institution_bin},
                                                   {"order_number", valid->appointment_order_number},
                                                   {"order_date", valid->appointment_order_date},
                                                   {"trained_on", valid->trained_on}}
                                        .dump()});
    });
    SANAQ_TRY(st);
    return *valid;
}

Result<std::vector<ResponsibleEmployee>> list_staff(Session& session, std::string_view institution_bin) {
    SANAQ_TRY(require(session.actor, Operation::ViewStaff));
    auto staff = query<std::vector<ResponsibleEmployee>>(session.store, [&](StoreSession& tx) {
        return tx.staff().list(institution_bin);
    });
    if (staff)
        for (auto& e : *staff) mask_for(session.actor, e);
    return staff;
}

Result<ResponsibleEmployee> find_staff_by_iin(Session& session, std::string_view iin) {
    SANAQ_TRY(require(session.actor, Operation::ViewStaff));
    auto valid = validate_iin(iin);
    SANAQ_TRY(valid);
    auto found = query<std::optional<ResponsibleEmployee>>(session.store, [&](StoreSession& tx) {
        return tx.staff().find_by_iin(*valid);
    });
    SANAQ_TRY(found);
    if (!*found)
        return fail(ErrorCode::NotFound, N_("No responsible employee with IIN {} is registered."), {mask_iin(*valid)});
    auto e = **found;
    mask_for(session.actor, e);
    return e;
}

Result<ResponsibleEmployee> record_appointment(Session& session, std::string_view iin,
                                               std::string order_number, std::string order_date,
                                               std::string trained_on) {
    SANAQ_TRY(require(session.actor, Operation::EditStaff));
    auto valid_iin = validate_iin(iin);
    SANAQ_TRY(valid_iin);
    ResponsibleEmployee stored;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto found = tx.staff().find_by_iin(*valid_iin);
        SANAQ_TRY(found);
        if (!*found)
            return fail(ErrorCode::NotFound, N_("No responsible employee with IIN {} is registered."),
                        {mask_iin(*valid_iin)});
        auto e = **found;
        e.appointment_order_number = std::move(order_number);
        e.appointment_order_date = std::move(order_date);
        e.trained_on = std::move(trained_on);
        auto valid = validate(std::move(e));
        SANAQ_TRY(valid);
        SANAQ_TRY(tx.staff().update(*valid));
        stored = *valid;
        // By record id, as staff.add: the order and the training are not personal data.
        return record(tx, session, {"staff.appoint", "staff", std::to_string(valid->id), "",
                                    nlohmann::json{{"order_number", valid->appointment_order_number},
                                                   {"order_date", valid->appointment_order_date},
                                                   {"trained_on", valid->trained_on}}
                                        .dump()});
    });
    SANAQ_TRY(st);
    mask_for(session.actor, stored);
    return stored;
}

}  // namespace sanaq
