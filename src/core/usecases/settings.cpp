#include "core/usecases/settings.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace sanaq {

Result<int> idle_lock_minutes(Session& session) {
    return query<int>(session.store, [](StoreSession& tx) -> Result<int> {
        auto v = tx.settings().get(setting::kIdleLockMinutes);
        if (!v) return std::unexpected(v.error());
        int minutes = kDefaultIdleLockMinutes;
        if (*v) std::from_chars((*v)->data(), (*v)->data() + (*v)->size(), minutes);
        return minutes;
    });
}

Status set_idle_lock_minutes(Session& session, int minutes) {
    if (auto ok = require(session.actor, Operation::ManageSettings); !ok) return ok;
    if (minutes < 0 || minutes > 240)
        return fail(ErrorCode::InvalidInput, N_("The idle lock must be between 0 (never) and 240 minutes."));
    return session.store.write([&](StoreSession& tx) -> Status {
        if (auto ok = tx.settings().set(setting::kIdleLockMinutes, std::to_string(minutes)); !ok) return ok;
        return record(tx, session, {"settings.idle_lock", "settings", "idle_lock", "",
                                    nlohmann::json{{"minutes", minutes}}.dump()});
    });
}

}  // namespace sanaq
