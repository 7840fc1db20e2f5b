#pragma once
// Backups of a workspace with per-role keys (README.md, "Backup file of a per-role workspace").
//
//   [ common.<g>.db ][ dept.<g>.db ][ census.<g>.db ][ census.<g>.db-wal ][ keyslots.json ][ manifest ][ 96-byte footer ]
//
// Only an administrator makes one, and an administrator never holds the census key: common and
// dept are copied with SQLite's backup API under their own part keys (a consistent snapshot, as
// in the single-key format), census is carried as the encrypted bytes it is on disk (with its WAL
// when an officer's session did not close cleanly). The manifest records every section's SHA-256
// and is signed with the acting administrator's Ed25519 member key; a restore checks the signer
// against the root-signed roster inside the backup's own keyslots.json, from the root the
// restoring member's slot pins. So nobody but an administrator can make a backup that restores,
// and a census section swapped, cut or altered is refused by its digest.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/ports/archive.h"
#include "db/crypto.h"
#include "db/key_slots.h"
#include "db/workspace.h"

namespace sanaq::db {

/// The last 16 bytes of a per-role backup file.
inline constexpr std::string_view kPerRoleBackupMagic = "SANAQ-BACKUP-V2\n";
inline constexpr std::size_t kPerRoleBackupFooterSize = 96;
inline constexpr int kPerRoleBackupFormatVersion = 2;
/// What the signature covers: this label, 0x00, the workspace id, 0x00, the manifest's bytes.
inline constexpr std::string_view kPerRoleBackupSignatureLabel = "sanaq-backup-v2";

/// What a per-role backup is taken from: the open workspace's folder, its key document as it is at
/// the start (a copy), the part keys the administrator holds and their own signing key.
struct PerRoleBackupSource {
    std::filesystem::path workspace_dir;
    KeySlotFile slots;
    const SecretKey& common_key;
    const SecretKey& dept_key;
    std::string signer_slot;        // the acting administrator's slot id
    const SecretKey& signing_seed;  // their Ed25519 member key
    /// Held (when given) while the copy's read transaction pins its snapshots of common and dept,
    /// so no commit of the workspace's own connection, which writes both, falls between the two.
    std::recursive_mutex* writer_mutex = nullptr;
};

/// Writes `out` like write_backup_file (temp file beside it, every copied page's MAC checked,
/// fsync, `before_publish`, a rename that never replaces a file). PermissionDenied unless the
/// signer is an active administrator in the roster.
Result<BackupInfo> write_per_role_backup_file(const PerRoleBackupSource& source, const std::filesystem::path& out,
                                              const ArchiveProgress& progress,
                                              const std::function<Status(const BackupInfo&)>& before_publish);

// For backup.cpp, which reads both formats.

/// The file open on `fd` ends with kPerRoleBackupMagic.
bool is_per_role_backup(int fd);
/// The structure, the sizes against the file's, the key slots' digest; no key, no signature.
Result<BackupInfo> inspect_per_role_backup(const std::filesystem::path& file, int fd);
/// BackupRestorer::restore of a per-role backup; `target` already checked.
Result<std::unique_ptr<RestoredWorkspace>> restore_per_role_backup(const std::filesystem::path& backup, int fd,
                                                                   const std::filesystem::path& target,
                                                                   std::string_view user, std::string_view password,
                                                                   const ArchiveProgress& progress,
                                                                   const OpenOptions& options);

}  // namespace sanaq::db
