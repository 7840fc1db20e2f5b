#include "db/transaction.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/clock.h"

namespace sanaq::db {
namespace {

Error unexpected_error(std::string detail) {
    return Error::make(ErrorCode::Unexpected,
                       N_("An unexpected error stopped the work; nothing of it was saved."), {},
                       std::move(detail));
}

/// Runs the core's work, turning anything thrown into an error value.
Status run_work(const StoreWork& work, StoreSession& session) {
    try {
        return work(session);
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    } catch (const std::exception& ex) {
        return std::unexpected(unexpected_error(ex.what()));
    } catch (...) {
        return std::unexpected(unexpected_error("unknown exception"));
    }
}

void rollback_quietly(Database& db) {
    try {
        if (db.in_transaction()) db.exec("ROLLBACK;");
    } catch (const DbFailure&) {
        // The connection keeps the error; SQLite has rolled back what it could.
    }
}

/// The parts a transaction wrote, as the schema names they are attached under (the only text of
/// these that reaches SQL: constants).
std::vector<std::string_view> written_parts(unsigned bits) {
    std::vector<std::string_view> out;
    if (bits & writes::kCensus) out.push_back("census");
    if (bits & writes::kDept) out.push_back("dept");
    return out;
}

std::int64_t last_txid(Database& db, std::string_view part) {
    auto& q = db.cached("SELECT CAST(value AS INTEGER) FROM " + std::string(part) +
                        ".part_meta WHERE name = 'last_txid'");
    const std::int64_t out = q.step() ? q.int64(0) : 0;
    q.reset();
    return out;
}

std::int64_t audit_head_seq(Database& db) {
    auto& q = db.cached("SELECT seq FROM main.audit_head WHERE id = 1");
    const std::int64_t out = q.step() ? q.int64(0) : 0;
    q.reset();
    return out;
}

/// The marker, written last inside the transaction: the row in common, the stamp in each part.
/// txid is above every number common or an attached part has seen, so a part restored from a
/// newer copy than common's never takes a later transaction for one it already holds.
void write_marker(Database& db, unsigned bits, std::optional<std::int64_t> head_before) {
    auto& top = db.cached("SELECT coalesce(max(txid), 0) FROM main.cross_commits");
    std::int64_t txid = top.step() ? top.int64(0) : 0;
    top.reset();
    for (const auto& part : db.attached()) txid = std::max(txid, last_txid(db, part));
    ++txid;
    const std::int64_t head = audit_head_seq(db);
    const bool audited = head_before && head > *head_before;
    std::string parts;
    for (auto part : written_parts(bits)) parts += (parts.empty() ? "" : ",") + std::string(part);
    db.query(
          "INSERT INTO main.cross_commits (txid, parts, audit_first, audit_seq, at_utc, voided) "
          "VALUES (?, ?, ?, ?, ?, 0)",
          txid, parts, audited ? *head_before + 1 : std::int64_t{0},
          audited ? head : std::int64_t{0}, iso_utc(std::chrono::system_clock::now()))
        .run();
    for (auto part : written_parts(bits))
        db.query("INSERT OR REPLACE INTO " + std::string(part) +
                     ".part_meta (name, value) VALUES ('last_txid', ?)",
                 std::to_string(txid))
            .run();
}

/// `recovering`: the work is recovery's own. It is not recovered again when its COMMIT fails (no
/// loop), and its audit entries are not the marker's to void: what it did in common — voiding
/// another transaction, saying so — stands even when its stamp in a part does not.
Status write_transaction(Database& db, SqlStoreSession& session, std::string_view actor,
                         const StoreWork& work, bool recovering) {
    const bool parts_attached = !db.attached().empty();
    std::optional<std::int64_t> head_before;
    try {
        db.exec("BEGIN IMMEDIATE;");
        db.clear_writes();
        if (parts_attached && !recovering) head_before = audit_head_seq(db);
    } catch (const DbFailure& failure) {
        db.reset_cached();
        rollback_quietly(db);
        return std::unexpected(failure.error());
    }
    Status result = run_work(work, session);
    const WriteSet written = db.writes();
    const unsigned part_bits = written.parts & (writes::kCensus | writes::kDept);
    if (result && parts_attached && part_bits && (written.parts & writes::kCommonOther))
        // Common would commit without the part if the part's commit failed: a bug in the work,
        // never committed (design/key-hierarchy.md §3, "only the audit entry crosses").
        result = std::unexpected(unexpected_error(
            "a transaction that wrote " + std::string(written_parts(part_bits).front()) +
            " also wrote common's table " + written.common_table +
            "; only the audit trail may be written beside a part"));
    if (result && parts_attached && part_bits) {
        try {
            write_marker(db, part_bits, head_before);
        } catch (const DbFailure& failure) {
            result = std::unexpected(failure.error());
        }
    }
    db.reset_cached();
    if (!result) {
        rollback_quietly(db);
        return result;
    }
    try {
        db.exec("COMMIT;");
    } catch (const DbFailure& failure) {
        rollback_quietly(db);
        // Common may have committed and the part not (README.md "Attached parts"). Voiding now
        // also writes the part again, which overwrites whatever the failed commit left in its WAL.
        if (parts_attached && part_bits && !recovering)
            (void)recover_incomplete_commits(db, session, actor);
        return std::unexpected(failure.error());
    }
    return {};
}

struct Incomplete {
    std::int64_t txid, audit_first, audit_seq;
};

}  // namespace

Status run_write(Database& db, SqlStoreSession& session, std::string_view actor,
                 const StoreWork& work) {
    return write_transaction(db, session, actor, work, false);
}

Status run_read(Database& db, SqlStoreSession& session, const StoreWork& work) {
    try {
        // query_only turns an accidental write inside a read into an error instead of a commit.
        db.exec("BEGIN DEFERRED; PRAGMA query_only = ON;");
        const auto& parts = db.attached();
        if (!parts.empty()) {
            // A file's read snapshot starts at its first read. Parts commit after common, in the
            // order they were attached: pinned the other way round, a part that holds a
            // transaction is read beside a common (and earlier parts) that hold it too.
            for (auto part = parts.rbegin(); part != parts.rend(); ++part)
                (void)last_txid(db, *part);
            (void)audit_head_seq(db);
        }
    } catch (const DbFailure& failure) {
        db.reset_cached();
        try {
            db.exec("PRAGMA query_only = OFF;");
        } catch (const DbFailure&) {
        }
        rollback_quietly(db);
        return std::unexpected(failure.error());
    }
    Status result = run_work(work, session);
    db.reset_cached();
    try {
        db.exec("PRAGMA query_only = OFF;");
        if (result)
            db.exec("COMMIT;");
        else
            rollback_quietly(db);
    } catch (const DbFailure& failure) {
        rollback_quietly(db);
        if (result) return std::unexpected(failure.error());
    }
    return result;
}

Status recover_incomplete_commits(Database& db, SqlStoreSession& session, std::string_view actor) {
    if (db.attached().empty()) return {};
    // A transaction of its own, with the marker like any other: it writes each part it recovers
    // (so that part's stamp moves past the voided transaction), and should its own part's commit
    // fail, the next recovery voids it too.
    return write_transaction(
        db, session, actor,
        [&](StoreSession& tx) -> Status {
            const std::vector<std::string> parts = db.attached();
            for (const auto& part : parts) {
                const std::int64_t last = last_txid(db, part);
                std::vector<Incomplete> found;
                auto& q = db.cached(
                    "SELECT txid, audit_first, audit_seq FROM main.cross_commits "
                    "WHERE voided = 0 AND txid > ? AND instr(',' || parts || ',', ?) > 0 "
                    "ORDER BY txid");
                q.bind(1, last).bind(2, "," + part + ",");
                while (q.step()) found.push_back({q.int64(0), q.int64(1), q.int64(2)});
                q.reset();
                for (const auto& t : found) {
                    db.query("UPDATE main.cross_commits SET voided = 1 WHERE txid = ?", t.txid)
                        .run();
                    const auto now = std::chrono::system_clock::now();
                    AuditEntry entry;
                    entry.at_utc = iso_utc(now);
                    entry.at_local = iso_local(now);
                    entry.actor = std::string(actor);
                    entry.action = kAuditCommitIncomplete;
                    entry.object_type = "store";
                    entry.object_id = part;
                    entry.details = "{\"txid\":" + std::to_string(t.txid) + ",\"part\":\"" + part +
                                    "\",\"audit_seq\":" + std::to_string(t.audit_seq) +
                                    ",\"audit_first\":" + std::to_string(t.audit_first) + "}";
                    SANAQ_TRY(tx.audit().append(std::move(entry)));
                }
                if (!found.empty())
                    db.query("INSERT OR REPLACE INTO " + part +
                                 ".part_meta (name, value) VALUES ('last_voided', ?)",
                             std::to_string(found.back().txid))
                        .run();
            }
            return {};
        },
        true);
}

}  // namespace sanaq::db
