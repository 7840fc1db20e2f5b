// Database::attach, and what SQLCipher 3.4.1 does with attached files, pinned as tests: the plan to
// split the workspace into parts under their own keys (db/design/key-hierarchy.md §3, §4, §7)
// stands on each of these facts, so each test fails if its fact stops being true.
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "db/crypto.h"
#include "db/errors.h"
#include "db/sqlite/database.h"
#include "fault_vfs.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;
using db::Database;
namespace fs = std::filesystem;

namespace {

db::SecretKey key_of(unsigned char byte) {
    db::SecretKey key;
    std::memset(key.data(), byte, key.size());
    return key;
}

std::string spec_of(const db::SecretKey& key) { return "x'" + key.hex() + "'"; }

std::unique_ptr<Database> open_db(const fs::path& file, const db::SecretKey& key,
                                  Database::Mode mode = Database::Mode::OpenExisting) {
    return must(Database::open(file, &key, mode));
}

std::int64_t count(Database& d, const std::string& sql) {
    auto& st = d.cached(sql);
    const auto n = st.step() ? st.int64(0) : -1;
    st.reset();
    return n;
}

bool has_schema(Database& d, const std::string& schema) {
    auto& st = d.cached("PRAGMA database_list");  // SQLite 3.15: no pragma_database_list table yet
    bool found = false;
    while (st.step()) found = found || st.text(1) == schema;
    st.reset();
    return found;
}

/// ATTACH straight through the C API, the key bound: for the facts about SQLCipher itself.
int raw_attach(Database& d, const fs::path& file, const db::SecretKey& key) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(d.handle(), "ATTACH DATABASE ?1 AS census KEY ?2", -1, &stmt, nullptr);
    if (rc != SQLITE_OK) return rc;
    const auto spec = spec_of(key);
    sqlite3_bind_text(stmt, 1, file.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, spec.c_str(), -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/// A main file and a census part beside it, both new, each under its own key.
struct PartsFixture {
    TempDir tmp{"sanaq-attach"};
    fs::path main_file = tmp / "common.1.db";
    fs::path census_file = tmp / "census.1.db";
    db::SecretKey k_common = key_of(0x11);
    db::SecretKey k_census = key_of(0x22);
    db::SecretKey k_other = key_of(0x33);

    /// Creates both files with a table each (main.kits, census.persons) and one row in census.
    void create_parts() {
        auto d = open_db(main_file, k_common, Database::Mode::Create);
        must(d->attach("census", census_file, k_census, Database::Mode::Create));
        d->exec("CREATE TABLE kits(number TEXT);"
                "CREATE TABLE census.persons(name TEXT);"
                "INSERT INTO census.persons VALUES ('Әсел Нұрланқызы');");
    }
    std::unique_ptr<Database> open_both() {
        auto d = open_db(main_file, k_common);
        must(d->attach("census", census_file, k_census));
        return d;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(attach)

BOOST_FIXTURE_TEST_CASE(a_part_attaches_under_its_own_key_bound_as_a_parameter, PartsFixture) {
    auto d = open_db(main_file, k_common, Database::Mode::Create);
    std::vector<std::string> statements;
    sqlite3_trace_v2(
        d->handle(), SQLITE_TRACE_STMT,
        [](unsigned, void* out, void*, void* sql) {
            static_cast<std::vector<std::string>*>(out)->emplace_back(static_cast<const char*>(sql));
            return 0;
        },
        &statements);
    must(d->attach("census", census_file, k_census, Database::Mode::Create));
    sqlite3_trace_v2(d->handle(), 0, nullptr, nullptr);
    // The key reached SQLCipher as a bound value: no statement text carries it.
    auto hex = k_census.hex();
    bool attach_seen = false;
    for (const auto& sql : statements) {
        BOOST_TEST(sql.find(hex) == std::string::npos, sql);
        attach_seen = attach_seen || sql == "ATTACH DATABASE ?1 AS census KEY ?2";
    }
    BOOST_TEST(attach_seen);

    // The pinned cipher parameters and the per-file connection settings hold for the part.
    BOOST_TEST(d->pragma_text("census.cipher_page_size") == "4096");
    BOOST_TEST(d->pragma_text("census.kdf_iter") == "64000");
    BOOST_TEST(d->pragma_text("census.fast_kdf_iter") == "2");
    BOOST_TEST(d->pragma_text("census.cipher_use_hmac") == "1");
    BOOST_TEST(d->pragma_text("census.cipher") == "AES-256-CBC");
    BOOST_TEST(d->pragma_text("census.journal_mode") == "wal");
    BOOST_TEST(d->pragma_int("census.synchronous") == 2);  // FULL
    BOOST_TEST(d->pragma_int("census.cache_size") == -262144);
    BOOST_TEST(d->pragma_int("census.secure_delete") == 1);
    BOOST_TEST(((fs::status(census_file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write)));

    d->exec("CREATE TABLE census.persons(name TEXT); INSERT INTO census.persons VALUES ('Әсел Нұрланқызы');");
    BOOST_TEST(count(*d, "SELECT count(*) FROM census.persons") == 1);
    must(d->detach("census"));
    BOOST_TEST(!has_schema(*d, "census"));
    d.reset();

    // Alone, under its own key, through the ordinary open: the same file, whole.
    auto alone = open_db(census_file, k_census);
    BOOST_TEST(count(*alone, "SELECT count(*) FROM persons") == 1);
    BOOST_TEST(alone->pragma_int("page_size") == 4096);
    alone.reset();
    BOOST_TEST(fs::file_size(census_file) % 4096 == 0);
    // Under the main file's key it is not a database.
    auto under_main_key = Database::open(census_file, &k_common, Database::Mode::OpenExisting);
    BOOST_REQUIRE(!under_main_key);
    BOOST_TEST((under_main_key.error().code == ErrorCode::WorkspaceDamaged));
    // And the part's table is not in the main file.
    auto main_alone = open_db(main_file, k_common);
    BOOST_TEST(count(*main_alone, "SELECT count(*) FROM sqlite_master WHERE name = 'persons'") == 0);
}

BOOST_FIXTURE_TEST_CASE(a_wrong_key_or_a_bad_file_is_refused_and_nothing_stays_attached, PartsFixture) {
    create_parts();
    auto d = open_db(main_file, k_common);

    auto wrong = d->attach("census", census_file, k_other);
    BOOST_REQUIRE(!wrong);
    BOOST_TEST((wrong.error().code == ErrorCode::WorkspaceDamaged), describe(wrong.error()));
    BOOST_TEST(wrong.error().args == std::vector<std::string>{census_file.string()});
    BOOST_TEST(!has_schema(*d, "census"));
    // The main key is no key for the part either (ATTACH without KEY would use it).
    BOOST_TEST(!d->attach("census", census_file, k_common));
    BOOST_TEST(!has_schema(*d, "census"));

    // Missing, empty, or not whole pages: refused before SQLite reads it, naming the file.
    auto missing = d->attach("dept", tmp / "dept.1.db", k_other);
    BOOST_REQUIRE(!missing);
    BOOST_TEST((missing.error().code == ErrorCode::WorkspaceDamaged));
    BOOST_TEST(!fs::exists(tmp / "dept.1.db"));
    { std::ofstream(tmp / "empty.db"); }
    BOOST_TEST((d->attach("dept", tmp / "empty.db", k_other).error().code == ErrorCode::WorkspaceDamaged));
    { std::ofstream(tmp / "short.db") << "SQLite format 3"; }
    BOOST_TEST((d->attach("dept", tmp / "short.db", k_other).error().code == ErrorCode::WorkspaceDamaged));
    // Create never takes over a file that holds something.
    BOOST_TEST(!d->attach("dept", census_file, k_other, Database::Mode::Create));

    // Not inside a transaction (SQLite refuses), and a part created for nothing is not left behind.
    d->exec("BEGIN;");
    BOOST_TEST(!d->attach("dept", tmp / "dept.1.db", k_other, Database::Mode::Create));
    d->exec("ROLLBACK;");
    BOOST_TEST(!fs::exists(tmp / "dept.1.db"));

    // A name outside the allow-list never reaches SQL.
    for (const char* schema : {"main", "temp", "Census", "census; DROP TABLE kits", "Legacy", ""}) {
        auto r = d->attach(schema, tmp / "dept.1.db", k_other, Database::Mode::Create);
        BOOST_REQUIRE(!r);
        BOOST_TEST((r.error().code == ErrorCode::Unexpected));
        BOOST_TEST(!d->detach(schema));
    }
    BOOST_TEST(!fs::exists(tmp / "dept.1.db"));
    BOOST_TEST(count(*d, "SELECT count(*) FROM sqlite_master WHERE name = 'kits'") == 1);

    // The connection is unharmed: the right key attaches.
    must(d->attach("census", census_file, k_census));
    BOOST_TEST(count(*d, "SELECT count(*) FROM census.persons") == 1);
}

// SQLCipher 3.4.1 keys an attached file with its process-wide defaults (page size 1024 built in)
// and ATTACH reads the file's schema at once. A schema-prefixed cipher pragma is honoured, but only
// while the file has not been read: for a new file, not for an existing one. Hence attach() sets
// `PRAGMA cipher_default_*` to the pinned values before every ATTACH.
// The split of a single-key workspace reads workspace.db attached as `legacy` and must never
// change it: the authorizer refuses every write to that schema.
BOOST_FIXTURE_TEST_CASE(a_file_attached_as_legacy_is_read_only, PartsFixture) {
    create_parts();
    auto d = open_db(main_file, k_common);
    must(d->attach("legacy", census_file, k_census));
    BOOST_TEST(count(*d, "SELECT count(*) FROM legacy.persons") == 1);
    d->exec("CREATE TABLE persons(name TEXT);");
    d->exec("INSERT INTO main.persons SELECT * FROM legacy.persons;");
    BOOST_TEST(count(*d, "SELECT count(*) FROM main.persons") == 1);
    for (const char* write : {"INSERT INTO legacy.persons VALUES ('x');", "DELETE FROM legacy.persons;",
                              "UPDATE legacy.persons SET name = 'x';"})
        BOOST_CHECK_THROW(d->exec(write), db::DbFailure);
    BOOST_TEST(count(*d, "SELECT count(*) FROM legacy.persons WHERE name = 'Әсел Нұрланқызы'") == 1);
    must(d->detach("legacy"));
}

BOOST_FIXTURE_TEST_CASE(sqlcipher_keys_an_attached_file_with_its_process_defaults, PartsFixture) {
    create_parts();
    auto d = open_db(main_file, k_common);
    d->exec("PRAGMA cipher_default_page_size = 1024;");  // 3.4.1's built-in default
    // An existing 4096-byte-page file cannot be attached under the 1024 default: page 1 fails its MAC.
    BOOST_TEST(raw_attach(*d, census_file, k_census) == SQLITE_NOTADB);
    BOOST_TEST(!has_schema(*d, "census"));

    // A new file: the schema-prefixed pragma before the first write takes effect.
    const auto fresh = tmp / "fresh.db";
    std::ofstream{fresh};  // ATTACH creates no file on a connection opened without SQLITE_OPEN_CREATE
    BOOST_REQUIRE(raw_attach(*d, fresh, k_census) == SQLITE_OK);
    BOOST_TEST(d->pragma_int("census.cipher_page_size") == 1024);
    d->exec("PRAGMA census.cipher_page_size = 4096;"
            "PRAGMA census.journal_mode = WAL;"
            "CREATE TABLE census.t(x); INSERT INTO census.t VALUES (1);");
    d->exec("DETACH DATABASE census;");
    auto alone = open_db(fresh, k_census);  // the pinned 4096
    BOOST_TEST(count(*alone, "SELECT count(*) FROM t") == 1);
    alone.reset();

    // attach() does not depend on what the process defaults were.
    d->exec("PRAGMA cipher_default_page_size = 1024;");
    must(d->attach("census", census_file, k_census));
    BOOST_TEST(d->pragma_int("cipher_default_page_size") == 4096);
    BOOST_TEST(count(*d, "SELECT count(*) FROM census.persons") == 1);
}

BOOST_FIXTURE_TEST_CASE(a_transaction_writing_main_and_a_part_commits_both, PartsFixture) {
    create_parts();
    {
        auto d = open_both();
        d->exec("BEGIN IMMEDIATE;");
        // BEGIN IMMEDIATE takes the write lock of every attached file, not only of main: another
        // connection to the part alone cannot start writing (design §3, "Marker").
        auto other = open_db(census_file, k_census);
        other->exec("PRAGMA busy_timeout = 0;");
        BOOST_CHECK_THROW(other->exec("BEGIN IMMEDIATE;"), db::DbFailure);
        other.reset();
        d->exec("INSERT INTO kits VALUES ('KIT-0001');"
                "INSERT INTO census.persons VALUES ('Ерлан Сейтқали');"
                "COMMIT;");
    }
    BOOST_TEST(count(*open_db(main_file, k_common), "SELECT count(*) FROM kits") == 1);
    BOOST_TEST(count(*open_db(census_file, k_census), "SELECT count(*) FROM persons") == 2);
}

BOOST_FIXTURE_TEST_CASE(sqlite3_backup_copies_an_attached_part_into_a_file_under_another_key, PartsFixture) {
    create_parts();
    const auto copy_file = tmp / "census.2.db";
    {
        auto d = open_both();
        auto copy = open_db(copy_file, k_other, Database::Mode::BackupCopy);
        // As db/backup.cpp does, with the attached schema's name as the source.
        sqlite3_backup* backup = sqlite3_backup_init(copy->handle(), "main", d->handle(), "census");
        BOOST_REQUIRE(backup);
        int rc = SQLITE_OK;
        while ((rc = sqlite3_backup_step(backup, 256)) == SQLITE_OK) {
        }
        const auto pages = sqlite3_backup_pagecount(backup);
        BOOST_TEST(sqlite3_backup_finish(backup) == SQLITE_OK);
        BOOST_TEST(rc == SQLITE_DONE);
        BOOST_TEST(pages == d->pragma_int("census.page_count"));
    }
    auto copy = open_db(copy_file, k_other);
    BOOST_TEST(count(*copy, "SELECT count(*) FROM persons WHERE name = 'Әсел Нұрланқызы'") == 1);
    copy.reset();
    BOOST_TEST(!Database::open(copy_file, &k_census, Database::Mode::OpenExisting));
    BOOST_TEST(count(*open_db(census_file, k_census), "SELECT count(*) FROM persons") == 1);
}

// In WAL mode SQLite commits file by file, main first (vdbeCommit: phase one per attached file in
// order; the super-journal is ignored by WAL). An I/O failure on the part's WAL after main's commit
// frame is written and synced leaves main committed and the part not — the case design §3's
// marker and recovery exist for.
BOOST_FIXTURE_TEST_CASE(in_wal_mode_a_commit_is_atomic_per_file_only, PartsFixture) {
    create_parts();
    {
        FaultVfs vfs;  // before the connection, which must close first
        auto d = open_both();
        d->exec("BEGIN IMMEDIATE;"
                "INSERT INTO kits VALUES ('KIT-0002');"
                "INSERT INTO census.persons VALUES ('Ерлан Сейтқали');");
        vfs.arm(FaultVfs::Fault::Write, census_file.filename().string() + "-wal");
        try {
            d->exec("COMMIT;");
            BOOST_FAIL("COMMIT succeeded though the part's WAL could not be written");
        } catch (const db::DbFailure& failure) {
            BOOST_TEST((failure.error().code == ErrorCode::Io), describe(failure.error()));
        }
        BOOST_TEST(vfs.failures() >= 1);
        vfs.disarm();
        BOOST_TEST(!d->in_transaction());  // SQLite rolled back what it could
        BOOST_TEST(count(*d, "SELECT count(*) FROM kits") == 1);             // main: committed
        BOOST_TEST(count(*d, "SELECT count(*) FROM census.persons") == 1);   // the part: not
    }
    // The same on disk, each file opened alone.
    BOOST_TEST(count(*open_db(main_file, k_common), "SELECT count(*) FROM kits") == 1);
    BOOST_TEST(count(*open_db(census_file, k_census), "SELECT count(*) FROM persons") == 1);
}

// A failed fsync of the part's WAL is not a rollback: the commit frames are already in the WAL file.
// The connection does not see them (its WAL index was not advanced), but if the process dies before
// the WAL is checkpointed or overwritten, the next opener recovers them and the part *is* committed.
// So the recovery of design §3 must not conclude "the part did not commit" from a failed COMMIT
// alone; only the part's own marker, read after reopening, tells.
BOOST_FIXTURE_TEST_CASE(a_failed_sync_of_the_parts_wal_can_still_commit_it_after_a_crash, PartsFixture) {
    create_parts();
    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        // Exit codes: 0 as described, else which expectation failed. _exit inside the scope: a
        // crash, so neither the connection's close nor its checkpoint runs.
        try {
            FaultVfs vfs;
            auto d = open_db(main_file, k_common);
            if (!d->attach("census", census_file, k_census)) ::_exit(10);
            // A commit first, so that the part's WAL exists: the first write to a new WAL syncs
            // its header before any frame, and a failure there leaves no frame to recover.
            d->exec("INSERT INTO census.persons VALUES ('Данияр Ахметов');");
            d->exec("BEGIN IMMEDIATE;"
                    "INSERT INTO kits VALUES ('KIT-0003');"
                    "INSERT INTO census.persons VALUES ('Ерлан Сейтқали');");
            vfs.arm(FaultVfs::Fault::Sync, census_file.filename().string() + "-wal");
            try {
                d->exec("COMMIT;");
                ::_exit(11);
            } catch (const db::DbFailure&) {
            }
            if (vfs.failures() != 1) ::_exit(12);
            vfs.disarm();
            if (d->in_transaction()) ::_exit(13);
            if (count(*d, "SELECT count(*) FROM kits") != 1) ::_exit(14);
            if (count(*d, "SELECT count(*) FROM census.persons") != 2) ::_exit(15);  // not visible here
            ::_exit(0);
        } catch (...) {
            ::_exit(16);
        }
    }
    int status = 0;
    BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
    BOOST_REQUIRE(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
    BOOST_TEST(count(*open_db(main_file, k_common), "SELECT count(*) FROM kits") == 1);
    BOOST_TEST(count(*open_db(census_file, k_census), "SELECT count(*) FROM persons") == 3);
}

// Design §4 avoids in-place rekeying. What 3.4.1 does with sqlite3_rekey_v2 on an attached part in
// WAL mode: it rewrites every page through the WAL under the new key (the whole file once more in
// the WAL) and returns SQLITE_OK; a second connection still holding the old key can no longer read
// the file; once checkpointed, the file opens under the new key only.
BOOST_FIXTURE_TEST_CASE(rekey_v2_of_an_attached_wal_part_pushes_every_page_through_the_wal, PartsFixture) {
    create_parts();
    auto wal = census_file;
    wal += "-wal";
    {
        auto d = open_both();
        auto reader = open_db(census_file, k_census);
        BOOST_TEST(count(*reader, "SELECT count(*) FROM persons") == 1);
        const auto pages = d->pragma_int("census.page_count");
        const auto wal_before = fs::exists(wal) ? fs::file_size(wal) : 0;
        const auto spec = spec_of(k_other);
        BOOST_TEST(sqlite3_rekey_v2(d->handle(), "census", spec.data(), static_cast<int>(spec.size())) == SQLITE_OK);
        BOOST_TEST(fs::file_size(wal) >= wal_before + static_cast<std::uintmax_t>(pages) * 4096);
        BOOST_TEST(count(*d, "SELECT count(*) FROM census.persons") == 1);
        BOOST_CHECK_THROW(count(*reader, "SELECT count(*) FROM persons"), db::DbFailure);  // NOTADB
    }
    BOOST_TEST(!Database::open(census_file, &k_census, Database::Mode::OpenExisting));
    BOOST_TEST(count(*open_db(census_file, k_other), "SELECT count(*) FROM persons") == 1);
}

// ... and its SQLITE_OK means nothing: after a schema-prefixed cipher pragma on the attached part
// (here the very value it has), sqlite3_rekey_v2 still returns SQLITE_OK, rewrites nothing, and the
// connection can no longer read the part. A second reason never to rekey in place, and never to
// set cipher pragmas on a part after ATTACH.
BOOST_FIXTURE_TEST_CASE(rekey_v2_reports_success_when_it_did_nothing, PartsFixture) {
    create_parts();
    {
        auto d = open_both();
        d->exec("PRAGMA census.kdf_iter = 64000;");
        const auto spec = spec_of(k_other);
        BOOST_TEST(sqlite3_rekey_v2(d->handle(), "census", spec.data(), static_cast<int>(spec.size())) == SQLITE_OK);
        BOOST_TEST(sqlite3_errcode(d->handle()) == SQLITE_ERROR);
        BOOST_CHECK_THROW(count(*d, "SELECT count(*) FROM census.persons"), db::DbFailure);
    }
    BOOST_TEST(count(*open_db(census_file, k_census), "SELECT count(*) FROM persons") == 1);
    BOOST_TEST(!Database::open(census_file, &k_other, Database::Mode::OpenExisting));
}

BOOST_AUTO_TEST_SUITE_END()
