#include "db/member_slots.h"

#include "core/domain/clock.h"
#include "db/errors.h"

namespace sanaq::db {
namespace {

Error damaged(const std::filesystem::path& path, std::string detail) {
    return damaged_file_error(path, std::move(detail));
}

}  // namespace

std::string member_slot_aad(std::string_view workspace_id, std::string_view slot_id) {
    std::string aad = "sanaq-keyslot-v3";
    aad += '\0';
    aad += workspace_id;
    aad += '\0';
    aad += slot_id;
    return aad;
}

Result<KeySlot> make_member_slot(std::string_view workspace_id, std::string_view user, std::string_view password,
                                 const MemberSecrets& secrets, const KdfParams& kdf) {
    auto plain = member_secrets_bytes(secrets);
    auto slot = seal_slot(workspace_id, user, password, plain.data(), plain.size(),
                          member_slot_aad(workspace_id, slot_id_for(workspace_id, user)), kdf);
    crypto::wipe(plain);
    return slot;
}

Result<MemberSecrets> unwrap_member_slot(std::string_view workspace_id, const KeySlot& slot,
                                         std::string_view password) {
    if (slot.wrapped_key.size() != kMemberSecretsSize) return fail(ErrorCode::WrongPassword, kWrongCredentials);
    auto kek = derive_key(password, slot.salt, slot.kdf);
    SANAQ_TRY(kek);
    std::vector<unsigned char> plain(kMemberSecretsSize);
    if (!crypto::aes256gcm_open(*kek, slot.nonce, GcmSealed{slot.wrapped_key, slot.tag},
                        member_slot_aad(workspace_id, slot.id), plain.data(), plain.size()))
        return fail(ErrorCode::WrongPassword, kWrongCredentials);
    auto secrets = parse_member_secrets(plain.data(), plain.size());
    crypto::wipe(plain);
    if (!secrets) return fail(ErrorCode::WrongPassword, kWrongCredentials);
    return std::move(*secrets);
}

Result<MemberKeys> unlock_member(const KeySlotFile& file, std::string_view user, std::string_view password,
                                 const std::filesystem::path& path) {
    if (file.version != KeySlotFile::kHierarchyVersion || !file.roster)
        return std::unexpected(damaged(path, "not a key-hierarchy document"));
    const Roster& roster = *file.roster;
    const auto slot_id = slot_id_for(file.workspace_id, user);
    const KeySlot* slot = file.find(slot_id);
    if (!slot) return fail(ErrorCode::UnknownUser, kWrongCredentials);
    auto secrets = unwrap_member_slot(file.workspace_id, *slot, password);
    SANAQ_TRY(secrets);

    MemberKeys keys;
    keys.slot = slot_id;
    auto root = verify_roster(file.workspace_id, roster, secrets->pinned_root, path);
    SANAQ_TRY(root);
    keys.current_root = *root;
    // Replaying an older keyslots.json (say, one from before this member's colleague was removed)
    // is caught by every member who has signed in since.
    if (roster.generation < secrets->roster_generation)
        return std::unexpected(damaged(path, "the roster is older than one this member has already used"));
    keys.slot_outdated = roster.generation > secrets->roster_generation || *root != secrets->pinned_root;

    const RosterMember* me = roster.find(slot_id);
    if (!me) return std::unexpected(damaged(path, "the slot has no roster entry"));
    if (!me->active)
        return fail(ErrorCode::UnknownUser, N_("The account {} is disabled or removed; ask an administrator."),
                    {std::string(user)});
    // The roster's public keys for this member must be the member's own, or grants sealed to them
    // would be sealed to whoever put their keys there.
    auto agreement = agreement_public_key(secrets->agreement_private);
    auto signing = signing_public_key(secrets->signing_seed);
    if (!agreement || !signing || *agreement != me->agreement || *signing != me->signing)
        return std::unexpected(damaged(path, "the roster holds other public keys for this member than their own"));
    keys.role = me->role;

    for (Part part : kAllParts) {
        if (!role_holds(me->role, part)) continue;
        const PartRecord* record = part == Part::Root ? nullptr : file.part(part);
        if (record) {
            SANAQ_TRY(verify_part_record(file.workspace_id, *record, roster, path));
            if (record->generation < secrets->generation_of(part))
                return std::unexpected(damaged(path, "the " + std::string(part_name(part)) +
                                                         " part is older than one this member has already used"));
            if (record->generation > secrets->generation_of(part)) keys.slot_outdated = true;
        }
        // The grant for the part's current generation (the root has one key at a time).
        const Grant* grant = nullptr;
        for (const auto& g : file.grants)
            if (g.slot == slot_id && g.part == part && (part == Part::Root || (record && g.generation == record->generation)))
                grant = &g;
        if (!grant) {
            keys.awaiting.push_back(part);
            continue;
        }
        auto key = open_grant(file.workspace_id, *grant, roster, record, secrets->agreement_private, path);
        SANAQ_TRY(key);
        if (part == Part::Root) {
            auto root_public = signing_public_key(*key);
            if (!root_public || *root_public != keys.current_root)
                return std::unexpected(damaged(path, "the granted root key is not the roster's current root"));
        }
        keys.parts.emplace(part, std::move(*key));
    }
    keys.secrets = std::move(*secrets);
    return keys;
}

}  // namespace sanaq::db
