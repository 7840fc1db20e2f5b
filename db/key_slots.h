#pragma once
// keyslots.json: the workspace's master key wrapped once per user (README.md, "Key slots").
// A slot is AES-256-GCM(master key) under Argon2id(password); adding, removing or re-wrapping
// a slot never touches the database's encryption.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "db/crypto.h"
#include "db/kdf.h"
#include "db/key_roster.h"

namespace sanaq::db {

/// SQLCipher settings pinned for every workspace: constants of the build, set on every open and
/// recorded in keyslots.json and in the store_parameters table. A file may only repeat them: a
/// keyslots.json or backup whose record differs in any field is refused, never obeyed.
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
/// Empty when `recorded` equals this build's pinned parameters; else the first differing field.
std::string cipher_parameters_mismatch(const CipherParameters& recorded);

struct KeySlot {
    std::string id;  // hex SHA-256("sanaq-slot\0" + workspace_id + "\0" + user)
    KdfParams kdf;   // Argon2id, version 0x13
    std::vector<unsigned char> salt;         // 16 bytes
    std::vector<unsigned char> nonce;        // 12 bytes
    /// AES-256-GCM ciphertext: of the master key (32 bytes, versions 1–2) or of the member's
    /// secrets (kMemberSecretsSize bytes, version 3).
    std::vector<unsigned char> wrapped_key;
    std::vector<unsigned char> tag;          // 16 bytes
    std::string created_at_utc;
};

/// A user's member keys made at their own sign-in to a single-key workspace, waiting there for the
/// split into per-role keys (README.md "Converting a single-key workspace"): the slot seals the
/// member's secrets (as a version 3 slot, same id) under their unchanged password; the public keys
/// are what the roster will list.
struct EnrolledMember {
    KeySlot slot;
    PublicKey agreement{};
    PublicKey signing{};
};
/// The conversion waiting in a version 2 document: the root key every enrolled slot pins (its seed
/// sealed under the master key, for the officer or supervisor who does the split) and the members
/// enrolled so far. Covered by the document's MAC like everything else in it.
struct Enrolment {
    PublicKey root{};
    std::vector<unsigned char> root_nonce;  // 12 bytes
    std::vector<unsigned char> root_seed;   // 32 bytes, AES-256-GCM ciphertext
    std::vector<unsigned char> root_tag;    // 16 bytes
    std::vector<EnrolledMember> members;

    const EnrolledMember* find(std::string_view slot_id) const;
};

struct KeySlotFile {
    /// 2: the document carries `mac`. 1 (read only): unsealed, sealed on its next sign-in.
    /// 3: the key hierarchy (design/key-hierarchy.md): slots seal member secrets, the roster and
    /// the grants carry their own signatures, and there is no document MAC.
    static constexpr int kFormatVersion = 2;
    static constexpr int kHierarchyVersion = 3;
    int version = kFormatVersion;
    std::string workspace_id;  // 32 lowercase hex digits (128 random bits)
    CipherParameters cipher;
    std::vector<KeySlot> slots;
    /// HMAC-SHA256 of the document without `mac` (key_slots_mac_input) under a key derived from the
    /// master key: who changes a byte of the file without the master key is caught at sign-in.
    std::vector<unsigned char> mac;
    /// Version 2 only: the member keys of a conversion to per-role keys, once a user has signed in.
    std::optional<Enrolment> enrolment;
    /// Version 3 only.
    std::optional<Roster> roster;
    std::vector<PartRecord> parts;
    std::vector<Grant> grants;

    const KeySlot* find(std::string_view slot_id) const;
    const PartRecord* part(Part part) const;
};

inline constexpr std::string_view kKeySlotsFileName = "keyslots.json";

/// Slot ids hide user names: the file says which slots exist, not whose they are.
std::string slot_id_for(std::string_view workspace_id, std::string_view user);
/// What the GCM tag also covers: "sanaq-keyslot-v1\0" + workspace_id + "\0" + slot_id.
std::string slot_aad(std::string_view workspace_id, std::string_view slot_id);

/// The document as written (with `mac` when the file has one).
std::string key_slots_to_json(const KeySlotFile& file);
/// What `mac` covers: the document as written, without the `mac` member, version 2.
std::string key_slots_mac_input(const KeySlotFile& file);
/// Computes `file.mac` under the master key (and sets the current version).
void seal_key_slots(KeySlotFile& file, const SecretKey& master);
/// WorkspaceDamaged naming `path` when a sealed document's MAC does not verify under `master`.
/// An unsealed (version 1) document passes: the caller decides whether it may still be unsealed.
Status verify_key_slots(const KeySlotFile& file, const SecretKey& master, const std::filesystem::path& path);
/// WorkspaceDamaged naming `path` when the file is not a keyslots.json this version understands.
Result<KeySlotFile> parse_key_slots(std::string_view json, const std::filesystem::path& path);
Result<KeySlotFile> read_key_slots(const std::filesystem::path& path);
/// Seals `file` under `master`, then an atomic replace (temp file, fsync, rename, fsync folder).
Status write_key_slots(const std::filesystem::path& path, KeySlotFile& file, const SecretKey& master);
/// A version 3 document as it is (its signatures are made where its parts change), atomically.
Status write_key_document(const std::filesystem::path& path, const KeySlotFile& file);

/// A slot of `user` sealing `plain` under Argon2id(`password`) with a fresh salt and nonce, the tag
/// covering `aad`; the derived key is wiped before returning. make_slot and make_member_slot.
Result<KeySlot> seal_slot(std::string_view workspace_id, std::string_view user, std::string_view password,
                          const unsigned char* plain, std::size_t plain_size, std::string_view aad,
                          const KdfParams& kdf);
/// Fresh salt and nonce; the derived key is wiped before returning.
Result<KeySlot> make_slot(std::string_view workspace_id, std::string_view user, std::string_view password,
                          const SecretKey& master, const KdfParams& kdf);
/// WrongPassword when the GCM tag does not verify.
Result<SecretKey> unwrap_slot(std::string_view workspace_id, const KeySlot& slot, std::string_view password);

/// Reads `dir`/keyslots.json, unwraps the user's slot and verifies the document's MAC: for tools
/// and tests that open the database file themselves. No lock, no failure counting — Workspace::open
/// does those.
Result<SecretKey> unlock_master_key(const std::filesystem::path& dir, std::string_view user,
                                    std::string_view password);

}  // namespace sanaq::db
