// The protocol's shared pieces on their own: the batch body both sides read, gzip, signatures
// and receipts. The client and receiver suites test them again over real TLS.
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <nlohmann/json.hpp>

#include "upstream/protocol/batch_body.h"
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
    r.signature = base64_encode(*sig);
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
    parsed->persons = 2;
    BOOST_TEST(!receipt_verifies(*parsed, pub));
    BOOST_TEST(!parse_receipt("{\"batch_uuid\":1}"));
}

BOOST_AUTO_TEST_CASE(error_bodies_and_base64) {
    auto e = parse_error_body(error_body("digest_mismatch", "the digest \"x\" differs"));
    BOOST_TEST(e.code == "digest_mismatch");
    BOOST_TEST(e.message == "the digest \"x\" differs");
    BOOST_TEST(parse_error_body("<html>Bad gateway</html>").message == "<html>Bad gateway</html>");
    for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
        BOOST_TEST(base64_decode(base64_encode(s)).value_or("?") == s);
    BOOST_TEST(!base64_decode("abc"));
    BOOST_TEST(batch_signing_text("u", "d") == "sanaq-batch-v1\nu\nd\n");
}

BOOST_AUTO_TEST_SUITE_END()
