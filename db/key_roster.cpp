#include "db/key_roster.h"

#include <algorithm>
#include <stdexcept>

#include "db/errors.h"
#include "db/key_roster_json.h"

namespace sanaq::db {
namespace {

using nlohmann::json;

constexpr std::string_view kRosterLabel = "sanaq-roster-v3";
constexpr std::string_view kRootLabel = "sanaq-root-v3";
constexpr std::string_view kGrantLabel = "sanaq-grant-v3";
constexpr std::string_view kPartLabel = "sanaq-part-v3";

std::string labelled(std::string_view label, std::string_view workspace_id, std::string_view body) {
    std::string out(label);
    out += '\0';
    out += workspace_id;
    out += '\0';
    out += body;
    return out;
}

template <std::size_t N>
std::string b64(const std::array<unsigned char, N>& bytes) {
    return crypto::to_base64(bytes);
}

template <std::size_t N>
std::array<unsigned char, N> b64_array(const json& j, const char* name) {
    auto bytes = crypto::from_base64_bytes(j.at(name).get<std::string>());
    if (!bytes || bytes->size() != N) throw std::runtime_error(std::string("bad field ") + name);
    std::array<unsigned char, N> out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

Part part_field(const json& j, const char* name) {
    auto part = parse_part(j.at(name).get<std::string>());
    if (!part) throw std::runtime_error(std::string("unknown part in ") + name);
    return *part;
}

std::string root_certificate_input(std::string_view workspace_id, const PublicKey& next,
                                   std::size_t index) {
    return labelled(kRootLabel, workspace_id, b64(next) + "#" + std::to_string(index));
}

Error damaged(const std::filesystem::path& path, std::string detail) {
    return damaged_file_error(path, std::move(detail));
}

}  // namespace

std::string_view part_name(Part part) {
    switch (part) {
        case Part::Common:
            return "common";
        case Part::Census:
            return "census";
        case Part::Dept:
            return "dept";
        case Part::Root:
            return "root";
    }
    return "?";
}

std::optional<Part> parse_part(std::string_view name) {
    for (Part p : kAllParts)
        if (part_name(p) == name) return p;
    return std::nullopt;
}

bool role_holds(Role role, Part part) {
    switch (part) {
        case Part::Common:
            return true;
        case Part::Census:
            return role == Role::Officer || role == Role::Supervisor;
        case Part::Dept:
            return role != Role::Custodian;
        case Part::Root:
            return role == Role::Administrator;
    }
    return false;
}

bool may_make_part(Role role, Part part) {
    if (part == Part::Root) return false;
    if (part == Part::Common) return role == Role::Administrator;
    return role_holds(role, part);
}

const RosterMember* Roster::find(std::string_view slot) const {
    for (const auto& m : members)
        if (m.slot == slot) return &m;
    return nullptr;
}

RosterMember* Roster::find(std::string_view slot) {
    for (auto& m : members)
        if (m.slot == slot) return &m;
    return nullptr;
}

namespace detail {

json roster_to_json(const Roster& r, bool with_signature) {
    json j;
    j["generation"] = r.generation;
    j["roots"] = json::array();
    for (const auto& root : r.roots) {
        json k{{"key", b64(root.key)}};
        if (root.certificate) k["certificate"] = b64(*root.certificate);
        j["roots"].push_back(std::move(k));
    }
    j["members"] = json::array();
    for (const auto& m : r.members)
        j["members"].push_back({{"slot", m.slot},
                                {"role", std::string(role_name(m.role))},
                                {"active", m.active},
                                {"x25519", b64(m.agreement)},
                                {"ed25519", b64(m.signing)},
                                {"since_utc", m.since_utc}});
    j["pending_grants"] = json::array();
    for (const auto& p : r.pending_grants)
        j["pending_grants"].push_back({{"slot", p.slot},
                                       {"part", std::string(part_name(p.part))},
                                       {"requested_by", p.requested_by}});
    j["pending_rotation"] = json::array();
    for (const auto& p : r.pending_rotation)
        j["pending_rotation"].push_back({{"part", std::string(part_name(p.part))},
                                         {"generation", p.generation},
                                         {"key_id", p.key_id},
                                         {"holders", p.holders}});
    // Only when there is one, so rosters without retired keys sign exactly as before.
    if (!r.retired.empty()) {
        j["retired"] = json::array();
        for (const auto& k : r.retired) {
            json entry{{"slot", k.slot},
                       {"role", std::string(role_name(k.role))},
                       {"ed25519", b64(k.signing)}};
            if (!k.generations.empty()) {
                entry["generations"] = json::object();
                for (const auto& [part, generation] : k.generations)
                    entry["generations"][std::string(part_name(part))] = generation;
            }
            j["retired"].push_back(std::move(entry));
        }
    }
    if (with_signature) j["signature"] = b64(r.signature);
    return j;
}

Roster roster_from_json(const json& j) {
    Roster r;
    r.generation = j.at("generation").get<std::uint64_t>();
    for (const auto& k : j.at("roots")) {
        RootKey root{b64_array<32>(k, "key"), std::nullopt};
        if (k.contains("certificate")) root.certificate = b64_array<64>(k, "certificate");
        r.roots.push_back(root);
    }
    if (r.roots.empty()) throw std::runtime_error("no root key");
    for (const auto& m : j.at("members")) {
        RosterMember member;
        member.slot = m.at("slot").get<std::string>();
        auto role = parse_role(m.at("role").get<std::string>());
        if (!role) throw std::runtime_error("unknown role");
        member.role = *role;
        member.active = m.at("active").get<bool>();
        member.agreement = b64_array<32>(m, "x25519");
        member.signing = b64_array<32>(m, "ed25519");
        member.since_utc = m.at("since_utc").get<std::string>();
        if (r.find(member.slot)) throw std::runtime_error("duplicate member");
        r.members.push_back(std::move(member));
    }
    for (const auto& p : j.at("pending_grants"))
        r.pending_grants.push_back({p.at("slot").get<std::string>(), part_field(p, "part"),
                                    p.at("requested_by").get<std::string>()});
    for (const auto& p : j.at("pending_rotation"))
        r.pending_rotation.push_back(
            {part_field(p, "part"), p.at("generation").get<std::uint64_t>(),
             p.at("key_id").get<std::string>(), p.at("holders").get<std::vector<std::string>>()});
    if (j.contains("retired")) {
        for (const auto& k : j.at("retired")) {
            auto role = parse_role(k.at("role").get<std::string>());
            if (!role) throw std::runtime_error("unknown role");
            RetiredKey retired{k.at("slot").get<std::string>(), *role, b64_array<32>(k, "ed25519"), {}};
            if (k.contains("generations")) {
                for (const auto& [name, generation] : k.at("generations").items()) {
                    auto part = parse_part(name);
                    if (!part) throw std::runtime_error("unknown part");
                    retired.generations.emplace_back(*part, generation.get<std::uint64_t>());
                }
                if (retired.generations.empty()) throw std::runtime_error("empty generations");
            }
            r.retired.push_back(std::move(retired));
        }
        if (r.retired.empty()) throw std::runtime_error("empty retired list");
    }
    r.signature = b64_array<64>(j, "signature");
    return r;
}

json grant_to_json(const Grant& g) {
    return {{"slot", g.slot},
            {"part", std::string(part_name(g.part))},
            {"generation", g.generation},
            {"key_id", g.key_id},
            {"ephemeral", b64(g.sealed.ephemeral_public)},
            {"nonce", b64(g.sealed.nonce)},
            {"sealed_key", b64(g.sealed.ciphertext)},
            {"tag", b64(g.sealed.tag)},
            {"granter", g.granter},
            {"signature", b64(g.signature)}};
}

Grant grant_from_json(const json& j) {
    Grant g;
    g.slot = j.at("slot").get<std::string>();
    g.part = part_field(j, "part");
    g.generation = j.at("generation").get<std::uint64_t>();
    g.key_id = j.at("key_id").get<std::string>();
    g.sealed.ephemeral_public = b64_array<32>(j, "ephemeral");
    g.sealed.nonce = b64_array<12>(j, "nonce");
    g.sealed.ciphertext = b64_array<32>(j, "sealed_key");
    g.sealed.tag = b64_array<16>(j, "tag");
    g.granter = j.at("granter").get<std::string>();
    g.signature = b64_array<64>(j, "signature");
    return g;
}

json part_record_to_json(const PartRecord& r, bool with_signature) {
    json j{{"part", std::string(part_name(r.part))},
           {"file", r.file},
           {"generation", r.generation},
           {"key_id", r.key_id},
           {"signer", r.signer}};
    if (with_signature) j["signature"] = b64(r.signature);
    return j;
}

PartRecord part_record_from_json(const json& j) {
    PartRecord r;
    r.part = part_field(j, "part");
    if (r.part == Part::Root) throw std::runtime_error("the root is not a file");
    r.file = j.at("file").get<std::string>();
    r.generation = j.at("generation").get<std::uint64_t>();
    r.key_id = j.at("key_id").get<std::string>();
    r.signer = j.at("signer").get<std::string>();
    r.signature = b64_array<64>(j, "signature");
    return r;
}

}  // namespace detail

std::string roster_signing_input(std::string_view workspace_id, const Roster& roster) {
    // nlohmann::json keeps object members in a std::map: dump() is sorted and compact.
    return labelled(kRosterLabel, workspace_id, detail::roster_to_json(roster, false).dump());
}

Status sign_roster(std::string_view workspace_id, Roster& roster, const SecretKey& root_seed) {
    auto pub = signing_public_key(root_seed);
    SANAQ_TRY(pub);
    if (roster.roots.empty() || roster.roots.back().key != *pub)
        return fail(ErrorCode::Unexpected,
                    N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    "roster signed with a key that is not its current root");
    auto sig = ed25519_sign(root_seed, roster_signing_input(workspace_id, roster));
    SANAQ_TRY(sig);
    roster.signature = *sig;
    return {};
}

Status certify_next_root(std::string_view workspace_id, Roster& roster,
                         const SecretKey& current_seed, const PublicKey& next) {
    auto cert =
        ed25519_sign(current_seed, root_certificate_input(workspace_id, next, roster.roots.size()));
    SANAQ_TRY(cert);
    roster.roots.push_back({next, *cert});
    return {};
}

Result<PublicKey> verify_roster(std::string_view workspace_id, const Roster& roster,
                                const PublicKey& pinned, const std::filesystem::path& path) {
    const auto start = std::find_if(roster.roots.begin(), roster.roots.end(),
                                    [&](const RootKey& r) { return r.key == pinned; });
    if (start == roster.roots.end())
        return std::unexpected(
            damaged(path, "the roster's root keys do not include the one this member trusts"));
    for (auto it = start + 1; it != roster.roots.end(); ++it) {
        const auto index = static_cast<std::size_t>(it - roster.roots.begin());
        if (!it->certificate ||
            !ed25519_verify((it - 1)->key, root_certificate_input(workspace_id, it->key, index),
                            *it->certificate))
            return std::unexpected(
                damaged(path, "a root key of the roster is not certified by its predecessor"));
    }
    const PublicKey current = roster.roots.back().key;
    if (!ed25519_verify(current, roster_signing_input(workspace_id, roster), roster.signature))
        return std::unexpected(
            damaged(path, "the roster's signature does not verify: changed outside Sanaq Station"));
    return current;
}

std::string part_record_signing_input(std::string_view workspace_id, const PartRecord& record) {
    return labelled(kPartLabel, workspace_id, detail::part_record_to_json(record, false).dump());
}

Status sign_part_record(std::string_view workspace_id, PartRecord& record,
                        const RosterMember& signer, const SecretKey& signer_seed) {
    record.signer = signer.slot;
    auto sig = ed25519_sign(signer_seed, part_record_signing_input(workspace_id, record));
    SANAQ_TRY(sig);
    record.signature = *sig;
    return {};
}

const PendingRotation* awaiting_rotation(const Roster& roster, Part part, std::uint64_t generation,
                                         std::string_view key_id) {
    for (const auto& pending : roster.pending_rotation)
        if (pending.part == part && pending.generation == generation && pending.key_id == key_id)
            return &pending;
    return nullptr;
}

namespace {

/// Whether `signature` over `input` is `member`'s: with their current key, or with a key of theirs
/// retired at a reset when `part` was at `generation` or later, in a role `may` accepts.
template <class RoleAccepted>
bool signed_by_member(const Roster& roster, const RosterMember& member, Part part, std::uint64_t generation,
                      std::string_view input, const Signature& signature, RoleAccepted may) {
    if (ed25519_verify(member.signing, input, signature)) return true;
    for (const auto& retired : roster.retired) {
        if (retired.slot != member.slot || !may(retired.role)) continue;
        const bool covered = std::any_of(retired.generations.begin(), retired.generations.end(),
                                         [&](const auto& g) { return g.first == part && g.second >= generation; });
        if (covered && ed25519_verify(retired.signing, input, signature)) return true;
    }
    return false;
}

}  // namespace

Status verify_part_record(std::string_view workspace_id, const PartRecord& record,
                          const Roster& roster, const std::filesystem::path& path) {
    const std::string what = "the record of part " + std::string(part_name(record.part)) + " ";
    const RosterMember* signer = roster.find(record.signer);
    const bool entitled = signer && signer->active && may_make_part(signer->role, record.part);
    if (!signer ||
        (!entitled && !awaiting_rotation(roster, record.part, record.generation, record.key_id)))
        return std::unexpected(
            damaged(path, what + "was made by a member whose role may not make it"));
    if (!signed_by_member(roster, *signer, record.part, record.generation,
                          part_record_signing_input(workspace_id, record), record.signature,
                          [&](Role role) { return may_make_part(role, record.part); }))
        return std::unexpected(damaged(path, what + "carries a signature that does not verify"));
    return {};
}

std::string grant_context(std::string_view workspace_id, const Grant& g) {
    const json body{{"slot", g.slot},
                    {"part", std::string(part_name(g.part))},
                    {"generation", g.generation},
                    {"key_id", g.key_id},
                    {"granter", g.granter}};
    return labelled(kGrantLabel, workspace_id, body.dump());
}

namespace {

std::string grant_signing_input(std::string_view workspace_id, const Grant& g) {
    return grant_context(workspace_id, g) + '\0' + b64(g.sealed.ephemeral_public) + '\0' +
           b64(g.sealed.nonce) + '\0' + b64(g.sealed.ciphertext) + '\0' + b64(g.sealed.tag);
}

}  // namespace

Result<Grant> make_grant(std::string_view workspace_id, const RosterMember& recipient, Part part,
                         std::uint64_t generation, const SecretKey& part_key,
                         const RosterMember& granter, const SecretKey& granter_signing_seed) {
    Grant g;
    g.slot = recipient.slot;
    g.part = part;
    g.generation = generation;
    g.key_id = key_id(part_key);
    g.granter = granter.slot;
    const auto context = grant_context(workspace_id, g);
    auto sealed = seal_key_to(recipient.agreement, part_key, workspace_id, kGrantLabel, context);
    SANAQ_TRY(sealed);
    g.sealed = *sealed;
    auto sig = ed25519_sign(granter_signing_seed, grant_signing_input(workspace_id, g));
    SANAQ_TRY(sig);
    g.signature = *sig;
    return g;
}

Result<SecretKey> open_grant(std::string_view workspace_id, const Grant& g, const Roster& roster,
                             const PartRecord* record, const SecretKey& recipient_agreement_private,
                             const std::filesystem::path& path) {
    const std::string what = "the grant of " + std::string(part_name(g.part)) + " ";
    const RosterMember* recipient = roster.find(g.slot);
    if (!recipient || !recipient->active)
        return std::unexpected(damaged(path, what + "names no active member"));
    const RosterMember* granter = roster.find(g.granter);
    const bool entitled = granter && granter->active && role_holds(granter->role, g.part);
    const PendingRotation* pending =
        entitled ? nullptr : awaiting_rotation(roster, g.part, g.generation, g.key_id);
    const bool held_then = pending && std::find(pending->holders.begin(), pending->holders.end(),
                                                g.slot) != pending->holders.end();
    if (!granter || (!entitled && !held_then))
        return std::unexpected(
            damaged(path, what + "was made by a member whose role does not hold it"));
    if (!signed_by_member(roster, *granter, g.part, g.generation, grant_signing_input(workspace_id, g), g.signature,
                          [&](Role role) { return role_holds(role, g.part); }))
        return std::unexpected(damaged(path, what + "carries a signature that does not verify"));
    if (g.part != Part::Root && (!record || record->part != g.part ||
                                 record->generation != g.generation || record->key_id != g.key_id))
        return std::unexpected(damaged(path, what + "is not for the part's current key"));
    SecretKey key;
    if (!open_sealed_key(recipient_agreement_private, g.sealed, workspace_id, kGrantLabel,
                         grant_context(workspace_id, g), key))
        return std::unexpected(damaged(path, what + "does not open with this member's key"));
    if (key_id(key) != g.key_id)
        return std::unexpected(damaged(path, what + "holds another key than it names"));
    return key;
}

std::uint64_t& MemberSecrets::generation_of(Part part) {
    switch (part) {
        case Part::Common:
            return common_generation;
        case Part::Census:
            return census_generation;
        case Part::Dept:
            return dept_generation;
        case Part::Root:
            break;
    }
    return roster_generation;  // the root's "generation" is the roster's
}

std::vector<unsigned char> member_secrets_bytes(const MemberSecrets& s) {
    std::vector<unsigned char> out;
    out.reserve(kMemberSecretsSize);
    out.insert(out.end(), s.agreement_private.data(),
               s.agreement_private.data() + SecretKey::kSize);
    out.insert(out.end(), s.signing_seed.data(), s.signing_seed.data() + SecretKey::kSize);
    out.insert(out.end(), s.pinned_root.begin(), s.pinned_root.end());
    for (std::uint64_t value :
         {s.roster_generation, s.common_generation, s.census_generation, s.dept_generation})
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(static_cast<unsigned char>((value >> shift) & 0xff));
    return out;
}

std::optional<MemberSecrets> parse_member_secrets(const unsigned char* data, std::size_t size) {
    if (size != kMemberSecretsSize) return std::nullopt;
    MemberSecrets s;
    std::copy(data, data + 32, s.agreement_private.data());
    std::copy(data + 32, data + 64, s.signing_seed.data());
    std::copy(data + 64, data + 96, s.pinned_root.begin());
    std::uint64_t* fields[] = {&s.roster_generation, &s.common_generation, &s.census_generation,
                               &s.dept_generation};
    std::size_t at = 96;
    for (std::uint64_t* field : fields)
        for (int i = 0; i < 8; ++i) *field = (*field << 8) | data[at++];
    return s;
}

}  // namespace sanaq::db
