// The public-key primitives of the key hierarchy, against the RFCs' own test vectors and against
// every way a sealed key or a signature can be altered.
#include <boost/test/unit_test.hpp>

#include "db/public_key_crypto.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

db::SecretKey secret_from_hex(std::string_view hex) {
    auto bytes = sanaq::crypto::from_hex_bytes(hex);
    BOOST_REQUIRE(bytes && bytes->size() == db::SecretKey::kSize);
    db::SecretKey key;
    std::copy(bytes->begin(), bytes->end(), key.data());
    return key;
}

template <std::size_t N>
std::string hex_of(const std::array<unsigned char, N>& bytes) {
    return sanaq::crypto::to_hex(bytes);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(public_key_crypto)

BOOST_AUTO_TEST_CASE(ed25519_matches_rfc_8032_test_1) {
    const auto seed = secret_from_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    const auto pub = must(db::signing_public_key(seed));
    BOOST_TEST(hex_of(pub) == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    const auto sig = must(db::ed25519_sign(seed, ""));
    BOOST_TEST(hex_of(sig) ==
               "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
               "d25bf5f0595bbe24655141438e7a100b");
    BOOST_TEST(db::ed25519_verify(pub, "", sig));
}

BOOST_AUTO_TEST_CASE(a_signature_fails_for_another_message_key_or_a_flipped_bit) {
    auto pair = must(db::generate_signing_pair());
    auto other = must(db::generate_signing_pair());
    auto sig = must(db::ed25519_sign(pair.seed, "roster generation 4"));
    BOOST_TEST(db::ed25519_verify(pair.public_key, "roster generation 4", sig));
    BOOST_TEST(!db::ed25519_verify(pair.public_key, "roster generation 5", sig));
    BOOST_TEST(!db::ed25519_verify(other.public_key, "roster generation 4", sig));
    sig[10] ^= 0x01;
    BOOST_TEST(!db::ed25519_verify(pair.public_key, "roster generation 4", sig));
    BOOST_TEST(!db::ed25519_verify(db::PublicKey{}, "roster generation 4", sig));
}

BOOST_AUTO_TEST_CASE(x25519_public_keys_match_rfc_7748) {
    const auto alice = secret_from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    const auto bob = secret_from_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    BOOST_TEST(hex_of(must(db::agreement_public_key(alice))) ==
               "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    BOOST_TEST(hex_of(must(db::agreement_public_key(bob))) ==
               "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
}

BOOST_AUTO_TEST_CASE(hkdf_matches_rfc_5869_test_1) {
    const std::vector<unsigned char> ikm(22, 0x0b);
    const auto salt = *sanaq::crypto::from_hex_bytes("000102030405060708090a0b0c");
    const auto info = *sanaq::crypto::from_hex_bytes("f0f1f2f3f4f5f6f7f8f9");
    const auto okm = must(db::hkdf_sha256_key(ikm.data(), ikm.size(), std::string(salt.begin(), salt.end()),
                                              std::string(info.begin(), info.end())));
    // The first 32 of the RFC's 42 output bytes (HKDF-Expand's first block).
    BOOST_TEST(okm.hex() == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
}

BOOST_AUTO_TEST_CASE(a_sealed_key_opens_only_for_its_recipient_and_context) {
    auto recipient = must(db::generate_agreement_pair());
    auto stranger = must(db::generate_agreement_pair());
    auto part_key = must(db::random_key());
    const auto sealed = must(db::seal_key_to(recipient.public_key, part_key, "ws", "grant", "slot|census|1"));

    db::SecretKey opened;
    BOOST_REQUIRE(db::open_sealed_key(recipient.private_key, sealed, "ws", "grant", "slot|census|1", opened));
    BOOST_TEST(opened.hex() == part_key.hex());

    db::SecretKey untouched;
    BOOST_TEST(!db::open_sealed_key(stranger.private_key, sealed, "ws", "grant", "slot|census|1", untouched));
    BOOST_TEST(!db::open_sealed_key(recipient.private_key, sealed, "ws2", "grant", "slot|census|1", untouched));
    BOOST_TEST(!db::open_sealed_key(recipient.private_key, sealed, "ws", "grant2", "slot|census|1", untouched));
    BOOST_TEST(!db::open_sealed_key(recipient.private_key, sealed, "ws", "grant", "slot|dept|1", untouched));
    auto altered = sealed;
    altered.ephemeral_public[3] ^= 0x40;
    BOOST_TEST(!db::open_sealed_key(recipient.private_key, altered, "ws", "grant", "slot|census|1", untouched));
    altered = sealed;
    altered.ciphertext[0] ^= 1;
    BOOST_TEST(!db::open_sealed_key(recipient.private_key, altered, "ws", "grant", "slot|census|1", untouched));
    altered = sealed;
    altered.tag[15] ^= 1;
    BOOST_TEST(!db::open_sealed_key(recipient.private_key, altered, "ws", "grant", "slot|census|1", untouched));
    altered = sealed;
    altered.nonce[0] ^= 1;
    BOOST_TEST(!db::open_sealed_key(recipient.private_key, altered, "ws", "grant", "slot|census|1", untouched));
    BOOST_TEST(untouched.hex() == std::string(64, '0'));
    // A small-order point is refused rather than sealing under an all-zero secret.
    BOOST_TEST(!db::seal_key_to(db::PublicKey{}, part_key, "ws", "grant", "aad").has_value());
}

BOOST_AUTO_TEST_CASE(key_ids_name_a_key_without_revealing_it) {
    auto a = must(db::random_key());
    auto b = must(db::random_key());
    const auto id = db::key_id(a);
    BOOST_TEST(id.size() == 32u);
    BOOST_TEST(id == db::key_id(a));
    BOOST_TEST(id != db::key_id(b));
    BOOST_TEST(a.hex().find(id) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
