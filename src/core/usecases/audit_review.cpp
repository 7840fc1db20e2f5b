#include "core/usecases/audit_review.h"

#include <nlohmann/json.hpp>

namespace sanaq {

Result<std::vector<AuditEntry>> list_audit(Session& session, const AuditFilter& filter) {
    SANAQ_TRY(require(session.actor, Operation::ViewAudit));
    return query<std::vector<AuditEntry>>(session.store, [&](StoreSession& tx) { return tx.audit().list(filter); });
}

Result<AuditVerification> verify_audit(Session& session, const std::vector<WitnessedHead>& witnessed) {
    SANAQ_TRY(require(session.actor, Operation::VerifyAudit));
    return query<AuditVerification>(session.store, [&](StoreSession& tx) { return tx.audit().verify(witnessed); });
}

std::vector<std::string> audit_export_header() {
    return {"seq", "at_utc", "at_local", "actor", "action", "object_type", "object_id", "reason",
            "details", "prev_hash", "hash"};
}

std::vector<std::vector<std::string>> audit_export_rows(const std::vector<AuditEntry>& entries) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(entries.size());
    for (const auto& e : entries)
        rows.push_back({std::to_string(e.seq), e.at_utc, e.at_local, e.actor, e.action, e.object_type,
                        e.object_id, e.reason, e.details, e.prev_hash, e.hash});
    return rows;
}

Status record_audit_export(Session& session, std::string_view destination, std::size_t rows) {
    SANAQ_TRY(require(session.actor, Operation::ExportAudit));
    return session.store.write([&](StoreSession& tx) -> Status {
        return record(tx, session, {"audit.export", "audit", "", "",
                                    nlohmann::json{{"destination", destination}, {"rows", rows}}.dump()});
    });
}

}  // namespace sanaq
