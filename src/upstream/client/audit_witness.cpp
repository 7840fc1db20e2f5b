#include "upstream/client/audit_witness.h"

#include "core/usecases/audit_review.h"
#include "upstream/client/upstream_settings.h"
#include "upstream/protocol/receipt.h"

namespace sanaq::upstream {

Result<std::vector<WitnessedHead>> witnessed_audit_heads(StoreSession& tx) {
    std::vector<WitnessedHead> heads;
    auto settings = load_upstream_settings(tx);
    SANAQ_TRY(settings);
    if (!*settings || (*settings)->receipt_public_pem.empty()) return heads;
    auto accepted = tx.outbox().batches(BatchState::Accepted, 0);
    SANAQ_TRY(accepted);
    for (const auto& batch : *accepted) {
        auto receipt = parse_receipt(batch.receipt_json);
        if (!receipt || !receipt->audit_head || receipt->batch_uuid != batch.uuid) continue;
        if (!receipt_verifies(*receipt, (*settings)->receipt_public_pem)) continue;
        heads.push_back({receipt->audit_head->seq, receipt->audit_head->hash, receipt->received_at, receipt->server,
                         batch.uuid});
    }
    return heads;
}

Result<AuditVerification> verify_audit_trail(Session& session) {
    // Who may verify may read the receipts: verify_audit checks the permission before anything.
    SANAQ_TRY(require(session.actor, Operation::VerifyAudit));
    auto heads = query<std::vector<WitnessedHead>>(session.store, [](StoreSession& tx) { return witnessed_audit_heads(tx); });
    // The receipts live with the batches in census. A role that verifies the trail without
    // opening census (the administrator of a per-role workspace) still gets the chain and the
    // signatures checked, and is told that the witnesses were not.
    const bool unreadable = !heads && heads.error().code == ErrorCode::PermissionDenied;
    if (!heads && !unreadable) return std::unexpected(heads.error());
    auto verification = verify_audit(session, unreadable ? std::vector<WitnessedHead>{} : *heads);
    if (verification) verification->witnesses_unreadable = unreadable;
    return verification;
}

}  // namespace sanaq::upstream
