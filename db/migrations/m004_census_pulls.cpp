// 004 — what the tablets bring: enrolled device keys, pull sessions, received and quarantined
// packages (the quarantined bytes in chunks), and the census records themselves — households and
// persons with their provenance (package, kit, holder) and revision.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration004 = {
    4, "census_pulls",
    "Device keys, pulls, received and quarantined packages (bytes in chunks), households and persons with provenance.",
    R"sql(
-- One signing key per kit; one kit per key.
CREATE TABLE device_keys (
    kit_number      TEXT PRIMARY KEY NOT NULL REFERENCES kits(number) ON UPDATE CASCADE,
    device_id       TEXT NOT NULL UNIQUE,
    public_key_pem  TEXT NOT NULL,
    enrolled_at_utc TEXT NOT NULL,
    enrolled_by     TEXT NOT NULL
) WITHOUT ROWID;

-- One pull from one tablet or folder. kit_number is '' when the tablet was not identified.
CREATE TABLE pulls (
    id                   INTEGER PRIMARY KEY,
    kit_number           TEXT NOT NULL,
    source               TEXT NOT NULL,
    usb_serial           TEXT NOT NULL,
    started_at_utc       TEXT NOT NULL,
    finished_at_utc      TEXT NOT NULL,
    user_name            TEXT NOT NULL,
    outcome              TEXT NOT NULL,
    packages_received    INTEGER NOT NULL,
    packages_already     INTEGER NOT NULL,
    packages_quarantined INTEGER NOT NULL,
    households           INTEGER NOT NULL,
    persons              INTEGER NOT NULL,
    bytes                INTEGER NOT NULL,
    packages_left        INTEGER NOT NULL,
    missing_sequences    TEXT NOT NULL,
    clock_skew_seconds   INTEGER NOT NULL
);
CREATE INDEX pulls_by_kit ON pulls(kit_number, id);

-- A package whose records were stored: its signed manifest, then how and when it came.
CREATE TABLE received_packages (
    uuid                  TEXT PRIMARY KEY NOT NULL,
    format_version        INTEGER NOT NULL,
    device_id             TEXT NOT NULL,
    device_model          TEXT NOT NULL,
    usb_serial            TEXT NOT NULL,
    kit_number            TEXT NOT NULL,
    interviewer_iin       TEXT NOT NULL,
    census_round          TEXT NOT NULL,
    sequence              INTEGER NOT NULL,
    exported_at           TEXT NOT NULL,
    households            INTEGER NOT NULL,
    persons               INTEGER NOT NULL,
    payload_size          INTEGER NOT NULL,
    payload_sha256        TEXT NOT NULL,
    pulled_at_utc         TEXT NOT NULL,
    pulled_by             TEXT NOT NULL,
    pull_id               INTEGER NOT NULL,
    holder_employee_id    INTEGER NOT NULL,
    households_new        INTEGER NOT NULL,
    households_superseded INTEGER NOT NULL,
    households_ignored    INTEGER NOT NULL,
    persons_new           INTEGER NOT NULL,
    persons_superseded    INTEGER NOT NULL,
    persons_ignored       INTEGER NOT NULL,
    warnings              INTEGER NOT NULL,
    clock_skew_seconds    INTEGER NOT NULL
);
CREATE INDEX received_packages_by_device ON received_packages(device_id, sequence);
CREATE INDEX received_packages_by_kit    ON received_packages(kit_number);

-- A package put aside, with its reason; its bytes are the chunks below, in position order.
CREATE TABLE quarantined_packages (
    id                 INTEGER PRIMARY KEY,
    file_name          TEXT NOT NULL,
    package_uuid       TEXT NOT NULL,
    kit_number         TEXT NOT NULL,
    device_id          TEXT NOT NULL,
    reason             TEXT NOT NULL,
    detail             TEXT NOT NULL,
    source             TEXT NOT NULL,
    quarantined_at_utc TEXT NOT NULL,
    size               INTEGER NOT NULL,
    resolved           INTEGER NOT NULL,
    resolution         TEXT NOT NULL
);
CREATE INDEX quarantined_packages_open ON quarantined_packages(resolved, id);

-- 1 MiB pieces: a 200 MB package never needs one 200 MB value bound or read.
CREATE TABLE quarantined_chunks (
    id         INTEGER PRIMARY KEY,
    package_id INTEGER NOT NULL REFERENCES quarantined_packages(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    bytes      BLOB NOT NULL,
    UNIQUE (package_id, position)
);

-- Census records. Provenance = the package that last wrote the row, its kit, who held the kit.
-- uuid_key = FNV-1a 64 of the uuid text (README.md): the uuid's index holds 8-byte integers
-- instead of 36-byte text, so a package's random UUIDs dirty far fewer index pages per commit.
CREATE TABLE households (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL,
    uuid_key           INTEGER NOT NULL,
    revision           INTEGER NOT NULL,
    place              TEXT NOT NULL,
    kato               TEXT NOT NULL,
    kato_version       TEXT NOT NULL,
    street             TEXT NOT NULL,
    house              TEXT NOT NULL,
    flat               TEXT NOT NULL,
    institution_bin    TEXT NOT NULL,
    institution_type   TEXT NOT NULL,
    hotel_name         TEXT NOT NULL,
    household_number   TEXT NOT NULL,
    answers_json       TEXT NOT NULL,
    package_uuid       TEXT NOT NULL,
    kit_number         TEXT NOT NULL,
    holder_employee_id INTEGER NOT NULL,
    pulled_at_utc      TEXT NOT NULL
);
CREATE INDEX households_by_uuid_key    ON households(uuid_key);
CREATE INDEX households_by_institution ON households(institution_bin);
CREATE INDEX households_by_kato        ON households(kato);

-- household_id = households.id of household_uuid, NULL while that household is not stored (it is
-- filled in when it arrives). Households get ascending ids as they are stored, so a package's
-- persons append to persons_by_household instead of landing all over it.
CREATE TABLE persons (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL,
    uuid_key           INTEGER NOT NULL,
    revision           INTEGER NOT NULL,
    household_id       INTEGER,
    household_uuid     TEXT NOT NULL,
    iin                TEXT NOT NULL,
    surname            TEXT NOT NULL,
    name               TEXT NOT NULL,
    patronymic         TEXT NOT NULL,
    sex                TEXT NOT NULL,
    birth_date         TEXT NOT NULL,
    relationship       TEXT NOT NULL,
    residence          TEXT NOT NULL,
    source             TEXT NOT NULL,
    answers_json       TEXT NOT NULL,
    package_uuid       TEXT NOT NULL,
    kit_number         TEXT NOT NULL,
    holder_employee_id INTEGER NOT NULL,
    pulled_at_utc      TEXT NOT NULL
);
CREATE INDEX persons_by_uuid_key  ON persons(uuid_key);
CREATE INDEX persons_by_household ON persons(household_id);
-- Persons whose household is not stored yet (normally none): found when it arrives.
CREATE INDEX persons_awaiting_household ON persons(household_uuid) WHERE household_id IS NULL;
)sql"};

}  // namespace sanaq::db
