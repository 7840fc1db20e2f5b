#pragma once
// keyslots.json: the workspace's master key wrapped once per user (README.md, "Key slots").
// A slot is AES-256-GCM(master key) under Argon2id(password); adding, removing or re-wrapping
// a slot never touches the database's encryption.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "db/crypto.h"
#include "db/kdf.h"

namespace sanaq::db {

/// SQLCipher settings pinned for every workspace, set on every open and recorded in
/// keyslots.json and in the store_parameters table.
struct CipherParameters {
    std::string cipher = "aes-256-cbc";
    int page_size = 4096;
    int kdf_iter = 64000;       // PBKDF2 iterations; unused with a raw key but pinned
    int fast_kdf_iter = 2;      // PBKDF2 iterations deriving the HMAC key from the raw key
    bool use_hmac = true;
    std::string hmac = "HMAC-SHA1";  // what SQLCipher 3.4.1 uses for its per-page MAC
    int hmac_salt_mask = 0x3a;
    std::string key_form = "raw";    // PRAGMA key = "x'<64 hex digits>'"

    friend bool operator==(const CipherParameters&, const CipherParameters&) = default;
};
CipherParameters pinned_cipher_parameters();

struct KeySlot {
    std::string id;  // hex SHA-256("sanaq-slot\0" + workspace_id + "\0" + user)
    KdfParams kdf;   // Argon2id, version 0x13
    std::vector<unsigned char> salt;         // 16 bytes
    std::vector<unsigned char> nonce;        // 12 bytes
    std::vector<unsigned char> wrapped_key;  // 32 bytes (AES-256-GCM ciphertext of the master key)
    std::vector<unsigned char> tag;          // 16 bytes
    std::string created_at_utc;
};

struct KeySlotFile {
    static constexpr int kFormatVersion = 1;
    std::string workspace_id;  // 32 lowercase hex digits (128 random bits)
    CipherParameters cipher;
    std::vector<KeySlot> slots;

    const KeySlot* find(std::string_view slot_id) const;
};

inline constexpr std::string_view kKeySlotsFileName = "keyslots.json";

/// Slot ids hide user names: the file says which slots exist, not whose they are.
std::string slot_id_for(std::string_view workspace_id, std::string_view user);
/// What the GCM tag also covers: "sanaq-keyslot-v1\0" + workspace_id + "\0" + slot_id.
std::string slot_aad(std::string_view workspace_id, std::string_view slot_id);

std::string key_slots_to_json(const KeySlotFile& file);
/// WorkspaceDamaged naming `path` when the file is not a keyslots.json this version understands.
Result<KeySlotFile> parse_key_slots(std::string_view json, const std::filesystem::path& path);
Result<KeySlotFile> read_key_slots(const std::filesystem::path& path);
/// Atomic replace (temp file, fsync, rename, fsync folder).
Status write_key_slots(const std::filesystem::path& path, const KeySlotFile& file);

/// Fresh salt and nonce; the derived key is wiped before returning.
Result<KeySlot> make_slot(std::string_view workspace_id, std::string_view user, std::string_view password,
                          const SecretKey& master, const KdfParams& kdf);
/// WrongPassword when the GCM tag does not verify.
Result<SecretKey> unwrap_slot(std::string_view workspace_id, const KeySlot& slot, std::string_view password);

/// Reads `dir`/keyslots.json and unwraps the user's slot: for tools and tests that open the
/// database file themselves. No lock, no failure counting — Workspace::open does those.
Result<SecretKey> unlock_master_key(const std::filesystem::path& dir, std::string_view user,
                                    std::string_view password);

}  // namespace sanaq::db
