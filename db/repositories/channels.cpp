#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

constexpr const char* kFileColumns =
    "f.id, f.source, f.version, f.source_name, f.imported_at_utc, f.imported_by, f.rows_read, "
    "f.rows_imported, "
    "f.rows_rejected, f.rows_with_warnings, f.encoding";

constexpr const char* kRecordColumns =
    "c.id, c.file_id, c.record_id, c.line, c.iin, c.iin_valid, c.surname, c.name, c.patronymic, "
    "c.birth_date, "
    "c.channel, c.residence, c.confirmation_code, c.synced_at, c.synced_on, c.institution_bin, "
    "c.kato, c.warnings";

/// A source's current version: no higher version of the same source exists.
constexpr const char* kCurrentFile =
    "NOT EXISTS (SELECT 1 FROM channel_files newer WHERE newer.source = f.source AND newer.version "
    "> f.version)";

ChannelFile read_file(const Statement& st) {
    ChannelFile f;
    f.id = st.int64(0);
    f.source = st.text(1);
    f.version = st.integer(2);
    f.source_name = st.text(3);
    f.imported_at_utc = st.text(4);
    f.imported_by = st.text(5);
    f.rows_read = st.int64(6);
    f.rows_imported = st.int64(7);
    f.rows_rejected = st.int64(8);
    f.rows_with_warnings = st.int64(9);
    f.encoding = st.text(10);
    return f;
}

void read_record(const Statement& st, ChannelRecord& c) {
    c.id = st.int64(0);
    c.file_id = st.int64(1);
    c.record_id.assign(st.view(2));
    c.line = st.integer(3);
    c.iin.assign(st.view(4));
    c.iin_valid = st.int64(5) != 0;
    c.surname.assign(st.view(6));
    c.name.assign(st.view(7));
    c.patronymic.assign(st.view(8));
    c.birth_date.assign(st.view(9));
    c.channel.assign(st.view(10));
    c.residence.assign(st.view(11));
    c.confirmation_code.assign(st.view(12));
    c.synced_at.assign(st.view(13));
    c.synced_on.assign(st.view(14));
    c.institution_bin.assign(st.view(15));
    c.kato.assign(st.view(16));
    c.warnings.assign(st.view(17));
}

}  // namespace

Result<std::int64_t> SqlChannelRepository::insert(const ChannelFile& file,
                                                  std::span<const ChannelRecord> records) {
    return guarded([&]() -> Result<std::int64_t> {
        if (db_.query("SELECT 1 FROM channel_files WHERE source = ? AND version = ?", file.source,
                      file.version)
                .step())
            return fail(ErrorCode::AlreadyExists,
                        N_("Version {} of the channel file from {} is already stored."),
                        {std::to_string(file.version), file.source});
        db_.query(
               "INSERT INTO channel_files (source, version, source_name, imported_at_utc, "
               "imported_by, rows_read, "
               "rows_imported, rows_rejected, rows_with_warnings, encoding) VALUES (?, ?, ?, ?, ?, "
               "?, ?, ?, ?, ?)",
               file.source, file.version, file.source_name, file.imported_at_utc, file.imported_by,
               file.rows_read, file.rows_imported, file.rows_rejected, file.rows_with_warnings,
               file.encoding)
            .run();
        const auto id = db_.last_insert_rowid();
        auto& st = db_.cached(
            "INSERT INTO channel_records (file_id, record_id, line, iin, iin_valid, surname, name, "
            "patronymic, "
            "birth_date, channel, residence, confirmation_code, synced_at, synced_on, "
            "institution_bin, kato, warnings) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        for (const auto& c : records) {
            // Bound without copies: the records outlive each step, and reset() drops the pointers.
            st.bind(1, id)
                .bind_static(2, c.record_id)
                .bind(3, c.line)
                .bind_static(4, c.iin)
                .bind(5, c.iin_valid)
                .bind_static(6, c.surname)
                .bind_static(7, c.name)
                .bind_static(8, c.patronymic)
                .bind_static(9, c.birth_date)
                .bind_static(10, c.channel)
                .bind_static(11, c.residence)
                .bind_static(12, c.confirmation_code)
                .bind_static(13, c.synced_at)
                .bind_static(14, c.synced_on)
                .bind_static(15, c.institution_bin)
                .bind_static(16, c.kato)
                .bind_static(17, c.warnings);
            st.run();
            st.reset();
        }
        return id;
    });
}

Result<std::vector<ChannelFile>> SqlChannelRepository::versions(std::string_view source) {
    return guarded([&]() -> Result<std::vector<ChannelFile>> {
        auto& st =
            source.empty()
                ? db_.cached(std::string("SELECT ") + kFileColumns +
                             " FROM channel_files f ORDER BY f.id DESC")
                : db_.query(std::string("SELECT ") + kFileColumns +
                                " FROM channel_files f WHERE f.source = ? ORDER BY f.version DESC",
                            source);
        std::vector<ChannelFile> out;
        while (st.step()) out.push_back(read_file(st));
        return out;
    });
}

Result<std::vector<ChannelFile>> SqlChannelRepository::current_files() {
    return guarded([&]() -> Result<std::vector<ChannelFile>> {
        auto& st = db_.cached(std::string("SELECT ") + kFileColumns +
                              " FROM channel_files f WHERE " + kCurrentFile + " ORDER BY f.source");
        std::vector<ChannelFile> out;
        while (st.step()) out.push_back(read_file(st));
        return out;
    });
}

Result<int> SqlChannelRepository::next_version(std::string_view source) {
    return guarded([&]() -> Result<int> {
        auto& st = db_.query(
            "SELECT coalesce(max(version), 0) + 1 FROM channel_files WHERE source = ?", source);
        st.step();
        return st.integer(0);
    });
}

Result<std::vector<ChannelRecord>> SqlChannelRepository::records(std::int64_t file_id) {
    return guarded([&]() -> Result<std::vector<ChannelRecord>> {
        auto& st =
            db_.query(std::string("SELECT ") + kRecordColumns +
                          " FROM channel_records c WHERE c.file_id = ? ORDER BY c.line, c.id",
                      file_id);
        std::vector<ChannelRecord> out;
        while (st.step()) read_record(st, out.emplace_back());
        return out;
    });
}

Status SqlChannelRepository::scan_current(const std::function<void(ChannelRecord&&)>& visit) {
    return guarded([&]() -> Status {
        auto& st = db_.cached(
            std::string("SELECT ") + kRecordColumns +
            " FROM channel_files f CROSS JOIN channel_records c ON c.file_id = f.id WHERE " +
            kCurrentFile + " ORDER BY f.source, c.line, c.id");
        ChannelRecord c;
        while (st.step()) {
            read_record(st, c);
            visit(std::move(c));
        }
        st.reset();
        return {};
    });
}

}  // namespace sanaq::db
