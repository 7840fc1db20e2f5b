// 010 — the people the census database counted itself (online on sanaq.gov.kz, tablets synced
// over VPN), from the channel files it gives the department, versioned per source; and the
// traits of each reconciliation result (the channel that counted a record, where its answers
// came from, the resident category) that the coverage breakdowns count. All census part: the
// records are personal data. Tables of their own rather than new columns, as in 007 and 008.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration010 = {10, "channels",
                                 "Channel files of the census database (online, VPN tablets) "
                                 "with their records; traits of reconciliation results.",
                                 R"sql(
-- One version of one source's channel file. Current = the highest version of the source.
CREATE TABLE IF NOT EXISTS channel_files (
    id                 INTEGER PRIMARY KEY,
    source             TEXT NOT NULL,
    version            INTEGER NOT NULL,
    source_name        TEXT NOT NULL,
    imported_at_utc    TEXT NOT NULL,
    imported_by        TEXT NOT NULL,
    rows_read          INTEGER NOT NULL,
    rows_imported      INTEGER NOT NULL,
    rows_rejected      INTEGER NOT NULL,
    rows_with_warnings INTEGER NOT NULL,
    encoding           TEXT NOT NULL,
    UNIQUE (source, version)
);
-- The persons of a version, in file order; record_id is stable across versions of a source.
CREATE TABLE IF NOT EXISTS channel_records (
    id                INTEGER PRIMARY KEY,
    file_id           INTEGER NOT NULL REFERENCES channel_files(id) ON DELETE CASCADE,
    record_id         TEXT NOT NULL,
    line              INTEGER NOT NULL,
    iin               TEXT NOT NULL,
    iin_valid         INTEGER NOT NULL,
    surname           TEXT NOT NULL,
    name              TEXT NOT NULL,
    patronymic        TEXT NOT NULL,
    birth_date        TEXT NOT NULL,
    channel           TEXT NOT NULL,
    residence         TEXT NOT NULL,
    confirmation_code TEXT NOT NULL,
    synced_at         TEXT NOT NULL,
    synced_on         TEXT NOT NULL,
    institution_bin   TEXT NOT NULL,
    kato              TEXT NOT NULL,
    warnings          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS channel_records_by_file ON channel_records(file_id, line);
CREATE INDEX IF NOT EXISTS channel_records_by_record ON channel_records(record_id);
-- What each stored reconciliation result's own record is (ResultTraits); replaced by every run.
CREATE TABLE IF NOT EXISTS reconcile_traits (
    side      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    channel   TEXT NOT NULL,
    source    TEXT NOT NULL,
    residence TEXT NOT NULL,
    PRIMARY KEY (side, record_id)
) WITHOUT ROWID;
)sql"};

}  // namespace sanaq::db
