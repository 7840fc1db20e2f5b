#pragma once
// The schema of each part of a key-hierarchy workspace (design/key-hierarchy.md §1, §2): which
// tables live in common, census and dept, how a new part file gets them, and the pinning that
// refuses a part file holding anything else — a trigger, view, shadow table or changed SQL
// planted by someone who holds that part's key (a custodian holds common's).
//
// A part's tables are the ones the migrations create (m001–m007), so no DDL is written twice:
// the migrations run once into a scratch in-memory database and each part takes its own tables
// and indexes from there. The one reference across parts (a list's institution) loses its
// foreign key in census: SQLite cannot enforce one across files, and the list import checks it.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "db/key_roster.h"
#include "db/sqlite/database.h"

namespace sanaq::db {

/// The tables of `part`, in creation order (Root has none).
const std::vector<std::string>& part_tables(Part part);

/// One schema object as sqlite_master records it.
struct SchemaObject {
    std::string type;  // table, index
    std::string name;
    std::string table;
    std::string sql;   // empty for automatic indexes
    friend bool operator==(const SchemaObject&, const SchemaObject&) = default;
};
/// What `part`'s file must hold, exactly.
const std::vector<SchemaObject>& expected_part_schema(Part part);

/// Creates `part`'s tables and indexes in the schema `schema_name` ("main", or "census"/"dept"
/// when attached) of `db`, and sets its user_version, in one transaction.
Status create_part_schema(Database& db, std::string_view schema_name, Part part);

/// WorkspaceDamaged naming `file` when the schema `schema_name` of `db` holds any object that
/// `part` does not have, lacks one, or has one with other SQL.
Status check_part_schema(Database& db, std::string_view schema_name, Part part, const std::filesystem::path& file);

}  // namespace sanaq::db
