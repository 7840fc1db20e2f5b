#pragma once
// The key hierarchy's membership (design/key-hierarchy.md §1, §5): which parts of the workspace a
// role may open, the roster of members signed by the workspace root key, and grants — a part key
// sealed to one member and signed by the member who granted it. A password opens only its owner's
// member keys (the slot); every part key reaches a member as a grant, so a holder can give a key
// to a colleague, or re-key, without knowing the colleague's password.
//
// What the signatures stop: a custodian can write keyslots.json (the folder is theirs to write),
// but cannot sign a roster (only administrators hold the root key, and every slot pins the root's
// public key inside its password-sealed payload) nor a grant that a census holder would accept
// (the granter must be a roster member whose role holds the part).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/role.h"
#include "core/error.h"
#include "db/public_key_crypto.h"

namespace sanaq::db {

/// The parts of a workspace, each under its own key. Root is not a file: its "key" is the seed of
/// the Ed25519 key that signs the roster.
enum class Part { Common, Census, Dept, Root };
inline constexpr Part kAllParts[] = {Part::Common, Part::Census, Part::Dept, Part::Root};
std::string_view part_name(Part part);  // "common", "census", "dept", "root"
std::optional<Part> parse_part(std::string_view name);
/// The roles × parts table of the design: custodians hold common only; officers and supervisors
/// common, census and dept; administrators common, dept and root — never census.
bool role_holds(Role role, Part part);

struct RosterMember {
    std::string slot;  // the member's key slot id (names stay out of the file)
    Role role = Role::Custodian;
    bool active = true;
    PublicKey agreement{};  // X25519: grants are sealed to it
    PublicKey signing{};    // Ed25519: verifies the grants (and, later, audit entries) it signs
    std::string since_utc;
};

/// One workspace root key. The first is pinned in every slot; each later one carries a
/// certificate by its predecessor, so a member who pinned an older root can follow the chain.
struct RootKey {
    PublicKey key{};
    std::optional<Signature> certificate;
};

/// The file holding a part now, its generation (bumped by every re-key) and its key's id, signed
/// by the member who made that generation. Not in the roster: the first census holder makes the
/// census part and census holders re-key it, and none of them holds the root.
struct PartRecord {
    Part part = Part::Common;
    std::string file;
    std::uint64_t generation = 1;
    std::string key_id;
    std::string signer;  // slot
    Signature signature{};
};
/// Who may make a generation of a part: administrators for common (they re-key it when a member
/// goes), the part's holders for census and dept. Never the root (not a file).
bool may_make_part(Role role, Part part);

/// A member whose role holds `part` but who has no grant for it yet: an administrator cannot give
/// census keys (they do not hold them), so the next census holder to sign in confirms it.
struct PendingGrant {
    std::string slot;
    Part part = Part::Census;
    std::string requested_by;  // slot of the administrator who added or changed the member
    friend bool operator==(const PendingGrant&, const PendingGrant&) = default;
};

/// A part a member who is no longer entitled to it could still open (removed, or moved to a role
/// without it): `generation` and `key_id` are the part's at that moment, `holders` the slots that
/// then held a grant of it besides that member. The rotation is done once the part is past that
/// generation — a census holder re-keys census without signing the roster. For the root, the
/// generation is the number of root keys in the chain.
struct PendingRotation {
    Part part = Part::Common;
    std::uint64_t generation = 1;
    std::string key_id;
    std::vector<std::string> holders;
    friend bool operator==(const PendingRotation&, const PendingRotation&) = default;
};

/// An earlier signing key of a member whose keys an administrator reset: what it signed (audit
/// entries) stays verifiable, as the role the member then had.
struct RetiredKey {
    std::string slot;
    Role role = Role::Custodian;
    PublicKey signing{};
    /// The generation of each part when the key was retired: a part's record or a grant of a
    /// generation up to that one, signed with this key, still counts (the census its owner made
    /// before a forgotten password); anything of a later generation does not. In the document
    /// (and signed) only when not empty.
    std::vector<std::pair<Part, std::uint64_t>> generations;
    friend bool operator==(const RetiredKey&, const RetiredKey&) = default;
};

struct Roster {
    std::uint64_t generation = 1;
    std::vector<RootKey> roots;
    std::vector<RosterMember> members;
    std::vector<PendingGrant> pending_grants;
    std::vector<PendingRotation> pending_rotation;  // parts a holder must re-key
    std::vector<RetiredKey> retired;  // in the document (and signed) only when not empty
    Signature signature{};

    const RosterMember* find(std::string_view slot) const;
    RosterMember* find(std::string_view slot);
};

/// What the root signs: canonical JSON (keys sorted, no spaces) of the roster without its
/// signature, prefixed by "sanaq-roster-v3\0" + workspace_id + "\0".
std::string roster_signing_input(std::string_view workspace_id, const Roster& roster);
Status sign_roster(std::string_view workspace_id, Roster& roster, const SecretKey& root_seed);
/// Adds `next` as the current root, certified by the current one (whose seed is `current_seed`).
/// The roster must then be signed with the seed of `next`.
Status certify_next_root(std::string_view workspace_id, Roster& roster,
                         const SecretKey& current_seed, const PublicKey& next);
/// Follows the root chain forward from `pinned` (a key of the chain) to the current root, then
/// checks the roster's signature under it. Returns the current root. WorkspaceDamaged naming
/// `path` when the pinned key is not in the chain, a certificate or the signature does not verify.
Result<PublicKey> verify_roster(std::string_view workspace_id, const Roster& roster,
                                const PublicKey& pinned, const std::filesystem::path& path);

/// The roster records that `part` must be re-keyed past `generation` (its key `key_id`): until it
/// is, a record of that generation made by a member who has since lost the part (removed, or a role
/// without it) still counts, and so does a grant of it to one of the `holders` of the time — so
/// they can open the part to re-key it. Nobody else receives anything from such a member: not a
/// member who was then still awaiting the part, nor anyone for another generation.
const PendingRotation* awaiting_rotation(const Roster& roster, Part part, std::uint64_t generation,
                                         std::string_view key_id);

std::string part_record_signing_input(std::string_view workspace_id, const PartRecord& record);
Status sign_part_record(std::string_view workspace_id, PartRecord& record,
                        const RosterMember& signer, const SecretKey& signer_seed);
/// WorkspaceDamaged naming `path` unless the record is signed by an active member of a verified
/// roster who may make that part (or by a member who could then, see awaiting_rotation).
Status verify_part_record(std::string_view workspace_id, const PartRecord& record,
                          const Roster& roster, const std::filesystem::path& path);

struct Grant {
    std::string slot;  // recipient
    Part part = Part::Common;
    std::uint64_t generation = 1;
    std::string key_id;
    SealedKey sealed;
    std::string granter;  // slot of the member who made it
    Signature signature{};
};

/// What a grant's seal authenticates and its signature covers (besides the sealed bytes).
std::string grant_context(std::string_view workspace_id, const Grant& grant);
/// Seals `part_key` to `recipient` and signs the grant as `granter`.
Result<Grant> make_grant(std::string_view workspace_id, const RosterMember& recipient, Part part,
                         std::uint64_t generation, const SecretKey& part_key,
                         const RosterMember& granter, const SecretKey& granter_signing_seed);
/// Opens a grant addressed to the caller, after checking it against a verified roster and the
/// part's verified record (null for the root): the recipient and the granter are active members,
/// the granter's role holds the part (or held it, see awaiting_rotation), the signature verifies,
/// generation and key id are the record's, and the key reproduces its key id. WorkspaceDamaged
/// naming `path` otherwise.
Result<SecretKey> open_grant(std::string_view workspace_id, const Grant& grant,
                             const Roster& roster, const PartRecord* record,
                             const SecretKey& recipient_agreement_private,
                             const std::filesystem::path& path);

/// The password-sealed payload of a member's slot: the member's private keys, the root key they
/// trust, and the newest roster and part generations they have used (an older one is a replay of
/// an old keyslots.json, perhaps with a part file from before a colleague was removed).
struct MemberSecrets {
    SecretKey agreement_private;
    SecretKey signing_seed;
    PublicKey pinned_root{};
    std::uint64_t roster_generation = 0;
    std::uint64_t common_generation = 0;
    std::uint64_t census_generation = 0;
    std::uint64_t dept_generation = 0;

    std::uint64_t& generation_of(Part part);
};
inline constexpr std::size_t kMemberSecretsSize = 32 + 32 + 32 + 4 * 8;
/// Fixed layout: agreement private ‖ signing seed ‖ pinned root ‖ roster, common, census and dept
/// generations (big-endian u64 each).
/// The returned bytes hold secrets: the caller wipes them (crypto::wipe).
std::vector<unsigned char> member_secrets_bytes(const MemberSecrets& secrets);
std::optional<MemberSecrets> parse_member_secrets(const unsigned char* data, std::size_t size);

}  // namespace sanaq::db
