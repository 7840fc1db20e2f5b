// make_package_vectors OUTDIR — writes the package test vectors (tests/vectors/package/*.json and
// keys/*.pem) from src/core/package/README.md ("Tablet export package"), built here step by step
// with OpenSSL primitives, not with the product's writer: the vectors test the codec, not
// themselves. Deterministic: every key and nonce is fixed (SHA-256 of a label), Ed25519 is
// deterministic.
#include <openssl/evp.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/crypto.h"

using nlohmann::json;
using namespace sanaq::crypto;
namespace fs = std::filesystem;

namespace {

std::string fixed(const char* label) { return sha256_raw(std::string("sanaq test vector: ") + label); }

struct KeySet {
    KeyHandle dept_x, dept_ed, device, other_dept_x, other_device, ephemeral;
    std::string nonce;
};

KeySet key_set() {
    KeySet k;
    k.dept_x = KeyHandle::from_private_raw(KeyType::X25519, fixed("department x25519"));
    k.dept_ed = KeyHandle::from_private_raw(KeyType::Ed25519, fixed("department ed25519"));
    k.device = KeyHandle::from_private_raw(KeyType::Ed25519, fixed("device ed25519"));
    k.other_dept_x = KeyHandle::from_private_raw(KeyType::X25519, fixed("another department x25519"));
    k.other_device = KeyHandle::from_private_raw(KeyType::Ed25519, fixed("another device ed25519"));
    k.ephemeral = KeyHandle::from_private_raw(KeyType::X25519, fixed("ephemeral x25519"));
    k.nonce = fixed("base nonce").substr(0, 12);
    return k;
}

std::string raw_private(const KeyHandle& key) {
    SecretKey raw;
    if (!key.private_raw(raw)) return {};
    return std::string(reinterpret_cast<const char*>(raw.data()), raw.size());
}

std::string fingerprint(const KeyHandle& key) { return sha256_hex(key.public_raw()); }

std::string escape(const std::string& field) {
    std::string out;
    for (char c : field) {
        if (c == '\\') out += "\\\\";
        else if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else out += c;
    }
    return out;
}

const char* kHouseholdFields[] = {"uuid", "revision", "place", "kato", "kato_version", "street", "house", "flat",
                                  "institution_bin", "institution_type", "hotel_name", "household_number", "answers"};
const char* kPersonFields[] = {"uuid", "revision", "household_uuid", "iin", "surname", "name", "patronymic", "sex",
                               "birth_date", "relationship", "residence", "source", "answers"};

std::string record_line(const json& r) {
    std::string line = r.at("type").get<std::string>();
    const bool h = line == "H";
    for (const char* f : h ? kHouseholdFields : kPersonFields) {
        line += '\t';
        const auto& v = r.at(f);
        line += v.is_number() ? std::to_string(v.get<int>()) : escape(v.get<std::string>());
    }
    return line + "\n";
}

std::string plaintext_of(const json& records) {
    std::string p = "SANAQ-RECORDS\t1\n";
    for (const auto& r : records) p += record_line(r);
    return p;
}

json household(std::string uuid, int revision, std::string street, std::string number, std::string answers) {
    return json{{"type", "H"}, {"uuid", uuid}, {"revision", revision}, {"place", "address"}, {"kato", "191010000"},
                {"kato_version", "2022"}, {"street", street}, {"house", "12А"}, {"flat", "7"},
                {"institution_bin", ""}, {"institution_type", ""}, {"hotel_name", ""},
                {"household_number", number}, {"answers", answers}};
}

json person(std::string uuid, int revision, std::string household_uuid, std::string iin, std::string surname,
            std::string name, std::string sex, std::string birth, std::string relationship, std::string answers) {
    return json{{"type", "P"}, {"uuid", uuid}, {"revision", revision}, {"household_uuid", household_uuid},
                {"iin", iin}, {"surname", surname}, {"name", name}, {"patronymic", ""}, {"sex", sex},
                {"birth_date", birth}, {"relationship", relationship}, {"residence", "permanent"},
                {"source", "interview"}, {"answers", answers}};
}

/// One package built per the spec, with hooks where a malformed case changes a step.
struct Case {
    std::string name, description;
    json records = json::array();      // the values a reader returns (UUIDs lower-case)
    std::string plaintext;             // empty: plaintext_of(records)
    std::size_t chunk_size = 1048576;
    std::string package_uuid = "0b7e0c1a-5a7d-4c1e-9f3a-2d6b8e4f1a91";
    std::int64_t sequence = 2;
    bool writer_reproduces = true;
    // Expectation: accepted (with these warnings) or refused.
    std::string reason;                // empty: accepted
    std::string check, section;
    json deviations = json::array();   // refused: every independent deviation a checker names, in order
    std::vector<std::string> warnings;
    // Hooks.
    bool other_recipient = false;
    bool last_flag_zero = false;
    bool swap_first_chunks = false;
    std::function<void(json&)> edit_manifest;
    std::function<void(std::string&)> edit_manifest_text;
    std::function<void(std::string&)> edit_file;
    bool sign_with_other_device = false;
};

json build(const KeySet& k, const Case& c) {
    const KeyHandle& recipient = c.other_recipient ? k.other_dept_x : k.dept_x;
    const std::string D = recipient.public_raw(), E = k.ephemeral.public_raw();
    const std::string shared(x25519_derive(k.ephemeral, recipient)->view());
    const std::string salt = E + D, info = "sanaq-package/1 aes-256-gcm " + c.package_uuid;
    const std::string key = *hkdf_sha256(shared, salt, info, 32);
    const std::string plain = c.plaintext.empty() ? plaintext_of(c.records) : c.plaintext;

    std::vector<std::string> pieces;
    for (std::size_t at = 0;; at += c.chunk_size) {
        pieces.push_back(plain.substr(std::min(at, plain.size()), c.chunk_size));
        if (at + c.chunk_size >= plain.size()) break;
    }
    json chunks = json::array();
    std::vector<std::string> sealed_chunks;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const bool last = i + 1 == pieces.size();
        std::string nonce = k.nonce;
        for (int b = 0; b < 8; ++b) nonce[11 - b] ^= static_cast<char>((static_cast<std::uint64_t>(i) >> (8 * b)) & 0xff);
        std::string aad = c.package_uuid;
        for (int b = 7; b >= 0; --b) aad += static_cast<char>((static_cast<std::uint64_t>(i) >> (8 * b)) & 0xff);
        aad += static_cast<char>(last && !c.last_flag_zero ? 1 : 0);
        std::string out(pieces[i].size() + 16, '\0');
        auto* o = reinterpret_cast<unsigned char*>(out.data());
        EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
        int len = 0;
        EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                           reinterpret_cast<const unsigned char*>(nonce.data()));
        EVP_EncryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()), static_cast<int>(aad.size()));
        EVP_EncryptUpdate(ctx, o, &len, reinterpret_cast<const unsigned char*>(pieces[i].data()),
                          static_cast<int>(pieces[i].size()));
        EVP_EncryptFinal_ex(ctx, o + len, &len);
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, o + pieces[i].size());
        EVP_CIPHER_CTX_free(ctx);
        chunks.push_back({{"index", i}, {"last", last}, {"nonce", to_hex(nonce)}, {"aad", to_hex(aad)},
                          {"plaintext_size", pieces[i].size()}, {"sealed", to_hex(out)}});
        sealed_chunks.push_back(out);
    }
    if (c.swap_first_chunks && sealed_chunks.size() > 1) std::swap(sealed_chunks[0], sealed_chunks[1]);
    std::string payload;
    for (const auto& s : sealed_chunks) payload += s;

    std::int64_t households = 0, persons = 0;
    for (const auto& r : c.records) (r.at("type") == "H" ? households : persons)++;
    const KeyHandle& signer = c.sign_with_other_device ? k.other_device : k.device;
    json m = {
        {"format", "sanaq-package"}, {"format_version", 1}, {"package_uuid", c.package_uuid},
        {"device_id", fingerprint(k.device)}, {"device_model", "Samsung SM-T295"},
        {"usb_serial", "R9WT50ABCDE"}, {"kit_number", "KIT-0042"}, {"interviewer_iin", "870102300123"},
        {"census_round", "2026"}, {"sequence", c.sequence}, {"exported_at", "2026-10-03T09:15:00Z"},
        {"households", households}, {"persons", persons}, {"payload_format", "sanaq-records/1"},
        {"payload_size", payload.size()}, {"payload_sha256", to_hex(sha256_raw(payload))},
        {"encryption",
         {{"kem", "X25519"}, {"kdf", "HKDF-SHA256"}, {"aead", "AES-256-GCM"}, {"recipient_key", fingerprint(recipient)},
          {"ephemeral_public_key", to_hex(E)}, {"base_nonce", to_hex(k.nonce)}, {"chunk_size", c.chunk_size}}},
    };
    if (c.edit_manifest) c.edit_manifest(m);
    std::string manifest = m.dump();   // std::map members: sorted, no whitespace — the canonical form
    if (c.edit_manifest_text) c.edit_manifest_text(manifest);
    std::string header = "SQPKG";
    header += '\x01';
    header += '\0';
    header += '\0';
    for (int b = 0; b < 4; ++b) header += static_cast<char>((manifest.size() >> (8 * b)) & 0xff);
    const std::string signature = *ed25519_sign(signer, header + manifest);
    std::string file = header + manifest + std::string("\x40\x00", 2) + signature + payload;
    if (c.edit_file) c.edit_file(file);

    json v;
    v["name"] = c.name;
    v["description"] = c.description;
    v["spec"] = "src/core/package/README.md, Tablet export package";
    v["keys"] = {
        {"department_x25519_private", to_hex(raw_private(k.dept_x))},
        {"department_x25519_public", to_hex(k.dept_x.public_raw())},
        {"department_x25519_fingerprint", fingerprint(k.dept_x)},
        {"department_ed25519_private", to_hex(raw_private(k.dept_ed))},
        {"department_ed25519_public", to_hex(k.dept_ed.public_raw())},
        {"department_ed25519_fingerprint", fingerprint(k.dept_ed)},
        {"device_ed25519_private", to_hex(raw_private(k.device))},
        {"device_ed25519_public", to_hex(k.device.public_raw())},
        {"device_id", fingerprint(k.device)},
    };
    v["encryption"] = {{"recipient_x25519_public", to_hex(D)},
                       {"ephemeral_x25519_private", to_hex(raw_private(k.ephemeral))},
                       {"ephemeral_x25519_public", to_hex(E)},
                       {"base_nonce", to_hex(k.nonce)},
                       {"shared_secret", to_hex(shared)},
                       {"hkdf_salt", to_hex(salt)},
                       {"hkdf_info", to_hex(info)},
                       {"payload_key", to_hex(key)},
                       {"chunk_size", c.chunk_size}};
    v["plaintext"] = to_hex(plain);
    v["chunks"] = chunks;
    v["payload"] = {{"size", payload.size()}, {"sha256", to_hex(sha256_raw(payload))}};
    v["manifest_text"] = json::parse(manifest, nullptr, false).is_discarded() ? json(nullptr) : json(manifest);
    v["manifest"] = to_hex(manifest);
    v["header"] = to_hex(header);
    v["signature"] = to_hex(signature);
    v["file"] = to_hex(file);
    v["writer_reproduces"] = c.writer_reproduces && c.reason.empty();
    v["writer_inputs"] = {{"package_uuid", c.package_uuid}, {"device_model", "Samsung SM-T295"},
                          {"usb_serial", "R9WT50ABCDE"}, {"kit_number", "KIT-0042"},
                          {"interviewer_iin", "870102300123"}, {"census_round", "2026"},
                          {"sequence", c.sequence}, {"exported_at", "2026-10-03T09:15:00Z"},
                          {"chunk_size", c.chunk_size}};
    if (c.reason.empty()) {
        v["expect"] = {{"accepted", true}, {"households", households}, {"persons", persons},
                       {"records", c.records}, {"warnings", c.warnings}};
        json receipt = {{"format", "sanaq-receipt"}, {"format_version", 1}, {"package_uuid", c.package_uuid},
                        {"payload_sha256", to_hex(sha256_raw(payload))}, {"status", "received"},
                        {"kit_number", "KIT-0042"}, {"pulled_at_utc", "2026-10-05T11:02:03Z"},
                        {"department_key", fingerprint(k.dept_ed)}, {"households", households},
                        {"persons", persons}};
        const std::string body = receipt.dump();
        receipt["signature"] = to_hex(*ed25519_sign(k.dept_ed, body));
        v["receipt"] = {{"signed_body", body}, {"text", receipt.dump() + "\n"}};
    } else {
        v["expect"] = {{"accepted", false}, {"reason", c.reason}, {"check", c.check}, {"section", c.section}};
        if (!c.deviations.empty()) v["expect"]["deviations"] = c.deviations;
    }
    return v;
}

std::string upper(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_package_vectors OUTDIR\n";
        return 2;
    }
    const fs::path out = argv[1];
    fs::create_directories(out / "keys");
    const KeySet k = key_set();

    const std::string H1 = "00000001-0000-4000-8000-000000000010", P1 = "00000002-0000-4000-8000-000000000010";
    json ex = json::array({
        household(H1, 1, "Төле би\tкөшесі", "0012", R"({"d1_dwelling_type":"apartment","d3_note":"a\nb"})"),
        person(P1, 1, H1, "870102300123", "Жанбулатов", "Нұрлан", "M", "1987-01-02", "head", R"({"q6_citizenship":"KZ"})"),
    });
    ex[1]["patronymic"] = "Серікұлы";

    std::vector<Case> cases;
    auto accepted = [&](std::string name, std::string description, json records) {
        Case c;
        c.name = std::move(name);
        c.description = std::move(description);
        c.records = std::move(records);
        return c;
    };
    cases.push_back(accepted("one-chunk", "The spec's example plaintext in one chunk of the writers' size, 1048576.", ex));

    json many = json::array();
    for (int h = 0; h < 6; ++h) {
        char hu[40], pu[40];
        std::snprintf(hu, sizeof hu, "00000001-0000-4000-8000-0000000001%02d", h);
        many.push_back(household(hu, 1, "Абай даңғылы", std::to_string(h + 1), R"({"d1_dwelling_type":"house"})"));
        for (int p = 0; p < 3; ++p) {
            std::snprintf(pu, sizeof pu, "00000002-0000-4000-8000-0000000001%d%d", h, p);
            many.push_back(person(pu, 1, hu, "870102300123", "Сейітқали", "Әлия", "F", "1990-05-17",
                                  p == 0 ? "head" : "child", R"({"q13_education":"higher","q7_nationality":"kazakh"})"));
        }
    }
    {
        Case c = accepted("many-chunks", "Six households with three persons each, chunk size 1024 (the least readers accept): records straddle chunks.", many);
        c.chunk_size = 1024;
        c.sequence = 3;
        c.package_uuid = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
        cases.push_back(c);
    }
    {
        json recs = json::array({household(H1, 2, "Төле би көшесі", "0012", ""),
                                 person(P1, 2, H1, "870102300123", "Жанбулатов", "Нұрлан", "M", "1987-01-02", "head", "")});
        std::string plain = plaintext_of(recs);
        const std::size_t target = 2048;
        recs[1]["answers"] = std::string("{\"pad\":\"") + std::string(target - plain.size() - 10, 'x') + "\"}";
        Case c = accepted("exact-multiple", "Plaintext of exactly 2 x 1024 bytes: the last chunk is a full 1024 bytes, there is no empty chunk after it.", recs);
        c.chunk_size = 1024;
        c.sequence = 4;
        c.package_uuid = "2d3e4f50-6b7c-4d8e-9fa0-1b2c3d4e5f60";
        if (plaintext_of(recs).size() != target) {
            std::cerr << "exact-multiple: plaintext is " << plaintext_of(recs).size() << " bytes\n";
            return 1;
        }
        cases.push_back(c);
    }
    {
        Case c = accepted("correction", "A correction: revision 2 of the example's person, whose household came in an earlier package (sequence 2).",
                          json::array({person(P1, 2, H1, "870102300123", "Жаңбулатов", "Нұрлан", "M", "1987-01-02", "head", R"({"q6_citizenship":"KZ"})")}));
        c.records[0]["patronymic"] = "Серікұлы";
        c.sequence = 5;
        c.package_uuid = "3e4f5061-7c8d-4e9f-a0b1-2c3d4e5f6071";
        cases.push_back(c);
    }
    {
        json recs = json::array({household("00000001-0000-1000-8000-000000000020", 1, "Сәтпаев көшесі", "0020", ""),
                                 person("5a1d2c3e-0000-5000-8000-000000000020", 1, "00000001-0000-1000-8000-000000000020", "",
                                        "Иванова", "Анна", "F", "2023-02-30", "head", "")});
        Case c = accepted("warnings", "Accepted with warnings: an empty IIN and an impossible birth date (2023-02-30) are stored as written; version-1 and version-5 record UUIDs are accepted.", recs);
        c.sequence = 6;
        c.package_uuid = "4f506172-8d9e-4fa0-b1c2-3d4e5f607182";
        c.warnings = {"empty_iin", "impossible_birth_date"};
        cases.push_back(c);
    }
    {
        const std::string HU = "9f1c4e2a-7b3d-4a5e-8c6f-0d1e2f3a4b5c", PU = "c0ffee00-beef-4cad-9e7f-a1b2c3d4e5f6";
        json recs = ex;
        recs[0]["uuid"] = HU;
        recs[1]["uuid"] = PU;
        recs[1]["household_uuid"] = HU;
        json written = recs;
        written[0]["uuid"] = upper(HU);
        written[1]["uuid"] = upper(PU);
        written[1]["household_uuid"] = upper(HU);
        Case c = accepted("upper-case-uuids", "Record UUIDs written in upper case (as some platforms print them): read and stored in lower case.", recs);
        c.plaintext = plaintext_of(written);
        c.writer_reproduces = false;
        c.sequence = 7;
        c.package_uuid = "50617283-9eaf-4b0c-8d1e-2f3a4b5c6d7e";
        cases.push_back(c);
    }

    // Refusals: each kind, with the reason a reader must give and the rule it breaks.
    auto refused = [&](std::string name, std::string description, std::string reason, std::string check,
                       std::string section) {
        Case c = accepted(std::move(name), std::move(description), ex);
        c.reason = std::move(reason);
        c.check = std::move(check);
        c.section = std::move(section);
        return c;
    };
    auto with = [](Case c, auto&& edit) {
        edit(c);
        return c;
    };
    const char* L = "Byte layout";
    const char* M = "Manifest";
    const char* ENC = "Encryption";
    const char* PL = "Payload plaintext (sanaq-records/1)";
    const char* RV = "Reading and verification";
    cases.push_back(with(refused("bad-magic", "The first byte is X instead of S.", "malformed", "layout.magic", L),
                         [](Case& c) { c.edit_file = [](std::string& f) { f[0] = 'X'; }; }));
    cases.push_back(with(refused("bad-version", "Header byte 5 is 02.", "malformed", "layout.version", L),
                         [](Case& c) { c.edit_file = [](std::string& f) { f[5] = 2; }; }));
    cases.push_back(with(refused("bad-flags", "Header byte 6 (flags) is 01.", "malformed", "layout.flags", L),
                         [](Case& c) { c.edit_file = [](std::string& f) { f[6] = 1; }; }));
    cases.push_back(with(refused("manifest-length-zero", "Manifest length 0.", "malformed", "layout.manifest_length", L),
                         [](Case& c) { c.edit_file = [](std::string& f) { f[8] = f[9] = f[10] = f[11] = 0; }; }));
    cases.push_back(with(refused("signature-length", "Signature length 63.", "malformed", "layout.signature_length", L),
                         [](Case& c) {
                             c.edit_file = [](std::string& f) {
                                 std::size_t m = static_cast<unsigned char>(f[8]) | static_cast<unsigned char>(f[9]) << 8;
                                 f[12 + m] = 63;
                             };
                         }));
    cases.push_back(with(refused("truncated-header", "The file ends after 40 bytes, inside the manifest.", "malformed", "layout.truncated", L),
                         [](Case& c) { c.edit_file = [](std::string& f) { f.resize(40); }; }));
    cases.push_back(with(refused("manifest-not-json", "The manifest is not JSON (signed as it is).", "malformed", "manifest.json", M),
                         [](Case& c) { c.edit_manifest_text = [](std::string& t) { t.back() = ','; }; }));
    cases.push_back(with(refused("encryption-flattened", "encryption given as dotted top-level members instead of a nested object.", "malformed", "manifest.member", M),
                         [](Case& c) {
                             c.edit_manifest = [](json& m) {
                                 for (auto& [k, v] : m["encryption"].items()) m["encryption." + k] = v;
                                 m.erase("encryption");
                             };
                         }));
    cases.push_back(with(refused("format-version-string", "format_version is the string \"1\", not an integer.", "malformed", "manifest.member", M),
                         [](Case& c) { c.edit_manifest = [](json& m) { m["format_version"] = "1"; }; }));
    cases.push_back(with(refused("manifest-several-wrong", "Three members wrong at once: format_version a string, sequence 0, exported_at with a space; a checker names all three.", "malformed", "manifest.member", M),
                         [](Case& c) {
                             c.edit_manifest = [](json& m) {
                                 m["format_version"] = "1";
                                 m["sequence"] = 0;
                                 m["exported_at"] = "2026-10-03 09:15:00";
                             };
                         }));
    cases.push_back(with(refused("chunk-size-too-small", "encryption.chunk_size 512, below the 1024 readers accept.", "malformed", "manifest.value", M),
                         [](Case& c) { c.edit_manifest = [](json& m) { m["encryption"]["chunk_size"] = 512; }; }));
    cases.push_back(with(refused("package-uuid-upper-case", "package_uuid in upper case (it enters the key derivation and the AAD, so it must be lower-case).", "malformed", "manifest.value", M),
                         [&](Case& c) { c.edit_manifest = [&](json& m) { m["package_uuid"] = upper(m["package_uuid"].get<std::string>()); }; }));
    cases.push_back(with(refused("bad-signature", "One byte of the signature changed.", "bad_signature", "signature.invalid", L),
                         [](Case& c) {
                             c.edit_file = [](std::string& f) {
                                 std::size_t m = static_cast<unsigned char>(f[8]) | static_cast<unsigned char>(f[9]) << 8;
                                 f[14 + m] ^= 1;
                             };
                         }));
    cases.push_back(with(refused("signed-by-another-device", "Signed by another device's key while device_id names the enrolled one.", "bad_signature", "signature.invalid", L),
                         [](Case& c) { c.sign_with_other_device = true; }));
    cases.push_back(with(refused("device-id-mismatch", "device_id is not the fingerprint of the device key the reader checks with.", "bad_signature", "signature.device_id", RV),
                         [&](Case& c) { c.edit_manifest = [&](json& m) { m["device_id"] = fingerprint(k.other_device); }; }));
    cases.push_back(with(refused("other-recipient", "Encrypted to another department's X25519 key.", "undecryptable", "encryption.recipient", ENC),
                         [](Case& c) { c.other_recipient = true; }));
    cases.push_back(with(refused("payload-altered", "One payload byte changed after signing.", "digest_mismatch", "payload.digest", RV),
                         [](Case& c) { c.edit_file = [](std::string& f) { f[f.size() - 20] ^= 1; }; }));
    cases.push_back(with(refused("payload-truncated", "The file is cut 10 bytes short.", "digest_mismatch", "payload.digest", RV),
                         [](Case& c) { c.edit_file = [](std::string& f) { f.resize(f.size() - 10); }; }));
    cases.push_back(with(refused("payload-extra-bytes", "One byte after payload_size.", "digest_mismatch", "payload.digest", RV),
                         [](Case& c) { c.edit_file = [](std::string& f) { f += '\0'; }; }));
    cases.push_back(with(refused("chunks-reordered", "The first two sealed chunks swapped (digest and signature made over the swapped payload).", "undecryptable", "encryption.authentication", ENC),
                         [&](Case& c) {
                             c.records = many;
                             c.chunk_size = 1024;
                             c.swap_first_chunks = true;
                         }));
    cases.push_back(with(refused("last-flag-zero", "The last chunk sealed with AAD last-byte 00.", "undecryptable", "encryption.authentication", ENC),
                         [](Case& c) { c.last_flag_zero = true; }));
    auto plain_case = [&](std::string name, std::string description, std::string check, std::string plaintext) {
        Case c = refused(std::move(name), std::move(description), "malformed", std::move(check), PL);
        c.plaintext = std::move(plaintext);
        return c;
    };
    const std::string ex_plain = plaintext_of(ex);
    const std::string ex_records = ex_plain.substr(std::string("SANAQ-RECORDS\t1\n").size());
    cases.push_back(plain_case("records-tag-missing", "The plaintext starts with the records, without SANAQ-RECORDS TAB 1.", "records.tag", ex_records));
    {
        std::string p = ex_plain;
        p.replace(p.find("\\t"), 2, "\\x");
        cases.push_back(plain_case("bad-escape", "A street with \\x, not one of the four escapes.", "records.escape", p));
    }
    {
        std::string p = ex_plain;
        std::size_t last_tab = p.rfind('\t');
        p.erase(last_tab, p.size() - last_tab - 1);
        cases.push_back(plain_case("too-few-fields", "The person line has 13 fields (answers missing).", "records.field_count", p));
    }
    {
        std::string p = ex_plain;
        p.replace(p.find("Нұрлан"), 2, "\xff\xfe");
        cases.push_back(plain_case("invalid-utf8", "The bytes FF FE inside a name.", "records.utf8", p));
    }
    cases.push_back(plain_case("no-final-lf", "The last record does not end with LF.", "records.final_lf", ex_plain.substr(0, ex_plain.size() - 1)));
    {
        std::string p = ex_plain;
        p.replace(p.find("\tM\t"), 3, "\tX\t");
        Case c = plain_case("bad-sex-code", "sex X.", "records.field", p);
        cases.push_back(c);
    }
    {
        std::string p = ex_plain;
        p.replace(p.find("\t2022\t"), 6, "\t2019\t");
        cases.push_back(plain_case("bad-kato-version", "kato_version 2019 (only 2013, 2022 or empty).", "records.field", p));
    }
    {
        // Three deviations that do not hide one another: one in the manifest, one in the records of
        // the first chunk, one in the framing of the last chunk. A checker names each.
        Case c = refused("three-deviations",
                         "Three independent deviations: exported_at with a space (manifest), sex X in the first person (records, line 3), the last chunk sealed with AAD last-byte 00 (chunk framing).",
                         "malformed", "manifest.value", M);
        c.records = many;
        c.chunk_size = 1024;
        c.sequence = 8;
        c.package_uuid = "61728394-afb0-4c1d-9e2f-3a4b5c6d7e8f";
        std::string p = plaintext_of(many);
        p.replace(p.find("\tF\t"), 3, "\tX\t");
        c.plaintext = p;
        c.last_flag_zero = true;
        c.edit_manifest = [](json& m) { m["exported_at"] = "2026-10-03 09:15:00"; };
        const std::size_t chunks = (p.size() + 1023) / 1024;
        c.deviations = json::array({
            {{"check", "manifest.value"}, {"section", M}, {"subject", "exported_at"}, {"reason", "malformed"}},
            {{"check", "records.field"}, {"section", PL}, {"subject", "P.sex"}, {"line", 3}, {"reason", "malformed"}},
            {{"check", "encryption.authentication"}, {"section", ENC}, {"subject", std::to_string(chunks - 1)}, {"reason", "undecryptable"}},
        });
        cases.push_back(c);
    }
    cases.push_back(with(refused("count-mismatch", "The manifest says 2 persons; the payload holds 1.", "malformed", "records.counts", M),
                         [](Case& c) { c.edit_manifest = [](json& m) { m["persons"] = 2; }; }));

    // The PEM files the CLI's check and the codec tests use.
    auto write = [](const fs::path& p, const std::string& text) {
        std::ofstream f(p, std::ios::binary);
        f << text;
    };
    write(out / "keys" / "department-x25519-private.pem", k.dept_x.private_pem());
    write(out / "keys" / "department-public.pem", k.dept_x.public_pem() + k.dept_ed.public_pem());
    write(out / "keys" / "device-ed25519-public.pem", k.device.public_pem());
    write(out / "keys" / "device-ed25519-private.pem", k.device.private_pem());
    write(out / "keys" / "department-ed25519-private.pem", k.dept_ed.private_pem());

    for (const auto& c : cases) {
        json v = build(k, c);
        std::string text = v.dump(2, ' ', false) + "\n";
        write(out / (c.name + ".json"), text);
        std::ofstream(out / (c.name + ".sqpkg"), std::ios::binary) << *from_hex(v["file"].get<std::string>());
    }
    std::cout << cases.size() << " vectors in " << out.string() << "\n";
    return 0;
}
