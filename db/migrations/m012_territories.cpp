// 012 — the official KATO classifier as a department imports it: the statistics bureau's file,
// one edition at a time, so codes can be checked for existence and coverage can print the names
// of districts and regions. Not personal data: kept in common beside the institutions whose codes
// it names, so every role reads it.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration012 = {
    12, "kato_territories",
    "The imported KATO classifier per edition: names of territories and the codes that exist.",
    R"sql(
CREATE TABLE IF NOT EXISTS kato_editions (
    edition         TEXT PRIMARY KEY,   -- 2013 | 2022
    source_name     TEXT NOT NULL,      -- the file's name (no directory)
    imported_at_utc TEXT NOT NULL,
    imported_by     TEXT NOT NULL,
    entries         INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS kato_territories (
    edition  TEXT NOT NULL REFERENCES kato_editions(edition),
    code     TEXT NOT NULL,   -- 9 digits (te)
    kind     TEXT NOT NULL,   -- the file's k column, as given
    name_kk  TEXT NOT NULL,
    name_ru  TEXT NOT NULL,
    note     TEXT NOT NULL,   -- the file's nn column
    PRIMARY KEY (edition, code)
);
)sql"};

}  // namespace sanaq::db
