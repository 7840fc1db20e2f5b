#include "db/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/io/atomic_file.h"
#include "db/errors.h"
#include "db/migrations/migrations.h"
#include "db/sqlite/database.h"

namespace sanaq::db {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

constexpr std::size_t kMaxSmallPart = 1024 * 1024;    // keyslots.json, manifest: far below this
constexpr std::size_t kChunkBytes = 1024 * 1024;      // copy/verify in 1 MiB pieces
constexpr int kPagesPerStep = 256;                    // backup API: 1 MiB per step (progress, cancel)

// ---- messages ---------------------------------------------------------------------------------

Error io_write(const fs::path& file, std::string detail) {
    return Error::make(ErrorCode::Io, N_("Could not write the file {}."), {file.string()}, std::move(detail));
}

Error io_read(const fs::path& file, std::string detail) {
    return Error::make(ErrorCode::Io, N_("Could not read the file {}."), {file.string()}, std::move(detail));
}

Error not_a_backup(const fs::path& file, std::string detail) {
    return Error::make(ErrorCode::InvalidInput, N_("The file {} is not a Sanaq Station backup, or it was cut short."),
                       {file.string()}, std::move(detail));
}

Error altered_backup(const fs::path& file, std::string detail) {
    return Error::make(ErrorCode::InvalidInput,
                       N_("The backup {} does not match its own manifest: it was damaged or altered after it was "
                          "made. Nothing was restored."),
                       {file.string()}, std::move(detail));
}

Error newer_backup(const fs::path& file, int version) {
    return Error::make(ErrorCode::RefusedByState,
                       N_("The backup {} was made by a newer version of Sanaq Station (schema version {}; this "
                          "version reads up to {}). Install the newer version to restore it."),
                       {file.string(), std::to_string(version), std::to_string(latest_schema_version())});
}

// ---- small helpers ----------------------------------------------------------------------------

class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
    ~Sha256() { EVP_MD_CTX_free(ctx_); }
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const void* data, std::size_t size) { EVP_DigestUpdate(ctx_, data, size); }
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    std::string hex() {
        unsigned char out[32];
        unsigned int n = 0;
        EVP_DigestFinal_ex(ctx_, out, &n);
        return to_hex(out, n);
    }

private:
    EVP_MD_CTX* ctx_;
};

std::string sha256_hex_of(std::string_view bytes) {
    Sha256 h;
    h.update(bytes);
    return h.hex();
}

/// HMAC-SHA256(key, message), raw bytes.
std::array<unsigned char, 32> hmac_sha256(const unsigned char* key, std::size_t key_size, std::string_view message) {
    std::array<unsigned char, 32> out{};
    unsigned int n = 0;
    HMAC(EVP_sha256(), key, static_cast<int>(key_size), reinterpret_cast<const unsigned char*>(message.data()),
         message.size(), out.data(), &n);
    return out;
}

/// The manifest's MAC: HMAC-SHA256 under HMAC-SHA256(master key, kBackupMacLabel).
std::array<unsigned char, 32> manifest_mac(const SecretKey& master, std::string_view manifest) {
    auto key = hmac_sha256(master.data(), master.size(), kBackupMacLabel);
    auto mac = hmac_sha256(key.data(), key.size(), manifest);
    OPENSSL_cleanse(key.data(), key.size());
    return mac;
}

void put_u64le(unsigned char* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

std::uint64_t get_u64le(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

bool read_exact(int fd, void* buf, std::size_t size, std::uint64_t offset) {
    auto* p = static_cast<unsigned char*>(buf);
    while (size > 0) {
        const ssize_t n = ::pread(fd, p, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
    return true;
}

bool write_all(int fd, const void* buf, std::size_t size, std::uint64_t offset) {
    const auto* p = static_cast<const unsigned char*>(buf);
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, p, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
    return true;
}

struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);  // best effort: makes a rename durable where the file system supports it
    ::close(fd);
}

fs::path folder_of(const fs::path& file) {
    fs::path folder = file.parent_path();
    return folder.empty() ? fs::path(".") : folder;
}

/// A temporary file (and what SQLite might leave beside it) removed unless released.
struct TempFile {
    fs::path path;
    bool keep = false;
    ~TempFile() {
        if (keep || path.empty()) return;
        std::error_code ec;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
            auto p = path;
            p += suffix;
            fs::remove(p, ec);
        }
    }
};

/// The JSON object of the cipher parameters, exactly as keyslots.json writes it.
ordered_json cipher_json(const CipherParameters& c) {
    return {{"cipher", c.cipher},           {"cipher_page_size", c.page_size},
            {"kdf_iter", c.kdf_iter},       {"fast_kdf_iter", c.fast_kdf_iter},
            {"cipher_use_hmac", c.use_hmac}, {"hmac", c.hmac},
            {"hmac_salt_mask", c.hmac_salt_mask}, {"key_form", c.key_form}};
}

CipherParameters cipher_from_json(const ordered_json& c) {
    CipherParameters p;
    p.cipher = c.at("cipher").get<std::string>();
    p.page_size = c.at("cipher_page_size").get<int>();
    p.kdf_iter = c.at("kdf_iter").get<int>();
    p.fast_kdf_iter = c.at("fast_kdf_iter").get<int>();
    p.use_hmac = c.at("cipher_use_hmac").get<bool>();
    p.hmac = c.at("hmac").get<std::string>();
    p.hmac_salt_mask = c.at("hmac_salt_mask").get<int>();
    p.key_form = c.at("key_form").get<std::string>();
    return p;
}

bool is_lower_hex(std::string_view s, std::size_t size) {
    if (s.size() != size) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Error cancelled_backup() { return Error::make(ErrorCode::Cancelled, N_("The backup was cancelled; no file was written.")); }
Error cancelled_restore() { return Error::make(ErrorCode::Cancelled, N_("The restore was cancelled; nothing was restored.")); }

/// An SQLite code of the backup API as the core's error: the copy's file for I/O trouble, the
/// workspace's file for damage, the library's text otherwise.
Error backup_step_error(int rc, Database& dest, const BackupSource& source, const fs::path& out) {
    std::string detail = std::string(sqlite3_errstr(rc)) + " (" + std::to_string(rc) + ") in sqlite3_backup_step";
    switch (rc & 0xff) {
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return io_write(out, std::move(detail));
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return damaged_file_error(source.database, std::move(detail));
        default:
            return dest.error_for(rc, "sqlite3_backup_step");
    }
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
    if (sha256_hex_of(l.keyslots()) != keyslots_sha) return std::unexpected(altered_backup(file, "keyslots digest"));
    l.info.file = file;
    l.info.size = l.file_size;
    l.info.database_bytes = l.db_size;
    return l;
}

// ---- the restored, staged workspace ----------------------------------------------------------

class StagedWorkspace final : public RestoredWorkspace {
public:
    StagedWorkspace(fs::path staging, fs::path target) : staging_(std::move(staging)), target_(std::move(target)) {}

    ~StagedWorkspace() override {
        if (published_) return;
        ws_.reset();
        std::error_code ec;
        fs::remove_all(staging_, ec);
    }

    Store& store() override { return *ws_; }
    KeyVault& keys() override { return *ws_; }
    const BackupInfo& backup() const override { return info_; }
    int schema_version() override { return ws_ ? ws_->schema_version() : -1; }

    Status publish() override {
        if (published_) return {};
        ws_.reset();  // checkpoints, removes the WAL, drops the lock
        std::error_code ec;
        // rename(2) replaces an empty folder and refuses a non-empty one (someone wrote into the
        // target meanwhile): then the staging folder goes away with this object.
        fs::rename(staging_, target_, ec);
        if (ec == std::errc::directory_not_empty || ec == std::errc::file_exists || ec == std::errc::not_a_directory)
            return fail(ErrorCode::RefusedByState,
                        N_("The folder {} is not empty; a backup is restored only into a new or empty folder."),
                        {target_.string()}, ec.message());
        if (ec) return fail(ErrorCode::Io, N_("Could not create the folder {}."), {target_.string()}, ec.message());
        published_ = true;
        sync_folder(folder_of(target_));
        return {};
    }

    fs::path staging_;
    fs::path target_;
    BackupInfo info_;
    std::unique_ptr<Workspace> ws_;
    bool published_ = false;
};

Status check_target(const fs::path& target) {
    std::error_code ec;
    const auto status = fs::symlink_status(target, ec);
    if (!fs::exists(status)) return {};
    if (fs::is_directory(status) && fs::is_empty(target, ec) && !ec) return {};
    return fail(ErrorCode::RefusedByState,
                N_("The folder {} is not empty; a backup is restored only into a new or empty folder."),
                {target.string()});
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
    if (out.filename().empty() || out.filename() == "." || out.filename() == "..")
        return fail(ErrorCode::InvalidInput, N_("{} is not a file name."), {out.string()});
    const fs::path folder = folder_of(out);
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return fail(ErrorCode::Io, N_("The folder {} does not exist."), {folder.string()});
    if (fs::exists(fs::symlink_status(out, ec)))
        return fail(ErrorCode::AlreadyExists, N_("The file {} already exists; a backup never replaces a file."),
                    {out.string()});
    if (fs::equivalent(folder, source.workspace_dir, ec))
        return fail(ErrorCode::RefusedByState, N_("A backup must not be written into the workspace folder {} itself."),
                    {source.workspace_dir.string()});

    TempFile temp;
    {
        std::string pattern = (folder / ("." + out.filename().string() + ".part-XXXXXX")).string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        const int fd = ::mkstemp(name.data());  // owner-only (0600)
        if (fd < 0) return std::unexpected(io_write(out, std::strerror(errno)));
        ::close(fd);
        temp.path = name.data();
    }

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
        if (!src) return std::unexpected(src.error());
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
        if (!dst) return std::unexpected(dst.error());
        auto& d = **dst;
        sqlite3_backup* backup = sqlite3_backup_init(d.handle(), "main", s.handle(), "main");
        if (!backup) return std::unexpected(d.error_for(sqlite3_errcode(d.handle()), "sqlite3_backup_init"));
        int rc = SQLITE_OK;
        int busy = 0;
        while (true) {
            rc = sqlite3_backup_step(backup, kPagesPerStep);
            const auto total = static_cast<std::uint64_t>(sqlite3_backup_pagecount(backup));
            const auto left = static_cast<std::uint64_t>(sqlite3_backup_remaining(backup));
            if (rc == SQLITE_DONE) break;
            // Not expected (the snapshot is already held, the copy is ours alone); give up after 30 s.
            if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy < 3000) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                continue;
            }
            if (rc != SQLITE_OK) break;
            if (progress && !progress((total - left) * page_size, 2 * total * page_size)) {
                sqlite3_backup_finish(backup);
                return std::unexpected(cancelled_backup());
            }
        }
        pages = static_cast<std::uint64_t>(sqlite3_backup_pagecount(backup));
        const int finish = sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) return std::unexpected(backup_step_error(rc, d, source, out));
        if (finish != SQLITE_OK) return std::unexpected(backup_step_error(finish, d, source, out));
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
    Sha256 db_sha, file_sha;
    std::vector<unsigned char> buf(kChunkBytes);
    std::optional<PageMacCheck> macs;
    for (std::uint64_t offset = 0; offset < db_size;) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), db_size - offset));
        if (!read_exact(file.fd, buf.data(), n, offset)) return std::unexpected(io_write(out, "reading the copy back"));
        if (!macs) {
            auto m = PageMacCheck::make(source.master, buf.data(), cipher);
            if (!m) return std::unexpected(m.error());
            macs.emplace(std::move(*m));
        }
        for (std::size_t p = 0; p < n; p += page_size) {
            const auto pgno = static_cast<std::uint32_t>((offset + p) / page_size + 1);
            if (!macs->verify(buf.data() + p, pgno))
                return std::unexpected(io_write(out, "page " + std::to_string(pgno) + " of the copy does not verify"));
        }
        db_sha.update(buf.data(), n);
        file_sha.update(buf.data(), n);
        offset += n;
        if (progress && !progress(db_size + offset, 2 * db_size)) return std::unexpected(cancelled_backup());
    }

    const std::string keyslots = key_slots_to_json(source.slots);
    info.database_bytes = db_size;
    ordered_json manifest_json{
        {"format", kBackupFormatName},
        {"version", kBackupFormatVersion},
        {"workspace_id", info.workspace_id},
        {"created_at_utc", info.created_at_utc},
        {"schema_version", info.schema_version},
        {"sqlcipher", cipher_json(cipher)},
        {"database", {{"offset", 0}, {"size", db_size}, {"pages", pages}, {"sha256", db_sha.hex()}}},
        {"keyslots", {{"offset", db_size}, {"size", keyslots.size()}, {"sha256", sha256_hex_of(keyslots)}}},
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
    info.sha256 = file_sha.hex();

    if (before_publish)
        if (auto ok = before_publish(info); !ok) return std::unexpected(ok.error());

    // Never over an existing file, even one that appeared during the copy.
    if (::renameat2(AT_FDCWD, temp.path.c_str(), AT_FDCWD, out.c_str(), RENAME_NOREPLACE) != 0) {
        const int err = errno;
        if (err == EEXIST)
            return fail(ErrorCode::AlreadyExists, N_("The file {} already exists; a backup never replaces a file."),
                        {out.string()});
        if (err != EINVAL && err != ENOSYS) return std::unexpected(io_write(out, std::strerror(err)));
        // A file system without RENAME_NOREPLACE: check, then rename.
        if (fs::exists(fs::symlink_status(out, ec)))
            return fail(ErrorCode::AlreadyExists, N_("The file {} already exists; a backup never replaces a file."),
                        {out.string()});
        if (::rename(temp.path.c_str(), out.c_str()) != 0) return std::unexpected(io_write(out, std::strerror(errno)));
    }
    temp.keep = true;
    sync_folder(folder);
    return info;
}

Result<BackupInfo> inspect_backup(const fs::path& file) {
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.fd < 0) return std::unexpected(io_read(file, std::strerror(errno)));
    auto layout = read_layout(file, fd.fd);
    if (!layout) return std::unexpected(layout.error());
    return layout->info;
}

// ---- restoring ---------------------------------------------------------------------------------

Result<std::unique_ptr<RestoredWorkspace>> BackupRestorer::restore(const fs::path& backup, const fs::path& target_in,
                                                                   std::string_view user, std::string_view password,
                                                                   const ArchiveProgress& progress) {
    // The target first: a refusal costs nothing.
    fs::path target = target_in.lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    if (target.empty()) target = ".";
    if (auto ok = check_target(target); !ok) return std::unexpected(ok.error());

    Fd in(::open(backup.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.fd < 0) return std::unexpected(io_read(backup, std::strerror(errno)));
    auto layout = read_layout(backup, in.fd);
    if (!layout) return std::unexpected(layout.error());
    auto& l = *layout;
    if (l.info.schema_version > latest_schema_version())
        return std::unexpected(newer_backup(backup, l.info.schema_version));

    // The key slots as they were at the backup: the user's password unlocks the master key.
    auto slots = parse_key_slots(l.keyslots(), backup);
    if (!slots) return std::unexpected(altered_backup(backup, "keyslots: " + slots.error().detail));
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
    if (!master) return std::unexpected(master.error());

    if (auto ok = verify_key_slots(*slots, *master, backup); !ok)
        return std::unexpected(altered_backup(backup, "keyslots: " + ok.error().detail));

    // Only the master key's holder can make a manifest whose MAC verifies.
    const auto mac = manifest_mac(*master, l.manifest());
    if (CRYPTO_memcmp(mac.data(), l.mac.data(), mac.size()) != 0)
        return std::unexpected(altered_backup(backup, "manifest MAC"));

    // Stage beside the target (same file system, so publishing is one rename).
    std::error_code ec;
    const fs::path parent = folder_of(target);
    fs::create_directories(parent, ec);
    if (ec) return fail(ErrorCode::Io, N_("Could not create the folder {}."), {parent.string()}, ec.message());
    std::string pattern = (parent / ("." + target.filename().string() + ".restoring-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (!::mkdtemp(name.data()))  // mode 0700, like a new workspace folder
        return fail(ErrorCode::Io, N_("Could not create the folder {}."), {parent.string()}, std::strerror(errno));
    auto staged = std::make_unique<StagedWorkspace>(fs::path(name.data()), target);
    const fs::path db_file = staged->staging_ / kDatabaseFileName;

    {
        Fd out(::open(db_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        if (out.fd < 0) return std::unexpected(io_write(db_file, std::strerror(errno)));
        Sha256 db_sha, file_sha;
        const std::uint64_t page_size = static_cast<std::uint64_t>(l.cipher.page_size);
        std::vector<unsigned char> buf(kChunkBytes - kChunkBytes % page_size);
        std::optional<PageMacCheck> macs;
        for (std::uint64_t offset = 0; offset < l.db_size;) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), l.db_size - offset));
            if (!read_exact(in.fd, buf.data(), n, offset)) return std::unexpected(io_read(backup, std::strerror(errno)));
            if (!macs) {
                auto m = PageMacCheck::make(*master, buf.data(), l.cipher);
                if (!m) return std::unexpected(m.error());
                macs.emplace(std::move(*m));
            }
            for (std::size_t p = 0; p < n; p += page_size) {
                const auto pgno = static_cast<std::uint32_t>((offset + p) / page_size + 1);
                if (!macs->verify(buf.data() + p, pgno))
                    return std::unexpected(altered_backup(backup, "the MAC of page " + std::to_string(pgno) +
                                                                      " does not verify"));
            }
            db_sha.update(buf.data(), n);
            file_sha.update(buf.data(), n);
            if (!write_all(out.fd, buf.data(), n, offset)) return std::unexpected(io_write(db_file, std::strerror(errno)));
            offset += n;
            if (progress && !progress(offset, l.db_size)) return std::unexpected(cancelled_restore());
        }
        if (db_sha.hex() != l.db_sha256) return std::unexpected(altered_backup(backup, "database digest"));
        file_sha.update(l.trailer);
        staged->info_ = l.info;
        staged->info_.sha256 = file_sha.hex();
        if (::fsync(out.fd) != 0) return std::unexpected(io_write(db_file, std::strerror(errno)));
    }
    if (auto ok = io::write_file_atomically(staged->staging_ / kKeySlotsFileName, l.keyslots()); !ok)
        return std::unexpected(ok.error());
    sync_folder(staged->staging_);

    // SQLite's own check of every b-tree, index and free list, and the schema version.
    try {
        auto db = Database::open(db_file, &*master, Database::Mode::OpenExisting, slots->cipher);
        if (!db) return std::unexpected(db.error());
        const int version = schema_version(**db);
        if (version > latest_schema_version()) return std::unexpected(newer_backup(backup, version));
        if (version != l.info.schema_version) return std::unexpected(altered_backup(backup, "schema version"));
        auto& check = (*db)->cached("PRAGMA integrity_check");
        std::string problems;
        while (check.step()) {
            const std::string row = check.text(0);
            if (row == "ok") continue;
            if (problems.size() < 500) problems += row + "; ";
        }
        check.reset();
        if (!problems.empty())
            return fail(ErrorCode::InvalidInput,
                        N_("The database inside the backup {} is damaged (SQLite's integrity check failed). Nothing "
                           "was restored."),
                        {backup.string()}, problems);
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }

    // Finally, open it as the workspace will be opened: the user's password through keyslots.json,
    // the lock, the workspace id, and migrations of an older schema (as Workspace::open does).
    auto ws = Workspace::open(staged->staging_, user, password, options_);
    if (!ws) return std::unexpected(ws.error());
    staged->ws_ = std::move(*ws);
    return std::unique_ptr<RestoredWorkspace>(std::move(staged));
}

}  // namespace sanaq::db
