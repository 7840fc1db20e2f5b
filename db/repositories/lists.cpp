#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

constexpr const char* kListColumns =
    "l.id, l.institution_bin, l.as_of, l.version, l.source_name, l.imported_at_utc, l.imported_by, l.rows_read, "
    "l.rows_imported, l.rows_rejected, l.rows_with_warnings, l.mapping_json, l.encoding";

constexpr const char* kEntryColumns =
    "e.id, e.list_id, e.record_id, e.line, e.number, e.iin, e.iin_valid, e.surname, e.name, e.patronymic, e.sex, "
    "e.birth_date, e.category, e.note, e.warnings";

StoredList read_list(const Statement& st) {
    StoredList l;
    l.id = st.int64(0);
    l.institution_bin = st.text(1);
    l.as_of = st.text(2);
    l.version = st.integer(3);
    l.source_name = st.text(4);
    l.imported_at_utc = st.text(5);
    l.imported_by = st.text(6);
    l.rows_read = st.int64(7);
    l.rows_imported = st.int64(8);
    l.rows_rejected = st.int64(9);
    l.rows_with_warnings = st.int64(10);
    l.mapping_json = st.text(11);
    l.encoding = st.text(12);
    return l;
}

ListedPerson read_entry(const Statement& st) {
    ListedPerson p;
    p.id = st.int64(0);
    p.list_id = st.int64(1);
    p.record_id = st.text(2);
    p.line = st.integer(3);
    p.number = st.text(4);
    p.iin = st.text(5);
    p.iin_valid = st.int64(6) != 0;
    p.surname = st.text(7);
    p.name = st.text(8);
    p.patronymic = st.text(9);
    p.sex = st.text(10);
    p.birth_date = st.text(11);
    p.category = st.text(12);
    p.note = st.text(13);
    p.warnings = st.text(14);
    return p;
}

std::string select_lists(const std::string& tail) {
    return std::string("SELECT ") + kListColumns + " FROM institution_lists l " + tail;
}

}  // namespace

std::string current_list_condition(const char* alias) {
    const std::string a(alias);
    return "NOT EXISTS (SELECT 1 FROM institution_lists newer WHERE newer.institution_bin = " + a +
           ".institution_bin AND (newer.as_of > " + a + ".as_of OR (newer.as_of = " + a +
           ".as_of AND newer.version > " + a + ".version)))";
}

Result<std::int64_t> SqlListRepository::insert(const StoredList& list, std::span<const ListedPerson> entries) {
    return guarded([&]() -> Result<std::int64_t> {
        if (!db_.query("SELECT 1 FROM institutions WHERE bin = ?", list.institution_bin).step())
            return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {list.institution_bin});
        if (db_.query("SELECT 1 FROM institution_lists WHERE institution_bin = ? AND as_of = ? AND version = ?",
                      list.institution_bin, list.as_of, list.version)
                .step())
            return fail(ErrorCode::AlreadyExists, N_("Version {} of the list of institution {} as of {} is already stored."),
                        {std::to_string(list.version), list.institution_bin, list.as_of});
        db_.query("INSERT INTO institution_lists (institution_bin, as_of, version, source_name, imported_at_utc, "
                  "imported_by, rows_read, rows_imported, rows_rejected, rows_with_warnings, mapping_json, encoding) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  list.institution_bin, list.as_of, list.version, list.source_name, list.imported_at_utc,
                  list.imported_by, list.rows_read, list.rows_imported, list.rows_rejected, list.rows_with_warnings,
                  list.mapping_json, list.encoding)
            .run();
        const auto id = db_.last_insert_rowid();
        auto& st = db_.cached(
            "INSERT INTO list_entries (list_id, record_id, line, number, iin, iin_valid, surname, name, patronymic, "
            "sex, birth_date, category, note, warnings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
            "?13, ?14)");
        for (const auto& e : entries) {
            // Bound without copies: the entries outlive each step, and reset() drops the pointers.
            st.bind(1, id)
                .bind_static(2, e.record_id)
                .bind(3, e.line)
                .bind_static(4, e.number)
                .bind_static(5, e.iin)
                .bind(6, e.iin_valid)
                .bind_static(7, e.surname)
                .bind_static(8, e.name)
                .bind_static(9, e.patronymic)
                .bind_static(10, e.sex)
                .bind_static(11, e.birth_date)
                .bind_static(12, e.category)
                .bind_static(13, e.note)
                .bind_static(14, e.warnings);
            st.run();
            st.reset();
        }
        // The institution's listed count (and, for its first list, everything it counts) changed.
        if (summaries_.kept()) summaries_.recount_institution(list.institution_bin);
        return id;
    });
}

Result<std::optional<StoredList>> SqlListRepository::find(std::int64_t id) {
    return guarded([&]() -> Result<std::optional<StoredList>> {
        auto& st = db_.query(select_lists("WHERE l.id = ?"), id);
        if (!st.step()) return std::nullopt;
        return read_list(st);
    });
}

Result<std::vector<StoredList>> SqlListRepository::versions(std::string_view bin) {
    return guarded([&]() -> Result<std::vector<StoredList>> {
        auto& st = bin.empty()
                       ? db_.cached(select_lists("ORDER BY l.as_of DESC, l.version DESC, l.institution_bin, l.id DESC"))
                       : db_.query(select_lists("WHERE l.institution_bin = ? ORDER BY l.as_of DESC, l.version DESC"),
                                   bin);
        std::vector<StoredList> out;
        while (st.step()) out.push_back(read_list(st));
        return out;
    });
}

Result<std::optional<StoredList>> SqlListRepository::current(std::string_view bin) {
    return guarded([&]() -> Result<std::optional<StoredList>> {
        auto& st = db_.query(
            select_lists("WHERE l.institution_bin = ? ORDER BY l.as_of DESC, l.version DESC LIMIT 1"), bin);
        if (!st.step()) return std::nullopt;
        return read_list(st);
    });
}

Result<std::vector<StoredList>> SqlListRepository::current_lists() {
    return guarded([&]() -> Result<std::vector<StoredList>> {
        auto& st = db_.cached(select_lists("WHERE " + current_list_condition("l") + " ORDER BY l.institution_bin"));
        std::vector<StoredList> out;
        while (st.step()) out.push_back(read_list(st));
        return out;
    });
}

Result<int> SqlListRepository::next_version(std::string_view bin, std::string_view as_of) {
    return guarded([&]() -> Result<int> {
        auto& st = db_.query(
            "SELECT coalesce(max(version), 0) + 1 FROM institution_lists WHERE institution_bin = ? AND as_of = ?", bin,
            as_of);
        st.step();
        return st.integer(0);
    });
}

Result<std::vector<ListedPerson>> SqlListRepository::entries(std::int64_t list_id) {
    return guarded([&]() -> Result<std::vector<ListedPerson>> {
        auto& st = db_.query(std::string("SELECT ") + kEntryColumns +
                                 " FROM list_entries e WHERE e.list_id = ? ORDER BY e.line, e.id",
                             list_id);
        std::vector<ListedPerson> out;
        while (st.step()) out.push_back(read_entry(st));
        return out;
    });
}

Result<std::optional<ListedPerson>> SqlListRepository::find_current_entry(std::string_view record_id) {
    return guarded([&]() -> Result<std::optional<ListedPerson>> {
        // Every version repeats the record id: the index finds them, the condition keeps the one
        // in its institution's current version.
        auto& st = db_.query(std::string("SELECT ") + kEntryColumns +
                                 " FROM list_entries e JOIN institution_lists l ON l.id = e.list_id"
                                 " WHERE e.record_id = ? AND " +
                                 current_list_condition("l") + " ORDER BY e.id LIMIT 1",
                             record_id);
        if (!st.step()) return std::nullopt;
        return read_entry(st);
    });
}

Status SqlListRepository::save_mapping(std::string_view bin, std::string_view name, std::string_view mapping_json,
                                       std::string_view saved_at_utc, std::string_view saved_by) {
    return guarded([&]() -> Status {
        db_.query("INSERT OR REPLACE INTO column_mappings (institution_bin, name, mapping_json, saved_at_utc, saved_by) "
                  "VALUES (?, ?, ?, ?, ?)",
                  bin, name, mapping_json, saved_at_utc, saved_by)
            .run();
        return {};
    });
}

Result<std::optional<std::string>> SqlListRepository::find_mapping(std::string_view bin, std::string_view name) {
    return guarded([&]() -> Result<std::optional<std::string>> {
        auto& st = db_.query("SELECT mapping_json FROM column_mappings WHERE institution_bin = ? AND name = ?", bin,
                             name);
        if (!st.step()) return std::nullopt;
        return st.text(0);
    });
}

Result<std::vector<std::pair<std::string, std::string>>> SqlListRepository::mappings(std::string_view bin) {
    return guarded([&]() -> Result<std::vector<std::pair<std::string, std::string>>> {
        auto& st = db_.query("SELECT name, mapping_json FROM column_mappings WHERE institution_bin = ? ORDER BY name",
                             bin);
        std::vector<std::pair<std::string, std::string>> out;
        while (st.step()) out.emplace_back(st.text(0), st.text(1));
        return out;
    });
}

}  // namespace sanaq::db
