#include <algorithm>
#include <map>

#include "db/repositories/repositories.h"

#include "core/domain/territories.h"

namespace sanaq::db {
namespace {

/// Resets a borrowed statement when leaving the scope (also drops bind_static pointers).
struct ResetOnExit {
    Statement& st;
    ~ResetOnExit() { st.reset(); }
};

[[noreturn]] void damaged(const Database& db, std::string_view what, std::string_view code) {
    throw DbFailure(damaged_file_error(db.file(), "unknown " + std::string(what) + " '" + std::string(code) + "'"));
}

// Columns 0..13 of an enumerated person: the record, the household's institution and KATO ('' without
// a stored household), provenance, pulled_at_utc whose first 10 characters are the day, and the
// answers' source and the resident category (the coverage breakdowns).
constexpr const char* kEnumeratedColumns =
    "p.uuid, p.iin, p.surname, p.name, p.patronymic, p.sex, p.birth_date, coalesce(h.institution_bin, ''), "
    "coalesce(h.kato, ''), p.kit_number, p.package_uuid, p.pulled_at_utc, p.source, p.residence";

void read_enumerated(const Statement& st, const Database& db, EnumeratedPerson& p) {
    p.uuid.assign(st.view(0));
    p.iin.assign(st.view(1));
    p.surname.assign(st.view(2));
    p.name.assign(st.view(3));
    p.patronymic.assign(st.view(4));
    const auto sex = st.view(5);
    if (!parse_sex(sex)) damaged(db, "sex", sex);
    p.sex.assign(sex);
    p.birth_date.assign(st.view(6));
    p.institution_bin.assign(st.view(7));
    p.kato.assign(st.view(8));
    p.kit_number.assign(st.view(9));
    p.package_uuid.assign(st.view(10));
    p.pulled_on.assign(st.view(11).substr(0, 10));
    p.source.assign(st.view(12));
    p.residence.assign(st.view(13));
}

constexpr const char* kRunColumns =
    "id, started_at_utc, finished_at_utc, user_name, listed, enumerated, matched, review, conflict, missing, extra, "
    "duplicate, pairs_compared, decisions_applied, seconds";


/// Binds ?2..?15 of the run statements (?1 is the id where there is one).
void bind_run(Statement& st, const ReconcileRun& r) {
    st.bind(2, r.started_at_utc)
        .bind(3, r.finished_at_utc)
        .bind(4, r.user)
        .bind(5, r.listed)
        .bind(6, r.enumerated)
        .bind(7, r.matched)
        .bind(8, r.review)
        .bind(9, r.conflict)
        .bind(10, r.missing)
        .bind(11, r.extra)
        .bind(12, r.duplicate)
        .bind(13, r.pairs_compared)
        .bind(14, r.decisions_applied)
        .bind(15, r.seconds);
}

constexpr const char* kResultColumns =
    "side, record_id, institution_bin, kato, outcome, counterpart_id, score, levels, by_supervisor, enumerated_on";

const std::string_view kSideL = "L";
const std::string_view kSideE = "E";

std::string_view side_text(char side) {
    if (side == 'L') return kSideL;
    if (side == 'E') return kSideE;
    throw DbFailure(Error::make(ErrorCode::Unexpected, N_("The workspace database reported an error."), {},
                                "reconciliation result side must be 'L' or 'E', not '" + std::string(1, side) + "'"));
}

ReconciledPerson read_result(const Statement& st, const Database& db) {
    ReconciledPerson r;
    const auto side = st.view(0);
    if (side != kSideL && side != kSideE)
        damaged(db, "reconciliation side", side);
    r.side = side[0];
    r.record_id = st.text(1);
    r.institution_bin = st.text(2);
    r.kato = st.text(3);
    r.outcome = st.text(4);
    r.counterpart_id = st.text(5);
    r.score = st.real(6);
    r.levels = st.text(7);
    r.by_supervisor = st.int64(8) != 0;
    r.enumerated_on = st.text(9);
    return r;
}

/// ?1 side, ?2 record_id, ?3.. the rest in kResultColumns order.
void bind_result(Statement& st, const ReconciledPerson& r) {
    st.bind_static(1, side_text(r.side))
        .bind_static(2, r.record_id)
        .bind_static(3, r.institution_bin)
        .bind_static(4, r.kato)
        .bind_static(5, r.outcome)
        .bind_static(6, r.counterpart_id)
        .bind(7, r.score)
        .bind_static(8, r.levels)
        .bind(9, r.by_supervisor)
        .bind_static(10, r.enumerated_on);
}

/// Institutions whose results count in the coverage figures: those with a list (every
/// institution that has a list has a current version).
constexpr const char* kListedInstitutions = "(SELECT DISTINCT institution_bin FROM institution_lists)";

}  // namespace

ReconcileRun read_reconcile_run(const Statement& st) {
    ReconcileRun r;
    r.id = st.int64(0);
    r.started_at_utc = st.text(1);
    r.finished_at_utc = st.text(2);
    r.user = st.text(3);
    r.listed = st.int64(4);
    r.enumerated = st.int64(5);
    r.matched = st.int64(6);
    r.review = st.int64(7);
    r.conflict = st.int64(8);
    r.missing = st.int64(9);
    r.extra = st.int64(10);
    r.duplicate = st.int64(11);
    r.pairs_compared = st.int64(12);
    r.decisions_applied = st.int64(13);
    r.seconds = st.real(14);
    return r;
}

Status SqlReconciliationRepository::scan_enumerated(std::string_view bin,
                                                    const std::function<void(EnumeratedPerson&&)>& visit) {
    return guarded([&]() -> Status {
        // Everyone: persons in rowid order, each household found by its primary key. One
        // institution: its households by households_by_institution, then their persons by
        // persons_by_household (CROSS JOIN fixes that order; a million other persons are never read).
        auto& st = bin.empty()
                       ? db_.cached(std::string("SELECT ") + kEnumeratedColumns +
                                    " FROM persons p LEFT JOIN households h ON h.id = p.household_id ORDER BY p.id")
                       : db_.query(std::string("SELECT ") + kEnumeratedColumns +
                                       " FROM households h CROSS JOIN persons p ON p.household_id = h.id"
                                       " WHERE h.institution_bin = ?",
                                   bin);
        ResetOnExit done{st};
        EnumeratedPerson p;
        while (st.step()) {
            read_enumerated(st, db_, p);
            visit(std::move(p));
        }
        return {};
    });
}

namespace {

/// A record of a current channel file as reconciliation reads it (ids "C:…"), for the review
/// screen and the drill-down; its "kit" is the channel that counted it.
constexpr const char* kChannelEnumerated =
    "SELECT c.record_id, c.iin, c.surname, c.name, c.patronymic, c.birth_date, c.institution_bin, c.kato, "
    "c.channel, c.synced_on, c.residence FROM channel_records c JOIN channel_files f ON f.id = c.file_id "
    "WHERE c.record_id = ? AND NOT EXISTS (SELECT 1 FROM channel_files newer WHERE newer.source = f.source AND "
    "newer.version > f.version) LIMIT 1";

std::optional<EnumeratedPerson> find_channel_record(Database& db, std::string_view id) {
    auto& st = db.query(kChannelEnumerated, id);
    ResetOnExit done{st};
    if (!st.step()) return std::nullopt;
    EnumeratedPerson p;
    p.uuid = st.text(0);
    p.iin = st.text(1);
    p.surname = st.text(2);
    p.name = st.text(3);
    p.patronymic = st.text(4);
    p.birth_date = st.text(5);
    p.institution_bin = st.text(6);
    p.kato = st.text(7);
    p.kit_number = st.text(8);
    p.pulled_on = st.text(9);
    p.source = std::string(record_source_code(RecordSource::Interview));
    p.residence = st.text(10);
    return p;
}

}  // namespace

Result<std::optional<EnumeratedPerson>> SqlReconciliationRepository::find_enumerated(std::string_view uuid) {
    return guarded([&]() -> Result<std::optional<EnumeratedPerson>> {
        if (uuid.starts_with("C:")) return find_channel_record(db_, uuid);
        auto& st = db_.query(std::string("SELECT ") + kEnumeratedColumns +
                                 " FROM persons p LEFT JOIN households h ON h.id = p.household_id"
                                 " WHERE p.uuid_key = ? AND p.uuid = ?",
                             record_key(uuid), uuid);
        ResetOnExit done{st};
        if (!st.step()) return std::nullopt;
        EnumeratedPerson p;
        read_enumerated(st, db_, p);
        return p;
    });
}

Result<std::int64_t> SqlReconciliationRepository::begin_run(const ReconcileRun& run) {
    return guarded([&]() -> Result<std::int64_t> {
        auto& st = db_.cached(
            "INSERT INTO reconcile_runs (started_at_utc, finished_at_utc, user_name, listed, enumerated, matched, "
            "review, conflict, missing, extra, duplicate, pairs_compared, decisions_applied, seconds) "
            "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        bind_run(st, run);
        st.run();
        return db_.last_insert_rowid();
    });
}

Status SqlReconciliationRepository::finish_run(const ReconcileRun& run) {
    return guarded([&]() -> Status {
        auto& st = db_.cached(
            "UPDATE reconcile_runs SET started_at_utc = ?2, finished_at_utc = ?3, user_name = ?4, listed = ?5, "
            "enumerated = ?6, matched = ?7, review = ?8, conflict = ?9, missing = ?10, extra = ?11, duplicate = ?12, "
            "pairs_compared = ?13, decisions_applied = ?14, seconds = ?15 WHERE id = ?1");
        st.bind(1, run.id);
        bind_run(st, run);
        st.run();
        if (db_.changes() == 0)
            return fail(ErrorCode::NotFound, N_("There is no reconciliation run with id {}."), {std::to_string(run.id)});
        if (!run.finished_at_utc.empty() && summaries_.kept()) summaries_.record_run(run);
        return {};
    });
}

Result<std::optional<ReconcileRun>> SqlReconciliationRepository::last_run() {
    return guarded([&]() -> Result<std::optional<ReconcileRun>> {
        if (summaries_.read_instead()) return summaries_.last_run();
        auto& st = db_.cached(std::string("SELECT ") + kRunColumns +
                              " FROM reconcile_runs WHERE finished_at_utc <> '' ORDER BY id DESC LIMIT 1");
        if (!st.step()) return std::nullopt;
        return read_reconcile_run(st);
    });
}

Status SqlReconciliationRepository::replace_results(std::span<const ReconciledPerson> results) {
    return guarded([&]() -> Status {
        for (const auto& r : results) side_text(r.side);  // refuse before changing anything
        // A merge, not a rewrite: reconciliation is re-run after every pull and most persons keep
        // their outcome, so the stored rows are read in key order (the unique index, streamed),
        // joined with the new results sorted the same way, and only the rows that differ are
        // written. The first run inserts everything; a re-run with nothing new writes nothing.
        // Inserting in (side, record_id) order also keeps reconcile_results_by_record growing at
        // its end instead of taking each row at a random page (record ids are UUIDs).
        struct Key {
            std::string_view id;
            std::size_t index;
            char side;
        };
        std::vector<Key> keys;
        keys.reserve(results.size());
        for (std::size_t i = 0; i < results.size(); ++i) keys.push_back({results[i].record_id, i, results[i].side});
        auto less = [](char side_a, std::string_view a, char side_b, std::string_view b) {
            if (side_a != side_b) return side_a < side_b;  // 'E' < 'L' as "E" < "L" in the index
            return a < b;
        };
        std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) { return less(a.side, a.id, b.side, b.id); });

        std::vector<std::int64_t> to_delete;
        std::vector<std::pair<std::int64_t, std::size_t>> to_update;   // rowid, result index
        std::vector<std::size_t> to_insert;                           // result index
        {
            auto& st = db_.query(std::string("SELECT id, ") + kResultColumns +
                                 " FROM reconcile_results ORDER BY side, record_id");
            ResetOnExit done{st};
            std::size_t k = 0;
            while (st.step()) {
                const std::int64_t rowid = st.int64(0);
                const auto side_view = st.view(1);
                const char side = side_view.empty() ? '?' : side_view[0];
                const std::string id = st.text(2);
                while (k < keys.size() && less(keys[k].side, keys[k].id, side, id)) to_insert.push_back(keys[k++].index);
                if (k < keys.size() && keys[k].side == side && keys[k].id == id) {
                    const ReconciledPerson& r = results[keys[k].index];
                    const bool same = st.view(3) == r.institution_bin && st.view(4) == r.kato &&
                                      st.view(5) == r.outcome && st.view(6) == r.counterpart_id &&
                                      st.real(7) == r.score && st.view(8) == r.levels &&
                                      (st.int64(9) != 0) == r.by_supervisor && st.view(10) == r.enumerated_on;
                    if (!same) to_update.emplace_back(rowid, keys[k].index);
                    ++k;
                } else {
                    to_delete.push_back(rowid);
                }
            }
            while (k < keys.size()) to_insert.push_back(keys[k++].index);
        }
        if (!to_delete.empty()) {
            auto& del = db_.cached("DELETE FROM reconcile_results WHERE id = ?1");
            ResetOnExit done{del};
            for (auto rowid : to_delete) {
                del.bind(1, rowid);
                del.run();
                del.reset();
            }
        }
        if (!to_update.empty()) {
            auto& up = db_.cached(
                "UPDATE reconcile_results SET side = ?1, record_id = ?2, institution_bin = ?3, kato = ?4, outcome = ?5, "
                "counterpart_id = ?6, score = ?7, levels = ?8, by_supervisor = ?9, enumerated_on = ?10 WHERE id = ?11");
            ResetOnExit done{up};
            for (auto [rowid, index] : to_update) {
                bind_result(up, results[index]);
                up.bind(11, rowid);
                up.run();
                up.reset();
            }
        }
        auto& st = db_.cached(
            "INSERT INTO reconcile_results (side, record_id, institution_bin, kato, outcome, counterpart_id, score, "
            "levels, by_supervisor, enumerated_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        {
            ResetOnExit done{st};
            for (std::size_t index : to_insert) {
                bind_result(st, results[index]);
                st.run();
                st.reset();
            }
        }
        if (summaries_.kept()) summaries_.recount_coverage();
        return {};
    });
}

Status SqlReconciliationRepository::replace_traits(std::span<const ResultTraits> traits) {
    return guarded([&]() -> Status {
        for (const auto& t : traits) side_text(t.side);  // refuse before changing anything
        // Rewritten whole: the traits are the records' own and a run stores them for exactly the
        // results it stores. Inserted in key order so the table (its own primary key index)
        // grows at its end.
        std::vector<const ResultTraits*> sorted;
        sorted.reserve(traits.size());
        for (const auto& t : traits) sorted.push_back(&t);
        std::sort(sorted.begin(), sorted.end(), [](const ResultTraits* a, const ResultTraits* b) {
            if (a->side != b->side) return a->side < b->side;
            return a->record_id < b->record_id;
        });
        db_.exec("DELETE FROM reconcile_traits;");
        auto& st = db_.cached(
            "INSERT OR REPLACE INTO reconcile_traits (side, record_id, channel, source, residence) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
        ResetOnExit done{st};
        for (const ResultTraits* t : sorted) {
            st.bind_static(1, side_text(t->side))
                .bind_static(2, t->record_id)
                .bind_static(3, t->channel)
                .bind_static(4, t->source)
                .bind_static(5, t->residence);
            st.run();
            st.reset();
        }
        return {};
    });
}

Result<std::optional<ReconciledPerson>> SqlReconciliationRepository::find_result(char side,
                                                                                 std::string_view record_id) {
    return guarded([&]() -> Result<std::optional<ReconciledPerson>> {
        auto& st = db_.query(std::string("SELECT ") + kResultColumns +
                                 " FROM reconcile_results WHERE side = ? AND record_id = ?",
                             side_text(side), record_id);
        if (!st.step()) return std::nullopt;
        return read_result(st, db_);
    });
}

Status SqlReconciliationRepository::update_result(const ReconciledPerson& result) {
    return guarded([&]() -> Status {
        // Update, else insert (SQLCipher's SQLite predates UPSERT): a run does not store rows for
        // persons nothing counts (enumerated at an address, matched to nobody), and a
        // supervisor's decision may be about one of them.
        side_text(result.side);
        // The department's summary counts again the institution the person counted at before
        // and the one they count at now (usually the same).
        const bool keep = summaries_.kept();
        std::optional<std::string> counted_at;
        if (keep) {
            auto& was = db_.query("SELECT institution_bin FROM reconcile_results WHERE side = ? AND record_id = ?",
                                  side_text(result.side), result.record_id);
            ResetOnExit done{was};
            if (was.step()) counted_at = was.text(0);
        }
        bool updated = false;
        {
            auto& up = db_.cached(
                "UPDATE reconcile_results SET institution_bin = ?3, kato = ?4, outcome = ?5, counterpart_id = ?6, "
                "score = ?7, levels = ?8, by_supervisor = ?9, enumerated_on = ?10 WHERE side = ?1 AND record_id = ?2");
            ResetOnExit done{up};
            bind_result(up, result);
            up.run();
            updated = db_.changes() > 0;
        }
        if (!updated) {
            auto& st = db_.cached(
                "INSERT INTO reconcile_results (side, record_id, institution_bin, kato, outcome, counterpart_id, "
                "score, levels, by_supervisor, enumerated_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
            ResetOnExit done{st};
            bind_result(st, result);
            st.run();
        }
        if (keep) {
            if (counted_at && *counted_at != result.institution_bin) summaries_.recount_institution(*counted_at);
            summaries_.recount_institution(result.institution_bin);
        }
        return {};
    });
}

namespace {

CoverageRow* row_of(std::vector<CoverageRow>& rows, std::string_view key) {
    auto it = std::lower_bound(rows.begin(), rows.end(), key,
                               [](const CoverageRow& r, std::string_view b) { return r.key < b; });
    return it == rows.end() || it->key != key ? nullptr : &*it;
}

/// The breakdowns of the rows: matched listed persons by the channel and the source of the
/// record they matched (its traits), and listed persons by their own resident category. A
/// supervisor's decision changes the counterpart, and the counterpart's traits follow it.
void count_breakdowns(Database& db, std::optional<std::string_view> bin, std::vector<CoverageRow>& rows) {
    const std::string where = bin ? std::string("r.institution_bin = ?1")
                                  : std::string("r.institution_bin IN ") + kListedInstitutions;
    {
        auto& st = db.cached(
            "SELECT r.institution_bin, coalesce(t.channel, ''), coalesce(t.source, ''), count(*) "
            "FROM reconcile_results r LEFT JOIN reconcile_traits t ON t.side = 'E' AND t.record_id = r.counterpart_id "
            "WHERE " + where + " AND r.side = 'L' AND r.outcome = 'matched' GROUP BY 1, 2, 3");
        ResetOnExit done{st};
        if (bin) st.bind(1, *bin);
        while (st.step()) {
            CoverageRow* row = row_of(rows, st.view(0));
            if (!row) continue;
            const auto n = st.int64(3);
            // A record stored before channels were told apart was pulled from a tablet.
            const auto channel = parse_enumeration_channel(st.view(1)).value_or(EnumerationChannel::TabletUsb);
            row->matched_by_channel[static_cast<std::size_t>(channel)] += n;
            const auto source = parse_record_source(st.view(2)).value_or(RecordSource::Interview);
            row->matched_by_source[static_cast<std::size_t>(source)] += n;
        }
    }
    auto& st = db.cached(
        "SELECT r.institution_bin, coalesce(t.residence, ''), r.outcome, count(*) "
        "FROM reconcile_results r LEFT JOIN reconcile_traits t ON t.side = 'L' AND t.record_id = r.record_id "
        "WHERE " + where + " AND r.side = 'L' GROUP BY 1, 2, 3");
    ResetOnExit done{st};
    if (bin) st.bind(1, *bin);
    while (st.step()) {
        CoverageRow* row = row_of(rows, st.view(0));
        if (!row) continue;
        const auto residence = parse_residence(st.view(1));
        auto& counts = row->by_residence[residence ? static_cast<std::size_t>(*residence) : 3];
        const auto n = st.int64(3);
        counts.listed += n;
        if (st.view(2) == "matched") counts.matched += n;
        else if (st.view(2) == "missing") counts.missing += n;
    }
}

}  // namespace

std::vector<CoverageRow> count_coverage(Database& db, std::optional<std::string_view> bin, bool breakdowns) {
    // The institutions with a current list: its entries, the register's names and KATO.
    std::vector<CoverageRow> rows;
    {
        static const std::string all =
            "SELECT l.institution_bin, (SELECT count(*) FROM list_entries e WHERE e.list_id = l.id), "
            "coalesce(i.name_kk, ''), coalesce(i.name_ru, ''), coalesce(i.kato, ''), coalesce(i.kato_version, '') "
            "FROM institution_lists l LEFT JOIN institutions i ON i.bin = l.institution_bin WHERE " +
            current_list_condition("l") + " ORDER BY l.institution_bin";
        static const std::string one =
            "SELECT l.institution_bin, (SELECT count(*) FROM list_entries e WHERE e.list_id = l.id), "
            "coalesce(i.name_kk, ''), coalesce(i.name_ru, ''), coalesce(i.kato, ''), coalesce(i.kato_version, '') "
            "FROM institution_lists l LEFT JOIN institutions i ON i.bin = l.institution_bin "
            "WHERE l.institution_bin = ?1 AND " +
            current_list_condition("l");
        auto& st = db.cached(bin ? one : all);
        ResetOnExit done{st};
        if (bin) st.bind(1, *bin);
        while (st.step()) {
            CoverageRow row;
            row.key = st.text(0);
            row.institutions = 1;
            row.listed = st.int64(1);
            row.name_kk = st.text(2);
            row.name_ru = st.text(3);
            row.kato = st.text(4);
            row.kato_version = st.text(5);
            rows.push_back(std::move(row));
        }
    }
    // Their results counted per outcome, from reconcile_results_by_institution alone.
    static const std::string all = std::string(
                                       "SELECT institution_bin, side, outcome, count(*) FROM reconcile_results "
                                       "WHERE institution_bin IN ") +
                                   kListedInstitutions + " GROUP BY institution_bin, side, outcome";
    static const std::string one =
        "SELECT institution_bin, side, outcome, count(*) FROM reconcile_results WHERE institution_bin = ?1 "
        "GROUP BY institution_bin, side, outcome";
    auto& st = db.cached(bin ? one : all);
    ResetOnExit done{st};
    if (bin) st.bind(1, *bin);
    while (st.step()) {
        const auto key = st.view(0);
        auto it = std::lower_bound(rows.begin(), rows.end(), key,
                                   [](const CoverageRow& r, std::string_view b) { return r.key < b; });
        if (it == rows.end() || it->key != key) continue;
        const auto side = st.view(1);
        const auto outcome = st.view(2);
        const auto n = st.int64(3);
        if (side == kSideL) {
            if (outcome == "matched") it->matched += n;
            else if (outcome == "review") it->review += n;
            else if (outcome == "conflict") it->conflict += n;
            else if (outcome == "missing") it->missing += n;
        } else if (side == kSideE) {
            it->enumerated += n;
            if (outcome == "extra") it->extra += n;
            else if (outcome == "duplicate") it->duplicates += n;
        } else {
            damaged(db, "reconciliation side", side);
        }
    }
    if (breakdowns) {
        try {
            count_breakdowns(db, bin, rows);
        } catch (const DbFailure&) {
            // A session reads a workspace migrated to this version; only a file held at an older
            // schema (the migration tests read 005's tables at version 5) lacks the traits, and
            // then there is no breakdown to count. Anything else fails the next statement too.
        }
    }
    return rows;
}

std::vector<CoverageDay> count_coverage_days(Database& db, std::optional<std::string_view> bin) {
    // What progress() sums, per institution: its enumerated persons by the day they were pulled
    // and its listed persons matched to them, from reconcile_results_by_institution alone.
    static const std::string head =
        "SELECT institution_bin, enumerated_on, sum(side = 'E'), sum(side = 'L' AND outcome = 'matched') "
        "FROM reconcile_results WHERE ";
    static const std::string tail =
        " AND enumerated_on <> '' AND (side = 'E' OR (side = 'L' AND outcome = 'matched'))"
        " GROUP BY institution_bin, enumerated_on";
    static const std::string all = head + "institution_bin IN " + kListedInstitutions + tail;
    static const std::string one =
        head + "institution_bin = ?1 AND EXISTS (SELECT 1 FROM institution_lists WHERE institution_bin = ?1)" + tail;
    auto& st = db.cached(bin ? one : all);
    ResetOnExit done{st};
    if (bin) st.bind(1, *bin);
    std::vector<CoverageDay> out;
    while (st.step()) out.push_back({st.text(0), st.text(1), st.int64(2), st.int64(3)});
    return out;
}

std::vector<CoverageRow> coverage_at_level(std::vector<CoverageRow> rows, CoverageLevel level, const TerritoryNames& names) {
    if (level == CoverageLevel::Institution) return rows;
    // Keyed on (edition, prefix): a 2013 code and a 2022 code with the same digits may name
    // different territories (the 2022 reform moved districts between regions), so they are
    // never one group.
    std::map<std::pair<std::string, std::string>, CoverageRow> territories;
    for (const auto& r : rows) {
        const auto key = kato_prefix(r.kato, level);
        auto& t = territories[{r.kato_version, key}];
        t.key = key;
        t.kato = key;
        t.kato_version = r.kato_version;
        t.add_counts(r);
    }
    std::vector<CoverageRow> out;
    out.reserve(territories.size());
    for (auto& [key, row] : territories) {
        if (names) {
            if (auto n = names(row.kato_version, row.key)) {
                row.name_kk = std::move(n->first);
                row.name_ru = std::move(n->second);
            }
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::optional<std::pair<std::string, std::string>> stored_territory_name(Database& db, std::string_view edition,
                                                                         std::string_view prefix) {
    // The imported classifier first (it may carry a department's corrected spelling), the
    // region table shipped with the program for regions it does not hold.
    auto& st = db.cached("SELECT name_kk, name_ru FROM kato_territories WHERE edition = ?1 AND code = ?2");
    ResetOnExit done{st};
    st.bind(1, edition).bind(2, kato_code_of_prefix(prefix));
    if (st.step()) return std::pair{st.text(0), st.text(1)};
    if (prefix.size() == 2)
        if (auto region = find_kato_region(edition, prefix))
            return std::pair{std::string(region->name_kk), std::string(region->name_ru)};
    return std::nullopt;
}

Result<std::vector<CoverageRow>> SqlReconciliationRepository::coverage(CoverageLevel level) {
    return guarded([&]() -> Result<std::vector<CoverageRow>> {
        return coverage_at_level(summaries_.read_instead() ? summaries_.coverage_rows() : count_coverage(db_, std::nullopt, true),
                                 level, [&](std::string_view edition, std::string_view prefix) {
                                     return stored_territory_name(db_, edition, prefix);
                                 });
    });
}

Result<std::vector<ProgressPoint>> SqlReconciliationRepository::progress(std::string_view bin) {
    return guarded([&]() -> Result<std::vector<ProgressPoint>> {
        if (summaries_.read_instead()) return summaries_.progress(bin);
        // One pass over reconcile_results_by_institution (it holds every column used here).
        const std::string sql =
            std::string("SELECT enumerated_on, sum(side = 'E'), sum(side = 'L' AND outcome = 'matched') "
                        "FROM reconcile_results WHERE ") +
            (bin.empty() ? std::string("institution_bin IN ") + kListedInstitutions : std::string("institution_bin = ?1")) +
            " AND enumerated_on <> '' AND (side = 'E' OR (side = 'L' AND outcome = 'matched'))"
            " GROUP BY enumerated_on ORDER BY enumerated_on";
        auto& st = db_.cached(sql);
        if (!bin.empty()) st.bind(1, bin);
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
    });
}

Result<std::vector<PersonOutcome>> SqlReconciliationRepository::people(std::string_view bin) {
    return guarded([&]() -> Result<std::vector<PersonOutcome>> {
        auto& person = db_.cached(
            "SELECT iin, surname, name, patronymic, birth_date, kit_number FROM persons WHERE uuid_key = ? AND uuid = ?");
        auto& review = db_.cached(
            // "+state": not by review_items_by_state (every open item per person), but by the
            // (first_id, second_id) and second_id indexes.
            "SELECT id FROM review_items WHERE +state = 'open' AND (first_id = ?1 OR second_id = ?2) ORDER BY id LIMIT 1");
        // The enumerated side of a row and the open review item about it (lookups by index, one
        // per row: an institution has thousands of persons, not millions).
        const auto complete = [&](PersonOutcome& o) {
            if (o.enumerated_id.starts_with("C:")) {
                if (auto c = find_channel_record(db_, o.enumerated_id)) {
                    o.enumerated_iin = c->iin;
                    o.enumerated_surname = c->surname;
                    o.enumerated_name = c->name;
                    o.enumerated_patronymic = c->patronymic;
                    o.enumerated_birth_date = c->birth_date;
                    o.kit_number = c->kit_number;
                }
            } else if (!o.enumerated_id.empty()) {
                ResetOnExit done{person};
                person.bind(1, record_key(o.enumerated_id)).bind_static(2, o.enumerated_id);
                if (person.step()) {
                    o.enumerated_iin = person.text(0);
                    o.enumerated_surname = person.text(1);
                    o.enumerated_name = person.text(2);
                    o.enumerated_patronymic = person.text(3);
                    o.enumerated_birth_date = person.text(4);
                    o.kit_number = person.text(5);
                }
            }
            ResetOnExit done{review};
            // NULL never equals anything: an empty side matches no item.
            if (o.listed_id.empty()) review.bind(1, nullptr);
            else review.bind_static(1, o.listed_id);
            if (o.enumerated_id.empty()) review.bind(2, nullptr);
            else review.bind_static(2, o.enumerated_id);
            if (review.step()) o.review_id = review.int64(0);
        };

        std::vector<PersonOutcome> out;
        {
            auto& st = db_.query(
                "SELECT e.record_id, e.line, e.iin, e.surname, e.name, e.patronymic, e.birth_date, "
                "coalesce(r.outcome, ''), coalesce(r.counterpart_id, ''), coalesce(r.score, 0), coalesce(r.levels, ''), "
                "coalesce(r.by_supervisor, 0) "
                "FROM list_entries e LEFT JOIN reconcile_results r ON r.side = 'L' AND r.record_id = e.record_id "
                "WHERE e.list_id = (SELECT id FROM institution_lists WHERE institution_bin = ?1 "
                "ORDER BY as_of DESC, version DESC LIMIT 1) ORDER BY e.line, e.id",
                bin);
            ResetOnExit done{st};
            while (st.step()) {
                PersonOutcome o;
                o.listed_id = st.text(0);
                o.listed_line = st.integer(1);
                o.listed_iin = st.text(2);
                o.listed_surname = st.text(3);
                o.listed_name = st.text(4);
                o.listed_patronymic = st.text(5);
                o.listed_birth_date = st.text(6);
                o.outcome = st.text(7);
                o.enumerated_id = st.text(8);
                o.score = st.real(9);
                o.levels = st.text(10);
                o.by_supervisor = st.int64(11) != 0;
                complete(o);
                out.push_back(std::move(o));
            }
        }
        {
            auto& st = db_.query(
                "SELECT record_id, outcome, score, levels, by_supervisor FROM reconcile_results "
                "WHERE institution_bin = ? AND side = 'E' AND outcome IN ('extra', 'duplicate') "
                "ORDER BY outcome = 'duplicate', enumerated_on, record_id",
                bin);
            ResetOnExit done{st};
            while (st.step()) {
                PersonOutcome o;
                o.enumerated_id = st.text(0);
                o.outcome = st.text(1);
                o.score = st.real(2);
                o.levels = st.text(3);
                o.by_supervisor = st.int64(4) != 0;
                complete(o);
                out.push_back(std::move(o));
            }
        }
        return out;
    });
}

Result<CountsSource> SqlReconciliationRepository::counts_source() {
    return guarded([&]() -> Result<CountsSource> {
        if (summaries_.read_instead()) return summaries_.coverage_source();
        return CountsSource{};
    });
}

}  // namespace sanaq::db
