#pragma once
// A thin RAII layer over one SQLCipher connection: opening with the pinned cipher parameters,
// prepared statements (cached by their SQL text), and SQLite result codes turned into the core's
// Error. Internally a failed step throws DbFailure; every port boundary converts it back into a
// value (repositories/guard.h), so no exception leaves db/.
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "db/crypto.h"
#include "db/key_slots.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sanaq::db {

class DbFailure : public std::exception {
public:
    explicit DbFailure(Error error) : error_(std::move(error)) {}
    const Error& error() const { return error_; }
    const char* what() const noexcept override { return error_.detail.c_str(); }

private:
    Error error_;
};

class Database;

class Statement {
public:
    Statement(Database& db, sqlite3_stmt* stmt, std::string sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, const std::optional<std::string>& value);
    /// Text bound without SQLite's copy (the hot ingest path): `value` must stay alive and
    /// unchanged until the statement has been stepped and reset.
    Statement& bind_static(int index, std::string_view value);
    /// A BLOB, bound without a copy under the same rule as bind_static.
    Statement& bind_blob(int index, std::string_view bytes);
    template <class... A>
    Statement& bind_all(const A&... args) {
        int i = 1;
        (bind(i++, args), ...);
        return *this;
    }

    /// True when a row is ready; false when done. Throws DbFailure on error.
    bool step();
    /// Steps to the end (for statements that write).
    void run();
    /// Resets and clears bindings.
    void reset();

    std::int64_t int64(int column) const;
    int integer(int column) const { return static_cast<int>(int64(column)); }
    double real(int column) const;
    std::string text(int column) const;
    /// The column's text without a copy: valid until the next step, reset or other access to
    /// this column. For codes parsed on the spot and for building strings in place.
    std::string_view view(int column) const;
    std::optional<std::string> optional_text(int column) const;
    /// The column's bytes as a BLOB, without a copy (valid like view()).
    std::string_view blob(int column) const;
    bool is_null(int column) const;
    int column_count() const;

private:
    friend class Database;
    Database& db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
    unsigned writes_ = 0;               // writes::k* bits, from the authorizer at prepare
    const std::string* common_table_ = nullptr;  // interned in Database
};

/// Which files a statement writes (design/key-hierarchy.md §3), as bits: known when it is prepared
/// (the authorizer names each table an INSERT, UPDATE or DELETE writes, with its schema), noted
/// each time it is stepped. Covers what row hooks miss: WITHOUT ROWID tables, a DELETE without
/// WHERE, foreign key actions (always within the parent's file).
namespace writes {
inline constexpr unsigned kCommonShared = 1;  // main: the audit trail, the commit marker
inline constexpr unsigned kCommonOther = 2;   // main: any other table
inline constexpr unsigned kCensus = 4;
inline constexpr unsigned kDept = 8;
}  // namespace writes

/// What the statements stepped since Database::clear_writes() may have written.
struct WriteSet {
    unsigned parts = 0;            // writes::k* bits
    std::string common_table;      // the first main table of kCommonOther, for the error's detail
};

struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class Database {
public:
    /// OpenExisting / Create: a workspace database with the connection settings of README.md.
    /// BackupCopy: a new, keyed file that only receives pages from sqlite3_backup (db/backup.cpp):
    /// no journal, no syncs (the caller fsyncs the finished file), a small page cache.
    enum class Mode { OpenExisting, Create, BackupCopy };

    /// With a key: SQLCipher with `PRAGMA key = "x'<hex>'"`, then `cipher`, the parameters in
    /// `cipher` set explicitly, the key checked by reading sqlite_master. Without a key: a plain
    /// SQLite file (only tests of the migrations use that). Either way the connection pragmas of
    /// README.md ("Connection settings") are applied. WorkspaceDamaged when the file is not a
    /// database under this key (NOTADB), empty, cut short, or corrupt.
    static Result<std::unique_ptr<Database>> open(const std::filesystem::path& file, const SecretKey* key,
                                                  Mode mode,
                                                  const CipherParameters& cipher = pinned_cipher_parameters());
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// The schema names a part of the workspace may be attached under (db/design/key-hierarchy.md):
    /// the only text of a caller's that reaches SQL, and only after it matched one of these.
    /// `legacy` is a single-key workspace.db being split into parts (workspace_split.cpp): the
    /// authorizer refuses every write to it, so the split only ever reads the file it replaces.
    static constexpr std::string_view kAttachableSchemas[] = {"census", "dept", "legacy"};

    /// Attaches another SQLCipher file under its own key as `schema` (one of kAttachableSchemas):
    /// `ATTACH DATABASE ?1 AS <schema> KEY ?2`, the file name and the raw-key spec bound, never in
    /// the SQL text. The file gets the pinned cipher parameters (set as SQLCipher's process-wide
    /// defaults before the ATTACH, then read back on the schema) and the per-file settings of
    /// README.md ("Connection settings"). OpenExisting: the file must be a database under `key`,
    /// else WorkspaceDamaged naming it (a wrong key included); Create: a missing or empty file
    /// becomes a new one (mode 0600). Not inside a transaction.
    Status attach(std::string_view schema, const std::filesystem::path& file, const SecretKey& key,
                  Mode mode = Mode::OpenExisting);
    Status detach(std::string_view schema);
    /// The schemas attached now, in the order they were attached: the order a COMMIT commits them
    /// in, after main (README.md "Transactions").
    const std::vector<std::string>& attached() const { return attached_; }

    /// What the statements stepped since the last clear_writes() may write (each one counts once
    /// it is stepped, whether or not it changed a row).
    const WriteSet& writes() const { return writes_; }
    void clear_writes() { writes_ = {}; }

    /// Runs one or more statements; throws DbFailure.
    void exec(std::string_view sql);
    /// A prepared statement kept for reuse, reset with its bindings cleared.
    Statement& cached(std::string_view sql);
    template <class... A>
    Statement& query(std::string_view sql, const A&... args) {
        return cached(sql).bind_all(args...);
    }
    /// Resets every cached statement (end of a transaction: none may keep a read open).
    void reset_cached();

    std::int64_t pragma_int(std::string_view pragma);
    std::string pragma_text(std::string_view pragma);
    int changes() const;
    std::int64_t last_insert_rowid() const;
    bool in_transaction() const;
    /// Changes whenever a transaction of this connection ends (commit or rollback hook): what a
    /// repository caches for the length of one transaction is stale once this differs.
    std::uint64_t transaction_generation() const { return generation_; }

    const std::filesystem::path& file() const { return file_; }
    /// The raw connection, for SQLite APIs this wrapper does not cover (the online backup API).
    sqlite3* handle() const { return handle_; }
    /// The core's Error for a SQLite result code (WorkspaceDamaged, Io, or Unexpected), naming
    /// `file` (this connection's main file unless given).
    Error error_for(int rc, std::string_view context) const { return error_for(rc, context, file_); }
    Error error_for(int rc, std::string_view context, const std::filesystem::path& file) const;
    [[noreturn]] void raise(int rc, std::string_view context) const;

private:
    Database(sqlite3* handle, std::filesystem::path file) : handle_(handle), file_(std::move(file)) {}
    void apply_connection_settings();
    void note_writes(unsigned parts, const std::string* common_table);
    static int authorize(void* self, int action, const char* a, const char* b, const char* schema,
                         const char* trigger);

    sqlite3* handle_ = nullptr;
    std::filesystem::path file_;
    std::uint64_t generation_ = 0;
    std::unordered_map<std::string, std::unique_ptr<Statement>, TransparentHash, std::equal_to<>> cache_;
    std::vector<std::string> attached_;
    // Set before the first statement is prepared (statements keep their classification): the
    // tables of common that design/key-hierarchy.md §3 lets a transaction of several files write.
    // The audit trail (its entries, head and their signatures) and the commit marker: what may be
    // written in common beside a part (db/README.md "Transactions").
    std::vector<std::string> shared_tables_ = {"audit_entries", "audit_head", "audit_signatures",
                                               "cross_commits"};
    // What the statement being prepared writes (filled by authorize()).
    unsigned preparing_writes_ = 0;
    const std::string* preparing_common_table_ = nullptr;
    std::vector<std::unique_ptr<std::string>> table_names_;  // interned: Statements point here
    WriteSet writes_;

    friend class Statement;
};

}  // namespace sanaq::db
