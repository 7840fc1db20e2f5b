#include "db/sqlite/database.h"

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <system_error>

#include "db/errors.h"

namespace sanaq::db {

// ---- Statement ----------------------------------------------------------------------------

Statement::Statement(Database& db, sqlite3_stmt* stmt, std::string sql)
    : db_(db), stmt_(stmt), sql_(std::move(sql)) {}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
    if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) db_.raise(rc, sql_);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // SQLITE_TRANSIENT: SQLite copies, so temporaries are safe to pass.
    if (int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        rc != SQLITE_OK)
        db_.raise(rc, sql_);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (int rc = sqlite3_bind_double(stmt_, index, value); rc != SQLITE_OK) db_.raise(rc, sql_);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) db_.raise(rc, sql_);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind(index, nullptr);
}

Statement& Statement::bind_static(int index, std::string_view value) {
    if (int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
        rc != SQLITE_OK)
        db_.raise(rc, sql_);
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    // A zero-length BLOB must still be a BLOB, not NULL: SQLite wants a non-null pointer for that.
    static const char empty = 0;
    if (int rc = sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &empty : bytes.data(), bytes.size(),
                                     SQLITE_STATIC);
        rc != SQLITE_OK)
        db_.raise(rc, sql_);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    db_.raise(rc, sql_);
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const { return std::string(view(column)); }

std::string_view Statement::view(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string_view Statement::blob(int column) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

// ---- Database -----------------------------------------------------------------------------

Error Database::error_for(int rc, std::string_view context) const {
    std::string detail = handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(rc);
    detail += " (";
    detail += std::to_string(rc);
    detail += ")";
    if (!context.empty()) {
        detail += " in: ";
        detail += context.substr(0, 200);
    }
    switch (rc & 0xff) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_FORMAT:
            return damaged_file_error(file_, std::move(detail));
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return Error::make(ErrorCode::Io, N_("Could not read or write the workspace file {}."),
                               {file_.string()}, std::move(detail));
        default:
            return Error::make(ErrorCode::Unexpected, N_("The workspace database reported an error."), {},
                               std::move(detail));
    }
}

void Database::raise(int rc, std::string_view context) const { throw DbFailure(error_for(rc, context)); }

Database::~Database() {
    cache_.clear();  // finalize before closing
    sqlite3_close_v2(handle_);
}

void Database::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message);
    if (message) sqlite3_free(message);
    if (rc != SQLITE_OK) raise(rc, sql);
}

Statement& Database::cached(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
        it->second->reset();
        return *it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        raise(rc, sql);
    }
    auto [pos, inserted] =
        cache_.emplace(std::string(sql), std::make_unique<Statement>(*this, stmt, std::string(sql)));
    return *pos->second;
}

void Database::reset_cached() {
    for (auto& [sql, stmt] : cache_) stmt->reset();
}

std::int64_t Database::pragma_int(std::string_view pragma) {
    auto& st = cached("PRAGMA " + std::string(pragma));
    const auto value = st.step() ? st.int64(0) : 0;
    st.reset();
    return value;
}

std::string Database::pragma_text(std::string_view pragma) {
    auto& st = cached("PRAGMA " + std::string(pragma));
    auto value = st.step() ? st.text(0) : std::string();
    st.reset();
    return value;
}

int Database::changes() const { return sqlite3_changes(handle_); }
std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(handle_); }
bool Database::in_transaction() const { return sqlite3_get_autocommit(handle_) == 0; }

void Database::apply_connection_settings() {
    // README.md, "Connection settings": why each of these.
    exec("PRAGMA temp_store = MEMORY;"
         "PRAGMA secure_delete = ON;"
         "PRAGMA foreign_keys = ON;"
         "PRAGMA cache_size = -262144;"
         "PRAGMA busy_timeout = 5000;"
         "PRAGMA wal_autocheckpoint = 10000;");
    if (pragma_text("journal_mode = WAL") != "wal")
        throw DbFailure(Error::make(ErrorCode::Io, N_("Could not read or write the workspace file {}."),
                                    {file_.string()}, "journal_mode=WAL refused"));
    exec("PRAGMA synchronous = FULL;");
}

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file, const SecretKey* key,
                                                 Mode mode, const CipherParameters& cipher) {
    // Only this build's settings are ever applied; a caller passing others has read them from a
    // file that was not written by Sanaq Station.
    if (const auto field = cipher_parameters_mismatch(cipher); !field.empty())
        return std::unexpected(damaged_file_error(file, field + " differs from this build's pinned SQLCipher settings"));
    std::error_code ec;
    bool wal_present = false;
    if (mode == Mode::OpenExisting) {
        const auto size = std::filesystem::file_size(file, ec);
        if (ec) return std::unexpected(damaged_file_error(file, "cannot stat: " + ec.message()));
        auto wal = file;
        wal += "-wal";
        const auto wal_size = std::filesystem::file_size(wal, ec);
        wal_present = !ec && wal_size > 0;
        // An empty file (and no WAL holding its pages) would silently open as a new, empty database.
        if (size == 0 && !wal_present) return std::unexpected(damaged_file_error(file, "empty file"));
        if (size % static_cast<std::uintmax_t>(cipher.page_size) != 0)
            return std::unexpected(damaged_file_error(file, "size is not a whole number of pages"));
    }

    // Process-wide, once, before SQLite initialises: no memory-usage statistics. Each malloc/free
    // of SQLite otherwise takes a global mutex to count (nothing here reads the counts); the
    // ingest path makes millions of them (README.md, "Ingest").
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });

    sqlite3* handle = nullptr;
    // NOMUTEX: a Database is used under its owner's lock (Workspace serialises every call), so
    // SQLite's own per-call mutex would only cost time.
    const int flags = SQLITE_OPEN_READWRITE | (mode != Mode::OpenExisting ? SQLITE_OPEN_CREATE : 0) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(file.c_str(), &handle, flags, nullptr);
    std::unique_ptr<Database> db(new Database(handle, file));
    if (rc != SQLITE_OK) return std::unexpected(db->error_for(rc, "open"));
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_commit_hook(
        handle,
        [](void* self) {
            ++static_cast<Database*>(self)->generation_;
            return 0;  // 0 = let the commit go ahead
        },
        db.get());
    sqlite3_rollback_hook(handle, [](void* self) { ++static_cast<Database*>(self)->generation_; }, db.get());

    try {
        if (key) {
            // sqlite3_key with the raw-key form is exactly PRAGMA key = "x'<hex>'", minus the SQL
            // parser's copies of the key text (SQLCipher wipes its own copies when it frees them).
            std::string spec = "x'" + key->hex() + "'";
            const int krc = sqlite3_key(handle, spec.data(), static_cast<int>(spec.size()));
            wipe(spec);
            if (krc != SQLITE_OK) db->raise(krc, "sqlite3_key");
            // Constant text: the settings are the build's, whatever a file recorded (README.md,
            // "workspace.db: SQLCipher parameters"). pinned_cipher_parameters() says the same.
            db->exec("PRAGMA cipher = 'aes-256-cbc';"
                     "PRAGMA cipher_page_size = 4096;"
                     "PRAGMA kdf_iter = 64000;"
                     "PRAGMA fast_kdf_iter = 2;"
                     "PRAGMA cipher_use_hmac = ON;");
        }
        // The first read decrypts page 1: a wrong key or a foreign file fails here with NOTADB.
        db->exec("SELECT count(*) FROM sqlite_master;");
        if (mode == Mode::OpenExisting && !wal_present) {
            // With no WAL the main file holds every page the header counts; fewer means it was cut.
            const auto pages = db->pragma_int("page_count");
            const auto size = std::filesystem::file_size(file, ec);
            if (!ec && static_cast<std::uintmax_t>(pages) * static_cast<std::uintmax_t>(cipher.page_size) > size)
                return std::unexpected(damaged_file_error(file, "file shorter than its page count"));
        }
        if (mode == Mode::BackupCopy)
            // Only a copy being assembled: a crash leaves a temporary file the caller discards, so
            // neither a journal nor a sync per page is worth its cost. Still keyed: every page the
            // backup writes is encrypted before it reaches the file.
            db->exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;"
                     "PRAGMA cache_size = -8192;");
        else
            db->apply_connection_settings();
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    return db;
}

}  // namespace sanaq::db
