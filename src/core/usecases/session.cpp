#include "core/usecases/session.h"

#include "core/domain/identifiers.h"

namespace sanaq {

Result<Session> sign_in(Store& store, KeyVault& keys, const Clock& clock, std::string_view user) {
    std::optional<User> found;
    auto st = store.read([&](StoreSession& tx) -> Status {
        auto u = tx.users().find(user);
        SANAQ_TRY(u);
        found = *u;
        return {};
    });
    SANAQ_TRY(st);
    if (!found || !found->active)
        return fail(ErrorCode::UnknownUser, N_("The account {} is disabled or removed; ask an administrator."),
                    {std::string(user)});
    return Session{store, keys, clock, Actor{found->name, found->role}};
}

Status record(StoreSession& tx, const Session& session, AuditDraft draft) {
    const auto now = session.clock.now();
    AuditEntry entry;
    entry.at_utc = iso_utc(now);
    entry.at_local = iso_local(now);
    entry.actor = session.actor.user;
    entry.action = std::move(draft.action);
    entry.object_type = std::move(draft.object_type);
    entry.object_id = std::move(draft.object_id);
    entry.reason = std::move(draft.reason);
    entry.details = std::move(draft.details);
    auto appended = tx.audit().append(std::move(entry));
    SANAQ_TRY(appended);
    return {};
}

Status require_reason(std::string_view reason) {
    if (trim(reason).empty())
        return fail(ErrorCode::Usage, N_("A reason is required for this step."));
    return {};
}

}  // namespace sanaq
