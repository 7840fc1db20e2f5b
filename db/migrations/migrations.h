#pragma once
// Versioned, forward-only schema migrations. The schema version is PRAGMA user_version; each
// migration runs in its own transaction together with the version bump and a schema_history row,
// so a crash leaves the database at N-1 or N, never in between.
#include <vector>

#include "core/error.h"
#include "db/sqlite/database.h"

namespace sanaq::db {

struct Migration {
    int version;
    const char* name;  // short, stable
    const char* why;   // one line: what the step adds and for what
    const char* sql;   // SQLite 3.15.2 dialect: no UPSERT, RETURNING, window functions, JSON1
};

extern const Migration kMigration001;  // m001_users_settings_audit.cpp
extern const Migration kMigration002;  // m002_institutions_staff.cpp
extern const Migration kMigration003;  // m003_kits_custody_acts.cpp
extern const Migration kMigration004;  // m004_census_pulls.cpp
extern const Migration kMigration005;  // m005_coverage.cpp
extern const Migration kMigration006;  // m006_upstream_outbox.cpp
extern const Migration kMigration007;  // m007_quarantine_digest.cpp
extern const Migration kMigration008;  // m008_signed_common_rows.cpp
extern const Migration kMigration009;  // m009_pull_calendar_warnings.cpp
extern const Migration kMigration010;  // m010_channels.cpp
extern const Migration kMigration011;  // m011_list_register.cpp
extern const Migration kMigration012;  // m012_territories.cpp
extern const Migration kMigration013;  // m013_paper_ledger.cpp

/// Every migration in order (versions 1..N without gaps).
const std::vector<Migration>& all_migrations();
int latest_schema_version();

int schema_version(Database& db);

/// Applies the migrations after the current version up to `target`. RefusedByState when the
/// database is newer than this program knows (it is never touched then).
Status migrate(Database& db, int target = latest_schema_version());

/// RefusedByState "written by a newer version" when `version` is beyond what this program knows.
Status check_schema_not_newer(Database& db, int version);

}  // namespace sanaq::db
