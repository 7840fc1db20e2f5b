// 013 — paper census tools accounted per holder: every hand-over, reported use and return of
// explanations forms and completion certificates, under the act that moved them. The stock count
// (003's paper_stock) says what is on the department's shelf; this ledger says who holds the rest.
// IF NOT EXISTS lets the step run again over a file whose version was set back (as 009, 010).
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration013 = {
    13, "paper_ledger", "Paper census tools handed, used and returned per holder, under acts.",
    R"sql(
CREATE TABLE IF NOT EXISTS paper_movements (
    id          INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES staff(id),
    item        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    count       INTEGER NOT NULL CHECK (count > 0),
    act_number  TEXT NOT NULL,
    at_utc      TEXT NOT NULL
);
-- A holder's account sums their rows by item and kind.
CREATE INDEX IF NOT EXISTS paper_movements_by_employee ON paper_movements(employee_id, item, kind);
)sql"};

}  // namespace sanaq::db
