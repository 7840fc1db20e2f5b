#include "db/backup_io.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "db/backup.h"
#include "db/errors.h"
#include "db/migrations/migrations.h"

namespace sanaq::db::backup_detail {

using nlohmann::ordered_json;

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

Error cancelled_backup() { return Error::make(ErrorCode::Cancelled, N_("The backup was cancelled; no file was written.")); }
Error cancelled_restore() { return Error::make(ErrorCode::Cancelled, N_("The restore was cancelled; nothing was restored.")); }

// ---- small helpers ----------------------------------------------------------------------------

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

Fd::~Fd() {
    if (fd >= 0) ::close(fd);
}

void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

fs::path folder_of(const fs::path& file) {
    fs::path folder = file.parent_path();
    return folder.empty() ? fs::path(".") : folder;
}

TempFile::~TempFile() {
    if (keep || path.empty()) return;
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        auto p = path;
        p += suffix;
        fs::remove(p, ec);
    }
}

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

// ---- writing ----------------------------------------------------------------------------------

namespace {

/// An SQLite code of the backup API as the core's error: the copy's file for I/O trouble, the
/// workspace's file for damage, the library's text otherwise.
Error backup_step_error(int rc, Database& dest, const fs::path& source_file, const fs::path& out) {
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
            return damaged_file_error(source_file, std::move(detail));
        default:
            return dest.error_for(rc, "sqlite3_backup_step");
    }
}

}  // namespace

Status check_backup_destination(const fs::path& out, const fs::path& workspace_dir) {
    if (out.filename().empty() || out.filename() == "." || out.filename() == "..")
        return fail(ErrorCode::InvalidInput, N_("{} is not a file name."), {out.string()});
    const fs::path folder = folder_of(out);
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return fail(ErrorCode::Io, N_("The folder {} does not exist."), {folder.string()});
    if (fs::exists(fs::symlink_status(out, ec)))
        return fail(ErrorCode::AlreadyExists, N_("The file {} already exists; a backup never replaces a file."),
                    {out.string()});
    if (fs::equivalent(folder, workspace_dir, ec))
        return fail(ErrorCode::RefusedByState, N_("A backup must not be written into the workspace folder {} itself."),
                    {workspace_dir.string()});
    return {};
}

Status make_temp_beside(const fs::path& out, TempFile& temp) {
    std::string pattern = (folder_of(out) / ("." + out.filename().string() + ".part-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());  // owner-only (0600)
    if (fd < 0) return std::unexpected(io_write(out, std::strerror(errno)));
    ::close(fd);
    temp.path = name.data();
    return {};
}

Result<std::uint64_t> copy_schema(Database& src, std::string_view schema, Database& dst,
                                  const std::function<bool(std::uint64_t, std::uint64_t)>& step,
                                  const fs::path& source_file, const fs::path& out) {
    const std::string name(schema);
    sqlite3_backup* backup = sqlite3_backup_init(dst.handle(), "main", src.handle(), name.c_str());
    if (!backup) return std::unexpected(dst.error_for(sqlite3_errcode(dst.handle()), "sqlite3_backup_init"));
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
        if (step && !step(total - left, total)) {
            sqlite3_backup_finish(backup);
            return std::unexpected(cancelled_backup());
        }
    }
    const auto pages = static_cast<std::uint64_t>(sqlite3_backup_pagecount(backup));
    const int finish = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return std::unexpected(backup_step_error(rc, dst, source_file, out));
    if (finish != SQLITE_OK) return std::unexpected(backup_step_error(finish, dst, source_file, out));
    return pages;
}

Status pass_section(const SectionPass& pass, const CipherParameters& cipher, const SectionErrors& errors) {
    const auto page_size = static_cast<std::uint64_t>(cipher.page_size);
    std::vector<unsigned char> buf(kChunkBytes - kChunkBytes % page_size);
    std::optional<PageMacCheck> macs;
    for (std::uint64_t done = 0; done < pass.size;) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), pass.size - done));
        errno = 0;
        if (!read_exact(pass.in, buf.data(), n, pass.in_offset + done))
            return std::unexpected(errors.read(errno ? std::strerror(errno) : "cut short"));
        if (pass.key) {
            if (!macs) {
                auto m = PageMacCheck::make(*pass.key, buf.data(), cipher);
                SANAQ_TRY(m);
                macs.emplace(std::move(*m));
            }
            for (std::size_t p = 0; p < n; p += page_size) {
                const auto pgno = static_cast<std::uint32_t>((done + p) / page_size + 1);
                if (!macs->verify(buf.data() + p, pgno)) return std::unexpected(errors.bad_page(pgno));
            }
        }
        for (crypto::Sha256* d : pass.digests) d->update(crypto::ByteView(buf.data(), n));
        if (pass.out >= 0 && !write_all(pass.out, buf.data(), n, pass.out_offset + done))
            return std::unexpected(errors.write(std::strerror(errno)));
        done += n;
        if (pass.progress && !pass.progress(done)) return std::unexpected(errors.cancelled());
    }
    return {};
}

SectionErrors backup_errors(const fs::path& out) {
    return {[out](std::string detail) { return io_write(out, "reading the copy back: " + detail); },
            [out](std::string detail) { return io_write(out, std::move(detail)); },
            [out](std::uint32_t pgno) {
                return io_write(out, "page " + std::to_string(pgno) + " of the copy does not verify");
            },
            [] { return cancelled_backup(); }};
}

Status publish_backup_file(TempFile& temp, const fs::path& out) {
    std::error_code ec;
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
    sync_folder(folder_of(out));
    return {};
}

// ---- restoring --------------------------------------------------------------------------------

Result<fs::path> restore_target(const fs::path& target_in) {
    fs::path target = target_in.lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    if (target.empty()) target = ".";
    std::error_code ec;
    const auto status = fs::symlink_status(target, ec);
    if (!fs::exists(status)) return target;
    if (fs::is_directory(status) && fs::is_empty(target, ec) && !ec) return target;
    return fail(ErrorCode::RefusedByState,
                N_("The folder {} is not empty; a backup is restored only into a new or empty folder."),
                {target.string()});
}

Result<std::unique_ptr<StagedWorkspace>> StagedWorkspace::make(const fs::path& target) {
    // Beside the target (same file system, so publishing is one rename).
    std::error_code ec;
    const fs::path parent = folder_of(target);
    fs::create_directories(parent, ec);
    if (ec) return fail(ErrorCode::Io, N_("Could not create the folder {}."), {parent.string()}, ec.message());
    std::string pattern = (parent / ("." + target.filename().string() + ".restoring-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (!::mkdtemp(name.data()))  // mode 0700, like a new workspace folder
        return fail(ErrorCode::Io, N_("Could not create the folder {}."), {parent.string()}, std::strerror(errno));
    return std::unique_ptr<StagedWorkspace>(new StagedWorkspace(fs::path(name.data()), target));
}

StagedWorkspace::~StagedWorkspace() {
    if (published_) return;
    ws_.reset();
    std::error_code ec;
    fs::remove_all(staging_, ec);
}

Status StagedWorkspace::publish() {
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

Result<std::string> copy_section_out(int in, const fs::path& backup, std::uint64_t offset, std::uint64_t size,
                                     const fs::path& to, const SecretKey* key, const CipherParameters& cipher,
                                     crypto::Sha256& file_sha, const std::function<bool(std::uint64_t)>& progress) {
    Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (out.fd < 0) return std::unexpected(io_write(to, std::strerror(errno)));
    crypto::Sha256 section_sha;
    const SectionErrors errors{
        [&](std::string detail) { return io_read(backup, std::move(detail)); },
        [&](std::string detail) { return io_write(to, std::move(detail)); },
        [&](std::uint32_t pgno) {
            return altered_backup(backup, "the MAC of page " + std::to_string(pgno) + " of " + to.filename().string() +
                                              " does not verify");
        },
        [] { return cancelled_restore(); }};
    if (auto ok = pass_section({in, offset, size, out.fd, 0, key, {&section_sha, &file_sha}, progress}, cipher, errors); !ok)
        return std::unexpected(ok.error());
    if (::fsync(out.fd) != 0) return std::unexpected(io_write(to, std::strerror(errno)));
    return section_sha.final_hex();
}

Status integrity_check(Database& db, std::string_view schema, const fs::path& backup) {
    if (schema != "main" && schema != "dept")  // constant text only: never a name read from a file
        return fail(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    "integrity_check of an unknown schema");
    try {
        auto& check = db.cached("PRAGMA " + std::string(schema) + ".integrity_check");
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
    return {};
}

}  // namespace sanaq::db::backup_detail
