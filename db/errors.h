#pragma once
// Message ids shared by several parts of db/ (one msgid per situation, whoever detects it).
#include <filesystem>
#include <string>

#include "core/error.h"

namespace sanaq::db {

/// A workspace file that is truncated, corrupt, random bytes, or somebody else's file.
inline Error damaged_file_error(const std::filesystem::path& file, std::string detail) {
    return Error::make(ErrorCode::WorkspaceDamaged,
                       N_("The workspace file {} is damaged or was not written by Sanaq Station."),
                       {file.string()}, std::move(detail));
}

/// Authentication failures look the same whether the name or the password was wrong.
inline constexpr const char* kWrongCredentials = N_("Wrong user name or password.");

}  // namespace sanaq::db
