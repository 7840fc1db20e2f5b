#include "db/repositories/repositories.h"

namespace sanaq::db {

Result<std::optional<std::string>> SqlSettingsRepository::get(std::string_view key) {
    return guarded([&]() -> Result<std::optional<std::string>> {
        auto& st = db_.query("SELECT value FROM settings WHERE key = ?", key);
        if (!st.step()) return std::nullopt;
        return st.text(0);
    });
}

Status SqlSettingsRepository::set(std::string_view key, std::string_view value) {
    return guarded([&]() -> Status {
        // No UPSERT in SQLite 3.15: INSERT OR REPLACE is fine for a two-column key/value row.
        db_.query("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", key, value).run();
        return {};
    });
}

}  // namespace sanaq::db
