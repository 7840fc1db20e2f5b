#pragma once
#include <cstdint>
#include <string>

#include "core/domain/role.h"

namespace sanaq {

/// A workstation account. The password never lives here: it unlocks the user's key slot.
struct User {
    std::int64_t id = 0;
    std::string name;        // login, lowercase Latin letters, digits, . _ -
    std::string full_name;
    Role role = Role::Officer;
    bool active = true;
    std::string created_at_utc;
};

/// Login names: 2–32 of [a-z0-9._-], starting with a letter.
Status validate_user_name(std::string_view name);
/// At least 10 characters; a census workstation holds national personal data.
Status validate_new_password(std::string_view password);

}  // namespace sanaq
