#pragma once
// Reading, verifying and exporting the audit trail.
#include <vector>

#include "core/usecases/session.h"

namespace sanaq {

Result<std::vector<AuditEntry>> list_audit(Session& session, const AuditFilter& filter);
/// The chain against itself and its stored head, then against the heads the census database
/// witnessed (verified receipts, which the upstream client reads: upstream/client/audit_witness.h
/// calls this with them).
Result<AuditVerification> verify_audit(Session& session, const std::vector<WitnessedHead>& witnessed = {});

/// The header and rows of an audit export; the caller writes them to the user's file, then calls
/// record_audit_export so the export itself is on the trail.
std::vector<std::string> audit_export_header();
std::vector<std::vector<std::string>> audit_export_rows(const std::vector<AuditEntry>& entries);
Status record_audit_export(Session& session, std::string_view destination, std::size_t rows);

}  // namespace sanaq
