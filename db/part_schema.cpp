#include "db/part_schema.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "db/errors.h"
#include "db/migrations/migrations.h"

namespace sanaq::db {
namespace {

/// Schema names are never read from anywhere: only these reach SQL text.
bool known_schema(std::string_view name) {
    return name == "main" || name == "census" || name == "dept";
}

/// The tables that part files have and the legacy single file does not.
constexpr const char* kPartMetaSql =
    "CREATE TABLE part_meta (\n"
    "    name  TEXT PRIMARY KEY NOT NULL,\n"
    "    value TEXT NOT NULL\n"
    ")";
constexpr const char* kDeptSettingsSql =
    "CREATE TABLE dept_settings (\n"
    "    key   TEXT PRIMARY KEY NOT NULL,\n"
    "    value TEXT NOT NULL\n"
    ")";

/// The legacy schema's objects (every migration applied to an empty database), in creation order.
std::vector<SchemaObject> legacy_objects() {
    auto db = Database::open(":memory:", nullptr, Database::Mode::Create);
    if (!db) throw DbFailure(db.error());
    if (auto ok = migrate(**db); !ok) throw DbFailure(ok.error());
    std::vector<SchemaObject> out;
    auto& q = (*db)->query(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY rowid");
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3)});
    return out;
}

/// Our own DDL, rewritten: census keeps the list's institution as a plain value.
std::string without_cross_part_reference(std::string sql) {
    static constexpr std::string_view kReference =
        " REFERENCES institutions(bin) ON UPDATE CASCADE";
    if (sql.starts_with("CREATE TABLE institution_lists"))
        if (const auto at = sql.find(kReference); at != std::string::npos)
            sql.erase(at, kReference.size());
    return sql;
}

std::map<Part, std::vector<SchemaObject>> build_expected() {
    std::map<Part, std::vector<SchemaObject>> out;
    const auto legacy = legacy_objects();
    for (Part part : {Part::Common, Part::Census, Part::Dept}) {
        const auto& tables = part_tables(part);
        auto& objects = out[part];
        for (const auto& o : legacy)
            if (std::find(tables.begin(), tables.end(), o.table) != tables.end())
                objects.push_back({o.type, o.name, o.table, without_cross_part_reference(o.sql)});
        if (part != Part::Common) {
            objects.push_back({"table", "part_meta", "part_meta", kPartMetaSql});
            objects.push_back({"index", "sqlite_autoindex_part_meta_1", "part_meta", ""});
        }
        if (part == Part::Dept) {
            objects.push_back({"table", "dept_settings", "dept_settings", kDeptSettingsSql});
            objects.push_back({"index", "sqlite_autoindex_dept_settings_1", "dept_settings", ""});
        }
    }
    return out;
}

std::vector<SchemaObject> actual_objects(Database& db, std::string_view schema) {
    std::vector<SchemaObject> out;
    auto& q = db.query("SELECT type, name, tbl_name, coalesce(sql, '') FROM " +
                       std::string(schema) + ".sqlite_master ORDER BY rowid");
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3)});
    return out;
}

}  // namespace

const std::vector<std::string>& part_tables(Part part) {
    static const std::vector<std::string> common = {"store_parameters",
                                                    "schema_history",
                                                    "users",
                                                    "settings",
                                                    "audit_entries",
                                                    "audit_head",
                                                    "institutions",
                                                    "staff",
                                                    "kits",
                                                    "kit_components",
                                                    "paper_stock",
                                                    "kit_issues",
                                                    "kit_issue_returns",
                                                    "acts",
                                                    "act_kits",
                                                    "act_number_counters",
                                                    "device_keys",
                                                    "pulls"};
    static const std::vector<std::string> census = {"received_packages",
                                                    "quarantined_packages",
                                                    "quarantined_chunks",
                                                    "quarantine_digests",
                                                    "households",
                                                    "persons",
                                                    "institution_lists",
                                                    "list_entries",
                                                    "column_mappings",
                                                    "reconcile_runs",
                                                    "reconcile_results",
                                                    "review_items",
                                                    "review_decisions",
                                                    "upstream_batches",
                                                    "upstream_batch_bodies",
                                                    "upstream_batch_members",
                                                    "part_meta"};
    static const std::vector<std::string> dept = {"part_meta", "dept_settings"};
    static const std::vector<std::string> none;
    switch (part) {
        case Part::Common:
            return common;
        case Part::Census:
            return census;
        case Part::Dept:
            return dept;
        case Part::Root:
            break;
    }
    return none;
}

const std::vector<SchemaObject>& expected_part_schema(Part part) {
    static std::once_flag once;
    static std::map<Part, std::vector<SchemaObject>> expected;
    std::call_once(once, [] { expected = build_expected(); });
    static const std::vector<SchemaObject> none;
    const auto it = expected.find(part);
    return it == expected.end() ? none : it->second;
}

Status create_part_schema(Database& db, std::string_view schema_name, Part part) {
    if (!known_schema(schema_name) || part == Part::Root)
        return fail(ErrorCode::Unexpected,
                    N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    "create_part_schema: unknown schema");
    try {
        const std::string prefix = std::string(schema_name) + ".";
        db.exec("BEGIN IMMEDIATE;");
        try {
            for (const auto& o : expected_part_schema(part)) {
                if (o.sql.empty()) continue;  // automatic index: made with its table
                // The object goes into the schema its name is qualified with; the table an
                // index is on is then looked up in that same schema.
                std::string sql = o.sql;
                const std::string head = o.type == "table" ? "CREATE TABLE "
                                         : o.sql.starts_with("CREATE UNIQUE INDEX ")
                                             ? "CREATE UNIQUE INDEX "
                                             : "CREATE INDEX ";
                if (!sql.starts_with(head))
                    throw DbFailure(Error::make(ErrorCode::Unexpected, "?", {}, sql));
                sql.insert(head.size(), prefix);
                db.exec(sql);
            }
            db.exec("PRAGMA " + prefix +
                    "user_version = " + std::to_string(latest_schema_version()) + ";");
            db.reset_cached();
            db.exec("COMMIT;");
        } catch (...) {
            db.reset_cached();
            if (db.in_transaction()) db.exec("ROLLBACK;");
            throw;
        }
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    return {};
}

Status check_part_schema(Database& db, std::string_view schema_name, Part part,
                         const std::filesystem::path& file) {
    if (!known_schema(schema_name))
        return fail(ErrorCode::Unexpected,
                    N_("An unexpected error stopped the work; nothing of it was saved."));
    try {
        auto actual = actual_objects(db, schema_name);
        auto expected = expected_part_schema(part);
        const auto key = [](const SchemaObject& a, const SchemaObject& b) {
            return std::tie(a.type, a.name) < std::tie(b.type, b.name);
        };
        std::sort(actual.begin(), actual.end(), key);
        std::sort(expected.begin(), expected.end(), key);
        if (actual == expected) return {};
        // Name the first difference, for the support engineer reading the detail.
        std::string detail =
            "the " + std::string(part_name(part)) + " part's schema differs from this version's";
        const auto first_missing = [](const auto& from, const auto& in) {
            return std::find_if(from.begin(), from.end(), [&](const SchemaObject& o) {
                return std::find(in.begin(), in.end(), o) == in.end();
            });
        };
        if (auto extra = first_missing(actual, expected); extra != actual.end())
            detail += ": unexpected or changed " + extra->type + " " + extra->name;
        else if (auto gone = first_missing(expected, actual); gone != expected.end())
            detail += ": missing " + gone->type + " " + gone->name;
        return std::unexpected(damaged_file_error(file, detail));
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
}

}  // namespace sanaq::db
