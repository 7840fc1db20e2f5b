// 008 — signatures on what a custodian's key could otherwise rewrite in common (per-role keys,
// db/README.md "Signed rows in common"): each audit entry signed by the member who appended it,
// and the settings, device keys and pulls signed by the member who wrote them, with a signed
// count per table so a deleted row shows too. The single-key layout leaves both tables empty.
// Tables of their own rather than new columns, as in 007: SQLite 3.15 cannot drop a column, and
// IF NOT EXISTS lets the step run again over a file whose version number was set back.
#include "db/migrations/migrations.h"

namespace sanaq::db {

const Migration kMigration008 = {8, "signed_common_rows",
                                 "Ed25519 signatures of audit entries and of the settings, device "
                                 "keys and pulls rows, by member.",
                                 R"sql(
-- One row per audit entry appended with per-role keys: the member's slot id and the base64
-- Ed25519 signature over the entry's hash (which covers every field and the previous hash).
CREATE TABLE IF NOT EXISTS audit_signatures (
    seq       INTEGER PRIMARY KEY,
    signer    TEXT NOT NULL,
    signature TEXT NOT NULL
);
-- One row per signed row of settings, device_keys and pulls (row_key: the setting's key, the kit
-- number, the pull's id), and per table one head (row_key '') signing how many rows it has.
CREATE TABLE IF NOT EXISTS row_signatures (
    table_name TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    signed_by  TEXT NOT NULL,
    signature  TEXT NOT NULL,
    PRIMARY KEY (table_name, row_key)
) WITHOUT ROWID;
)sql"};

}  // namespace sanaq::db
