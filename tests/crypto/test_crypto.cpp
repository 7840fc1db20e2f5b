// Known answers from the standards, so a wrong wiring of OpenSSL (a wrong digest, the salt and the
// key swapped, a tag not checked) fails here rather than in a stored workspace.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "crypto/crypto.h"

using namespace sanaq::crypto;

namespace {

std::string unhex(std::string_view hex) {
    auto bytes = from_hex(hex);
    BOOST_REQUIRE(bytes.has_value());
    return *bytes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crypto_hashes)

BOOST_AUTO_TEST_CASE(sha256_of_abc_is_the_fips_180_answer) {
    const std::string expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    BOOST_CHECK_EQUAL(sha256_hex("abc"), expected);
    BOOST_CHECK_EQUAL(to_hex(sha256(std::string("abc"))), expected);
    BOOST_CHECK_EQUAL(to_hex(sha256_raw(std::string_view("abc"))), expected);
    BOOST_CHECK_EQUAL(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_CASE(incremental_sha256_equals_one_shot) {
    Sha256 pieces;
    pieces.update("a");
    pieces.update("");
    pieces.update(std::vector<unsigned char>{'b', 'c'});
    BOOST_CHECK_EQUAL(pieces.final_hex(), sha256_hex("abc"));
}

BOOST_AUTO_TEST_CASE(hmac_sha256_rfc4231_cases_1_and_2) {
    const std::string key1(20, '\x0b');
    BOOST_CHECK_EQUAL(to_hex(hmac_sha256(key1, "Hi There")),
                      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    BOOST_CHECK_EQUAL(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
                      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(hkdf_sha256_rfc5869_case_1) {
    const std::string ikm(22, '\x0b');
    const std::string salt = unhex("000102030405060708090a0b0c");
    const std::string info = unhex("f0f1f2f3f4f5f6f7f8f9");
    auto okm = hkdf_sha256(ikm, salt, info, 42);
    BOOST_REQUIRE(okm.has_value());
    BOOST_CHECK_EQUAL(to_hex(*okm),
                      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    // The 256-bit form is the first 32 bytes of the same output.
    auto key = hkdf_sha256_key(ikm, salt, info);
    BOOST_REQUIRE(key.has_value());
    BOOST_CHECK_EQUAL(key->hex(), to_hex(okm->substr(0, 32)));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(crypto_encodings)

BOOST_AUTO_TEST_CASE(base64_rfc4648_vectors_both_ways) {
    const std::pair<std::string, std::string> vectors[] = {
        {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : vectors) {
        BOOST_CHECK_EQUAL(to_base64(plain), encoded);
        auto decoded = from_base64(encoded);
        BOOST_REQUIRE(decoded.has_value());
        BOOST_CHECK_EQUAL(*decoded, plain);
        auto bytes = from_base64_bytes(encoded);
        BOOST_REQUIRE(bytes.has_value());
        BOOST_CHECK_EQUAL(std::string(bytes->begin(), bytes->end()), plain);
    }
}

BOOST_AUTO_TEST_CASE(base64_refuses_what_is_not_base64) {
    BOOST_CHECK(!from_base64("Zm9").has_value());      // not a multiple of 4
    BOOST_CHECK(!from_base64("Zm9v\n").has_value());   // whitespace
    BOOST_CHECK(!from_base64(" Zm8=").has_value());
    BOOST_CHECK(!from_base64("Zm*v").has_value());     // outside the alphabet
}

BOOST_AUTO_TEST_CASE(hex_round_trips_and_refuses_odd_or_foreign_text) {
    BOOST_CHECK_EQUAL(to_hex(std::string("\x00\xff\x10", 3)), "00ff10");
    BOOST_CHECK_EQUAL(*from_hex("00FF10"), std::string("\x00\xff\x10", 3));
    BOOST_CHECK((*from_hex_bytes("0aff") == std::vector<unsigned char>{0x0a, 0xff}));
    BOOST_CHECK(!from_hex("abc").has_value());
    BOOST_CHECK(!from_hex("zz").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(crypto_secrets)

BOOST_AUTO_TEST_CASE(wipe_empties_a_string_and_a_moved_key_is_zero) {
    std::string password = "correct horse battery staple";
    wipe(password);
    BOOST_CHECK(password.empty());

    auto key = SecretKey::random();
    BOOST_REQUIRE(key.has_value());
    const std::string before = key->hex();
    SecretKey moved = std::move(*key);
    BOOST_CHECK_EQUAL(moved.hex(), before);
    BOOST_CHECK_EQUAL(key->hex(), std::string(64, '0'));
    BOOST_CHECK_EQUAL(copy_key(moved).hex(), before);
}

BOOST_AUTO_TEST_CASE(random_bytes_differ_between_calls) {
    auto a = random_bytes(32), b = random_bytes(32);
    BOOST_REQUIRE(a && b);
    BOOST_CHECK_EQUAL(a->size(), 32u);
    BOOST_CHECK((*a != *b));
}

BOOST_AUTO_TEST_CASE(aes256gcm_round_trip_and_any_tampering_is_refused) {
    auto key = SecretKey::random();
    BOOST_REQUIRE(key.has_value());
    const std::vector<unsigned char> nonce(12, 7);
    const std::string plain = "the department's key";
    auto sealed = aes256gcm_seal(*key, nonce, plain, "aad");
    BOOST_REQUIRE(sealed.has_value());
    BOOST_CHECK_EQUAL(sealed->tag.size(), 16u);

    std::string out(plain.size(), '\0');
    BOOST_CHECK(aes256gcm_open(*key, nonce, *sealed, "aad", reinterpret_cast<unsigned char*>(out.data()),
                               out.size()));
    BOOST_CHECK_EQUAL(out, plain);

    auto tampered = *sealed;
    tampered.tag[0] ^= 1;
    std::string untouched(plain.size(), 'x');
    BOOST_CHECK(!aes256gcm_open(*key, nonce, tampered, "aad", reinterpret_cast<unsigned char*>(untouched.data()),
                                untouched.size()));
    BOOST_CHECK_EQUAL(untouched, std::string(plain.size(), 'x'));

    tampered = *sealed;
    tampered.ciphertext[0] ^= 1;
    BOOST_CHECK(!aes256gcm_open(*key, nonce, tampered, "aad", reinterpret_cast<unsigned char*>(out.data()),
                                out.size()));
    BOOST_CHECK(!aes256gcm_open(*key, nonce, *sealed, "other aad", reinterpret_cast<unsigned char*>(out.data()),
                                out.size()));
    auto other = SecretKey::random();
    BOOST_CHECK(!aes256gcm_open(*other, nonce, *sealed, "aad", reinterpret_cast<unsigned char*>(out.data()),
                                out.size()));
}

BOOST_AUTO_TEST_CASE(aes256gcm_refuses_a_key_that_is_not_256_bits) {
    const std::vector<unsigned char> nonce(12, 0);
    BOOST_CHECK(!aes256gcm_seal(std::string(16, 'k'), nonce, "x", "").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(crypto_keys)

// RFC 8032 §7.1, TEST 1: the empty message.
BOOST_AUTO_TEST_CASE(ed25519_rfc8032_test_1) {
    const std::string seed = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    const std::string public_key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const std::string signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595"
        "bbe24655141438e7a100b";
    auto key = KeyHandle::from_private_raw(KeyType::Ed25519, seed);
    BOOST_REQUIRE(key);
    BOOST_CHECK_EQUAL(to_hex(key.public_raw()), public_key);
    auto sig = ed25519_sign(key, "");
    BOOST_REQUIRE(sig.has_value());
    BOOST_CHECK_EQUAL(to_hex(*sig), signature);

    auto verifier = KeyHandle::from_public_raw(KeyType::Ed25519, unhex(public_key));
    BOOST_REQUIRE(verifier);
    BOOST_CHECK(ed25519_verify(verifier, "", *sig));
    BOOST_CHECK(!ed25519_verify(verifier, "x", *sig));
    std::string altered = *sig;
    altered[0] ^= 1;
    BOOST_CHECK(!ed25519_verify(verifier, "", altered));
    BOOST_CHECK(!ed25519_verify(verifier, "", sig->substr(0, 63)));
}

// RFC 7748 §6.1: both sides agree on the same secret.
BOOST_AUTO_TEST_CASE(x25519_rfc7748_agreement) {
    auto alice = KeyHandle::from_private_raw(
        KeyType::X25519, unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    auto bob = KeyHandle::from_private_raw(
        KeyType::X25519, unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    BOOST_REQUIRE(alice && bob);
    auto bob_public = KeyHandle::from_public_raw(KeyType::X25519, bob.public_raw());
    auto alice_public = KeyHandle::from_public_raw(KeyType::X25519, alice.public_raw());
    auto ab = x25519_derive(alice, bob_public), ba = x25519_derive(bob, alice_public);
    BOOST_REQUIRE(ab && ba);
    const std::string expected = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    BOOST_CHECK_EQUAL(to_hex(ab->view()), expected);
    BOOST_CHECK_EQUAL(to_hex(ba->view()), expected);
    // A small-order peer (the all-zero point) is refused.
    auto zero = KeyHandle::from_public_raw(KeyType::X25519, std::string(32, '\0'));
    BOOST_CHECK(!x25519_derive(alice, zero).has_value());
}

BOOST_AUTO_TEST_CASE(pem_round_trip_keeps_the_key_and_its_type) {
    auto key = KeyHandle::generate(KeyType::Ed25519);
    BOOST_REQUIRE(key);
    auto loaded = KeyHandle::from_private_pem(KeyType::Ed25519, key.private_pem());
    BOOST_REQUIRE(loaded);
    BOOST_CHECK_EQUAL(to_hex(loaded.public_raw()), to_hex(key.public_raw()));
    auto pub = KeyHandle::from_public_pem(KeyType::Ed25519, key.public_pem());
    BOOST_REQUIRE(pub);
    BOOST_CHECK(!KeyHandle::from_public_pem(KeyType::X25519, key.public_pem()));
    BOOST_CHECK(!KeyHandle::from_private_pem(KeyType::Ed25519, "not a key"));
    SecretKey raw;
    BOOST_CHECK(key.private_raw(raw));
    BOOST_CHECK(!pub.private_raw(raw));
}

BOOST_AUTO_TEST_SUITE_END()
