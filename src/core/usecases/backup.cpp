#include "core/usecases/backup.h"

#include <nlohmann/json.hpp>

namespace sanaq {

Result<BackupInfo> backup_workspace(Session& session, WorkspaceArchiver& archiver, const std::filesystem::path& out,
                                    const ArchiveProgress& progress) {
    SANAQ_TRY(require(session.actor, Operation::BackupWorkspace));
    // The entry goes in before the file is published: a copy of the data never exists under its
    // name without its audit entry (a failed append discards the copy).
    return archiver.write_backup(out, progress, [&](const BackupInfo& info) -> Status {
        return session.store.write([&](StoreSession& tx) -> Status {
            return record(tx, session,
                          {"workspace.backup", "workspace", info.file.string(), "",
                           nlohmann::json{{"file", info.file.string()},
                                          {"size", info.size},
                                          {"sha256", info.sha256},
                                          {"schema_version", info.schema_version},
                                          {"audit_seq", info.audit_seq},
                                          {"created_at_utc", info.created_at_utc}}
                               .dump()});
        });
    });
}

Result<RestoreReport> restore_workspace(WorkspaceRestorer& restorer, const Clock& clock, const RestoreRequest& request_in,
                                        const ArchiveProgress& progress) {
    RestoreRequest request = request_in;
    request.target = request.target.lexically_normal();
    if (request.target.has_parent_path() && request.target.filename().empty())  // "…/restored/"
        request.target = request.target.parent_path();
    auto restored = restorer.restore(request.backup, request.target, request.user, request.password, progress);
    SANAQ_TRY(restored);
    auto& staged = **restored;
    const BackupInfo& info = staged.backup();

    // Who may restore is decided by the backup's own users table: there may be no live workspace
    // at all (a new PC after a failed disk).
    auto session = sign_in(staged.store(), staged.keys(), clock, request.user);
    SANAQ_TRY(session);
    SANAQ_TRY(require(session->actor, Operation::BackupWorkspace));

    RestoreReport report;
    report.target = request.target;
    report.backup = info;
    report.schema_version = staged.schema_version();
    report.actor = session->actor;
    AuditVerification verification;
    AuditHead head;
    auto checked = staged.store().read([&](StoreSession& tx) -> Status {
        auto h = tx.audit().head();
        SANAQ_TRY(h);
        head = *h;
        auto verified = tx.audit().verify();
        SANAQ_TRY(verified);
        verification = *verified;
        return {};
    });
    SANAQ_TRY(checked);
    if (!verification.intact())
        return fail(ErrorCode::RefusedByState,
                    N_("The audit trail in the backup {} does not verify ({} at entry {}). Nothing was restored."),
                    {info.file.string(), label_arg(audit_problem_label(verification.problem)),
                     std::to_string(verification.first_bad_seq)});
    if (head.seq != info.audit_seq || head.hash != info.audit_hash)
        return fail(ErrorCode::RefusedByState,
                    N_("The audit trail in the backup {} ends at entry {}, but the backup was made at entry {}. "
                       "Nothing was restored."),
                    {info.file.string(), std::to_string(head.seq), std::to_string(info.audit_seq)});
    report.audit_entries_checked = verification.checked;

    auto recorded = staged.store().write([&](StoreSession& tx) -> Status {
        return record(tx, *session,
                      {"workspace.restore", "workspace", request.target.string(), "",
                       nlohmann::json{{"from", info.file.string()},
                                      {"size", info.size},
                                      {"sha256", info.sha256},
                                      {"backup_created_at_utc", info.created_at_utc},
                                      {"backup_audit_seq", info.audit_seq},
                                      {"backup_schema_version", info.schema_version},
                                      {"schema_version", report.schema_version},
                                      {"to", request.target.string()}}
                           .dump()});
    });
    SANAQ_TRY(recorded);
    SANAQ_TRY(staged.publish());
    return report;
}

}  // namespace sanaq
