// 002 — the institutions whose residents are enumerated on site and the staff their heads
// appoint: the counterparts of every hand-over act.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration002 = {
    2, "institutions_staff",
    "Institutions (by BIN, with KATO code and classifier version) and their responsible employees.",
    R"sql(
CREATE TABLE institutions (
    bin          TEXT PRIMARY KEY NOT NULL,
    name_kk      TEXT NOT NULL,
    name_ru      TEXT NOT NULL,
    type         TEXT NOT NULL,
    kato         TEXT NOT NULL,
    kato_version TEXT NOT NULL,
    address      TEXT NOT NULL
);
CREATE INDEX institutions_by_name ON institutions(name_ru);

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    institution_bin TEXT NOT NULL REFERENCES institutions(bin) ON UPDATE CASCADE,
    iin             TEXT NOT NULL UNIQUE,
    full_name       TEXT NOT NULL,
    position        TEXT NOT NULL,
    phone           TEXT NOT NULL
);
CREATE INDEX staff_by_institution ON staff(institution_bin, full_name);
CREATE INDEX staff_by_name        ON staff(full_name);
)sql"};

}  // namespace sanaq::db
