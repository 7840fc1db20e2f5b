#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

bool department_key(std::string_view key) { return key.starts_with("secret.") || key.starts_with("upstream."); }

Error not_held() {
    return Error::make(ErrorCode::PermissionDenied,
                       N_("The department's keys and the upstream settings are kept in a part of the workspace "
                          "that your role does not open."));
}

}  // namespace

Result<std::optional<std::string>> SqlSettingsRepository::get(std::string_view key) {
    if (department_key(key) && department_ == DepartmentSettings::NotHeld) return std::unexpected(not_held());
    const bool in_dept = department_key(key) && department_ == DepartmentSettings::InDeptPart;
    return guarded([&]() -> Result<std::optional<std::string>> {
        auto& st = db_.query(in_dept ? "SELECT value FROM dept.dept_settings WHERE key = ?"
                                     : "SELECT value FROM main.settings WHERE key = ?",
                             key);
        if (!st.step()) return std::nullopt;
        return st.text(0);
    });
}

Status SqlSettingsRepository::set(std::string_view key, std::string_view value) {
    if (department_key(key) && department_ == DepartmentSettings::NotHeld) return std::unexpected(not_held());
    const bool in_dept = department_key(key) && department_ == DepartmentSettings::InDeptPart;
    return guarded([&]() -> Status {
        // No UPSERT in SQLite 3.15: INSERT OR REPLACE is fine for a two-column key/value row.
        db_.query(in_dept ? "INSERT OR REPLACE INTO dept.dept_settings (key, value) VALUES (?, ?)"
                          : "INSERT OR REPLACE INTO main.settings (key, value) VALUES (?, ?)",
                  key, value)
            .run();
        return {};
    });
}

}  // namespace sanaq::db
