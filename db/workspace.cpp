#include "db/workspace.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/domain/clock.h"
#include "core/domain/user.h"
#include "db/backup.h"
#include "db/backup_per_role.h"
#include "db/errors.h"
#include "db/key_conversion.h"
#include "db/key_membership.h"
#include "db/key_slots.h"
#include "db/login_failures.h"
#include "db/migrations/migrations.h"
#include "db/repositories/repositories.h"
#include "db/repositories/session.h"
#include "db/sqlite/database.h"
#include "db/transaction.h"
#include "db/worker_store.h"
#include "db/workspace_lock.h"
#include "db/workspace_state.h"

namespace sanaq::db {

namespace {

using std::filesystem::path;

/// Set in store_parameters once keyslots.json carries a MAC: from then on an unsealed (version 1)
/// document put back in its place is a downgrade, refused.
constexpr std::string_view kKeySlotsSealedParameter = "keyslots_sealed";
/// The first audit entry sealed with the chain key (README.md, "Audit chain"): 1 for a workspace
/// created keyed, the next entry's number for one keyed at its first sign-in after an upgrade.
constexpr std::string_view kAuditKeyedFromParameter = "audit_keyed_from";

Error not_a_workspace(const path& dir, std::string detail) {
    return Error::make(ErrorCode::NotAWorkspace,
                       N_("The folder {} is not a Sanaq Station workspace."), {dir.string()},
                       std::move(detail));
}

void rollback_quietly(Database& db) {
    try {
        if (db.in_transaction()) db.exec("ROLLBACK;");
    } catch (const DbFailure&) {
        // The connection keeps the error; SQLite has rolled back what it could.
    }
}

/// Before an existing workspace is migrated, keep a copy of the (encrypted) file as it was.
Status back_up_before_migration(Database& db, int version) {
    try {
        db.exec("PRAGMA wal_checkpoint(TRUNCATE);");
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    auto backup = db.file();
    backup += ".schema-" + std::to_string(version) + ".bak";
    std::error_code ec;
    std::filesystem::copy_file(db.file(), backup, std::filesystem::copy_options::overwrite_existing,
                               ec);
    if (ec)
        return fail(ErrorCode::Io, N_("Could not write the file {}."), {backup.string()},
                    ec.message());
    return {};
}

}  // namespace

Workspace::Workspace(std::unique_ptr<State> state)
    : dir_(state->dir),
      user_(state->user),
      workspace_id_(state->slots.workspace_id),
      timings_(state->timings),
      state_(std::move(state)) {
    state_->session = std::make_unique<SqlStoreSession>(*state_->db, state_->audit_key,
                                                        state_->audit_key_is_chain_key);
    if (state_->member) {
        state_->session->route_department_settings(state_->part_files.count(Part::Dept)
                                                       ? DepartmentSettings::InDeptPart
                                                       : DepartmentSettings::NotHeld);
        sync_signatures(*state_);
    }
}

void sync_signatures(Workspace::State& state) {
    if (!state.member || !state.slots.roster) return;
    if (!state.signatures)
        state.signatures = std::make_shared<MemberSignatures>(
            state.slots.workspace_id, state.member->slot, state.member->secrets.signing_seed,
            *state.slots.roster);
    else
        state.signatures->set_roster(*state.slots.roster);
    if (state.session) state.session->use_signatures(state.signatures);
}

Workspace::~Workspace() {
    if (!state_) return;
    { std::lock_guard wait_for_running_work(state_->db_mutex); }
    state_.reset();
}

bool looks_like_workspace(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dir / kKeySlotsFileName, ec)) return false;
    // The single-key layout's database, or the per-role layout's common part.
    if (std::filesystem::is_regular_file(dir / kDatabaseFileName, ec)) return true;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().filename().string().starts_with("common.") &&
            entry.path().extension() == ".db")
            return true;
    return false;
}

int recorded_login_failures(const std::filesystem::path& dir, std::string_view user) {
    auto slots = read_key_slots(dir / kKeySlotsFileName);
    if (!slots) return 0;
    return LoginFailures::load(dir).count(slot_id_for(slots->workspace_id, user));
}

Status check_password(const std::filesystem::path& dir, std::string_view user,
                      std::string_view password) {
    auto slots = read_key_slots(dir / kKeySlotsFileName);
    SANAQ_TRY(slots);
    const auto slot_id = slot_id_for(slots->workspace_id, user);
    auto failures = LoginFailures::load(dir);
    Status key = {};
    if (slots->version == KeySlotFile::kHierarchyVersion) {
        const KeySlot* slot = slots->find(slot_id);
        if (!slot)
            key = fail(ErrorCode::UnknownUser, kWrongCredentials);
        else if (auto secrets = unwrap_member_slot(slots->workspace_id, *slot, password); !secrets)
            key = std::unexpected(secrets.error());
    } else if (auto master = unlock_master_key(dir, user, password); !master) {  // wiped as it goes
        key = std::unexpected(master.error());
    }
    if (key) {
        if (failures.reset(slot_id)) (void)failures.save();
        return {};
    }
    if (key.error().code != ErrorCode::WrongPassword && key.error().code != ErrorCode::UnknownUser)
        return std::unexpected(key.error());
    const int count = failures.record_failure(slot_id, iso_utc(std::chrono::system_clock::now()));
    (void)failures.save();
    std::this_thread::sleep_for(failure_delay(count));
    Error error = key.error();
    error.code = ErrorCode::WrongPassword;
    error.detail = "consecutive failures: " + std::to_string(count);
    return std::unexpected(std::move(error));
}

void record_store_parameters(Database& db, const KeySlotFile& slots) {
    auto& v = db.cached("SELECT sqlite_version()");
    const std::string sqlite_version = v.step() ? v.text(0) : std::string();
    v.reset();
    const auto& c = slots.cipher;
    const std::pair<std::string, std::string> rows[] = {
        {"format", "sanaq-workspace"},
        {"workspace_id", slots.workspace_id},
        {"cipher", c.cipher},
        {"cipher_page_size", std::to_string(c.page_size)},
        {"kdf_iter", std::to_string(c.kdf_iter)},
        {"fast_kdf_iter", std::to_string(c.fast_kdf_iter)},
        {"cipher_use_hmac", c.use_hmac ? "ON" : "OFF"},
        {"hmac", c.hmac},
        {"hmac_salt_mask", std::to_string(c.hmac_salt_mask)},
        {"key_form", c.key_form},
        {"key_layout", slots.version == KeySlotFile::kHierarchyVersion ? "per-role" : "single-key"},
        {std::string(kKeySlotsSealedParameter), "1"},
        {std::string(kAuditKeyedFromParameter), "1"},
        {"journal_mode", "wal"},
        {"synchronous", "FULL"},
        {"created_with_sqlcipher", db.pragma_text("cipher_version")},
        {"created_with_sqlite", sqlite_version},
        {"created_at_utc", iso_utc(std::chrono::system_clock::now())},
    };
    db.exec("BEGIN IMMEDIATE;");
    for (const auto& [name, value] : rows)
        db.query("INSERT OR REPLACE INTO store_parameters (name, value) VALUES (?, ?)", name, value)
            .run();
    db.reset_cached();
    db.exec("COMMIT;");
}

// ---- create ---------------------------------------------------------------------------------

namespace {

/// The administrator's name and password follow the core's rules; the KDF is within its bounds.
Status check_new_workspace(std::string_view admin_user, std::string_view admin_password,
                           const KdfParams& kdf) {
    SANAQ_TRY(validate_user_name(admin_user));
    SANAQ_TRY(validate_new_password(admin_password));
    if (!kdf_params_acceptable(kdf))
        return fail(ErrorCode::InvalidInput, N_("The key derivation settings are out of range."));
    return {};
}

/// A new workspace goes into an absent or empty folder (made owner-only when made here).
Status prepare_new_folder(const std::filesystem::path& dir, bool& made_folder) {
    std::error_code ec;
    if (std::filesystem::exists(dir, ec)) {
        if (!std::filesystem::is_directory(dir, ec))
            return std::unexpected(not_a_workspace(dir, "exists and is not a folder"));
        if (std::filesystem::exists(dir / kKeySlotsFileName, ec))
            return fail(ErrorCode::AlreadyExists, N_("There is already a workspace in {}."),
                        {dir.string()});
        if (!std::filesystem::is_empty(dir, ec))
            return fail(ErrorCode::RefusedByState,
                        N_("The folder {} is not empty; a new workspace needs an empty folder."),
                        {dir.string()});
    } else {
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return fail(ErrorCode::Io, N_("Could not create the folder {}."), {dir.string()},
                        ec.message());
        ::chmod(dir.c_str(), 0700);  // the key slots are not for other accounts on this PC
        made_folder = true;
    }

    return {};
}

}  // namespace

Result<std::unique_ptr<Workspace>> Workspace::create_per_role(const std::filesystem::path& dir,
                                                              std::string_view admin_user,
                                                              std::string_view admin_password,
                                                              KdfParams kdf) {
    SANAQ_TRY(check_new_workspace(admin_user, admin_password, kdf));
    std::error_code ec;
    bool made_folder = false;
    SANAQ_TRY(prepare_new_folder(dir, made_folder));
    auto lock = WorkspaceLock::acquire(dir);
    SANAQ_TRY(lock);
    auto state = create_per_role_state(dir, admin_user, admin_password, kdf);
    if (!state) {
        // A creation that fails leaves the folder as it found it, so it can be retried.
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().filename() != "workspace.lock")
                std::filesystem::remove(entry.path(), ec);
        { WorkspaceLock dropped = std::move(*lock); }
        std::filesystem::remove(dir / "workspace.lock", ec);
        if (made_folder) std::filesystem::remove(dir, ec);
        return std::unexpected(state.error());
    }
    (*state)->lock = std::move(*lock);
    auto workspace = std::unique_ptr<Workspace>(new Workspace(std::move(*state)));
    // The signed tables' heads, signed while they are empty: from now on a table emptied outside
    // the program reads as altered, not as one that never had a row.
    if (auto ok = workspace->write(
            [&](StoreSession&) { return workspace->state_->session->sign_heads(); });
        !ok)
        return std::unexpected(ok.error());
    return workspace;
}

Result<std::unique_ptr<Workspace>> Workspace::create(const std::filesystem::path& dir,
                                                     std::string_view admin_user,
                                                     std::string_view admin_password,
                                                     KdfParams kdf) {
    SANAQ_TRY(check_new_workspace(admin_user, admin_password, kdf));

    std::error_code ec;
    bool made_folder = false;
    SANAQ_TRY(prepare_new_folder(dir, made_folder));

    auto lock = WorkspaceLock::acquire(dir);
    SANAQ_TRY(lock);

    auto state = std::make_unique<State>();
    state->lock = std::move(*lock);
    state->dir = dir;
    state->user = std::string(admin_user);
    state->new_slot_kdf = kdf;

    // A creation that fails leaves the folder as it found it (absent or empty), so it can be
    // retried.
    auto cleanup = [&](Error error) -> Result<std::unique_ptr<Workspace>> {
        state.reset();  // closes the database and drops the lock
        for (const char* name : {"workspace.db", "workspace.db-wal", "workspace.db-shm",
                                 "keyslots.json", "workspace.lock"})
            std::filesystem::remove(dir / name, ec);
        if (made_folder) std::filesystem::remove(dir, ec);  // only removes it if empty
        return std::unexpected(std::move(error));
    };

    auto id = random_bytes(16);
    if (!id) return cleanup(id.error());
    state->slots.workspace_id = crypto::to_hex(*id);
    state->slots.cipher = pinned_cipher_parameters();
    auto master = random_key();
    if (!master) return cleanup(master.error());
    state->master = std::move(*master);
    state->audit_key = copy_key(state->master);

    const auto kdf_start = std::chrono::steady_clock::now();
    auto slot =
        make_slot(state->slots.workspace_id, admin_user, admin_password, state->master, kdf);
    if (!slot) return cleanup(slot.error());
    state->slots.slots.push_back(std::move(*slot));
    const auto kdf_end = std::chrono::steady_clock::now();
    state->timings.key_derivation = kdf_end - kdf_start;

    // Owner-only from the first byte: SQLite gives its -wal and -shm files the database's mode.
    {
        const int fd =
            ::open((dir / kDatabaseFileName).c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return cleanup(Error::make(ErrorCode::Io, N_("Could not create the folder {}."),
                                       {dir.string()}, std::strerror(errno)));
        ::close(fd);
    }
    auto db = Database::open(dir / kDatabaseFileName, &state->master, Database::Mode::Create,
                             state->slots.cipher);
    if (!db) return cleanup(db.error());
    state->db = std::move(*db);
    if (auto ok = migrate(*state->db); !ok) return cleanup(ok.error());
    try {
        record_store_parameters(*state->db, state->slots);
        // Into the main file now: a crash before the first automatic checkpoint must not leave a
        // workspace whose schema lives only in the WAL.
        state->db->exec("PRAGMA wal_checkpoint(TRUNCATE);");
    } catch (const DbFailure& failure) {
        rollback_quietly(*state->db);
        return cleanup(failure.error());
    }
    // Written last: a folder without keyslots.json is not yet a workspace anybody could open.
    if (auto ok = write_key_slots(dir / kKeySlotsFileName, state->slots, state->master); !ok)
        return cleanup(ok.error());
    state->timings.after_kdf = std::chrono::steady_clock::now() - kdf_end;
    return std::unique_ptr<Workspace>(new Workspace(std::move(state)));
}

// ---- open -----------------------------------------------------------------------------------

namespace {

/// A version 1 keyslots.json (written before documents were sealed) is sealed at its first sign-in;
/// one put back after that is refused, so removing the MAC is not a way around it.
Status seal_unsealed_key_slots(Database& db, const path& file, KeySlotFile& slots,
                               const SecretKey& master) {
    auto& q = db.query("SELECT value FROM store_parameters WHERE name = ?",
                       std::string(kKeySlotsSealedParameter));
    const bool sealed_before = q.step() && q.text(0) == "1";
    q.reset();
    if (slots.version >= 2) {
        if (sealed_before) return {};
    } else {
        if (sealed_before)
            return std::unexpected(
                damaged_file_error(file, "an unsealed document where a sealed one was"));
        SANAQ_TRY(write_key_slots(file, slots, master));
    }
    db.exec("BEGIN IMMEDIATE;");
    db.query("INSERT OR REPLACE INTO store_parameters (name, value) VALUES (?, '1')",
             std::string(kKeySlotsSealedParameter))
        .run();
    db.reset_cached();
    db.exec("COMMIT;");
    return {};
}

/// A workspace from before the chain was keyed: entries from the next one on are keyed.
void key_the_audit_chain(Database& db) {
    auto& q = db.query("SELECT 1 FROM store_parameters WHERE name = ?",
                       std::string(kAuditKeyedFromParameter));
    const bool keyed = q.step();
    q.reset();
    if (keyed) return;
    db.exec("BEGIN IMMEDIATE;");
    db.query(
          "INSERT INTO store_parameters (name, value) SELECT ?, seq + 1 FROM audit_head WHERE id = "
          "1",
          std::string(kAuditKeyedFromParameter))
        .run();
    db.reset_cached();
    db.exec("COMMIT;");
}

/// Counts a failed sign-in for `slot_id` and says how long to wait before reporting it.
Error failed_sign_in(LoginFailures& failures, const std::string& slot_id, Error error,
                     std::chrono::seconds& delay) {
    const int count = failures.record_failure(slot_id, iso_utc(std::chrono::system_clock::now()));
    (void)failures.save();  // a counter that cannot be saved must not turn into a different error
    delay = failure_delay(count);
    error.detail = "consecutive failures: " + std::to_string(count) +
                   "; delay: " + std::to_string(delay.count()) + " s";
    return error;
}

/// open() of a workspace with per-role keys (keyslots.json version 3).
Result<std::unique_ptr<Workspace::State>> open_per_role_state(
    const path& dir, std::string_view user, std::string_view password, const OpenOptions& options,
    std::chrono::seconds& delay, WorkspaceLock lock, KeySlotFile slots) {
    const auto slot_id = slot_id_for(slots.workspace_id, user);
    auto failures = LoginFailures::load(dir);
    const auto kdf_start = std::chrono::steady_clock::now();
    Result<MemberKeys> member = std::unexpected(Error{});
    if (slots.find(slot_id)) {
        member = unlock_member(slots, user, password, dir / kKeySlotsFileName);
    } else {
        // Spend the same Argon2id work as for a real slot, so timing does not tell names apart.
        (void)derive_key(password, std::vector<unsigned char>(16, 0x5a), slots.slots.front().kdf);
        member = fail(ErrorCode::UnknownUser, kWrongCredentials);
    }
    if (!member) {
        if (member.error().code != ErrorCode::WrongPassword &&
            member.error().code != ErrorCode::UnknownUser)
            return std::unexpected(member.error());
        return std::unexpected(failed_sign_in(failures, slot_id, member.error(), delay));
    }
    const auto kdf_end = std::chrono::steady_clock::now();
    if (failures.reset(slot_id)) (void)failures.save();

    auto state = std::make_unique<Workspace::State>();
    state->lock = std::move(lock);
    state->dir = dir;
    state->user = std::string(user);
    state->slots = std::move(slots);
    state->member = std::move(*member);
    state->new_slot_kdf = options.new_slot_kdf;
    SANAQ_TRY(open_per_role_parts(*state, password));
    try {
        auto& id =
            state->db->query("SELECT value FROM store_parameters WHERE name = 'workspace_id'");
        const std::string stored_id = id.step() ? id.text(0) : std::string();
        id.reset();
        if (stored_id != state->slots.workspace_id)
            return std::unexpected(damaged_file_error(
                dir / kKeySlotsFileName, "belongs to workspace " + state->slots.workspace_id +
                                             ", the database to " + stored_id));
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    {
        // A transaction whose common half committed and a part's did not (a crash between the
        // two commits) is voided before anything else is read or written (README.md
        // "Transactions"). The workspace's own session is made after this.
        // Its entry is signed like any other (a per-role workspace's trail is signed throughout).
        sync_signatures(*state);
        // A workspace split from a single key: the rows the split signed are its member's.
        if (state->signatures) try {
                if (auto split = verified_key_split(*state->db, *state->signatures))
                    state->signatures->set_split_signer(split->signer);
            } catch (const DbFailure& failure) {
                return std::unexpected(failure.error());
            }
        SqlStoreSession recovery(*state->db, state->audit_key, state->audit_key_is_chain_key);
        if (state->signatures) recovery.use_signatures(state->signatures);
        SANAQ_TRY(recover_incomplete_commits(*state->db, recovery, state->user));
    }
    state->timings.key_derivation = kdf_end - kdf_start;
    state->timings.after_kdf = std::chrono::steady_clock::now() - kdf_end;
    return state;
}

/// Everything of open() up to the point where a failed sign-in must wait; `delay` says how long.
Result<std::unique_ptr<Workspace::State>> open_state(const path& dir, std::string_view user,
                                                     std::string_view password,
                                                     const OpenOptions& options,
                                                     std::chrono::seconds& delay) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return std::unexpected(not_a_workspace(dir, "no such folder"));
    const bool has_slots = std::filesystem::exists(dir / kKeySlotsFileName, ec);
    const bool has_db =
        std::filesystem::exists(dir / kDatabaseFileName, ec) || looks_like_workspace(dir);
    if (!has_slots && !has_db)
        return std::unexpected(not_a_workspace(dir, "no keyslots.json, no workspace.db"));
    if (!has_slots) return std::unexpected(damaged_file_error(dir / kKeySlotsFileName, "missing"));
    if (!has_db) return std::unexpected(damaged_file_error(dir / kDatabaseFileName, "missing"));

    auto lock = WorkspaceLock::acquire(dir);
    SANAQ_TRY(lock);

    auto slots = read_key_slots(dir / kKeySlotsFileName);
    SANAQ_TRY(slots);
    if (slots->slots.empty())
        return std::unexpected(damaged_file_error(dir / kKeySlotsFileName, "no key slots"));

    if (slots->version == KeySlotFile::kHierarchyVersion)
        return open_per_role_state(dir, user, password, options, delay, std::move(*lock),
                                   std::move(*slots));

    const auto slot_id = slot_id_for(slots->workspace_id, user);
    const KeySlot* slot = slots->find(slot_id);
    auto failures = LoginFailures::load(dir);

    Result<SecretKey> master = std::unexpected(Error{});
    const auto kdf_start = std::chrono::steady_clock::now();
    if (slot) {
        master = unwrap_slot(slots->workspace_id, *slot, password);
    } else {
        // Spend the same Argon2id work as for a real slot, so timing does not tell names apart.
        (void)derive_key(password, std::vector<unsigned char>(16, 0x5a), slots->slots.front().kdf);
        master = fail(ErrorCode::UnknownUser, kWrongCredentials);
    }
    if (!master) {
        if (master.error().code != ErrorCode::WrongPassword &&
            master.error().code != ErrorCode::UnknownUser)
            return std::unexpected(master.error());
        return std::unexpected(failed_sign_in(failures, slot_id, master.error(), delay));
    }
    const auto kdf_end = std::chrono::steady_clock::now();
    if (failures.reset(slot_id)) (void)failures.save();
    // The right password, but a document somebody changed: nothing of it is used.
    SANAQ_TRY(verify_key_slots(*slots, *master, dir / kKeySlotsFileName));

    auto state = std::make_unique<Workspace::State>();
    state->lock = std::move(*lock);
    state->dir = dir;
    state->user = std::string(user);
    state->slots = std::move(*slots);
    state->master = std::move(*master);
    state->audit_key = copy_key(state->master);
    state->new_slot_kdf = options.new_slot_kdf;

    auto db = Database::open(dir / kDatabaseFileName, &state->master, Database::Mode::OpenExisting,
                             state->slots.cipher);
    SANAQ_TRY(db);
    state->db = std::move(*db);
    auto& database = *state->db;
    try {
        const int version = schema_version(database);
        SANAQ_TRY(check_schema_not_newer(database, version));
        if (version < 1) return std::unexpected(damaged_file_error(database.file(), "no schema"));
        auto& id = database.query("SELECT value FROM store_parameters WHERE name = 'workspace_id'");
        const std::string stored_id = id.step() ? id.text(0) : std::string();
        id.reset();
        if (stored_id != state->slots.workspace_id)
            return std::unexpected(damaged_file_error(
                dir / kKeySlotsFileName, "belongs to workspace " + state->slots.workspace_id +
                                             ", the database to " + stored_id));
        if (version < latest_schema_version()) {
            SANAQ_TRY(back_up_before_migration(database, version));
            SANAQ_TRY(migrate(database));
        }
        if (auto ok = seal_unsealed_key_slots(database, dir / kKeySlotsFileName, state->slots,
                                              state->master);
            !ok)
            return std::unexpected(ok.error());
        key_the_audit_chain(database);
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    // Conversion to per-role keys, phase one: member keys sealed under this user's password while
    // it is at hand (nobody else can), committed by the document's rename like any slot change.
    {
        KeySlotFile next = state->slots;
        auto enrolled = enrol_for_conversion(next, state->master, user, password,
                                             options.new_slot_kdf);
        SANAQ_TRY(enrolled);
        if (*enrolled) {
            SANAQ_TRY(write_key_slots(dir / kKeySlotsFileName, next, state->master));
            state->slots = std::move(next);
        }
    }
    // Files of a split that stopped before its commit point are named by nothing: they go.
    remove_split_leftovers(dir);
    // Step two, once everyone has enrolled: the split into part files, by an officer or a
    // supervisor (an administrator must never make or hold the census key).
    auto due = key_split_due(*state);
    SANAQ_TRY(due);
    if (*due) {
        if (auto split = split_into_parts(*state, password, options.key_split_progress); !split) {
            // Nothing of it is left; the workspace opens as before and the next sign-in retries.
            state->split_failure = split.error();
        } else {
            // Committed: the single-key files go, and the member signs in to the parts.
            WorkspaceLock held = std::move(state->lock);
            state.reset();
            remove_single_key_files(dir);
            auto split_slots = read_key_slots(dir / kKeySlotsFileName);
            SANAQ_TRY(split_slots);
            return open_per_role_state(dir, user, password, options, delay, std::move(held),
                                       std::move(*split_slots));
        }
    }
    state->timings.key_derivation = kdf_end - kdf_start;
    state->timings.after_kdf = std::chrono::steady_clock::now() - kdf_end;
    return state;
}

}  // namespace

Result<std::unique_ptr<Workspace>> Workspace::open(const std::filesystem::path& dir,
                                                   std::string_view user, std::string_view password,
                                                   OpenOptions options) {
    std::chrono::seconds delay{0};
    auto state = open_state(dir, user, password, options, delay);
    if (!state) {
        // The lock is released by now: a slow wrong guess does not keep a colleague out.
        if (options.apply_failure_delay && delay.count() > 0) std::this_thread::sleep_for(delay);
        return std::unexpected(state.error());
    }
    return std::unique_ptr<Workspace>(new Workspace(std::move(*state)));
}

// ---- Store ----------------------------------------------------------------------------------

namespace {

struct TransactionFlag {
    bool& flag;
    explicit TransactionFlag(bool& f) : flag(f) { flag = true; }
    ~TransactionFlag() { flag = false; }
};

/// After re-keying could not reopen the parts (workspace_rekey.cpp) the connection is closed.
Error connection_closed() {
    return Error::make(ErrorCode::WorkspaceDamaged,
                       N_("The workspace was closed after its keys were changed; sign in again."));
}

Error nested_transaction() {
    return Error::make(ErrorCode::Unexpected,
                       N_("An unexpected error stopped the work; nothing of it was saved."), {},
                       "Store::write/read called inside another Store::write/read");
}

}  // namespace

Status Workspace::write(const StoreWork& work) {
    std::lock_guard guard(state_->db_mutex);
    if (!state_->db) return std::unexpected(connection_closed());
    if (state_->in_transaction) return std::unexpected(nested_transaction());
    TransactionFlag flag(state_->in_transaction);
    Status result = run_write(*state_->db, *state_->session, state_->user, work);
    if (!result && state_->member && names_a_part_not_held(result.error()))
        return std::unexpected(part_not_held_error(result.error()));
    return result;
}

Status Workspace::read(const StoreWork& work) {
    std::lock_guard guard(state_->db_mutex);
    if (!state_->db) return std::unexpected(connection_closed());
    if (state_->in_transaction) return std::unexpected(nested_transaction());
    TransactionFlag flag(state_->in_transaction);
    Status result = run_read(*state_->db, *state_->session, work);
    if (!result && state_->member && names_a_part_not_held(result.error()))
        return std::unexpected(part_not_held_error(result.error()));
    return result;
}

int Workspace::schema_version() {
    std::lock_guard guard(state_->db_mutex);
    if (!state_->db) return -1;
    try {
        return db::schema_version(*state_->db);
    } catch (const DbFailure&) {
        return -1;
    }
}

Status Workspace::checkpoint() {
    std::lock_guard guard(state_->db_mutex);
    if (!state_->db) return std::unexpected(connection_closed());
    if (state_->in_transaction) return std::unexpected(nested_transaction());
    try {
        state_->db->exec("PRAGMA wal_checkpoint(TRUNCATE);");
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    return {};
}

Result<std::unique_ptr<sanaq::Store>> Workspace::open_worker_store() const {
    // Keys change only when parts are re-keyed, which holds the connection's mutex and waits for
    // no worker to be left; the key slot file (with the cipher parameters) is replaced when users
    // are added: copy it under its lock.
    std::lock_guard no_rekey_meanwhile(state_->db_mutex);
    if (!state_->db) return std::unexpected(connection_closed());
    CipherParameters cipher;
    {
        std::lock_guard guard(state_->slots_mutex);
        cipher = state_->slots.cipher;
    }
    WorkerConnection connection;
    connection.cipher = cipher;
    connection.key = &state_->master;
    connection.audit_key = &state_->audit_key;
    connection.audit_key_is_chain_key = state_->audit_key_is_chain_key;
    connection.keep_alive = state_->worker_token;
    connection.actor = state_->user;
    if (!state_->member) {
        connection.file = dir_ / kDatabaseFileName;
        return open_worker_connection(connection);
    }
    // The same parts as this connection, under the keys this member holds.
    connection.file = state_->part_files.at(Part::Common);
    for (const auto& [part, file] : state_->part_files)
        if (part != Part::Common)
            connection.parts.push_back(
                {std::string(part_name(part)), file, &state_->member->parts.at(part)});
    connection.department = state_->part_files.count(Part::Dept) ? DepartmentSettings::InDeptPart
                                                                 : DepartmentSettings::NotHeld;
    connection.signatures = state_->signatures;
    return open_worker_connection(connection);
}

Result<BackupInfo> Workspace::write_backup(
    const std::filesystem::path& out, const ArchiveProgress& progress,
    const std::function<Status(const BackupInfo&)>& before_publish) {
    // The key slots as they are now (users added later are not in this copy). Keys change only
    // by re-keying, which waits while this copy holds a worker's token.
    const auto keys_stay = state_->worker_token;
    KeySlotFile slots;
    {
        std::lock_guard guard(state_->slots_mutex);
        slots = state_->slots;
    }
    if (state_->member) {
        // Per-role keys: an administrator's copy of common and dept, census as its encrypted file.
        const auto& member = *state_->member;
        const auto dept = member.parts.find(Part::Dept);
        if (!role_holds(member.role, Part::Root) || dept == member.parts.end())
            return fail(ErrorCode::PermissionDenied,
                        N_("Only an administrator can back up a workspace with per-role keys."));
        return write_per_role_backup_file(
            PerRoleBackupSource{dir_, std::move(slots), state_->master, dept->second, member.slot,
                                member.secrets.signing_seed, &state_->db_mutex},
            out, progress, before_publish);
    }
    return write_backup_file(
        BackupSource{dir_ / kDatabaseFileName, dir_, state_->master, std::move(slots)}, out,
        progress, before_publish);
}

// ---- KeyVault -------------------------------------------------------------------------------

bool Workspace::has_slot(std::string_view user) const {
    std::lock_guard guard(state_->slots_mutex);
    return state_->slots.find(slot_id_for(state_->slots.workspace_id, user)) != nullptr;
}

namespace {

/// Per-role keys: applies `change` to a copy of the document, writes it (the commit point), and
/// only then takes it as the workspace's.
template <class Change>
Status change_key_document(Workspace::State& state, Change&& change) {
    KeySlotFile next = state.slots;
    SANAQ_TRY(change(next));
    SANAQ_TRY(write_key_document(state.dir / kKeySlotsFileName, next));
    state.slots = std::move(next);
    sync_signatures(state);  // a member added, removed or reset signs and is checked from now on
    return {};
}

}  // namespace

Status Workspace::add_slot(std::string_view user, std::string_view password, Role role) {
    std::lock_guard guard(state_->slots_mutex);
    auto& slots = state_->slots;
    if (state_->member)
        return change_key_document(*state_, [&](KeySlotFile& next) {
            return add_member(next, *state_->member, user, password, role, state_->new_slot_kdf);
        });
    if (slots.find(slot_id_for(slots.workspace_id, user)))
        return fail(ErrorCode::AlreadyExists, N_("A user named {} already exists."),
                    {std::string(user)});
    auto slot = make_slot(slots.workspace_id, user, password, state_->master, state_->new_slot_kdf);
    SANAQ_TRY(slot);
    KeySlotFile next = slots;
    next.slots.push_back(std::move(*slot));
    SANAQ_TRY(write_key_slots(dir_ / kKeySlotsFileName, next, state_->master));
    slots = std::move(next);
    return {};
}

Status Workspace::set_role(std::string_view user, Role role) {
    std::lock_guard guard(state_->slots_mutex);
    if (!state_->member) return {};
    const auto slot = slot_id_for(state_->slots.workspace_id, user);
    const RosterMember* member = state_->slots.roster ? state_->slots.roster->find(slot) : nullptr;
    const std::optional<Role> previous = member ? std::optional(member->role) : std::nullopt;
    if (auto ok = change_key_document(
            *state_,
            [&](KeySlotFile& next) { return set_member_role(next, *state_->member, user, role); });
        !ok)
        return ok;
    // Rows they signed in the old role would read as altered under the new one (an officer who
    // enrolled tablets, now a supervisor): the administrator signs them again, in the role
    // change's transaction.
    if (!previous || *previous == role) return {};
    std::lock_guard db_guard(state_->db_mutex);
    return state_->session->sign_again_rows_of(slot, *previous);
}

Result<std::vector<std::string>> Workspace::confirm_access(std::string_view user) {
    std::lock_guard guard(state_->slots_mutex);
    if (!state_->member)
        return fail(
            ErrorCode::RefusedByState,
            N_("This workspace has one key for every role; there is no access to confirm."));
    std::vector<std::string> names;
    auto st = change_key_document(*state_, [&](KeySlotFile& next) -> Status {
        auto parts = grant_member(next, *state_->member, user);
        SANAQ_TRY(parts);
        for (Part p : *parts) names.emplace_back(part_name(p));
        return {};
    });
    SANAQ_TRY(st);
    return names;
}

Status Workspace::check_membership_change(std::string_view user, std::optional<Role> role) const {
    std::lock_guard guard(state_->slots_mutex);
    if (!state_->member) return {};
    return db::check_membership_change(state_->slots, user, role);
}

std::vector<std::string> Workspace::awaiting_confirmation(
    const std::vector<std::string>& users) const {
    std::lock_guard guard(state_->slots_mutex);
    std::vector<std::string> names;
    if (state_->member)
        for (const auto& user : users)
            if (!parts_to_grant(state_->slots, *state_->member, user).empty())
                names.push_back(user);
    return names;
}

std::vector<std::string> Workspace::awaiting_enrolment(
    const std::vector<std::string>& users) const {
    std::lock_guard guard(state_->slots_mutex);
    if (state_->member) return {};
    return not_enrolled(state_->slots, users);
}

std::vector<std::string> Workspace::awaiting_parts() const {
    std::vector<std::string> out;
    if (state_->member)
        for (Part p : state_->member->awaiting) out.emplace_back(part_name(p));
    return out;
}

const std::optional<Error>& Workspace::key_split_failure() const { return state_->split_failure; }

std::string_view Workspace::key_layout() const {
    return state_->member ? "per-role" : "single-key";
}

Status Workspace::remove_slot(std::string_view user) {
    std::lock_guard guard(state_->slots_mutex);
    auto& slots = state_->slots;
    if (state_->member)
        return change_key_document(
            *state_, [&](KeySlotFile& next) { return remove_member(next, *state_->member, user); });
    const auto id = slot_id_for(slots.workspace_id, user);
    if (!slots.find(id))
        return fail(ErrorCode::NotFound, N_("There is no user named {}."), {std::string(user)});
    if (slots.slots.size() == 1)
        return fail(
            ErrorCode::RefusedByState,
            N_("The last key slot cannot be removed: nobody could open the workspace again."));
    KeySlotFile next = slots;
    std::erase_if(next.slots, [&](const KeySlot& s) { return s.id == id; });
    drop_enrolment(next, user);  // a removed user's member keys do not wait for the split
    SANAQ_TRY(write_key_slots(dir_ / kKeySlotsFileName, next, state_->master));
    slots = std::move(next);
    return {};
}

Status Workspace::change_password(std::string_view user, std::string_view new_password) {
    std::lock_guard guard(state_->slots_mutex);
    auto& slots = state_->slots;
    if (state_->member)
        return change_key_document(*state_, [&](KeySlotFile& next) -> Status {
            // One's own password re-seals the same member keys; another's is a reset with new keys.
            if (slot_id_for(next.workspace_id, user) == state_->member->slot) {
                for (auto& s : next.slots)
                    if (s.id == state_->member->slot) s.kdf = state_->new_slot_kdf;
                return refresh_member_slot(next, *state_->member, user, new_password);
            }
            return reset_member(next, *state_->member, user, new_password, state_->new_slot_kdf);
        });
    const auto id = slot_id_for(slots.workspace_id, user);
    if (!slots.find(id))
        return fail(ErrorCode::NotFound, N_("There is no user named {}."), {std::string(user)});
    // A fresh salt and nonce: the old wrapped key tells nothing about the new one.
    auto slot =
        make_slot(slots.workspace_id, user, new_password, state_->master, state_->new_slot_kdf);
    SANAQ_TRY(slot);
    KeySlotFile next = slots;
    for (auto& s : next.slots)
        if (s.id == id) s = std::move(*slot);
    // Member keys sealed under the old password go with it: the user enrols again at their next
    // sign-in, under the new one.
    drop_enrolment(next, user);
    SANAQ_TRY(write_key_slots(dir_ / kKeySlotsFileName, next, state_->master));
    slots = std::move(next);
    return {};
}

}  // namespace sanaq::db
