#pragma once
// Backup and restore of a workspace as one file that stays encrypted (README.md, "Backup file").
//
//   [ workspace.db, a SQLCipher file under the same master key ][ keyslots.json ][ manifest JSON ][ 64-byte footer ]
//
// The database part is made with SQLite's online backup API from a connection of its own that
// holds one read snapshot, so the workspace stays in use (other connections keep writing) and the
// copy is consistent. Pages go from the source's pager (decrypted) into a new file keyed with the
// same master key and cipher parameters: nothing unencrypted reaches the disk. The manifest records
// the parts' sizes and SHA-256 digests and is authenticated by an HMAC under a key derived from the
// master key, so only someone holding the key could make a backup that restores.
//
// That is the single-key format (version 1). A workspace with per-role keys is backed up in
// version 2 (db/backup_per_role.h); inspect_backup and BackupRestorer read both, told apart by
// the magic at the file's end.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/ports/archive.h"
#include "db/crypto.h"
#include "db/key_slots.h"
#include "db/workspace.h"

namespace sanaq::db {

/// The last 16 bytes of every backup file.
inline constexpr std::string_view kBackupMagic = "SANAQ-BACKUP-V1\n";
inline constexpr std::size_t kBackupFooterSize = 64;
inline constexpr std::string_view kBackupFormatName = "sanaq-backup";
inline constexpr int kBackupFormatVersion = 1;
/// Label of the manifest MAC key: HMAC-SHA256(key = master key, message = this label).
inline constexpr std::string_view kBackupMacLabel = "sanaq-backup-manifest-v1";

/// What a backup is taken from: an open workspace's database file, its folder, its master key
/// and its key slots (as they are at the start of the backup).
struct BackupSource {
    std::filesystem::path database;
    std::filesystem::path workspace_dir;
    const SecretKey& master;
    KeySlotFile slots;
};

/// Writes `out` (see WorkspaceArchiver::write_backup): temp file beside it (owner-only), the
/// backup API from a snapshot, every page's MAC checked while the digest is computed, the trailer,
/// fsync, `before_publish`, then a rename that never replaces an existing file, fsync of the folder.
Result<BackupInfo> write_backup_file(const BackupSource& source, const std::filesystem::path& out,
                                     const ArchiveProgress& progress,
                                     const std::function<Status(const BackupInfo&)>& before_publish);

/// Reads a backup's footer and manifest and checks what needs no key: the structure, that the
/// sizes add up to the file's, the key slots' digest. The database part is not read (size and
/// sha256 of the whole file stay empty), the MAC is not checked. For `inspect` and tests.
Result<BackupInfo> inspect_backup(const std::filesystem::path& file);

/// Checks a page of a SQLCipher 3 file (README.md, "workspace.db: SQLCipher parameters"): its
/// HMAC-SHA1 over ciphertext ‖ IV ‖ page number under the key derived from the master key and the
/// file's salt. What SQLCipher 4 calls PRAGMA cipher_integrity_check; 3.4.1 has no such pragma.
class PageMacCheck {
public:
    /// `salt` = the first 16 bytes of the file. Unexpected for cipher parameters it does not know.
    static Result<PageMacCheck> make(const SecretKey& master, const unsigned char* salt,
                                     const CipherParameters& cipher);
    PageMacCheck(PageMacCheck&&) noexcept;
    PageMacCheck& operator=(PageMacCheck&&) noexcept;
    ~PageMacCheck();
    /// `page` = page_size bytes of page `pgno` (1-based). False when its MAC does not verify.
    bool verify(const unsigned char* page, std::uint32_t pgno) const;

private:
    PageMacCheck() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The db/ side of restoring either format: everything is checked before the target folder appears.
class BackupRestorer final : public WorkspaceRestorer {
public:
    explicit BackupRestorer(OpenOptions options = {}) : options_(std::move(options)) {}
    Result<std::unique_ptr<RestoredWorkspace>> restore(const std::filesystem::path& backup,
                                                       const std::filesystem::path& target, std::string_view user,
                                                       std::string_view password,
                                                       const ArchiveProgress& progress) override;

private:
    OpenOptions options_;
};

}  // namespace sanaq::db
