// The workspace folder as a whole: create/open, authentication, the lock, damaged and foreign
// files, and that nothing readable leaks to disk.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>

#include "core/domain/audit.h"
#include "db/key_slots.h"
#include "db/login_failures.h"
#include "db/migrations/migrations.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::string random_bytes(std::size_t n) {
    std::mt19937 rng(42);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xff);
    return s;
}

Error open_error(const fs::path& dir, const std::string& user = kAdmin, const std::string& password = kPassword) {
    auto r = db::Workspace::open(dir, user, password, quick_open());
    BOOST_REQUIRE_MESSAGE(!r.has_value(), "open unexpectedly succeeded");
    return r.error();
}

void expect_damaged(const fs::path& dir, const std::string& file_name) {
    const auto e = open_error(dir);
    BOOST_TEST_MESSAGE(describe(e));
    BOOST_TEST((e.code == ErrorCode::WorkspaceDamaged), describe(e));
    BOOST_REQUIRE(!e.args.empty());
    BOOST_TEST(e.args[0].find(file_name) != std::string::npos, describe(e));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(workspace)

BOOST_AUTO_TEST_CASE(create_makes_the_documented_folder_and_opens_again) {
    FreshWorkspace f;
    BOOST_TEST(f.ws->user() == kAdmin);
    BOOST_TEST(f.ws->schema_version() == db::latest_schema_version());
    BOOST_TEST(fs::is_regular_file(f.dir / "workspace.db"));
    BOOST_TEST(fs::is_regular_file(f.dir / "keyslots.json"));
    BOOST_TEST(fs::is_regular_file(f.dir / "workspace.lock"));
    BOOST_TEST(db::looks_like_workspace(f.dir));
    BOOST_TEST(f.ws->has_slot(kAdmin));
    BOOST_TEST(!f.ws->has_slot("nobody"));
    const auto id = f.ws->workspace_id();
    f.close();
    f.reopen();
    BOOST_TEST(f.ws->workspace_id() == id);
    BOOST_TEST(f.ws->schema_version() == db::latest_schema_version());
}

BOOST_AUTO_TEST_CASE(create_refuses_a_folder_in_use) {
    FreshWorkspace f;
    f.close();
    auto again = db::Workspace::create(f.dir, kAdmin, kPassword, db::test_kdf());
    BOOST_REQUIRE(!again);
    BOOST_TEST((again.error().code == ErrorCode::AlreadyExists));

    TempDir other("sanaq-db");
    write_bytes(other / "notes.txt", "hello");
    auto busy = db::Workspace::create(other.path(), kAdmin, kPassword, db::test_kdf());
    BOOST_REQUIRE(!busy);
    BOOST_TEST((busy.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(fs::exists(other / "notes.txt"));
}

BOOST_AUTO_TEST_CASE(create_checks_name_and_password_with_core_rules) {
    TempDir tmp("sanaq-db");
    auto bad_name = db::Workspace::create(tmp / "a", "Bad Name", kPassword, db::test_kdf());
    BOOST_REQUIRE(!bad_name);
    BOOST_TEST((bad_name.error().code == ErrorCode::InvalidInput));
    auto short_pw = db::Workspace::create(tmp / "b", kAdmin, "short", db::test_kdf());
    BOOST_REQUIRE(!short_pw);
    BOOST_TEST((short_pw.error().code == ErrorCode::InvalidInput));
    BOOST_TEST(!fs::exists(tmp / "a" / "keyslots.json"));
}

BOOST_AUTO_TEST_CASE(database_header_is_not_plain_sqlite) {
    FreshWorkspace f;
    f.close();
    const auto bytes = read_file(f.dir / "workspace.db");
    BOOST_REQUIRE(bytes.size() >= 4096);
    BOOST_TEST(bytes.size() % 4096 == 0u);
    BOOST_TEST(bytes.substr(0, 16) != std::string("SQLite format 3\0", 16));
    BOOST_TEST(bytes.find("SQLite format 3") == std::string::npos);
    BOOST_TEST(bytes.find("CREATE TABLE") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(cipher_parameters_are_recorded_in_both_places) {
    FreshWorkspace f;
    f.close();
    const auto slots = must(db::read_key_slots(f.dir / "keyslots.json"));
    BOOST_TEST((slots.cipher == db::pinned_cipher_parameters()));
    BOOST_TEST(slots.cipher.cipher == "aes-256-cbc");
    BOOST_TEST(slots.cipher.page_size == 4096);
    BOOST_TEST(slots.cipher.kdf_iter == 64000);
    BOOST_TEST(slots.cipher.use_hmac);
    auto raw = f.raw();
    auto& st = raw->cached("SELECT value FROM store_parameters WHERE name = ?");
    auto get = [&](const char* name) {
        st.reset();
        st.bind(1, name);
        return st.step() ? st.text(0) : std::string("<none>");
    };
    BOOST_TEST(get("cipher") == "aes-256-cbc");
    BOOST_TEST(get("cipher_page_size") == "4096");
    BOOST_TEST(get("kdf_iter") == "64000");
    BOOST_TEST(get("cipher_use_hmac") == "ON");
    BOOST_TEST(get("hmac") == "HMAC-SHA1");
    BOOST_TEST(get("workspace_id") == slots.workspace_id);
    BOOST_TEST(get("created_with_sqlcipher") == "3.4.1");
    st.reset();
    BOOST_TEST(raw->pragma_text("journal_mode") == "wal");
    BOOST_TEST(raw->pragma_int("foreign_keys") == 1);
    BOOST_TEST(raw->pragma_int("secure_delete") == 1);
    BOOST_TEST(raw->pragma_int("synchronous") == 2);  // FULL
    BOOST_TEST(raw->pragma_int("temp_store") == 2);   // MEMORY
}

// ---- authentication ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(wrong_password_is_a_gcm_failure_with_a_growing_delay) {
    FreshWorkspace f;
    f.close();
    const int expected_delays[] = {0, 1, 2, 4, 8, 16, 30, 30};
    for (int n = 1; n <= 8; ++n) {
        const auto e = open_error(f.dir, kAdmin, "wrong password " + std::to_string(n));
        BOOST_TEST((e.code == ErrorCode::WrongPassword));
        BOOST_TEST(e.message_id == "Wrong user name or password.");
        BOOST_TEST(e.detail == "consecutive failures: " + std::to_string(n) +
                                   "; delay: " + std::to_string(expected_delays[n - 1]) + " s");
        BOOST_TEST(db::recorded_login_failures(f.dir, kAdmin) == n);
        BOOST_TEST(db::failure_delay(n).count() == expected_delays[n - 1]);
    }
    BOOST_TEST(db::failure_delay(100).count() == 30);
    // The counter file names no user.
    BOOST_TEST(!any_file_contains(f.dir, kAdmin));
    // Success resets the counter.
    f.reopen();
    BOOST_TEST(db::recorded_login_failures(f.dir, kAdmin) == 0);
}

BOOST_AUTO_TEST_CASE(the_delay_is_really_waited_before_the_error) {
    FreshWorkspace f;
    f.close();
    db::OpenOptions waiting{true, db::test_kdf()};
    auto first = db::Workspace::open(f.dir, kAdmin, "nope nope nope", waiting);  // no delay yet
    BOOST_REQUIRE(!first);
    const auto start = std::chrono::steady_clock::now();
    auto second = db::Workspace::open(f.dir, kAdmin, "nope nope nope", waiting);  // 1 s
    const auto waited = std::chrono::steady_clock::now() - start;
    BOOST_REQUIRE(!second);
    BOOST_TEST(waited >= std::chrono::milliseconds(950));
    BOOST_TEST(waited < std::chrono::seconds(5));
}

BOOST_AUTO_TEST_CASE(checking_a_password_while_open_counts_failures_like_signing_in) {
    FreshWorkspace f;   // open: the check needs no lock
    auto first = db::check_password(f.dir, kAdmin, "a guess");
    BOOST_REQUIRE(!first.has_value());
    BOOST_TEST((first.error().code == ErrorCode::WrongPassword));
    BOOST_TEST(db::recorded_login_failures(f.dir, kAdmin) == 1);
    // The next sign-in attempt waits as after one failed sign-in; a right password resets.
    BOOST_TEST(db::check_password(f.dir, kAdmin, kPassword).has_value());
    BOOST_TEST(db::recorded_login_failures(f.dir, kAdmin) == 0);
}

BOOST_AUTO_TEST_CASE(unknown_user_reads_exactly_like_a_wrong_password) {
    FreshWorkspace f;
    f.close();
    const auto wrong = open_error(f.dir, kAdmin, "not the password");
    const auto unknown = open_error(f.dir, "mallory", kPassword);
    BOOST_TEST((unknown.code == ErrorCode::UnknownUser));
    BOOST_TEST((wrong.code == ErrorCode::WrongPassword));
    BOOST_TEST(unknown.message_id == wrong.message_id);
    BOOST_TEST(unknown.args == wrong.args);
    BOOST_TEST(unknown.args.empty());
    // Unknown names are counted too (by their would-be slot id), so probing them also slows down.
    BOOST_TEST(db::recorded_login_failures(f.dir, "mallory") == 1);
}

// ---- lock --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(second_open_in_the_same_process_is_refused_naming_the_holder) {
    FreshWorkspace f;
    const auto e = open_error(f.dir);
    BOOST_TEST((e.code == ErrorCode::WorkspaceLocked), describe(e));
    BOOST_REQUIRE(e.args.size() == 4u);
    BOOST_TEST(e.args[0] == f.dir.string());
    BOOST_TEST(e.args[1] == std::to_string(::getpid()));
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    BOOST_TEST(e.args[2] == std::string(host));
    BOOST_TEST(e.args[3].size() == 20u);  // 2026-11-22T09:14:03Z
    // Released with the Workspace.
    f.close();
    f.reopen();
}

BOOST_AUTO_TEST_CASE(a_forked_child_cannot_open_a_held_workspace) {
    FreshWorkspace f;
    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        auto r = db::Workspace::open(f.dir, kAdmin, kPassword, quick_open());
        ::_exit(!r && r.error().code == ErrorCode::WorkspaceLocked ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
}

BOOST_AUTO_TEST_CASE(a_forked_child_opens_once_the_parent_has_closed) {
    FreshWorkspace f;
    f.close();
    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        auto r = db::Workspace::open(f.dir, kAdmin, kPassword, quick_open());
        ::_exit(r ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST(WEXITSTATUS(status) == 0);
}

BOOST_AUTO_TEST_CASE(a_killed_instance_leaves_a_workspace_that_opens_with_its_commits) {
    FreshWorkspace f;
    f.close();
    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        // Commit, then die without closing: the data sit in the WAL, the lock dies with the process.
        auto ws = db::Workspace::open(f.dir, kAdmin, kPassword, quick_open());
        if (!ws) ::_exit(2);
        auto ok = (*ws)->write([](StoreSession& tx) -> Status { return tx.kits().insert(sample_kit("KIT-0777", "777")); });
        ::_exit(ok ? 0 : 3);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_REQUIRE(WEXITSTATUS(status) == 0);
    BOOST_TEST(fs::file_size(f.dir / "workspace.db-wal") > 0u);
    f.reopen();
    must(f.ws->read([](StoreSession& tx) -> Status {
        BOOST_TEST(must(tx.kits().find("KIT-0777")).has_value());
        return {};
    }));
}

// ---- not a workspace, damaged, foreign ---------------------------------------------------

BOOST_AUTO_TEST_CASE(folders_that_are_not_workspaces_are_named) {
    TempDir tmp("sanaq-db");
    for (const auto& dir : {tmp / "absent", tmp.path()}) {
        const auto e = open_error(dir);
        BOOST_TEST((e.code == ErrorCode::NotAWorkspace), describe(e));
        BOOST_REQUIRE(!e.args.empty());
        BOOST_TEST(e.args[0] == dir.string());
    }
    write_bytes(tmp / "some.txt", "x");
    BOOST_TEST((open_error(tmp.path()).code == ErrorCode::NotAWorkspace));
}

BOOST_AUTO_TEST_CASE(truncated_database_is_damaged) {
    constexpr std::size_t kHalf = static_cast<std::size_t>(-1);
    for (std::size_t keep : {std::size_t{0}, std::size_t{1000}, std::size_t{4096}, kHalf}) {
        FreshWorkspace f;
        must(f.ws->write([](StoreSession& tx) -> Status {
            for (int i = 0; i < 200; ++i)
                SANAQ_TRY(tx.kits().insert(sample_kit("KIT-" + std::to_string(1000 + i), std::to_string(i))));
            return {};
        }));
        f.close();
        const auto file = f.dir / "workspace.db";
        const auto size = fs::file_size(file);
        const auto cut = keep == kHalf ? (size / 2 / 4096) * 4096 : keep;
        fs::resize_file(file, cut);
        BOOST_TEST_MESSAGE("cut to " << cut << " of " << size);
        expect_damaged(f.dir, "workspace.db");
    }
}

BOOST_AUTO_TEST_CASE(random_bytes_database_is_damaged) {
    for (std::size_t n : {std::size_t{5000}, std::size_t{8192}}) {
        FreshWorkspace f;
        f.close();
        write_bytes(f.dir / "workspace.db", random_bytes(n));
        expect_damaged(f.dir, "workspace.db");
    }
}

BOOST_AUTO_TEST_CASE(plain_sqlite_file_is_damaged) {
    FreshWorkspace f;
    f.close();
    const auto file = f.dir / "workspace.db";
    fs::remove(file);
    {
        auto plain = must(db::Database::open(file, nullptr, db::Database::Mode::Create));
        plain->exec("CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        plain->exec("PRAGMA journal_mode = DELETE;");
    }
    BOOST_REQUIRE(read_file(file).substr(0, 15) == "SQLite format 3");
    expect_damaged(f.dir, "workspace.db");
}

BOOST_AUTO_TEST_CASE(database_of_another_workspace_is_damaged) {
    FreshWorkspace a, b;
    a.close();
    b.close();
    fs::copy_file(b.dir / "workspace.db", a.dir / "workspace.db", fs::copy_options::overwrite_existing);
    expect_damaged(a.dir, "workspace.db");
}

BOOST_AUTO_TEST_CASE(missing_database_beside_key_slots_is_damaged) {
    FreshWorkspace f;
    f.close();
    fs::remove(f.dir / "workspace.db");
    expect_damaged(f.dir, "workspace.db");
}

BOOST_AUTO_TEST_CASE(foreign_or_broken_key_slots_are_damaged) {
    const std::string variants[] = {
        R"({"name": "some other program", "version": 3})",
        R"([1, 2, 3])",
        "",
        "not json at all \x01\x02",
        "{\"format\": \"sanaq-keyslots\", \"version\": 99}",
    };
    for (const auto& text : variants) {
        FreshWorkspace f;
        f.close();
        write_bytes(f.dir / "keyslots.json", text);
        expect_damaged(f.dir, "keyslots.json");
    }
    // Cut in the middle, and one byte of a wrapped key changed.
    FreshWorkspace f;
    f.close();
    const auto json = read_file(f.dir / "keyslots.json");
    write_bytes(f.dir / "keyslots.json", json.substr(0, json.size() / 2));
    expect_damaged(f.dir, "keyslots.json");
}

BOOST_AUTO_TEST_CASE(altered_wrapped_key_fails_like_a_wrong_password) {
    FreshWorkspace f;
    f.close();
    auto slots = must(db::read_key_slots(f.dir / "keyslots.json"));
    slots.slots[0].wrapped_key[0] ^= 0x01;
    write_bytes(f.dir / "keyslots.json", db::key_slots_to_json(slots));  // as an editor would, MAC unchanged
    BOOST_TEST((open_error(f.dir).code == ErrorCode::WrongPassword));
}

BOOST_AUTO_TEST_CASE(newer_schema_version_refuses_to_open) {
    FreshWorkspace f;
    f.close();
    {
        auto raw = f.raw();
        raw->exec("PRAGMA user_version = " + std::to_string(db::latest_schema_version() + 1) + ";");
    }
    const auto before = file_sha256(f.dir / "workspace.db");
    const auto e = open_error(f.dir);
    BOOST_TEST((e.code == ErrorCode::RefusedByState), describe(e));
    BOOST_TEST(e.message_id.find("newer version") != std::string::npos);
    BOOST_REQUIRE(e.args.size() == 3u);
    BOOST_TEST(e.args[1] == std::to_string(db::latest_schema_version() + 1));
    BOOST_TEST(e.args[2] == std::to_string(db::latest_schema_version()));
    BOOST_TEST(file_sha256(f.dir / "workspace.db") == before);
}

// ---- nothing readable on disk ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(personal_data_never_reaches_disk_in_the_clear) {
    const auto started = fs::file_time_type::clock::now();
    FreshWorkspace f;
    const std::string iin = with_check_digit("85071530012");
    const std::string surname = "Жанбұлатқызы";
    const std::string bin = with_check_digit("99034000111");
    const std::string institution = "Мектеп-интернат Ақбота";
    const std::string kit_number = "KIT-MRK-7731";
    must(f.ws->write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.institutions().insert(sample_institution(bin, institution)));
        auto id = tx.staff().insert(sample_employee(bin, iin, surname + " Айгерім Серікқызы"));
        SANAQ_TRY(id);
        SANAQ_TRY(tx.kits().insert(sample_kit(kit_number, "MRK7731")));
        tx.settings().set("department.head_name", surname);
        auto entry = tx.audit().append(draft_entry(kAdmin, "staff.add", iin));
        SANAQ_TRY(entry);
        return {};
    }));
    const std::string markers[] = {iin, surname, bin, institution, kit_number, kAdmin};
    auto check = [&](const char* when) {
        for (const auto& marker : markers) {
            std::string where;
            BOOST_TEST(!any_file_contains(f.dir, marker, &where), when << ": '" << marker << "' found in " << where);
        }
    };
    check("open, data in the WAL");
    must(f.ws->checkpoint());
    check("after checkpoint");
    f.close();
    check("after close");

    // Nothing under the temporary folder written since this test started holds them either.
    const auto tmp = fs::temp_directory_path();
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(tmp, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (!it->is_regular_file(ec) || it->last_write_time(ec) < started || it->file_size(ec) > (64u << 20))
            continue;
        const auto bytes = read_file(it->path());
        for (const auto& marker : {iin, surname, institution})
            BOOST_TEST(bytes.find(marker) == std::string::npos, marker << " found in " << it->path());
    }
    // And the data really are there.
    f.reopen();
    must(f.ws->read([&](StoreSession& tx) -> Status {
        auto e = tx.staff().find_by_iin(iin);
        BOOST_REQUIRE(e && *e);
        BOOST_TEST((*e)->full_name.find(surname) == 0u);
        return {};
    }));
}

BOOST_AUTO_TEST_SUITE_END()
