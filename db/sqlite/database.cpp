#include "db/sqlite/database.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
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
    if (writes_) db_.note_writes(writes_, common_table_);
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
int Statement::column_count() const { return sqlite3_column_count(stmt_); }

// ---- Database -----------------------------------------------------------------------------

namespace {

/// What open() and attach() check of an existing file before SQLite sees it; true when a
/// non-empty WAL lies beside it.
Result<bool> check_existing_file(const std::filesystem::path& file, int page_size) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return std::unexpected(damaged_file_error(file, "cannot stat: " + ec.message()));
    auto wal = file;
    wal += "-wal";
    const auto wal_size = std::filesystem::file_size(wal, ec);
    const bool wal_present = !ec && wal_size > 0;
    // An empty file (and no WAL holding its pages) would silently open as a new, empty database.
    if (size == 0 && !wal_present) return std::unexpected(damaged_file_error(file, "empty file"));
    if (size % static_cast<std::uintmax_t>(page_size) != 0)
        return std::unexpected(damaged_file_error(file, "size is not a whole number of pages"));
    return wal_present;
}

/// With no WAL the file holds every page its header counts; fewer means it was cut.
Status check_page_count(const std::filesystem::path& file, std::int64_t pages, int page_size) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (!ec && static_cast<std::uintmax_t>(pages) * static_cast<std::uintmax_t>(page_size) > size)
        return std::unexpected(damaged_file_error(file, "file shorter than its page count"));
    return {};
}

/// `x'<64 hex digits>'`, SQLCipher's raw-key form, built without a stray unwiped copy of the hex
/// (the caller wipes the result).
std::string raw_key_spec(const SecretKey& key) {
    std::string hex = key.hex();
    std::string spec;
    spec.reserve(hex.size() + 3);
    spec += "x'";
    spec += hex;
    spec += '\'';
    wipe(hex);
    return spec;
}

}  // namespace

Error Database::error_for(int rc, std::string_view context, const std::filesystem::path& file) const {
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
            return damaged_file_error(file, std::move(detail));
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return Error::make(ErrorCode::Io, N_("Could not read or write the workspace file {}."),
                               {file.string()}, std::move(detail));
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
    preparing_writes_ = 0;
    preparing_common_table_ = nullptr;
    const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message);
    // sqlite3_exec prepares and runs each statement in turn: all of them count.
    note_writes(preparing_writes_, preparing_common_table_);
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
    preparing_writes_ = 0;
    preparing_common_table_ = nullptr;
    const int rc = sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        raise(rc, sql);
    }
    auto [pos, inserted] =
        cache_.emplace(std::string(sql), std::make_unique<Statement>(*this, stmt, std::string(sql)));
    pos->second->writes_ = preparing_writes_;
    pos->second->common_table_ = preparing_common_table_;
    return *pos->second;
}

void Database::note_writes(unsigned parts, const std::string* common_table) {
    writes_.parts |= parts;
    if (common_table && writes_.common_table.empty()) writes_.common_table = *common_table;
}

// Called while a statement is prepared (also when SQLite prepares it again after a schema change,
// which changes nothing here: cached() and exec() start from zero before they prepare). Never
// refuses anything: it only classifies.
int Database::authorize(void* self, int action, const char* a, const char*, const char* schema,
                        const char*) {
    if (action != SQLITE_INSERT && action != SQLITE_UPDATE && action != SQLITE_DELETE)
        return SQLITE_OK;
    if (!a || !schema) return SQLITE_OK;
    auto& db = *static_cast<Database*>(self);
    const std::string_view table(a), name(schema);
    if (name == "legacy") return SQLITE_DENY;  // the file a split reads from stays as it was
    if (table.starts_with("sqlite_")) return SQLITE_OK;  // the schema and AUTOINCREMENT's counters
    if (name == "main") {
        const auto& shared = db.shared_tables_;
        if (std::find(shared.begin(), shared.end(), table) != shared.end()) {
            db.preparing_writes_ |= writes::kCommonShared;
            return SQLITE_OK;
        }
        db.preparing_writes_ |= writes::kCommonOther;
        if (!db.preparing_common_table_) {
            auto known = std::find_if(db.table_names_.begin(), db.table_names_.end(),
                                      [&](const auto& n) { return *n == table; });
            if (known == db.table_names_.end())
                known = db.table_names_.insert(db.table_names_.end(),
                                               std::make_unique<std::string>(table));
            db.preparing_common_table_ = known->get();
        }
    } else if (name == "census") {
        db.preparing_writes_ |= writes::kCensus;
    } else if (name == "dept") {
        db.preparing_writes_ |= writes::kDept;
    }
    return SQLITE_OK;
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
    // An in-memory database (the part schemas' scratch copy, db/part_schema.cpp) has no WAL.
    if (file_ != ":memory:" && pragma_text("journal_mode = WAL") != "wal")
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
    bool wal_present = false;
    if (mode == Mode::OpenExisting) {
        auto checked = check_existing_file(file, cipher.page_size);
        SANAQ_TRY(checked);
        wal_present = *checked;
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
    // Before any statement is prepared: setting an authorizer expires the prepared ones.
    sqlite3_set_authorizer(handle, &Database::authorize, db.get());

    try {
        if (key) {
            // sqlite3_key with the raw-key form is exactly PRAGMA key = "x'<hex>'", minus the SQL
            // parser's copies of the key text (SQLCipher wipes its own copies when it frees them).
            std::string spec = raw_key_spec(*key);
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
        if (mode == Mode::OpenExisting && !wal_present)
            SANAQ_TRY(check_page_count(file, db->pragma_int("page_count"), cipher.page_size));
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

// ---- attached parts ----------------------------------------------------------------------

namespace {

/// The allow-listed spelling of `schema`, or nothing: only these constants ever reach SQL text.
std::optional<std::string> attachable_schema(std::string_view schema) {
    const auto& names = Database::kAttachableSchemas;
    const auto* it = std::find(std::begin(names), std::end(names), schema);
    if (it == std::end(names)) return std::nullopt;
    return std::string(*it);
}

Error unknown_schema(std::string_view schema) {
    return Error::make(ErrorCode::Unexpected, N_("The workspace database reported an error."), {},
                       "not an attachable part: " + std::string(schema.substr(0, 40)));
}

}  // namespace

Status Database::attach(std::string_view schema, const std::filesystem::path& file, const SecretKey& key,
                        Mode mode) {
    const auto name = attachable_schema(schema);
    if (!name) return std::unexpected(unknown_schema(schema));
    const auto pinned = pinned_cipher_parameters();
    // Absolute, so that a name starting with "file:" can never be taken for a URI by ATTACH.
    std::error_code ec;
    const auto path = std::filesystem::absolute(file, ec);
    if (ec) return std::unexpected(damaged_file_error(file, "no absolute path: " + ec.message()));

    bool wal_present = false;
    bool created = false;
    // A file made here for a part that then failed to attach is not left behind.
    const auto refuse = [&](Error error) -> Status {
        if (created) std::filesystem::remove(path, ec);
        return std::unexpected(std::move(error));
    };
    if (mode == Mode::OpenExisting) {
        auto checked = check_existing_file(path, pinned.page_size);
        SANAQ_TRY(checked);
        wal_present = *checked;
    } else if (mode == Mode::Create) {
        // ATTACH creates a missing file only on a connection opened with SQLITE_OPEN_CREATE, and
        // with the umask's mode; a new part is created here, 0600, whatever opened the connection.
        created = !std::filesystem::exists(path, ec);
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            return std::unexpected(Error::make(ErrorCode::Io, N_("Could not read or write the workspace file {}."),
                                               {file.string()}, std::strerror(errno)));
        ::close(fd);
        if (std::filesystem::file_size(path, ec) != 0 || ec)
            return std::unexpected(Error::make(ErrorCode::Unexpected, N_("The workspace database reported an error."),
                                               {}, file.string() + " exists and is not empty: not created"));
    } else {
        return std::unexpected(Error::make(ErrorCode::Unexpected, N_("The workspace database reported an error."),
                                           {}, "a backup copy is never attached"));
    }

    try {
        // SQLCipher 3.4.1 gives an attached file a codec with its process-wide defaults, and ATTACH
        // reads the file's first page at once: a schema-prefixed `PRAGMA census.cipher_page_size`
        // comes too late for an existing file (tests/db/test_attach.cpp). So the defaults are set to
        // the pinned values (constant text, as in open()) before every ATTACH, and read back on the
        // schema after it. 3.4.1 has no default for the cipher or fast_kdf_iter; their built-in
        // values (AES-256-CBC, 2) are the pinned ones, and the read-back says so.
        exec("PRAGMA cipher_default_page_size = 4096;"
             "PRAGMA cipher_default_kdf_iter = 64000;"
             "PRAGMA cipher_default_use_hmac = ON;");

        const std::string sql = "ATTACH DATABASE ?1 AS " + *name + " KEY ?2";
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(handle_, sql.c_str(), -1, &stmt, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(stmt);
            raise(rc, sql);
        }
        const std::string path_text = path.string();
        sqlite3_bind_text64(stmt, 1, path_text.data(), path_text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        // Bound without SQLite's copy: the VDBE hands this very buffer to SQLCipher, which keeps
        // (and later wipes) its own copy; ours is wiped once the statement is gone.
        std::string spec = raw_key_spec(key);
        sqlite3_bind_text64(stmt, 2, spec.data(), spec.size(), SQLITE_STATIC, SQLITE_UTF8);
        rc = sqlite3_step(stmt);
        // A wrong key fails here: ATTACH reads the file's schema (NOTADB → WorkspaceDamaged).
        std::optional<Error> failed;
        if (rc != SQLITE_DONE) failed = error_for(rc, "ATTACH DATABASE", file);
        sqlite3_finalize(stmt);
        wipe(spec);
        if (failed) return refuse(*failed);
    } catch (const DbFailure& failure) {
        return refuse(failure.error());
    }

    try {
        const auto value = [&](const std::string& pragma) {
            sqlite3_stmt* stmt = nullptr;
            const std::string sql = "PRAGMA " + *name + "." + pragma;
            int rc = sqlite3_prepare_v2(handle_, sql.c_str(), -1, &stmt, nullptr);
            std::string out;
            if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
                out = text ? text : "";
                rc = SQLITE_DONE;
            }
            sqlite3_finalize(stmt);
            if (rc != SQLITE_DONE && rc != SQLITE_OK) throw DbFailure(error_for(rc, sql, file));
            return out;
        };
        std::string cipher = value("cipher");
        std::transform(cipher.begin(), cipher.end(), cipher.begin(), [](unsigned char c) { return std::tolower(c); });
        const std::pair<std::string, std::string> settings[] = {
            {cipher, pinned.cipher},
            {value("cipher_page_size"), std::to_string(pinned.page_size)},
            {value("kdf_iter"), std::to_string(pinned.kdf_iter)},
            {value("fast_kdf_iter"), std::to_string(pinned.fast_kdf_iter)},
            {value("cipher_use_hmac"), pinned.use_hmac ? "1" : "0"},
        };
        for (const auto& [actual, wanted] : settings)
            if (actual != wanted)
                throw DbFailure(Error::make(ErrorCode::Unexpected, N_("The workspace database reported an error."), {},
                                            "attached " + *name + ": SQLCipher setting " + actual + " instead of " +
                                                wanted));

        exec("SELECT count(*) FROM " + *name + ".sqlite_master;");
        if (mode == Mode::OpenExisting && !wal_present)
            if (auto whole = check_page_count(path, std::stoll(value("page_count")), pinned.page_size); !whole)
                throw DbFailure(whole.error());
        // The per-file settings of README.md ("Connection settings"); temp_store, foreign_keys,
        // busy_timeout and wal_autocheckpoint belong to the connection and hold already.
        exec("PRAGMA " + *name + ".secure_delete = ON;"
             "PRAGMA " + *name + ".cache_size = -262144;");
        if (value("journal_mode = WAL") != "wal")
            throw DbFailure(Error::make(ErrorCode::Io, N_("Could not read or write the workspace file {}."),
                                        {file.string()}, "journal_mode=WAL refused"));
        exec("PRAGMA " + *name + ".synchronous = FULL;");
    } catch (const DbFailure& failure) {
        (void)detach(*name);
        return refuse(failure.error());
    }
    attached_.push_back(*name);
    return {};
}

Status Database::detach(std::string_view schema) {
    const auto name = attachable_schema(schema);
    if (!name) return std::unexpected(unknown_schema(schema));
    try {
        reset_cached();  // a cached statement still stepping would hold the file ("database is locked")
        exec("DETACH DATABASE " + *name + ";");
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    std::erase(attached_, *name);
    return {};
}

}  // namespace sanaq::db
