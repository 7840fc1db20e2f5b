// The upstream outbox: batches, their bodies and members; the pending walk.
#include <algorithm>
#include <limits>

#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

/// Resets a borrowed statement when leaving the scope (also drops bind_static pointers).
struct ResetOnExit {
    Statement& st;
    ~ResetOnExit() { st.reset(); }
};

constexpr const char* kBatchColumns =
    "uuid, state, created_at_utc, created_by, households, persons, digest, signature, body_size, compressed_size, "
    "released_by, released_at_utc, attempts, last_attempt_at_utc, next_attempt_at_utc, last_error_code, last_error, "
    "accepted_at_utc, receipt_json";

UpstreamBatch read_batch(const Statement& st, const Database& db) {
    UpstreamBatch b;
    b.uuid = st.text(0);
    b.state = known_or_damaged(parse_batch_state(st.view(1)), db, "batch state", st.view(1));
    b.created_at_utc = st.text(2);
    b.created_by = st.text(3);
    b.households = st.int64(4);
    b.persons = st.int64(5);
    b.digest = st.text(6);
    b.signature = st.text(7);
    b.body_size = st.int64(8);
    b.compressed_size = st.int64(9);
    b.released_by = st.text(10);
    b.released_at_utc = st.text(11);
    b.attempts = st.integer(12);
    b.last_attempt_at_utc = st.text(13);
    b.next_attempt_at_utc = st.text(14);
    b.last_error_code = st.text(15);
    b.last_error = st.text(16);
    b.accepted_at_utc = st.text(17);
    b.receipt_json = st.text(18);
    return b;
}

/// Binds ?1..?19 in kBatchColumns order.
void bind_batch(Statement& st, const UpstreamBatch& b) {
    st.bind_static(1, b.uuid)
        .bind_static(2, batch_state_code(b.state))
        .bind_static(3, b.created_at_utc)
        .bind_static(4, b.created_by)
        .bind(5, b.households)
        .bind(6, b.persons)
        .bind_static(7, b.digest)
        .bind_static(8, b.signature)
        .bind(9, b.body_size)
        .bind(10, b.compressed_size)
        .bind_static(11, b.released_by)
        .bind_static(12, b.released_at_utc)
        .bind(13, b.attempts)
        .bind_static(14, b.last_attempt_at_utc)
        .bind_static(15, b.next_attempt_at_utc)
        .bind_static(16, b.last_error_code)
        .bind_static(17, b.last_error)
        .bind_static(18, b.accepted_at_utc)
        .bind_static(19, b.receipt_json);
}

std::int64_t sql_limit(std::size_t limit) {
    return static_cast<std::int64_t>(std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()));
}

/// Reserve for at most this many rows up front (a caller may pass a huge limit).
std::size_t reserve_for(std::size_t limit) { return std::min<std::size_t>(limit, 1 << 16); }

// The pending walk: the table in rowid order from after_row_id, a record kept when no member row
// holds it at its current revision (one probe of upstream_members_by_record per record; the
// record's other columns are only read for the records kept).
std::string pending_sql(const char* table, const char* kind, const char* columns) {
    return std::string("SELECT r.id, ") + columns + ", " + kProvenanceColumns + " FROM " + table +
           " r WHERE r.id > ?1 AND NOT EXISTS (SELECT 1 FROM upstream_batch_members m WHERE m.kind = '" + kind +
           "' AND m.row_id = r.id AND m.revision = r.revision) ORDER BY r.id LIMIT ?2";
}

}  // namespace

std::optional<std::int64_t> SqlOutboxRepository::batch_id(std::string_view uuid) {
    auto& st = db_.query("SELECT id FROM upstream_batches WHERE uuid = ?", uuid);
    ResetOnExit done{st};
    if (!st.step()) return std::nullopt;
    return st.int64(0);
}

Result<std::vector<PendingHousehold>> SqlOutboxRepository::pending_households(std::int64_t after_row_id,
                                                                              std::size_t limit) {
    return guarded([&]() -> Result<std::vector<PendingHousehold>> {
        static const std::string sql = pending_sql("households", "household", kHouseholdColumns);
        auto& st = db_.query(sql, after_row_id, sql_limit(limit));
        ResetOnExit done{st};
        std::vector<PendingHousehold> out;
        out.reserve(reserve_for(limit));
        while (st.step()) {
            auto& h = out.emplace_back();
            h.row_id = st.int64(0);
            read_household_columns(st, 1, db_, h.record);
            read_provenance_columns(st, 1 + kHouseholdColumnCount, h.from);
        }
        return out;
    });
}

Result<std::vector<PendingPerson>> SqlOutboxRepository::pending_persons(std::int64_t after_row_id,
                                                                        std::size_t limit) {
    return guarded([&]() -> Result<std::vector<PendingPerson>> {
        static const std::string sql = pending_sql("persons", "person", kPersonColumns);
        auto& st = db_.query(sql, after_row_id, sql_limit(limit));
        ResetOnExit done{st};
        std::vector<PendingPerson> out;
        out.reserve(reserve_for(limit));
        while (st.step()) {
            auto& p = out.emplace_back();
            p.row_id = st.int64(0);
            read_person_columns(st, 1, db_, p.record);
            read_provenance_columns(st, 1 + kPersonColumnCount, p.from);
        }
        return out;
    });
}

Result<std::vector<PendingPerson>> SqlOutboxRepository::pending_persons_of_household(std::int64_t household_row_id,
                                                                                     std::int64_t after_row_id,
                                                                                     std::size_t limit) {
    return guarded([&]() -> Result<std::vector<PendingPerson>> {
        // persons_by_household holds (household_id, rowid): the household's persons in row order.
        static const std::string sql = std::string("SELECT r.id, ") + kPersonColumns + ", " + kProvenanceColumns +
                                       " FROM persons r WHERE r.household_id = ?3 AND r.id > ?1 AND NOT EXISTS "
                                       "(SELECT 1 FROM upstream_batch_members m WHERE m.kind = 'person' AND "
                                       "m.row_id = r.id AND m.revision = r.revision) ORDER BY r.id LIMIT ?2";
        auto& st = db_.query(sql, after_row_id, sql_limit(limit), household_row_id);
        ResetOnExit done{st};
        std::vector<PendingPerson> out;
        while (st.step()) {
            auto& p = out.emplace_back();
            p.row_id = st.int64(0);
            read_person_columns(st, 1, db_, p.record);
            read_provenance_columns(st, 1 + kPersonColumnCount, p.from);
        }
        return out;
    });
}

Status SqlOutboxRepository::insert_batch(const UpstreamBatch& batch, std::string_view compressed_body,
                                         std::span<const BatchMember> members) {
    return guarded([&]() -> Status {
        // All or nothing within the caller's transaction: a member refused after the batch row
        // and its body went in takes them out again.
        db_.exec("SAVEPOINT upstream_insert_batch;");
        Status result;
        try {
            result = insert_batch_rows(batch, compressed_body, members);
        } catch (...) {
            db_.exec("ROLLBACK TO upstream_insert_batch; RELEASE upstream_insert_batch;");
            throw;
        }
        db_.exec(result ? "RELEASE upstream_insert_batch;"
                        : "ROLLBACK TO upstream_insert_batch; RELEASE upstream_insert_batch;");
        return result;
    });
}

Status SqlOutboxRepository::insert_batch_rows(const UpstreamBatch& batch, std::string_view compressed_body,
                                              std::span<const BatchMember> members) {
    if (batch_id(batch.uuid))
        return fail(ErrorCode::AlreadyExists, N_("There is already an upstream batch {}."), {batch.uuid});
    // batch_body checks the chunks against compressed_size, so the two must agree.
    if (batch.compressed_size != static_cast<std::int64_t>(compressed_body.size()))
        return std::unexpected(Error::make(
            ErrorCode::Unexpected, N_("The workspace database reported an error."), {},
            "upstream batch " + batch.uuid + ": compressed_size " + std::to_string(batch.compressed_size) +
                " but the body has " + std::to_string(compressed_body.size()) + " bytes"));
    const bool keep = summaries_.kept();
    const bool exact = keep && summaries_.outbox_exact();
    {
        auto& st = db_.cached(std::string("INSERT INTO upstream_batches (") + kBatchColumns +
                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                              "?17, ?18, ?19)");
        ResetOnExit done{st};
        bind_batch(st, batch);
        st.run();
    }
    const auto id = db_.last_insert_rowid();
    {
        auto& chunk = db_.cached("INSERT INTO upstream_batch_bodies (batch_id, position, bytes) VALUES (?1, ?2, ?3)");
        ResetOnExit done{chunk};
        std::int64_t position = 0;
        for (std::size_t offset = 0; offset < compressed_body.size(); offset += kChunkSize, ++position) {
            chunk.bind(1, id).bind(2, position).bind_blob(3, compressed_body.substr(offset, kChunkSize));
            chunk.run();
            chunk.reset();
        }
    }
    auto& member = db_.cached(
        "INSERT INTO upstream_batch_members (batch_id, kind, row_id, revision, uuid) VALUES (?1, ?2, ?3, ?4, ?5)");
    ResetOnExit done{member};
    for (const auto& m : members) {
        member.bind(1, id)
            .bind_static(2, record_kind_code(m.kind))
            .bind(3, m.row_id)
            .bind(4, m.revision)
            .bind_static(5, m.uuid);
        try {
            member.run();
        } catch (const DbFailure&) {
            // The unique index refused it: a record already in a live batch at this revision
            // (or twice in this one). No look-up per member on the way in; only now, to name it.
            member.reset();
            auto& held = db_.query(
                "SELECT b.uuid FROM upstream_batch_members m JOIN upstream_batches b ON b.id = m.batch_id "
                "WHERE m.kind = ? AND m.row_id = ? AND (m.revision = ? OR m.batch_id = ?)",
                record_kind_code(m.kind), m.row_id, m.revision, id);
            ResetOnExit held_done{held};
            if (!held.step()) throw;
            return fail(ErrorCode::AlreadyExists, N_("The record {} at revision {} is already in upstream batch {}."),
                        {m.uuid, std::to_string(m.revision), held.text(0)});
        }
        member.reset();
    }
    if (keep) {
        const auto [households, persons] = current_members(id);
        summaries_.outbox_changed(exact, -households, -persons);
    }
    return {};
}

Result<std::optional<UpstreamBatch>> SqlOutboxRepository::find_batch(std::string_view uuid) {
    return guarded([&]() -> Result<std::optional<UpstreamBatch>> {
        auto& st = db_.query(std::string("SELECT ") + kBatchColumns + " FROM upstream_batches WHERE uuid = ?", uuid);
        ResetOnExit done{st};
        if (!st.step()) return std::nullopt;
        return read_batch(st, db_);
    });
}

Result<std::string> SqlOutboxRepository::batch_body(std::string_view uuid) {
    return guarded([&]() -> Result<std::string> {
        std::int64_t id = 0, size = 0;
        {
            auto& head = db_.query("SELECT id, compressed_size FROM upstream_batches WHERE uuid = ?", uuid);
            ResetOnExit done{head};
            if (!head.step())
                return fail(ErrorCode::NotFound, N_("There is no upstream batch {}."), {std::string(uuid)});
            id = head.int64(0);
            size = head.int64(1);
        }
        const auto damaged = [&](const char* what) {
            return DbFailure(damaged_file_error(db_.file(), "upstream batch " + std::string(uuid) + ": " + what));
        };
        if (size < 0) throw damaged("negative body size");
        std::string body;
        body.reserve(static_cast<std::size_t>(size));
        auto& st = db_.query("SELECT position, bytes FROM upstream_batch_bodies WHERE batch_id = ? ORDER BY position", id);
        ResetOnExit done{st};
        std::int64_t expected = 0;
        while (st.step()) {
            if (st.int64(0) != expected++) throw damaged("body chunk missing");
            body.append(st.blob(1));
        }
        if (static_cast<std::int64_t>(body.size()) != size) throw damaged("body size does not match its chunks");
        return body;
    });
}

Result<std::vector<UpstreamBatch>> SqlOutboxRepository::batches(std::optional<BatchState> state, std::size_t limit) {
    return guarded([&]() -> Result<std::vector<UpstreamBatch>> {
        const std::int64_t n = limit == 0 ? -1 : sql_limit(limit);   // LIMIT -1: no limit
        auto& st = state ? db_.query(std::string("SELECT ") + kBatchColumns +
                                         " FROM upstream_batches WHERE state = ? ORDER BY created_at_utc DESC, id DESC "
                                         "LIMIT ?",
                                     batch_state_code(*state), n)
                         : db_.query(std::string("SELECT ") + kBatchColumns +
                                         " FROM upstream_batches ORDER BY created_at_utc DESC, id DESC LIMIT ?",
                                     n);
        ResetOnExit done{st};
        std::vector<UpstreamBatch> out;
        while (st.step()) out.push_back(read_batch(st, db_));
        return out;
    });
}

Result<std::vector<UpstreamBatch>> SqlOutboxRepository::due_batches(std::string_view now_utc) {
    return guarded([&]() -> Result<std::vector<UpstreamBatch>> {
        // Times are ISO 8601 UTC text of one shape ("YYYY-MM-DDTHH:MM:SSZ"): text order is time order.
        auto& st = db_.query(std::string("SELECT ") + kBatchColumns +
                                 " FROM upstream_batches WHERE state = 'queued' AND (next_attempt_at_utc = '' OR "
                                 "next_attempt_at_utc <= ?) ORDER BY created_at_utc, id",
                             now_utc);
        ResetOnExit done{st};
        std::vector<UpstreamBatch> out;
        while (st.step()) out.push_back(read_batch(st, db_));
        return out;
    });
}

Status SqlOutboxRepository::update_batch(const UpstreamBatch& batch) {
    return guarded([&]() -> Status {
        // Only the mutable fields: what a batch carries (counts, digest, signature, sizes, who
        // formed it when) is fixed when it is formed.
        const bool keep = summaries_.kept();
        const bool exact = keep && summaries_.outbox_exact();
        auto& st = db_.query(
            "UPDATE upstream_batches SET state = ?, released_by = ?, released_at_utc = ?, attempts = ?, "
            "last_attempt_at_utc = ?, next_attempt_at_utc = ?, last_error_code = ?, last_error = ?, "
            "accepted_at_utc = ?, receipt_json = ? WHERE uuid = ?",
            batch_state_code(batch.state), batch.released_by, batch.released_at_utc, batch.attempts,
            batch.last_attempt_at_utc, batch.next_attempt_at_utc, batch.last_error_code, batch.last_error,
            batch.accepted_at_utc, batch.receipt_json, batch.uuid);
        st.run();
        st.reset();
        if (db_.changes() == 0) return fail(ErrorCode::NotFound, N_("There is no upstream batch {}."), {batch.uuid});
        if (keep) summaries_.outbox_changed(exact, 0, 0);
        return {};
    });
}

Status SqlOutboxRepository::release_members(std::string_view uuid) {
    return guarded([&]() -> Status {
        const auto id = batch_id(uuid);
        if (!id) return fail(ErrorCode::NotFound, N_("There is no upstream batch {}."), {std::string(uuid)});
        const bool keep = summaries_.kept();
        const bool exact = keep && summaries_.outbox_exact();
        const auto [households, persons] = keep ? current_members(*id) : std::pair<std::int64_t, std::int64_t>{};
        auto& st = db_.query("DELETE FROM upstream_batch_members WHERE batch_id = ?", *id);
        st.run();
        st.reset();
        if (keep) summaries_.outbox_changed(exact, households, persons);
        return {};
    });
}

Result<std::optional<SendingMark>> SqlOutboxRepository::mark_of(RecordKind kind, std::string_view uuid) {
    return guarded([&]() -> Result<std::optional<SendingMark>> {
        // The record's row (by uuid_key + uuid, as the census repository finds it), then its member
        // rows by upstream_members_by_record: the batch formed last wins.
        std::int64_t row_id = 0;
        {
            auto& find = db_.query(kind == RecordKind::Household
                                       ? "SELECT id FROM households WHERE uuid_key = ? AND uuid = ?"
                                       : "SELECT id FROM persons WHERE uuid_key = ? AND uuid = ?",
                                   record_key(uuid), uuid);
            ResetOnExit done{find};
            if (!find.step()) return std::nullopt;
            row_id = find.int64(0);
        }
        auto& st = db_.query(
            "SELECT b.uuid, m.revision, b.state, b.accepted_at_utc, b.receipt_json FROM upstream_batch_members m "
            "JOIN upstream_batches b ON b.id = m.batch_id WHERE m.kind = ? AND m.row_id = ? "
            "ORDER BY b.created_at_utc DESC, b.id DESC LIMIT 1",
            record_kind_code(kind), row_id);
        ResetOnExit done{st};
        if (!st.step()) return std::nullopt;
        SendingMark mark;
        mark.batch_uuid = st.text(0);
        mark.revision = st.integer(1);
        mark.state = known_or_damaged(parse_batch_state(st.view(2)), db_, "batch state", st.view(2));
        mark.sent_at_utc = st.text(3);
        mark.receipt_json = st.text(4);
        return mark;
    });
}

void count_batches(Database& db, OutboxStats& s) {
    auto& st = db.cached(
        "SELECT state, count(*), sum(persons), max(accepted_at_utc) FROM upstream_batches GROUP BY state");
    ResetOnExit done{st};
    while (st.step()) {
        const auto state = known_or_damaged(parse_batch_state(st.view(0)), db, "batch state", st.view(0));
        const auto n = st.int64(1);
        const auto persons = st.int64(2);
        switch (state) {
            case BatchState::AwaitingRelease:
                s.batches_awaiting_release = n;
                s.persons_queued += persons;
                break;
            case BatchState::Queued:
                s.batches_queued = n;
                s.persons_queued += persons;
                break;
            case BatchState::Accepted:
                s.batches_accepted = n;
                s.persons_accepted = persons;
                s.last_accepted_at_utc = st.text(3);
                break;
            case BatchState::Held: s.batches_held = n; break;
            case BatchState::Discarded: s.batches_discarded = n; break;
        }
    }
}

void count_pending(Database& db, OutboxStats& s) {
    // Pending = records minus those whose current revision has a member row. The members are
    // counted through their index joined to the record by rowid (a member of an older revision
    // does not count), so this reads the member index and the records that are in a batch, not
    // every record.
    auto& st = db.cached(
        "SELECT (SELECT count(*) FROM households) - (SELECT count(*) FROM upstream_batch_members m "
        "CROSS JOIN households r ON r.id = m.row_id AND r.revision = m.revision WHERE m.kind = 'household'), "
        "(SELECT count(*) FROM persons) - (SELECT count(*) FROM upstream_batch_members m "
        "CROSS JOIN persons r ON r.id = m.row_id AND r.revision = m.revision WHERE m.kind = 'person')");
    ResetOnExit done{st};
    st.step();
    s.pending_households = st.int64(0);
    s.pending_persons = st.int64(1);
}

std::pair<std::int64_t, std::int64_t> SqlOutboxRepository::current_members(std::int64_t id) {
    // The batch's members by the primary key (batch_id, kind, row_id), each joined to its record.
    auto& st = db_.cached(
        "SELECT (SELECT count(*) FROM upstream_batch_members m CROSS JOIN households r ON r.id = m.row_id AND "
        "r.revision = m.revision WHERE m.batch_id = ?1 AND m.kind = 'household'), "
        "(SELECT count(*) FROM upstream_batch_members m CROSS JOIN persons r ON r.id = m.row_id AND "
        "r.revision = m.revision WHERE m.batch_id = ?1 AND m.kind = 'person')");
    ResetOnExit done{st};
    st.bind(1, id);
    st.step();
    return {st.int64(0), st.int64(1)};
}

Result<OutboxStats> SqlOutboxRepository::stats() {
    return guarded([&]() -> Result<OutboxStats> {
        if (summaries_.read_instead()) return summaries_.outbox_stats();
        OutboxStats s;
        count_batches(db_, s);
        count_pending(db_, s);
        return s;
    });
}

}  // namespace sanaq::db
