// The protocol's shared pieces on their own: the batch body both sides read, gzip, signatures
// and receipts. The client and receiver suites test them again over real TLS.
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <random>

#include <nlohmann/json.hpp>

#include "crypto/crypto.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/canonical_json.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/receipt.h"

using namespace sanaq;
using namespace sanaq::upstream;

namespace {

Household household() {
    Household h;
    h.uuid = "11111111-2222-4333-8444-555555555555";
    h.revision = 2;
    h.place = HouseholdPlace::Institution;
    h.kato = "751110000";
    h.institution_bin = "990340000123";
    h.answers_json = R"({"h1":"2","h2":"жатақхана"})";
    return h;
}

Person person() {
    Person p;
    p.uuid = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    p.household_uuid = household().uuid;
    p.surname = "Әбдіқадыров \"Дос\"\\";
    p.name = "Ерлан\n";
    p.iin = "900101300123";
    p.birth_date = "1990-01-01";
    return p;
}

std::string sample_body(std::int64_t households = 1, std::int64_t persons = 1) {
    std::string body;
    append_manifest_line(body, {"0f0e0d0c-0b0a-4908-8706-050403020100", "ws-59-01", "2026-10-05T11:02:13Z",
                                households, persons});
    RecordProvenance from{"12345678-1234-4234-8234-123456789abc", "KIT-0042", 7, ""};
    append_household_line(body, household(), from);
    append_person_line(body, person(), from);
    return body;
}

std::string generated_ed25519_pem(bool private_half) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    BIO* bio = BIO_new(BIO_s_mem());
    if (private_half)
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    else
        PEM_write_bio_PUBKEY(bio, key);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(protocol)

BOOST_AUTO_TEST_CASE(record_lines_are_json_with_sorted_keys_and_parse_back) {
    std::string body = sample_body();
    auto parsed = parse_batch_body(body);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), (parsed ? std::string() : parsed.error().detail));
    BOOST_TEST(parsed->manifest.workstation == "ws-59-01");
    BOOST_REQUIRE_EQUAL(parsed->records.size(), 2u);
    BOOST_TEST(parsed->records[0].household);
    BOOST_TEST(parsed->records[0].revision == 2);
    BOOST_TEST(parsed->records[1].uuid == person().uuid);

    // Every line is JSON whose values survive the escaping, keys in code-point order.
    std::size_t second_nl = body.find('\n', body.find('\n') + 1);
    std::string person_line = body.substr(second_nl + 1, body.size() - second_nl - 2);
    auto j = nlohmann::json::parse(person_line);
    BOOST_TEST(j["surname"].get<std::string>() == person().surname);
    BOOST_TEST(j["name"].get<std::string>() == "Ерлан\n");
    BOOST_TEST(j["kit"].get<std::string>() == "KIT-0042");
    // nlohmann sorts keys the same way; it writes \n where the spec asks for \u000a.
    std::string theirs = j.dump();
    theirs.replace(theirs.find("\\n"), 2, "\\u000a");
    BOOST_TEST(theirs == person_line);
    BOOST_TEST(person_line.find("\\u000a") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bodies_that_lie_or_break_are_refused_with_the_line) {
    BOOST_TEST(is_canonical_uuid("0f0e0d0c-0b0a-4908-8706-050403020100"));
    BOOST_TEST(!is_canonical_uuid("0F0E0D0C-0B0A-4908-8706-050403020100"));
    BOOST_TEST(!is_canonical_uuid("0f0e0d0c0b0a49088706050403020100"));
    BOOST_TEST(!parse_batch_body(""));
    std::string body = sample_body();
    BOOST_TEST(!parse_batch_body(body.substr(0, body.size() - 1)));      // no final newline
    BOOST_TEST(!parse_batch_body(body.substr(0, body.size() - 20) + "\n"));   // cut line
    auto wrong_count = parse_batch_body(sample_body(1, 2));
    BOOST_REQUIRE(!wrong_count);
    BOOST_TEST(wrong_count.error().detail.find("announces") != std::string::npos);
    std::string reordered;
    append_manifest_line(reordered, {"0f0e0d0c-0b0a-4908-8706-050403020100", "ws-59-01", "x", 1, 1});
    append_person_line(reordered, person(), {});
    append_household_line(reordered, household(), {});
    BOOST_TEST(!parse_batch_body(reordered));
}

// The fast scanner in front of nlohmann (the answers check when a batch is formed, every line the
// receiver reads) must never say yes where nlohmann says no, and parse_batch_body must read
// exactly what nlohmann's parser alone reads. Known texts first, then random mutations of them.
BOOST_AUTO_TEST_CASE(the_fast_json_scanner_agrees_with_nlohmann) {
    std::string body = sample_body();
    std::vector<std::string> seeds{
        R"({"h1":"2","h2":"жатақхана"})",
        R"({"a":[1,-2,3.25,0,-0,0.5,true,false,null,{"b":[]},{}],"c":"\"\\\/\b\f\n\r\t","d":{"e":{"f":[[[]]]}}})",
        R"( { "k" : 123456789012345678 , "l" : -123456789012345678 } )",
        "{\"x\":\"\xF0\x9F\x98\x80 \xE2\x82\xAC \xC3\xA9 \xED\x9F\xBF \xEF\xBF\xBF \xF4\x8F\xBF\xBF\x7F\"}",
        R"({"u":"\u0041\ud83d\ude00","n":1e5,"m":1.5E-3,"big":1234567890123456789012})",
        R"({"type":"person","uuid":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee","revision":3})",
    };
    std::size_t line_start = 0;
    for (int i = 0; i < 3; ++i) {
        std::size_t end = body.find('\n', line_start);
        seeds.push_back(body.substr(line_start, end - line_start));
        line_start = end + 1;
    }
    // Texts nlohmann refuses (or takes in ways the scanner leaves to it).
    std::vector<std::string> odd{"{", "}", "{}}", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}",
                                 "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":tru}",
                                 "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}",
                                 "{\"a\":\"\x01\"}", "{\"a\":\"\xC0\xAF\"}", "{\"a\":\"\xED\xA0\x80\"}",
                                 "{\"a\":\"\xF4\x90\x80\x80\"}", "{\"a\":\"\xE2\x82\"}", "{\"a\":1e999}",
                                 std::string("{}\0x", 4), "\xEF\xBB\xBF{}", "{} {}", "[1,2]", "\"a\"", "7", ""};
    for (const auto& text : odd) seeds.push_back(text);
    std::string deep(100, '[');
    deep += std::string(100, ']');
    seeds.push_back("{\"d\":" + deep + "}");

    auto check_text = [](const std::string& text) {
        const bool theirs = nlohmann::json::accept(text);
        if (detail::fast_json_accepts(text)) BOOST_TEST_REQUIRE(theirs, "the scanner accepts what nlohmann refuses: " << text);
        // What a formed batch carries: the answers in their canonical form when they are a JSON
        // object (without a name twice), else as a string; the line canonical either way.
        Household h = household();
        h.answers_json = text;
        std::string line;
        append_household_line(line, h, {});
        std::string expected;
        if (text.empty())
            expected = "{}";
        else if (text.front() != '{' || !append_canonical_json(expected, text))
            append_json_string(expected, text);
        if (!text.empty() && text.front() == '{' && expected.front() == '{') BOOST_TEST_REQUIRE(theirs, text);
        BOOST_TEST_REQUIRE(line.starts_with("{\"answers\":" + expected + ","), "answers " << text);
        BOOST_TEST_REQUIRE(is_canonical_json(std::string_view(line).substr(0, line.size() - 1)), "answers " << text);
    };
    auto check_body = [](const std::string& line) {
        std::string body;
        append_manifest_line(body, {"0f0e0d0c-0b0a-4908-8706-050403020100", "ws-59-01", "2026-10-05T11:02:13Z", 0, 1});
        body += line;
        body += '\n';
        auto fast = parse_batch_body(body);
        auto slow = detail::parse_batch_body_with_nlohmann_only(body);
        BOOST_TEST_REQUIRE(fast.has_value() == slow.has_value(), "line " << line);
        if (!fast) {
            BOOST_TEST_REQUIRE(fast.error().detail == slow.error().detail, "line " << line);
            return;
        }
        BOOST_TEST_REQUIRE(fast->records.size() == slow->records.size());
        for (std::size_t i = 0; i < fast->records.size(); ++i) {
            BOOST_TEST_REQUIRE(fast->records[i].household == slow->records[i].household);
            BOOST_TEST_REQUIRE(fast->records[i].uuid == slow->records[i].uuid);
            BOOST_TEST_REQUIRE(fast->records[i].revision == slow->records[i].revision);
        }
    };
    for (const auto& text : seeds) {
        check_text(text);
        check_body(text);
    }
    BOOST_TEST(detail::fast_json_accepts(seeds[0]));
    BOOST_TEST(detail::fast_json_accepts(seeds[1]));
    BOOST_TEST(detail::fast_json_accepts(seeds[3]));
    BOOST_TEST(!detail::fast_json_accepts(seeds[4]));   // \u escapes and exponents: nlohmann's to decide

    // Random edits of the seeds, with the characters JSON turns on.
    const char bytes[] = "\x00\x01\x1f\x7f\x80\xbf\xc0\xc2\xdf\xe0\xa0\xed\x9f\xef\xf0\x90\xf4\x8f\xff";
    const std::string alphabet =
        std::string("{}[]\":,\\ \t\n\r0123456789-+.eEtrufalsnxu/bd") + std::string(bytes, sizeof bytes - 1);
    std::mt19937 rng(20261005);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % std::max<std::size_t>(n, 1)); };
    for (int i = 0; i < 40000; ++i) {
        std::string text = seeds[pick(seeds.size())];
        for (int edits = 1 + static_cast<int>(pick(3)); edits > 0; --edits) {
            const char c = alphabet[pick(alphabet.size())];
            switch (pick(4)) {
                case 0: if (!text.empty()) text[pick(text.size())] = c; break;
                case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(pick(text.size() + 1)), c); break;
                case 2: if (!text.empty()) text.erase(pick(text.size()), 1 + pick(3)); break;
                default: {
                    const std::size_t from = pick(text.size()), n = pick(12);
                    text.insert(pick(text.size() + 1), text.substr(from, n));
                }
            }
        }
        check_text(text);
        if (text.find('\n') == std::string::npos) check_body(text);
    }
}

BOOST_AUTO_TEST_CASE(gzip_round_trips_and_refuses_truncation_and_bombs) {
    std::string body;
    for (int i = 0; i < 2000; ++i) body += sample_body();
    std::string packed = gzip_compress(body);
    BOOST_TEST(packed.size() < body.size() / 4);
    auto back = gzip_decompress(packed, body.size());
    BOOST_REQUIRE(back);
    BOOST_TEST(*back == body);
    BOOST_TEST(!gzip_decompress(packed.substr(0, packed.size() / 2), body.size()));
    BOOST_TEST(!gzip_decompress(packed, body.size() - 1));   // larger than allowed
    BOOST_TEST(!gzip_decompress("not gzip at all", 1000));
    // The receiver answers 413 for a body over the limit and 400 for one that is not gzip.
    bool too_large = false;
    BOOST_TEST(!gzip_decompress(packed, body.size() - 1, &too_large));
    BOOST_TEST(too_large);
    BOOST_TEST(!gzip_decompress(packed.substr(0, packed.size() / 2), body.size(), &too_large));
    BOOST_TEST(!too_large);
    BOOST_TEST(gzip_decompress(packed, body.size(), &too_large).has_value());
    BOOST_TEST(!too_large);
}

BOOST_AUTO_TEST_CASE(receipts_verify_only_with_the_right_key_and_content) {
    std::string priv = generated_ed25519_pem(true);
    Receipt r{"0f0e0d0c-0b0a-4908-8706-050403020100", std::string(64, 'a'), 1, 1, "2026-10-05T11:02:15Z",
              "census-db-1", ""};
    auto sig = sign_with_private_pem(priv, receipt_signed_text(r));
    BOOST_REQUIRE(sig);
    r.signature = sanaq::crypto::to_base64(*sig);
    auto parsed = parse_receipt(receipt_json(r));
    BOOST_REQUIRE(parsed);
    // The public half, derived from the private key.
    BIO* bio = BIO_new_mem_buf(priv.data(), static_cast<int>(priv.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO* out = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(out, key);
    char* data = nullptr;
    std::string pub(data, static_cast<std::size_t>(BIO_get_mem_data(out, &data)));
    pub.assign(data, pub.size());
    BIO_free(out);
    BIO_free(bio);
    EVP_PKEY_free(key);
    BOOST_TEST(receipt_verifies(*parsed, pub));
    BOOST_TEST(!receipt_verifies(*parsed, generated_ed25519_pem(false)));
    // A parsed receipt is verified over what was received: a changed count does not verify.
    std::string tampered = receipt_json(r);
    tampered.replace(tampered.find("\"persons\":1"), 11, "\"persons\":2");
    auto changed = parse_receipt(tampered);
    BOOST_REQUIRE(changed);
    BOOST_TEST(!receipt_verifies(*changed, pub));
    BOOST_TEST(!parse_receipt("{\"batch_uuid\":1}"));

    // The witnessed audit head: first in code-point order, under the signature.
    parsed->persons = 1;
    parsed->audit_head = AuditHeadRef{1234, std::string(64, 'b')};
    parsed->signature = sanaq::crypto::to_base64(*sign_with_private_pem(priv, receipt_signed_text(*parsed)));
    const auto text = receipt_json(*parsed);
    BOOST_TEST(text.starts_with("{\"audit_head\":{\"hash\":\"" + std::string(64, 'b') + "\",\"seq\":1234},\"batch_uuid\""), text);
    auto witnessed = parse_receipt(text);
    BOOST_REQUIRE(witnessed);
    BOOST_TEST((witnessed->audit_head == parsed->audit_head));
    BOOST_TEST(receipt_verifies(*witnessed, pub));
    std::string rewritten = text;
    rewritten.replace(rewritten.find("1234"), 4, "1233");
    BOOST_TEST(!receipt_verifies(*parse_receipt(rewritten), pub));
}

BOOST_AUTO_TEST_CASE(audit_head_headers_have_one_spelling) {
    const std::string hash(64, 'c');
    BOOST_TEST(audit_head_header({42, hash}) == "42:" + hash);
    BOOST_TEST((parse_audit_head_header("42:" + hash) == AuditHeadRef{42, hash}));
    for (const std::string& bad : std::vector<std::string>{"", ":" + hash, "042:" + hash, "-1:" + hash, "42:" + std::string(63, 'c'),
                                  "42:" + std::string(64, 'C'), "42;" + hash, "4x:" + hash,
                                  "1234567890123456789:" + hash})
        BOOST_TEST(!parse_audit_head_header(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(error_bodies_and_base64) {
    auto e = parse_error_body(error_body("digest_mismatch", "the digest \"x\" differs"));
    BOOST_TEST(e.code == "digest_mismatch");
    BOOST_TEST(e.message == "the digest \"x\" differs");
    BOOST_TEST(parse_error_body("<html>Bad gateway</html>").message == "<html>Bad gateway</html>");
    for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
        BOOST_TEST(sanaq::crypto::from_base64(sanaq::crypto::to_base64(s)).value_or("?") == s);
    BOOST_TEST(!sanaq::crypto::from_base64("abc"));
    BOOST_TEST(batch_signing_text("u", "d") == "sanaq-batch-v1\nu\nd\n");
}

BOOST_AUTO_TEST_SUITE_END()
