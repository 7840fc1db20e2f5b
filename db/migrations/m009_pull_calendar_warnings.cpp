// 009 — what a pull noted against the census calendar: a package of another census round, or one
// exported outside the tablet window. Kept with the pull (common, beside `pulls`) so the history
// says it after the pull's window has closed; never a reason the package was refused. A table of
// its own for the reasons 007 gives (SQLite 3.15 cannot drop a column; IF NOT EXISTS).
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration009 = {
    9, "pull_calendar_warnings",
    "A pull's notes against the census calendar: packages of another round or exported outside the tablet window.",
    R"sql(
CREATE TABLE IF NOT EXISTS pull_calendar_warnings (
    id              INTEGER PRIMARY KEY,
    pull_id         INTEGER NOT NULL REFERENCES pulls(id),
    package_uuid    TEXT NOT NULL,
    kind            TEXT NOT NULL,   -- other_round | outside_tablet_window
    census_round    TEXT NOT NULL,   -- the package's
    exported_at_utc TEXT NOT NULL,   -- the package's (device clock)
    expected        TEXT NOT NULL    -- the station's round, or the tablet window "from..to"
);
CREATE INDEX IF NOT EXISTS pull_calendar_warnings_by_pull ON pull_calendar_warnings(pull_id);
)sql"};

}  // namespace sanaq::db
