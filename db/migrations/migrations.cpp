#include "db/migrations/migrations.h"

#include <chrono>
#include <string>

#include "core/domain/clock.h"

namespace sanaq::db {

const std::vector<Migration>& all_migrations() {
    static const std::vector<Migration> list = {kMigration001, kMigration002, kMigration003,
                                                kMigration004, kMigration005, kMigration006,
                                                kMigration007, kMigration008, kMigration009,
                                                kMigration010, kMigration011, kMigration012, kMigration013};
    return list;
}

int latest_schema_version() { return all_migrations().back().version; }

int schema_version(Database& db) { return static_cast<int>(db.pragma_int("user_version")); }

Status check_schema_not_newer(Database& db, int version) {
    if (version > latest_schema_version())
        return fail(ErrorCode::RefusedByState,
                    N_("The workspace file {} was written by a newer version of Sanaq Station (schema "
                       "version {}; this version reads up to {}). Install the newer version to open it."),
                    {db.file().string(), std::to_string(version), std::to_string(latest_schema_version())});
    return {};
}

Status migrate(Database& db, int target) {
    try {
        const int current = schema_version(db);
        SANAQ_TRY(check_schema_not_newer(db, current));
        for (const auto& m : all_migrations()) {
            if (m.version <= current || m.version > target) continue;
            db.exec("BEGIN IMMEDIATE;");
            try {
                db.exec(m.sql);
                db.exec("PRAGMA user_version = " + std::to_string(m.version) + ";");
                db.query("INSERT INTO schema_history(version, name, applied_at_utc) VALUES (?, ?, ?)",
                         m.version, m.name, iso_utc(std::chrono::system_clock::now()))
                    .run();
                db.reset_cached();
                db.exec("COMMIT;");
            } catch (...) {
                db.reset_cached();
                if (db.in_transaction()) db.exec("ROLLBACK;");
                throw;
            }
        }
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    return {};
}

}  // namespace sanaq::db
