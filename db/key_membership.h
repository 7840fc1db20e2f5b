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
    std::map<Part, SecretKey>
        part_keys;  // common and dept: the census part is made by its first holder
};
/// A new workspace's keys: a root key, common and dept part keys, and the administrator as the
/// first member holding common, dept and the root.
Result<NewKeyDocument> new_key_document(std::string_view workspace_id, std::string_view admin_user,
                                        std::string_view admin_password, const KdfParams& kdf);

/// Adds `user` with `role` (the acting member holds the root: an administrator). Parts both hold
/// are granted now; parts only the new member's role holds become pending grants for the next
/// holder to confirm. AlreadyExists when the user has a slot.
Status add_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user,
                  std::string_view password, Role role, const KdfParams& kdf);

/// Marks `user` inactive, drops their slot and grants, and records every part they held as
/// pending rotation (a removed member's old copy of keyslots.json still unwraps the current part
/// keys until the part is re-keyed). NotFound when there is no such member.
Status remove_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user);

/// The member's role in the roster becomes `role`: grants of parts the role no longer holds are
/// dropped (and those parts pending rotation), parts it now holds are granted where the acting
/// member holds them and pending otherwise.
Status set_member_role(KeySlotFile& file, const MemberKeys& acting, std::string_view user,
                       Role role);

/// A new password for another member (an administrator's reset): new member keys, so the old
/// password opens nothing; parts are granted as for a new member.
Status reset_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user,
                    std::string_view password, const KdfParams& kdf);

/// Grants the parts the acting member holds to `user` where their role holds them and they have no
/// grant for the current generation (a census holder confirming a colleague's access). Returns the
/// parts granted.
Result<std::vector<Part>> grant_member(KeySlotFile& file, const MemberKeys& acting,
                                       std::string_view user);

/// Grants every part the acting member holds to each active member whose role holds it and who has
/// no grant for its current generation. Returns the slots that received a grant.
Result<std::vector<std::string>> grant_pending(KeySlotFile& file, const MemberKeys& acting);

/// Makes generation `generation` of `part` under a fresh key (the acting member may make it),
/// records and signs it, and grants it to the acting member. The key is returned and also put into
/// `acting.parts`.
Result<SecretKey> make_part_generation(KeySlotFile& file, MemberKeys& acting, Part part,
                                       std::uint64_t generation);

/// Re-seals the acting member's slot so it pins the current root and the generations now in use.
Status refresh_member_slot(KeySlotFile& file, MemberKeys& acting, std::string_view user,
                           std::string_view password);

}  // namespace sanaq::db
