#include "db/backup_per_role.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/io/atomic_file.h"
#include "db/backup.h"
#include "db/backup_io.h"
#include "db/errors.h"
#include "db/key_membership.h"
#include "db/member_slots.h"
#include "db/migrations/migrations.h"
#include "db/public_key_crypto.h"

namespace sanaq::db {
namespace {

using namespace backup_detail;
using nlohmann::ordered_json;

constexpr std::size_t kFooterSize = kPerRoleBackupFooterSize;

/// How a section was made: the backup API from a snapshot (common, dept: the administrator holds
/// their keys), or the part's file as it lies on disk, and its WAL (census: nobody here holds it).
enum class Copy { SqliteBackup, Raw, RawWal };

std::string_view copy_name(Copy copy) {
    switch (copy) {
        case Copy::SqliteBackup: return "sqlite-backup";
        case Copy::Raw: return "raw";
        case Copy::RawWal: return "raw-wal";
    }
    return "?";
}

struct Section {
    Part part = Part::Common;
    Copy copy = Copy::SqliteBackup;
    std::uint64_t generation = 1;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::string sha256;
};

/// The file a section restores into: never a name read from the backup, always computed.
std::string file_of(Part part, std::uint64_t generation, Copy copy) {
    return part_file_name(part, generation) + (copy == Copy::RawWal ? "-wal" : "");
}

/// The sections a per-role backup holds, in this order; census and its WAL only when present.
constexpr struct {
    Part part;
    Copy copy;
} kSectionOrder[] = {{Part::Common, Copy::SqliteBackup},
                     {Part::Dept, Copy::SqliteBackup},
                     {Part::Census, Copy::Raw},
                     {Part::Census, Copy::RawWal}};

std::string signing_input(std::string_view workspace_id, std::string_view manifest) {
    std::string out(kPerRoleBackupSignatureLabel);
    out += '\0';
    out += workspace_id;
    out += '\0';
    out += manifest;
    return out;
}

Error not_by_an_administrator(const std::filesystem::path& backup, std::string detail) {
    return Error::make(ErrorCode::InvalidInput,
                       N_("The backup {} was not made by an administrator of its workspace. Nothing was restored."),
                       {backup.string()}, std::move(detail));
}

Error unexpected(std::string detail) {
    return Error::make(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                       std::move(detail));
}

/// The file of `part` that the signed record names, checked to be "<part>.<generation>.db".
Result<fs::path> own_part_file(const fs::path& dir, const KeySlotFile& slots, Part part) {
    const PartRecord* record = slots.part(part);
    if (!record) return std::unexpected(damaged_file_error(dir / kKeySlotsFileName, "no " + std::string(part_name(part)) + " part"));
    if (record->file != part_file_name(part, record->generation))
        return std::unexpected(damaged_file_error(dir / kKeySlotsFileName, "a part file name that is not its own: " + record->file));
    return dir / record->file;
}

bool signer_is_administrator(const KeySlotFile& slots, std::string_view slot) {
    const RosterMember* m = slots.roster ? slots.roster->find(slot) : nullptr;
    return m && m->active && role_holds(m->role, Part::Root);
}

// ---- reading the layout --------------------------------------------------------------------------

struct Layout {
    std::uint64_t file_size = 0;
    std::uint64_t sections_end = 0;
    std::vector<Section> sections;
    std::string trailer;  // bytes [sections_end, file_size): key slots, manifest, footer
    std::size_t keyslots_size = 0;
    std::size_t manifest_size = 0;
    Signature signature{};
    std::string signer;
    CipherParameters cipher;
    BackupInfo info;

    std::string_view keyslots() const { return std::string_view(trailer).substr(0, keyslots_size); }
    std::string_view manifest() const { return std::string_view(trailer).substr(keyslots_size, manifest_size); }
};

/// Every length is checked against what is left of the file (and the small parts against a
/// ceiling) before anything is allocated or added up.
Result<Layout> read_layout(const fs::path& file, int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return std::unexpected(io_read(file, std::strerror(errno)));
    if (!S_ISREG(st.st_mode)) return std::unexpected(not_a_backup(file, "not a regular file"));
    Layout l;
    l.file_size = static_cast<std::uint64_t>(st.st_size);
    if (l.file_size < kFooterSize) return std::unexpected(not_a_backup(file, "shorter than the footer"));
    unsigned char footer[kFooterSize];
    if (!read_exact(fd, footer, sizeof footer, l.file_size - kFooterSize)) return std::unexpected(io_read(file, "footer"));
    if (std::string_view(reinterpret_cast<const char*>(footer + 80), 16) != kPerRoleBackupMagic)
        return std::unexpected(not_a_backup(file, "no footer magic at the end"));
    for (int i = 72; i < 80; ++i)
        if (footer[i] != 0) return std::unexpected(not_a_backup(file, "footer reserved bytes not zero"));
    const std::uint64_t manifest_size = get_u64le(footer);
    if (manifest_size == 0 || manifest_size > kMaxSmallPart || manifest_size > l.file_size - kFooterSize)
        return std::unexpected(not_a_backup(file, "manifest length out of range"));
    std::memcpy(l.signature.data(), footer + 8, l.signature.size());
    const std::uint64_t manifest_offset = l.file_size - kFooterSize - manifest_size;

    std::string manifest(manifest_size, '\0');
    if (!read_exact(fd, manifest.data(), manifest.size(), manifest_offset)) return std::unexpected(io_read(file, "manifest"));
    std::uint64_t keyslots_size = 0;
    std::string keyslots_sha;
    const auto page_size = static_cast<std::uint64_t>(pinned_cipher_parameters().page_size);
    try {
        const auto j = ordered_json::parse(manifest);
        if (j.value("format", std::string()) != kBackupFormatName) return std::unexpected(not_a_backup(file, "manifest format"));
        if (j.at("version").get<int>() != kPerRoleBackupFormatVersion)
            return std::unexpected(not_a_backup(file, "unsupported backup version " + j.at("version").dump()));
        if (j.at("key_layout").get<std::string>() != "per-role") return std::unexpected(not_a_backup(file, "key layout"));
        l.info.workspace_id = j.at("workspace_id").get<std::string>();
        l.info.created_at_utc = j.at("created_at_utc").get<std::string>();
        l.info.schema_version = j.at("schema_version").get<int>();
        l.cipher = cipher_from_json(j.at("sqlcipher"));
        if (const auto field = cipher_parameters_mismatch(l.cipher); !field.empty())
            return std::unexpected(not_a_backup(file, field + " differs from this build's pinned SQLCipher settings"));
        const auto& sections = j.at("sections");
        if (!sections.is_array() || sections.size() < 2 || sections.size() > std::size(kSectionOrder))
            return std::unexpected(not_a_backup(file, "number of sections"));
        std::uint64_t offset = 0;
        for (std::size_t i = 0; i < sections.size(); ++i) {
            const auto& s = sections[i];
            Section section;
            section.part = kSectionOrder[i].part;
            section.copy = kSectionOrder[i].copy;
            if (s.at("part").get<std::string>() != part_name(section.part) ||
                s.at("copy").get<std::string>() != copy_name(section.copy))
                return std::unexpected(not_a_backup(file, "section " + std::to_string(i) + " is not the expected one"));
            section.generation = s.at("generation").get<std::uint64_t>();
            if (section.generation == 0 || section.generation > (std::uint64_t{1} << 53) ||
                s.at("file").get<std::string>() != file_of(section.part, section.generation, section.copy))
                return std::unexpected(not_a_backup(file, "section " + std::to_string(i) + " file or generation"));
            if (s.at("offset").get<std::uint64_t>() != offset)
                return std::unexpected(not_a_backup(file, "section " + std::to_string(i) + " offset"));
            section.offset = offset;
            section.size = s.at("size").get<std::uint64_t>();
            if (section.size > manifest_offset - offset)
                return std::unexpected(not_a_backup(file, "section " + std::to_string(i) + " runs past the file's end"));
            section.sha256 = s.at("sha256").get<std::string>();
            if (!is_lower_hex(section.sha256, 64)) return std::unexpected(not_a_backup(file, "section digest malformed"));
            switch (section.copy) {
                case Copy::SqliteBackup:
                    if (section.size == 0 || section.size % page_size != 0 ||
                        s.at("pages").get<std::uint64_t>() != section.size / page_size)
                        return std::unexpected(not_a_backup(file, "section " + std::to_string(i) + " is not a whole number of pages"));
                    break;
                case Copy::Raw:
                    if (section.size % page_size != 0)
                        return std::unexpected(not_a_backup(file, "section " + std::to_string(i) + " is not a whole number of pages"));
                    break;
                case Copy::RawWal:
                    if (section.size == 0 || section.generation != l.sections.back().generation)
                        return std::unexpected(not_a_backup(file, "the census WAL section"));
                    break;
            }
            offset += section.size;
            l.sections.push_back(std::move(section));
        }
        l.sections_end = offset;
        const auto& k = j.at("keyslots");
        if (k.at("offset").get<std::uint64_t>() != offset) return std::unexpected(not_a_backup(file, "keyslots offset"));
        keyslots_size = k.at("size").get<std::uint64_t>();
        keyslots_sha = k.at("sha256").get<std::string>();
        l.info.audit_seq = j.at("audit_head").at("seq").get<std::int64_t>();
        l.info.audit_hash = j.at("audit_head").at("hash").get<std::string>();
        const auto& sig = j.at("signature");
        if (sig.at("name").get<std::string>() != "ed25519" ||
            sig.at("label").get<std::string>() != kPerRoleBackupSignatureLabel)
            return std::unexpected(not_a_backup(file, "signature scheme"));
        l.signer = sig.at("signer").get<std::string>();
        if (!is_lower_hex(keyslots_sha, 64) || !is_lower_hex(l.info.workspace_id, 32) || !is_lower_hex(l.signer, 64))
            return std::unexpected(not_a_backup(file, "manifest digests or ids malformed"));
    } catch (const std::exception& ex) {
        return std::unexpected(not_a_backup(file, std::string("manifest: ") + ex.what()));
    }
    if (keyslots_size == 0 || keyslots_size > kMaxSmallPart) return std::unexpected(not_a_backup(file, "keyslots size out of range"));
    if (l.sections_end + keyslots_size != manifest_offset)
        return std::unexpected(not_a_backup(file, "the parts do not add up to the file's size (" +
                                                      std::to_string(l.file_size) + " bytes)"));
    l.trailer.assign(keyslots_size + manifest_size + kFooterSize, '\0');
    if (!read_exact(fd, l.trailer.data(), l.trailer.size(), l.sections_end)) return std::unexpected(io_read(file, "trailer"));
    l.keyslots_size = static_cast<std::size_t>(keyslots_size);
    l.manifest_size = static_cast<std::size_t>(manifest_size);
    if (l.manifest() != manifest) return std::unexpected(io_read(file, "manifest read twice differs"));
    if (crypto::sha256_hex(l.keyslots()) != keyslots_sha) return std::unexpected(altered_backup(file, "keyslots digest"));
    l.info.file = file;
    l.info.size = l.file_size;
    l.info.database_bytes = l.sections_end;
    for (const auto& s : l.sections)
        if (s.part == Part::Census && s.copy == Copy::Raw) l.info.sealed_parts.emplace_back(part_name(Part::Census));
    return l;
}

/// The sections name exactly the part generations the backup's own (verified) key document
/// records, and census is there whenever the document has a census part.
Status check_sections_against(const Layout& l, const KeySlotFile& slots, const fs::path& backup) {
    bool census = false;
    for (const auto& s : l.sections) {
        const PartRecord* record = slots.part(s.part);
        if (!record || record->generation != s.generation || record->file != part_file_name(s.part, s.generation))
            return std::unexpected(altered_backup(backup, "section " + file_of(s.part, s.generation, s.copy) +
                                                              " is not a part generation of its keyslots.json"));
        census = census || s.part == Part::Census;
    }
    if (slots.part(Part::Census) && !census) return std::unexpected(altered_backup(backup, "the census part is missing"));
    return {};
}

}  // namespace

// ---- writing ------------------------------------------------------------------------------------

Result<BackupInfo> write_per_role_backup_file(const PerRoleBackupSource& source, const fs::path& out,
                                              const ArchiveProgress& progress,
                                              const std::function<Status(const BackupInfo&)>& before_publish) {
    const auto& slots = source.slots;
    if (slots.version != KeySlotFile::kHierarchyVersion || !slots.roster)
        return std::unexpected(unexpected("a per-role backup of a single-key document"));
    if (!signer_is_administrator(slots, source.signer_slot))
        return fail(ErrorCode::PermissionDenied,
                    N_("Only an administrator can back up a workspace with per-role keys."));
    SANAQ_TRY(check_backup_destination(out, source.workspace_dir));
    const fs::path& dir = source.workspace_dir;
    auto common_file = own_part_file(dir, slots, Part::Common);
    SANAQ_TRY(common_file);
    auto dept_file = own_part_file(dir, slots, Part::Dept);
    SANAQ_TRY(dept_file);
    const auto& cipher = slots.cipher;
    const auto page_size = static_cast<std::uint64_t>(cipher.page_size);

    // Census lies at rest: the administrator's connections never attach it, and while this
    // process holds the workspace lock no other Sanaq Station opens the folder.
    std::optional<fs::path> census_file;
    std::uint64_t census_size = 0, wal_size = 0;
    if (slots.part(Part::Census)) {
        auto file = own_part_file(dir, slots, Part::Census);
        SANAQ_TRY(file);
        census_file = *file;
        struct stat st {};
        if (::stat(census_file->c_str(), &st) != 0 || !S_ISREG(st.st_mode))
            return std::unexpected(damaged_file_error(*census_file, "missing"));
        census_size = static_cast<std::uint64_t>(st.st_size);
        if (census_size % page_size != 0)
            return std::unexpected(damaged_file_error(*census_file, "not a whole number of pages"));
        const fs::path wal = census_file->string() + "-wal";
        if (::stat(wal.c_str(), &st) == 0 && S_ISREG(st.st_mode)) wal_size = static_cast<std::uint64_t>(st.st_size);
    }

    TempFile temp, dept_temp;
    SANAQ_TRY(make_temp_beside(out, temp));
    SANAQ_TRY(make_temp_beside(out, dept_temp));

    BackupInfo info;
    info.file = out;
    info.workspace_id = slots.workspace_id;
    std::uint64_t common_pages = 0, dept_pages = 0, total = 0, base = 0;
    const auto report = [&](std::uint64_t done) { return !progress || progress(base + done, total); };
    try {
        // A connection of its own with common as main and dept attached, each under its own key.
        auto src = Database::open(*common_file, &source.common_key, Database::Mode::OpenExisting, cipher);
        SANAQ_TRY(src);
        auto& s = **src;
        SANAQ_TRY(s.attach("dept", *dept_file, source.dept_key));
        s.exec("PRAGMA main.cache_size = -8192; PRAGMA dept.cache_size = -8192;");  // each page is read once
        {
            // One read transaction pins a snapshot of each file for the whole copy. The workspace's
            // own connection commits common and dept one after the other, so its mutex is held
            // until both snapshots are taken.
            std::unique_lock<std::recursive_mutex> no_commit_between;
            if (source.writer_mutex) no_commit_between = std::unique_lock(*source.writer_mutex);
            s.exec("BEGIN DEFERRED;");
            auto& id = s.cached("SELECT value FROM store_parameters WHERE name = 'workspace_id'");
            const std::string stored = id.step() ? id.text(0) : std::string();
            id.reset();
            if (stored != slots.workspace_id)
                return std::unexpected(damaged_file_error(*common_file, "workspace id differs from keyslots.json"));
            auto& meta = s.cached("SELECT value FROM dept.part_meta WHERE name = 'generation'");
            const std::string generation = meta.step() ? meta.text(0) : std::string();
            meta.reset();
            if (generation != std::to_string(slots.part(Part::Dept)->generation))
                return std::unexpected(damaged_file_error(*dept_file, "not the generation keyslots.json names"));
            auto& head = s.cached("SELECT seq, hash FROM audit_head WHERE id = 1");
            if (head.step()) {
                info.audit_seq = head.int64(0);
                info.audit_hash = head.text(1);
            }
            head.reset();
            info.schema_version = schema_version(s);
            common_pages = static_cast<std::uint64_t>(s.pragma_int("main.page_count"));
            dept_pages = static_cast<std::uint64_t>(s.pragma_int("dept.page_count"));
        }
        info.created_at_utc = iso_utc(std::chrono::system_clock::now());
        // Each copied page is written once and read back once; census and its WAL are read once.
        total = 2 * (common_pages + dept_pages) * page_size + census_size + wal_size;

        for (auto [schema, key, file, pages] :
             {std::tuple{"main", &source.common_key, &temp.path, &common_pages},
              std::tuple{"dept", &source.dept_key, &dept_temp.path, &dept_pages}}) {
            auto dst = Database::open(*file, key, Database::Mode::BackupCopy, cipher);
            SANAQ_TRY(dst);
            auto copied = copy_schema(
                s, schema, **dst,
                [&](std::uint64_t done, std::uint64_t) { return report(done * page_size); },
                std::string_view(schema) == "main" ? *common_file : *dept_file, out);
            SANAQ_TRY(copied);
            *pages = *copied;
            base += *pages * page_size;
        }
        s.exec("COMMIT;");
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    // The copies are complete SQLCipher files now (no journal, no WAL): read them back into the
    // backup, every page's MAC checked — what reached the disk is what restores.
    Fd file(::open(temp.path.c_str(), O_RDWR | O_CLOEXEC));
    if (file.fd < 0) return std::unexpected(io_write(out, std::strerror(errno)));
    Fd dept_in(::open(dept_temp.path.c_str(), O_RDONLY | O_CLOEXEC));
    if (dept_in.fd < 0) return std::unexpected(io_write(out, std::strerror(errno)));
    const SectionErrors errors = backup_errors(out);
    for (auto [fd, pages] : {std::pair{file.fd, common_pages}, std::pair{dept_in.fd, dept_pages}}) {
        struct stat st {};
        if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != pages * page_size || pages == 0)
            return std::unexpected(io_write(out, "a copy has " + std::to_string(st.st_size) + " bytes for " +
                                                     std::to_string(pages) + " pages"));
    }

    std::vector<Section> sections;
    crypto::Sha256 file_sha;
    std::uint64_t offset = 0;
    const auto add_section = [&](Part part, Copy copy, int in, std::uint64_t size, const SecretKey* key,
                                 const SectionErrors& section_errors) -> Status {
        crypto::Sha256 sha;
        const bool in_place = in == file.fd;  // common was copied straight into the backup file
        if (auto ok = pass_section({in, 0, size, in_place ? -1 : file.fd, offset, key, {&sha, &file_sha}, report},
                                   cipher, section_errors);
            !ok)
            return ok;
        base += size;
        sections.push_back({part, copy, slots.part(part)->generation, offset, size, sha.final_hex()});
        offset += size;
        return {};
    };
    if (auto ok = add_section(Part::Common, Copy::SqliteBackup, file.fd, common_pages * page_size, &source.common_key, errors); !ok)
        return std::unexpected(ok.error());
    if (auto ok = add_section(Part::Dept, Copy::SqliteBackup, dept_in.fd, dept_pages * page_size, &source.dept_key, errors); !ok)
        return std::unexpected(ok.error());
    if (census_file) {
        for (auto [copy, path, size] : {std::tuple{Copy::Raw, *census_file, census_size},
                                        std::tuple{Copy::RawWal, fs::path(census_file->string() + "-wal"), wal_size}}) {
            if (size == 0 && copy == Copy::RawWal) continue;  // a clean close leaves no WAL (or an empty one)
            Fd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
            if (in.fd < 0) return std::unexpected(io_read(path, std::strerror(errno)));
            SectionErrors raw_errors = errors;
            raw_errors.read = [path](std::string detail) { return io_read(path, std::move(detail)); };
            SANAQ_TRY(add_section(Part::Census, copy, in.fd, size, nullptr, raw_errors));
            struct stat st {};
            if (::fstat(in.fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != size)
                return std::unexpected(io_read(path, "changed while it was copied"));
        }
        info.sealed_parts.emplace_back(part_name(Part::Census));
    }

    const std::string keyslots = key_slots_to_json(slots);
    ordered_json listed = ordered_json::array();
    for (const auto& s : sections) {
        ordered_json entry{{"part", part_name(s.part)},
                           {"copy", copy_name(s.copy)},
                           {"file", file_of(s.part, s.generation, s.copy)},
                           {"generation", s.generation},
                           {"offset", s.offset},
                           {"size", s.size}};
        if (s.copy == Copy::SqliteBackup) entry["pages"] = s.size / page_size;
        entry["sha256"] = s.sha256;
        listed.push_back(std::move(entry));
    }
    ordered_json manifest_json{
        {"format", kBackupFormatName},
        {"version", kPerRoleBackupFormatVersion},
        {"key_layout", "per-role"},
        {"workspace_id", info.workspace_id},
        {"created_at_utc", info.created_at_utc},
        {"schema_version", info.schema_version},
        {"sqlcipher", cipher_json(cipher)},
        {"sections", std::move(listed)},
        {"keyslots", {{"offset", offset}, {"size", keyslots.size()}, {"sha256", crypto::sha256_hex(keyslots)}}},
        {"audit_head", {{"seq", info.audit_seq}, {"hash", info.audit_hash}}},
        {"signature",
         {{"name", "ed25519"}, {"label", std::string(kPerRoleBackupSignatureLabel)}, {"signer", source.signer_slot}}},
    };
    const std::string manifest = manifest_json.dump(2) + "\n";
    auto signature = ed25519_sign(source.signing_seed, signing_input(info.workspace_id, manifest));
    SANAQ_TRY(signature);
    std::string trailer = keyslots + manifest;
    unsigned char footer[kFooterSize] = {};
    put_u64le(footer, manifest.size());
    std::memcpy(footer + 8, signature->data(), signature->size());
    std::memcpy(footer + 80, kPerRoleBackupMagic.data(), kPerRoleBackupMagic.size());
    trailer.append(reinterpret_cast<const char*>(footer), sizeof footer);
    if (!write_all(file.fd, trailer.data(), trailer.size(), offset)) return std::unexpected(io_write(out, std::strerror(errno)));
    if (::fsync(file.fd) != 0) return std::unexpected(io_write(out, std::strerror(errno)));
    file_sha.update(trailer);
    info.database_bytes = offset;
    info.size = offset + trailer.size();
    info.sha256 = file_sha.final_hex();

    if (before_publish)
        SANAQ_TRY(before_publish(info));
    SANAQ_TRY(publish_backup_file(temp, out));
    return info;
}

// ---- reading --------------------------------------------------------------------------------------

bool is_per_role_backup(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) < kFooterSize) return false;
    char magic[16];
    return read_exact(fd, magic, sizeof magic, static_cast<std::uint64_t>(st.st_size) - sizeof magic) &&
           std::string_view(magic, sizeof magic) == kPerRoleBackupMagic;
}

Result<BackupInfo> inspect_per_role_backup(const fs::path& file, int fd) {
    auto layout = read_layout(file, fd);
    SANAQ_TRY(layout);
    return layout->info;
}

Result<std::unique_ptr<RestoredWorkspace>> restore_per_role_backup(const fs::path& backup, int fd,
                                                                   const fs::path& target, std::string_view user,
                                                                   std::string_view password,
                                                                   const ArchiveProgress& progress,
                                                                   const OpenOptions& options) {
    auto layout = read_layout(backup, fd);
    SANAQ_TRY(layout);
    auto& l = *layout;
    if (l.info.schema_version > latest_schema_version()) return std::unexpected(newer_backup(backup, l.info.schema_version));

    // The key document as it was at the backup: the restoring member's password opens their slot,
    // whose pinned root verifies the roster; that roster says who the signer is.
    auto slots = parse_key_slots(l.keyslots(), backup);
    if (!slots) return std::unexpected(altered_backup(backup, "keyslots: " + slots.error().detail));
    if (slots->version != KeySlotFile::kHierarchyVersion || !slots->roster || slots->workspace_id != l.info.workspace_id ||
        !(slots->cipher == l.cipher) || slots->slots.empty())
        return std::unexpected(altered_backup(backup, "keyslots do not belong to the manifest"));
    Result<MemberKeys> member = std::unexpected(Error{});
    if (slots->find(slot_id_for(slots->workspace_id, user))) {
        member = unlock_member(*slots, user, password, backup);
    } else {
        // The same Argon2id work as for a real slot: timing does not tell which names exist.
        (void)derive_key(password, std::vector<unsigned char>(16, 0x5a), slots->slots.front().kdf);
        member = fail(ErrorCode::UnknownUser, kWrongCredentials);
    }
    if (!member) {
        if (member.error().code == ErrorCode::WorkspaceDamaged)
            return std::unexpected(altered_backup(backup, "keyslots: " + member.error().detail));
        return std::unexpected(member.error());
    }

    // Only an administrator's member key makes a manifest that verifies.
    const RosterMember* signer = slots->roster->find(l.signer);
    if (!signer) return std::unexpected(altered_backup(backup, "the manifest's signer is not in the roster"));
    if (!signer_is_administrator(*slots, l.signer))
        return std::unexpected(not_by_an_administrator(
            backup, "signed by a member whose role is " + std::string(role_name(signer->role)) +
                        (signer->active ? "" : " (removed)")));
    if (!ed25519_verify(signer->signing, signing_input(slots->workspace_id, l.manifest()), l.signature))
        return std::unexpected(altered_backup(backup, "manifest signature"));
    SANAQ_TRY(check_sections_against(l, *slots, backup));

    auto staged = StagedWorkspace::make(target);
    SANAQ_TRY(staged);
    const fs::path& folder = (*staged)->folder();
    crypto::Sha256 file_sha;
    std::uint64_t base = 0;
    for (const auto& s : l.sections) {
        // Page MACs where the restoring member holds the key and the section is a backup-API copy;
        // census (raw, under a key an administrator never holds) by its digest alone.
        const auto held = member->parts.find(s.part);
        const SecretKey* key = s.copy == Copy::SqliteBackup && held != member->parts.end() ? &held->second : nullptr;
        const auto to = folder / file_of(s.part, s.generation, s.copy);
        auto sha = copy_section_out(fd, backup, s.offset, s.size, to, key, l.cipher, file_sha,
                                    [&](std::uint64_t done) { return !progress || progress(base + done, l.sections_end); });
        SANAQ_TRY(sha);
        if (*sha != s.sha256) return std::unexpected(altered_backup(backup, "digest of " + to.filename().string()));
        base += s.size;
    }
    file_sha.update(l.trailer);
    auto& info = (*staged)->info();
    info = l.info;
    info.sha256 = file_sha.final_hex();
    info.sealed_parts.clear();
    for (const auto& s : l.sections)
        if (s.copy != Copy::RawWal && !member->parts.count(s.part)) info.sealed_parts.emplace_back(part_name(s.part));
    // Written last, as at creation: a folder without keyslots.json is no workspace anybody opens.
    SANAQ_TRY(io::write_file_atomically(folder / kKeySlotsFileName, l.keyslots()));
    sync_folder(folder);

    // SQLite's own check of every b-tree of the parts the member holds, and the schema version.
    try {
        const auto common = folder / part_file_name(Part::Common, slots->part(Part::Common)->generation);
        auto db = Database::open(common, &member->parts.at(Part::Common), Database::Mode::OpenExisting, slots->cipher);
        SANAQ_TRY(db);
        const int version = schema_version(**db);
        if (version > latest_schema_version()) return std::unexpected(newer_backup(backup, version));
        if (version != l.info.schema_version) return std::unexpected(altered_backup(backup, "schema version"));
        SANAQ_TRY(integrity_check(**db, "main", backup));
        if (const auto dept = member->parts.find(Part::Dept); dept != member->parts.end()) {
            const auto file = folder / part_file_name(Part::Dept, slots->part(Part::Dept)->generation);
            SANAQ_TRY((*db)->attach("dept", file, dept->second));
            SANAQ_TRY(integrity_check(**db, "dept", backup));
        }
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }

    // Opened as the workspace will be: the lock, the member's keys from the restored document,
    // each held part's schema and meta pinned.
    auto ws = Workspace::open(folder, user, password, options);
    SANAQ_TRY(ws);
    (*staged)->hold(std::move(*ws));
    return std::unique_ptr<RestoredWorkspace>(std::move(*staged));
}

}  // namespace sanaq::db
