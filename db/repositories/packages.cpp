#include "db/repositories/repositories.h"

#include <algorithm>

namespace sanaq::db {
namespace {

constexpr const char* kPackageColumns =
    "uuid, format_version, device_id, device_model, usb_serial, kit_number, interviewer_iin, census_round, "
    "sequence, exported_at, households, persons, payload_size, payload_sha256, pulled_at_utc, pulled_by, "
    "pull_id, holder_employee_id, households_new, households_superseded, households_ignored, persons_new, "
    "persons_superseded, persons_ignored, warnings, clock_skew_seconds";

ReceivedPackage read_package(const Statement& st) {
    ReceivedPackage p;
    auto& m = p.manifest;
    m.package_uuid = st.text(0);
    m.format_version = st.integer(1);
    m.device_id = st.text(2);
    m.device_model = st.text(3);
    m.usb_serial = st.text(4);
    m.kit_number = st.text(5);
    m.interviewer_iin = st.text(6);
    m.census_round = st.text(7);
    m.sequence = st.int64(8);
    m.exported_at = st.text(9);
    m.households = st.int64(10);
    m.persons = st.int64(11);
    m.payload_size = st.int64(12);
    m.payload_sha256 = st.text(13);
    p.pulled_at_utc = st.text(14);
    p.pulled_by = st.text(15);
    p.pull_id = st.int64(16);
    p.holder_employee_id = st.int64(17);
    p.households_new = st.int64(18);
    p.households_superseded = st.int64(19);
    p.households_ignored = st.int64(20);
    p.persons_new = st.int64(21);
    p.persons_superseded = st.int64(22);
    p.persons_ignored = st.int64(23);
    p.warnings = st.int64(24);
    p.clock_skew_seconds = st.int64(25);
    return p;
}

constexpr const char* kQuarantineColumns =
    "id, file_name, package_uuid, kit_number, device_id, reason, detail, source, quarantined_at_utc, size, "
    "resolved, resolution";
// The same read with the digest of 007 (an entry from before it: its kept size, no digest).
constexpr const char* kQuarantineSelect =
    "SELECT q.id, q.file_name, q.package_uuid, q.kit_number, q.device_id, q.reason, q.detail, q.source, "
    "q.quarantined_at_utc, q.size, q.resolved, q.resolution, coalesce(d.file_size, q.size), coalesce(d.sha256, '') "
    "FROM quarantined_packages q LEFT JOIN quarantine_digests d ON d.package_id = q.id";

QuarantinedPackage read_quarantined(const Statement& st, const Database& db) {
    QuarantinedPackage q;
    q.id = st.int64(0);
    q.file_name = st.text(1);
    q.package_uuid = st.text(2);
    q.kit_number = st.text(3);
    q.device_id = st.text(4);
    q.reason = known_or_damaged(parse_quarantine_reason(st.text(5)), db, "quarantine reason", st.text(5));
    q.detail = st.text(6);
    q.source = st.text(7);
    q.quarantined_at_utc = st.text(8);
    q.size = st.int64(9);
    q.resolved = st.int64(10) != 0;
    q.resolution = st.text(11);
    q.file_size = st.int64(12);
    q.sha256 = st.text(13);
    return q;
}

constexpr const char* kPullColumns =
    "id, kit_number, source, usb_serial, started_at_utc, finished_at_utc, user_name, outcome, packages_received, "
    "packages_already, packages_quarantined, households, persons, bytes, packages_left, missing_sequences, "
    "clock_skew_seconds";

PullRecord read_pull(const Statement& st, const Database& db) {
    PullRecord p;
    p.id = st.int64(0);
    p.kit_number = st.text(1);
    p.source = st.text(2);
    p.usb_serial = st.text(3);
    p.started_at_utc = st.text(4);
    p.finished_at_utc = st.text(5);
    p.user = st.text(6);
    p.outcome = known_or_damaged(parse_pull_outcome(st.view(7)), db, "pull outcome", st.view(7));
    p.packages_received = st.int64(8);
    p.packages_already = st.int64(9);
    p.packages_quarantined = st.int64(10);
    p.households = st.int64(11);
    p.persons = st.int64(12);
    p.bytes = st.int64(13);
    p.packages_left = st.int64(14);
    p.missing_sequences = st.text(15);
    p.clock_skew_seconds = st.int64(16);
    return p;
}

}  // namespace

// ---- received packages ------------------------------------------------------------------------

Result<std::optional<ReceivedPackage>> SqlPackageRepository::find(std::string_view package_uuid) {
    return guarded([&]() -> Result<std::optional<ReceivedPackage>> {
        auto& st = db_.query(std::string("SELECT ") + kPackageColumns + " FROM received_packages WHERE uuid = ?",
                             package_uuid);
        if (!st.step()) return std::nullopt;
        return read_package(st);
    });
}

Status SqlPackageRepository::insert(const ReceivedPackage& p) {
    return guarded([&]() -> Status {
        const auto& m = p.manifest;
        if (db_.query("SELECT 1 FROM received_packages WHERE uuid = ?", m.package_uuid).step())
            return fail(ErrorCode::AlreadyExists, N_("The package {} was already received."), {m.package_uuid});
        db_.query(std::string("INSERT INTO received_packages (") + kPackageColumns +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  m.package_uuid, m.format_version, m.device_id, m.device_model, m.usb_serial, m.kit_number,
                  m.interviewer_iin, m.census_round, m.sequence, m.exported_at, m.households, m.persons,
                  m.payload_size, m.payload_sha256, p.pulled_at_utc, p.pulled_by, p.pull_id, p.holder_employee_id,
                  p.households_new, p.households_superseded, p.households_ignored, p.persons_new,
                  p.persons_superseded, p.persons_ignored, p.warnings, p.clock_skew_seconds)
            .run();
        return {};
    });
}

Result<std::vector<std::int64_t>> SqlPackageRepository::sequences(std::string_view device_id) {
    return guarded([&]() -> Result<std::vector<std::int64_t>> {
        auto& st = db_.query("SELECT sequence FROM received_packages WHERE device_id = ? ORDER BY sequence", device_id);
        std::vector<std::int64_t> out;
        while (st.step()) out.push_back(st.int64(0));
        return out;
    });
}

Result<std::vector<ReceivedPackage>> SqlPackageRepository::list(std::string_view kit_number) {
    return guarded([&]() -> Result<std::vector<ReceivedPackage>> {
        // Newest first: by pull time, then storage order (rowid) within one pull.
        auto& st = kit_number.empty()
                       ? db_.cached(std::string("SELECT ") + kPackageColumns +
                                    " FROM received_packages ORDER BY pulled_at_utc DESC, rowid DESC")
                       : db_.query(std::string("SELECT ") + kPackageColumns +
                                       " FROM received_packages WHERE kit_number = ?"
                                       " ORDER BY pulled_at_utc DESC, rowid DESC",
                                   kit_number);
        std::vector<ReceivedPackage> out;
        while (st.step()) out.push_back(read_package(st));
        return out;
    });
}

// ---- quarantine -------------------------------------------------------------------------------

Result<std::int64_t> SqlPackageRepository::quarantine(const QuarantinedPackage& q, std::string_view bytes) {
    auto id = begin_quarantine(q);
    if (!id) return id;
    SANAQ_TRY(add_quarantined_bytes(*id, bytes));
    SANAQ_TRY(finish_quarantine(*id, static_cast<std::int64_t>(bytes.size()), q.sha256));
    return id;
}

Result<std::int64_t> SqlPackageRepository::begin_quarantine(const QuarantinedPackage& q) {
    return guarded([&]() -> Result<std::int64_t> {
        db_.query(std::string("INSERT INTO quarantined_packages (") + kQuarantineColumns +
                      ") VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                  q.file_name, q.package_uuid, q.kit_number, q.device_id, quarantine_reason_code(q.reason), q.detail,
                  q.source, q.quarantined_at_utc, q.resolved, q.resolution)
            .run();
        streaming_id_ = db_.last_insert_rowid();
        streaming_file_size_ = q.file_size;
        streaming_position_ = 0;
        streaming_piece_.clear();
        return streaming_id_;
    });
}

void SqlPackageRepository::store_chunk(std::int64_t id, std::int64_t position, std::string_view bytes) {
    auto& chunk = db_.cached("INSERT INTO quarantined_chunks (package_id, position, bytes) VALUES (?, ?, ?)");
    chunk.bind(1, id).bind(2, position).bind_blob(3, bytes);
    chunk.run();
    chunk.reset();
}

Status SqlPackageRepository::add_quarantined_bytes(std::int64_t id, std::string_view bytes) {
    return guarded([&]() -> Status {
        if (id != streaming_id_)
            return fail(ErrorCode::Unexpected, "quarantine bytes for an entry not being written", {},
                        std::to_string(id));
        // Whole 1 MiB pieces go straight from the caller's buffer; only a partial one is held.
        while (!bytes.empty()) {
            if (streaming_piece_.empty() && bytes.size() >= kChunkSize) {
                store_chunk(id, streaming_position_++, bytes.substr(0, kChunkSize));
                bytes.remove_prefix(kChunkSize);
                continue;
            }
            const auto take = std::min(bytes.size(), kChunkSize - streaming_piece_.size());
            streaming_piece_.append(bytes.substr(0, take));
            bytes.remove_prefix(take);
            if (streaming_piece_.size() == kChunkSize) {
                store_chunk(id, streaming_position_++, streaming_piece_);
                streaming_piece_.clear();
            }
        }
        return {};
    });
}

Status SqlPackageRepository::finish_quarantine(std::int64_t id, std::int64_t size, std::string_view sha256) {
    return guarded([&]() -> Status {
        if (id != streaming_id_)
            return fail(ErrorCode::Unexpected, "quarantine finished for an entry not being written", {},
                        std::to_string(id));
        if (!streaming_piece_.empty()) store_chunk(id, streaming_position_++, streaming_piece_);
        std::string().swap(streaming_piece_);
        streaming_id_ = 0;
        db_.query("UPDATE quarantined_packages SET size = ? WHERE id = ?", size, id).run();
        db_.query("INSERT INTO quarantine_digests (package_id, sha256, file_size) VALUES (?, ?, ?)", id, sha256,
                  streaming_file_size_ > 0 ? streaming_file_size_ : size)
            .run();
        return {};
    });
}

Result<std::optional<std::int64_t>> SqlPackageRepository::open_quarantine_with_digest(std::string_view sha256,
                                                                                      std::int64_t except_id) {
    return guarded([&]() -> Result<std::optional<std::int64_t>> {
        if (sha256.empty()) return std::nullopt;
        auto& st = db_.query("SELECT q.id FROM quarantine_digests d JOIN quarantined_packages q ON q.id = d.package_id "
                             "WHERE d.sha256 = ? AND q.resolved = 0 AND q.id <> ? ORDER BY q.id LIMIT 1",
                             sha256, except_id);
        if (!st.step()) return std::nullopt;
        return st.int64(0);
    });
}

Result<std::vector<QuarantinedPackage>> SqlPackageRepository::quarantined(bool include_resolved) {
    return guarded([&]() -> Result<std::vector<QuarantinedPackage>> {
        auto& st = db_.cached(std::string(kQuarantineSelect) + (include_resolved ? "" : " WHERE q.resolved = 0") +
                              " ORDER BY q.id DESC");
        std::vector<QuarantinedPackage> out;
        while (st.step()) out.push_back(read_quarantined(st, db_));
        return out;
    });
}

Result<std::optional<QuarantinedPackage>> SqlPackageRepository::find_quarantined(std::int64_t id) {
    return guarded([&]() -> Result<std::optional<QuarantinedPackage>> {
        auto& st = db_.query(std::string(kQuarantineSelect) + " WHERE q.id = ?", id);
        if (!st.step()) return std::nullopt;
        return read_quarantined(st, db_);
    });
}

Result<std::string> SqlPackageRepository::quarantined_bytes(std::int64_t id) {
    return guarded([&]() -> Result<std::string> {
        auto& head = db_.query("SELECT size FROM quarantined_packages WHERE id = ?", id);
        if (!head.step())
            return fail(ErrorCode::NotFound, N_("There is no quarantined package with id {}."), {std::to_string(id)});
        const auto size = head.int64(0);
        head.reset();
        std::string out;
        out.reserve(static_cast<std::size_t>(size));
        auto& st = db_.query("SELECT position, bytes FROM quarantined_chunks WHERE package_id = ? ORDER BY position", id);
        std::int64_t expected = 0;
        while (st.step()) {
            if (st.int64(0) != expected++)
                throw DbFailure(damaged_file_error(db_.file(), "quarantined package " + std::to_string(id) +
                                                                   ": chunk missing"));
            out += st.blob(1);
        }
        if (static_cast<std::int64_t>(out.size()) != size)
            throw DbFailure(damaged_file_error(db_.file(), "quarantined package " + std::to_string(id) +
                                                               ": size does not match its chunks"));
        return out;
    });
}

Status SqlPackageRepository::resolve_quarantined(std::int64_t id, std::string_view resolution) {
    return guarded([&]() -> Status {
        db_.query("UPDATE quarantined_packages SET resolved = 1, resolution = ? WHERE id = ?", resolution, id).run();
        if (db_.changes() == 0)
            return fail(ErrorCode::NotFound, N_("There is no quarantined package with id {}."), {std::to_string(id)});
        return {};
    });
}

// ---- pulls ------------------------------------------------------------------------------------

namespace {

std::vector<std::string> signed_columns(const PullRecord& p) {
    return {p.kit_number,
            p.source,
            p.usb_serial,
            p.started_at_utc,
            p.finished_at_utc,
            p.user,
            pull_outcome_code(p.outcome),
            std::to_string(p.packages_received),
            std::to_string(p.packages_already),
            std::to_string(p.packages_quarantined),
            std::to_string(p.households),
            std::to_string(p.persons),
            std::to_string(p.bytes),
            std::to_string(p.packages_left),
            p.missing_sequences,
            std::to_string(p.clock_skew_seconds)};
}

/// PullData: officers (and administrators, whom RowSignatures accepts for every row).
constexpr std::initializer_list<Role> kPullWriters = {Role::Officer};

}  // namespace

void SqlPackageRepository::sign_pull(std::int64_t id) {
    if (!signatures_.active()) return;
    // Signed as stored, so what is checked on reading is exactly what the columns hold.
    auto& st =
        db_.query(std::string("SELECT ") + kPullColumns + " FROM main.pulls WHERE id = ?", id);
    if (!st.step()) return;
    const PullRecord stored = read_pull(st, db_);
    st.reset();
    signatures_.sign("pulls", std::to_string(id), signed_columns(stored));
}

Result<std::int64_t> SqlPackageRepository::begin_pull(const PullRecord& p) {
    return guarded([&]() -> Result<std::int64_t> {
        db_.query(std::string("INSERT INTO pulls (") + kPullColumns +
                      ") VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  p.kit_number, p.source, p.usb_serial, p.started_at_utc, p.finished_at_utc, p.user,
                  std::string(pull_outcome_code(p.outcome)), p.packages_received,
                  p.packages_already, p.packages_quarantined, p.households, p.persons, p.bytes,
                  p.packages_left, p.missing_sequences, p.clock_skew_seconds)
            .run();
        const std::int64_t id = db_.last_insert_rowid();
        sign_pull(id);
        return id;
    });
}

Status SqlPackageRepository::finish_pull(const PullRecord& p) {
    return guarded([&]() -> Status {
        db_.query("UPDATE pulls SET kit_number = ?, source = ?, usb_serial = ?, started_at_utc = ?, "
                  "finished_at_utc = ?, user_name = ?, outcome = ?, packages_received = ?, packages_already = ?, "
                  "packages_quarantined = ?, households = ?, persons = ?, bytes = ?, packages_left = ?, "
                  "missing_sequences = ?, clock_skew_seconds = ? WHERE id = ?",
                  p.kit_number, p.source, p.usb_serial, p.started_at_utc, p.finished_at_utc, p.user,
                  std::string(pull_outcome_code(p.outcome)), p.packages_received,
                  p.packages_already, p.packages_quarantined, p.households, p.persons, p.bytes,
                  p.packages_left, p.missing_sequences, p.clock_skew_seconds, p.id)
            .run();
        if (db_.changes() == 0)
            return fail(ErrorCode::NotFound, N_("There is no pull with id {}."), {std::to_string(p.id)});
        sign_pull(p.id);
        return {};
    });
}

Status SqlPackageRepository::count_pulled() {
    return guarded([&]() -> Status {
        // What the pull stored is pending upstream: the department's outbox summary counts it,
        // once per pull rather than in every package's transaction (it reads every record).
        if (summaries_.kept()) summaries_.outbox_changed(summaries_.outbox_exact(), 0, 0);
        return {};
    });
}

Result<std::vector<PullRecord>> SqlPackageRepository::pulls(std::string_view kit_number, std::size_t limit) {
    return guarded([&]() -> Result<std::vector<PullRecord>> {
        const auto n = limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit);
        auto& st = kit_number.empty()
                       ? db_.query(std::string("SELECT ") + kPullColumns + " FROM pulls ORDER BY id DESC LIMIT ?", n)
                       : db_.query(std::string("SELECT ") + kPullColumns +
                                       " FROM pulls WHERE kit_number = ? ORDER BY id DESC LIMIT ?",
                                   kit_number, n);
        std::vector<PullRecord> out;
        while (st.step()) out.push_back(read_pull(st, db_));
        st.reset();
        // The kit return gate reads the last pull: one altered, inserted or deleted outside the
        // program (to let a kit back with packages still on its tablet) is refused here.
        signatures_.check_head("pulls", kPullWriters);
        for (const auto& p : out)
            signatures_.check("pulls", std::to_string(p.id), signed_columns(p), kPullWriters);
        return out;
    });
}

// Unsigned: a note, not a fact the return gate or a lookup rests on (README.md threat model).
Status SqlPackageRepository::add_calendar_warning(const PullCalendarWarning& w) {
    return guarded([&]() -> Status {
        db_.query("INSERT INTO pull_calendar_warnings (pull_id, package_uuid, kind, census_round, exported_at_utc, "
                  "expected) VALUES (?, ?, ?, ?, ?, ?)",
                  w.pull_id, w.package_uuid, std::string(calendar_warning_code(w.kind)), w.census_round,
                  w.exported_at_utc, w.expected)
            .run();
        return {};
    });
}

Result<std::vector<PullCalendarWarning>> SqlPackageRepository::calendar_warnings(std::int64_t pull_id) {
    return guarded([&]() -> Result<std::vector<PullCalendarWarning>> {
        auto& st = db_.query("SELECT pull_id, package_uuid, kind, census_round, exported_at_utc, expected "
                             "FROM pull_calendar_warnings WHERE pull_id = ? ORDER BY id",
                             pull_id);
        std::vector<PullCalendarWarning> out;
        while (st.step())
            out.push_back({st.int64(0), st.text(1),
                           st.text(2) == "other_round" ? CalendarWarning::OtherRound : CalendarWarning::OutsideTabletWindow,
                           st.text(3), st.text(4), st.text(5)});
        st.reset();
        return out;
    });
}

}  // namespace sanaq::db
