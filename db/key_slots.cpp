#include "db/key_slots.h"

#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/io/atomic_file.h"
#include "crypto/crypto.h"
#include "db/errors.h"
#include "db/key_roster_json.h"

namespace sanaq::db {
namespace {

using nlohmann::ordered_json;

constexpr std::string_view kFormatName = "sanaq-keyslots";
constexpr std::size_t kSaltSize = 16;
constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;
constexpr std::size_t kMacSize = 32;
/// The document MAC's key is HMAC-SHA256(master key, this label ‖ 0x00 ‖ workspace_id): one key per
/// purpose, never the SQLCipher key itself.
constexpr std::string_view kMacLabel = "sanaq-keyslots-mac-v2";

Error damaged(const std::filesystem::path& path, std::string detail) {
    return damaged_file_error(path, std::move(detail));
}

std::vector<unsigned char> b64_field(const ordered_json& j, const char* name, std::size_t size) {
    auto bytes = crypto::from_base64_bytes(j.at(name).get<std::string>());
    if (!bytes || bytes->size() != size) throw std::runtime_error(std::string("bad field ") + name);
    return *bytes;
}

bool is_lower_hex(std::string_view s, std::size_t size) {
    if (s.size() != size) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

CipherParameters pinned_cipher_parameters() { return CipherParameters{}; }

std::string cipher_parameters_mismatch(const CipherParameters& r) {
    const CipherParameters p = pinned_cipher_parameters();
    if (r.cipher != p.cipher) return "sqlcipher.cipher";
    if (r.page_size != p.page_size) return "sqlcipher.cipher_page_size";
    if (r.kdf_iter != p.kdf_iter) return "sqlcipher.kdf_iter";
    if (r.fast_kdf_iter != p.fast_kdf_iter) return "sqlcipher.fast_kdf_iter";
    if (r.use_hmac != p.use_hmac) return "sqlcipher.cipher_use_hmac";
    if (r.hmac != p.hmac) return "sqlcipher.hmac";
    if (r.hmac_salt_mask != p.hmac_salt_mask) return "sqlcipher.hmac_salt_mask";
    if (r.key_form != p.key_form) return "sqlcipher.key_form";
    return {};
}

const KeySlot* KeySlotFile::find(std::string_view slot_id) const {
    for (const auto& s : slots)
        if (s.id == slot_id) return &s;
    return nullptr;
}

const EnrolledMember* Enrolment::find(std::string_view slot_id) const {
    for (const auto& m : members)
        if (m.slot.id == slot_id) return &m;
    return nullptr;
}

const PartRecord* KeySlotFile::part(Part wanted) const {
    for (const auto& r : parts)
        if (r.part == wanted) return &r;
    return nullptr;
}

std::string slot_id_for(std::string_view workspace_id, std::string_view user) {
    std::string input = "sanaq-slot";
    input += '\0';
    input += workspace_id;
    input += '\0';
    input += user;
    return crypto::sha256_hex(input);
}

std::string slot_aad(std::string_view workspace_id, std::string_view slot_id) {
    std::string aad = "sanaq-keyslot-v1";
    aad += '\0';
    aad += workspace_id;
    aad += '\0';
    aad += slot_id;
    return aad;
}

namespace {

ordered_json slot_to_json(const KeySlot& s) {
    return {{"id", s.id},
            {"kdf", {{"name", "argon2id"}, {"version", 0x13}, {"t_cost", s.kdf.t_cost},
                     {"m_cost_kib", s.kdf.m_cost_kib}, {"parallelism", s.kdf.parallelism},
                     {"salt", crypto::to_base64(s.salt)}}},
            {"wrap", {{"name", "aes-256-gcm"}, {"nonce", crypto::to_base64(s.nonce)},
                      {"wrapped_key", crypto::to_base64(s.wrapped_key)}, {"tag", crypto::to_base64(s.tag)}}},
            {"created_at_utc", s.created_at_utc}};
}

std::string public_key_b64(const PublicKey& key) {
    return crypto::to_base64(std::vector<unsigned char>(key.begin(), key.end()));
}

PublicKey public_key_field(const ordered_json& j, const char* name) {
    const auto bytes = b64_field(j, name, 32);
    PublicKey key{};
    std::copy(bytes.begin(), bytes.end(), key.begin());
    return key;
}

ordered_json document_without_mac(const KeySlotFile& file, int version) {
    ordered_json j;
    j["format"] = kFormatName;
    j["version"] = version;
    j["workspace_id"] = file.workspace_id;
    j["binary_encoding"] = "base64";
    const auto& c = file.cipher;
    j["sqlcipher"] = {{"cipher", c.cipher},           {"cipher_page_size", c.page_size},
                      {"kdf_iter", c.kdf_iter},       {"fast_kdf_iter", c.fast_kdf_iter},
                      {"cipher_use_hmac", c.use_hmac}, {"hmac", c.hmac},
                      {"hmac_salt_mask", c.hmac_salt_mask}, {"key_form", c.key_form}};
    j["slots"] = ordered_json::array();
    for (const auto& s : file.slots) j["slots"].push_back(slot_to_json(s));
    if (version < KeySlotFile::kHierarchyVersion && file.enrolment) {
        const auto& e = *file.enrolment;
        ordered_json members = ordered_json::array();
        for (const auto& m : e.members)
            members.push_back({{"slot", slot_to_json(m.slot)},
                               {"x25519", public_key_b64(m.agreement)},
                               {"ed25519", public_key_b64(m.signing)}});
        j["enrolment"] = {{"root", public_key_b64(e.root)},
                          {"root_seed", {{"nonce", crypto::to_base64(e.root_nonce)},
                                         {"sealed", crypto::to_base64(e.root_seed)},
                                         {"tag", crypto::to_base64(e.root_tag)}}},
                          {"members", std::move(members)}};
    }
    if (version >= KeySlotFile::kHierarchyVersion && file.roster) {
        // Parsed back into an ordered document so the file reads in the order it is written.
        j["roster"] = ordered_json::parse(detail::roster_to_json(*file.roster, true).dump());
        j["parts"] = ordered_json::array();
        for (const auto& r : file.parts)
            j["parts"].push_back(ordered_json::parse(detail::part_record_to_json(r, true).dump()));
        j["grants"] = ordered_json::array();
        for (const auto& g : file.grants) j["grants"].push_back(ordered_json::parse(detail::grant_to_json(g).dump()));
    }
    return j;
}

std::array<unsigned char, kMacSize> document_mac(const KeySlotFile& file, const SecretKey& master) {
    std::string label(kMacLabel);
    label += '\0';
    label += file.workspace_id;
    auto key = crypto::hmac_sha256(master, label);
    const auto mac = crypto::hmac_sha256(key, key_slots_mac_input(file));
    crypto::cleanse(key.data(), key.size());
    return mac;
}

}  // namespace

std::string key_slots_to_json(const KeySlotFile& file) {
    auto j = document_without_mac(file, file.version);
    if (!file.mac.empty()) j["mac"] = crypto::to_base64(file.mac);
    return j.dump(2) + "\n";
}

std::string key_slots_mac_input(const KeySlotFile& file) {
    return document_without_mac(file, KeySlotFile::kFormatVersion).dump(2) + "\n";
}

void seal_key_slots(KeySlotFile& file, const SecretKey& master) {
    file.version = KeySlotFile::kFormatVersion;
    const auto mac = document_mac(file, master);
    file.mac.assign(mac.begin(), mac.end());
}

Status verify_key_slots(const KeySlotFile& file, const SecretKey& master, const std::filesystem::path& path) {
    if (file.version < 2) return {};
    if (file.version >= KeySlotFile::kHierarchyVersion)
        return std::unexpected(damaged(path, "a key-hierarchy document holds no master key"));
    const auto mac = document_mac(file, master);
    if (!crypto::equal_in_constant_time(mac, file.mac))
        return std::unexpected(damaged(path, "the document's MAC does not verify: changed outside Sanaq Station"));
    return {};
}

Result<KeySlotFile> parse_key_slots(std::string_view json, const std::filesystem::path& path) {
    try {
        const auto j = ordered_json::parse(json);
        if (!j.is_object() || j.value("format", std::string()) != kFormatName)
            return std::unexpected(damaged(path, "not a sanaq-keyslots document"));
        KeySlotFile file;
        file.version = j.at("version").get<int>();
        if (file.version != 1 && file.version != KeySlotFile::kFormatVersion &&
            file.version != KeySlotFile::kHierarchyVersion)
            return std::unexpected(damaged(path, "unsupported keyslots version " + j.at("version").dump()));
        if (j.at("binary_encoding").get<std::string>() != "base64")
            return std::unexpected(damaged(path, "unknown binary_encoding"));
        file.workspace_id = j.at("workspace_id").get<std::string>();
        if (!is_lower_hex(file.workspace_id, 32)) return std::unexpected(damaged(path, "bad workspace_id"));
        const auto& c = j.at("sqlcipher");
        file.cipher.cipher = c.at("cipher").get<std::string>();
        file.cipher.page_size = c.at("cipher_page_size").get<int>();
        file.cipher.kdf_iter = c.at("kdf_iter").get<int>();
        file.cipher.fast_kdf_iter = c.at("fast_kdf_iter").get<int>();
        file.cipher.use_hmac = c.at("cipher_use_hmac").get<bool>();
        file.cipher.hmac = c.at("hmac").get<std::string>();
        file.cipher.hmac_salt_mask = c.at("hmac_salt_mask").get<int>();
        file.cipher.key_form = c.at("key_form").get<std::string>();
        // Recorded, never obeyed: the settings are constants of the build (no text from this file
        // ever reaches SQL), and a file that says otherwise was not written by Sanaq Station.
        if (const auto field = cipher_parameters_mismatch(file.cipher); !field.empty())
            return std::unexpected(damaged(path, field + " differs from this build's pinned SQLCipher settings"));
        auto parse_slot = [&](const ordered_json& s, std::size_t wrapped_size) -> KeySlot {
            KeySlot slot;
            slot.id = s.at("id").get<std::string>();
            if (!is_lower_hex(slot.id, 64)) throw std::runtime_error("bad slot id");
            const auto& k = s.at("kdf");
            if (k.at("name").get<std::string>() != "argon2id" || k.at("version").get<int>() != 0x13)
                throw std::runtime_error("unknown slot kdf");
            slot.kdf = {k.at("t_cost").get<std::uint32_t>(), k.at("m_cost_kib").get<std::uint32_t>(),
                        k.at("parallelism").get<std::uint32_t>()};
            if (!kdf_params_acceptable(slot.kdf)) throw std::runtime_error("slot kdf out of range");
            slot.salt = b64_field(k, "salt", kSaltSize);
            const auto& w = s.at("wrap");
            if (w.at("name").get<std::string>() != "aes-256-gcm")
                throw std::runtime_error("unknown slot wrapping");
            slot.nonce = b64_field(w, "nonce", kNonceSize);
            slot.wrapped_key = b64_field(w, "wrapped_key", wrapped_size);
            slot.tag = b64_field(w, "tag", kTagSize);
            slot.created_at_utc = s.value("created_at_utc", std::string());
            return slot;
        };
        for (const auto& s : j.at("slots")) {
            KeySlot slot = parse_slot(s, file.version >= KeySlotFile::kHierarchyVersion
                                             ? kMemberSecretsSize
                                             : SecretKey::kSize);
            if (file.find(slot.id)) return std::unexpected(damaged(path, "duplicate slot id"));
            file.slots.push_back(std::move(slot));
        }
        if (j.contains("enrolment")) {
            if (file.version != KeySlotFile::kFormatVersion)
                return std::unexpected(damaged(path, "an enrolment outside a version 2 document"));
            const auto& e = j.at("enrolment");
            Enrolment enrolment;
            enrolment.root = public_key_field(e, "root");
            const auto& seed = e.at("root_seed");
            enrolment.root_nonce = b64_field(seed, "nonce", kNonceSize);
            enrolment.root_seed = b64_field(seed, "sealed", SecretKey::kSize);
            enrolment.root_tag = b64_field(seed, "tag", kTagSize);
            for (const auto& m : e.at("members")) {
                EnrolledMember member{parse_slot(m.at("slot"), kMemberSecretsSize),
                                      public_key_field(m, "x25519"),
                                      public_key_field(m, "ed25519")};
                // Every enrolled member has their single-key slot too: the split needs both.
                if (!file.find(member.slot.id) || enrolment.find(member.slot.id))
                    return std::unexpected(damaged(path, "an enrolled member without a slot"));
                enrolment.members.push_back(std::move(member));
            }
            file.enrolment = std::move(enrolment);
        }
        if (file.version == KeySlotFile::kHierarchyVersion) {
            if (j.contains("mac")) return std::unexpected(damaged(path, "a version 3 document with a mac"));
            file.roster = detail::roster_from_json(nlohmann::json::parse(j.at("roster").dump()));
            for (const auto& r : j.at("parts")) {
                auto record = detail::part_record_from_json(nlohmann::json::parse(r.dump()));
                if (file.part(record.part)) return std::unexpected(damaged(path, "a part recorded twice"));
                file.parts.push_back(std::move(record));
            }
            for (const auto& g : j.at("grants"))
                file.grants.push_back(detail::grant_from_json(nlohmann::json::parse(g.dump())));
            for (const auto& g : file.grants)
                if (!file.find(g.slot)) return std::unexpected(damaged(path, "a grant for a slot that does not exist"));
        } else if (file.version >= 2) {
            if (!j.contains("mac")) return std::unexpected(damaged(path, "no mac"));
            file.mac = b64_field(j, "mac", kMacSize);
        } else if (j.contains("mac")) {
            return std::unexpected(damaged(path, "a version 1 document with a mac"));
        }
        return file;
    } catch (const std::exception& ex) {
        return std::unexpected(damaged(path, ex.what()));
    }
}

Result<KeySlotFile> read_key_slots(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return std::unexpected(damaged(path, ec.message()));
    if (size > 1024 * 1024) return std::unexpected(damaged(path, "file too large"));
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return std::unexpected(damaged(path, "cannot open"));
    std::string text(size, '\0');
    const auto got = std::fread(text.data(), 1, text.size(), f);
    std::fclose(f);
    text.resize(got);
    return parse_key_slots(text, path);
}

Status write_key_slots(const std::filesystem::path& path, KeySlotFile& file, const SecretKey& master) {
    seal_key_slots(file, master);
    return io::write_file_atomically(path, key_slots_to_json(file));
}

Status write_key_document(const std::filesystem::path& path, const KeySlotFile& file) {
    if (file.version != KeySlotFile::kHierarchyVersion || !file.roster)
        return fail(ErrorCode::Unexpected, N_("An unexpected error stopped the work; nothing of it was saved."), {},
                    "write_key_document needs a version 3 document");
    return io::write_file_atomically(path, key_slots_to_json(file));
}

Result<KeySlot> seal_slot(std::string_view workspace_id, std::string_view user, std::string_view password,
                          const unsigned char* plain, std::size_t plain_size, std::string_view aad,
                          const KdfParams& kdf) {
    KeySlot slot;
    slot.id = slot_id_for(workspace_id, user);
    slot.kdf = kdf;
    auto salt = random_bytes(kSaltSize);
    SANAQ_TRY(salt);
    auto nonce = random_bytes(kNonceSize);
    SANAQ_TRY(nonce);
    slot.salt = std::move(*salt);
    slot.nonce = std::move(*nonce);
    auto kek = derive_key(password, slot.salt, kdf);
    SANAQ_TRY(kek);
    auto sealed = aes256gcm_seal(*kek, slot.nonce, plain, plain_size, aad);
    SANAQ_TRY(sealed);
    slot.wrapped_key = std::move(sealed->ciphertext);
    slot.tag = std::move(sealed->tag);
    slot.created_at_utc = iso_utc(std::chrono::system_clock::now());
    return slot;
}

Result<KeySlot> make_slot(std::string_view workspace_id, std::string_view user, std::string_view password,
                          const SecretKey& master, const KdfParams& kdf) {
    return seal_slot(workspace_id, user, password, master.data(), master.size(),
                     slot_aad(workspace_id, slot_id_for(workspace_id, user)), kdf);
}

Result<SecretKey> unwrap_slot(std::string_view workspace_id, const KeySlot& slot, std::string_view password) {
    auto kek = derive_key(password, slot.salt, slot.kdf);
    SANAQ_TRY(kek);
    SecretKey master;
    if (!crypto::aes256gcm_open(*kek, slot.nonce, GcmSealed{slot.wrapped_key, slot.tag}, slot_aad(workspace_id, slot.id),
                        master.data(), master.size()))
        return fail(ErrorCode::WrongPassword, kWrongCredentials);
    return master;
}

Result<SecretKey> unlock_master_key(const std::filesystem::path& dir, std::string_view user,
                                    std::string_view password) {
    auto file = read_key_slots(dir / kKeySlotsFileName);
    SANAQ_TRY(file);
    const KeySlot* slot = file->find(slot_id_for(file->workspace_id, user));
    if (!slot) return fail(ErrorCode::UnknownUser, kWrongCredentials);
    auto master = unwrap_slot(file->workspace_id, *slot, password);
    if (!master) return master;
    SANAQ_TRY(verify_key_slots(*file, *master, dir / kKeySlotsFileName));
    return master;
}

}  // namespace sanaq::db
