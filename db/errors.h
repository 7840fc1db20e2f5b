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

/// Per-role keys: a statement met a table of a part the member's role does not open (census
/// records for an administrator or custodian, or for a new officer whose access is not confirmed
/// yet). SQLite says "no such table"; the user is told why.
inline bool names_a_part_not_held(const Error& error) { return error.detail.find("no such table") != std::string::npos; }
inline Error part_not_held_error(Error cause) {
    return Error::make(ErrorCode::PermissionDenied,
                       N_("This information is kept in a part of the workspace that your account does not open. "
                          "An officer or supervisor whose account has been confirmed can see it."),
                       {}, std::move(cause.detail));
}

/// Authentication failures look the same whether the name or the password was wrong.
inline constexpr const char* kWrongCredentials = N_("Wrong user name or password.");

}  // namespace sanaq::db
