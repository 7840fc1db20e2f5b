#include "coverage/review.h"

#include <nlohmann/json.hpp>

#include "core/domain/clock.h"

namespace sanaq {
namespace {

constexpr std::string_view kFourEyesSetting = "review.four_eyes";

matching::MatchRecord from_listed(const ListedPerson& p, const std::string& bin, const std::string& kato) {
    return {p.record_id, p.iin, p.surname, p.name, p.patronymic, parse_sex(p.sex), p.birth_date, bin, kato};
}
matching::MatchRecord from_enumerated(const EnumeratedPerson& p) {
    return {p.uuid, p.iin, p.surname, p.name, p.patronymic, parse_sex(p.sex), p.birth_date, p.institution_bin, p.kato};
}

std::string field_value(const matching::MatchRecord& r, matching::Field f) {
    using matching::Field;
    switch (f) {
        case Field::Iin: return r.iin;
        case Field::Surname: return r.surname;
        case Field::GivenName: return r.name;
        case Field::Patronymic: return r.patronymic;
        case Field::BirthDate: return r.birth_date;
        case Field::Sex: return r.sex ? std::string(sex_code(*r.sex)) : std::string();
        case Field::Institution: return r.institution_bin;
        case Field::Territory: return r.kato;
    }
    return {};
}

Result<bool> four_eyes(StoreSession& tx) {
    auto v = tx.settings().get(kFourEyesSetting);
    SANAQ_TRY(v);
    return *v && **v == "1";
}

Result<ReviewItem> load_item(StoreSession& tx, std::int64_t id) {
    auto item = tx.reviews().find(id);
    SANAQ_TRY(item);
    if (!*item) return fail(ErrorCode::NotFound, N_("There is no review item {}. `review list` shows the queue."), {std::to_string(id)});
    return **item;
}

/// The stored result of one record, or a blank one (a record the last run did not see).
Result<ReconciledPerson> result_of(StoreSession& tx, char side, const std::string& id) {
    auto r = tx.reconciliation().find_result(side, id);
    SANAQ_TRY(r);
    if (*r) return **r;
    ReconciledPerson p;
    p.side = side;
    p.record_id = id;
    p.outcome = side == 'L' ? "missing" : "extra";
    return p;
}

/// Sets a record unpaired (missing / extra) when it was paired with `with`.
Status unpair(StoreSession& tx, char side, const std::string& id) {
    if (id.empty()) return {};
    auto r = result_of(tx, side, id);
    SANAQ_TRY(r);
    r->outcome = side == 'L' ? "missing" : "extra";
    r->counterpart_id.clear();
    r->score = 0;
    r->levels.clear();
    r->by_supervisor = true;
    if (side == 'L') r->enumerated_on.clear();
    return tx.reconciliation().update_result(*r);
}

/// A decision taking effect in the stored results at once (the next run applies it again).
Status apply(StoreSession& tx, const ReviewItem& item, ReviewVerdict verdict) {
    if (item.kind == ReviewKind::Pair) {
        auto l = result_of(tx, 'L', item.first_id);
        SANAQ_TRY(l);
        auto e = result_of(tx, 'E', item.second_id);
        SANAQ_TRY(e);
        if (verdict == ReviewVerdict::NonMatch) {
            if (l->counterpart_id == item.second_id) {
                SANAQ_TRY(unpair(tx, 'L', item.first_id));
                SANAQ_TRY(unpair(tx, 'E', item.second_id));
            }
            return {};
        }
        // Match: whoever either side was paired with before is left unpaired.
        if (!l->counterpart_id.empty() && l->counterpart_id != item.second_id && l->outcome != "duplicate")
            SANAQ_TRY(unpair(tx, 'E', l->counterpart_id));
        if (!e->counterpart_id.empty() && e->counterpart_id != item.first_id && e->outcome != "duplicate")
            SANAQ_TRY(unpair(tx, 'L', e->counterpart_id));
        l->outcome = e->outcome = "matched";
        l->counterpart_id = item.second_id;
        e->counterpart_id = item.first_id;
        l->score = e->score = item.score;
        l->levels = e->levels = item.levels;
        l->by_supervisor = e->by_supervisor = true;
        l->enumerated_on = e->enumerated_on;
        SANAQ_TRY(tx.reconciliation().update_result(*l));
        return tx.reconciliation().update_result(*e);
    }
    if (verdict == ReviewVerdict::NonMatch) return {};   // possible duplicates are not linked until confirmed
    auto a = result_of(tx, 'E', item.first_id);
    SANAQ_TRY(a);
    auto b = result_of(tx, 'E', item.second_id);
    SANAQ_TRY(b);
    // The repeat is the record no listed person took (two listed people are two people).
    ReconciledPerson& repeat = (b->outcome == "extra" || a->outcome != "extra") ? *b : *a;
    const ReconciledPerson& primary = &repeat == &*b ? *a : *b;
    if (repeat.outcome != "extra") return {};   // both paired with listed people: nothing to mark
    repeat.outcome = "duplicate";
    repeat.counterpart_id = primary.record_id;
    repeat.score = item.score;
    repeat.levels = item.levels;
    repeat.by_supervisor = true;
    return tx.reconciliation().update_result(repeat);
}

Result<ReviewVerdict> verdict_for(const ReviewItem& item, ReviewVerdict verdict) {
    if (item.kind == ReviewKind::Duplicate) return verdict == ReviewVerdict::Match ? ReviewVerdict::Duplicate : verdict;
    if (verdict == ReviewVerdict::Duplicate)
        return fail(ErrorCode::InvalidInput,
                    N_("Item {} asks whether a listed person is an enumerated one: answer match or nonmatch."),
                    {std::to_string(item.id)});
    return verdict;
}

nlohmann::json decision_details(const ReviewItem& item, const ReviewDecision& d) {
    return {{"kind", review_kind_code(item.kind)}, {"first", item.first_id}, {"second", item.second_id},
            {"verdict", review_verdict_code(d.verdict)}, {"score", item.score},
            {"needs_confirmation", d.needs_confirmation}};
}

}  // namespace

Result<std::vector<ReviewItem>> review_queue(Session& session, std::optional<ReviewState> state, const std::string& bin) {
    SANAQ_TRY(require(session.actor, Operation::ViewCensusData));
    return query<std::vector<ReviewItem>>(session.store, [&](StoreSession& tx) { return tx.reviews().items(state, bin); });
}

Result<ReviewCase> review_case(Session& session, std::int64_t id) {
    SANAQ_TRY(require(session.actor, Operation::ViewCensusData));
    return query<ReviewCase>(session.store, [&](StoreSession& tx) -> Result<ReviewCase> {
        ReviewCase c;
        auto item = load_item(tx, id);
        SANAQ_TRY(item);
        c.item = *item;
        std::optional<matching::MatchRecord> a, b;
        if (c.item.kind == ReviewKind::Pair) {
            auto l = tx.lists().find_current_entry(c.item.first_id);
            SANAQ_TRY(l);
            c.listed = *l;
            if (c.listed) {
                auto inst = tx.institutions().find(c.item.institution_bin);
                SANAQ_TRY(inst);
                a = from_listed(*c.listed, c.item.institution_bin, *inst ? (*inst)->kato.code : std::string());
            }
        } else {
            auto first = tx.reconciliation().find_enumerated(c.item.first_id);
            SANAQ_TRY(first);
            c.first = *first;
            if (c.first) a = from_enumerated(*c.first);
        }
        auto second = tx.reconciliation().find_enumerated(c.item.second_id);
        SANAQ_TRY(second);
        c.second = *second;
        if (c.second) b = from_enumerated(*c.second);

        const auto params = matching::MatchParameters::defaults();
        c.auto_match_at = c.item.kind == ReviewKind::Duplicate ? params.duplicate_at : params.auto_match_at;
        c.review_at = c.item.kind == ReviewKind::Duplicate ? params.duplicate_review_at : params.review_at;
        if (a && b) {
            const auto cmp = matching::compare(*a, *b, params);
            c.item.score = cmp.score;   // today's score: the records may have been revised since the run
            for (const auto& w : matching::explain(cmp, params)) {
                ReviewField f{w.field, field_value(*a, w.field), field_value(*b, w.field), w.level, w.weight};
                f.differs = w.level != matching::Level::Exact && w.level != matching::Level::Missing;
                c.fields.push_back(std::move(f));
            }
        }
        auto decisions = tx.reviews().decisions(id);
        SANAQ_TRY(decisions);
        c.decisions = std::move(*decisions);
        return c;
    });
}

Result<ReviewDecision> decide_review(Session& session, std::int64_t id, ReviewVerdict verdict, const std::string& reason) {
    SANAQ_TRY(require(session.actor, Operation::DecideReview));
    SANAQ_TRY(require_reason(reason));
    ReviewDecision d;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto item = load_item(tx, id);
        SANAQ_TRY(item);
        auto v = verdict_for(*item, verdict);
        SANAQ_TRY(v);
        auto needs = four_eyes(tx);
        SANAQ_TRY(needs);
        d.review_id = id;
        d.first_id = item->first_id;
        d.second_id = item->second_id;
        d.verdict = *v;
        d.reason = reason;
        d.decided_by = session.actor.user;
        d.decided_at_utc = iso_utc(session.clock.now());
        d.needs_confirmation = *needs;
        auto did = tx.reviews().add_decision(d);
        SANAQ_TRY(did);
        d.id = *did;
        if (auto ok = tx.reviews().set_state(id, *needs ? ReviewState::AwaitingConfirmation : ReviewState::Decided); !ok)
            return ok;
        if (!*needs)
            SANAQ_TRY(apply(tx, *item, d.verdict));
        return record(tx, session, {"review.decide", "review", std::to_string(id), reason, decision_details(*item, d).dump()});
    });
    SANAQ_TRY(st);
    return d;
}

Result<ReviewDecision> confirm_review(Session& session, std::int64_t id) {
    SANAQ_TRY(require(session.actor, Operation::DecideReview));
    ReviewDecision d;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto item = load_item(tx, id);
        SANAQ_TRY(item);
        auto decisions = tx.reviews().decisions(id);
        SANAQ_TRY(decisions);
        if (item->state != ReviewState::AwaitingConfirmation || decisions->empty() || decisions->back().effective())
            return fail(ErrorCode::RefusedByState, N_("Review item {} has no decision waiting for confirmation."),
                        {std::to_string(id)});
        d = decisions->back();
        if (d.decided_by == session.actor.user)
            return fail(ErrorCode::RefusedByState,
                        N_("You made this decision yourself; a second supervisor must confirm it."));
        d.confirmed_by = session.actor.user;
        d.confirmed_at_utc = iso_utc(session.clock.now());
        SANAQ_TRY(tx.reviews().confirm_decision(d.id, d.confirmed_by, d.confirmed_at_utc));
        SANAQ_TRY(tx.reviews().set_state(id, ReviewState::Decided));
        SANAQ_TRY(apply(tx, *item, d.verdict));
        auto details = decision_details(*item, d);
        details["decided_by"] = d.decided_by;
        return record(tx, session, {"review.confirm", "review", std::to_string(id), d.reason, details.dump()});
    });
    SANAQ_TRY(st);
    return d;
}

Result<bool> four_eyes_required(Session& session) {
    return query<bool>(session.store, [&](StoreSession& tx) { return four_eyes(tx); });
}

Status set_four_eyes_required(Session& session, bool required) {
    SANAQ_TRY(require(session.actor, Operation::ManageSettings));
    return session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.settings().set(kFourEyesSetting, required ? "1" : "0"));
        return record(tx, session, {"settings.review_four_eyes", "setting", std::string(kFourEyesSetting), "",
                                    nlohmann::json{{"required", required}}.dump()});
    });
}

}  // namespace sanaq
