#pragma once
// Changes to a key-hierarchy document (keyslots.json version 3) made by a signed-in member:
// creating a workspace's keys, adding a member, confirming the grants an administrator could not
// give, making a part, and bringing a member's own slot up to date. Each changes `file` in memory;
// the caller writes it (write_key_document) as the commit point.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "db/member_slots.h"

namespace sanaq::db {

/// The file a part generation lives in: "<part>.<generation>.db".
std::string part_file_name(Part part, std::uint64_t generation);

struct NewKeyDocument {
    KeySlotFile file;
    std::map<Part, SecretKey> part_keys;  // common and dept: the census part is made by its first holder
};
/// A new workspace's keys: a root key, common and dept part keys, and the administrator as the
/// first member holding common, dept and the root.
Result<NewKeyDocument> new_key_document(std::string_view workspace_id, std::string_view admin_user,
                                        std::string_view admin_password, const KdfParams& kdf);

/// Adds `user` with `role` (the acting member holds the root: an administrator). Parts both hold
/// are granted now; parts only the new member's role holds become pending grants for the next
/// holder to confirm. AlreadyExists when the user has a slot.
Status add_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user, std::string_view password,
                  Role role, const KdfParams& kdf);

/// Grants every part the acting member holds to each active member whose role holds it and who has
/// no grant for its current generation. Returns the slots that received a grant.
Result<std::vector<std::string>> grant_pending(KeySlotFile& file, const MemberKeys& acting);

/// Makes generation `generation` of `part` under a fresh key (the acting member may make it),
/// records and signs it, and grants it to the acting member. The key is returned and also put into
/// `acting.parts`.
Result<SecretKey> make_part_generation(KeySlotFile& file, MemberKeys& acting, Part part, std::uint64_t generation);

/// Re-seals the acting member's slot so it pins the current root and the generations now in use.
Status refresh_member_slot(KeySlotFile& file, MemberKeys& acting, std::string_view user, std::string_view password);

}  // namespace sanaq::db
