#include "core/domain/audit.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "crypto/crypto.h"
#include "core/error.h"

namespace sanaq {

std::string audit_canonical(const AuditEntry& e) {
    std::string out = "sanaq-audit-v1\n";
    auto field = [&](std::string_view v) {
        out += std::to_string(v.size());
        out += ':';
        out += v;
        out += '\n';
    };
    field(std::to_string(e.seq));
    field(e.at_utc);
    field(e.at_local);
    field(e.actor);
    field(e.action);
    field(e.object_type);
    field(e.object_id);
    field(e.reason);
    field(e.details);
    field(e.prev_hash);
    return out;
}

std::string plain_audit_hash(const AuditEntry& entry) { return crypto::sha256_hex(audit_canonical(entry)); }

void seal(AuditEntry& entry, const std::string& prev_hash, const AuditHasher& hash) {
    entry.prev_hash = prev_hash;
    entry.hash = hash(entry);
}

const char* audit_problem_label(AuditProblem problem) {
    switch (problem) {
        case AuditProblem::None: return N_("intact");
        case AuditProblem::Altered: return N_("altered");
        case AuditProblem::Removed: return N_("removed");
        case AuditProblem::Reordered: return N_("reordered");
        case AuditProblem::Truncated: return N_("entries removed from the end");
        case AuditProblem::CutBehindWitness: return N_("entries removed that the census database witnessed");
        case AuditProblem::RewrittenBehindWitness: return N_("rewritten where the census database witnessed it");
        case AuditProblem::BadSignature:
            return N_("not signed by the member who is named as its author");
    }
    return "";
}

const char* audit_action_label(const std::string& action) {
    // TRANSLATORS: audit action store.commit_incomplete: a change that was saved in the workspace's
    // common file but not in the census or department file, and has therefore been voided.
    if (action == kAuditCommitIncomplete) return N_("Change voided: not saved in every file");
    // TRANSLATORS: audit action keys.split: the workspace, until then under one key shared by
    // every role, was split into files under per-role keys.
    if (action == kAuditKeysSplit) return N_("Workspace converted to per-role keys");
    return nullptr;
}

const char* audit_voided_label() {
    // TRANSLATORS: mark beside an audit entry whose change was voided (not saved in full).
    return N_("voided, not saved");
}

AuditVerification verify_chain(const std::vector<AuditEntry>& entries, const AuditHead& head,
                               const AuditHasher& hash, const AuditSignatureCheck& signed_ok) {
    AuditVerification v;
    std::string prev = kAuditGenesisHash;
    std::int64_t expected_seq = 1;
    for (const auto& e : entries) {
        ++v.checked;
        if (hash(e) != e.hash) {
            v.problem = AuditProblem::Altered;
            v.first_bad_seq = e.seq;
            return v;
        }
        // Before the order checks: an entry re-chained by someone holding the chain key has a
        // hash that matches, but its author's signature over that hash no longer does.
        if (signed_ok && !signed_ok(e)) {
            v.problem = AuditProblem::BadSignature;
            v.first_bad_seq = e.seq;
            return v;
        }
        if (e.seq != expected_seq || e.prev_hash != prev) {
            // The entry itself is intact but does not follow its predecessor. If the expected
            // entry still exists further on, the order changed; otherwise entries went missing.
            const bool expected_later = std::any_of(entries.begin() + static_cast<std::ptrdiff_t>(v.checked),
                                                    entries.end(), [&](const AuditEntry& x) { return x.seq == expected_seq; });
            v.problem = (e.seq < expected_seq || expected_later) ? AuditProblem::Reordered : AuditProblem::Removed;
            v.first_bad_seq = std::min(e.seq, expected_seq);
            return v;
        }
        prev = e.hash;
        ++expected_seq;
    }
    if (head.seq != expected_seq - 1 || head.hash != prev) {
        v.problem = AuditProblem::Truncated;
        v.first_bad_seq = expected_seq;
    }
    return v;
}

void check_witnessed_heads(AuditVerification& v, const std::vector<AuditEntry>& entries,
                           const std::vector<WitnessedHead>& witnessed) {
    std::unordered_map<std::int64_t, const AuditEntry*> by_seq;
    by_seq.reserve(entries.size());
    for (const auto& e : entries) by_seq.emplace(e.seq, &e);
    std::optional<WitnessedHead> broken;
    AuditProblem problem = AuditProblem::None;
    for (const auto& w : witnessed) {
        if (w.seq <= 0) continue;   // the empty trail's head witnesses nothing
        ++v.witnesses;
        if (!v.last_witnessed || w.seq > v.last_witnessed->seq) v.last_witnessed = w;
        const auto it = by_seq.find(w.seq);
        const AuditProblem found = it == by_seq.end()          ? AuditProblem::CutBehindWitness
                                   : it->second->hash != w.hash ? AuditProblem::RewrittenBehindWitness
                                                                : AuditProblem::None;
        // The lowest contradicted head: everything from there on is in doubt.
        if (found != AuditProblem::None && (!broken || w.seq < broken->seq)) {
            broken = w;
            problem = found;
        }
    }
    if (broken && v.intact()) {
        v.problem = problem;
        v.first_bad_seq = broken->seq;
    }
}

bool matches(const AuditEntry& e, const AuditFilter& f) {
    if (!f.actor.empty() && e.actor != f.actor) return false;
    if (!f.action_prefix.empty() && e.action.rfind(f.action_prefix, 0) != 0) return false;
    if (!f.object_id.empty() && e.object_id != f.object_id) return false;
    if (!f.from_utc.empty() && e.at_utc < f.from_utc) return false;
    if (!f.to_utc.empty() && e.at_utc >= f.to_utc) return false;
    return true;
}

}  // namespace sanaq
