#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

constexpr const char* kItemColumns =
    "id, kind, first_id, second_id, institution_bin, score, levels, conflict, state, first_seen_at_utc, last_run_id";

ReviewItem read_item(const Statement& st, const Database& db) {
    ReviewItem i;
    i.id = st.int64(0);
    i.kind = known_or_damaged(parse_review_kind(st.view(1)), db, "review kind", st.text(1));
    i.first_id = st.text(2);
    i.second_id = st.text(3);
    i.institution_bin = st.text(4);
    i.score = st.real(5);
    i.levels = st.text(6);
    i.conflict = st.int64(7) != 0;
    i.state = known_or_damaged(parse_review_state(st.view(8)), db, "review state", st.text(8));
    i.first_seen_at_utc = st.text(9);
    i.last_run_id = st.int64(10);
    return i;
}

constexpr const char* kDecisionColumns =
    "id, review_id, first_id, second_id, verdict, reason, decided_by, decided_at_utc, confirmed_by, "
    "confirmed_at_utc, needs_confirmation";

ReviewDecision read_decision(const Statement& st, const Database& db) {
    ReviewDecision d;
    d.id = st.int64(0);
    d.review_id = st.int64(1);
    d.first_id = st.text(2);
    d.second_id = st.text(3);
    d.verdict = known_or_damaged(parse_review_verdict(st.view(4)), db, "review verdict", st.text(4));
    d.reason = st.text(5);
    d.decided_by = st.text(6);
    d.decided_at_utc = st.text(7);
    d.confirmed_by = st.text(8);
    d.confirmed_at_utc = st.text(9);
    d.needs_confirmation = st.int64(10) != 0;
    return d;
}

/// A decision counts when four-eyes was off when it was made, or once it was confirmed.
constexpr const char* kEffective = "(needs_confirmation = 0 OR confirmed_by <> '')";

}  // namespace

Status SqlReviewRepository::merge_proposals(std::span<const ReviewItem> proposed, std::int64_t run_id) {
    return guarded([&]() -> Status {
        auto& find = db_.cached("SELECT id, state FROM review_items WHERE first_id = ? AND second_id = ?");
        auto& insert = db_.cached(
            "INSERT INTO review_items (kind, first_id, second_id, institution_bin, score, levels, conflict, state, "
            "first_seen_at_utc, last_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        auto& update = db_.cached(
            "UPDATE review_items SET institution_bin = ?, score = ?, levels = ?, conflict = ?, state = ?, "
            "last_run_id = ? WHERE id = ?");
        for (const auto& item : proposed) {
            find.bind(1, item.first_id).bind(2, item.second_id);
            if (!find.step()) {
                find.reset();
                insert.bind_all(review_kind_code(item.kind), item.first_id, item.second_id, item.institution_bin,
                                item.score, item.levels, item.conflict, review_state_code(ReviewState::Open),
                                item.first_seen_at_utc, run_id);
                insert.run();
                insert.reset();
                continue;
            }
            const auto id = find.int64(0);
            auto state = known_or_damaged(parse_review_state(find.view(1)), db_, "review state", find.text(1));
            find.reset();
            // Open and Gone items are (again) waiting for a decision; decided and awaiting ones keep theirs.
            if (state == ReviewState::Gone) state = ReviewState::Open;
            update.bind_all(item.institution_bin, item.score, item.levels, item.conflict, review_state_code(state),
                            run_id, id);
            update.run();
            update.reset();
        }
        // What this run did not propose and nobody decided is no longer asked.
        db_.query("UPDATE review_items SET state = ? WHERE state = ? AND last_run_id <> ?",
                  review_state_code(ReviewState::Gone), review_state_code(ReviewState::Open), run_id)
            .run();
        return {};
    });
}

Result<std::vector<ReviewItem>> SqlReviewRepository::items(std::optional<ReviewState> state, std::string_view bin) {
    return guarded([&]() -> Result<std::vector<ReviewItem>> {
        std::string sql = std::string("SELECT ") + kItemColumns + " FROM review_items";
        if (state && !bin.empty()) sql += " WHERE state = ?1 AND institution_bin = ?2";
        else if (state) sql += " WHERE state = ?1";
        else if (!bin.empty()) sql += " WHERE institution_bin = ?2";
        sql += " ORDER BY institution_bin, score DESC, id";
        auto& st = db_.cached(sql);
        if (state) st.bind(1, review_state_code(*state));
        if (!bin.empty()) st.bind(2, bin);
        std::vector<ReviewItem> out;
        while (st.step()) out.push_back(read_item(st, db_));
        return out;
    });
}

Result<std::optional<ReviewItem>> SqlReviewRepository::find(std::int64_t id) {
    return guarded([&]() -> Result<std::optional<ReviewItem>> {
        auto& st = db_.query(std::string("SELECT ") + kItemColumns + " FROM review_items WHERE id = ?", id);
        if (!st.step()) return std::nullopt;
        return read_item(st, db_);
    });
}

Status SqlReviewRepository::set_state(std::int64_t id, ReviewState state) {
    return guarded([&]() -> Status {
        db_.query("UPDATE review_items SET state = ? WHERE id = ?", review_state_code(state), id).run();
        if (db_.changes() == 0)
            return fail(ErrorCode::NotFound, N_("There is no review item with id {}."), {std::to_string(id)});
        return {};
    });
}

Result<std::int64_t> SqlReviewRepository::count(ReviewState state) {
    return guarded([&]() -> Result<std::int64_t> {
        auto& st = db_.query("SELECT count(*) FROM review_items WHERE state = ?", review_state_code(state));
        st.step();
        return st.int64(0);
    });
}

Result<std::int64_t> SqlReviewRepository::add_decision(const ReviewDecision& d) {
    return guarded([&]() -> Result<std::int64_t> {
        if (!db_.query("SELECT 1 FROM review_items WHERE id = ?", d.review_id).step())
            return fail(ErrorCode::NotFound, N_("There is no review item with id {}."), {std::to_string(d.review_id)});
        db_.query("INSERT INTO review_decisions (review_id, first_id, second_id, verdict, reason, decided_by, "
                  "decided_at_utc, confirmed_by, confirmed_at_utc, needs_confirmation) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  d.review_id, d.first_id, d.second_id, review_verdict_code(d.verdict), d.reason, d.decided_by,
                  d.decided_at_utc, d.confirmed_by, d.confirmed_at_utc, d.needs_confirmation)
            .run();
        return db_.last_insert_rowid();
    });
}

Status SqlReviewRepository::confirm_decision(std::int64_t decision_id, std::string_view by, std::string_view at_utc) {
    return guarded([&]() -> Status {
        db_.query("UPDATE review_decisions SET confirmed_by = ?, confirmed_at_utc = ? WHERE id = ?", by, at_utc,
                  decision_id)
            .run();
        if (db_.changes() == 0)
            return fail(ErrorCode::NotFound, N_("There is no review decision with id {}."),
                        {std::to_string(decision_id)});
        return {};
    });
}

Result<std::vector<ReviewDecision>> SqlReviewRepository::decisions(std::int64_t review_id) {
    return guarded([&]() -> Result<std::vector<ReviewDecision>> {
        auto& st = db_.query(std::string("SELECT ") + kDecisionColumns +
                                 " FROM review_decisions WHERE review_id = ? ORDER BY id",
                             review_id);
        std::vector<ReviewDecision> out;
        while (st.step()) out.push_back(read_decision(st, db_));
        return out;
    });
}

Result<std::vector<ReviewDecision>> SqlReviewRepository::effective_decisions() {
    return guarded([&]() -> Result<std::vector<ReviewDecision>> {
        auto& st = db_.cached(std::string("SELECT ") + kDecisionColumns +
                              " FROM review_decisions WHERE id IN (SELECT max(id) FROM review_decisions WHERE " +
                              kEffective + " GROUP BY first_id, second_id) ORDER BY id");
        std::vector<ReviewDecision> out;
        while (st.step()) out.push_back(read_decision(st, db_));
        return out;
    });
}

}  // namespace sanaq::db
