// Canonical JSON as the spec defines it (src/upstream/README.md, "Canonical JSON"), and the
// receipt rule ("Receipt"): the writer, the check the receiver runs on every line, and what a
// receipt must hold for the workstation to accept it.
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <random>

#include <nlohmann/json.hpp>

#include "crypto/crypto.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/canonical_json.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/receipt.h"

using namespace sanaq;
using namespace sanaq::upstream;

namespace {

std::string canonical(std::string_view text) {
    std::string out;
    BOOST_REQUIRE_MESSAGE(append_canonical_json(out, text), "not canonicalisable: " << text);
    BOOST_TEST(is_canonical_json(out), out);
    return out;
}

std::string deviation(std::string_view text) {
    auto d = canonical_deviation(text);
    return d ? std::to_string(d->offset) + ": " + d->what : "";
}

struct KeyPair {
    std::string private_pem, public_pem;
};

KeyPair ed25519() {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
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
    KeyPair k{pem(true), pem(false)};
    EVP_PKEY_free(key);
    return k;
}

// A receipt text signed over the canonical form of `members` (a JSON object without signature);
// `members` is then written with the signature as given, white space and order included.
std::string signed_receipt(const KeyPair& k, const std::string& members) {
    auto signed_text = canonical_json_without(members, "signature");
    BOOST_REQUIRE(signed_text);
    auto sig = sign_with_private_pem(k.private_pem, *signed_text);
    BOOST_REQUIRE(sig);
    std::string text = members;
    text.insert(text.rfind('}'), ", \"signature\" : \"" + sanaq::crypto::to_base64(*sig) + "\"");
    return text;
}

const std::string kUuid = "0f0e0d0c-0b0a-4908-8706-050403020100";
const std::string kDigest(64, 'a');

std::string receipt_members(const std::string& extra = "") {
    return "{\"server\":\"census-db-1\", \"persons\":431, \"households\":120, \"digest\":\"" + kDigest +
           "\", \"batch_uuid\":\"" + kUuid + "\", \"received_at\":\"2026-10-05T11:02:15Z\"" + extra + "}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(canonical_json)

BOOST_AUTO_TEST_CASE(keys_are_sorted_by_code_point_at_every_depth) {
    BOOST_TEST(canonical(R"({"q7":{"b":1,"a":[{"z":true,"y":null}]},"q6":"KZ"})") ==
               R"({"q6":"KZ","q7":{"a":[{"y":null,"z":true}],"b":1}})");
    // Code points, i.e. UTF-8 bytes: "Z" < "a" < "é" (U+00E9) < U+FFFD < U+1F600. (UTF-16 order,
    // as RFC 8785 sorts, would put U+1F600 before U+FFFD.)
    BOOST_TEST(canonical("{\"\xF0\x9F\x98\x80\":1,\"\xEF\xBF\xBD\":2,\"\xC3\xA9\":3,\"a\":4,\"Z\":5}") ==
               "{\"Z\":5,\"a\":4,\"\xC3\xA9\":3,\"\xEF\xBF\xBD\":2,\"\xF0\x9F\x98\x80\":1}");
    // A name that is a prefix of another comes first, also when the other goes on with a character
    // below '"' (the flat-object path sorts names without their quotes).
    BOOST_TEST(canonical(R"({"a!": 1, "a": 2, "a ": 3})") == R"({"a":2,"a ":3,"a!":1})");
    BOOST_TEST(canonical(R"({"a!":{"x":1}, "a":2})") == R"({"a":2,"a!":{"x":1}})");
    // Escaped names sort by what they say.
    BOOST_TEST(canonical(R"({"a#":1,"a\"":2})") == R"({"a\"":2,"a#":1})");
}

BOOST_AUTO_TEST_CASE(white_space_escapes_and_numbers_take_one_spelling) {
    BOOST_TEST(canonical(" { \"a\" : [ 1 , 2 ] }\n") == R"({"a":[1,2]})");
    BOOST_TEST(canonical(R"(["\n\t\u001F","\/","\u0041","\u00e9","\ud83d\ude00","\"\\"])") ==
               "[\"\\u000a\\u0009\\u001f\",\"/\",\"A\",\"\xC3\xA9\",\"\xF0\x9F\x98\x80\",\"\\\"\\\\\"]");
    BOOST_TEST(canonical("[-0,0.0,-0.0,1.50,2.0,1e2,1E+2,1.5e-3,-12.340e1,0.1]") ==
               "[0,0,0,1.5,2,100,100,0.0015,-123.4,0.1]");
    // Exact, never through a binary double.
    BOOST_TEST(canonical("[12345678901234567890123,0.30000000000000000001]") ==
               "[12345678901234567890123,0.30000000000000000001]");
    // Too long in plain form: kept as written, as a string. (1e400 is no number at all for a
    // double, and refused with the rest of the text.)
    BOOST_TEST(canonical("{\"x\":1e300}") == "{\"x\":\"1e300\"}");
    std::string out;
    BOOST_TEST(!append_canonical_json(out, "{\"x\":1e400}"));
    BOOST_TEST(canonical("{}") == "{}");
    BOOST_TEST(canonical("[]") == "[]");
}

BOOST_AUTO_TEST_CASE(what_is_not_json_or_is_ambiguous_is_refused) {
    for (std::string_view bad : {"", "{", "{\"a\":1,}", "{'a':1}", "[1 2]", "{\"a\":1}x", "\"\xC3\x28\""}) {
        std::string out = "kept";
        BOOST_TEST(!append_canonical_json(out, bad), bad);
        BOOST_TEST(out == "kept");
    }
    std::string out;
    BOOST_TEST(!append_canonical_json(out, R"({"a":1,"a":2})"));   // which one would count?
    std::string deep(65, '[');
    deep += std::string(65, ']');
    BOOST_TEST(!append_canonical_json(out, deep));
    std::string deep_enough(64, '[');
    deep_enough += std::string(64, ']');
    BOOST_TEST(append_canonical_json(out, deep_enough));
}

BOOST_AUTO_TEST_CASE(the_check_names_each_deviation_and_where) {
    BOOST_TEST(deviation(R"({"a":1,"b":[true,null,"x"],"c":-1.5})") == "");
    BOOST_TEST(deviation(R"({"b":1,"a":2})").starts_with("7: member names not in code-point order"));
    BOOST_TEST(deviation(R"({"a":1,"a":2})").starts_with("7: duplicate member name"));
    BOOST_TEST(deviation(R"({"a": 1})").find("not a JSON value") != std::string::npos);
    BOOST_TEST(deviation("{\"a\":1}\n").find("text after the value") != std::string::npos);
    BOOST_TEST(deviation(R"(["\n"])").find("escape the canonical form does not use") != std::string::npos);
    BOOST_TEST(deviation(R"(["\u000A"])").find("escape") != std::string::npos);   // upper-case hex
    BOOST_TEST(deviation(R"(["\u0041"])").find("escape") != std::string::npos);   // not a control character
    BOOST_TEST(deviation(R"(["\/"])").find("escape") != std::string::npos);
    BOOST_TEST(deviation("[\"\x01\"]").find("control character") != std::string::npos);
    BOOST_TEST(deviation("[\"\xC0\xAF\"]").find("not UTF-8") != std::string::npos);
    BOOST_TEST(deviation("[01]").find("leading zero") != std::string::npos);
    BOOST_TEST(deviation("[1.50]").find("trailing zero") != std::string::npos);
    BOOST_TEST(deviation("[1e2]").find("exponent") != std::string::npos);
    BOOST_TEST(deviation("[-0]").find("-0") != std::string::npos);
    BOOST_TEST(deviation("[" + std::string(65, '1') + "]").find("longer than 64") != std::string::npos);
}

// Any JSON nlohmann can write, in any spelling, comes out canonical and means the same.
BOOST_AUTO_TEST_CASE(random_documents_canonicalise_to_the_same_value_and_stay_put) {
    std::mt19937 rng(7);
    const std::vector<std::string> words{"q6_citizenship", "q7", "Ә", "a\"b", "line\nbreak", "é", "z", "A", "\x1f"};
    std::function<nlohmann::json(int)> make = [&](int depth) -> nlohmann::json {
        switch (rng() % (depth > 3 ? 3 : 5)) {
            case 0: return words[rng() % words.size()];
            case 1: return static_cast<std::int64_t>(rng() % 100000) - 50000;
            case 2: return rng() % 2 == 0;
            case 3: {
                nlohmann::json a = nlohmann::json::array();
                for (unsigned i = rng() % 4; i > 0; --i) a.push_back(make(depth + 1));
                return a;
            }
            default: {
                nlohmann::json o = nlohmann::json::object();
                for (unsigned i = rng() % 5; i > 0; --i) o[words[rng() % words.size()]] = make(depth + 1);
                return o;
            }
        }
    };
    for (int i = 0; i < 300; ++i) {
        nlohmann::json value = nlohmann::json::object({{"k", make(0)}, {"b", make(0)}});
        const std::string text = value.dump(static_cast<int>(rng() % 3) - 1);   // compact or indented
        const std::string c = canonical(text);
        BOOST_TEST(nlohmann::json::parse(c) == value);
        BOOST_TEST(canonical(c) == c);
    }
}

// What the workstation writes for a person whose answers the tablet kept in questionnaire order.
BOOST_AUTO_TEST_CASE(a_person_line_carries_its_answers_sorted) {
    Person p;
    p.uuid = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    p.household_uuid = "11111111-2222-4333-8444-555555555555";
    p.revision = 1;
    p.surname = "Жанбулатов";
    p.answers_json = R"({"q6_citizenship": "KZ", "q13_education": {"level": 5, "field": "07"}, "q7_nationality": "kazakh", "d_note": "a\nb"})";
    std::string line;
    append_person_line(line, p, {"12345678-1234-4234-8234-123456789abc", "KIT-0042", 7, ""});
    BOOST_REQUIRE(line.ends_with("\n"));
    line.pop_back();
    BOOST_TEST(is_canonical_json(line), deviation(line));
    BOOST_TEST(line.starts_with(R"({"answers":{"d_note":"a\u000ab","q13_education":{"field":"07","level":5},"q6_citizenship":"KZ","q7_nationality":"kazakh"},)"),
               line);
    // Not a JSON object although it has the braces (the package reader checks only those): a string.
    p.answers_json = "{not json}";
    line.clear();
    append_person_line(line, p, {"12345678-1234-4234-8234-123456789abc", "KIT-0042", 7, ""});
    BOOST_TEST(line.starts_with(R"({"answers":"{not json}",)"), line);
}

BOOST_AUTO_TEST_CASE(the_receiver_check_names_the_first_line_out_of_form) {
    std::string body = "{\"a\":1}\n{\"b\":2}\n";
    BOOST_TEST(!first_non_canonical_line(body));
    body += "{\"d\":1,\"c\":2}\n";
    auto why = first_non_canonical_line(body);
    BOOST_REQUIRE(why);
    BOOST_TEST(*why == "line 3, byte 8: member names not in code-point order");
}

BOOST_AUTO_TEST_CASE(workstation_ids_are_ws_region_number) {
    for (std::string_view good : {"ws-59-01", "ws-75-12", "ws-10-99"}) BOOST_TEST(is_workstation_id(good), good);
    for (std::string_view bad : {"workstation-59", "ws-59-1", "ws-5-01", "WS-59-01", "ws-59-01 ", "ws-59-001", "ws-ab-01", ""})
        BOOST_TEST(!is_workstation_id(bad), bad);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(receipt_rule)

BOOST_AUTO_TEST_CASE(a_receipt_in_any_spelling_verifies_over_its_canonical_form) {
    auto k = ed25519();
    auto r = parse_receipt(signed_receipt(k, receipt_members()));
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    BOOST_TEST(r->persons == 431);
    BOOST_TEST(r->digest == kDigest);
    BOOST_TEST(receipt_verifies(*r, k.public_pem));
    BOOST_TEST(!receipt_verifies(*r, ed25519().public_pem));
}

BOOST_AUTO_TEST_CASE(unknown_members_are_allowed_ignored_and_signed) {
    auto k = ed25519();
    const std::string text = signed_receipt(k, receipt_members(", \"operator\":{\"shift\":2,\"desk\":\"B\"}"));
    auto r = parse_receipt(text);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    BOOST_TEST(r->signed_text.find("\"operator\":{\"desk\":\"B\",\"shift\":2}") != std::string::npos, r->signed_text);
    BOOST_TEST(receipt_verifies(*r, k.public_pem));
    // Covered by the signature: changed, it no longer verifies.
    std::string changed = text;
    changed.replace(changed.find("\"B\""), 3, "\"C\"");
    BOOST_TEST(!receipt_verifies(*parse_receipt(changed), k.public_pem));
}

BOOST_AUTO_TEST_CASE(the_digest_is_hex_and_the_header_spelling_is_read_too) {
    auto k = ed25519();
    std::string members = receipt_members();
    members.replace(members.find(kDigest), 64, "sha-256=" + kDigest);
    auto r = parse_receipt(signed_receipt(k, members));
    BOOST_REQUIRE(r);
    BOOST_TEST(r->digest == kDigest);
    BOOST_TEST(receipt_verifies(*r, k.public_pem));   // signed as received, prefix included
    std::string upper = receipt_members();
    upper.replace(upper.find(kDigest), 64, std::string(64, 'A'));
    auto refused = parse_receipt(signed_receipt(k, upper));
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.error().detail == "digest is not 64 lower-case hex digits");
}

BOOST_AUTO_TEST_CASE(each_required_member_missing_or_mistyped_is_named) {
    auto k = ed25519();
    auto without = [&](const std::string& name) {
        auto j = nlohmann::json::parse(receipt_members());
        j.erase(name);
        return parse_receipt(signed_receipt(k, j.dump()));
    };
    for (const char* name : {"batch_uuid", "digest", "households", "persons", "received_at", "server"}) {
        auto r = without(name);
        BOOST_REQUIRE_MESSAGE(!r, name);
        BOOST_TEST(r.error().detail.find(name) != std::string::npos, name << ": " << r.error().detail);
    }
    auto j = nlohmann::json::parse(receipt_members());
    auto no_signature = parse_receipt(j.dump());
    BOOST_REQUIRE(!no_signature);
    BOOST_TEST(no_signature.error().detail.find("signature") != std::string::npos);
    j["persons"] = "431";
    BOOST_TEST(!parse_receipt(signed_receipt(k, j.dump())));
    j["persons"] = -1;
    BOOST_TEST(!parse_receipt(signed_receipt(k, j.dump())));
    j["persons"] = 431;
    j["batch_uuid"] = "0F0E0D0C-0B0A-4908-8706-050403020100";
    BOOST_TEST(!parse_receipt(signed_receipt(k, j.dump())));
    j["batch_uuid"] = kUuid;
    j["audit_head"] = {{"seq", 3}, {"hash", "xyz"}};
    BOOST_TEST(!parse_receipt(signed_receipt(k, j.dump())));
    std::string twice_text = receipt_members(", \"server\":\"census-db-2\"");   // nobody can sign what it means
    twice_text.insert(twice_text.rfind('}'), ",\"signature\":\"AAAA\"");
    auto twice = parse_receipt(twice_text);
    BOOST_REQUIRE(!twice);
    BOOST_TEST(twice.error().detail.find("twice") != std::string::npos);
    BOOST_TEST(!parse_receipt("[1]"));
}

BOOST_AUTO_TEST_SUITE_END()
