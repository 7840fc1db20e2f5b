// 007 — the quarantine remembers what it kept: the SHA-256 of the kept bytes (so the same bytes
// offered again under another file name are not stored twice) and the size of the whole file as
// the tablet reported it (an over-budget or unparseable file keeps only its first 1 MiB).
// A table of its own rather than new columns: SQLite 3.15 cannot drop a column, and IF NOT EXISTS
// lets the step run again over a file whose version number was set back.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration007 = {
    7, "quarantine_digest",
    "Digest of the kept bytes and the whole file's size per quarantined package, for deduplication and prefix-only entries.",
    R"sql(
-- One row per quarantined package written since 007 (older entries have none: no digest, their
-- kept size is their file size).
CREATE TABLE IF NOT EXISTS quarantine_digests (
    package_id INTEGER PRIMARY KEY REFERENCES quarantined_packages(id) ON DELETE CASCADE,
    sha256     TEXT NOT NULL,
    file_size  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quarantine_digests_by_sha256 ON quarantine_digests(sha256);
)sql"};

}  // namespace sanaq::db
