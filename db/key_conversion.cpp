#include "db/key_conversion.h"


#include <algorithm>

#include "db/errors.h"

namespace sanaq::db {
namespace {

/// The conversion root's seed is sealed under HMAC-SHA256(master key, this label ‖ 0x00 ‖
/// workspace_id): a key of its own purpose, never the SQLCipher key itself. The same text is the
/// seal's AAD, so a sealed seed copied from another workspace does not open.
constexpr std::string_view kRootSealLabel = "sanaq-conversion-root-v2";

std::string root_seal_context(std::string_view workspace_id) {
    std::string label(kRootSealLabel);
    label += '\0';
    label += workspace_id;
    return label;
}

SecretKey root_seal_key(const SecretKey& master, std::string_view workspace_id) {
    const std::string label = root_seal_context(workspace_id);
    SecretKey key;
    const auto mac = crypto::hmac_sha256(crypto::ByteView(master.data(), master.size()), label);
    std::copy(mac.begin(), mac.end(), key.data());
    return key;
}

}  // namespace

Result<bool> enrol_for_conversion(KeySlotFile& file, const SecretKey& master, std::string_view user,
                                  std::string_view password, const KdfParams& kdf) {
    const auto slot_id = slot_id_for(file.workspace_id, user);
    if (!file.find(slot_id)) return false;
    if (file.enrolment && file.enrolment->find(slot_id)) return false;
    if (!file.enrolment) {
        auto root = generate_signing_pair();
        SANAQ_TRY(root);
        auto nonce = random_bytes(12);
        SANAQ_TRY(nonce);
        const auto key = root_seal_key(master, file.workspace_id);
        auto sealed = aes256gcm_seal(key, *nonce, root->seed.data(), root->seed.size(),
                                     root_seal_context(file.workspace_id));
        SANAQ_TRY(sealed);
        Enrolment enrolment;
        enrolment.root = root->public_key;
        enrolment.root_nonce = std::move(*nonce);
        enrolment.root_seed = std::move(sealed->ciphertext);
        enrolment.root_tag = std::move(sealed->tag);
        file.enrolment = std::move(enrolment);
    }
    auto agreement = generate_agreement_pair();
    SANAQ_TRY(agreement);
    auto signing = generate_signing_pair();
    SANAQ_TRY(signing);
    MemberSecrets secrets;
    secrets.agreement_private = std::move(agreement->private_key);
    secrets.signing_seed = std::move(signing->seed);
    secrets.pinned_root = file.enrolment->root;
    // Generations stay 0: no roster or part exists yet; the first per-role sign-in stamps them.
    auto slot = make_member_slot(file.workspace_id, user, password, secrets, kdf);
    SANAQ_TRY(slot);
    file.enrolment->members.push_back(
        {std::move(*slot), agreement->public_key, signing->public_key});
    return true;
}

Result<SecretKey> open_conversion_root(const KeySlotFile& file, const SecretKey& master,
                                       const std::filesystem::path& path) {
    if (!file.enrolment) return std::unexpected(damaged_file_error(path, "no conversion root"));
    const auto& e = *file.enrolment;
    const auto key = root_seal_key(master, file.workspace_id);
    SecretKey seed;
    if (!crypto::aes256gcm_open(crypto::ByteView(key.data(), key.size()), e.root_nonce, GcmSealed{e.root_seed, e.root_tag},
                        root_seal_context(file.workspace_id), seed.data(), seed.size()))
        return std::unexpected(damaged_file_error(path, "the conversion root does not open"));
    auto public_key = signing_public_key(seed);
    if (!public_key || *public_key != e.root)
        return std::unexpected(damaged_file_error(path, "the conversion root is not its own"));
    return seed;
}

std::vector<std::string> not_enrolled(const KeySlotFile& file,
                                      const std::vector<std::string>& users) {
    std::vector<std::string> out;
    for (const auto& user : users)
        if (!file.enrolment || !file.enrolment->find(slot_id_for(file.workspace_id, user)))
            out.push_back(user);
    return out;
}

bool drop_enrolment(KeySlotFile& file, std::string_view user) {
    if (!file.enrolment) return false;
    const auto slot_id = slot_id_for(file.workspace_id, user);
    return std::erase_if(file.enrolment->members,
                         [&](const EnrolledMember& m) { return m.slot.id == slot_id; }) > 0;
}

}  // namespace sanaq::db
