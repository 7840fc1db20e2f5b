#include "core/domain/user.h"

namespace sanaq {

Status validate_user_name(std::string_view name) {
    bool ok = name.size() >= 2 && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z';
    for (char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
    if (!ok)
        return fail(ErrorCode::InvalidInput,
                    N_("The user name {} must be 2 to 32 lowercase Latin letters, digits, '.', '_' or '-', starting with a letter."),
                    {std::string(name)});
    return {};
}

Status validate_new_password(std::string_view password) {
    // Counted in code points so a Cyrillic password is not held to a longer rule.
    std::size_t chars = 0;
    for (unsigned char c : password)
        if ((c & 0xC0) != 0x80) ++chars;
    if (chars < 10)
        return fail(ErrorCode::InvalidInput, N_("The password must be at least 10 characters long."));
    return {};
}

}  // namespace sanaq
