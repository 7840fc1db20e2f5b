#include "db/repositories/repositories.h"

#include <algorithm>

#include "db/crypto.h"

namespace sanaq::db {
namespace {

/// WHERE clause (over alias k) and its bindings for a KitQuery; the text depends only on which
/// filters are set, so the statements stay few and cached.
struct KitFilter {
    std::string where = "1";
    std::optional<std::string> state;
    std::optional<std::string> like;

    explicit KitFilter(const KitQuery& q) {
        if (q.state) {
            where += " AND k.state = ?";
            state = std::string(kit_state_code(*q.state));
        }
        if (q.outstanding_only) where += " AND k.state IN ('issued', 'partly_returned')";
        if (!q.text.empty()) {
            where += " AND (k.number LIKE ?1x ESCAPE '\\' OR k.tablet_serial LIKE ?1x ESCAPE '\\'"
                     " OR k.usb_serial LIKE ?1x ESCAPE '\\' OR k.tablet_model LIKE ?1x ESCAPE '\\')";
            like = like_substring(q.text);
        }
    }
    /// Numbered parameters: ?1 = state (when set), the LIKE pattern next; returns the next free index.
    std::string sql(std::string text) const {
        const std::string like_param = state ? "?2" : "?1";
        for (auto pos = text.find("?1x"); pos != std::string::npos; pos = text.find("?1x", pos))
            text.replace(pos, 3, like_param);
        return text;
    }
    int bind(Statement& st) const {
        int i = 1;
        if (state) st.bind(i++, *state);
        if (like) st.bind(i++, *like);
        return i;
    }
};

std::vector<Kit> read_kits(Statement& st, const Database& db) {
    std::vector<Kit> out;
    while (st.step()) {
        out.push_back(read_kit_columns(st, 0, db));
        add_packed_components(out.back(), st.text(8), db);
    }
    return out;
}

}  // namespace

Kit read_kit_columns(const Statement& st, int f, const Database& db) {
    Kit kit;
    kit.number = st.text(f + 1);
    kit.tablet = Tablet{st.text(f + 2), st.text(f + 3), st.text(f + 4), st.text(f + 5)};
    kit.state = known_or_damaged(parse_kit_state(st.text(f + 6)), db, "kit state", st.text(f + 6));
    kit.note = st.text(f + 7);
    return kit;
}

void sort_components(Kit& kit) {
    std::sort(kit.components.begin(), kit.components.end(),
              [](const Component& a, const Component& b) { return a.type < b.type; });
}

void add_packed_components(Kit& kit, const std::string& packed, const Database& db) {
    const auto words = split_words(packed);
    if (words.size() % 4 != 0) throw DbFailure(damaged_file_error(db.file(), "bad packed components"));
    auto unhex = [&](const std::string& word) {
        // 'x' + hex(text): never empty, so the list splits cleanly on spaces.
        auto bytes = word.empty() || word[0] != 'x' ? std::nullopt : crypto::from_hex(std::string_view(word).substr(1));
        if (!bytes) throw DbFailure(damaged_file_error(db.file(), "bad packed component text"));
        return std::string(bytes->begin(), bytes->end());
    };
    for (std::size_t i = 0; i < words.size(); i += 4) {
        Component c;
        c.type = known_or_damaged(parse_component(words[i]), db, "component", words[i]);
        c.serial = unhex(words[i + 1]);
        c.status = known_or_damaged(parse_component_status(words[i + 2]), db, "component status", words[i + 2]);
        c.note = unhex(words[i + 3]);
        kit.components.push_back(std::move(c));
    }
    sort_components(kit);
}

std::optional<Kit> SqlKitRepository::find_where(const char* condition, std::string_view value) {
    auto& st = db_.query(std::string("SELECT ") + kKitColumns + ", " + kPackedComponents + " FROM kits k WHERE " +
                             condition,
                         value);
    auto kits = read_kits(st, db_);
    if (kits.empty()) return std::nullopt;
    return std::move(kits.front());
}

Result<std::optional<Kit>> SqlKitRepository::find(std::string_view number) {
    return guarded([&]() -> Result<std::optional<Kit>> { return find_where("k.number = ?", number); });
}

Result<std::optional<Kit>> SqlKitRepository::find_by_usb_serial(std::string_view usb_serial) {
    return guarded([&]() -> Result<std::optional<Kit>> {
        if (usb_serial.empty()) return std::nullopt;
        return find_where("k.usb_serial = ? AND k.usb_serial <> ''", usb_serial);
    });
}

Result<std::vector<Kit>> SqlKitRepository::list(const KitQuery& query) {
    return guarded([&]() -> Result<std::vector<Kit>> {
        // The inner query walks the number index and stops after the page; only the kits on the
        // page then get their components packed (an OFFSET would otherwise pack the skipped ones too).
        const KitFilter filter(query);
        auto& st = db_.cached(filter.sql(std::string("SELECT ") + kKitColumns + ", " + kPackedComponents +
                                         " FROM (SELECT k.id FROM kits k WHERE " + filter.where +
                                         " ORDER BY k.number LIMIT ? OFFSET ?) page"
                                         " JOIN kits k ON k.id = page.id ORDER BY k.number"));
        int i = filter.bind(st);
        st.bind(i++, query.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(query.limit));
        st.bind(i++, static_cast<std::int64_t>(query.offset));
        return read_kits(st, db_);
    });
}

Result<std::int64_t> SqlKitRepository::count(const KitQuery& query) {
    return guarded([&]() -> Result<std::int64_t> {
        const KitFilter filter(query);
        auto& st = db_.cached(filter.sql("SELECT count(*) FROM kits k WHERE " + filter.where));
        filter.bind(st);
        st.step();
        return st.int64(0);
    });
}

void SqlKitRepository::check_serials_free(const Kit& kit, std::int64_t own_id) {
    auto taken = [&](const char* column, const std::string& value) -> std::optional<std::string> {
        if (value.empty()) return std::nullopt;
        // The repeated "<> ''" lets SQLite use the partial unique index (it must see the index's WHERE).
        auto& st = db_.query(std::string("SELECT number FROM kits WHERE ") + column + " = ? AND " + column +
                                 " <> '' AND id <> ?",
                             value, own_id);
        if (!st.step()) return std::nullopt;
        return st.text(0);
    };
    if (auto other = taken("tablet_serial", kit.tablet.serial))
        throw DbFailure(Error::make(ErrorCode::AlreadyExists,
                                    N_("The tablet serial number {} already belongs to kit {}."),
                                    {kit.tablet.serial, *other}));
    if (auto other = taken("usb_serial", kit.tablet.usb_serial))
        throw DbFailure(Error::make(ErrorCode::AlreadyExists, N_("The USB serial {} already belongs to kit {}."),
                                    {kit.tablet.usb_serial, *other}));
}

void SqlKitRepository::write_components(std::int64_t kit_id, const Kit& kit) {
    db_.query("DELETE FROM kit_components WHERE kit_id = ?", kit_id).run();
    for (const auto& c : kit.components)
        db_.query("INSERT OR REPLACE INTO kit_components (kit_id, type, position, serial, status, note) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  kit_id, component_code(c.type), static_cast<int>(c.type), c.serial,
                  component_status_code(c.status), c.note)
            .run();
}

Status SqlKitRepository::insert(const Kit& kit) {
    return guarded([&]() -> Status {
        if (db_.query("SELECT 1 FROM kits WHERE number = ?", kit.number).step())
            return fail(ErrorCode::AlreadyExists, N_("A kit numbered {} is already registered."), {kit.number});
        check_serials_free(kit, -1);
        db_.query("INSERT INTO kits (number, tablet_model, tablet_serial, imei, usb_serial, state, note) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  kit.number, kit.tablet.model, kit.tablet.serial, kit.tablet.imei, kit.tablet.usb_serial,
                  kit_state_code(kit.state), kit.note)
            .run();
        write_components(db_.last_insert_rowid(), kit);
        return {};
    });
}

Status SqlKitRepository::update(const Kit& kit) {
    return guarded([&]() -> Status {
        auto& find = db_.query("SELECT id FROM kits WHERE number = ?", kit.number);
        if (!find.step()) return fail(ErrorCode::NotFound, N_("There is no kit numbered {}."), {kit.number});
        const auto id = find.int64(0);
        find.reset();
        check_serials_free(kit, id);
        db_.query("UPDATE kits SET tablet_model = ?, tablet_serial = ?, imei = ?, usb_serial = ?, state = ?, "
                  "note = ? WHERE id = ?",
                  kit.tablet.model, kit.tablet.serial, kit.tablet.imei, kit.tablet.usb_serial,
                  kit_state_code(kit.state), kit.note, id)
            .run();
        write_components(id, kit);
        return {};
    });
}

}  // namespace sanaq::db
