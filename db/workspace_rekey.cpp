// Re-keying the parts of a per-role workspace (db/README.md, "Key hierarchy", "Re-keying"): when
// a member who could open a part is removed or loses it with a new role, the part is copied page
// by page into its next generation under a fresh key that only the remaining holders are granted.
// The commit point is the rename of keyslots.json naming the new files: a crash before it leaves
// the old generation in force (the half-made new file is named by nothing and is removed at the
// next re-key), a crash after it the new one (the old files are removed at the next sign-in).
#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "db/backup.h"
#include "db/backup_io.h"
#include "db/errors.h"
#include "db/key_membership.h"
#include "db/repositories/repositories.h"
#include "db/workspace_state.h"

namespace sanaq::db {
namespace {

using std::filesystem::path;

Error cancelled_rekey() {
    return Error::make(ErrorCode::Cancelled, N_("Re-keying was cancelled; the workspace keeps its "
                                                "current keys. Start it again to finish."));
}

Error workers_running() {
    return Error::make(
        ErrorCode::RefusedByState,
        N_("Keys cannot be changed while a pull or another job is running; try again when it has "
           "finished."));
}

/// The copies need room beside the files they replace (the old ones go only after the commit).
Status check_free_space(const path& dir, std::uint64_t needed) {
    struct statvfs fs {};
    if (::statvfs(dir.c_str(), &fs) != 0) return {};  // unknown: let the copy report a full disk
    const auto available =
        static_cast<std::uint64_t>(fs.f_bavail) * static_cast<std::uint64_t>(fs.f_frsize);
    // A margin for the WAL and the file system's own needs.
    if (available >= needed + needed / 10 + (16u << 20)) return {};
    return fail(
        ErrorCode::RefusedByState,
        N_("Re-keying needs {} MiB of free disk space in {}, and {} MiB are free. Free some space "
           "and sign in again; the workspace keeps its current keys until then."),
        {std::to_string(needed >> 20), dir.string(), std::to_string(available >> 20)});
}

/// Reads the finished copy back page by page and checks every page's MAC under the new key:
/// what reached the disk is what the commit point will name.
Status verify_copy(const path& file, const SecretKey& key, const CipherParameters& cipher) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::Io, N_("Could not read the file {}."), {file.string()},
                    std::strerror(errno));
    const auto page_size = static_cast<std::size_t>(cipher.page_size);
    std::vector<unsigned char> page(page_size);
    std::optional<PageMacCheck> macs;
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(file, ec);
    Status result = {};
    for (std::uint32_t pgno = 1;; ++pgno) {
        const auto offset = static_cast<std::uint64_t>(pgno - 1) * page_size;
        if (offset >= size) break;
        if (!backup_detail::read_exact(fd, page.data(), page_size, offset)) {
            result =
                std::unexpected(damaged_file_error(file, "the re-keyed copy ends inside a page"));
            break;
        }
        if (!macs) {
            auto made = PageMacCheck::make(key, page.data(), cipher);
            if (!made) {
                result = std::unexpected(made.error());
                break;
            }
            macs.emplace(std::move(*made));
        }
        if (!macs->verify(page.data(), pgno)) {
            result = std::unexpected(damaged_file_error(
                file, "page " + std::to_string(pgno) + " of the re-keyed copy does not verify"));
            break;
        }
    }
    ::close(fd);
    return result;
}

/// Bytes of a part as attached to `db` (its pages), for the progress.
std::uint64_t part_bytes(Database& db, Part part) {
    const std::string schema(schema_of(part));
    return static_cast<std::uint64_t>(db.pragma_int(schema + ".page_count")) *
           static_cast<std::uint64_t>(db.pragma_int(schema + ".page_size"));
}

/// Copies the part attached to `source` as `schema_of(part)` into the new file `dest` under `key`
/// (SQLite's online backup: every page read through the old key, written through the new one),
/// then stamps its generation and syncs it. `advance(bytes)` reports each step; false cancels.
Status copy_part(Database& source, Part part, const path& dest, const SecretKey& key,
                 const CipherParameters& cipher, std::uint64_t generation,
                 const std::function<bool(std::uint64_t)>& advance) {
    SANAQ_TRY(make_private_file(dest));
    auto dst = Database::open(dest, &key, Database::Mode::BackupCopy, cipher);
    SANAQ_TRY(dst);
    auto& d = **dst;
    const std::string schema(schema_of(part));
    const auto page_size = static_cast<std::uint64_t>(source.pragma_int(schema + ".page_size"));
    try {
        // One snapshot for the whole copy (nothing else writes meanwhile: the caller holds the
        // connection and no worker is open, but a snapshot makes it a property of the copy).
        source.exec("BEGIN DEFERRED;");
        source.query("SELECT count(*) FROM " + schema + ".sqlite_master").step();
        source.reset_cached();
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    auto end_read = [&] {
        try {
            if (source.in_transaction()) source.exec("COMMIT;");
        } catch (const DbFailure&) {
        }
    };
    // Progress in bytes; a cancel is told apart from a failure of the copy by this flag.
    std::uint64_t reported = 0;
    bool cancelled = false;
    auto copied = backup_detail::copy_schema(
        source, schema, d,
        [&](std::uint64_t done, std::uint64_t) {
            cancelled = advance && !advance((done - reported) * page_size);
            reported = done;
            return !cancelled;
        },
        source.file(), dest);
    end_read();
    if (!copied) return std::unexpected(cancelled ? cancelled_rekey() : copied.error());
    if (advance && !advance((*copied - reported) * page_size))
        return std::unexpected(cancelled_rekey());
    try {
        if (part != Part::Common)
            d.query("UPDATE main.part_meta SET value = ? WHERE name = 'generation'",
                    std::to_string(generation))
                .run();
        d.reset_cached();
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    dst->reset();  // closes the copy (no journal: it is complete once closed)
    SANAQ_TRY(sync_to_disk(dest));
    return verify_copy(dest, key, cipher);
}

/// The audit chain stays keyed as it was when common gets a new key: its key moves into common.
Status keep_audit_key(Workspace::State& state) {
    if (state.audit_key_is_chain_key) return {};  // a split stored the chain key in common already
    std::string hex = state.audit_key.hex();
    try {
        state.db->exec("BEGIN IMMEDIATE;");
        state.db
            ->query(
                "INSERT OR IGNORE INTO main.store_parameters (name, value) VALUES "
                "('audit_chain_key', ?)",
                hex)
            .run();
        state.db->reset_cached();
        state.db->exec("COMMIT;");
    } catch (const DbFailure& failure) {
        wipe(hex);
        state.db->reset_cached();
        if (state.db->in_transaction()) state.db->exec("ROLLBACK;");
        return std::unexpected(failure.error());
    }
    wipe(hex);
    return {};
}

/// The workspace's connection moved to the parts the committed document names. Should that fail,
/// the connection is closed rather than left on files that are no longer the workspace's.
Status reconnect(Workspace::State& state, const std::vector<Part>& rekeyed) {
    const MemberKeys& member = *state.member;
    const bool common = std::find(rekeyed.begin(), rekeyed.end(), Part::Common) != rekeyed.end();
    auto attach_rekeyed = [&]() -> Status {
        for (Part part : {Part::Dept, Part::Census}) {
            const bool moved = std::find(rekeyed.begin(), rekeyed.end(), part) != rekeyed.end();
            if (!state.part_files.count(part) || (!moved && !common)) continue;
            if (!common)
                SANAQ_TRY(state.db->detach(schema_of(part)));
            SANAQ_TRY(attach_existing_part(state, part, member.parts.at(part)));
        }
        return {};
    };
    Status result = {};
    if (common) {
        state.session.reset();
        state.db.reset();
        state.master = copy_key(member.parts.at(Part::Common));
        const auto slots_file = state.dir / kKeySlotsFileName;
        auto common_file = part_path(state.dir, *state.slots.part(Part::Common), slots_file);
        SANAQ_TRY(common_file);
        auto db = Database::open(*common_file, &state.master, Database::Mode::OpenExisting,
                                 state.slots.cipher);
        SANAQ_TRY(db);
        state.db = std::move(*db);
        state.part_files[Part::Common] = *common_file;
    }
    result = attach_rekeyed();
    if (!result) {
        state.session.reset();
        state.db.reset();
        return result;
    }
    if (common) {
        state.session = std::make_unique<SqlStoreSession>(*state.db, state.audit_key,
                                                          state.audit_key_is_chain_key);
        state.session->route_department_settings(state.part_files.count(Part::Dept)
                                                     ? DepartmentSettings::InDeptPart
                                                     : DepartmentSettings::NotHeld);
    }
    sync_signatures(state);  // the new session, and the roster with the new root
    return {};
}

}  // namespace

void remove_stale_generations(const path& dir, const KeySlotFile& slots) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        for (const auto& record : slots.parts) {
            const std::string prefix = std::string(part_name(record.part)) + ".";
            if (!name.starts_with(prefix) || !name.ends_with(".db")) continue;
            const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - 3);
            if (digits.empty() || digits.size() > 19 ||
                digits.find_first_not_of("0123456789") != std::string::npos)
                continue;
            if (std::stoull(digits) < record.generation) remove_part_file(entry.path());
        }
    }
}

std::vector<std::string> Workspace::parts_to_rekey() const {
    std::lock_guard guard(state_->slots_mutex);
    std::vector<std::string> names;
    if (state_->member)
        for (Part part : db::parts_to_rekey(state_->slots, *state_->member))
            names.emplace_back(part_name(part));
    return names;
}

Result<std::vector<std::string>> Workspace::rekey_pending_parts(const ArchiveProgress& progress) {
    std::lock_guard db_guard(state_->db_mutex);
    std::lock_guard slots_guard(state_->slots_mutex);
    State& state = *state_;
    std::vector<std::string> names;
    if (!state.member) return names;
    const auto parts = db::parts_to_rekey(state.slots, *state.member);
    if (parts.empty()) return names;
    if (state.in_transaction)
        return fail(ErrorCode::Unexpected,
                    N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    "rekey inside a transaction");
    if (state.worker_token.use_count() > 1) return std::unexpected(workers_running());

    std::map<Part, path> made;  // new files, removed unless the document naming them is written
    struct Discard {
        std::map<Part, path>& files;
        bool keep = false;
        ~Discard() {
            if (!keep)
                for (const auto& [part, file] : files) remove_part_file(file);
        }
    } discard{made};

    std::uint64_t total = 0, done = 0;
    try {
        for (Part part : parts)
            if (part != Part::Root) total += part_bytes(*state.db, part);
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    SANAQ_TRY(check_free_space(state.dir, total));
    const auto advance = [&](std::uint64_t bytes) {
        done += bytes;
        return !progress || progress(done, total);
    };
    if (progress && !progress(0, total)) return std::unexpected(cancelled_rekey());

    KeySlotFile next = state.slots;
    std::map<Part, SecretKey> keys;
    for (Part part : parts) {
        if (part == Part::Root) {
            auto seed = rotate_root(next, *state.member);
            SANAQ_TRY(seed);
            keys.insert_or_assign(part, std::move(*seed));
            continue;
        }
        if (part == Part::Common)
            SANAQ_TRY(keep_audit_key(state));
        auto key = rekey_part(next, *state.member, part);
        SANAQ_TRY(key);
        const PartRecord& record = *next.part(part);
        const path file = state.dir / record.file;
        remove_part_file(file);  // a copy an interrupted re-key left behind: named by nothing
        made[part] = file;
        if (auto ok =
                copy_part(*state.db, part, file, *key, next.cipher, record.generation, advance);
            !ok)
            return std::unexpected(ok.error());
        keys.insert_or_assign(part, std::move(*key));
    }
    // An administrator also drops the rotations now done from the signed roster (the root's
    // rotation has done so already).
    if (!keys.count(Part::Root) && state.member->parts.count(Part::Root))
        SANAQ_TRY(close_done_rotations(next, *state.member));

    SANAQ_TRY(write_key_document(state.dir / kKeySlotsFileName, next));
    discard.keep = true;  // committed: the new generation is the workspace's now

    std::map<Part, path> old_files;
    for (Part part : parts)
        if (state.part_files.count(part)) old_files[part] = state.part_files.at(part);
    state.slots = std::move(next);
    for (auto& [part, key] : keys) {
        if (part == Part::Root)
            if (auto root = signing_public_key(key)) state.member->current_root = *root;
        state.member->parts.insert_or_assign(part, std::move(key));
    }
    state.member->slot_outdated = true;  // re-sealed at the member's next sign-in
    if (auto ok = reconnect(state, parts); !ok)
        return fail(ErrorCode::WorkspaceDamaged,
                    N_("The keys were changed, but the workspace could not be opened again under "
                       "them; close it and "
                       "sign in again."),
                    {}, ok.error().detail);
    for (const auto& [part, file] : old_files) remove_part_file(file);
    for (Part part : parts) names.emplace_back(part_name(part));
    return names;
}

}  // namespace sanaq::db
