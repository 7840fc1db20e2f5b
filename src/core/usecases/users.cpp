#include "core/usecases/users.h"

#include <nlohmann/json.hpp>

namespace sanaq {
namespace {

Status count_other_admins(StoreSession& tx, std::string_view except, int& count) {
    auto users = tx.users().list();
    SANAQ_TRY(users);
    count = 0;
    for (const auto& u : *users)
        if (u.role == Role::Administrator && u.active && u.name != except) ++count;
    return {};
}

}  // namespace

Status record_workspace_created(Session& session, std::string_view admin_full_name) {
    return session.store.write([&](StoreSession& tx) -> Status {
        User admin;
        admin.name = session.actor.user;
        admin.full_name = std::string(admin_full_name);
        admin.role = Role::Administrator;
        admin.created_at_utc = iso_utc(session.clock.now());
        SANAQ_TRY(tx.users().insert(admin));
        return record(tx, session,
                      {"workspace.create", "workspace", "", "",
                       nlohmann::json{{"administrator", admin.name}}.dump()});
    });
}

Result<User> add_user(Session& session, const NewUser& request) {
    SANAQ_TRY(require(session.actor, Operation::ManageUsers));
    SANAQ_TRY(validate_user_name(request.name));
    SANAQ_TRY(validate_new_password(request.password));
    User user;
    user.name = request.name;
    user.full_name = trim(request.full_name);
    user.role = request.role;
    user.created_at_utc = iso_utc(session.clock.now());
    if (session.keys.has_slot(user.name))
        return fail(ErrorCode::AlreadyExists, N_("A user named {} already exists."), {user.name});
    // The slot is written first and withdrawn if the database refuses the row, so a crash in
    // between leaves at worst a slot with no account — which cannot sign in (sign_in checks the
    // row).
    SANAQ_TRY(session.keys.add_slot(user.name, request.password, user.role));
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto id = tx.users().insert(user);
        SANAQ_TRY(id);
        user.id = *id;
        return record(tx, session,
                      {"user.add", "user", user.name, "",
                       nlohmann::json{{"role", role_name(user.role)}}.dump()});
    });
    if (!st) {
        (void)session.keys.remove_slot(user.name);
        return std::unexpected(st.error());
    }
    return user;
}

Status remove_user(Session& session, std::string_view name, std::string_view reason) {
    SANAQ_TRY(require(session.actor, Operation::ManageUsers));
    SANAQ_TRY(require_reason(reason));
    if (name == session.actor.user)
        return fail(ErrorCode::RefusedByState, N_("You cannot remove your own account."));
    // Checked before the row goes: the keys must allow it too (the last census holder stays).
    SANAQ_TRY(session.keys.check_membership_change(name, std::nullopt));
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto found = tx.users().find(name);
        SANAQ_TRY(found);
        if (!*found)
            return fail(ErrorCode::NotFound, N_("There is no user named {}."), {std::string(name)});
        SANAQ_TRY(tx.users().remove(name));
        return record(tx, session,
                      {"user.remove", "user", std::string(name), std::string(reason), "{}"});
    });
    if (!st) return st;
    // The row is gone, so the slot can no longer sign in; removing it also makes the password
    // useless.
    if (session.keys.has_slot(name))
        SANAQ_TRY(session.keys.remove_slot(name));
    // What the member could open is re-keyed now where this administrator holds it; a failure
    // (a pull still running) leaves it waiting for the next sign-in, which re-keys it.
    (void)rekey_parts(session);
    return {};
}

Status set_user_role(Session& session, std::string_view name, Role role, std::string_view reason) {
    SANAQ_TRY(require(session.actor, Operation::ManageUsers));
    SANAQ_TRY(require_reason(reason));
    std::optional<Role> role_changed_from;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto found = tx.users().find(name);
        SANAQ_TRY(found);
        if (!*found)
            return fail(ErrorCode::NotFound, N_("There is no user named {}."), {std::string(name)});
        User user = **found;
        if (user.role == Role::Administrator && role != Role::Administrator) {
            int others = 0;
            SANAQ_TRY(count_other_admins(tx, name, others));
            if (others == 0)
                return fail(ErrorCode::RefusedByState,
                            N_("{} is the last administrator; appoint another one first."),
                            {user.name});
        }
        const auto before = role_name(user.role);
        const Role previous = user.role;
        user.role = role;
        SANAQ_TRY(tx.users().update(user));
        // The keys follow the role inside the transaction: if they cannot, the row stays as it was.
        // Should the commit fail after this, the keys are set back below.
        SANAQ_TRY(session.keys.set_role(name, role));
        role_changed_from = previous;
        return record(tx, session,
                      {"user.role", "user", user.name, std::string(reason),
                       nlohmann::json{{"from", before}, {"to", role_name(role)}}.dump()});
    });
    if (!st && role_changed_from) (void)session.keys.set_role(name, *role_changed_from);
    if (st) (void)rekey_parts(session);  // as for a removal
    return st;
}

Status change_password(Session& session, std::string_view name, std::string_view new_password,
                       std::string_view reason) {
    const bool own = name == session.actor.user;
    if (auto ok =
            require(session.actor, own ? Operation::ChangeOwnPassword : Operation::ManageUsers);
        !ok)
        return ok;
    if (!own)
        SANAQ_TRY(require_reason(reason));
    SANAQ_TRY(validate_new_password(new_password));
    if (!session.keys.has_slot(name))
        return fail(ErrorCode::NotFound, N_("There is no user named {}."), {std::string(name)});
    SANAQ_TRY(session.keys.change_password(name, new_password));
    return session.store.write([&](StoreSession& tx) -> Status {
        return record(tx, session,
                      {own ? "user.password" : "user.password_reset", "user", std::string(name),
                       std::string(reason), "{}"});
    });
}

Result<std::vector<User>> list_users(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ManageUsers));
    return query<std::vector<User>>(session.store,
                                    [](StoreSession& tx) { return tx.users().list(); });
}

Result<std::vector<std::string>> confirm_access(Session& session, std::string_view name) {
    SANAQ_TRY(require(session.actor, Operation::ViewCensusData));
    std::vector<std::string> given;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto found = tx.users().find(name);
        SANAQ_TRY(found);
        if (!*found)
            return fail(ErrorCode::NotFound, N_("There is no user named {}."), {std::string(name)});
        auto parts = session.keys.confirm_access(name);
        SANAQ_TRY(parts);
        given = std::move(*parts);
        if (given.empty()) return {};
        return record(tx, session,
                      {"user.confirm_access", "user", std::string(name), "",
                       nlohmann::json{{"parts", given}}.dump()});
    });
    SANAQ_TRY(st);
    return given;
}

namespace {

/// The names of the users who may still sign in: whom the key checks below ask about.
Result<std::vector<std::string>> active_user_names(Session& session) {
    auto users =
        query<std::vector<User>>(session.store, [](StoreSession& tx) { return tx.users().list(); });
    SANAQ_TRY(users);
    std::vector<std::string> names;
    for (const auto& u : *users)
        if (u.active) names.push_back(u.name);
    return names;
}

}  // namespace

Result<std::vector<std::string>> colleagues_awaiting_access(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewCensusData));
    auto names = active_user_names(session);
    SANAQ_TRY(names);
    return session.keys.awaiting_confirmation(*names);
}

Result<std::vector<std::string>> users_awaiting_key_conversion(Session& session) {
    auto names = active_user_names(session);
    SANAQ_TRY(names);
    return session.keys.awaiting_enrolment(*names);
}

Result<std::vector<std::string>> rekey_parts(
    Session& session, const std::function<bool(std::uint64_t, std::uint64_t)>& progress) {
    if (session.keys.parts_to_rekey().empty()) return std::vector<std::string>{};
    auto parts = session.keys.rekey_pending_parts(progress);
    SANAQ_TRY(parts);
    // After the commit point (keyslots.json): should this entry be lost to a crash, the re-key
    // still happened and the roster says so.
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        return record(
            tx, session,
            {"keys.rekey", "workspace", "", "", nlohmann::json{{"parts", *parts}}.dump()});
    });
    SANAQ_TRY(st);
    return parts;
}

}  // namespace sanaq
