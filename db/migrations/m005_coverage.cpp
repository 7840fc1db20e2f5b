// 005 — coverage reconciliation: the institutions' lists as stored versions with their
// entries, saved column mappings, reconciliation runs with the per-person results of the last
// one, and the supervisors' review queue with its decisions.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration005 = {
    5, "coverage",
    "Institutions' list versions and entries, column mappings, reconciliation runs and results, review items and decisions.",
    R"sql(
-- One version of one institution's list. Current = latest as_of, then highest version.
CREATE TABLE institution_lists (
    id                 INTEGER PRIMARY KEY,
    institution_bin    TEXT NOT NULL REFERENCES institutions(bin) ON UPDATE CASCADE,
    as_of              TEXT NOT NULL,
    version            INTEGER NOT NULL,
    source_name        TEXT NOT NULL,
    imported_at_utc    TEXT NOT NULL,
    imported_by        TEXT NOT NULL,
    rows_read          INTEGER NOT NULL,
    rows_imported      INTEGER NOT NULL,
    rows_rejected      INTEGER NOT NULL,
    rows_with_warnings INTEGER NOT NULL,
    mapping_json       TEXT NOT NULL,
    encoding           TEXT NOT NULL,
    UNIQUE (institution_bin, as_of, version)
);

-- The persons of a version, in file order. record_id is stable across versions (not unique here:
-- every version repeats it).
CREATE TABLE list_entries (
    id          INTEGER PRIMARY KEY,
    list_id     INTEGER NOT NULL REFERENCES institution_lists(id) ON DELETE CASCADE,
    record_id   TEXT NOT NULL,
    line        INTEGER NOT NULL,
    number      TEXT NOT NULL,
    iin         TEXT NOT NULL,
    iin_valid   INTEGER NOT NULL,
    surname     TEXT NOT NULL,
    name        TEXT NOT NULL,
    patronymic  TEXT NOT NULL,
    sex         TEXT NOT NULL,
    birth_date  TEXT NOT NULL,
    category    TEXT NOT NULL,
    note        TEXT NOT NULL,
    warnings    TEXT NOT NULL
);
CREATE INDEX list_entries_by_list   ON list_entries(list_id, line);
CREATE INDEX list_entries_by_record ON list_entries(record_id);

-- Saved column mappings per institution and name; saving again replaces.
CREATE TABLE column_mappings (
    institution_bin TEXT NOT NULL,
    name            TEXT NOT NULL,
    mapping_json    TEXT NOT NULL,
    saved_at_utc    TEXT NOT NULL,
    saved_by        TEXT NOT NULL,
    PRIMARY KEY (institution_bin, name)
) WITHOUT ROWID;

-- One reconciliation; finished_at_utc is '' until it finished.
CREATE TABLE reconcile_runs (
    id                INTEGER PRIMARY KEY,
    started_at_utc    TEXT NOT NULL,
    finished_at_utc   TEXT NOT NULL,
    user_name         TEXT NOT NULL,
    listed            INTEGER NOT NULL,
    enumerated        INTEGER NOT NULL,
    matched           INTEGER NOT NULL,
    review            INTEGER NOT NULL,
    conflict          INTEGER NOT NULL,
    missing           INTEGER NOT NULL,
    extra             INTEGER NOT NULL,
    duplicate         INTEGER NOT NULL,
    pairs_compared    INTEGER NOT NULL,
    decisions_applied INTEGER NOT NULL,
    seconds           REAL NOT NULL
);

-- The outcome of the last run per person: side 'L' (record_id = list record id) or 'E' (the
-- person's UUID). Replaced whole by every run. Not foreign keys: a record of what a run found.
CREATE TABLE reconcile_results (
    id              INTEGER PRIMARY KEY,
    side            TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    institution_bin TEXT NOT NULL,
    kato            TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    counterpart_id  TEXT NOT NULL,
    score           REAL NOT NULL,
    levels          TEXT NOT NULL,
    by_supervisor   INTEGER NOT NULL,
    enumerated_on   TEXT NOT NULL
);
CREATE UNIQUE INDEX reconcile_results_by_record ON reconcile_results(side, record_id);
-- Coverage counts (GROUP BY institution_bin, side, outcome) and progress (by enumerated_on)
-- read this index alone.
CREATE INDEX reconcile_results_by_institution
    ON reconcile_results(institution_bin, side, outcome, enumerated_on);

-- The supervisors' queue, one item per pair of records across runs.
CREATE TABLE review_items (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL,
    first_id          TEXT NOT NULL,
    second_id         TEXT NOT NULL,
    institution_bin   TEXT NOT NULL,
    score             REAL NOT NULL,
    levels            TEXT NOT NULL,
    conflict          INTEGER NOT NULL,
    state             TEXT NOT NULL,
    first_seen_at_utc TEXT NOT NULL,
    last_run_id       INTEGER NOT NULL,
    UNIQUE (first_id, second_id)
);
CREATE INDEX review_items_by_second ON review_items(second_id);
CREATE INDEX review_items_by_state  ON review_items(state, institution_bin);

-- Decisions, never changed except for the confirmation (four-eyes).
CREATE TABLE review_decisions (
    id                 INTEGER PRIMARY KEY,
    review_id          INTEGER NOT NULL REFERENCES review_items(id),
    first_id           TEXT NOT NULL,
    second_id          TEXT NOT NULL,
    verdict            TEXT NOT NULL,
    reason             TEXT NOT NULL,
    decided_by         TEXT NOT NULL,
    decided_at_utc     TEXT NOT NULL,
    confirmed_by       TEXT NOT NULL,
    confirmed_at_utc   TEXT NOT NULL,
    needs_confirmation INTEGER NOT NULL
);
CREATE INDEX review_decisions_by_item ON review_decisions(review_id, id);
CREATE INDEX review_decisions_by_pair ON review_decisions(first_id, second_id, id);
)sql"};

}  // namespace sanaq::db
