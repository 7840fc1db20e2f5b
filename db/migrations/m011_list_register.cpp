// 011 — the stage-1 register (who owes the department a list, by when, how many people it
// expects) and the responsible employees' appointment orders and training. The register is the
// department's own planning, not personal data: per-role keys keep it in dept, where a custodian
// (who holds common) can neither read nor change who owes a list or when; the appointments sit
// beside the staff they belong to, in common. Tables of their own rather than new columns, as in
// 007 and 010: a part file made by an earlier version is given them whole (part_schema.cpp).
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration011 = {11, "list_register",
                                 "The stage-1 register of institutions' lists (deadline, expected "
                                 "headcount); responsible employees' appointment orders and "
                                 "training.",
                                 R"sql(
-- One row per institution the department has planned for; an institution without one owes a list
-- by the default deadline. The BIN is a copy, not a foreign key: per-role keys put institutions in
-- common and this table in dept (the repository checks the institution exists).
CREATE TABLE IF NOT EXISTS list_register (
    institution_bin TEXT PRIMARY KEY NOT NULL,
    owes            INTEGER NOT NULL CHECK (owes IN (0, 1)),
    deadline        TEXT NOT NULL,
    expected        INTEGER,
    updated_at_utc  TEXT NOT NULL,
    updated_by      TEXT NOT NULL
);
-- The head's order that appointed a responsible employee, and the day they were trained.
CREATE TABLE IF NOT EXISTS staff_appointments (
    staff_id     INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
    order_number TEXT NOT NULL,
    order_date   TEXT NOT NULL,
    trained_on   TEXT NOT NULL
);
)sql"};

}  // namespace sanaq::db
