#include "core/usecases/registry.h"

#include <nlohmann/json.hpp>

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
    if (auto ok = require(session.actor, Operation::EditInstitutions); !ok) return ok;
    auto valid = validate(std::move(institution));
    if (!valid) return std::unexpected(valid.error());
    return session.store.write([&](StoreSession& tx) -> Status {
        if (auto ok = tx.institutions().insert(*valid); !ok) return ok;
        return record(tx, session, {"institution.add", "institution", valid->bin, "",
                                    institution_details(*valid).dump()});
    });
}

Status update_institution(Session& session, Institution institution) {
    if (auto ok = require(session.actor, Operation::EditInstitutions); !ok) return ok;
    auto valid = validate(std::move(institution));
    if (!valid) return std::unexpected(valid.error());
    return session.store.write([&](StoreSession& tx) -> Status {
        auto found = tx.institutions().find(valid->bin);
        if (!found) return std::unexpected(found.error());
        if (!*found) return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {valid->bin});
        if (auto ok = tx.institutions().update(*valid); !ok) return ok;
        return record(tx, session, {"institution.update", "institution", valid->bin, "",
                                    institution_details(*valid).dump()});
    });
}

Result<std::vector<Institution>> list_institutions(Session& session) {
    if (auto ok = require(session.actor, Operation::ViewInstitutions); !ok) return std::unexpected(ok.error());
    return query<std::vector<Institution>>(session.store, [](StoreSession& tx) { return tx.institutions().list(); });
}

Result<Institution> find_institution(Session& session, std::string_view bin) {
    if (auto ok = require(session.actor, Operation::ViewInstitutions); !ok) return std::unexpected(ok.error());
    auto found = query<std::optional<Institution>>(session.store, [&](StoreSession& tx) { return tx.institutions().find(bin); });
    if (!found) return std::unexpected(found.error());
    if (!*found) return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {std::string(bin)});
    return **found;
}

Result<ResponsibleEmployee> add_staff(Session& session, ResponsibleEmployee employee) {
    if (auto ok = require(session.actor, Operation::EditStaff); !ok) return std::unexpected(ok.error());
    auto valid = validate(std::move(employee));
    if (!valid) return std::unexpected(valid.error());
    auto bin = validate_bin(valid->institution_bin);
    if (!bin) return std::unexpected(bin.error());
    valid->institution_bin = *bin;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto inst = tx.institutions().find(valid->institution_bin);
        if (!inst) return std::unexpected(inst.error());
        if (!*inst)
            return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {valid->institution_bin});
        auto id = tx.staff().insert(*valid);
        if (!id) return std::unexpected(id.error());
        valid->id = *id;
        // The audit trail names the employee by record id, not by IIN or name.
        return record(tx, session, {"staff.add", "staff", std::to_string(*id), "",
                                    nlohmann::json{{"institution", valid->institution_bin}}.dump()});
    });
    if (!st) return std::unexpected(st.error());
    return *valid;
}

Result<std::vector<ResponsibleEmployee>> list_staff(Session& session, std::string_view institution_bin) {
    if (auto ok = require(session.actor, Operation::ViewStaff); !ok) return std::unexpected(ok.error());
    auto staff = query<std::vector<ResponsibleEmployee>>(session.store, [&](StoreSession& tx) {
        return tx.staff().list(institution_bin);
    });
    if (staff)
        for (auto& e : *staff) mask_for(session.actor, e);
    return staff;
}

Result<ResponsibleEmployee> find_staff_by_iin(Session& session, std::string_view iin) {
    if (auto ok = require(session.actor, Operation::ViewStaff); !ok) return std::unexpected(ok.error());
    auto valid = validate_iin(iin);
    if (!valid) return std::unexpected(valid.error());
    auto found = query<std::optional<ResponsibleEmployee>>(session.store, [&](StoreSession& tx) {
        return tx.staff().find_by_iin(*valid);
    });
    if (!found) return std::unexpected(found.error());
    if (!*found)
        return fail(ErrorCode::NotFound, N_("No responsible employee with IIN {} is registered."), {mask_iin(*valid)});
    auto e = **found;
    mask_for(session.actor, e);
    return e;
}

}  // namespace sanaq
