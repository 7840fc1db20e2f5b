// The upstream protocol's test vectors (tests/vectors/upstream/*.json, printed in
// src/upstream/README.md, "Test vectors"), held against our own code both ways: what we write
// is the vector byte for byte, and what we read from the vector is its values. Fixed Ed25519 keys
// (the secret keys of RFC 8032's tests 1 and 2), so every signature is reproducible.
//
// SANAQ_WRITE_VECTORS=1 writes the files from the code instead (then review the diff: a changed
// vector is a changed protocol).
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crypto/crypto.h"
#include "support/temp_dir.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/canonical_json.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/receipt.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/sample_batch.h"
#include "upstream/server/conformance_cases.h"

using namespace sanaq;
using namespace sanaq::upstream;
using nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

const fs::path kVectors = fs::path(SANAQ_TEST_SOURCE_ROOT) / "tests/vectors/upstream";

std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string unhex(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) out += static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16));
    return out;
}

struct FixedKey {
    std::string seed_hex, public_hex, private_pem, public_pem;
};

FixedKey fixed_ed25519(const std::string& seed_hex) {
    const std::string seed = unhex(seed_hex);
    EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                                 reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
    BOOST_REQUIRE(key);
    unsigned char pub[32];
    std::size_t pub_len = sizeof pub;
    EVP_PKEY_get_raw_public_key(key, pub, &pub_len);
    auto pem = [&](bool priv) {
        BIO* bio = BIO_new(BIO_s_mem());
        if (priv)
            PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
        else
            PEM_write_bio_PUBKEY(bio, key);
        char* data = nullptr;
        long n = BIO_get_mem_data(bio, &data);
        std::string out(data, static_cast<std::size_t>(n));
        BIO_free(bio);
        return out;
    };
    FixedKey k{seed_hex, hex(std::string_view(reinterpret_cast<const char*>(pub), pub_len)), pem(true), pem(false)};
    EVP_PKEY_free(key);
    return k;
}

ordered_json key_json(const FixedKey& k) {
    return {{"algorithm", "Ed25519"},
            {"secret_key_hex", k.seed_hex},
            {"public_key_hex", k.public_hex},
            {"private_key_pem", k.private_pem},
            {"public_key_pem", k.public_pem}};
}

// RFC 8032, section 7.1, TEST 1 and TEST 2.
const FixedKey& client_key() {
    static const FixedKey k = fixed_ed25519("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    return k;
}
const FixedKey& receipt_key() {
    static const FixedKey k = fixed_ed25519("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    return k;
}

const BatchManifest kManifest{"0f0e0d0c-0b0a-4908-8706-050403020100", "ws-59-01", "2026-10-05T11:02:13Z", 1, 2};
const RecordProvenance& kFrom = sample_records().from;
Household vector_household() { return sample_records().household; }
std::vector<Person> vector_persons() { return sample_records().persons; }

std::string vector_body() {
    std::string body;
    append_manifest_line(body, kManifest);
    append_household_line(body, vector_household(), kFrom);
    for (const auto& p : vector_persons()) append_person_line(body, p, kFrom);
    return body;
}

ordered_json stored_json(const Household& h) {
    return {{"uuid", h.uuid}, {"revision", h.revision}, {"place", household_place_code(h.place)}, {"kato", h.kato},
            {"kato_version", h.kato_version}, {"street", h.street}, {"house", h.house}, {"flat", h.flat},
            {"institution_bin", h.institution_bin}, {"institution_type", h.institution_type},
            {"hotel_name", h.hotel_name}, {"household_number", h.household_number}, {"answers", h.answers_json}};
}
ordered_json stored_json(const Person& p) {
    return {{"uuid", p.uuid}, {"revision", p.revision}, {"household_uuid", p.household_uuid}, {"iin", p.iin},
            {"surname", p.surname}, {"name", p.name}, {"patronymic", p.patronymic}, {"sex", sex_code(p.sex)},
            {"birth_date", p.birth_date}, {"relationship", p.relationship}, {"residence", residence_code(p.residence)},
            {"source", record_source_code(p.source)}, {"answers", p.answers_json}};
}

Receipt vector_receipt(const std::string& digest) {
    Receipt r{kManifest.batch_uuid, digest, kManifest.households, kManifest.persons, "2026-10-05T11:02:15Z",
              "census-db-1", "", AuditHeadRef{1234, sanaq::crypto::sha256_hex("audit entry 1234")}};
    r.signature = sanaq::crypto::to_base64(*sign_with_private_pem(receipt_key().private_pem, receipt_signed_text(r)));
    return r;
}

// The same receipt as another receiver may write it: its own member order and spacing, the
// digest in the header's spelling, a member the workstation does not know. Signed over the
// canonical form of all that.
std::string liberal_receipt_members(const std::string& digest) {
    return "{ \"server\": \"census-db-2\", \"batch_uuid\": \"" + kManifest.batch_uuid + "\", \"digest\": \"sha-256=" +
           digest + "\", \"households\": 1, \"persons\": 2, \"received_at\": \"2026-10-05T11:02:16Z\", " +
           "\"operator\": {\"shift\": 2, \"desk\": \"Б\"} }";
}

std::string with_signature(std::string members, const std::string& signature_b64) {
    members.insert(members.rfind('}'), ", \"signature\": \"" + signature_b64 + "\" ");
    return members;
}

ordered_json computed_vector() {
    const std::string body = vector_body();
    const std::string digest = sanaq::crypto::sha256_hex(body);
    const std::string signing_text = batch_signing_text(kManifest.batch_uuid, digest);
    const std::string signature = *sign_with_private_pem(client_key().private_pem, signing_text);
    ordered_json records = ordered_json::array();
    records.push_back({{"type", "household"}, {"package_uuid", kFrom.package_uuid}, {"kit", kFrom.kit_number},
                       {"stored", stored_json(vector_household())}});
    for (const auto& p : vector_persons())
        records.push_back({{"type", "person"}, {"package_uuid", kFrom.package_uuid}, {"kit", kFrom.kit_number},
                           {"stored", stored_json(p)}});
    const Receipt receipt = vector_receipt(digest);
    const std::string liberal_members = liberal_receipt_members(digest);
    const std::string liberal_signed = *canonical_json_without(liberal_members, "signature");
    const std::string liberal_signature = sanaq::crypto::to_base64(*sign_with_private_pem(receipt_key().private_pem, liberal_signed));
    return ordered_json{
        {"name", "upstream batch and receipt, version 1"},
        {"spec", "src/upstream/README.md, \"Test vectors\""},
        {"client_key", key_json(client_key())},
        {"receipt_key", key_json(receipt_key())},
        {"manifest", {{"batch_uuid", kManifest.batch_uuid}, {"workstation", kManifest.workstation},
                      {"created_at", kManifest.created_at}, {"households", kManifest.households},
                      {"persons", kManifest.persons}}},
        {"records", records},
        {"body_text", body},
        {"body_hex", hex(body)},
        {"body_size", body.size()},
        {"digest", digest},
        {"header_sanaq_digest", "sha-256=" + digest},
        {"signing_text_hex", hex(signing_text)},
        {"signature_hex", hex(signature)},
        {"header_sanaq_signature", sanaq::crypto::to_base64(signature)},
        {"header_sanaq_audit_head", audit_head_header(*receipt.audit_head)},
        {"receipt", {{"text", receipt_json(receipt)},
                     {"text_hex", hex(receipt_json(receipt))},
                     {"signed_text", receipt_signed_text(receipt)},
                     {"signature_hex", hex(*sanaq::crypto::from_base64(receipt.signature))}}},
        {"receipt_liberal", {{"text", with_signature(liberal_members, liberal_signature)},
                             {"signed_text", liberal_signed},
                             {"signature_hex", hex(*sanaq::crypto::from_base64(liberal_signature))},
                             {"digest_read_as", digest}}},
    };
}

ordered_json vector_file(const std::string& name, const ordered_json& computed) {
    const fs::path path = kVectors / name;
    if (std::getenv("SANAQ_WRITE_VECTORS")) {
        fs::create_directories(kVectors);
        std::ofstream(path, std::ios::binary) << computed.dump(2) << '\n';
        BOOST_TEST_MESSAGE("wrote " << path);
    }
    std::ifstream in(path, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(in, "no vector " << path << " (SANAQ_WRITE_VECTORS=1 writes it)");
    return ordered_json::parse(in);
}


// The requests of a conformance run, made for the vectors' client key, workstation and UUIDs: the
// accepted batch is batch-v1.json's, the others take 1a000000-0000-4000-8000-0000000000NN.
std::vector<receiver::ProtocolCase> vector_cases() {
    int drawn = 0;
    receiver::CaseSigner signer{
        [](std::string_view text) { return sign_with_private_pem(client_key().private_pem, text); }, kManifest.workstation,
        [drawn]() mutable {
            const int n = drawn++;
            return n == 0 ? kManifest.batch_uuid : fmt::format("1a000000-0000-4000-8000-{:012d}", n);
        }};
    return receiver::protocol_cases(signer);
}

ordered_json refusal_vector(const std::vector<receiver::ProtocolCase>& cases) {
    ordered_json list = ordered_json::array();
    for (const auto& c : cases) {
        ordered_json headers = ordered_json::array();
        for (const auto& [name, value] : c.request.headers) headers.push_back({name, value});
        ordered_json expect_headers = ordered_json::object();
        if (!c.expected_allow.empty()) expect_headers["Allow"] = c.expected_allow;
        list.push_back({{"case", c.name},
                        {"check", c.check},
                        {"deviation", c.deviation},
                        {"after", c.after_accepted ? ordered_json("accepted") : ordered_json(nullptr)},
                        {"request", {{"method", c.request.method},
                                     {"path", c.request.path},
                                     {"headers", headers},
                                     {"body_base64", sanaq::crypto::to_base64(c.request.body)},
                                     {"body_sent", c.request.body_sent}}},
                        {"batch_body_text", c.batch_body.empty() ? ordered_json(nullptr) : ordered_json(c.batch_body)},
                        {"signing_text", c.signing_text.empty() ? ordered_json(nullptr) : ordered_json(c.signing_text)},
                        {"expect", {{"status", c.expected_status},
                                    {"code", c.expected_code.empty() ? ordered_json(nullptr) : ordered_json(c.expected_code)},
                                    {"headers", expect_headers},
                                    {"receipt", c.expected_status == 201 || c.expected_status == 200}}}});
    }
    return ordered_json{
        {"name", "upstream requests and the answers the spec gives them, version 1"},
        {"spec", "src/upstream/README.md, \"Refusal vectors\" (the checks table of \"Request\")"},
        {"client_key", key_json(client_key())},
        {"workstation", kManifest.workstation},
        {"replay", "Each request is exactly what to send: method, path, headers in order, the body's bytes (base64; with "
                   "Transfer-Encoding: chunked the body is sent in HTTP chunks; body_sent false: the Content-Length is "
                   "announced and nothing is sent). The requests are signed with client_key: send them over mutual TLS "
                   "with a certificate for that key whose subject CN is the workstation, issued by the receiver's client "
                   "CA (installer/make-test-pki.sh makes one, vector-client.pem), to a receiver that does not hold the "
                   "accepted case's batch yet, in order (after: accepted needs that case first). expect gives the status, "
                   "the error code of the body {\"error\":{\"code\",\"message\"}} (null for a receipt), headers the "
                   "answer must carry, and whether the body is a receipt (by the receipt rule, naming the batch's UUID, "
                   "digest and counts)."},
        {"cases", list},
    };
}

// gzip bodies are compared by what they inflate to (another zlib may write other bytes).
std::string body_meaning(const ordered_json& request) {
    const std::string body = *sanaq::crypto::from_base64(request["body_base64"].get<std::string>());
    auto measured = gzip_measure(body, std::size_t{1} << 30);
    if (measured.verdict != GzipMeasure::Verdict::Complete) return "bytes " + sanaq::crypto::sha256_hex(body);
    return "gzip of " + std::to_string(measured.inflated_size) + " bytes " + measured.sha256_hex;
}

ordered_json without_gzip_bytes(ordered_json c) {
    auto& r = c["request"];
    r["body"] = body_meaning(r);
    r.erase("body_base64");
    for (auto& h : r["headers"])
        if (h[0] == "Content-Length" && r["body_sent"].get<bool>()) h[1] = "(the body's size)";
    return c;
}

// The table printed in src/upstream/README.md, "Refusal vectors".
std::string refusal_table(const ordered_json& v) {
    std::ostringstream t;
    t << "| case | check | the request | status | code |\n|---|---|---|---|---|\n";
    for (const auto& c : v["cases"])
        t << "| `" << c["case"].get<std::string>() << "` | " << c["check"].get<int>() << " | "
          << c["deviation"].get<std::string>() << " | " << c["expect"]["status"].get<int>() << " | "
          << (c["expect"]["code"].is_string() ? "`" + c["expect"]["code"].get<std::string>() + "`" : std::string("receipt"))
          << " |\n";
    return t.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(vectors)

BOOST_AUTO_TEST_CASE(what_we_write_is_the_batch_vector_byte_for_byte) {
    const auto computed = computed_vector();
    const auto v = vector_file("batch-v1.json", computed);
    BOOST_TEST(v["client_key"]["public_key_hex"] ==
               "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");   // RFC 8032 TEST 1
    BOOST_TEST(v["receipt_key"]["public_key_hex"] ==
               "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");   // RFC 8032 TEST 2
    for (const char* member : {"records", "body_hex", "digest", "header_sanaq_digest", "signing_text_hex", "signature_hex",
                               "header_sanaq_signature", "header_sanaq_audit_head", "receipt", "receipt_liberal"})
        BOOST_TEST(v[member] == computed[member], member << ":\nvector   " << v[member].dump() << "\nwritten  " << computed[member].dump());
    BOOST_TEST(unhex(v["body_hex"].get<std::string>()) == v["body_text"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(what_we_read_from_the_vector_is_its_values) {
    const auto v = vector_file("batch-v1.json", computed_vector());
    const std::string body = unhex(v["body_hex"].get<std::string>());
    BOOST_TEST(sanaq::crypto::sha256_hex(body) == v["digest"].get<std::string>());
    BOOST_TEST(!first_non_canonical_line(body));
    auto parsed = parse_batch_body(body);
    BOOST_REQUIRE(parsed);
    BOOST_TEST(parsed->manifest.batch_uuid == v["manifest"]["batch_uuid"].get<std::string>());
    BOOST_TEST(parsed->manifest.workstation == v["manifest"]["workstation"].get<std::string>());
    BOOST_TEST(parsed->manifest.created_at == v["manifest"]["created_at"].get<std::string>());
    BOOST_REQUIRE_EQUAL(parsed->records.size(), v["records"].size());
    // Each line holds the stored record's values, its answers as their canonical form.
    std::size_t pos = body.find('\n') + 1;
    for (std::size_t i = 0; i < parsed->records.size(); ++i) {
        const auto& record = v["records"][i];
        const auto& stored = record["stored"];
        BOOST_TEST(parsed->records[i].household == (record["type"] == "household"));
        BOOST_TEST(parsed->records[i].uuid == stored["uuid"].get<std::string>());
        BOOST_TEST(parsed->records[i].revision == stored["revision"].get<int>());
        const auto end = body.find('\n', pos);
        auto line = ordered_json::parse(body.substr(pos, end - pos));
        pos = end + 1;
        for (const auto& [name, value] : stored.items()) {
            if (name == "answers") {
                std::string canonical;
                const std::string text = value.get<std::string>();
                BOOST_REQUIRE(text.empty() || append_canonical_json(canonical, text));
                BOOST_TEST(line["answers"] == ordered_json::parse(text.empty() ? "{}" : canonical), name);
                continue;
            }
            BOOST_TEST(line[name] == value, name);
        }
        BOOST_TEST(line["package_uuid"] == record["package_uuid"]);
        BOOST_TEST(line["kit"] == record["kit"]);
    }
    // The signature: over the signing text, with the client key's public half.
    const std::string signing_text = unhex(v["signing_text_hex"].get<std::string>());
    BOOST_TEST(signing_text == "sanaq-batch-v1\n" + parsed->manifest.batch_uuid + "\n" + v["digest"].get<std::string>() + "\n");
    const std::string client_public = v["client_key"]["public_key_pem"];
    BOOST_TEST(verify_with_public_pem(client_public, signing_text, unhex(v["signature_hex"].get<std::string>())));
    BOOST_TEST(*sanaq::crypto::from_base64(v["header_sanaq_signature"].get<std::string>()) == unhex(v["signature_hex"].get<std::string>()));

    // Both receipts: read by the rule, verified with the receipt key's public half.
    const std::string receipt_public = v["receipt_key"]["public_key_pem"];
    for (const char* which : {"receipt", "receipt_liberal"}) {
        auto r = parse_receipt(v[which]["text"].get<std::string>());
        BOOST_REQUIRE_MESSAGE(r, which);
        BOOST_TEST(r->signed_text == v[which]["signed_text"].get<std::string>(), which);
        BOOST_TEST(*sanaq::crypto::from_base64(r->signature) == unhex(v[which]["signature_hex"].get<std::string>()), which);
        BOOST_TEST(receipt_verifies(*r, receipt_public), which);
        BOOST_TEST(r->batch_uuid == parsed->manifest.batch_uuid);
        BOOST_TEST(r->digest == v["digest"].get<std::string>());
        BOOST_TEST(r->households == 1);
        BOOST_TEST(r->persons == 2);
    }
    auto witnessed = parse_receipt(v["receipt"]["text"].get<std::string>());
    BOOST_REQUIRE(witnessed->audit_head);
    BOOST_TEST(audit_head_header(*witnessed->audit_head) == v["header_sanaq_audit_head"].get<std::string>());
}

// refusals-v1.json is what `sanaq-upstream --conformance` sends, made for the vectors' key: the same
// generator (upstream/server/conformance_cases.h) makes both, so the file and the tool agree.
BOOST_AUTO_TEST_CASE(the_refusal_vectors_are_the_conformance_runs_requests) {
    const auto computed = refusal_vector(vector_cases());
    const auto v = vector_file("refusals-v1.json", computed);
    BOOST_TEST(v["client_key"] == computed["client_key"]);
    BOOST_TEST(v["workstation"] == computed["workstation"]);
    BOOST_REQUIRE_EQUAL(v["cases"].size(), computed["cases"].size());
    for (std::size_t i = 0; i < v["cases"].size(); ++i) {
        const auto& file_case = v["cases"][i];
        BOOST_TEST_CONTEXT(file_case["case"]) {
            BOOST_TEST(without_gzip_bytes(file_case).dump(2) == without_gzip_bytes(computed["cases"][i]).dump(2));
            // Each request is consistent in itself: its Content-Length is its body's, its signature
            // signs its signing text with the client key, the accepted batch is batch-v1.json's.
            const auto& r = file_case["request"];
            const std::string body = *sanaq::crypto::from_base64(r["body_base64"].get<std::string>());
            for (const auto& h : r["headers"]) {
                if (h[0] == "Content-Length" && r["body_sent"].get<bool>()) BOOST_TEST(h[1] == std::to_string(body.size()));
                if (h[0] == "Sanaq-Signature" && file_case["signing_text"].is_string())
                    BOOST_TEST(verify_with_public_pem(client_key().public_pem, file_case["signing_text"].get<std::string>(),
                                                      sanaq::crypto::from_base64(h[1].get<std::string>()).value_or("")));
            }
        }
    }
    const auto batch = vector_file("batch-v1.json", computed_vector());
    BOOST_TEST(v["cases"][0]["batch_body_text"] == batch["body_text"]);
}

BOOST_AUTO_TEST_CASE(the_spec_prints_the_table_of_refusal_vectors) {
    const auto v = vector_file("refusals-v1.json", refusal_vector(vector_cases()));
    std::ifstream in(fs::path(SANAQ_TEST_SOURCE_ROOT) / "src/upstream/README.md", std::ios::binary);
    const std::string spec((std::istreambuf_iterator<char>(in)), {});
    const std::string table = refusal_table(v);
    BOOST_TEST(spec.find(table) != std::string::npos, "src/upstream/README.md should print this table:\n" << table);
}

BOOST_AUTO_TEST_SUITE_END()
