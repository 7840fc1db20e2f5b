// 003 — the equipment side: tablet kits and their components, counted paper stock, who holds
// which kit (issues), and the frozen hand-over / return acts with their number sequences.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration003 = {
    3, "kits_custody_acts",
    "Kits with components, paper stock, kit issues with return acts, acts with kit links and number counters.",
    R"sql(
CREATE TABLE kits (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    tablet_model  TEXT NOT NULL,
    tablet_serial TEXT NOT NULL,
    imei          TEXT NOT NULL,
    usb_serial    TEXT NOT NULL,
    state         TEXT NOT NULL,
    note          TEXT NOT NULL
);
-- Serials are unique when known; an empty one means "not recorded".
CREATE UNIQUE INDEX kits_by_tablet_serial ON kits(tablet_serial) WHERE tablet_serial <> '';
CREATE UNIQUE INDEX kits_by_usb_serial    ON kits(usb_serial)    WHERE usb_serial <> '';
CREATE INDEX kits_by_state ON kits(state, number);

CREATE TABLE kit_components (
    kit_id   INTEGER NOT NULL REFERENCES kits(id) ON DELETE CASCADE,
    type     TEXT NOT NULL,
    position INTEGER NOT NULL,
    serial   TEXT NOT NULL,
    status   TEXT NOT NULL,
    note     TEXT NOT NULL,
    PRIMARY KEY (kit_id, type)
) WITHOUT ROWID;

CREATE TABLE paper_stock (
    item    TEXT PRIMARY KEY NOT NULL,
    on_hand INTEGER NOT NULL CHECK (on_hand >= 0)
);
INSERT INTO paper_stock (item, on_hand) VALUES ('explanations', 0);
INSERT INTO paper_stock (item, on_hand) VALUES ('certificates', 0);

CREATE TABLE kit_issues (
    id            INTEGER PRIMARY KEY,
    kit_id        INTEGER NOT NULL REFERENCES kits(id),
    employee_id   INTEGER NOT NULL REFERENCES staff(id),
    issue_act     TEXT NOT NULL,
    issued_at_utc TEXT NOT NULL,
    due_date      TEXT NOT NULL,
    closed_at_utc TEXT
);
-- At most one open issue per kit; the outstanding report walks this index.
CREATE UNIQUE INDEX kit_issues_open_by_kit ON kit_issues(kit_id) WHERE closed_at_utc IS NULL;
CREATE INDEX kit_issues_by_kit      ON kit_issues(kit_id, id);
CREATE INDEX kit_issues_by_employee ON kit_issues(employee_id);

CREATE TABLE kit_issue_returns (
    issue_id   INTEGER NOT NULL REFERENCES kit_issues(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    act_number TEXT NOT NULL,
    PRIMARY KEY (issue_id, position)
) WITHOUT ROWID;

-- The snapshot is act_to_json(act), frozen; the other columns are copies for finding acts.
CREATE TABLE acts (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    date            TEXT NOT NULL,
    institution_bin TEXT NOT NULL,
    employee_id     INTEGER NOT NULL,
    created_at_utc  TEXT NOT NULL,
    content_digest  TEXT NOT NULL,
    snapshot        TEXT NOT NULL
);
CREATE INDEX acts_by_date        ON acts(date, id);
CREATE INDEX acts_by_institution ON acts(institution_bin, date);
CREATE INDEX acts_by_employee    ON acts(employee_id, date);
CREATE INDEX acts_by_kind        ON acts(kind, date);

CREATE TABLE act_kits (
    act_id     INTEGER NOT NULL REFERENCES acts(id) ON DELETE CASCADE,
    kit_number TEXT NOT NULL,
    PRIMARY KEY (act_id, kit_number)
) WITHOUT ROWID;
CREATE INDEX act_kits_by_kit ON act_kits(kit_number, act_id);

CREATE TABLE act_number_counters (
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL CHECK (last >= 0),
    PRIMARY KEY (kind, year)
) WITHOUT ROWID;
)sql"};

}  // namespace sanaq::db
