// workspace backup | restore
#include "app/workspace_backups.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/stop_request.h"
#include "core/usecases/backup.h"
#include "db/backup.h"

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;
}  // namespace

Status cmd_workspace_backup(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"out"}));
    auto out = a.need("out");
    SANAQ_TRY(out);
    auto session = ctx.session();
    SANAQ_TRY(session);
    StopRequest stop;  // Ctrl+C: the copy stops and no file is left behind
    auto info = app::back_up_workspace(**session, *ctx.workspace(), *out, {}, app::CancelToken(stop.flag()));
    SANAQ_TRY(info);
    if (ctx.json()) {
        ctx.emit(ordered_json{{"file", info->file.string()},
                              {"size", info->size},
                              {"sha256", info->sha256},
                              {"workspace_id", info->workspace_id},
                              {"created_at", info->created_at_utc},
                              {"schema_version", info->schema_version},
                              {"audit_seq", info->audit_seq}});
    } else {
        ctx.say(format_message(trn("Backup written to {}: {} byte, SHA-256 {}. It is encrypted like the workspace; "
                                   "the same users open it with their passwords.",
                                   "Backup written to {}: {} bytes, SHA-256 {}. It is encrypted like the workspace; "
                                   "the same users open it with their passwords.",
                                   static_cast<long>(info->size)),
                               {info->file.string(), std::to_string(info->size), info->sha256}));
    }
    return {};
}

Status cmd_workspace_restore(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"to"}));
    const std::string file = a.positional(0);
    if (file.empty() || a.positional().size() > 1)
        return fail(ErrorCode::Usage, N_("Name the backup and the new folder: sanaq workspace restore FILE --to DIR."));
    auto to = a.need("to");
    SANAQ_TRY(to);
    if (ctx.globals().user.empty()) return fail(ErrorCode::Usage, N_("Say who you are: --user NAME or SANAQ_USER."));
    auto password = ctx.password();
    SANAQ_TRY(password);
    db::BackupRestorer restorer(db::OpenOptions{true, db::kdf_from_environment()});
    StopRequest stop;  // Ctrl+C: the staging folder goes, no restored folder appears
    auto report = app::restore_workspace_backup(restorer, ctx.clock(), {file, *to, ctx.globals().user, *password},
                                                {}, app::CancelToken(stop.flag()));
    SANAQ_TRY(report);
    const auto& b = report->backup;
    if (ctx.json()) {
        ordered_json doc{{"restored_to", report->target.string()},
                         {"from", b.file.string()},
                         {"size", b.size},
                         {"sha256", b.sha256},
                         {"workspace_id", b.workspace_id},
                         {"created_at", b.created_at_utc},
                         {"backup_schema_version", b.schema_version},
                         {"schema_version", report->schema_version},
                         {"audit_entries_checked", report->audit_entries_checked},
                         {"user", report->actor.user}};
        // Per-role keys: parts carried encrypted under keys the restoring user does not hold.
        if (!b.sealed_parts.empty()) doc["sealed_parts"] = b.sealed_parts;
        ctx.emit(doc);
        return {};
    }
    ctx.say(format_message(tr("Restored the backup {} (made {}, SHA-256 {}) into {}."),
                           {b.file.string(), b.created_at_utc, b.sha256, report->target.string()}));
    ctx.say(format_message(trn("Checked: the digests, every page's MAC, the database's integrity, the audit trail "
                               "({} entry) and your password. Open it with --workspace {}.",
                               "Checked: the digests, every page's MAC, the database's integrity, the audit trail "
                               "({} entries) and your password. Open it with --workspace {}.",
                               static_cast<long>(report->audit_entries_checked)),

                           {std::to_string(report->audit_entries_checked), report->target.string()}));
    if (!b.sealed_parts.empty())
        ctx.say(tr("The census records came over as they were, encrypted under a key your account does not hold: "
                   "only their digest was checked. An officer or supervisor opens them."));
    if (report->schema_version != b.schema_version)
        ctx.say(format_message(tr("The backup had schema version {}; the restored workspace was brought up to {}."),
                               {std::to_string(b.schema_version), std::to_string(report->schema_version)}));
    return {};
}

}  // namespace sanaq::cli
