// review list, review show, review decide, review confirm, review four-eyes
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "coverage/review.h"

namespace sanaq::cli {
namespace {
using i18n::format_message;
using nlohmann::ordered_json;

Result<std::int64_t> review_id(const std::string& text) {
    try {
        std::size_t used = 0;
        const auto v = std::stoll(text, &used);
        if (used == text.size() && v > 0) return v;
    } catch (const std::exception&) {
    }
    return fail(ErrorCode::Usage, N_("Give the number of the review item, as `review list` shows it."));
}

std::string score_text(double s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", s);
    return buf;
}

ordered_json to_json(const ReviewItem& i) {
    return {{"id", i.id},
            {"kind", review_kind_code(i.kind)},
            {"first_id", i.first_id},
            {"second_id", i.second_id},
            {"institution_bin", i.institution_bin},
            {"score", std::round(i.score * 10) / 10},
            {"levels", i.levels},
            {"conflict", i.conflict},
            {"state", review_state_code(i.state)},
            {"first_seen_at", i.first_seen_at_utc}};
}

ordered_json to_json(const ReviewDecision& d) {
    ordered_json j{{"id", d.id},
                   {"review_id", d.review_id},
                   {"verdict", review_verdict_code(d.verdict)},
                   {"reason", d.reason},
                   {"decided_by", d.decided_by},
                   {"decided_at", d.decided_at_utc},
                   {"needs_confirmation", d.needs_confirmation},
                   {"effective", d.effective()}};
    if (!d.confirmed_by.empty()) {
        j["confirmed_by"] = d.confirmed_by;
        j["confirmed_at"] = d.confirmed_at_utc;
    }
    return j;
}

const char* kind_label(ReviewKind k) {
    return k == ReviewKind::Pair ? N_("listed or not?") : N_("counted twice?");
}

}  // namespace

Status cmd_review_list(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"state", "institution"}));
    std::optional<ReviewState> state = ReviewState::Open;
    if (auto s = a.get("state")) {
        if (*s == "all") state.reset();
        else if (!(state = parse_review_state(*s)))
            return fail(ErrorCode::Usage, N_("--state takes open, awaiting_confirmation, decided, gone or all."));
    }
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto items = review_queue(**session, state, a.get_or("institution", ""));
    SANAQ_TRY(items);
    if (ctx.json()) {
        ordered_json rows = ordered_json::array();
        for (const auto& i : *items) rows.push_back(to_json(i));
        ctx.emit(rows);
        return {};
    }
    if (items->empty()) {
        ctx.say(tr("The review queue is empty."));
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : *items)
        rows.push_back({std::to_string(i.id), tr(kind_label(i.kind)), i.institution_bin, score_text(i.score),
                        i.conflict ? tr("IIN agrees, name or birth date does not") : "", i.first_id, i.second_id});
    ctx.say(table({tr("No."), tr("Question"), tr("BIN"), tr("Score"), tr("Conflict"), tr("First record"),
                        tr("Second record")},
                       rows));
    ctx.say(tr("`review show ID` puts the two records side by side; `review decide ID match|nonmatch|duplicate --reason TEXT` settles it."));
    return {};
}

Status cmd_review_show(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto id = review_id(ctx.args().positional(0));
    SANAQ_TRY(id);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto c = review_case(**session, *id);
    SANAQ_TRY(c);
    if (ctx.json()) {
        ordered_json fields = ordered_json::array();
        for (const auto& f : c->fields)
            fields.push_back({{"field", matching::field_code(f.field)},
                              {"first", f.first},
                              {"second", f.second},
                              {"level", matching::level_code(f.level)},
                              {"weight", std::round(f.weight * 10) / 10},
                              {"differs", f.differs}});
        ordered_json decisions = ordered_json::array();
        for (const auto& d : c->decisions) decisions.push_back(to_json(d));
        ctx.emit(ordered_json{{"item", to_json(c->item)},
                              {"fields", fields},
                              {"auto_match_at", c->auto_match_at},
                              {"review_at", c->review_at},
                              {"decisions", decisions}});
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : c->fields)
        rows.push_back({tr(matching::field_label(f.field)), f.first, f.second, tr(matching::level_label(f.field, f.level)),
                        (f.weight >= 0 ? "+" : "") + score_text(f.weight), f.differs ? "*" : ""});
    ctx.say(table({tr("Field"), c->item.kind == ReviewKind::Pair ? tr("On the list") : tr("First record"),
                        c->item.kind == ReviewKind::Pair ? tr("Enumerated") : tr("Second record"), tr("Agreement"),
                        tr("Weight"), ""},
                       rows));
    ctx.say(format_message(tr("Score {} (auto-match at {}, review from {})."),
                           {score_text(c->item.score), score_text(c->auto_match_at), score_text(c->review_at)}));
    for (const auto& d : c->decisions)
        ctx.say(format_message(tr("{}: {} by {} — {}{}"),
                               {d.decided_at_utc, tr(review_verdict_label(d.verdict)), d.decided_by, d.reason,
                                d.effective() ? (d.confirmed_by.empty() ? std::string() : " (" + format_message(tr("confirmed by {}"), {d.confirmed_by}) + ")")
                                              : " (" + tr("waiting for confirmation") + ")"}));
    return {};
}

Status cmd_review_decide(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"reason"}));
    auto id = review_id(a.positional(0));
    SANAQ_TRY(id);
    const auto verdict = parse_review_verdict(a.positional(1));
    if (!verdict) return fail(ErrorCode::Usage, N_("Decide with match, nonmatch or duplicate."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto d = decide_review(**session, *id, *verdict, a.get_or("reason", ""));
    SANAQ_TRY(d);
    if (ctx.json()) ctx.emit(to_json(*d));
    else if (d->needs_confirmation)
        ctx.say(format_message(tr("Item {} is decided ({}); it takes effect once a second supervisor confirms it with `review confirm {}`."),
                               {std::to_string(*id), tr(review_verdict_label(d->verdict)), std::to_string(*id)}));
    else
        ctx.say(format_message(tr("Item {} is decided: {}. Coverage is updated."),
                               {std::to_string(*id), tr(review_verdict_label(d->verdict))}));
    return {};
}

Status cmd_review_confirm(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto id = review_id(ctx.args().positional(0));
    SANAQ_TRY(id);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto d = confirm_review(**session, *id);
    SANAQ_TRY(d);
    if (ctx.json()) ctx.emit(to_json(*d));
    else
        ctx.say(format_message(tr("The decision on item {} ({}, by {}) is confirmed and takes effect."),
                               {std::to_string(*id), tr(review_verdict_label(d->verdict)), d->decided_by}));
    return {};
}

Status cmd_review_four_eyes(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    const std::string v = ctx.args().positional(0);
    if (v != "on" && v != "off") return fail(ErrorCode::Usage, N_("Say on or off."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(set_four_eyes_required(**session, v == "on"));
    if (ctx.json()) ctx.emit(ordered_json{{"four_eyes", v == "on"}});
    else
        ctx.say(v == "on" ? tr("Review decisions now take effect only once a second supervisor confirms them.")
                          : tr("Review decisions now take effect at once."));
    return {};
}

}  // namespace sanaq::cli
