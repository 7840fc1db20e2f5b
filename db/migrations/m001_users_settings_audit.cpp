// 001 — the workspace's own bookkeeping, accounts, settings and the tamper-evident audit trail:
// everything a freshly created workspace needs before any census work is registered.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration001 = {
    1, "users_settings_audit",
    "Store parameters, schema history, user accounts, settings and the audit trail with its head.",
    R"sql(
CREATE TABLE store_parameters (
    name  TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE schema_history (
    version        INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    applied_at_utc TEXT NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    full_name      TEXT NOT NULL,
    role           TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at_utc TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- id is the storage order; seq is the chain order. They agree unless somebody edited the file,
-- which is exactly what verification looks for.
CREATE TABLE audit_entries (
    id          INTEGER PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    at_utc      TEXT NOT NULL,
    at_local    TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    details     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_entries_by_actor  ON audit_entries(actor, seq);
CREATE INDEX audit_entries_by_object ON audit_entries(object_id, seq);
CREATE INDEX audit_entries_by_time   ON audit_entries(at_utc);

-- The last sequence number and hash, moved in the same transaction as each append: entries cut
-- off the end of the chain show as a head that no stored entry reaches.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
)sql"};

}  // namespace sanaq::db
