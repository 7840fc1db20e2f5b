#pragma once
// Key slots of the key hierarchy (keyslots.json version 3): a password opens its member's own
// secrets, and those open the grants of the parts the member's role holds. See key_roster.h for
// the roster and grants, design/key-hierarchy.md §5 for the checks and why each is there.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "db/key_roster.h"
#include "db/key_slots.h"

namespace sanaq::db {

/// What the GCM tag of a version 3 slot also covers: "sanaq-keyslot-v3\0" + workspace_id + "\0" + slot_id.
std::string member_slot_aad(std::string_view workspace_id, std::string_view slot_id);

/// Seals `secrets` under Argon2id(`password`) into the slot of `user`.
Result<KeySlot> make_member_slot(std::string_view workspace_id, std::string_view user, std::string_view password,
                                 const MemberSecrets& secrets, const KdfParams& kdf);
/// WrongPassword when the tag does not verify.
Result<MemberSecrets> unwrap_member_slot(std::string_view workspace_id, const KeySlot& slot,
                                         std::string_view password);

/// A signed-in member's keys: their own secrets, and every part key their role holds that has
/// reached them.
struct MemberKeys {
    std::string slot;
    Role role = Role::Custodian;
    MemberSecrets secrets;
    PublicKey current_root{};        // the roster's current root (pinned one or a successor)
    std::map<Part, SecretKey> parts;
    /// Parts the role holds with no grant yet (a census holder added by an administrator).
    std::vector<Part> awaiting;
    /// The slot pins an older root or roster generation than the file's: re-wrap it while the
    /// password is at hand.
    bool slot_outdated = false;
};

/// Unwraps `user`'s slot, verifies the roster from the root the slot pins, refuses a roster older
/// than one the member has already seen, checks that the member's public keys in the roster are
/// their own, and opens each grant for a part the member's role holds. UnknownUser/WrongPassword
/// as signing in, WorkspaceDamaged naming `path` for anything altered, RefusedByState for a
/// member who is no longer active.
Result<MemberKeys> unlock_member(const KeySlotFile& file, std::string_view user, std::string_view password,
                                 const std::filesystem::path& path);

}  // namespace sanaq::db
