#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

struct ResetOnExit {
    Statement& st;
    ~ResetOnExit() { st.reset(); }
};

constexpr const char* kColumns = "edition, code, kind, name_kk, name_ru, note";

KatoTerritory read_territory(const Statement& st) {
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)};
}

}  // namespace

Result<std::vector<KatoEdition>> SqlTerritoryRepository::editions() {
    return guarded([&]() -> Result<std::vector<KatoEdition>> {
        auto& st = db_.cached("SELECT edition, source_name, imported_at_utc, imported_by, entries FROM kato_editions "
                              "ORDER BY edition");
        ResetOnExit done{st};
        std::vector<KatoEdition> out;
        while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.int64(4)});
        return out;
    });
}

Status SqlTerritoryRepository::replace(const KatoEdition& edition, const std::vector<KatoTerritory>& entries) {
    return guarded([&]() -> Status {
        // The caller's transaction holds the whole replacement: a failed import leaves the
        // edition as it was.
        db_.query("DELETE FROM kato_territories WHERE edition = ?", edition.edition).run();
        db_.query("DELETE FROM kato_editions WHERE edition = ?", edition.edition).run();
        db_.query("INSERT INTO kato_editions (edition, source_name, imported_at_utc, imported_by, entries) "
                  "VALUES (?, ?, ?, ?, ?)",
                  edition.edition, edition.source_name, edition.imported_at_utc, edition.imported_by,
                  static_cast<std::int64_t>(entries.size()))
            .run();
        auto& insert = db_.cached(std::string("INSERT INTO kato_territories (") + kColumns +
                                  ") VALUES (?, ?, ?, ?, ?, ?)");
        for (const auto& t : entries) {
            ResetOnExit done{insert};
            insert.bind_all(edition.edition, t.code, t.kind, t.name_kk, t.name_ru, t.note);
            insert.run();
        }
        return {};
    });
}

Result<std::optional<KatoTerritory>> SqlTerritoryRepository::find(std::string_view edition, std::string_view code) {
    return guarded([&]() -> Result<std::optional<KatoTerritory>> {
        auto& st = db_.query(std::string("SELECT ") + kColumns + " FROM kato_territories WHERE edition = ? AND code = ?",
                             edition, code);
        ResetOnExit done{st};
        if (!st.step()) return std::nullopt;
        return read_territory(st);
    });
}

Result<std::vector<KatoTerritory>> SqlTerritoryRepository::below(std::string_view edition, std::string_view code,
                                                                 std::size_t limit) {
    return guarded([&]() -> Result<std::vector<KatoTerritory>> {
        const int level = kato_level(code);
        std::vector<KatoTerritory> out;
        if (level < 1 || level > 3) return out;
        // Codes one level down share the code's significant digits: 2, 4 or 6 of them. The
        // range [prefix, prefix + ':') holds exactly the codes starting with the digits (':'
        // follows '9'), and is an index range of the primary key.
        const std::size_t digits = level == 1 ? 2 : level == 2 ? 4 : 6;
        const std::string prefix(code.substr(0, digits));
        auto& st = db_.query(std::string("SELECT ") + kColumns +
                                 " FROM kato_territories WHERE edition = ? AND code >= ? AND code < ? "
                                 "AND code <> ? ORDER BY code",
                             edition, prefix, prefix + ":", code);
        ResetOnExit done{st};
        while (st.step() && out.size() < limit) {
            auto t = read_territory(st);
            if (kato_level(t.code) == level + 1) out.push_back(std::move(t));
        }
        return out;
    });
}

}  // namespace sanaq::db
