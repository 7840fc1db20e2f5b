#pragma once
// Internal to db/: what the two backup formats share (README.md, "Backup file"). backup.cpp
// writes and reads the single-key format, backup_per_role.cpp the per-role one; both use these
// messages, the file plumbing, the copy of one schema through SQLite's backup API, the copy of a
// section out of a backup with its digest and page MACs, publishing a finished file, and the
// staged restore that disappears unless published.

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ports/archive.h"
#include "db/crypto.h"
#include "db/key_slots.h"
#include "db/sqlite/database.h"
#include "db/workspace.h"

namespace sanaq::db::backup_detail {

namespace fs = std::filesystem;

inline constexpr std::size_t kMaxSmallPart = 1024 * 1024;  // keyslots.json, manifest: far below this
inline constexpr std::size_t kChunkBytes = 1024 * 1024;    // copy/verify in 1 MiB pieces
inline constexpr int kPagesPerStep = 256;                  // backup API: 1 MiB per step (progress, cancel)

// ---- messages (one msgid per situation, whichever format) ------------------------------------

Error io_write(const fs::path& file, std::string detail);
Error io_read(const fs::path& file, std::string detail);
Error not_a_backup(const fs::path& file, std::string detail);
Error altered_backup(const fs::path& file, std::string detail);
Error newer_backup(const fs::path& file, int version);
Error cancelled_backup();
Error cancelled_restore();

// ---- small helpers ---------------------------------------------------------------------------

inline void put_u64le(unsigned char* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

inline std::uint64_t get_u64le(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

bool read_exact(int fd, void* buf, std::size_t size, std::uint64_t offset);
bool write_all(int fd, const void* buf, std::size_t size, std::uint64_t offset);

struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd();
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

/// Best effort: makes a rename durable where the file system supports it.
void sync_folder(const fs::path& folder);
fs::path folder_of(const fs::path& file);

/// A temporary file (and what SQLite might leave beside it) removed unless released.
struct TempFile {
    fs::path path;
    bool keep = false;
    TempFile() = default;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile();
};

/// The JSON object of the cipher parameters, exactly as keyslots.json writes it.
nlohmann::ordered_json cipher_json(const CipherParameters& c);
CipherParameters cipher_from_json(const nlohmann::ordered_json& c);
bool is_lower_hex(std::string_view s, std::size_t size);

// ---- writing ---------------------------------------------------------------------------------

/// `out` is a file name whose folder exists and is not the workspace's, and no file is there yet.
Status check_backup_destination(const fs::path& out, const fs::path& workspace_dir);
/// An empty owner-only temporary file `.<name>.part-XXXXXX` beside `out`.
Status make_temp_beside(const fs::path& out, TempFile& temp);

/// Copies schema `schema` of `src` into `dst` ("main") with SQLite's backup API, kPagesPerStep
/// pages a step. `step(done, total)` (in pages) runs between steps; false cancels. Returns the
/// pages copied. `source_file` is named when the source turns out damaged, `out` for I/O errors.
Result<std::uint64_t> copy_schema(Database& src, std::string_view schema, Database& dst,
                                  const std::function<bool(std::uint64_t, std::uint64_t)>& step,
                                  const fs::path& source_file, const fs::path& out);

/// One pass over `size` bytes of `in` from `in_offset`, in 1 MiB pieces: with `key`, every page's
/// MAC is checked under it (a SQLCipher file made by the backup API, page 1 at `in_offset`); each
/// piece goes into every digest and, when `out` is open, to `out` from `out_offset`.
/// `progress(bytes done)` after each piece; false cancels.
struct SectionPass {
    int in = -1;
    std::uint64_t in_offset = 0;
    std::uint64_t size = 0;
    int out = -1;
    std::uint64_t out_offset = 0;
    const SecretKey* key = nullptr;
    std::vector<crypto::Sha256*> digests;
    std::function<bool(std::uint64_t)> progress;
};
/// What a failure of the pass is called where it runs (writing a backup or restoring one).
struct SectionErrors {
    std::function<Error(std::string)> read;
    std::function<Error(std::string)> write;
    std::function<Error(std::uint32_t)> bad_page;
    std::function<Error()> cancelled;
};
Status pass_section(const SectionPass& pass, const CipherParameters& cipher, const SectionErrors& errors);

/// Writing: the errors of reading back or appending a copy that is going into `out`.
SectionErrors backup_errors(const fs::path& out);

/// Moves the finished temporary file to `out`, never over an existing file, and syncs the folder.
Status publish_backup_file(TempFile& temp, const fs::path& out);

// ---- restoring -------------------------------------------------------------------------------

/// The target, normalised ("…/restored/" → "…/restored"); refused unless absent or an empty folder.
Result<fs::path> restore_target(const fs::path& target);

/// A restored workspace in a staging folder beside the target: removed when destroyed unpublished.
class StagedWorkspace final : public RestoredWorkspace {
public:
    /// Makes `.<target name>.restoring-XXXXXX` (0700) beside `target`, its parents if missing.
    static Result<std::unique_ptr<StagedWorkspace>> make(const fs::path& target);
    ~StagedWorkspace() override;

    Store& store() override { return *ws_; }
    KeyVault& keys() override { return *ws_; }
    const BackupInfo& backup() const override { return info_; }
    int schema_version() override { return ws_ ? ws_->schema_version() : -1; }
    Status publish() override;

    const fs::path& folder() const { return staging_; }
    BackupInfo& info() { return info_; }
    void hold(std::unique_ptr<Workspace> ws) { ws_ = std::move(ws); }

private:
    StagedWorkspace(fs::path staging, fs::path target) : staging_(std::move(staging)), target_(std::move(target)) {}
    fs::path staging_;
    fs::path target_;
    BackupInfo info_;
    std::unique_ptr<Workspace> ws_;
    bool published_ = false;
};

/// Copies `size` bytes at `offset` of the backup `in` into the new file `to` (0600), feeding
/// `file_sha`: with `key`, every page's MAC is checked under it (a section made by the backup
/// API); without, the bytes are carried as they are. Returns the section's SHA-256.
/// `progress(bytes done of this section)`; false cancels.
Result<std::string> copy_section_out(int in, const fs::path& backup, std::uint64_t offset, std::uint64_t size,
                                     const fs::path& to, const SecretKey* key, const CipherParameters& cipher,
                                     crypto::Sha256& file_sha, const std::function<bool(std::uint64_t)>& progress);

/// SQLite's own check of every b-tree, index and free list of `schema` ("main", "dept"): only
/// "ok" passes; else InvalidInput naming the backup.
Status integrity_check(Database& db, std::string_view schema, const fs::path& backup);

}  // namespace sanaq::db::backup_detail
