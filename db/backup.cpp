#include "db/backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/io/atomic_file.h"
#include "db/backup_io.h"
#include "db/backup_per_role.h"
#include "db/errors.h"
#include "db/migrations/migrations.h"
#include "db/sqlite/database.h"

namespace sanaq::db {
namespace {

using namespace backup_detail;
using nlohmann::ordered_json;

/// The manifest's MAC: HMAC-SHA256 under HMAC-SHA256(master key, kBackupMacLabel).
std::array<unsigned char, 32> manifest_mac(const SecretKey& master, std::string_view manifest) {
    auto key = crypto::hmac_sha256(master, kBackupMacLabel);
    auto mac = crypto::hmac_sha256(key, manifest);
    crypto::cleanse(key.data(), key.size());
    return mac;
}

// ---- reading a backup's layout ---------------------------------------------------------------

struct Layout {
    std::uint64_t file_size = 0;
    std::uint64_t db_size = 0;
    std::string trailer;       // bytes [db_size, file_size): key slots, manifest, footer
    std::size_t keyslots_size = 0;
    std::size_t manifest_size = 0;
    std::array<unsigned char, 32> mac{};
    std::string db_sha256;
    CipherParameters cipher;
    BackupInfo info;

    std::string_view keyslots() const { return std::string_view(trailer).substr(0, keyslots_size); }
    std::string_view manifest() const { return std::string_view(trailer).substr(keyslots_size, manifest_size); }
};

Result<Layout> read_layout(const fs::path& file, int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return std::unexpected(io_read(file, std::strerror(errno)));
    if (!S_ISREG(st.st_mode)) return std::unexpected(not_a_backup(file, "not a regular file"));
    Layout l;
    l.file_size = static_cast<std::uint64_t>(st.st_size);
    if (l.file_size < kBackupFooterSize) return std::unexpected(not_a_backup(file, "shorter than the footer"));
    unsigned char footer[kBackupFooterSize];
    if (!read_exact(fd, footer, sizeof footer, l.file_size - kBackupFooterSize))
        return std::unexpected(io_read(file, "footer"));
    if (std::string_view(reinterpret_cast<const char*>(footer + 48), 16) != kBackupMagic)
        return std::unexpected(not_a_backup(file, "no footer magic at the end"));
    for (int i = 40; i < 48; ++i)
        if (footer[i] != 0) return std::unexpected(not_a_backup(file, "footer reserved bytes not zero"));
    const std::uint64_t manifest_size = get_u64le(footer);
    if (manifest_size == 0 || manifest_size > kMaxSmallPart || manifest_size > l.file_size - kBackupFooterSize)
        return std::unexpected(not_a_backup(file, "manifest length out of range"));
    std::memcpy(l.mac.data(), footer + 8, 32);

    std::string manifest(manifest_size, '\0');
    if (!read_exact(fd, manifest.data(), manifest.size(), l.file_size - kBackupFooterSize - manifest_size))
        return std::unexpected(io_read(file, "manifest"));
    std::uint64_t keyslots_size = 0;
    std::string keyslots_sha;
    try {
        const auto j = ordered_json::parse(manifest);
        if (j.value("format", std::string()) != kBackupFormatName)
            return std::unexpected(not_a_backup(file, "manifest format"));
        if (j.at("version").get<int>() != kBackupFormatVersion)
            return std::unexpected(not_a_backup(file, "unsupported backup version " + j.at("version").dump()));
        l.info.workspace_id = j.at("workspace_id").get<std::string>();
        l.info.created_at_utc = j.at("created_at_utc").get<std::string>();
        l.info.schema_version = j.at("schema_version").get<int>();
        l.cipher = cipher_from_json(j.at("sqlcipher"));
        if (const auto field = cipher_parameters_mismatch(l.cipher); !field.empty())
            return std::unexpected(not_a_backup(file, field + " differs from this build's pinned SQLCipher settings"));
        const auto& d = j.at("database");
        const auto& k = j.at("keyslots");
        if (d.at("offset").get<std::uint64_t>() != 0) return std::unexpected(not_a_backup(file, "database offset"));
        l.db_size = d.at("size").get<std::uint64_t>();
        l.db_sha256 = d.at("sha256").get<std::string>();
        keyslots_size = k.at("size").get<std::uint64_t>();
        keyslots_sha = k.at("sha256").get<std::string>();
        if (k.at("offset").get<std::uint64_t>() != l.db_size) return std::unexpected(not_a_backup(file, "keyslots offset"));
        l.info.audit_seq = j.at("audit_head").at("seq").get<std::int64_t>();
        l.info.audit_hash = j.at("audit_head").at("hash").get<std::string>();
        if (!is_lower_hex(l.db_sha256, 64) || !is_lower_hex(keyslots_sha, 64) ||
            !is_lower_hex(l.info.workspace_id, 32))
            return std::unexpected(not_a_backup(file, "manifest digests or id malformed"));
    } catch (const std::exception& ex) {
        return std::unexpected(not_a_backup(file, std::string("manifest: ") + ex.what()));
    }
    if (l.db_size > l.file_size) return std::unexpected(not_a_backup(file, "database size larger than the file"));
    if (l.cipher.page_size <= 0 || l.db_size == 0 || l.db_size % static_cast<std::uint64_t>(l.cipher.page_size) != 0)
        return std::unexpected(not_a_backup(file, "database size is not a whole number of pages"));
    if (keyslots_size == 0 || keyslots_size > kMaxSmallPart)
        return std::unexpected(not_a_backup(file, "keyslots size out of range"));
    if (l.db_size + keyslots_size + manifest_size + kBackupFooterSize != l.file_size)
        return std::unexpected(not_a_backup(file, "the parts do not add up to the file's size (" +
                                                      std::to_string(l.file_size) + " bytes)"));
    l.trailer.assign(keyslots_size + manifest_size + kBackupFooterSize, '\0');
    if (!read_exact(fd, l.trailer.data(), l.trailer.size(), l.db_size)) return std::unexpected(io_read(file, "trailer"));
    l.keyslots_size = static_cast<std::size_t>(keyslots_size);
    l.manifest_size = static_cast<std::size_t>(manifest_size);
    if (l.manifest() != manifest) return std::unexpected(io_read(file, "manifest read twice differs"));
    if (crypto::sha256_hex(l.keyslots()) != keyslots_sha) return std::unexpected(altered_backup(file, "keyslots digest"));
    l.info.file = file;
    l.info.size = l.file_size;
    l.info.database_bytes = l.db_size;
    return l;
}

}  // namespace

// ---- PageMacCheck ------------------------------------------------------------------------------

struct PageMacCheck::Impl {
    EVP_MAC* mac = nullptr;
    EVP_MAC_CTX* keyed = nullptr;  // initialised with the HMAC key; duplicated per page
    int page_size = 0;
    int reserve = 0;

    ~Impl() {
        EVP_MAC_CTX_free(keyed);
        EVP_MAC_free(mac);
    }
};

PageMacCheck::PageMacCheck(PageMacCheck&&) noexcept = default;
PageMacCheck& PageMacCheck::operator=(PageMacCheck&&) noexcept = default;
PageMacCheck::~PageMacCheck() = default;

Result<PageMacCheck> PageMacCheck::make(const SecretKey& master, const unsigned char* salt,
                                        const CipherParameters& cipher) {
    if (cipher.cipher != "aes-256-cbc" || !cipher.use_hmac || cipher.hmac != "HMAC-SHA1" || cipher.key_form != "raw" ||
        cipher.page_size < 512 || cipher.fast_kdf_iter < 1)
        return fail(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    "page MAC check: unknown cipher parameters");
    // SQLCipher 3: HMAC key = PBKDF2-HMAC-SHA1(raw key, salt XOR mask, fast_kdf_iter, 32 bytes).
    unsigned char hmac_salt[16];
    for (int i = 0; i < 16; ++i) hmac_salt[i] = static_cast<unsigned char>(salt[i] ^ cipher.hmac_salt_mask);
    unsigned char hmac_key[32];
    if (PKCS5_PBKDF2_HMAC_SHA1(reinterpret_cast<const char*>(master.data()), static_cast<int>(master.size()), hmac_salt,
                               sizeof hmac_salt, cipher.fast_kdf_iter, sizeof hmac_key, hmac_key) != 1)
        return fail(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    "PBKDF2 failed");
    PageMacCheck check;
    check.impl_ = std::make_unique<Impl>();
    auto& impl = *check.impl_;
    impl.page_size = cipher.page_size;
    impl.reserve = 48;  // 16-byte IV + 20-byte HMAC-SHA1, rounded up to the AES block
    impl.mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    impl.keyed = impl.mac ? EVP_MAC_CTX_new(impl.mac) : nullptr;
    char digest[] = "SHA1";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
    const bool ok = impl.keyed && EVP_MAC_init(impl.keyed, hmac_key, sizeof hmac_key, params) == 1;
    OPENSSL_cleanse(hmac_key, sizeof hmac_key);
    if (!ok)
        return fail(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    "HMAC-SHA1 unavailable");
    return check;
}

bool PageMacCheck::verify(const unsigned char* page, std::uint32_t pgno) const {
    const auto& impl = *impl_;
    const std::size_t start = pgno == 1 ? 16 : 0;
    const std::size_t iv_end = static_cast<std::size_t>(impl.page_size - impl.reserve + 16);
    unsigned char number[4] = {static_cast<unsigned char>(pgno), static_cast<unsigned char>(pgno >> 8),
                               static_cast<unsigned char>(pgno >> 16), static_cast<unsigned char>(pgno >> 24)};
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(impl.keyed);
    if (!ctx) return false;
    unsigned char out[EVP_MAX_MD_SIZE];
    std::size_t n = 0;
    const bool ok = EVP_MAC_update(ctx, page + start, iv_end - start) == 1 && EVP_MAC_update(ctx, number, 4) == 1 &&
                    EVP_MAC_final(ctx, out, &n, sizeof out) == 1 && n == 20;
    EVP_MAC_CTX_free(ctx);
    return ok && CRYPTO_memcmp(out, page + iv_end, 20) == 0;
}

// ---- writing a backup --------------------------------------------------------------------------

Result<BackupInfo> write_backup_file(const BackupSource& source, const fs::path& out, const ArchiveProgress& progress,
                                     const std::function<Status(const BackupInfo&)>& before_publish) {
    SANAQ_TRY(check_backup_destination(out, source.workspace_dir));
    TempFile temp;
    SANAQ_TRY(make_temp_beside(out, temp));

    const auto& cipher = source.slots.cipher;
    const std::uint64_t page_size = static_cast<std::uint64_t>(cipher.page_size);
    BackupInfo info;
    info.file = out;
    info.workspace_id = source.slots.workspace_id;
    std::uint64_t pages = 0;
    try {
        // A connection of its own: the workspace's connection (the screens) and a worker's (a
        // pull) go on reading and writing. The read transaction below pins one snapshot for the
        // whole copy, so the backup API never restarts and the copy is that moment's state.
        auto src = Database::open(source.database, &source.master, Database::Mode::OpenExisting, cipher);
        SANAQ_TRY(src);
        auto& s = **src;
        s.exec("PRAGMA cache_size = -8192;");  // each page is read once: a big cache buys nothing
        s.exec("BEGIN DEFERRED;");
        {
            auto& id = s.cached("SELECT value FROM store_parameters WHERE name = 'workspace_id'");
            const std::string stored = id.step() ? id.text(0) : std::string();
            id.reset();
            if (stored != source.slots.workspace_id)
                return std::unexpected(damaged_file_error(source.database, "workspace id differs from keyslots.json"));
            auto& head = s.cached("SELECT seq, hash FROM audit_head WHERE id = 1");
            if (head.step()) {
                info.audit_seq = head.int64(0);
                info.audit_hash = head.text(1);
            }
            head.reset();
            info.schema_version = schema_version(s);
        }
        info.created_at_utc = iso_utc(std::chrono::system_clock::now());

        auto dst = Database::open(temp.path, &source.master, Database::Mode::BackupCopy, cipher);
        SANAQ_TRY(dst);
        auto copied = copy_schema(
            s, "main", **dst,
            [&](std::uint64_t done, std::uint64_t total) {
                return !progress || progress(done * page_size, 2 * total * page_size);
            },
            source.database, out);
        SANAQ_TRY(copied);
        pages = *copied;
        s.exec("COMMIT;");
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    // Both connections are closed here: the copy is a complete SQLCipher file (no journal, no WAL).

    Fd file(::open(temp.path.c_str(), O_RDWR | O_CLOEXEC));
    if (file.fd < 0) return std::unexpected(io_write(out, std::strerror(errno)));
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) return std::unexpected(io_write(out, std::strerror(errno)));
    const auto db_size = static_cast<std::uint64_t>(st.st_size);
    if (db_size != pages * page_size || db_size == 0)
        return std::unexpected(io_write(out, "the copy has " + std::to_string(db_size) + " bytes for " +
                                                 std::to_string(pages) + " pages"));

    // Read the copy back: its digest for the manifest, the whole file's digest, and every page's
    // MAC — what reached the disk is what restores.
    crypto::Sha256 db_sha, file_sha;
    if (auto ok = pass_section({file.fd, 0, db_size, -1, 0, &source.master, {&db_sha, &file_sha},
                                [&](std::uint64_t done) { return !progress || progress(db_size + done, 2 * db_size); }},
                               cipher, backup_errors(out));
        !ok)
        return std::unexpected(ok.error());

    const std::string keyslots = key_slots_to_json(source.slots);
    info.database_bytes = db_size;
    ordered_json manifest_json{
        {"format", kBackupFormatName},
        {"version", kBackupFormatVersion},
        {"workspace_id", info.workspace_id},
        {"created_at_utc", info.created_at_utc},
        {"schema_version", info.schema_version},
        {"sqlcipher", cipher_json(cipher)},
        {"database", {{"offset", 0}, {"size", db_size}, {"pages", pages}, {"sha256", db_sha.final_hex()}}},
        {"keyslots", {{"offset", db_size}, {"size", keyslots.size()}, {"sha256", crypto::sha256_hex(keyslots)}}},
        {"audit_head", {{"seq", info.audit_seq}, {"hash", info.audit_hash}}},
        {"mac", {{"name", "hmac-sha256"}, {"key", std::string(kBackupMacLabel)}}},
    };
    const std::string manifest = manifest_json.dump(2) + "\n";
    const auto mac = manifest_mac(source.master, manifest);
    std::string trailer = keyslots + manifest;
    unsigned char footer[kBackupFooterSize] = {};
    put_u64le(footer, manifest.size());
    std::memcpy(footer + 8, mac.data(), mac.size());
    std::memcpy(footer + 48, kBackupMagic.data(), kBackupMagic.size());
    trailer.append(reinterpret_cast<const char*>(footer), sizeof footer);
    if (!write_all(file.fd, trailer.data(), trailer.size(), db_size))
        return std::unexpected(io_write(out, std::strerror(errno)));
    if (::fsync(file.fd) != 0) return std::unexpected(io_write(out, std::strerror(errno)));
    file_sha.update(trailer);
    info.size = db_size + trailer.size();
    info.sha256 = file_sha.final_hex();

    if (before_publish)
        SANAQ_TRY(before_publish(info));
    SANAQ_TRY(publish_backup_file(temp, out));
    return info;
}

Result<BackupInfo> inspect_backup(const fs::path& file) {
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.fd < 0) return std::unexpected(io_read(file, std::strerror(errno)));
    if (is_per_role_backup(fd.fd)) return inspect_per_role_backup(file, fd.fd);
    auto layout = read_layout(file, fd.fd);
    SANAQ_TRY(layout);
    return layout->info;
}

// ---- restoring ---------------------------------------------------------------------------------

Result<std::unique_ptr<RestoredWorkspace>> BackupRestorer::restore(const fs::path& backup, const fs::path& target_in,
                                                                   std::string_view user, std::string_view password,
                                                                   const ArchiveProgress& progress) {
    // The target first: a refusal costs nothing.
    auto target = restore_target(target_in);
    SANAQ_TRY(target);

    Fd in(::open(backup.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.fd < 0) return std::unexpected(io_read(backup, std::strerror(errno)));
    if (is_per_role_backup(in.fd)) return restore_per_role_backup(backup, in.fd, *target, user, password, progress, options_);
    auto layout = read_layout(backup, in.fd);
    SANAQ_TRY(layout);
    auto& l = *layout;
    if (l.info.schema_version > latest_schema_version())
        return std::unexpected(newer_backup(backup, l.info.schema_version));

    // The key slots as they were at the backup: the user's password unlocks the master key.
    auto slots = parse_key_slots(l.keyslots(), backup);
    if (!slots) return std::unexpected(altered_backup(backup, "keyslots: " + slots.error().detail));
    if (slots->version == KeySlotFile::kHierarchyVersion)
        return std::unexpected(altered_backup(backup, "a per-role keyslots.json in a single-key backup"));
    if (slots->workspace_id != l.info.workspace_id || !(slots->cipher == l.cipher) || slots->slots.empty())
        return std::unexpected(altered_backup(backup, "keyslots do not belong to the manifest"));
    const KeySlot* slot = slots->find(slot_id_for(slots->workspace_id, user));
    Result<SecretKey> master = std::unexpected(Error{});
    if (slot) {
        master = unwrap_slot(slots->workspace_id, *slot, password);
    } else {
        // The same Argon2id work as for a real slot: timing does not tell which names exist.
        (void)derive_key(password, std::vector<unsigned char>(16, 0x5a), slots->slots.front().kdf);
        master = fail(ErrorCode::UnknownUser, kWrongCredentials);
    }
    SANAQ_TRY(master);

    if (auto ok = verify_key_slots(*slots, *master, backup); !ok)
        return std::unexpected(altered_backup(backup, "keyslots: " + ok.error().detail));

    // Only the master key's holder can make a manifest whose MAC verifies.
    const auto mac = manifest_mac(*master, l.manifest());
    if (!crypto::equal_in_constant_time(mac, l.mac))
        return std::unexpected(altered_backup(backup, "manifest MAC"));

    auto staged = StagedWorkspace::make(*target);
    SANAQ_TRY(staged);
    const fs::path db_file = (*staged)->folder() / kDatabaseFileName;
    crypto::Sha256 file_sha;
    auto db_sha = copy_section_out(in.fd, backup, 0, l.db_size, db_file, &*master, l.cipher, file_sha,
                                   [&](std::uint64_t done) { return !progress || progress(done, l.db_size); });
    SANAQ_TRY(db_sha);
    if (*db_sha != l.db_sha256) return std::unexpected(altered_backup(backup, "database digest"));
    file_sha.update(l.trailer);
    (*staged)->info() = l.info;
    (*staged)->info().sha256 = file_sha.final_hex();
    SANAQ_TRY(io::write_file_atomically((*staged)->folder() / kKeySlotsFileName, l.keyslots()));
    sync_folder((*staged)->folder());

    // SQLite's own check of every b-tree, index and free list, and the schema version.
    try {
        auto db = Database::open(db_file, &*master, Database::Mode::OpenExisting, slots->cipher);
        SANAQ_TRY(db);
        const int version = schema_version(**db);
        if (version > latest_schema_version()) return std::unexpected(newer_backup(backup, version));
        if (version != l.info.schema_version) return std::unexpected(altered_backup(backup, "schema version"));
        SANAQ_TRY(integrity_check(**db, "main", backup));
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }

    // Finally, open it as the workspace will be opened: the user's password through keyslots.json,
    // the lock, the workspace id, and migrations of an older schema (as Workspace::open does).
    auto ws = Workspace::open((*staged)->folder(), user, password, options_);
    SANAQ_TRY(ws);
    (*staged)->hold(std::move(*ws));
    return std::unique_ptr<RestoredWorkspace>(std::move(*staged));
}

}  // namespace sanaq::db
