#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

bool department_key(std::string_view key) { return key.starts_with("secret.") || key.starts_with("upstream."); }

/// Per-role keys: every setting in common is signed, but for the department's details, which are
/// printed on acts and stay as anyone holding common writes them (README.md).
bool signed_key(std::string_view key) { return !key.starts_with("department."); }

/// Who may write a setting: administrators (ManageSettings), and supervisors the return gate's
/// overrides (OverrideReturnGate). RowSignatures accepts administrators for every row.
std::initializer_list<Role> writers_of(std::string_view key) {
    static constexpr std::initializer_list<Role> kSupervisors = {Role::Supervisor};
    static constexpr std::initializer_list<Role> kAdministrators = {Role::Administrator};
    return key.starts_with("gate_override.") ? kSupervisors : kAdministrators;
}

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
        std::optional<std::string> value;
        if (st.step()) value = st.text(0);
        st.reset();
        if (!in_dept && signed_key(key) && signatures_.active()) {
            if (value) signatures_.check("settings", key, {*value}, writers_of(key));
            // A setting deleted (four-eyes review switched off by removing its row) shows in the
            // count the head signs.
            signatures_.check_head("settings", {Role::Supervisor});
        }
        return value;
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
        if (!in_dept && signed_key(key)) signatures_.sign("settings", key, {std::string(value)});
        return {};
    });
}

}  // namespace sanaq::db
