// Backup and restore of a workspace (db/backup.h; format in db/README.md, "Backup file"): a
// consistent copy while another connection writes, still encrypted, opening with every user's
// password; tampered, truncated, foreign or newer backups refused with nothing left behind.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "crypto/crypto.h"
#include "db/backup.h"
#include "db/key_slots.h"
#include "db/migrations/migrations.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

const std::string kIin = with_check_digit("85071530012");
const std::string kSurname = "Жанбұлатқызы";
const std::string kInstitution = "Мектеп-интернат Ақбота";
const std::string kKitNumber = "KIT-BKP-7731";

std::string uuid(int n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
    return buf;
}

/// `count` persons (ids from `first`) in households of three, one transaction per 5,000.
void add_persons(Store& store, int first, int count) {
    for (int done = 0; done < count;) {
        const int n = std::min(5000, count - done);
        must(store.write([&](StoreSession& tx) -> Status {
            const auto from = sample_provenance(uuid(900000000 + first + done), kKitNumber);
            for (int i = 0; i < n; ++i) {
                const int id = first + done + i;
                if (id % 3 == 0)
                    SANAQ_TRY(tx.census().upsert(sample_household(uuid(500000000 + id / 3)), from));
                auto p = sample_person(uuid(id), uuid(500000000 + id / 3));
                SANAQ_TRY(tx.census().upsert(p, from));
            }
            return {};
        }));
        done += n;
    }
}

std::int64_t persons_in(Store& store) {
    std::int64_t n = -1;
    must(store.read([&](StoreSession& tx) -> Status {
        n = must(tx.census().stats()).persons;
        return {};
    }));
    return n;
}

std::string read_bytes(const fs::path& file) { return read_file(file); }

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::set<std::string> names_in(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(folder)) names.insert(e.path().filename().string());
    return names;
}

/// A workspace with register rows whose text must never be readable on disk, and some persons.
struct BackupFixture : FreshWorkspace {
    fs::path out_dir = tmp / "backups";
    fs::path backup = out_dir / "ws.sanaq-backup";

    BackupFixture() {
        fs::create_directories(out_dir);
        const std::string bin = with_check_digit("99034000111");
        must(ws->write([&](StoreSession& tx) -> Status {
            SANAQ_TRY(tx.institutions().insert(sample_institution(bin, kInstitution)));
            auto id = tx.staff().insert(sample_employee(bin, kIin, kSurname + " Айгерім Серікқызы"));
            SANAQ_TRY(id);
            SANAQ_TRY(tx.kits().insert(sample_kit(kKitNumber, "BKP7731")));
            auto entry = tx.audit().append(draft_entry(kAdmin, "staff.add", kIin));
            SANAQ_TRY(entry);
            return {};
        }));
        add_persons(*ws, 0, 3000);
    }

    BackupInfo make_backup(const ArchiveProgress& progress = {}) {
        return must(ws->write_backup(backup, progress, nullptr));
    }

    Result<std::unique_ptr<RestoredWorkspace>> restore(const fs::path& target, const std::string& user = kAdmin,
                                                       const std::string& password = kPassword,
                                                       const fs::path& from = {}) {
        db::BackupRestorer restorer(quick_open());
        return restorer.restore(from.empty() ? backup : from, target, user, password, {});
    }

    /// Restoring `file` fails with `code`; neither the target nor a staging folder is left.
    Error expect_refused(const fs::path& file, ErrorCode code, const std::string& password = kPassword) {
        const auto target = tmp / "restored-refused";
        const auto before = names_in(tmp.path());
        auto r = restore(target, kAdmin, password, file);
        BOOST_REQUIRE_MESSAGE(!r.has_value(), "restore of a bad backup succeeded");
        BOOST_TEST((r.error().code == code), describe(r.error()));
        BOOST_TEST(!fs::exists(target));
        BOOST_TEST((names_in(tmp.path()) == before), "something was left beside the target");
        return r.error();
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(backup)

BOOST_FIXTURE_TEST_CASE(a_backup_taken_while_another_connection_writes_is_that_moments_copy, BackupFixture) {
    // Enough pages for the copy to take several steps of the backup API.
    add_persons(*ws, 3000, 27000);
    const auto at_start = persons_in(*ws);
    auto worker = must(ws->open_worker_store());
    int writes = 0, calls = 0;
    std::uint64_t last_done = 0, total = 0;
    // Between steps of the copy, a pull-like worker on its own connection commits more persons:
    // the copy must neither restart nor see them.
    auto info = make_backup([&](std::uint64_t done, std::uint64_t all) {
        BOOST_TEST(done >= last_done);
        last_done = done;
        total = all;
        if (++calls % 2 == 1 && done < all / 2) {
            add_persons(*worker, 100000 + writes * 100, 100);
            ++writes;
        }
        return true;
    });
    BOOST_TEST(writes >= 2);
    BOOST_TEST(last_done == total);
    BOOST_TEST(persons_in(*ws) == at_start + writes * 100);
    BOOST_TEST(info.size == fs::file_size(backup));
    BOOST_TEST(info.sha256 == file_sha256(backup));
    BOOST_TEST(info.workspace_id == ws->workspace_id());
    BOOST_TEST(info.schema_version == db::latest_schema_version());
    BOOST_TEST(info.database_bytes % 4096 == 0u);
    BOOST_TEST(info.audit_seq == 1);

    const auto target = tmp / "restored";
    auto staged = must(restore(target));
    BOOST_TEST(persons_in(staged->store()) == at_start);
    BOOST_TEST(staged->backup().sha256 == info.sha256);
    BOOST_TEST(staged->backup().size == info.size);
    BOOST_TEST(staged->backup().audit_seq == info.audit_seq);
    BOOST_TEST(!fs::exists(target));  // not before publish
    must(staged->publish());
    staged.reset();
    BOOST_TEST(fs::exists(target / "workspace.db"));
    BOOST_TEST(fs::exists(target / "keyslots.json"));
    worker.reset();
}

BOOST_FIXTURE_TEST_CASE(a_backup_runs_while_a_thread_keeps_writing, BackupFixture) {
    const auto at_start = persons_in(*ws);
    auto worker = must(ws->open_worker_store());
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        for (int i = 0; !stop && i < 200; ++i) {
            auto st = worker->write([&](StoreSession& tx) -> Status {
                auto r = tx.census().upsert(sample_person(uuid(700000 + i), uuid(1)), sample_provenance(uuid(800000 + i), kKitNumber));
                SANAQ_TRY(r);
                return {};
            });
            if (!st) break;
            ++written;
        }
    });
    for (int i = 0; i < 3; ++i) {
        const auto file = out_dir / ("round-" + std::to_string(i) + ".sanaq-backup");
        must(ws->write_backup(file, {}, nullptr));
        // The screens' own connection keeps working meanwhile.
        must(ws->write([&](StoreSession& tx) -> Status { return drop_value(tx.audit().append(draft_entry(kAdmin, "x.y", "z"))); }));
    }
    stop = true;
    writer.join();
    BOOST_TEST(written.load() > 0);
    // The last copy holds a state between the start and now, internally consistent (checked on restore).
    auto staged = must(restore(tmp / "restored", kAdmin, kPassword, out_dir / "round-2.sanaq-backup"));
    const auto restored = persons_in(staged->store());
    BOOST_TEST(restored >= at_start);
    BOOST_TEST(restored <= persons_in(*ws));
    worker.reset();
}

BOOST_FIXTURE_TEST_CASE(the_copy_opens_with_each_users_password_and_is_encrypted_like_the_original, BackupFixture) {
    must(ws->add_slot("officer.aigerim", "officer password 1", Role::Officer));
    must(ws->add_slot("supervisor.nurlan", "supervisor password 2", Role::Supervisor));
    make_backup();
    const auto target = tmp / "restored";
    must(must(restore(target, "officer.aigerim", "officer password 1"))->publish());

    // The key slots and cipher parameters came over byte for byte; the database file did not (its
    // own random salt) but it is under the same master key.
    // (The restoring officer's sign-in then enrolled them for the conversion to per-role keys,
    // which adds to the document and leaves every slot as it came.)
    const auto restored_slots = must(db::read_key_slots(target / "keyslots.json"));
    const auto original_slots = must(db::read_key_slots(dir / "keyslots.json"));
    BOOST_TEST(restored_slots.workspace_id == original_slots.workspace_id);
    BOOST_TEST((restored_slots.cipher == original_slots.cipher));
    BOOST_REQUIRE(restored_slots.slots.size() == original_slots.slots.size());
    for (std::size_t i = 0; i < restored_slots.slots.size(); ++i) {
        BOOST_TEST(restored_slots.slots[i].id == original_slots.slots[i].id);
        BOOST_TEST(restored_slots.slots[i].wrapped_key == original_slots.slots[i].wrapped_key);
        BOOST_TEST(restored_slots.slots[i].salt == original_slots.slots[i].salt);
    }
    const auto header = read_bytes(target / "workspace.db").substr(0, 16);
    BOOST_TEST(header.find("SQLite format 3") == std::string::npos);
    for (auto [user, password] : {std::pair{kAdmin, kPassword}, std::pair{std::string("officer.aigerim"), std::string("officer password 1")},
                                  std::pair{std::string("supervisor.nurlan"), std::string("supervisor password 2")}}) {
        auto copy = must(db::Workspace::open(target, user, password, quick_open()));
        BOOST_TEST(copy->workspace_id() == ws->workspace_id());
        BOOST_TEST(persons_in(*copy) == 3000);
        must(copy->read([&](StoreSession& tx) -> Status {
            auto e = tx.staff().find_by_iin(kIin);
            BOOST_REQUIRE(e && *e);
            BOOST_TEST((*e)->full_name.find(kSurname) == 0u);
            return {};
        }));
    }
    auto wrong = db::Workspace::open(target, "officer.aigerim", "not the password", quick_open());
    BOOST_REQUIRE(!wrong);
    BOOST_TEST((wrong.error().code == ErrorCode::WrongPassword));

    // The manifest records the same cipher parameters as keyslots.json.
    auto inspected = must(db::inspect_backup(backup));
    BOOST_TEST(inspected.workspace_id == ws->workspace_id());
    auto key = must(db::unlock_master_key(target, kAdmin, kPassword));
    auto raw = must(db::Database::open(target / "workspace.db", &key, db::Database::Mode::OpenExisting));
    auto& st = raw->cached("SELECT value FROM store_parameters WHERE name = 'cipher_page_size'");
    BOOST_REQUIRE(st.step());
    BOOST_TEST(st.text(0) == "4096");
    st.reset();
}

BOOST_FIXTURE_TEST_CASE(no_plaintext_in_the_backup_file_and_nothing_else_written, BackupFixture) {
    make_backup();
    const auto bytes = read_bytes(backup);
    for (const auto& marker : {kIin, kSurname, kInstitution, kKitNumber, kAdmin, std::string("SQLite format 3")})
        BOOST_TEST(bytes.find(marker) == std::string::npos, "'" << marker << "' readable in the backup");
    BOOST_TEST((names_in(out_dir) == std::set<std::string>{"ws.sanaq-backup"}));
    BOOST_TEST(bytes.substr(bytes.size() - 16) == std::string(db::kBackupMagic));
    // Owner-only, like the workspace's files.
    BOOST_TEST(((fs::status(backup).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none));
    // The restored folder holds no clear text either.
    must(must(restore(tmp / "restored"))->publish());
    for (const auto& marker : {kIin, kSurname, kInstitution, kKitNumber, kAdmin})
        BOOST_TEST(!any_file_contains(tmp / "restored", marker), marker);
}

BOOST_FIXTURE_TEST_CASE(tampered_backups_are_refused_and_leave_nothing, BackupFixture) {
    const auto info = make_backup();
    const auto good = read_bytes(backup);
    const std::size_t db_size = info.database_bytes;
    const auto bad = tmp / "bad.sanaq-backup";
    auto flip = [&](std::size_t at) {
        auto b = good;
        b[at] = static_cast<char>(b[at] ^ 0x01);
        write_bytes(bad, b);
    };

    flip(db_size / 2 + 100);  // inside a page of the database
    auto e = expect_refused(bad, ErrorCode::InvalidInput);
    BOOST_TEST(e.message_id.find("does not match its own manifest") != std::string::npos);
    flip(20);  // page 1
    expect_refused(bad, ErrorCode::InvalidInput);
    flip(db_size + 40);  // the key slots
    expect_refused(bad, ErrorCode::InvalidInput);
    flip(good.size() - 40);  // the manifest's MAC in the footer
    expect_refused(bad, ErrorCode::InvalidInput);
    flip(good.size() - 20);  // the footer's reserved bytes
    expect_refused(bad, ErrorCode::InvalidInput);
    flip(good.size() - 5);  // the magic
    expect_refused(bad, ErrorCode::InvalidInput);
    flip(good.size() - 70);  // the manifest's text
    expect_refused(bad, ErrorCode::InvalidInput);

    // A page changed and the manifest's digest recomputed: only the MAC (master key) tells.
    {
        auto b = good;
        b[db_size / 2 + 100] ^= 0x01;
        const auto old_sha = sanaq::crypto::sha256_hex(std::string_view(good).substr(0, db_size));
        const auto new_sha = sanaq::crypto::sha256_hex(std::string_view(b).substr(0, db_size));
        const auto pos = b.find(old_sha, db_size);
        BOOST_REQUIRE(pos != std::string::npos);
        b.replace(pos, new_sha.size(), new_sha);
        write_bytes(bad, b);
        e = expect_refused(bad, ErrorCode::InvalidInput);
        BOOST_TEST(e.detail == "manifest MAC");
    }
    // A later backup's database under an earlier backup's manifest (same master key): MAC or digest.
    {
        auto b = good;
        const auto latest = db::latest_schema_version();
        const auto pos = b.find("\"schema_version\": " + std::to_string(latest), db_size);
        BOOST_REQUIRE(pos != std::string::npos);
        // The earlier version in the same number of bytes ("10" becomes " 9": JSON whitespace).
        std::string earlier = std::to_string(latest - 1);
        earlier.insert(0, std::to_string(latest).size() - earlier.size(), ' ');
        b.replace(pos + 18, earlier.size(), earlier);
        write_bytes(bad, b);
        expect_refused(bad, ErrorCode::InvalidInput);
    }

    // Truncated anywhere, or with bytes appended: not a backup (or cut short).
    for (std::size_t size : {std::size_t{0}, std::size_t{10}, std::size_t{4096}, db_size / 2, db_size, good.size() - 65,
                             good.size() - 1}) {
        write_bytes(bad, good.substr(0, size));
        e = expect_refused(bad, ErrorCode::InvalidInput);
        BOOST_TEST(e.message_id.find("cut short") != std::string::npos, size << ": " << describe(e));
    }
    write_bytes(bad, good + "x");
    expect_refused(bad, ErrorCode::InvalidInput);
    // A page cut out of the middle, the rest shifted.
    write_bytes(bad, good.substr(0, 4096) + good.substr(8192));
    expect_refused(bad, ErrorCode::InvalidInput);
    // Not a backup at all: a workspace database, a keyslots.json.
    expect_refused(dir / "workspace.db", ErrorCode::InvalidInput);
    expect_refused(dir / "keyslots.json", ErrorCode::InvalidInput);
    expect_refused(tmp / "no-such-file", ErrorCode::Io);

    // And the untouched file still restores.
    must(must(restore(tmp / "restored"))->publish());
}

BOOST_FIXTURE_TEST_CASE(wrong_password_and_unknown_user_read_the_same_and_leave_nothing, BackupFixture) {
    make_backup();
    auto wrong = expect_refused(backup, ErrorCode::WrongPassword, "not the password");
    const auto target = tmp / "restored-refused";
    auto unknown = restore(target, "nobody.here", kPassword);
    BOOST_REQUIRE(!unknown);
    BOOST_TEST((unknown.error().code == ErrorCode::UnknownUser));
    BOOST_TEST(unknown.error().message_id == wrong.message_id);
    BOOST_TEST(!fs::exists(target));
}

BOOST_FIXTURE_TEST_CASE(restore_goes_only_into_a_new_or_empty_folder, BackupFixture) {
    make_backup();
    // The live workspace, a folder with a file in it, a file: refused, untouched.
    const auto live_before = file_sha256(dir / "keyslots.json");
    auto r = restore(dir);
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::RefusedByState), describe(r.error()));
    BOOST_TEST(file_sha256(dir / "keyslots.json") == live_before);
    fs::create_directories(tmp / "full");
    write_bytes(tmp / "full" / "notes.txt", "mine");
    r = restore(tmp / "full");
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::RefusedByState));
    BOOST_TEST((names_in(tmp / "full") == std::set<std::string>{"notes.txt"}));
    r = restore(tmp / "full" / "notes.txt");
    BOOST_REQUIRE(!r);
    BOOST_TEST(read_bytes(tmp / "full" / "notes.txt") == "mine");
    // An empty folder, and a folder whose parents do not exist yet: fine.
    fs::create_directories(tmp / "empty");
    must(must(restore(tmp / "empty"))->publish());
    BOOST_TEST(fs::exists(tmp / "empty" / "workspace.db"));
    must(must(restore(tmp / "a" / "b" / "c"))->publish());
    BOOST_TEST(fs::exists(tmp / "a" / "b" / "c" / "keyslots.json"));
    // Not published: the staging folder goes away.
    const auto before = names_in(tmp.path());
    must(restore(tmp / "abandoned")).reset();
    BOOST_TEST((names_in(tmp.path()) == before));
}

BOOST_FIXTURE_TEST_CASE(backup_never_replaces_a_file_nor_goes_into_the_workspace_folder, BackupFixture) {
    write_bytes(backup, "an older backup");
    auto r = ws->write_backup(backup, {}, nullptr);
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::AlreadyExists));
    BOOST_TEST(read_bytes(backup) == "an older backup");
    r = ws->write_backup(dir / "inside.sanaq-backup", {}, nullptr);
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(!fs::exists(dir / "inside.sanaq-backup"));
    r = ws->write_backup(tmp / "no-such-folder" / "x.sanaq-backup", {}, nullptr);
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::Io));
}

BOOST_FIXTURE_TEST_CASE(a_refused_audit_entry_or_a_cancel_leaves_no_file, BackupFixture) {
    auto r = ws->write_backup(backup, {}, [](const BackupInfo& info) -> Status {
        BOOST_TEST(info.size > 0u);
        return fail(ErrorCode::Io, "audit store full");
    });
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().message_id == "audit store full");
    BOOST_TEST(names_in(out_dir).empty());
    r = ws->write_backup(backup, [](std::uint64_t done, std::uint64_t) { return done == 0; }, nullptr);
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::Cancelled));
    BOOST_TEST(names_in(out_dir).empty());
}

namespace {
/// A backup of the closed workspace as it is on disk (for schema versions open() would refuse or
/// migrate first).
void backup_closed(FreshWorkspace& f, const fs::path& out) {
    auto key = must(db::unlock_master_key(f.dir, kAdmin, kPassword));
    auto slots = must(db::read_key_slots(f.dir / "keyslots.json"));
    must(drop_value(db::write_backup_file(db::BackupSource{f.dir / "workspace.db", f.dir, key, slots}, out, {}, nullptr)));
}
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_backup_of_an_older_schema_is_migrated_forward_on_restore, BackupFixture) {
    close();
    {
        auto raw = this->raw();
        raw->exec("DROP TABLE upstream_batch_members; DROP TABLE upstream_batch_bodies; DROP TABLE upstream_batches;"
                  "DELETE FROM schema_history WHERE version >= 6; PRAGMA user_version = 5;");
    }
    backup_closed(*this, backup);
    BOOST_TEST(must(db::inspect_backup(backup)).schema_version == 5);
    auto staged = must(restore(tmp / "restored"));
    BOOST_TEST(staged->backup().schema_version == 5);
    BOOST_TEST(staged->schema_version() == db::latest_schema_version());
    BOOST_TEST(persons_in(staged->store()) == 3000);
    must(staged->publish());
    BOOST_TEST(fs::exists(tmp / "restored" / "workspace.db.schema-5.bak"));
}

BOOST_FIXTURE_TEST_CASE(a_backup_of_a_newer_schema_is_refused, BackupFixture) {
    close();
    raw()->exec("PRAGMA user_version = " + std::to_string(db::latest_schema_version() + 1) + ";");
    backup_closed(*this, backup);
    auto e = expect_refused(backup, ErrorCode::RefusedByState);
    BOOST_TEST(e.message_id.find("newer version") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_copy_that_fails_sqlites_integrity_check_is_refused, BackupFixture) {
    close();
    {
        // Two indexes of one table with their root pages swapped: every page's MAC is right, the
        // b-trees are not.
        auto raw = this->raw();
        raw->exec("CREATE TABLE scratch(a INTEGER, b TEXT); CREATE INDEX scratch_a ON scratch(a);"
                  "CREATE INDEX scratch_b ON scratch(b);");
        raw->exec("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500) "
                  "INSERT INTO scratch SELECT x, 'v' || (1000 - x) FROM c;");
        auto& roots = raw->cached("SELECT name, rootpage FROM sqlite_master WHERE name IN ('scratch_a', 'scratch_b') ORDER BY name");
        std::int64_t a = 0, b = 0;
        BOOST_REQUIRE(roots.step());
        a = roots.int64(1);
        BOOST_REQUIRE(roots.step());
        b = roots.int64(1);
        roots.reset();
        raw->exec("PRAGMA writable_schema = ON;"
                  "UPDATE sqlite_master SET rootpage = " + std::to_string(b) + " WHERE name = 'scratch_a';"
                  "UPDATE sqlite_master SET rootpage = " + std::to_string(a) + " WHERE name = 'scratch_b';"
                  "PRAGMA writable_schema = OFF;");
    }
    backup_closed(*this, backup);
    auto e = expect_refused(backup, ErrorCode::InvalidInput);
    BOOST_TEST(e.message_id.find("integrity check") != std::string::npos, describe(e));
}

BOOST_AUTO_TEST_CASE(a_page_mac_check_agrees_with_sqlcipher) {
    FreshWorkspace f;
    f.close();
    auto key = must(db::unlock_master_key(f.dir, kAdmin, kPassword));
    auto bytes = read_file(f.dir / "workspace.db");
    BOOST_REQUIRE(bytes.size() >= 8192u);
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    auto check = must(db::PageMacCheck::make(key, p, db::pinned_cipher_parameters()));
    for (std::size_t i = 0; i < bytes.size() / 4096; ++i) BOOST_TEST(check.verify(p + i * 4096, static_cast<std::uint32_t>(i + 1)));
    BOOST_TEST(!check.verify(p + 4096, 1));  // a page under another number
    bytes[5000] ^= 0x04;
    BOOST_TEST(!check.verify(reinterpret_cast<const unsigned char*>(bytes.data()) + 4096, 2));
}

BOOST_AUTO_TEST_SUITE_END()
