// The department's summaries (README.md, "Department summaries"): what an administrator of a
// per-role workspace reads of coverage and the outbox, kept by census holders in the dept part.
#include <chrono>

#include "core/domain/clock.h"
#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

/// Resets a borrowed statement when leaving the scope.
struct ResetOnExit {
    Statement& st;
    ~ResetOnExit() { st.reset(); }
};

/// The summaries' own time: when a census holder's transaction wrote them (the store's clock, as
/// for a backup's creation time; the figures carry no time of their own).
std::string now_utc() { return iso_utc(std::chrono::system_clock::now()); }

/// What of census the outbox counts were counted against: the last package ingested, the last
/// batch formed and how many were discarded. Any change to pending records moves one of them.
struct OutboxMark {
    std::int64_t packages = 0, batches = 0, discarded = 0;
    friend bool operator==(const OutboxMark&, const OutboxMark&) = default;
};

OutboxMark census_mark(Database& db) {
    auto& st = db.cached(
        "SELECT (SELECT coalesce(max(rowid), 0) FROM received_packages), (SELECT coalesce(max(id), "
        "0) FROM "
        "upstream_batches), (SELECT count(*) FROM upstream_batches WHERE state = 'discarded')");
    ResetOnExit done{st};
    st.step();
    return {st.int64(0), st.int64(1), st.int64(2)};
}

}  // namespace

bool DepartmentSummaries::attached(std::string_view schema) {
    // Census is attached at sign-in for a member whose access is confirmed, and never inside a
    // transaction: asked per call, as cheap as a lookup and never out of date.
    auto& st = db_.cached("PRAGMA database_list");
    ResetOnExit done{st};
    while (st.step())
        if (st.view(1) == schema) return true;
    return false;
}

bool DepartmentSummaries::kept() {
    return department_ == DepartmentSettings::InDeptPart && attached("census");
}

bool DepartmentSummaries::read_instead() {
    return department_ == DepartmentSettings::InDeptPart && !attached("census");
}

// ---- coverage ---------------------------------------------------------------------------------

void DepartmentSummaries::touch_coverage(const std::string& now) {
    auto& up = db_.cached(
        "UPDATE dept.coverage_summary SET computed_at_utc = ?1 WHERE institution_bin = '' AND day "
        "= ''");
    {
        ResetOnExit done{up};
        up.bind(1, now);
        up.run();
    }
    if (db_.changes() > 0) return;
    auto& in = db_.cached(
        "INSERT INTO dept.coverage_summary (institution_bin, day, computed_at_utc) VALUES ('', '', "
        "?1)");
    ResetOnExit done{in};
    in.bind(1, now);
    in.run();
}

namespace {

void write_rows(Database& db, const std::vector<CoverageRow>& rows,
                const std::vector<CoverageDay>& days, const std::string& now) {
    auto& row = db.cached(
        "INSERT INTO dept.coverage_summary (institution_bin, day, listed, enumerated, matched, "
        "review, conflict, "
        "missing, extra, duplicates, computed_at_utc) VALUES (?1, '', ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10)");
    {
        ResetOnExit done{row};
        for (const auto& r : rows) {
            row.bind(1, r.key)
                .bind(2, r.listed)
                .bind(3, r.enumerated)
                .bind(4, r.matched)
                .bind(5, r.review)
                .bind(6, r.conflict)
                .bind(7, r.missing)
                .bind(8, r.extra)
                .bind(9, r.duplicates)
                .bind(10, now);
            row.run();
            row.reset();
        }
    }
    auto& day = db.cached(
        "INSERT INTO dept.coverage_summary (institution_bin, day, enumerated, matched, "
        "computed_at_utc) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    ResetOnExit done{day};
    for (const auto& d : days) {
        day.bind(1, d.bin).bind(2, d.day).bind(3, d.enumerated).bind(4, d.matched).bind(5, now);
        day.run();
        day.reset();
    }
}

}  // namespace

void DepartmentSummaries::recount_coverage() {
    const std::string now = now_utc();
    db_.exec("DELETE FROM dept.coverage_summary WHERE institution_bin <> '';");
    write_rows(db_, count_coverage(db_, std::nullopt), count_coverage_days(db_, std::nullopt), now);
    touch_coverage(now);
}

void DepartmentSummaries::recount_institution(std::string_view bin) {
    {
        auto& any = db_.cached(
            "SELECT 1 FROM dept.coverage_summary WHERE institution_bin = '' AND day = ''");
        ResetOnExit done{any};
        if (!any.step()) {
            // Nothing stored yet (a dept part older than the summaries, or no change since):
            // everything, not just this institution.
            any.reset();
            recount_coverage();
            return;
        }
    }
    const std::string now = now_utc();
    if (!bin.empty()) {  // persons enumerated at an address count at no institution
        auto& del = db_.cached("DELETE FROM dept.coverage_summary WHERE institution_bin = ?1");
        {
            ResetOnExit done{del};
            del.bind(1, bin);
            del.run();
        }
        write_rows(db_, count_coverage(db_, bin), count_coverage_days(db_, bin), now);
    }
    touch_coverage(now);
}

void DepartmentSummaries::record_run(const ReconcileRun& run) {
    auto& st = db_.cached(
        "INSERT OR REPLACE INTO dept.coverage_summary (institution_bin, day, listed, enumerated, "
        "matched, review, "
        "conflict, missing, extra, duplicates, run_id, run_started_at_utc, run_finished_at_utc, "
        "run_by, "
        "run_pairs_compared, run_decisions_applied, run_seconds, computed_at_utc) "
        "VALUES ('', '', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    ResetOnExit done{st};
    st.bind(1, run.listed)
        .bind(2, run.enumerated)
        .bind(3, run.matched)
        .bind(4, run.review)
        .bind(5, run.conflict)
        .bind(6, run.missing)
        .bind(7, run.extra)
        .bind(8, run.duplicate)
        .bind(9, run.id)
        .bind(10, run.started_at_utc)
        .bind(11, run.finished_at_utc)
        .bind(12, run.user)
        .bind(13, run.pairs_compared)
        .bind(14, run.decisions_applied)
        .bind(15, run.seconds)
        .bind(16, now_utc());
    st.run();
}

std::vector<CoverageRow> DepartmentSummaries::coverage_rows() {
    auto& st = db_.cached(
        "SELECT s.institution_bin, s.listed, s.enumerated, s.matched, s.review, s.conflict, "
        "s.missing, s.extra, "
        "s.duplicates, coalesce(i.name_kk, ''), coalesce(i.name_ru, ''), coalesce(i.kato, ''), "
        "coalesce(i.kato_version, '') FROM dept.coverage_summary s LEFT JOIN main.institutions i ON i.bin = s.institution_bin "
        "WHERE s.institution_bin <> '' AND s.day = '' ORDER BY s.institution_bin");
    ResetOnExit done{st};
    std::vector<CoverageRow> rows;
    while (st.step()) {
        CoverageRow r;
        r.key = st.text(0);
        r.institutions = 1;
        r.listed = st.int64(1);
        r.enumerated = st.int64(2);
        r.matched = st.int64(3);
        r.review = st.int64(4);
        r.conflict = st.int64(5);
        r.missing = st.int64(6);
        r.extra = st.int64(7);
        r.duplicates = st.int64(8);
        r.name_kk = st.text(9);
        r.name_ru = st.text(10);
        r.kato = st.text(11);
        r.kato_version = st.text(12);
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<ProgressPoint> DepartmentSummaries::progress(std::string_view bin) {
    // Institutions with a list only (the summary keeps no others), as progress("") counts.
    auto& st = db_.cached(
        "SELECT day, sum(enumerated), sum(matched) FROM dept.coverage_summary "
        "WHERE day <> '' AND (?1 = '' OR institution_bin = ?1) GROUP BY day ORDER BY day");
    ResetOnExit done{st};
    st.bind(1, bin);
    std::vector<ProgressPoint> out;
    std::int64_t matched = 0;
    while (st.step()) {
        ProgressPoint p;
        p.day = st.text(0);
        p.enumerated = st.int64(1);
        matched += st.int64(2);
        p.matched_cumulative = matched;
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<ReconcileRun> DepartmentSummaries::last_run() {
    auto& st = db_.cached(
        "SELECT run_id, run_started_at_utc, run_finished_at_utc, run_by, listed, enumerated, "
        "matched, review, "
        "conflict, missing, extra, duplicates, run_pairs_compared, run_decisions_applied, "
        "run_seconds "
        "FROM dept.coverage_summary WHERE institution_bin = '' AND day = '' AND run_id > 0");
    ResetOnExit done{st};
    if (!st.step()) return std::nullopt;
    return read_reconcile_run(st);
}

CountsSource DepartmentSummaries::coverage_source() {
    auto& st = db_.cached(
        "SELECT computed_at_utc FROM dept.coverage_summary WHERE institution_bin = '' AND day = "
        "''");
    ResetOnExit done{st};
    return {true, st.step() ? st.text(0) : std::string()};
}

// ---- outbox -----------------------------------------------------------------------------------

bool DepartmentSummaries::outbox_exact() {
    OutboxMark stored;
    {
        auto& st = db_.cached(
            "SELECT packages_seen, batches_seen, discarded_seen FROM dept.outbox_summary WHERE id "
            "= 1");
        ResetOnExit done{st};
        if (!st.step()) return false;
        stored = {st.int64(0), st.int64(1), st.int64(2)};
    }
    return stored == census_mark(db_);
}

void DepartmentSummaries::outbox_changed(bool exact, std::int64_t households_delta,
                                         std::int64_t persons_delta) {
    OutboxStats s;
    count_batches(db_, s);
    if (exact) {
        auto& st = db_.cached(
            "SELECT pending_households, pending_persons FROM dept.outbox_summary WHERE id = 1");
        ResetOnExit done{st};
        st.step();
        s.pending_households = st.int64(0) + households_delta;
        s.pending_persons = st.int64(1) + persons_delta;
    } else {
        count_pending(db_, s);
    }
    const OutboxMark mark = census_mark(db_);
    auto& st = db_.cached(
        "INSERT OR REPLACE INTO dept.outbox_summary (id, pending_households, pending_persons, "
        "batches_awaiting_release, batches_queued, batches_accepted, batches_held, "
        "batches_discarded, persons_queued, "
        "persons_accepted, last_accepted_at_utc, packages_seen, batches_seen, discarded_seen, "
        "computed_at_utc) "
        "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    ResetOnExit done{st};
    st.bind(1, s.pending_households)
        .bind(2, s.pending_persons)
        .bind(3, s.batches_awaiting_release)
        .bind(4, s.batches_queued)
        .bind(5, s.batches_accepted)
        .bind(6, s.batches_held)
        .bind(7, s.batches_discarded)
        .bind(8, s.persons_queued)
        .bind(9, s.persons_accepted)
        .bind(10, s.last_accepted_at_utc)
        .bind(11, mark.packages)
        .bind(12, mark.batches)
        .bind(13, mark.discarded)
        .bind(14, now_utc());
    st.run();
}

OutboxStats DepartmentSummaries::outbox_stats() {
    OutboxStats s;
    s.source.summary = true;
    auto& st = db_.cached(
        "SELECT pending_households, pending_persons, batches_awaiting_release, batches_queued, "
        "batches_accepted, "
        "batches_held, batches_discarded, persons_queued, persons_accepted, last_accepted_at_utc, "
        "computed_at_utc "
        "FROM dept.outbox_summary WHERE id = 1");
    ResetOnExit done{st};
    if (!st.step()) return s;  // no census holder has stored one yet
    s.pending_households = st.int64(0);
    s.pending_persons = st.int64(1);
    s.batches_awaiting_release = st.int64(2);
    s.batches_queued = st.int64(3);
    s.batches_accepted = st.int64(4);
    s.batches_held = st.int64(5);
    s.batches_discarded = st.int64(6);
    s.persons_queued = st.int64(7);
    s.persons_accepted = st.int64(8);
    s.last_accepted_at_utc = st.text(9);
    s.source.as_of_utc = st.text(10);
    return s;
}

}  // namespace sanaq::db
