#pragma once
// The audit trail against what the census database has seen of it. Each batch leaves with the
// trail's head (Sanaq-Audit-Head) and comes back with a receipt that signs it; a trail cut or
// rewritten behind such a head — even one re-chained consistently by someone holding the key —
// no longer has the entry the census database signed (README.md, "Audit head").
// `audit verify` and the GUI's Audit screen both verify through here.
#include <vector>

#include "core/usecases/session.h"

namespace sanaq::upstream {

/// The heads named by the receipts of accepted batches whose signature verifies under the
/// configured receipt key (a receipt that does not is not a witness). Empty when forwarding was
/// never configured.
Result<std::vector<WitnessedHead>> witnessed_audit_heads(StoreSession& tx);

/// The core's verify_audit with the witnessed heads: the chain, its stored head, and every witness
/// — or, for a role that does not open census where the receipts are, the chain alone with
/// `witnesses_unreadable` set.
Result<AuditVerification> verify_audit_trail(Session& session);

}  // namespace sanaq::upstream
