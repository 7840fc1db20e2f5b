// Backups of a workspace with per-role keys (db/backup_per_role.h; format in db/README.md, "Backup
// file of a per-role workspace"): the administrator's backup restores for the administrator and
// for an officer without ever giving the administrator census rows in the clear; a census section
// swapped, cut or altered, an altered manifest, and a backup signed by anyone but an administrator
// are refused with nothing left behind.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "crypto/crypto.h"
#include "core/usecases/backup.h"
#include "core/usecases/users.h"
#include "db/backup.h"
#include "db/backup_per_role.h"
#include "db/key_membership.h"
#include "db/member_slots.h"
#include "db/public_key_crypto.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;
using db::Part;
using nlohmann::ordered_json;

namespace {

const std::string kOfficer = "aigerim.officer";
const std::string kCustodian = "dana.custodian";
// What must never be readable in an administrator's backup: a census person, and (encrypted
// under dept's key) a department secret; and, as in every backup, common's register text.
const std::string kPersonSurname = "Тұрсынбайқызы";
const std::string kPersonName = "Гүлназира";
const std::string kPersonIin = with_check_digit("04022860017");
const std::string kDeptSecret = "dept-secret-QX7-Жасырын";
const std::string kInstitution = "Балалар үйі Шұғыла";

std::string uuid(int n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
    return buf;
}

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::set<std::string> names_in(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(folder)) names.insert(e.path().filename().string());
    return names;
}

/// `count` persons from id `first`, one household each, written by whoever holds census.
void add_persons(Store& store, int first, int count) {
    must(store.write([&](StoreSession& tx) -> Status {
        const auto from = sample_provenance(uuid(900000000 + first), "KIT-PR-0001");
        for (int id = first; id < first + count; ++id) {
            SANAQ_TRY(tx.census().upsert(sample_household(uuid(500000000 + id)), from));
            auto p = sample_person(uuid(id), uuid(500000000 + id));
            if (id == 0) {
                p.surname = kPersonSurname;
                p.name = kPersonName;
                p.iin = kPersonIin;
            }
            SANAQ_TRY(tx.census().upsert(p, from));
        }
        return {};
    }));
}

Result<std::int64_t> persons_in(Store& store) {
    std::int64_t n = -1;
    auto st = store.read([&](StoreSession& tx) -> Status {
        auto stats = tx.census().stats();
        SANAQ_TRY(stats);
        n = stats->persons;
        return {};
    });
    SANAQ_TRY(st);
    return n;
}

/// A backup file taken apart: its sections, key slots and manifest, and put back together with a
/// signature of the caller's choosing — what someone with the file and a member's key can do.
struct BackupBytes {
    std::string bytes;
    std::uint64_t manifest_size = 0;

    explicit BackupBytes(std::string b) : bytes(std::move(b)) {
        const auto* footer = reinterpret_cast<const unsigned char*>(bytes.data() + bytes.size() - 96);
        for (int i = 7; i >= 0; --i) manifest_size = (manifest_size << 8) | footer[i];
    }
    std::size_t manifest_offset() const { return bytes.size() - 96 - manifest_size; }
    std::string manifest_text() const { return bytes.substr(manifest_offset(), manifest_size); }
    ordered_json manifest() const { return ordered_json::parse(manifest_text()); }
    ordered_json section(const std::string& file) const {
        const auto m = manifest();
        for (const auto& s : m["sections"])
            if (s["file"] == file) return s;
        BOOST_FAIL("no section " << file);
        return {};
    }
    std::string keyslots() const {
        const auto m = manifest();
        const auto& k = m["keyslots"];
        return bytes.substr(k["offset"].get<std::size_t>(), k["size"].get<std::size_t>());
    }
    std::string signature() const { return bytes.substr(bytes.size() - 96 + 8, 64); }

    /// The same sections with new key slots and manifest text, signed with `seed`.
    std::string rebuilt(const std::string& keyslots, std::string manifest, const db::SecretKey& seed,
                        const std::string& workspace_id) const {
        const auto m = this->manifest();
        const auto& k = m["keyslots"];
        std::string out = bytes.substr(0, k["offset"].get<std::size_t>()) + keyslots + manifest;
        std::string input(db::kPerRoleBackupSignatureLabel);
        input += '\0';
        input += workspace_id;
        input += '\0';
        input += manifest;
        const auto signature = must(db::ed25519_sign(seed, input));
        std::string footer(96, '\0');
        for (int i = 0; i < 8; ++i) footer[i] = static_cast<char>(manifest.size() >> (8 * i));
        std::copy(signature.begin(), signature.end(), footer.begin() + 8);
        std::copy(db::kPerRoleBackupMagic.begin(), db::kPerRoleBackupMagic.end(), footer.begin() + 80);
        return out + footer;
    }
};

struct PerRoleBackupFixture {
    TempDir tmp{"sanaq-per-role-backup"};
    fs::path dir = tmp.path() / "ws";
    fs::path out_dir = tmp.path() / "backups";
    fs::path backup = out_dir / "ws.sanaq-backup";
    std::unique_ptr<db::Workspace> ws;
    static constexpr int kPersons = 400;

    PerRoleBackupFixture() {
        fs::create_directories(out_dir);
        ws = must(db::Workspace::create_per_role(dir, kAdmin, kPassword, db::test_kdf()));
        must(ws->add_slot(kOfficer, kPassword, Role::Officer));
        must(ws->add_slot(kCustodian, kPassword, Role::Custodian));
        // Two transactions: one that writes dept may write nothing of common but the audit trail.
        must(ws->write([](StoreSession& tx) -> Status {
            return tx.settings().set("secret.department.x25519_private", kDeptSecret);
        }));
        must(ws->write([](StoreSession& tx) -> Status {
            return tx.institutions().insert(sample_institution(with_check_digit("99034000111"), kInstitution));
        }));
        sign_in(kOfficer);  // the first census holder makes the census part
        add_persons(*ws, 0, kPersons);
        sign_in(kAdmin);
    }

    void sign_in(const std::string& user, const fs::path& folder = {}) {
        ws.reset();
        ws = must(db::Workspace::open(folder.empty() ? dir : folder, user, kPassword, quick_open()));
    }
    db::MemberKeys keys_of(const std::string& user) {
        auto file = must(db::read_key_slots(dir / "keyslots.json"));
        return must(db::unlock_member(file, user, kPassword, dir / "keyslots.json"));
    }
    BackupInfo make_backup(const ArchiveProgress& progress = {}) { return must(ws->write_backup(backup, progress, nullptr)); }

    Result<std::unique_ptr<RestoredWorkspace>> restore(const fs::path& target, const std::string& user = kAdmin,
                                                       const std::string& password = kPassword,
                                                       const fs::path& from = {}, const ArchiveProgress& progress = {}) {
        db::BackupRestorer restorer(quick_open());
        return restorer.restore(from.empty() ? backup : from, target, user, password, progress);
    }

    /// Restoring `file` fails with `code`, naming the file; neither the target nor a staging
    /// folder is left.
    Error expect_refused(const fs::path& file, ErrorCode code, const std::string& user = kAdmin,
                         const std::string& password = kPassword) {
        const auto target = tmp.path() / "restored-refused";
        const auto before = names_in(tmp.path());
        auto r = restore(target, user, password, file);
        BOOST_REQUIRE_MESSAGE(!r.has_value(), "restore of a bad backup succeeded");
        BOOST_TEST((r.error().code == code), describe(r.error()));
        BOOST_TEST(!fs::exists(target));
        BOOST_TEST((names_in(tmp.path()) == before), "something was left beside the target");
        return r.error();
    }
    /// As expect_refused, for a backup the caller altered: InvalidInput naming that file.
    Error expect_altered_refused(const std::string& bytes) {
        const auto bad = tmp.path() / "bad.sanaq-backup";
        write_bytes(bad, bytes);
        auto e = expect_refused(bad, ErrorCode::InvalidInput);
        BOOST_TEST((e.args.size() >= 1u && e.args[0] == bad.string()), describe(e));
        return e;
    }
};

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(per_role_backup)

BOOST_FIXTURE_TEST_CASE(an_administrators_backup_restores_for_the_administrator_and_for_an_officer, PerRoleBackupFixture) {
    const auto info = make_backup();
    BOOST_TEST(info.size == fs::file_size(backup));
    BOOST_TEST(info.sha256 == file_sha256(backup));
    BOOST_TEST(info.workspace_id == ws->workspace_id());
    BOOST_TEST((info.sealed_parts == std::vector<std::string>{"census"}));
    const auto inspected = must(db::inspect_backup(backup));
    BOOST_TEST(inspected.workspace_id == ws->workspace_id());
    BOOST_TEST(inspected.database_bytes == info.database_bytes);

    const auto target = tmp.path() / "restored";
    auto staged = must(restore(target));
    BOOST_TEST(staged->backup().sha256 == info.sha256);
    BOOST_TEST((staged->backup().sealed_parts == std::vector<std::string>{"census"}));
    BOOST_TEST(!fs::exists(target));  // not before publish
    must(staged->publish());
    staged.reset();

    // The key document byte for byte; census as the very bytes it was on disk; no single-key file.
    BOOST_TEST(read_file(target / "keyslots.json") == read_file(dir / "keyslots.json"));
    BOOST_TEST(read_file(target / "census.1.db") == read_file(dir / "census.1.db"));
    for (const char* name : {"common.1.db", "dept.1.db", "census.1.db"}) BOOST_TEST(fs::exists(target / name), name);
    BOOST_TEST(!fs::exists(target / "workspace.db"));
    BOOST_TEST(!fs::exists(target / "census.1.db-wal"));  // the officer closed cleanly

    // The administrator: common and dept as they were; census still closed to them.
    sign_in(kAdmin, target);
    must(ws->read([](StoreSession& tx) -> Status {
        BOOST_TEST(must(tx.settings().get("secret.department.x25519_private")).value_or("") == kDeptSecret);
        auto inst = must(tx.institutions().find(with_check_digit("99034000111")));
        BOOST_TEST((inst && inst->name_ru == kInstitution));
        return {};
    }));
    auto census = persons_in(*ws);
    BOOST_REQUIRE(!census.has_value());
    BOOST_TEST((census.error().code == ErrorCode::PermissionDenied));

    // The officer: census readable, the distinctive person among the others.
    sign_in(kOfficer, target);
    BOOST_TEST(must(persons_in(*ws)) == kPersons);
    must(ws->read([](StoreSession& tx) -> Status {
        auto p = must(tx.census().find_person(uuid(0)));
        BOOST_REQUIRE(p.has_value());
        BOOST_TEST(p->surname == kPersonSurname);
        BOOST_TEST(p->iin == kPersonIin);
        return {};
    }));
    // And the custodian still opens common alone.
    sign_in(kCustodian, target);
    census = persons_in(*ws);
    BOOST_REQUIRE(!census.has_value());
    BOOST_TEST((census.error().code == ErrorCode::PermissionDenied));
}

BOOST_FIXTURE_TEST_CASE(the_administrators_backup_holds_census_only_as_ciphertext, PerRoleBackupFixture) {
    make_backup();
    const auto bytes = read_file(backup);
    for (const auto& marker : {kPersonSurname, kPersonName, kPersonIin, std::string("Жанбулатов"), kDeptSecret,
                               kInstitution, kAdmin, kOfficer, std::string("SQLite format 3")})
        BOOST_TEST(!contains(bytes, marker), "'" << marker << "' readable in the backup");
    // The census section is the part's file as it lay on disk, not a copy the administrator made.
    const BackupBytes parts(bytes);
    const auto census = parts.section("census.1.db");
    BOOST_TEST(census["copy"] == "raw");
    BOOST_TEST(bytes.substr(census["offset"].get<std::size_t>(), census["size"].get<std::size_t>()) ==
               read_file(dir / "census.1.db"));
    BOOST_TEST(parts.section("common.1.db")["copy"] == "sqlite-backup");
    BOOST_TEST(parts.section("dept.1.db")["copy"] == "sqlite-backup");
    BOOST_TEST(bytes.substr(bytes.size() - 16) == std::string(db::kPerRoleBackupMagic));
    BOOST_TEST((names_in(out_dir) == std::set<std::string>{"ws.sanaq-backup"}));
    BOOST_TEST(((fs::status(backup).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none));
    // Nor does the restored folder show any of it.
    must(must(restore(tmp.path() / "restored"))->publish());
    for (const auto& marker : {kPersonSurname, kPersonName, kPersonIin, kDeptSecret, kInstitution, kAdmin})
        BOOST_TEST(!any_file_contains(tmp.path() / "restored", marker), marker);
}

BOOST_FIXTURE_TEST_CASE(an_officers_unclean_close_is_carried_with_the_census_wal, PerRoleBackupFixture) {
    // An officer's session ends without closing: census.1.db and its WAL as they lay at that moment.
    sign_in(kOfficer);
    add_persons(*ws, kPersons, 100);
    BOOST_REQUIRE(fs::exists(dir / "census.1.db-wal"));
    const auto main_at_crash = read_file(dir / "census.1.db");
    const auto wal_at_crash = read_file(dir / "census.1.db-wal");
    BOOST_REQUIRE(!wal_at_crash.empty());
    ws.reset();
    write_bytes(dir / "census.1.db", main_at_crash);
    write_bytes(dir / "census.1.db-wal", wal_at_crash);

    sign_in(kAdmin);
    make_backup();
    const BackupBytes parts(read_file(backup));
    BOOST_TEST(parts.section("census.1.db-wal")["copy"] == "raw-wal");
    BOOST_TEST(parts.section("census.1.db-wal")["size"].get<std::size_t>() == wal_at_crash.size());

    const auto target = tmp.path() / "restored";
    must(must(restore(target))->publish());
    BOOST_TEST(read_file(target / "census.1.db-wal") == wal_at_crash);
    sign_in(kOfficer, target);
    BOOST_TEST(must(persons_in(*ws)) == kPersons + 100);
}

BOOST_FIXTURE_TEST_CASE(a_census_section_swapped_cut_or_altered_is_refused_naming_the_backup, PerRoleBackupFixture) {
    make_backup();
    const BackupBytes good(read_file(backup));
    const auto census = good.section("census.1.db");
    const auto at = census["offset"].get<std::size_t>();
    const auto size = census["size"].get<std::size_t>();
    BOOST_REQUIRE(size >= 8192u);

    // Swapped for another file of the same length (common's pages: a real SQLCipher file).
    {
        auto b = good.bytes;
        b.replace(at, size, good.bytes.substr(0, size));
        auto e = expect_altered_refused(b);
        BOOST_TEST(contains(e.message_id, "does not match its own manifest"), describe(e));
        BOOST_TEST(e.detail == "digest of census.1.db");
    }
    // Swapped for the census file as it is after the officer wrote more (another length).
    ws.reset();
    sign_in(kOfficer);
    add_persons(*ws, kPersons, 300);
    ws.reset();
    {
        const auto later = read_file(dir / "census.1.db");
        BOOST_REQUIRE(later.size() != size);
        auto b = good.bytes;
        b.replace(at, size, later);
        auto e = expect_altered_refused(b);
        BOOST_TEST(contains(e.message_id, "cut short"), describe(e));
    }
    // One byte changed inside it.
    {
        auto b = good.bytes;
        b[at + size / 2] ^= 0x20;
        auto e = expect_altered_refused(b);
        BOOST_TEST(e.detail == "digest of census.1.db");
    }
    // Cut: a page taken out of it, or the file ending inside it.
    {
        auto b = good.bytes;
        b.erase(at + 4096, 4096);
        auto e = expect_altered_refused(b);
        BOOST_TEST(contains(e.message_id, "cut short"), describe(e));
        e = expect_altered_refused(good.bytes.substr(0, at + size / 2));
        BOOST_TEST(contains(e.message_id, "cut short"), describe(e));
    }
    // The untouched file still restores.
    must(must(restore(tmp.path() / "restored"))->publish());
}

BOOST_FIXTURE_TEST_CASE(an_altered_manifest_or_signature_is_refused, PerRoleBackupFixture) {
    make_backup();
    const BackupBytes good(read_file(backup));
    const auto m = good.manifest_offset();
    // A byte of the manifest's text (inside the creation time), of the signature, of the key slots.
    const auto time = good.bytes.find("\"created_at_utc\": \"", m) + 20;
    for (std::size_t pos : {time, good.bytes.size() - 60, good.section("dept.1.db")["offset"].get<std::size_t>() +
                                                               good.section("dept.1.db")["size"].get<std::size_t>() + 30}) {
        auto b = good.bytes;
        b[pos] ^= 0x01;
        expect_altered_refused(b);
    }
    // The audit head moved on by one with the digits' length kept: only the signature tells.
    {
        auto b = good.bytes;
        const auto seq = b.find("\"seq\": 0", m);
        BOOST_REQUIRE(seq != std::string::npos);
        b[seq + 7] = '1';
        auto e = expect_altered_refused(b);
        BOOST_TEST(e.detail == "manifest signature");
    }
    // A section longer than what is left of the file: refused before anything is read or allocated.
    {
        auto b = good.bytes;
        const auto pos = b.find("\"size\": ", b.find("\"census.1.db\"", m));
        const auto end = b.find_first_of(",\n", pos);
        b.replace(pos + 8, end - pos - 8, "9223372036854775807");
        auto e = expect_altered_refused(b);
        BOOST_TEST(contains(e.message_id, "cut short"), describe(e));
    }
}

BOOST_FIXTURE_TEST_CASE(a_backup_signed_by_anyone_but_an_administrator_is_refused, PerRoleBackupFixture) {
    make_backup();
    const BackupBytes good(read_file(backup));
    const auto ws_id = ws->workspace_id();
    // An officer and a custodian each re-sign the manifest with their own member key, naming
    // themselves: the roster inside the backup says they are no administrators.
    for (const auto& user : {kOfficer, kCustodian}) {
        const auto keys = keys_of(user);
        auto manifest = good.manifest();
        manifest["signature"]["signer"] = keys.slot;
        const auto b = good.rebuilt(good.keyslots(), manifest.dump(2) + "\n", keys.secrets.signing_seed, ws_id);
        auto e = expect_altered_refused(b);
        BOOST_TEST(contains(e.message_id, "not made by an administrator"), user << ": " << describe(e));
    }
    // The custodian also promotes themselves in the backup's roster: the roster's signature (by the
    // root every slot pins) no longer verifies.
    {
        const auto keys = keys_of(kCustodian);
        auto slots = ordered_json::parse(good.keyslots());
        for (auto& member : slots["roster"]["members"])
            if (member["slot"] == keys.slot) member["role"] = "administrator";
        const std::string keyslots = slots.dump(2) + "\n";
        auto manifest = good.manifest();
        manifest["keyslots"]["size"] = keyslots.size();
        manifest["keyslots"]["sha256"] = sanaq::crypto::sha256_hex(keyslots);
        manifest["signature"]["signer"] = keys.slot;
        auto e = expect_altered_refused(good.rebuilt(keyslots, manifest.dump(2) + "\n", keys.secrets.signing_seed, ws_id));
        BOOST_TEST(contains(e.message_id, "does not match its own manifest"), describe(e));
        BOOST_TEST(contains(e.detail, "keyslots"), describe(e));
    }
    // The administrator's own signature over the same manifest is what makes it restore.
    {
        const auto keys = keys_of(kAdmin);
        const auto b = good.rebuilt(good.keyslots(), good.manifest_text(), keys.secrets.signing_seed, ws_id);
        BOOST_TEST(b == good.bytes);  // Ed25519 is deterministic
    }
    // Nor does the program make such a backup for them.
    for (const auto& user : {kOfficer, kCustodian}) {
        sign_in(user);
        auto r = ws->write_backup(out_dir / (user + ".sanaq-backup"), {}, nullptr);
        BOOST_REQUIRE(!r.has_value());
        BOOST_TEST((r.error().code == ErrorCode::PermissionDenied), describe(r.error()));
    }
    BOOST_TEST((names_in(out_dir) == std::set<std::string>{"ws.sanaq-backup"}));
}

BOOST_FIXTURE_TEST_CASE(wrong_password_unknown_user_cancel_and_no_publish_leave_nothing, PerRoleBackupFixture) {
    make_backup();
    auto wrong = expect_refused(backup, ErrorCode::WrongPassword, kAdmin, "not the password");
    auto unknown = expect_refused(backup, ErrorCode::UnknownUser, "nobody.here");
    BOOST_TEST(unknown.message_id == wrong.message_id);

    const auto before = names_in(tmp.path());
    must(restore(tmp.path() / "abandoned")).reset();
    BOOST_TEST((names_in(tmp.path()) == before));
    auto cancelled = restore(tmp.path() / "cancelled", kAdmin, kPassword, {},
                             [](std::uint64_t done, std::uint64_t) { return done < 8192; });
    BOOST_REQUIRE(!cancelled.has_value());
    BOOST_TEST((cancelled.error().code == ErrorCode::Cancelled));
    BOOST_TEST((names_in(tmp.path()) == before));
}

BOOST_FIXTURE_TEST_CASE(a_cancelled_or_unrecorded_backup_leaves_no_file, PerRoleBackupFixture) {
    std::uint64_t last = 0, total = 0;
    make_backup([&](std::uint64_t done, std::uint64_t all) {
        BOOST_TEST(done >= last);
        BOOST_TEST(done <= all);
        last = done;
        total = all;
        return true;
    });
    BOOST_TEST(last == total);
    fs::remove(backup);
    auto r = ws->write_backup(backup, [](std::uint64_t done, std::uint64_t) { return done == 0; }, nullptr);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == ErrorCode::Cancelled));
    r = ws->write_backup(backup, {}, [](const BackupInfo&) -> Status { return fail(ErrorCode::Io, "audit store full"); });
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message_id == "audit store full");
    BOOST_TEST(names_in(out_dir).empty());
}

BOOST_FIXTURE_TEST_CASE(a_backup_taken_while_the_administrator_keeps_writing_restores_whole, PerRoleBackupFixture) {
    // Each write puts the same number into a setting kept in dept and an audit entry in common
    // (the one thing of common a transaction that writes dept may write): the copy's two
    // snapshots must not fall between the two files' commits.
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        for (int i = 1; !stop && i < 2000; ++i) {
            auto st = ws->write([&](StoreSession& tx) -> Status {
                SANAQ_TRY(tx.settings().set("upstream.round", std::to_string(i)));
                return drop_value(tx.audit().append(draft_entry(kAdmin, "settings.round", std::to_string(i))));
            });
            if (!st) break;
            ++written;
        }
    });
    for (int i = 0; i < 3; ++i) must(drop_value(ws->write_backup(out_dir / ("round-" + std::to_string(i)), {}, nullptr)));
    stop = true;
    writer.join();
    BOOST_TEST(written.load() > 0);
    for (int i = 0; i < 3; ++i) {
        auto staged = must(restore(tmp.path() / ("restored-" + std::to_string(i)), kAdmin, kPassword,
                                   out_dir / ("round-" + std::to_string(i))));
        must(staged->store().read([&](StoreSession& tx) -> Status {
            AuditFilter last_round;
            last_round.action_prefix = "settings.round";
            last_round.limit = 1;
            const auto rounds = must(tx.audit().list(last_round));
            BOOST_TEST((rounds.empty() ? std::string("none") : rounds[0].object_id) ==
                       must(tx.settings().get("upstream.round")).value_or("none"));
            AuditFilter voided;
            voided.action_prefix = "store.commit_incomplete";
            BOOST_TEST(must(tx.audit().list(voided)).empty());
            return {};
        }));
    }
}

BOOST_FIXTURE_TEST_CASE(the_cores_backup_and_restore_run_through_the_ports_as_the_cli_runs_them, PerRoleBackupFixture) {
    // What `sanaq workspace backup` / `restore` call: the core signs in from common's users table
    // and chains its audit entries from the audit_head row creation seeds.
    ws.reset();
    sign_in(kAdmin);
    SystemClock clock;
    Session admin{*ws, *ws, clock, Actor{kAdmin, Role::Administrator}};
    must(record_workspace_created(admin, "Әкімші"));
    const auto info = must(backup_workspace(admin, *ws, backup));
    BOOST_TEST(info.audit_seq == 1);  // the workspace.backup entry comes after the copy's snapshot
    BOOST_TEST((info.sealed_parts == std::vector<std::string>{"census"}));

    db::BackupRestorer restorer(quick_open());
    const auto target = tmp.path() / "restored";
    const auto report = must(restore_workspace(restorer, clock, {backup, target, kAdmin, kPassword}));
    BOOST_TEST(report.audit_entries_checked == 1u);
    BOOST_TEST((report.actor.role == Role::Administrator));
    BOOST_TEST((report.backup.sealed_parts == std::vector<std::string>{"census"}));
    BOOST_TEST(fs::exists(target / "keyslots.json"));
    sign_in(kOfficer, target);
    BOOST_TEST(must(persons_in(*ws)) == kPersons);
    must(ws->read([](StoreSession& tx) -> Status {
        BOOST_TEST(must(tx.audit().verify()).intact());
        BOOST_TEST(must(tx.audit().head()).seq == 2);  // workspace.create, workspace.restore
        return {};
    }));
}

BOOST_AUTO_TEST_SUITE_END()
