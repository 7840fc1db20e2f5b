#pragma once
// Changes to a key-hierarchy document (keyslots.json version 3) made by a signed-in member:
// creating a workspace's keys, adding a member, confirming the grants an administrator could not
// give, making a part, and bringing a member's own slot up to date. Each changes `file` in memory;
// the caller writes it (write_key_document) as the commit point.
#include <map>
#include <optional>
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

/// Whether `user` may be removed (no `role`) or given `role` without leaving census or the root key
/// with nobody to open it: RefusedByState when `user` is the last active member holding the
/// current census generation (or the root), because nobody could read or re-key it afterwards.
Status check_membership_change(const KeySlotFile& file, std::string_view user, std::optional<Role> role);

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

/// The parts the acting member could grant `user` now: parts they hold, `user`'s role holds, and
/// `user` has no grant for in the current generation. Empty for an unknown or inactive member.
std::vector<Part> parts_to_grant(const KeySlotFile& file, const MemberKeys& acting,
                                 std::string_view user);

/// Grants every part the acting member holds to each active member whose role holds it and who has
/// no grant for its current generation. Returns the slots that received a grant.
Result<std::vector<std::string>> grant_pending(KeySlotFile& file, const MemberKeys& acting);

/// Makes generation `generation` of `part` under a fresh key (the acting member may make it),
/// records and signs it, and grants it to the acting member. The key is returned and also put into
/// `acting.parts`.
Result<SecretKey> make_part_generation(KeySlotFile& file, MemberKeys& acting, Part part,
                                       std::uint64_t generation);

/// A part's generation now: its record's, or for the root the number of root keys (0 when absent).
std::uint64_t current_generation(const KeySlotFile& file, Part part);
/// The part has been re-keyed past the generation the rotation was recorded at.
bool rotation_done(const KeySlotFile& file, const PendingRotation& pending);

/// The parts waiting to be re-keyed that the acting member can re-key now: they hold the part's
/// key and may make it (administrators common, dept and the root; officers and supervisors
/// census and dept). In the order they are best re-keyed: census, dept, common, root.
std::vector<Part> parts_to_rekey(const KeySlotFile& file, const MemberKeys& acting);

/// The next generation of `part` under a fresh key: a new record signed by the acting member, and
/// grants of the new key to every active member who held the current generation (members
/// awaiting a grant keep waiting for a holder's confirmation). Returns the new key; the copy of
/// the part's data into the new file is the caller's (workspace_rekey.cpp).
Result<SecretKey> rekey_part(KeySlotFile& file, const MemberKeys& acting, Part part);

/// A new workspace root key certified by the current one, granted to every active administrator;
/// the roster, with the finished rotations dropped, is signed with it. Returns the new seed.
Result<SecretKey> rotate_root(KeySlotFile& file, const MemberKeys& acting);

/// An administrator's re-signing of the roster without the rotations that are done (census
/// holders re-key census without signing the roster). Nothing changes when none is done.
Status close_done_rotations(KeySlotFile& file, const MemberKeys& acting);

/// Re-seals the acting member's slot so it pins the current root and the generations now in use.
Status refresh_member_slot(KeySlotFile& file, MemberKeys& acting, std::string_view user,
                           std::string_view password);

}  // namespace sanaq::db
