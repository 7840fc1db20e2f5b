#include "db/member_signatures.h"

#include "db/key_slots.h"

namespace sanaq::db {
namespace {

void field(std::string& out, std::string_view v) {
    out += std::to_string(v.size());
    out += ':';
    out += v;
    out += '\n';
}

std::optional<Signature> parse_signature(std::string_view text) {
    auto bytes = crypto::from_base64_bytes(text);
    if (!bytes || bytes->size() != Signature{}.size()) return std::nullopt;
    Signature sig{};
    std::copy(bytes->begin(), bytes->end(), sig.begin());
    return sig;
}

}  // namespace

MemberSignatures::MemberSignatures(std::string workspace_id, std::string signer,
                                   const SecretKey& seed, Roster roster)
    : workspace_id_(std::move(workspace_id)),
      signer_(std::move(signer)),
      seed_(copy_key(seed)),
      roster_(std::move(roster)) {}

std::string MemberSignatures::slot_of(std::string_view user) const {
    return slot_id_for(workspace_id_, user);
}

Result<std::string> MemberSignatures::sign(std::string_view message) const {
    auto sig = ed25519_sign(seed_, message);
    SANAQ_TRY(sig);
    return crypto::to_base64(*sig);
}

std::optional<Role> MemberSignatures::signed_as(std::string_view slot, std::string_view message,
                                                std::string_view signature) const {
    const auto sig = parse_signature(signature);
    if (!sig) return std::nullopt;
    std::lock_guard guard(mutex_);
    if (const RosterMember* m = roster_.find(slot); m && ed25519_verify(m->signing, message, *sig))
        return m->role;
    for (const auto& k : roster_.retired)
        if (k.slot == slot && ed25519_verify(k.signing, message, *sig)) return k.role;
    return std::nullopt;
}

void MemberSignatures::set_roster(Roster roster) {
    std::lock_guard guard(mutex_);
    roster_ = std::move(roster);
}

bool MemberSignatures::signed_by_first_root(std::string_view message,
                                            std::string_view signature) const {
    const auto sig = parse_signature(signature);
    if (!sig) return false;
    std::lock_guard guard(mutex_);
    return !roster_.roots.empty() && ed25519_verify(roster_.roots.front().key, message, *sig);
}

void MemberSignatures::set_split_signer(std::string slot) {
    std::lock_guard guard(mutex_);
    split_signer_ = std::move(slot);
}

std::optional<std::string> MemberSignatures::split_signer() const {
    std::lock_guard guard(mutex_);
    return split_signer_;
}

std::string row_signing_input(std::string_view workspace_id, std::string_view table,
                              const std::vector<std::string>& columns) {
    std::string out = "sanaq-row-v1\n";
    field(out, workspace_id);
    field(out, table);
    for (const auto& c : columns) field(out, c);
    return out;
}

std::string audit_signing_input(std::string_view workspace_id, std::string_view hash) {
    std::string out = "sanaq-audit-sig-v1\n";
    field(out, workspace_id);
    field(out, hash);
    return out;
}

std::string key_split_signing_input(std::string_view workspace_id, std::string_view hash) {
    std::string out = "sanaq-key-split-v1\n";
    field(out, workspace_id);
    field(out, hash);
    return out;
}

}  // namespace sanaq::db
