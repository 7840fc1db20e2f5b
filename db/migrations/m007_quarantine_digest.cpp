// 007 — the quarantine remembers what it kept: the SHA-256 of the kept bytes (so the same bytes
// offered again under another file name are not stored twice) and the size of the whole file as
// the tablet reported it (an over-budget or unparseable file keeps only its first 1 MiB).
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration007 = {
    7, "quarantine_digest",
    "Digest of the kept bytes and the whole file's size on quarantined packages, for deduplication and prefix-only entries.",
    R"sql(
-- Entries from before 007 keep '' (never equal to a digest) and their kept size.
ALTER TABLE quarantined_packages ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE quarantined_packages ADD COLUMN file_size INTEGER NOT NULL DEFAULT 0;
UPDATE quarantined_packages SET file_size = size;
CREATE INDEX quarantined_packages_by_digest ON quarantined_packages(sha256) WHERE resolved = 0;
)sql"};

}  // namespace sanaq::db
