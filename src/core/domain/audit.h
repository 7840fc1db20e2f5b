#pragma once
// The tamper-evident trail. Each entry's hash covers its own fields and the previous entry's
// hash, so altering, removing or reordering any entry breaks the chain from that point on; the
// store keeps the head (last sequence number and hash) so cutting entries off the end shows too.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sanaq {

/// What a use case asks to record; the store adds sequence, times and hashes.
struct AuditDraft {
    std::string action;       // stable code, e.g. "kit.issue"
    std::string object_type;  // "kit", "user", "institution", ...
    std::string object_id;
    std::string reason;       // required for some actions (write-off, removing a user, ...)
    std::string details;      // compact JSON with the facts of the change
};

struct AuditEntry {
    std::int64_t seq = 0;     // 1, 2, 3, ... without gaps
    std::string at_utc;       // 2026-11-22T09:14:03Z
    std::string at_local;     // 2026-11-22T14:14:03+05:00 (the workstation's zone at the time)
    std::string actor;        // user name
    std::string action;
    std::string object_type;
    std::string object_id;
    std::string reason;
    std::string details;
    std::string prev_hash;    // hex; 64 zeros for the first entry
    std::string hash;         // hex SHA-256 over the canonical form below
    /// Not part of the entry (audit_canonical leaves it out): set by the store when a later
    /// `store.commit_incomplete` entry says the change this entry records was not saved in every
    /// file of the workspace (db/README.md "Transactions"). The entry stays on the trail.
    bool voided = false;
};

inline const std::string kAuditGenesisHash(64, '0');

/// The bytes an entry's hash covers: every field but `hash`, length-prefixed so no field can
/// bleed into the next.
std::string audit_canonical(const AuditEntry& entry);
/// How an entry's hash is made from audit_canonical(). The store keys its chain (HMAC-SHA256 under
/// a key derived from the workspace's master key, db/README.md "Audit chain"), so the chain cannot be
/// recomputed from the stored rows alone; plain_audit_hash (SHA-256) is the unkeyed form that
/// entries written before keying keep.
using AuditHasher = std::function<std::string(const AuditEntry&)>;
std::string plain_audit_hash(const AuditEntry& entry);
/// Sets prev_hash and hash on `entry` given the previous entry's hash.
void seal(AuditEntry& entry, const std::string& prev_hash, const AuditHasher& hash = plain_audit_hash);

/// Truncated: cut at the end, seen through the stored head. BadSignature: with per-role keys every
/// entry is signed by the member who appended it (db/README.md "Audit chain"); an entry whose
/// signature is missing or not its actor's was written, or re-chained, outside the program. The two
/// "behind a witness" problems are seen only through heads the census database witnessed
/// (src/upstream/README.md, "Audit head"): a trail cut, or rewritten and re-chained, by someone who
/// could compute a consistent chain.
enum class AuditProblem {
    None,
    Altered,
    Removed,
    Reordered,
    Truncated,
    CutBehindWitness,
    RewrittenBehindWitness,
    BadSignature
};
const char* audit_problem_label(AuditProblem problem);  // msgid

/// The store's own action: a change whose common half committed and a part's did not, voided.
inline constexpr const char* kAuditCommitIncomplete = "store.commit_incomplete";
/// The store's own action: a single-key workspace split into per-role part files. Entries before
/// it were written before anyone had member keys; this entry, signed by the member who split and
/// by the conversion root, stands for them (db/README.md "Audit chain").
inline constexpr const char* kAuditKeysSplit = "keys.split";
/// A label for the actions that have one (the store's own), else nullptr: the code is shown.
const char* audit_action_label(const std::string& action);  // msgid
/// What marks an entry whose change was voided.
const char* audit_voided_label();  // msgid

/// A head of this trail that the census database signed in a batch's receipt.
struct WitnessedHead {
    std::int64_t seq = 0;
    std::string hash;
    std::string witnessed_at;   // the receipt's received_at (UTC)
    std::string witness;        // the receipt's server
    std::string batch_uuid;
};

struct AuditVerification {
    std::size_t checked = 0;
    AuditProblem problem = AuditProblem::None;
    std::int64_t first_bad_seq = 0;  // the first entry that was altered/removed/reordered
    std::size_t witnesses = 0;                   // witnessed heads checked against the trail
    std::optional<WitnessedHead> last_witnessed; // the newest of them (highest seq)
    /// The receipts that hold the witnessed heads are census data, which the verifying user's
    /// role does not open (an administrator of a per-role workspace): the chain and each entry's
    /// signature were checked, the witnesses were not, and the user is told so.
    bool witnesses_unreadable = false;
    bool intact() const { return problem == AuditProblem::None; }
};

struct AuditHead {
    std::int64_t seq = 0;
    std::string hash = kAuditGenesisHash;
};

/// Whether an entry carries a valid signature of its actor (the store knows the keys); empty when
/// the store signs nothing (one key for every role).
using AuditSignatureCheck = std::function<bool(const AuditEntry&)>;

/// Walks the entries in stored order and reports the first break.
AuditVerification verify_chain(const std::vector<AuditEntry>& entries, const AuditHead& head,
                               const AuditHasher& hash = plain_audit_hash,
                               const AuditSignatureCheck& signed_ok = {});

/// Checks `entries` against every witnessed head: the entry a head names must exist with that
/// hash. Sets last_witnessed and witnesses; a contradiction is reported only when the chain itself
/// verified (its own break is named first).
void check_witnessed_heads(AuditVerification& verification, const std::vector<AuditEntry>& entries,
                           const std::vector<WitnessedHead>& witnessed);

struct AuditFilter {
    std::string actor;        // exact user, empty = all
    std::string action_prefix;  // "kit." etc.
    std::string object_id;
    std::string from_utc;     // inclusive, ISO prefix compare
    std::string to_utc;       // exclusive
    std::size_t limit = 0;    // 0 = no limit
};
bool matches(const AuditEntry& entry, const AuditFilter& filter);

}  // namespace sanaq
