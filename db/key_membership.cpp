#include "db/key_membership.h"

#include <algorithm>

#include "core/domain/clock.h"

namespace sanaq::db {
namespace {

Error unexpected(std::string detail) {
    return Error::make(ErrorCode::Unexpected,
                       N_("An unexpected error stopped the work; nothing of it was saved."), {},
                       std::move(detail));
}

struct NewMember {
    MemberSecrets secrets;
    RosterMember member;
};

Result<NewMember> new_member(std::string_view workspace_id, std::string_view user, Role role,
                             const PublicKey& root) {
    auto agreement = generate_agreement_pair();
    if (!agreement) return std::unexpected(agreement.error());
    auto signing = generate_signing_pair();
    if (!signing) return std::unexpected(signing.error());
    NewMember m;
    m.member = {slot_id_for(workspace_id, user),
                role,
                true,
                agreement->public_key,
                signing->public_key,
                iso_utc(std::chrono::system_clock::now())};
    m.secrets.agreement_private = std::move(agreement->private_key);
    m.secrets.signing_seed = std::move(signing->seed);
    m.secrets.pinned_root = root;
    return m;
}

/// Replaces any grant for the same slot and part.
void put_grant(KeySlotFile& file, Grant grant) {
    std::erase_if(file.grants,
                  [&](const Grant& g) { return g.slot == grant.slot && g.part == grant.part; });
    file.grants.push_back(std::move(grant));
}

bool has_current_grant(const KeySlotFile& file, std::string_view slot, Part part) {
    const PartRecord* record = part == Part::Root ? nullptr : file.part(part);
    for (const auto& g : file.grants)
        if (g.slot == slot && g.part == part &&
            (part == Part::Root || (record && g.generation == record->generation)))
            return true;
    return false;
}

void stamp_generations(const KeySlotFile& file, MemberSecrets& secrets) {
    secrets.roster_generation = file.roster->generation;
    for (Part part : {Part::Common, Part::Census, Part::Dept})
        if (const PartRecord* r = file.part(part)) secrets.generation_of(part) = r->generation;
}

}  // namespace

std::string part_file_name(Part part, std::uint64_t generation) {
    return std::string(part_name(part)) + "." + std::to_string(generation) + ".db";
}

Result<NewKeyDocument> new_key_document(std::string_view workspace_id, std::string_view admin_user,
                                        std::string_view admin_password, const KdfParams& kdf) {
    NewKeyDocument doc;
    doc.file.version = KeySlotFile::kHierarchyVersion;
    doc.file.workspace_id = std::string(workspace_id);
    doc.file.cipher = pinned_cipher_parameters();
    auto root = generate_signing_pair();
    if (!root) return std::unexpected(root.error());
    auto admin = new_member(workspace_id, admin_user, Role::Administrator, root->public_key);
    if (!admin) return std::unexpected(admin.error());
    doc.file.roster.emplace();
    doc.file.roster->roots.push_back({root->public_key, std::nullopt});
    doc.file.roster->members.push_back(admin->member);
    if (auto ok = sign_roster(workspace_id, *doc.file.roster, root->seed); !ok)
        return std::unexpected(ok.error());

    MemberKeys acting;
    acting.slot = admin->member.slot;
    acting.role = Role::Administrator;
    acting.current_root = root->public_key;
    acting.secrets = std::move(admin->secrets);
    for (Part part : {Part::Common, Part::Dept}) {
        auto key = make_part_generation(doc.file, acting, part, 1);
        if (!key) return std::unexpected(key.error());
    }
    auto root_grant = make_grant(workspace_id, admin->member, Part::Root, 1, root->seed,
                                 admin->member, acting.secrets.signing_seed);
    if (!root_grant) return std::unexpected(root_grant.error());
    put_grant(doc.file, std::move(*root_grant));
    stamp_generations(doc.file, acting.secrets);
    auto slot = make_member_slot(workspace_id, admin_user, admin_password, acting.secrets, kdf);
    if (!slot) return std::unexpected(slot.error());
    doc.file.slots.push_back(std::move(*slot));
    for (auto& [part, key] : acting.parts) doc.part_keys.emplace(part, std::move(key));
    return doc;
}

Status add_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user,
                  std::string_view password, Role role, const KdfParams& kdf) {
    const auto root_seed = acting.parts.find(Part::Root);
    if (root_seed == acting.parts.end() || !file.roster)
        return std::unexpected(unexpected("add_member without the root"));
    const auto slot_id = slot_id_for(file.workspace_id, user);
    if (file.find(slot_id) || file.roster->find(slot_id))
        return fail(ErrorCode::AlreadyExists, N_("A user named {} already exists."),
                    {std::string(user)});
    auto made = new_member(file.workspace_id, user, role, acting.current_root);
    if (!made) return std::unexpected(made.error());
    Roster& roster = *file.roster;
    roster.members.push_back(made->member);
    ++roster.generation;
    const RosterMember* granter = roster.find(acting.slot);
    for (Part part : kAllParts) {
        if (!role_holds(role, part)) continue;
        const auto key = acting.parts.find(part);
        if (key == acting.parts.end()) {
            roster.pending_grants.push_back({slot_id, part, acting.slot});
            continue;
        }
        const PartRecord* record = file.part(part);
        auto grant =
            make_grant(file.workspace_id, made->member, part, record ? record->generation : 1,
                       key->second, *granter, acting.secrets.signing_seed);
        if (!grant) return std::unexpected(grant.error());
        put_grant(file, std::move(*grant));
    }
    if (auto ok = sign_roster(file.workspace_id, roster, root_seed->second); !ok) return ok;
    stamp_generations(file, made->secrets);
    auto slot = make_member_slot(file.workspace_id, user, password, made->secrets, kdf);
    if (!slot) return std::unexpected(slot.error());
    file.slots.push_back(std::move(*slot));
    return {};
}

namespace {

Result<RosterMember*> existing_member(KeySlotFile& file, std::string_view user) {
    RosterMember* m =
        file.roster ? file.roster->find(slot_id_for(file.workspace_id, user)) : nullptr;
    if (!m || !m->active)
        return fail(ErrorCode::NotFound, N_("There is no user named {}."), {std::string(user)});
    return m;
}

const SecretKey* root_of(const MemberKeys& acting) {
    const auto it = acting.parts.find(Part::Root);
    return it == acting.parts.end() ? nullptr : &it->second;
}

void add_unique(std::vector<Part>& parts, Part part) {
    if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
}

/// Grants what the acting member can give and records the rest as pending, for a member whose
/// role is `role`.
Status grant_role_parts(KeySlotFile& file, const MemberKeys& acting, const RosterMember& member) {
    Roster& roster = *file.roster;
    const RosterMember* granter = roster.find(acting.slot);
    for (Part part : kAllParts) {
        if (!role_holds(member.role, part) || has_current_grant(file, member.slot, part)) continue;
        const auto key = acting.parts.find(part);
        if (key == acting.parts.end()) {
            const PendingGrant pending{member.slot, part, acting.slot};
            if (std::find(roster.pending_grants.begin(), roster.pending_grants.end(), pending) ==
                roster.pending_grants.end())
                roster.pending_grants.push_back(pending);
            continue;
        }
        const PartRecord* record = file.part(part);
        auto grant = make_grant(file.workspace_id, member, part, record ? record->generation : 1,
                                key->second, *granter, acting.secrets.signing_seed);
        if (!grant) return std::unexpected(grant.error());
        put_grant(file, std::move(*grant));
    }
    return {};
}

}  // namespace

Status remove_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user) {
    const SecretKey* root = root_of(acting);
    if (!root) return std::unexpected(unexpected("remove_member without the root"));
    auto member = existing_member(file, user);
    if (!member) return std::unexpected(member.error());
    RosterMember& m = **member;
    m.active = false;
    for (const auto& g : file.grants)
        if (g.slot == m.slot && g.part != Part::Root)
            add_unique(file.roster->pending_rotation, g.part);
    if (role_holds(m.role, Part::Root)) add_unique(file.roster->pending_rotation, Part::Root);
    std::erase_if(file.grants, [&](const Grant& g) { return g.slot == m.slot; });
    std::erase_if(file.slots, [&](const KeySlot& s) { return s.id == m.slot; });
    std::erase_if(file.roster->pending_grants,
                  [&](const PendingGrant& p) { return p.slot == m.slot; });
    ++file.roster->generation;
    return sign_roster(file.workspace_id, *file.roster, *root);
}

Status set_member_role(KeySlotFile& file, const MemberKeys& acting, std::string_view user,
                       Role role) {
    const SecretKey* root = root_of(acting);
    if (!root) return std::unexpected(unexpected("set_member_role without the root"));
    auto member = existing_member(file, user);
    if (!member) return std::unexpected(member.error());
    RosterMember& m = **member;
    m.role = role;
    for (const auto& g : file.grants)
        if (g.slot == m.slot && !role_holds(role, g.part))
            add_unique(file.roster->pending_rotation, g.part);
    std::erase_if(file.grants,
                  [&](const Grant& g) { return g.slot == m.slot && !role_holds(role, g.part); });
    std::erase_if(file.roster->pending_grants, [&](const PendingGrant& p) {
        return p.slot == m.slot && !role_holds(role, p.part);
    });
    if (auto ok = grant_role_parts(file, acting, m); !ok) return ok;
    ++file.roster->generation;
    return sign_roster(file.workspace_id, *file.roster, *root);
}

Status reset_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user,
                    std::string_view password, const KdfParams& kdf) {
    const SecretKey* root = root_of(acting);
    if (!root) return std::unexpected(unexpected("reset_member without the root"));
    auto member = existing_member(file, user);
    if (!member) return std::unexpected(member.error());
    RosterMember& m = **member;
    auto fresh = new_member(file.workspace_id, user, m.role, acting.current_root);
    if (!fresh) return std::unexpected(fresh.error());
    m.agreement = fresh->member.agreement;
    m.signing = fresh->member.signing;
    // Grants sealed to the old keys are worthless to the new ones: the parts are given again.
    std::erase_if(file.grants, [&](const Grant& g) { return g.slot == m.slot; });
    if (auto ok = grant_role_parts(file, acting, m); !ok) return ok;
    ++file.roster->generation;
    if (auto ok = sign_roster(file.workspace_id, *file.roster, *root); !ok) return ok;
    stamp_generations(file, fresh->secrets);
    auto slot = make_member_slot(file.workspace_id, user, password, fresh->secrets, kdf);
    if (!slot) return std::unexpected(slot.error());
    for (auto& s : file.slots)
        if (s.id == m.slot) s = std::move(*slot);
    return {};
}

Result<std::vector<Part>> grant_member(KeySlotFile& file, const MemberKeys& acting,
                                       std::string_view user) {
    auto member = existing_member(file, user);
    if (!member) return std::unexpected(member.error());
    const RosterMember* granter = file.roster->find(acting.slot);
    if (!granter) return std::unexpected(unexpected("grant_member by a non-member"));
    std::vector<Part> granted;
    for (const auto& [part, key] : acting.parts) {
        if (part == Part::Root || !role_holds((*member)->role, part) ||
            has_current_grant(file, (*member)->slot, part))
            continue;
        const PartRecord* record = file.part(part);
        if (!record) continue;
        auto grant = make_grant(file.workspace_id, **member, part, record->generation, key,
                                *granter, acting.secrets.signing_seed);
        if (!grant) return std::unexpected(grant.error());
        put_grant(file, std::move(*grant));
        granted.push_back(part);
    }
    return granted;
}

Result<std::vector<std::string>> grant_pending(KeySlotFile& file, const MemberKeys& acting) {
    std::vector<std::string> granted;
    const Roster& roster = *file.roster;
    const RosterMember* granter = roster.find(acting.slot);
    if (!granter) return std::unexpected(unexpected("grant_pending by a non-member"));
    for (const auto& member : roster.members) {
        if (!member.active || member.slot == acting.slot) continue;
        for (const auto& [part, key] : acting.parts) {
            if (part == Part::Root || !role_holds(member.role, part) ||
                has_current_grant(file, member.slot, part))
                continue;
            const PartRecord* record = file.part(part);
            if (!record) continue;
            auto grant = make_grant(file.workspace_id, member, part, record->generation, key,
                                    *granter, acting.secrets.signing_seed);
            if (!grant) return std::unexpected(grant.error());
            put_grant(file, std::move(*grant));
            if (std::find(granted.begin(), granted.end(), member.slot) == granted.end())
                granted.push_back(member.slot);
        }
    }
    return granted;
}

Result<SecretKey> make_part_generation(KeySlotFile& file, MemberKeys& acting, Part part,
                                       std::uint64_t generation) {
    const RosterMember* me = file.roster ? file.roster->find(acting.slot) : nullptr;
    if (!me || !may_make_part(me->role, part))
        return std::unexpected(unexpected("make_part_generation not allowed"));
    auto key = SecretKey::random();
    if (!key) return std::unexpected(key.error());
    PartRecord record{part, part_file_name(part, generation), generation, key_id(*key), {}, {}};
    if (auto ok = sign_part_record(file.workspace_id, record, *me, acting.secrets.signing_seed);
        !ok)
        return std::unexpected(ok.error());
    std::erase_if(file.parts, [&](const PartRecord& r) { return r.part == part; });
    file.parts.push_back(std::move(record));
    auto grant = make_grant(file.workspace_id, *me, part, generation, *key, *me,
                            acting.secrets.signing_seed);
    if (!grant) return std::unexpected(grant.error());
    put_grant(file, std::move(*grant));
    SecretKey copy;
    std::copy(key->data(), key->data() + SecretKey::kSize, copy.data());
    acting.parts.insert_or_assign(part, std::move(*key));
    std::erase(acting.awaiting, part);
    return copy;
}

Status refresh_member_slot(KeySlotFile& file, MemberKeys& acting, std::string_view user,
                           std::string_view password) {
    KeySlot* slot = nullptr;
    for (auto& s : file.slots)
        if (s.id == acting.slot) slot = &s;
    if (!slot) return std::unexpected(unexpected("refresh_member_slot without a slot"));
    acting.secrets.pinned_root = acting.current_root;
    stamp_generations(file, acting.secrets);
    auto fresh = make_member_slot(file.workspace_id, user, password, acting.secrets, slot->kdf);
    if (!fresh) return std::unexpected(fresh.error());
    *slot = std::move(*fresh);
    acting.slot_outdated = false;
    return {};
}

}  // namespace sanaq::db
