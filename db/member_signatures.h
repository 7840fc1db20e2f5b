#pragma once
// Signatures by members of a per-role workspace on what lives in common, the part every role's
// key opens (db/README.md "Signed rows in common", design/key-hierarchy.md §5): audit entries and
// the rows of settings, device_keys and pulls. A custodian can rewrite common with their key, but
// cannot sign as a colleague: the members' public keys are in the roster, which only the
// administrators' root key signs. Shared by the workspace's connection and a worker's.
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/role.h"
#include "core/error.h"
#include "db/key_roster.h"

namespace sanaq::db {

class MemberSignatures {
  public:
    /// `signer`: the signed-in member (slot id and Ed25519 seed); `roster`: verified.
    MemberSignatures(std::string workspace_id, std::string signer, const SecretKey& seed,
                     Roster roster);

    const std::string& workspace_id() const { return workspace_id_; }
    const std::string& signer() const { return signer_; }
    /// The slot id of a user name in this workspace.
    std::string slot_of(std::string_view user) const;

    /// Base64 of the Ed25519 signature of `message` by the signed-in member.
    Result<std::string> sign(std::string_view message) const;

    /// The role as which the member `slot` made `signature` over `message`: the roster's members,
    /// active or removed (what they signed while a member stays theirs), then the retired keys of
    /// members whose keys were reset. Nothing when no key of that slot verifies it.
    std::optional<Role> signed_as(std::string_view slot, std::string_view message,
                                  std::string_view signature) const;

    /// After a change of the roster (a member added, removed, reset, given another role).
    void set_roster(Roster roster);

    /// Whether `signature` (base64) over `message` verifies under the roster's first root key: the
    /// conversion root of a workspace split from a single key (a later root is certified by it).
    bool signed_by_first_root(std::string_view message, std::string_view signature) const;
    /// A workspace split from a single key: the member who split it, once the split's audit entry
    /// has been checked (verified_key_split). The signed rows of common the split copied are
    /// theirs, whatever their role may write (README.md "Signed rows in common").
    void set_split_signer(std::string slot);
    std::optional<std::string> split_signer() const;

  private:
    std::string workspace_id_;
    std::string signer_;
    SecretKey seed_;
    mutable std::mutex mutex_;  // the roster changes on the screens' thread while a worker reads
    Roster roster_;
    std::optional<std::string> split_signer_;
};

/// The bytes a signed row's signature covers: "sanaq-row-v1", the workspace id, the table and
/// each column, every one length-prefixed so no value can bleed into the next.
std::string row_signing_input(std::string_view workspace_id, std::string_view table,
                              const std::vector<std::string>& columns);
/// What an audit entry's signature covers: "sanaq-audit-sig-v1", the workspace id, the entry's
/// hash.
std::string audit_signing_input(std::string_view workspace_id, std::string_view hash);
/// What the conversion root signs of the split's audit entry: "sanaq-key-split-v1", the workspace
/// id, the entry's hash (a root signature made for anything else never passes for it).
std::string key_split_signing_input(std::string_view workspace_id, std::string_view hash);

}  // namespace sanaq::db
