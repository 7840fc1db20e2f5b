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

}  // namespace sanaq
