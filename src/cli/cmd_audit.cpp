// audit verify | list | export
#include "cli/commands.h"
#include "cli/output.h"
#include "core/usecases/audit_review.h"
#include "upstream/client/audit_witness.h"

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;

Result<AuditFilter> filter_from(const Args& a) {
    AuditFilter f;
    f.actor = a.get_or("actor", "");
    f.action_prefix = a.get_or("action", "");
    f.object_id = a.get_or("object", "");
    f.from_utc = a.get_or("from", "");
    f.to_utc = a.get_or("to", "");
    auto limit = a.integer("limit", 0);
    SANAQ_TRY(limit);
    f.limit = static_cast<std::size_t>(std::max(0, *limit));
    return f;
}
}  // namespace

Status cmd_audit_verify(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto v = upstream::verify_audit_trail(**session);
    SANAQ_TRY(v);
    const auto& w = v->last_witnessed;
    if (ctx.json()) {
        ordered_json witnessed = nullptr;
        if (w)
            witnessed = {{"seq", w->seq}, {"hash", w->hash}, {"at", w->witnessed_at}, {"by", w->witness},
                         {"batch", w->batch_uuid}};
        ctx.emit(ordered_json{{"intact", v->intact()}, {"checked", v->checked},
                              {"problem", v->intact() ? "" : tr(audit_problem_label(v->problem))},
                              {"first_bad_seq", v->first_bad_seq}, {"witnessed_heads", v->witnesses},
                              {"last_witnessed", witnessed}, {"witnesses_checked", !v->witnesses_unreadable}});
    } else {
        if (v->intact())
            ctx.say(format_message(trn("The audit trail is intact: {} entry checked.",
                                       "The audit trail is intact: {} entries checked.", static_cast<long>(v->checked)),
                                   {std::to_string(v->checked)}));

        if (v->witnesses_unreadable)
            ctx.say(tr("The heads the census database witnessed are kept with the census data, which your role does not open: "
                       "the chain and its signatures were checked, the witnesses were not. An officer or supervisor can check them."));
        else if (w)
            ctx.say(format_message(tr("Last head witnessed by the census database: entry {} ({}…), at {} by {}."),
                                   {std::to_string(w->seq), w->hash.substr(0, 16), w->witnessed_at, w->witness}));
        else
            ctx.say(tr("No head of this trail has been witnessed by the census database yet; one goes with every batch sent."));
    }
    if (!v->intact())
        return fail(ErrorCode::RefusedByState, N_("The audit trail is broken at entry {}: {}."),
                    {std::to_string(v->first_bad_seq), tr(audit_problem_label(v->problem))});
    return {};
}

Status cmd_audit_list(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"actor", "action", "object", "from", "to", "limit"}));
    auto f = filter_from(ctx.args());
    SANAQ_TRY(f);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto entries = list_audit(**session, *f);
    SANAQ_TRY(entries);
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& e : *entries) out.push_back(to_json(e));
        ctx.emit(out);
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : *entries) {
        const char* label = audit_action_label(e.action);
        std::string action = label ? tr(label) : e.action;
        if (e.voided) action += " (" + tr(audit_voided_label()) + ")";
        rows.push_back({std::to_string(e.seq), e.at_local, e.actor, action, e.object_type + " " + e.object_id, e.reason});
    }
    ctx.say(table({tr("No."), tr("When"), tr("Who"), tr("Action"), tr("Object"), tr("Reason")}, rows));
    return {};
}

Status cmd_audit_export(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"out", "actor", "action", "object", "from", "to", "limit"}));
    auto out = ctx.args().need("out");
    SANAQ_TRY(out);
    auto f = filter_from(ctx.args());
    SANAQ_TRY(f);
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(require((*session)->actor, Operation::ExportAudit));
    auto entries = list_audit(**session, *f);
    SANAQ_TRY(entries);
    SANAQ_TRY(write_tabular(*out, audit_export_header(), audit_export_rows(*entries), "Audit"));
    SANAQ_TRY(record_audit_export(**session, std::filesystem::absolute(*out).string(), entries->size()));
    if (ctx.json()) ctx.emit(ordered_json{{"exported", entries->size()}, {"file", *out}});
    else ctx.say(format_message(tr("Audit entries exported: {}; file: {}."), {std::to_string(entries->size()), *out}));
    return {};
}

}  // namespace sanaq::cli
