// The per-role key layout of a workspace (design/key-hierarchy.md; db/README.md, "Key hierarchy"):
// common.<g>.db is the main database, dept.<g>.db and census.<g>.db are attached under their own
// keys for the members whose role holds them. What a custodian's password opens is common only.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/domain/clock.h"
#include "db/errors.h"
#include "db/key_membership.h"
#include "db/migrations/migrations.h"
#include "db/part_schema.h"
#include "db/workspace_state.h"

namespace sanaq::db {

using std::filesystem::path;

std::string_view schema_of(Part part) { return part == Part::Common ? "main" : part_name(part); }

Result<path> part_path(const path& dir, const PartRecord& record, const path& slots_file) {
    if (record.file != part_file_name(record.part, record.generation))
        return std::unexpected(
            damaged_file_error(slots_file, "a part file name that is not its own: " + record.file));
    return dir / record.file;
}

Status sync_to_disk(const path& file_or_folder) {
    const int fd = ::open(file_or_folder.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int err = errno;
        if (fd >= 0) ::close(fd);
        return fail(ErrorCode::Io, N_("Could not write the file {}."), {file_or_folder.string()},
                    std::strerror(err));
    }
    ::close(fd);
    return {};
}

Status make_private_file(const path& file) {
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(ErrorCode::Io, N_("Could not write the file {}."), {file.string()},
                    std::strerror(errno));
    ::close(fd);
    return {};
}

void remove_part_file(const path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path(file.string() + suffix), ec);
}

namespace {

Status write_part_meta(Database& db, Part part, std::uint64_t generation,
                       std::string_view workspace_id) {
    try {
        const std::string table = std::string(part_name(part)) + ".part_meta";
        db.exec("BEGIN IMMEDIATE;");
        for (const auto& [name, value] :
             {std::pair<std::string, std::string>{"workspace_id", std::string(workspace_id)},
              {"part", std::string(part_name(part))},
              {"generation", std::to_string(generation)}})
            db.query("INSERT OR REPLACE INTO " + table + " (name, value) VALUES (?, ?)", name,
                     value)
                .run();
        db.reset_cached();
        db.exec("COMMIT;");
    } catch (const DbFailure& failure) {
        db.reset_cached();
        if (db.in_transaction()) db.exec("ROLLBACK;");
        return std::unexpected(failure.error());
    }
    return {};
}

/// A part attached to `db` belongs to this workspace and is the generation the record names: a
/// part file of another workspace, or an older generation put back, is refused.
Status check_part_meta(Database& db, Part part, std::uint64_t generation,
                       std::string_view workspace_id, const path& file) {
    try {
        auto& q =
            db.query("SELECT name, value FROM " + std::string(part_name(part)) + ".part_meta");
        std::map<std::string, std::string> meta;
        while (q.step()) meta[q.text(0)] = q.text(1);
        db.reset_cached();
        if (meta["workspace_id"] != workspace_id || meta["part"] != part_name(part) ||
            meta["generation"] != std::to_string(generation))
            return std::unexpected(damaged_file_error(
                file,
                "the part file is not this workspace's current " + std::string(part_name(part))));
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    return {};
}

}  // namespace

Status create_attached_part(Database& db, const path& file, Part part, std::uint64_t generation,
                            const SecretKey& key, std::string_view workspace_id) {
    SANAQ_TRY(make_private_file(file));
    auto failed = [&](Error e) -> Status {
        (void)db.detach(schema_of(part));
        remove_part_file(file);
        return std::unexpected(std::move(e));
    };
    if (auto ok = db.attach(schema_of(part), file, key, Database::Mode::Create); !ok) {
        remove_part_file(file);
        return ok;
    }
    if (auto ok = create_part_schema(db, schema_of(part), part); !ok) return failed(ok.error());
    if (auto ok = write_part_meta(db, part, generation, workspace_id); !ok)
        return failed(ok.error());
    return {};
}

Status load_audit_key(Workspace::State& state) {
    try {
        // A workspace split from a single key keeps the chain key itself (kAuditChainHmacKey);
        // one made per-role keeps the key it is derived from once common is re-keyed.
        auto& q = state.db->query(
            "SELECT name, value FROM main.store_parameters WHERE name IN ('audit_chain_key', ?) "
            "ORDER BY name = 'audit_chain_key' LIMIT 1",
            std::string(kAuditChainHmacKey));
        std::string hex;
        if (q.step()) {
            state.audit_key_is_chain_key = q.text(0) == kAuditChainHmacKey;
            hex = q.text(1);
        }
        state.db->reset_cached();
        if (hex.empty()) {
            state.audit_key = copy_key(state.master);  // common has never been re-keyed
            return {};
        }
        auto bytes = crypto::from_hex_bytes(hex);
        wipe(hex);
        if (!bytes || bytes->size() != SecretKey::kSize)
            return std::unexpected(
                damaged_file_error(state.db->file(), "audit_chain_key is not a 32-byte key"));
        std::copy(bytes->begin(), bytes->end(), state.audit_key.data());
        crypto::wipe(*bytes);
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    return {};
}

Status attach_existing_part(Workspace::State& state, Part part, const SecretKey& key) {
    const auto slots_file = state.dir / kKeySlotsFileName;
    const PartRecord* record = state.slots.part(part);
    auto file = part_path(state.dir, *record, slots_file);
    SANAQ_TRY(file);
    SANAQ_TRY(state.db->attach(schema_of(part), *file, key, Database::Mode::OpenExisting));
    SANAQ_TRY(check_part_schema(*state.db, schema_of(part), part, *file));
    if (auto ok =
            check_part_meta(*state.db, part, record->generation, state.slots.workspace_id, *file);
        !ok)
        return ok;
    state.part_files[part] = *file;
    return {};
}

Result<std::unique_ptr<Workspace::State>> create_per_role_state(const path& dir,
                                                                std::string_view admin_user,
                                                                std::string_view admin_password,
                                                                const KdfParams& kdf) {
    auto id = random_bytes(16);
    SANAQ_TRY(id);
    const auto kdf_start = std::chrono::steady_clock::now();
    auto doc = new_key_document(crypto::to_hex(*id), admin_user, admin_password, kdf);
    SANAQ_TRY(doc);
    auto member = unlock_member(doc->file, admin_user, admin_password, dir / kKeySlotsFileName);
    SANAQ_TRY(member);
    const auto kdf_end = std::chrono::steady_clock::now();

    auto state = std::make_unique<Workspace::State>();
    state->dir = dir;
    state->user = std::string(admin_user);
    state->new_slot_kdf = kdf;
    state->slots = std::move(doc->file);
    state->member = std::move(*member);
    state->master = copy_key(state->member->parts.at(Part::Common));
    state->audit_key = copy_key(state->master);
    state->timings.key_derivation = kdf_end - kdf_start;

    const auto common_file = dir / part_file_name(Part::Common, 1);
    SANAQ_TRY(make_private_file(common_file));
    auto db =
        Database::open(common_file, &state->master, Database::Mode::Create, state->slots.cipher);
    SANAQ_TRY(db);
    state->db = std::move(*db);
    state->part_files[Part::Common] = common_file;
    SANAQ_TRY(create_part_schema(*state->db, "main", Part::Common));
    const auto dept_file = dir / part_file_name(Part::Dept, 1);
    if (auto ok =
            create_attached_part(*state->db, dept_file, Part::Dept, 1,
                                 state->member->parts.at(Part::Dept), state->slots.workspace_id);
        !ok)
        return std::unexpected(ok.error());
    state->part_files[Part::Dept] = dept_file;
    try {
        record_store_parameters(*state->db, state->slots);
        state->db->exec(
            "PRAGMA main.wal_checkpoint(TRUNCATE); PRAGMA dept.wal_checkpoint(TRUNCATE);");
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    // Written last: a folder without keyslots.json is not yet a workspace anybody could open.
    SANAQ_TRY(write_key_document(dir / kKeySlotsFileName, state->slots));
    state->timings.after_kdf = std::chrono::steady_clock::now() - kdf_end;
    return state;
}

Status open_per_role_parts(Workspace::State& state, std::string_view password) {
    const auto slots_file = state.dir / kKeySlotsFileName;
    MemberKeys& member = *state.member;
    const PartRecord* common = state.slots.part(Part::Common);
    if (!common) return std::unexpected(damaged_file_error(slots_file, "no common part"));
    auto common_file = part_path(state.dir, *common, slots_file);
    SANAQ_TRY(common_file);
    state.master = copy_key(member.parts.at(Part::Common));
    auto db = Database::open(*common_file, &state.master, Database::Mode::OpenExisting,
                             state.slots.cipher);
    SANAQ_TRY(db);
    state.db = std::move(*db);
    state.part_files[Part::Common] = *common_file;
    try {
        const int version = schema_version(*state.db);
        SANAQ_TRY(check_schema_not_newer(*state.db, version));
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    SANAQ_TRY(check_part_schema(*state.db, "main", Part::Common, *common_file));
    SANAQ_TRY(load_audit_key(state));

    if (const auto dept = member.parts.find(Part::Dept); dept != member.parts.end())
        SANAQ_TRY(attach_existing_part(state, Part::Dept, dept->second));

    bool document_changed = false;
    if (role_holds(member.role, Part::Census)) {
        if (const auto census = member.parts.find(Part::Census); census != member.parts.end()) {
            SANAQ_TRY(attach_existing_part(state, Part::Census, census->second));
        } else if (!state.slots.part(Part::Census)) {
            // The first census holder to sign in makes the census part; nobody else ever held it.
            KeySlotFile next = state.slots;
            auto key = make_part_generation(next, member, Part::Census, 1);
            SANAQ_TRY(key);
            const auto file = state.dir / part_file_name(Part::Census, 1);
            if (auto ok = create_attached_part(*state.db, file, Part::Census, 1, *key,
                                               state.slots.workspace_id);
                !ok)
                return ok;
            if (auto ok = write_key_document(slots_file, next); !ok) {
                (void)state.db->detach("census");
                remove_part_file(file);
                return ok;
            }
            state.slots = std::move(next);
            state.part_files[Part::Census] = file;
            member.slot_outdated = true;  // the slot remembers the census generation it made
        }
        // Otherwise the member waits for a census holder to confirm their access (member.awaiting).
    }
    if (member.slot_outdated) {
        SANAQ_TRY(refresh_member_slot(state.slots, member, state.user, password));
        document_changed = true;
    }
    if (document_changed)
        SANAQ_TRY(write_key_document(slots_file, state.slots));
    remove_stale_generations(state.dir, state.slots);
    // A split whose commit point passed before workspace.db was removed: it goes now.
    remove_single_key_files(state.dir);
    return {};
}

}  // namespace sanaq::db
