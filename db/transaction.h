#pragma once
// The transactions of every connection to a workspace (Workspace's own and a worker's), so that
// the rules of README.md "Transactions" — and for the per-role layout the commit marker and its
// recovery (design/key-hierarchy.md §3) — exist once.
//
// SQLite in WAL mode commits each file on its own: main (common) first, then the attached parts
// in the order they were attached. A transaction that wrote census or dept therefore records
// itself in common (cross_commits) and stamps its number into each part it wrote
// (part_meta 'last_txid'), both before COMMIT. A part whose stamp is below a row of cross_commits
// naming it did not commit that transaction: recovery voids the row and appends
// `store.commit_incomplete` to the audit trail, whose entry for the transaction stays, marked.
#include <string_view>

#include "core/ports/store.h"
#include "db/repositories/session.h"
#include "db/sqlite/database.h"

namespace sanaq::db {

/// Store::write over `db`: BEGIN IMMEDIATE, `work`, COMMIT; ROLLBACK and the error when `work`
/// fails or throws. With parts attached: a transaction that wrote census or dept may write only
/// the audit trail in common (else Unexpected, rolled back), and gets the marker; a COMMIT that
/// fails after common committed is recovered at once. `actor` signs the recovery's entries.
Status run_write(Database& db, SqlStoreSession& session, std::string_view actor,
                 const StoreWork& work);

/// Store::read over `db`: BEGIN DEFERRED with query_only; with parts attached the read snapshots
/// are taken in the reverse of the commit order (the last attached part first, common last), so
/// a part that shows a transaction is never read beside a common that does not.
Status run_read(Database& db, SqlStoreSession& session, const StoreWork& work);

/// Voids every transaction that committed in common and not in a part attached to `db`, each
/// with an audit entry `store.commit_incomplete` {txid, part, audit_seq, audit_first}. Parts
/// not attached (a member who does not hold them) are left for a holder. Idempotent.
Status recover_incomplete_commits(Database& db, SqlStoreSession& session, std::string_view actor);

}  // namespace sanaq::db
