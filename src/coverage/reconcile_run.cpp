#include "coverage/reconcile_run.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/domain/clock.h"
#include "lists/institution_list.h"
#include "matching/reconcile.h"

namespace sanaq {
namespace {

using matching::Outcome;

/// Everything reconciliation reads, taken in one read snapshot.
struct Inputs {
    std::vector<matching::MatchRecord> listed, enumerated;
    std::vector<std::string> enumerated_on;   // per enumerated record: the day it was pulled (or synced)
    /// Per record, what the coverage breakdowns count: the listed person's resident category; the
    /// enumerated record's channel, source and resident category.
    std::vector<ResultTraits> listed_traits, enumerated_traits;
    std::vector<matching::SupervisorDecision> decisions;
    std::int64_t institutions = 0;
};

std::string levels_text(const matching::Comparison& c) {
    std::string out;
    for (std::size_t f = 0; f < matching::kFieldCount; ++f) {
        if (f) out += ',';
        out += matching::level_code(c.levels[f]);
    }
    return out;
}

matching::SupervisorDecision to_matching(const ReviewDecision& d) {
    const bool pair = d.first_id.starts_with("L:");
    matching::Verdict v = pair ? (d.verdict == ReviewVerdict::NonMatch ? matching::Verdict::NonMatch : matching::Verdict::Match)
                               : (d.verdict == ReviewVerdict::NonMatch ? matching::Verdict::NotDuplicate
                                                                       : matching::Verdict::Duplicate);
    return {d.first_id, d.second_id, v};
}

Status load(StoreSession& tx, Inputs& in, const ReconcileRunOptions& options) {
    auto lists = tx.lists().current_lists();
    SANAQ_TRY(lists);
    in.institutions = static_cast<std::int64_t>(lists->size());
    for (const auto& list : *lists) {
        auto inst = tx.institutions().find(list.institution_bin);
        SANAQ_TRY(inst);
        const std::string kato = *inst ? (*inst)->kato.code : std::string();
        auto entries = tx.lists().entries(list.id);
        SANAQ_TRY(entries);
        for (auto& e : *entries) {
            const auto category = lists::parse_list_category_code(e.category);
            in.listed_traits.push_back(
                {'L', e.record_id, "", "", category ? std::string(residence_code(lists::residence_of(*category))) : ""});
            in.listed.push_back({std::move(e.record_id), std::move(e.iin), std::move(e.surname), std::move(e.name),
                                 std::move(e.patronymic), parse_sex(e.sex), std::move(e.birth_date),
                                 list.institution_bin, kato});
        }
    }
    if (options.on_progress) options.on_progress({ReconcileProgress::Stage::Loading, 0.3});
    auto st = tx.reconciliation().scan_enumerated("", [&](EnumeratedPerson&& p) {
        in.enumerated.push_back({std::move(p.uuid), std::move(p.iin), std::move(p.surname), std::move(p.name),
                                 std::move(p.patronymic), parse_sex(p.sex), std::move(p.birth_date),
                                 std::move(p.institution_bin), std::move(p.kato)});
        in.enumerated_on.push_back(std::move(p.pulled_on));
        in.enumerated_traits.push_back({'E', in.enumerated.back().id,
                                        std::string(enumeration_channel_code(EnumerationChannel::TabletUsb)),
                                        std::move(p.source), std::move(p.residence)});
    });
    if (!st) return st;
    // The people the census database counted itself (online, tablets synced over VPN): enumerated
    // like the pulled ones, so a listed person found there is covered, not missing.
    st = tx.channels().scan_current([&](ChannelRecord&& c) {
        in.enumerated.push_back({std::move(c.record_id), std::move(c.iin), std::move(c.surname), std::move(c.name),
                                 std::move(c.patronymic), std::nullopt, std::move(c.birth_date),
                                 std::move(c.institution_bin), std::move(c.kato)});
        in.enumerated_on.push_back(std::move(c.synced_on));
        in.enumerated_traits.push_back({'E', in.enumerated.back().id, std::move(c.channel),
                                        std::string(record_source_code(RecordSource::Interview)),
                                        std::move(c.residence)});
    });
    if (!st) return st;
    auto decisions = tx.reviews().effective_decisions();
    SANAQ_TRY(decisions);
    for (const auto& d : *decisions) in.decisions.push_back(to_matching(d));
    return {};
}

}  // namespace

const char* reconcile_stage_label(ReconcileProgress::Stage stage) {
    switch (stage) {
        case ReconcileProgress::Stage::Loading: return N_("Reading lists and records");
        case ReconcileProgress::Stage::Matching: return N_("Matching");
        case ReconcileProgress::Stage::Storing: return N_("Saving the results");
    }
    return "";
}

Result<ReconcileSummary> run_reconciliation(Session& session, const ReconcileRunOptions& options) {
    SANAQ_TRY(require(session.actor, Operation::Reconcile));
    auto cancelled = [&] { return options.cancel_requested && options.cancel_requested(); };
    auto progress = [&](ReconcileProgress::Stage s, double f) {
        if (options.on_progress) options.on_progress({s, f});
    };
    const auto wall_start = std::chrono::steady_clock::now();
    ReconcileSummary summary;
    ReconcileRun& run = summary.run;
    run.started_at_utc = iso_utc(session.clock.now());
    run.user = session.actor.user;

    progress(ReconcileProgress::Stage::Loading, 0);
    Inputs in;
    SANAQ_TRY(session.store.read([&](StoreSession& tx) { return load(tx, in, options); }));
    summary.institutions = in.institutions;
    if (cancelled()) return fail(ErrorCode::Cancelled, N_("Reconciliation was cancelled; the previous results are kept."));

    progress(ReconcileProgress::Stage::Matching, 0);
    matching::ReconcileOptions mopt;
    mopt.threads = options.threads;
    matching::Reconciliation r = matching::reconcile(in.listed, in.enumerated, in.decisions, mopt);
    if (cancelled()) return fail(ErrorCode::Cancelled, N_("Reconciliation was cancelled; the previous results are kept."));
    progress(ReconcileProgress::Stage::Storing, 0);

    // Extra and counted twice are about institutions with a list: people enumerated at addresses
    // around them belong to no list and are not "extra" anywhere — their rows are not even stored
    // (nothing reads them, and a region holds far more of them than institution residents).
    std::unordered_set<std::string_view> with_list;
    for (const auto& l : in.listed) with_list.insert(l.institution_bin);
    for (std::size_t j = 0; j < in.enumerated.size(); ++j) {
        if (!with_list.contains(in.enumerated[j].institution_bin)) continue;
        run.extra += r.enumerated[j].outcome == Outcome::Extra;
        run.duplicate += r.enumerated[j].outcome == Outcome::Duplicate;
    }

    // Per-person results. The level codes are kept where a person reads them (review, conflict,
    // counted twice, a supervisor's decision); for plain matches the score says enough.
    auto keeps_levels = [](const matching::PersonResult& pr) {
        return pr.by_supervisor || (pr.outcome != Outcome::Matched && pr.counterpart >= 0);
    };
    std::vector<ReconciledPerson> results;
    results.reserve(in.listed.size() + in.enumerated.size());
    std::vector<ResultTraits> traits;   // of exactly the stored results
    traits.reserve(in.listed.size() + in.enumerated.size());
    for (std::size_t i = 0; i < in.listed.size(); ++i) {
        const auto& pr = r.listed[i];
        ReconciledPerson p{'L', in.listed[i].id, in.listed[i].institution_bin, in.listed[i].kato,
                           matching::outcome_code(pr.outcome)};
        if (pr.counterpart >= 0) {
            p.counterpart_id = in.enumerated[static_cast<std::size_t>(pr.counterpart)].id;
            p.score = pr.comparison.score;
            if (keeps_levels(pr)) p.levels = levels_text(pr.comparison);
            if (pr.outcome == Outcome::Matched) p.enumerated_on = in.enumerated_on[static_cast<std::size_t>(pr.counterpart)];
        }
        p.by_supervisor = pr.by_supervisor;
        results.push_back(std::move(p));
        traits.push_back(std::move(in.listed_traits[i]));
    }
    for (std::size_t j = 0; j < in.enumerated.size(); ++j) {
        const auto& pr = r.enumerated[j];
        if (pr.outcome == Outcome::Extra && !with_list.contains(in.enumerated[j].institution_bin)) continue;
        ReconciledPerson p{'E', in.enumerated[j].id, in.enumerated[j].institution_bin, in.enumerated[j].kato,
                           matching::outcome_code(pr.outcome)};
        if (pr.counterpart >= 0) {
            const auto k = static_cast<std::size_t>(pr.counterpart);
            p.counterpart_id = pr.outcome == Outcome::Duplicate ? in.enumerated[k].id : in.listed[k].id;
            p.score = pr.comparison.score;
            if (keeps_levels(pr)) p.levels = levels_text(pr.comparison);
        }
        p.by_supervisor = pr.by_supervisor;
        p.enumerated_on = in.enumerated_on[j];
        results.push_back(std::move(p));
        traits.push_back(std::move(in.enumerated_traits[j]));
    }

    // The questions for supervisors: uncertain pairs, conflicts, possible double counts.
    const std::string now = iso_utc(session.clock.now());
    std::vector<ReviewItem> proposals;
    for (std::size_t i = 0; i < in.listed.size(); ++i) {
        const auto& pr = r.listed[i];
        if (pr.by_supervisor || (pr.outcome != Outcome::Review && pr.outcome != Outcome::Conflict)) continue;
        ReviewItem item;
        item.kind = ReviewKind::Pair;
        item.first_id = in.listed[i].id;
        item.second_id = in.enumerated[static_cast<std::size_t>(pr.counterpart)].id;
        item.institution_bin = in.listed[i].institution_bin;
        item.score = pr.comparison.score;
        item.levels = levels_text(pr.comparison);
        item.conflict = pr.outcome == Outcome::Conflict;
        item.first_seen_at_utc = now;
        proposals.push_back(std::move(item));
    }
    for (const auto& d : r.possible_duplicates) {
        ReviewItem item;
        item.kind = ReviewKind::Duplicate;
        item.first_id = in.enumerated[d.a].id;
        item.second_id = in.enumerated[d.b].id;
        item.institution_bin = !in.enumerated[d.a].institution_bin.empty() ? in.enumerated[d.a].institution_bin
                                                                            : in.enumerated[d.b].institution_bin;
        item.score = d.comparison.score;
        item.levels = levels_text(d.comparison);
        item.first_seen_at_utc = now;
        proposals.push_back(std::move(item));
    }

    run.listed = static_cast<std::int64_t>(in.listed.size());
    run.enumerated = static_cast<std::int64_t>(in.enumerated.size());
    run.matched = static_cast<std::int64_t>(r.stats.of(Outcome::Matched));
    run.review = static_cast<std::int64_t>(r.stats.of(Outcome::Review));
    run.conflict = static_cast<std::int64_t>(r.stats.of(Outcome::Conflict));
    run.missing = static_cast<std::int64_t>(r.stats.of(Outcome::Missing));
    run.pairs_compared = static_cast<std::int64_t>(r.stats.pairs_compared + r.stats.duplicate_pairs_compared);
    run.decisions_applied = static_cast<std::int64_t>(in.decisions.size());
    // The inputs and the matcher's output are not needed any more: give their memory back before
    // the store's own grows (the peak of a million-person run is here).
    in = Inputs{};
    r = matching::Reconciliation{};
    if (cancelled()) return fail(ErrorCode::Cancelled, N_("Reconciliation was cancelled; the previous results are kept."));

    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto before_open = tx.reviews().items(ReviewState::Open, "");
        SANAQ_TRY(before_open);
        auto id = tx.reconciliation().begin_run(run);
        SANAQ_TRY(id);
        run.id = *id;
        SANAQ_TRY(tx.reconciliation().replace_results(results));
        SANAQ_TRY(tx.reconciliation().replace_traits(traits));
        progress(ReconcileProgress::Stage::Storing, 0.8);
        SANAQ_TRY(tx.reviews().merge_proposals(proposals, run.id));
        auto open = tx.reviews().count(ReviewState::Open);
        SANAQ_TRY(open);
        auto waiting = tx.reviews().count(ReviewState::AwaitingConfirmation);
        SANAQ_TRY(waiting);
        summary.review_open = *open;
        summary.awaiting_confirmation = *waiting;
        // New = open now and not open before (Gone ones that came back count as new questions).
        std::unordered_map<std::string, bool> was_open;
        for (const auto& it : *before_open) was_open.emplace(it.first_id + "|" + it.second_id, true);
        for (const auto& p : proposals)
            if (!was_open.contains(p.first_id + "|" + p.second_id)) ++summary.review_new;
        run.finished_at_utc = iso_utc(session.clock.now());
        run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
        // The last moment a cancel can still keep the previous results: failing here rolls the
        // whole transaction back, so a cancel pressed while the results were being written wins.
        if (cancelled()) return fail(ErrorCode::Cancelled, N_("Reconciliation was cancelled; the previous results are kept."));
        SANAQ_TRY(tx.reconciliation().finish_run(run));
        return record(tx, session,
                      {"reconcile", "reconciliation", std::to_string(run.id), "",
                       nlohmann::json{{"institutions", summary.institutions}, {"listed", run.listed},
                                      {"enumerated", run.enumerated}, {"matched", run.matched},
                                      {"review", run.review}, {"conflict", run.conflict}, {"missing", run.missing},
                                      {"extra", run.extra}, {"duplicate", run.duplicate},
                                      {"decisions_applied", run.decisions_applied},
                                      {"review_open", summary.review_open}}
                           .dump()});
    });
    SANAQ_TRY(st);
    progress(ReconcileProgress::Stage::Storing, 1);
    return summary;
}

}  // namespace sanaq
