#include "db/part_schema.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

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
/// The department's summaries (README.md, "Department summaries"): counts without personal data,
/// kept by census holders for the administrator, who holds dept and not census. Three kinds of
/// coverage row: ('', '') the department, with the last finished reconciliation in the run_*
/// columns and its counts; (BIN, '') an institution with a current list; (BIN, day) what that
/// institution gained that day (enumerated, matched).
constexpr const char* kCoverageSummarySql =
    "CREATE TABLE coverage_summary (\n"
    "    institution_bin       TEXT NOT NULL,\n"
    "    day                   TEXT NOT NULL,\n"
    "    listed                INTEGER NOT NULL DEFAULT 0,\n"
    "    enumerated            INTEGER NOT NULL DEFAULT 0,\n"
    "    matched               INTEGER NOT NULL DEFAULT 0,\n"
    "    review                INTEGER NOT NULL DEFAULT 0,\n"
    "    conflict              INTEGER NOT NULL DEFAULT 0,\n"
    "    missing               INTEGER NOT NULL DEFAULT 0,\n"
    "    extra                 INTEGER NOT NULL DEFAULT 0,\n"
    "    duplicates            INTEGER NOT NULL DEFAULT 0,\n"
    "    run_id                INTEGER NOT NULL DEFAULT 0,\n"
    "    run_started_at_utc    TEXT NOT NULL DEFAULT '',\n"
    "    run_finished_at_utc   TEXT NOT NULL DEFAULT '',\n"
    "    run_by                TEXT NOT NULL DEFAULT '',\n"
    "    run_pairs_compared    INTEGER NOT NULL DEFAULT 0,\n"
    "    run_decisions_applied INTEGER NOT NULL DEFAULT 0,\n"
    "    run_seconds           REAL NOT NULL DEFAULT 0,\n"
    "    computed_at_utc       TEXT NOT NULL,\n"
    "    PRIMARY KEY (institution_bin, day)\n"
    ")";
/// One row: OutboxStats, and what of census it was counted against (the *_seen columns).
constexpr const char* kOutboxSummarySql =
    "CREATE TABLE outbox_summary (\n"
    "    id                       INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "    pending_households       INTEGER NOT NULL,\n"
    "    pending_persons          INTEGER NOT NULL,\n"
    "    batches_awaiting_release INTEGER NOT NULL,\n"
    "    batches_queued           INTEGER NOT NULL,\n"
    "    batches_accepted         INTEGER NOT NULL,\n"
    "    batches_held             INTEGER NOT NULL,\n"
    "    batches_discarded        INTEGER NOT NULL,\n"
    "    persons_queued           INTEGER NOT NULL,\n"
    "    persons_accepted         INTEGER NOT NULL,\n"
    "    last_accepted_at_utc     TEXT NOT NULL,\n"
    "    packages_seen            INTEGER NOT NULL,\n"
    "    batches_seen             INTEGER NOT NULL,\n"
    "    discarded_seen           INTEGER NOT NULL,\n"
    "    computed_at_utc          TEXT NOT NULL\n"
    ")";

/// The commit marker (README.md "Transactions"; design/key-hierarchy.md §3): one row per
/// transaction that wrote census or dept, written in common before the COMMIT that commits common
/// first. A part whose part_meta 'last_txid' is below a row naming it did not commit that
/// transaction; recovery voids the row (voided = 1) and says so on the audit trail. audit_first
/// and audit_seq bound the audit entries the transaction appended (0 and 0: none).
/// Common's own table, not a migration's: only the per-role layout commits across files.
constexpr const char* kCrossCommitsSql =
    "CREATE TABLE cross_commits (\n"
    "    txid        INTEGER PRIMARY KEY,\n"
    "    parts       TEXT NOT NULL,\n"
    "    audit_first INTEGER NOT NULL,\n"
    "    audit_seq   INTEGER NOT NULL,\n"
    "    at_utc      TEXT NOT NULL,\n"
    "    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))\n"
    ")";

/// Tables a part gained after the first per-role workspaces were made: a file without them (and
/// otherwise exactly as it should be) is given them by the first holder who opens it.
bool added_later(Part part, std::string_view table) {
    if (part == Part::Common)
        return table == "cross_commits" || table == "pull_calendar_warnings" || table == "kato_editions" ||
               table == "kato_territories" || table == "paper_movements" || table == "staff_appointments";
    if (part == Part::Census)
        return table == "channel_files" || table == "channel_records" || table == "reconcile_traits";
    return part == Part::Dept && (table == "coverage_summary" || table == "outbox_summary" ||
                                  table == "list_register");
}

/// Rows the migrations put into their tables (the audit head, the paper stock), as text: the
/// columns' affinity gives them back their types when they are inserted.
using SeedRow = std::vector<std::optional<std::string>>;
struct LegacySchema {
    std::vector<SchemaObject> objects;  // in creation order
    std::map<std::string, std::vector<SeedRow>>
        rows;  // by table; schema_history is the migrations' own
};

/// Every migration applied to an empty database.
LegacySchema legacy_schema() {
    auto db = Database::open(":memory:", nullptr, Database::Mode::Create);
    if (!db) throw DbFailure(db.error());
    if (auto ok = migrate(**db); !ok) throw DbFailure(ok.error());
    LegacySchema out;
    auto& q = (*db)->query(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY rowid");
    while (q.step()) out.objects.push_back({q.text(0), q.text(1), q.text(2), q.text(3)});
    (*db)->reset_cached();
    for (const auto& o : out.objects) {
        if (o.type != "table" || o.name == "schema_history" || o.name.starts_with("sqlite_"))
            continue;
        // Table names come from our own migrations' sqlite_master, never from a file.
        auto& rows = (*db)->query("SELECT * FROM \"" + o.name + "\"");
        while (rows.step()) {
            SeedRow row;
            for (int c = 0; c < rows.column_count(); ++c) row.push_back(rows.optional_text(c));
            out.rows[o.name].push_back(std::move(row));
        }
        (*db)->reset_cached();
    }
    return out;
}

const LegacySchema& legacy() {
    static const LegacySchema schema = legacy_schema();
    return schema;
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
    const auto& objects_of_all = legacy().objects;
    for (Part part : {Part::Common, Part::Census, Part::Dept}) {
        const auto& tables = part_tables(part);
        auto& objects = out[part];
        for (const auto& o : objects_of_all)
            if (std::find(tables.begin(), tables.end(), o.table) != tables.end())
                objects.push_back({o.type, o.name, o.table, without_cross_part_reference(o.sql)});
        if (part == Part::Common)
            objects.push_back({"table", "cross_commits", "cross_commits", kCrossCommitsSql});
        if (part != Part::Common) {
            objects.push_back({"table", "part_meta", "part_meta", kPartMetaSql});
            objects.push_back({"index", "sqlite_autoindex_part_meta_1", "part_meta", ""});
        }
        if (part == Part::Dept) {
            objects.push_back({"table", "dept_settings", "dept_settings", kDeptSettingsSql});
            objects.push_back({"index", "sqlite_autoindex_dept_settings_1", "dept_settings", ""});
            objects.push_back(
                {"table", "coverage_summary", "coverage_summary", kCoverageSummarySql});
            objects.push_back(
                {"index", "sqlite_autoindex_coverage_summary_1", "coverage_summary", ""});
            objects.push_back({"table", "outbox_summary", "outbox_summary", kOutboxSummarySql});
        }
    }
    return out;
}

/// The object's DDL with its name qualified by `prefix` ("census."): it goes into that schema,
/// and the table an index is on is then looked up in that same schema.
std::string qualified(const SchemaObject& o, const std::string& prefix) {
    std::string sql = o.sql;
    const std::string head = o.type == "table"                           ? "CREATE TABLE "
                             : o.sql.starts_with("CREATE UNIQUE INDEX ") ? "CREATE UNIQUE INDEX "
                                                                         : "CREATE INDEX ";
    if (!sql.starts_with(head)) throw DbFailure(Error::make(ErrorCode::Unexpected, "?", {}, sql));
    sql.insert(head.size(), prefix);
    return sql;
}

/// A dept file made before the summaries were added, or a common file made before the commit
/// marker or the pulls' calendar warnings, holds everything else exactly: it gets the tables,
/// empty (census holders fill the summaries with their next change). Nothing else that differs is
/// ever repaired; these are the differences an older version of this program leaves. A file may
/// hold some of the later tables and lack others (a common file with the commit marker, from
/// before the calendar warnings): only those it lacks are given.
bool add_later_tables(Database& db, std::string_view schema, Part part,
                      const std::vector<SchemaObject>& actual, std::vector<SchemaObject> earlier) {
    const auto present = [&](std::string_view table) {
        return std::any_of(actual.begin(), actual.end(),
                           [&](const SchemaObject& o) { return o.type == "table" && o.name == table; });
    };
    std::erase_if(earlier, [&](const SchemaObject& o) { return added_later(part, o.table) && !present(o.table); });
    if (actual != earlier || db.in_transaction()) return false;
    const std::string prefix = std::string(schema) + ".";
    db.exec("BEGIN IMMEDIATE;");
    try {
        for (const auto& o : expected_part_schema(part))
            if (added_later(part, o.table) && !present(o.table) && !o.sql.empty()) db.exec(qualified(o, prefix));
        db.exec("COMMIT;");
    } catch (...) {
        db.reset_cached();
        if (db.in_transaction()) db.exec("ROLLBACK;");
        throw;
    }
    return true;
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
                                                    "staff_appointments",
                                                    "kits",
                                                    "kit_components",
                                                    "paper_stock",
                                                    "kit_issues",
                                                    "kit_issue_returns",
                                                    "acts",
                                                    "act_kits",
                                                    "act_number_counters",
                                                    "device_keys",
                                                    "pulls",
                                                    "pull_calendar_warnings",
                                                    "paper_movements",
                                                    "audit_signatures",
                                                    "row_signatures",
                                                    "cross_commits",
                                                    "kato_editions",
                                                    "kato_territories"};
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
                                                    "part_meta",
                                                    "channel_files",
                                                    "channel_records",
                                                    "reconcile_traits"};
    static const std::vector<std::string> dept = {"part_meta", "dept_settings", "coverage_summary",
                                                  "outbox_summary", "list_register"};
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
            for (const auto& o : expected_part_schema(part))
                if (!o.sql.empty()) db.exec(qualified(o, prefix));  // empty: automatic index
            // The rows the migrations seed (the audit head, the paper stock) for this part's
            // tables.
            for (const auto& table : part_tables(part)) {
                const auto seeded = legacy().rows.find(table);
                if (seeded == legacy().rows.end()) continue;
                for (const auto& row : seeded->second) {
                    std::string sql = "INSERT INTO " + prefix + table + " VALUES (";
                    for (std::size_t c = 0; c < row.size(); ++c) sql += c ? ", ?" : "?";
                    auto& insert = db.query(sql + ")");
                    for (std::size_t c = 0; c < row.size(); ++c)
                        insert.bind(static_cast<int>(c + 1), row[c]);
                    insert.run();
                }
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
        if (actual != expected && add_later_tables(db, schema_name, part, actual, expected)) {
            actual = actual_objects(db, schema_name);
            std::sort(actual.begin(), actual.end(), key);
        }
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
