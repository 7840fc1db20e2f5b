#pragma once
// Accounts and their key slots. Only administrators manage them; everybody changes their own password.
#include <string>
#include <vector>

#include "core/usecases/session.h"

namespace sanaq {

/// Right after a workspace is created: the first administrator's row and the opening audit entry.
Status record_workspace_created(Session& session, std::string_view admin_full_name);

struct NewUser {
    std::string name;
    std::string full_name;
    Role role = Role::Officer;
    std::string password;
};
Result<User> add_user(Session& session, const NewUser& user);
Status remove_user(Session& session, std::string_view name, std::string_view reason);
Status set_user_role(Session& session, std::string_view name, Role role, std::string_view reason);
/// Own password for anyone; another user's only for administrators (a reset, reason required).
Status change_password(Session& session, std::string_view name, std::string_view new_password,
                       std::string_view reason);
Result<std::vector<User>> list_users(Session& session);

// Per-role keys (db/README.md, "Key hierarchy"): a role's password opens only the parts of the
// workspace the role needs, and the keys move when members do.

/// An officer or supervisor gives `name` the census key an administrator could not give (they
/// never hold it): the second pair of eyes on who reads census records. Returns the parts given
/// (none when there was nothing left to give). Audited.
Result<std::vector<std::string>> confirm_access(Session& session, std::string_view name);
/// The colleagues whose access the signed-in officer or supervisor could confirm now (names).
Result<std::vector<std::string>> colleagues_awaiting_access(Session& session);
/// A single-key workspace: the active users who have not signed in since the conversion to
/// per-role keys began, so have no member keys yet (names). Any role may ask: it names no data.
Result<std::vector<std::string>> users_awaiting_key_conversion(Session& session);

/// Re-keys the parts that wait for it and that the signed-in member may re-key — after a member
/// was removed or lost a part with a new role (an administrator: common, dept and the root key at
/// once; census at the next sign-in of an officer or supervisor). Returns the parts re-keyed;
/// audited when there were any. `progress(done, total)` in bytes; false cancels.
Result<std::vector<std::string>> rekey_parts(Session& session,
                                             const std::function<bool(std::uint64_t, std::uint64_t)>& progress = {});

}  // namespace sanaq
