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
    SANAQ_TRY(agreement);
    auto signing = generate_signing_pair();
    SANAQ_TRY(signing);
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

std::uint64_t current_generation(const KeySlotFile& file, Part part) {
    if (part == Part::Root) return file.roster ? file.roster->roots.size() : 0;
    const PartRecord* record = file.part(part);
    return record ? record->generation : 0;
}

bool rotation_done(const KeySlotFile& file, const PendingRotation& pending) {
    return current_generation(file, pending.part) > pending.generation;
}

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
    SANAQ_TRY(root);
    auto admin = new_member(workspace_id, admin_user, Role::Administrator, root->public_key);
    SANAQ_TRY(admin);
    doc.file.roster.emplace();
    doc.file.roster->roots.push_back({root->public_key, std::nullopt});
    doc.file.roster->members.push_back(admin->member);
    SANAQ_TRY(sign_roster(workspace_id, *doc.file.roster, root->seed));

    MemberKeys acting;
    acting.slot = admin->member.slot;
    acting.role = Role::Administrator;
    acting.current_root = root->public_key;
    acting.secrets = std::move(admin->secrets);
    for (Part part : {Part::Common, Part::Dept}) {
        auto key = make_part_generation(doc.file, acting, part, 1);
        SANAQ_TRY(key);
    }
    auto root_grant = make_grant(workspace_id, admin->member, Part::Root, 1, root->seed,
                                 admin->member, acting.secrets.signing_seed);
    SANAQ_TRY(root_grant);
    put_grant(doc.file, std::move(*root_grant));
    stamp_generations(doc.file, acting.secrets);
    auto slot = make_member_slot(workspace_id, admin_user, admin_password, acting.secrets, kdf);
    SANAQ_TRY(slot);
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
    SANAQ_TRY(made);
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
        auto grant = make_grant(file.workspace_id, made->member, part,
                                std::max<std::uint64_t>(1, current_generation(file, part)),
                                key->second, *granter, acting.secrets.signing_seed);
        SANAQ_TRY(grant);
        put_grant(file, std::move(*grant));
    }
    SANAQ_TRY(sign_roster(file.workspace_id, roster, root_seed->second));
    stamp_generations(file, made->secrets);
    auto slot = make_member_slot(file.workspace_id, user, password, made->secrets, kdf);
    SANAQ_TRY(slot);
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

/// Records that `part` must be re-keyed past its current generation because `leaving` loses it,
/// with the members who hold it besides them (once per generation).
void add_rotation(KeySlotFile& file, Part part, std::string_view leaving) {
    PendingRotation pending{part, current_generation(file, part), {}, {}};
    for (const auto& g : file.grants) {
        if (g.part != part || (part != Part::Root && g.generation != pending.generation)) continue;
        if (g.slot == leaving)
            pending.key_id = g.key_id;
        else if (has_current_grant(file, g.slot, part))
            pending.holders.push_back(g.slot);
    }
    if (const PartRecord* record = part == Part::Root ? nullptr : file.part(part))
        pending.key_id = record->key_id;
    auto& list = file.roster->pending_rotation;
    for (auto& existing : list)
        if (existing.part == part && existing.generation == pending.generation) {
            // A second member leaves before the re-key: they are no holder the rotation keeps.
            std::erase(existing.holders, std::string(leaving));
            return;
        }
    list.push_back(std::move(pending));
}

/// Drops the rotations that are done, before the roster is signed again.
void prune_done_rotations(KeySlotFile& file) {
    std::erase_if(file.roster->pending_rotation,
                  [&](const PendingRotation& p) { return rotation_done(file, p); });
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
        auto grant = make_grant(file.workspace_id, member, part,
                                std::max<std::uint64_t>(1, current_generation(file, part)),
                                key->second, *granter, acting.secrets.signing_seed);
        SANAQ_TRY(grant);
        put_grant(file, std::move(*grant));
    }
    return {};
}

}  // namespace

Status check_membership_change(const KeySlotFile& file, std::string_view user,
                               std::optional<Role> role) {
    if (!file.roster) return {};
    const auto slot = slot_id_for(file.workspace_id, user);
    const RosterMember* member = file.roster->find(slot);
    if (!member || !member->active) return {};
    for (Part part : {Part::Census, Part::Root}) {
        if (part == Part::Census && !file.part(Part::Census)) continue;  // nobody made census yet
        if (!has_current_grant(file, slot, part) || (role && role_holds(*role, part))) continue;
        bool another = false;
        for (const auto& m : file.roster->members)
            if (m.active && m.slot != slot && role_holds(m.role, part) &&
                has_current_grant(file, m.slot, part))
                another = true;
        if (another) continue;
        if (part == Part::Census)
            return fail(ErrorCode::RefusedByState,
                        N_("{} is the last officer or supervisor who can open the census records; "
                           "once they "
                           "go nobody could read or re-key them. Have them confirm a colleague's "
                           "access first."),
                        {std::string(user)});
        return fail(ErrorCode::RefusedByState,
                    N_("{} is the last administrator; appoint another one first."),
                    {std::string(user)});
    }
    return {};
}

Status remove_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user) {
    const SecretKey* root = root_of(acting);
    if (!root) return std::unexpected(unexpected("remove_member without the root"));
    auto member = existing_member(file, user);
    SANAQ_TRY(member);
    SANAQ_TRY(check_membership_change(file, user, std::nullopt));
    RosterMember& m = **member;
    m.active = false;
    for (const auto& g : file.grants)
        if (g.slot == m.slot) add_rotation(file, g.part, m.slot);
    // The member who made a part's current key knows it whether or not a grant of it is still
    // theirs (one dropped at a password reset, awaiting confirmation): that part is re-keyed too.
    for (Part part : kAllParts)
        if (const PartRecord* record = part == Part::Root ? nullptr : file.part(part);
            record && record->signer == m.slot)
            add_rotation(file, part, m.slot);
    std::erase_if(file.grants, [&](const Grant& g) { return g.slot == m.slot; });
    std::erase_if(file.slots, [&](const KeySlot& s) { return s.id == m.slot; });
    std::erase_if(file.roster->pending_grants,
                  [&](const PendingGrant& p) { return p.slot == m.slot; });
    prune_done_rotations(file);
    ++file.roster->generation;
    return sign_roster(file.workspace_id, *file.roster, *root);
}

Status set_member_role(KeySlotFile& file, const MemberKeys& acting, std::string_view user,
                       Role role) {
    const SecretKey* root = root_of(acting);
    if (!root) return std::unexpected(unexpected("set_member_role without the root"));
    auto member = existing_member(file, user);
    SANAQ_TRY(member);
    SANAQ_TRY(check_membership_change(file, user, role));
    RosterMember& m = **member;
    m.role = role;
    for (const auto& g : file.grants)
        if (g.slot == m.slot && !role_holds(role, g.part)) add_rotation(file, g.part, m.slot);
    std::erase_if(file.grants,
                  [&](const Grant& g) { return g.slot == m.slot && !role_holds(role, g.part); });
    std::erase_if(file.roster->pending_grants, [&](const PendingGrant& p) {
        return p.slot == m.slot && !role_holds(role, p.part);
    });
    SANAQ_TRY(grant_role_parts(file, acting, m));
    prune_done_rotations(file);
    ++file.roster->generation;
    return sign_roster(file.workspace_id, *file.roster, *root);
}

Status reset_member(KeySlotFile& file, const MemberKeys& acting, std::string_view user,
                    std::string_view password, const KdfParams& kdf) {
    const SecretKey* root = root_of(acting);
    if (!root) return std::unexpected(unexpected("reset_member without the root"));
    auto member = existing_member(file, user);
    SANAQ_TRY(member);
    RosterMember& m = **member;
    auto fresh = new_member(file.workspace_id, user, m.role, acting.current_root);
    SANAQ_TRY(fresh);
    // The old signing key stays listed: audit entries it signed must still verify, and so must the
    // records and grants it signed of the parts' generations up to now (not of later ones).
    RetiredKey retired{m.slot, m.role, m.signing, {}};
    for (Part part : kAllParts)
        if (current_generation(file, part) > 0) retired.generations.emplace_back(part, current_generation(file, part));
    file.roster->retired.push_back(std::move(retired));
    m.agreement = fresh->member.agreement;
    m.signing = fresh->member.signing;
    // Grants sealed to the old keys are worthless to the new ones: the parts are given again.
    std::erase_if(file.grants, [&](const Grant& g) { return g.slot == m.slot; });
    SANAQ_TRY(grant_role_parts(file, acting, m));
    ++file.roster->generation;
    SANAQ_TRY(sign_roster(file.workspace_id, *file.roster, *root));
    stamp_generations(file, fresh->secrets);
    auto slot = make_member_slot(file.workspace_id, user, password, fresh->secrets, kdf);
    SANAQ_TRY(slot);
    for (auto& s : file.slots)
        if (s.id == m.slot) s = std::move(*slot);
    return {};
}

std::vector<Part> parts_to_grant(const KeySlotFile& file, const MemberKeys& acting,
                                 std::string_view user) {
    std::vector<Part> parts;
    const RosterMember* member =
        file.roster ? file.roster->find(slot_id_for(file.workspace_id, user)) : nullptr;
    if (!member || !member->active || member->slot == acting.slot) return parts;
    for (const auto& [part, key] : acting.parts)
        if (part != Part::Root && file.part(part) && role_holds(member->role, part) &&
            !has_current_grant(file, member->slot, part))
            parts.push_back(part);
    return parts;
}

Result<std::vector<Part>> grant_member(KeySlotFile& file, const MemberKeys& acting,
                                       std::string_view user) {
    auto member = existing_member(file, user);
    SANAQ_TRY(member);
    const RosterMember* granter = file.roster->find(acting.slot);
    if (!granter) return std::unexpected(unexpected("grant_member by a non-member"));
    std::vector<Part> granted = parts_to_grant(file, acting, user);
    for (Part part : granted) {
        auto grant = make_grant(file.workspace_id, **member, part, file.part(part)->generation,
                                acting.parts.at(part), *granter, acting.secrets.signing_seed);
        SANAQ_TRY(grant);
        put_grant(file, std::move(*grant));
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
            SANAQ_TRY(grant);
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
    auto key = random_key();
    SANAQ_TRY(key);
    PartRecord record{part, part_file_name(part, generation), generation, key_id(*key), {}, {}};
    if (auto ok = sign_part_record(file.workspace_id, record, *me, acting.secrets.signing_seed);
        !ok)
        return std::unexpected(ok.error());
    std::erase_if(file.parts, [&](const PartRecord& r) { return r.part == part; });
    file.parts.push_back(std::move(record));
    auto grant = make_grant(file.workspace_id, *me, part, generation, *key, *me,
                            acting.secrets.signing_seed);
    SANAQ_TRY(grant);
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
    SANAQ_TRY(fresh);
    *slot = std::move(*fresh);
    acting.slot_outdated = false;
    return {};
}

std::vector<Part> parts_to_rekey(const KeySlotFile& file, const MemberKeys& acting) {
    std::vector<Part> parts;
    if (!file.roster) return parts;
    const RosterMember* me = file.roster->find(acting.slot);
    if (!me || !me->active) return parts;
    for (const auto& pending : file.roster->pending_rotation) {
        if (rotation_done(file, pending) || !acting.parts.count(pending.part)) continue;
        if (pending.part == Part::Root ? me->role != Role::Administrator
                                       : !may_make_part(me->role, pending.part))
            continue;
        if (std::find(parts.begin(), parts.end(), pending.part) == parts.end())
            parts.push_back(pending.part);
    }
    // Census and dept before common, the root last: common is the main database and is swapped
    // last, and the root signs the roster that ends the rotations it can see.
    std::sort(parts.begin(), parts.end(), [](Part a, Part b) {
        auto rank = [](Part p) {
            return p == Part::Census ? 0 : p == Part::Dept ? 1 : p == Part::Common ? 2 : 3;
        };
        return rank(a) < rank(b);
    });
    return parts;
}

Result<SecretKey> rekey_part(KeySlotFile& file, const MemberKeys& acting, Part part) {
    const RosterMember* me = file.roster ? file.roster->find(acting.slot) : nullptr;
    const PartRecord* current = part == Part::Root ? nullptr : file.part(part);
    if (!me || !current || !may_make_part(me->role, part) ||
        !has_current_grant(file, acting.slot, part))
        return std::unexpected(unexpected("rekey_part not allowed"));
    const std::uint64_t generation = current->generation + 1;
    // Who holds the part now keeps it: the members with a grant for the current generation.
    // Members still awaiting a grant go on waiting for a holder to confirm them.
    std::vector<const RosterMember*> holders;
    for (const auto& m : file.roster->members)
        if (m.active && role_holds(m.role, part) && has_current_grant(file, m.slot, part))
            holders.push_back(&m);

    auto key = random_key();
    SANAQ_TRY(key);
    PartRecord record{part, part_file_name(part, generation), generation, key_id(*key), {}, {}};
    if (auto ok = sign_part_record(file.workspace_id, record, *me, acting.secrets.signing_seed);
        !ok)
        return std::unexpected(ok.error());
    std::vector<Grant> grants;
    for (const RosterMember* m : holders) {
        auto grant = make_grant(file.workspace_id, *m, part, generation, *key, *me,
                                acting.secrets.signing_seed);
        SANAQ_TRY(grant);
        grants.push_back(std::move(*grant));
    }
    std::erase_if(file.parts, [&](const PartRecord& r) { return r.part == part; });
    file.parts.push_back(std::move(record));
    for (auto& g : grants) put_grant(file, std::move(g));
    return std::move(*key);
}

Result<SecretKey> rotate_root(KeySlotFile& file, const MemberKeys& acting) {
    const SecretKey* root = root_of(acting);
    const RosterMember* me = file.roster ? file.roster->find(acting.slot) : nullptr;
    if (!root || !me || me->role != Role::Administrator)
        return std::unexpected(unexpected("rotate_root not allowed"));
    auto next = generate_signing_pair();
    SANAQ_TRY(next);
    Roster& roster = *file.roster;
    SANAQ_TRY(certify_next_root(file.workspace_id, roster, *root, next->public_key));
    const std::uint64_t generation = roster.roots.size();
    std::vector<Grant> grants;
    for (const auto& m : roster.members) {
        if (!m.active || !role_holds(m.role, Part::Root)) continue;
        auto grant = make_grant(file.workspace_id, m, Part::Root, generation, next->seed, *me,
                                acting.secrets.signing_seed);
        SANAQ_TRY(grant);
        grants.push_back(std::move(*grant));
    }
    std::erase_if(file.grants, [](const Grant& g) { return g.part == Part::Root; });
    for (auto& g : grants) file.grants.push_back(std::move(g));
    prune_done_rotations(file);
    ++roster.generation;
    SANAQ_TRY(sign_roster(file.workspace_id, roster, next->seed));
    return std::move(next->seed);
}

Status close_done_rotations(KeySlotFile& file, const MemberKeys& acting) {
    const SecretKey* root = root_of(acting);
    if (!root || !file.roster)
        return std::unexpected(unexpected("close_done_rotations without the root"));
    const auto before = file.roster->pending_rotation.size();
    prune_done_rotations(file);
    if (file.roster->pending_rotation.size() == before) return {};
    ++file.roster->generation;
    return sign_roster(file.workspace_id, *file.roster, *root);
}

}  // namespace sanaq::db
