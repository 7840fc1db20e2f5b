// 006 — the upstream outbox: batches formed for the national census database, each
// with its exact compressed body (in chunks) and the records it carries at one revision each, so
// a record goes up once per revision and a batch is re-sent byte for byte under its UUID.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration006 = {
    6, "upstream_outbox",
    "Upstream batches with their compressed bodies (in chunks) and member records, for forwarding to the census database.",
    R"sql(
-- One batch. id = storage order (members and bodies refer to it: an 8-byte integer in a million
-- member rows instead of a 36-byte UUID); uuid is the batch's identity upstream.
CREATE TABLE upstream_batches (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT NOT NULL UNIQUE,
    state               TEXT NOT NULL,
    created_at_utc      TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    households          INTEGER NOT NULL,
    persons             INTEGER NOT NULL,
    digest              TEXT NOT NULL,
    signature           TEXT NOT NULL,
    body_size           INTEGER NOT NULL,
    compressed_size     INTEGER NOT NULL,
    released_by         TEXT NOT NULL,
    released_at_utc     TEXT NOT NULL,
    attempts            INTEGER NOT NULL,
    last_attempt_at_utc TEXT NOT NULL,
    next_attempt_at_utc TEXT NOT NULL,
    last_error_code     TEXT NOT NULL,
    last_error          TEXT NOT NULL,
    accepted_at_utc     TEXT NOT NULL,
    receipt_json        TEXT NOT NULL
);
CREATE INDEX upstream_batches_by_state ON upstream_batches(state, created_at_utc);

-- The compressed body in 1 MiB pieces (as quarantined_chunks): never one 10 MB value bound or read.
CREATE TABLE upstream_batch_bodies (
    id       INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES upstream_batches(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    bytes    BLOB NOT NULL,
    UNIQUE (batch_id, position)
);

-- The records a batch carries, each at one revision. A member row is what keeps a record out of
-- the pending walk; release_members deletes a batch's rows. row_id = households.id / persons.id
-- (not a foreign key: it names one table or the other by kind). Clustered by batch, so a
-- release deletes one range.
CREATE TABLE upstream_batch_members (
    batch_id INTEGER NOT NULL REFERENCES upstream_batches(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    row_id   INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    uuid     TEXT NOT NULL,
    PRIMARY KEY (batch_id, kind, row_id)
) WITHOUT ROWID;
-- "Is this record's current revision in a batch?" — one probe per record of the pending walk.
-- Unique: a record goes into at most one live batch per revision.
CREATE UNIQUE INDEX upstream_members_by_record ON upstream_batch_members(kind, row_id, revision);
)sql"};

}  // namespace sanaq::db
