#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "core/package/format.h"
#include "crypto/crypto.h"
#include "package/package_fixture.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

bool same(const Household& a, const Household& b) {
    return a.uuid == b.uuid && a.revision == b.revision && a.place == b.place && a.kato == b.kato &&
           a.kato_version == b.kato_version && a.street == b.street && a.house == b.house && a.flat == b.flat &&
           a.institution_bin == b.institution_bin && a.institution_type == b.institution_type &&
           a.hotel_name == b.hotel_name && a.household_number == b.household_number && a.answers_json == b.answers_json;
}

bool same(const Person& a, const Person& b) {
    return a.uuid == b.uuid && a.revision == b.revision && a.household_uuid == b.household_uuid && a.iin == b.iin &&
           a.surname == b.surname && a.name == b.name && a.patronymic == b.patronymic && a.sex == b.sex &&
           a.birth_date == b.birth_date && a.relationship == b.relationship && a.residence == b.residence &&
           a.source == b.source && a.answers_json == b.answers_json;
}

void check_same(const Records& want, const Records& got) {
    BOOST_REQUIRE_EQUAL(got.households.size(), want.households.size());
    BOOST_REQUIRE_EQUAL(got.persons.size(), want.persons.size());
    for (std::size_t i = 0; i < want.households.size(); ++i) BOOST_TEST(same(want.households[i], got.households[i]));
    for (std::size_t i = 0; i < want.persons.size(); ++i) BOOST_TEST(same(want.persons[i], got.persons[i]));
}

std::size_t manifest_size(const std::string& pkg) {
    return package::detail::get_u32le(reinterpret_cast<const unsigned char*>(pkg.data()) + 8);
}
std::size_t payload_offset(const std::string& pkg) { return 12 + manifest_size(pkg) + 2 + 64; }

/// Rewrites the manifest and signs it again with `signer` (a tablet app that wrote a bad manifest).
std::string resign(const std::string& pkg, const std::function<void(nlohmann::json&)>& change,
                   std::string_view signer = keys().device.private_pem) {
    using namespace package::detail;
    auto j = nlohmann::json::parse(pkg.substr(12, manifest_size(pkg)));
    change(j);
    std::string manifest = j.dump();
    std::string front = pkg.substr(0, 8);
    put_u32le(front, static_cast<std::uint32_t>(manifest.size()));
    front += manifest;
    auto key = crypto::KeyHandle::from_private_pem(crypto::KeyType::Ed25519, signer);
    auto sig = crypto::ed25519_sign(key, front);
    put_u16le(front, 64);
    return front + *sig + pkg.substr(payload_offset(pkg));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(package_codec)

BOOST_AUTO_TEST_CASE(round_trip_keeps_every_field_and_the_manifest) {
    auto records = sample_records(9, 4);
    std::string pkg = make_package(records);
    BOOST_TEST(pkg.substr(0, 5) == "SQPKG");
    auto out = read_package(pkg);
    BOOST_REQUIRE_MESSAGE(out.ok, out.message_id);
    check_same(records, out.records);
    BOOST_TEST(out.manifest.kit_number == "KIT-0042");
    BOOST_TEST(out.manifest.households == 9);
    BOOST_TEST(out.manifest.persons == 36);
    BOOST_TEST(out.manifest.device_id == package::signing_key_fingerprint(keys().device.public_pem).value());
    BOOST_TEST(out.manifest.payload_size == static_cast<std::int64_t>(pkg.size() - payload_offset(pkg)));

    auto peeked = package::peek_manifest(pkg);
    BOOST_REQUIRE(peeked);
    BOOST_TEST(peeked->payload_sha256 == out.manifest.payload_sha256);
    BOOST_TEST(peeked->sequence == 1);
}

BOOST_AUTO_TEST_CASE(an_empty_package_is_valid) {
    auto out = read_package(make_package({}));
    BOOST_TEST(out.ok);
    BOOST_TEST(out.records.persons.empty());
}

BOOST_AUTO_TEST_CASE(records_straddle_chunks_and_pieces_of_any_size) {
    auto records = sample_records(40, 12);
    std::string pkg = make_package(records, 1024);   // ~80 chunks: most records cross a boundary
    for (std::size_t piece : {1UL, 7UL, 1040UL, 1041UL, 4096UL, 0UL}) {
        auto out = read_package(pkg, piece);
        BOOST_REQUIRE_MESSAGE(out.ok, "piece " << piece << ": " << out.message_id);
        check_same(records, out.records);
    }
}

BOOST_AUTO_TEST_CASE(a_payload_of_exact_chunk_multiples_reads_back) {
    // Grow the records until the plaintext lands on a chunk boundary at least once.
    for (int n = 1; n < 30; ++n) {
        auto records = sample_records(n, 3);
        auto out = read_package(make_package(records, 1024), 333);
        BOOST_REQUIRE_MESSAGE(out.ok, out.message_id);
        check_same(records, out.records);
    }
}

BOOST_AUTO_TEST_CASE(truncation_at_any_offset_fails_cleanly) {
    std::string pkg = make_package(sample_records(20, 5), 1024);
    const std::size_t payload_at = payload_offset(pkg);
    for (std::size_t cut = 0; cut < pkg.size(); cut += (cut < payload_at + 64 ? 1 : 37)) {
        auto out = read_package(std::string_view(pkg).substr(0, cut), 101);
        BOOST_TEST_REQUIRE(!out.ok, "cut at " << cut);
        BOOST_REQUIRE(out.reason.has_value());
        if (cut < payload_at) BOOST_TEST((*out.reason == QuarantineReason::Malformed));
        else BOOST_TEST((*out.reason == QuarantineReason::DigestMismatch), "cut at " << cut);
    }
}

BOOST_AUTO_TEST_CASE(extra_bytes_after_the_payload_are_a_digest_mismatch) {
    std::string pkg = make_package(sample_records(2, 2)) + "X";
    auto out = read_package(pkg);
    BOOST_TEST(!out.ok);
    BOOST_TEST((out.reason == QuarantineReason::DigestMismatch));
}

BOOST_AUTO_TEST_CASE(a_flipped_bit_is_found_where_it_is) {
    const std::string pkg = make_package(sample_records(10, 10), 2048);
    auto flipped = [&](std::size_t at) {
        std::string copy = pkg;
        copy[at] = static_cast<char>(copy[at] ^ 0x04);
        return read_package(copy, 500);
    };
    // Header: magic, version, reserved byte, manifest length.
    BOOST_TEST((flipped(0).reason == QuarantineReason::Malformed));
    auto version = flipped(5);
    BOOST_TEST((version.reason == QuarantineReason::Malformed));
    BOOST_TEST(version.message_id.find("format version") != std::string::npos);
    BOOST_TEST((flipped(7).reason == QuarantineReason::Malformed));
    BOOST_TEST((flipped(9).reason == QuarantineReason::Malformed));
    // Manifest: inside a value the JSON stays valid and the signature catches it; in the syntax
    // the manifest no longer parses.
    std::size_t kit_at = pkg.find("KIT-0042");
    BOOST_REQUIRE(kit_at < payload_offset(pkg));
    auto in_value = flipped(kit_at + 4);
    BOOST_TEST((in_value.reason == QuarantineReason::BadSignature));
    BOOST_TEST((flipped(12).reason == QuarantineReason::Malformed));   // the opening brace
    // Signature.
    BOOST_TEST((flipped(payload_offset(pkg) - 10).reason == QuarantineReason::BadSignature));
    // Payload: first byte, middle, last byte (a tag).
    for (std::size_t at : {payload_offset(pkg), (payload_offset(pkg) + pkg.size()) / 2, pkg.size() - 1}) {
        auto out = flipped(at);
        BOOST_TEST(!out.ok);
        BOOST_TEST((out.reason == QuarantineReason::DigestMismatch), "payload byte " << at);
    }
}

BOOST_AUTO_TEST_CASE(wrong_department_key_is_undecryptable) {
    std::string pkg = make_package(sample_records(3, 3));
    auto out = read_package(pkg, 0, nullptr, &keys().other_department.private_pem);
    BOOST_TEST(!out.ok);
    BOOST_TEST((out.reason == QuarantineReason::Undecryptable));
    BOOST_TEST(out.records.persons.empty());
}

BOOST_AUTO_TEST_CASE(damaged_encryption_parameters_under_a_valid_signature_are_undecryptable) {
    std::string pkg = make_package(sample_records(3, 3));
    std::string bad = resign(pkg, [](nlohmann::json& j) { j["encryption"]["base_nonce"] = "000000000000000000000000"; });
    auto out = read_package(bad);
    BOOST_TEST(!out.ok);
    BOOST_TEST((out.reason == QuarantineReason::Undecryptable));
}

BOOST_AUTO_TEST_CASE(wrong_device_key_is_a_bad_signature) {
    std::string pkg = make_package(sample_records(3, 3));
    auto out = read_package(pkg, 0, &keys().other_device.public_pem);
    BOOST_TEST(!out.ok);
    BOOST_TEST((out.reason == QuarantineReason::BadSignature));
    // Signed by another device that claims our device id: the signature itself fails.
    std::string forged = resign(pkg, [](nlohmann::json&) {}, keys().other_device.private_pem);
    auto forged_out = read_package(forged);
    BOOST_TEST((forged_out.reason == QuarantineReason::BadSignature));
}

BOOST_AUTO_TEST_CASE(record_counts_must_match_the_manifest) {
    std::string pkg = make_package(sample_records(3, 3));
    std::string bad = resign(pkg, [](nlohmann::json& j) { j["persons"] = 10; });
    auto out = read_package(bad);
    BOOST_TEST(!out.ok);
    BOOST_TEST((out.reason == QuarantineReason::Malformed));
    BOOST_TEST(out.message_id.find("households: {}, persons: {}") != std::string::npos);

}

BOOST_AUTO_TEST_CASE(a_broken_record_is_malformed) {
    Records r = sample_records(1, 1);
    r.persons[0].answers_json = "not json";
    auto out = read_package(make_package(r));
    BOOST_TEST(!out.ok);
    BOOST_TEST((out.reason == QuarantineReason::Malformed));
    r.persons[0].answers_json = "{}";
    r.persons[0].uuid = "NOT-A-UUID";
    BOOST_TEST((read_package(make_package(r)).reason == QuarantineReason::Malformed));
}

BOOST_AUTO_TEST_CASE(a_callback_error_stops_reading_and_is_not_a_quarantine) {
    std::string pkg = make_package(sample_records(5, 5));
    package::PackageReader reader(keys().department_encryption.private_pem);
    int seen = 0;
    reader.on_person = [&](const Person&) -> Status {
        if (++seen == 3) return fail(ErrorCode::Cancelled, "stop");
        return {};
    };
    const std::size_t split = payload_offset(pkg) + 10;   // header and a little payload held back
    BOOST_REQUIRE(reader.feed(std::string_view(pkg).substr(0, split)));
    BOOST_REQUIRE(reader.header_ready());
    BOOST_REQUIRE(reader.verify(keys().device.public_pem));
    auto st = reader.feed(std::string_view(pkg).substr(split));
    BOOST_REQUIRE(!st);
    BOOST_TEST((st.error().code == ErrorCode::Cancelled));
    BOOST_TEST(reader.failure() == nullptr);
    BOOST_TEST(seen == 3);
    BOOST_TEST(!reader.finish());
}

BOOST_AUTO_TEST_CASE(garbage_is_not_a_package) {
    BOOST_TEST((read_package("hello, world").reason == QuarantineReason::Malformed));
    BOOST_TEST((read_package("").reason == QuarantineReason::Malformed));
    BOOST_TEST(!package::peek_manifest("SQPKG"));
    std::string big_length = std::string("SQPKG\x01\x00\x00", 8) + std::string("\xff\xff\xff\x7f", 4);
    BOOST_TEST((read_package(big_length).reason == QuarantineReason::Malformed));
}

BOOST_AUTO_TEST_CASE(writer_refuses_unusable_keys) {
    package::PackageWriter writer(sample_manifest(), "not a key", keys().device.private_pem);
    BOOST_TEST(!writer.add(sample_household(0)));
    BOOST_TEST(!writer.finish());
}

BOOST_AUTO_TEST_CASE(department_public_file_round_trips) {
    package::DepartmentPublicKeys k{keys().department_encryption.public_pem, keys().department_signing.public_pem};
    std::string text = package::department_public_file(k);
    auto parsed = package::parse_department_public_file(text);
    BOOST_REQUIRE(parsed);
    BOOST_TEST(parsed->encryption_public_pem == k.encryption_public_pem);
    BOOST_TEST(parsed->signing_public_pem == k.signing_public_pem);
    BOOST_TEST(!package::parse_department_public_file(k.signing_public_pem));
    auto fp = package::encryption_key_fingerprint(k.encryption_public_pem);
    BOOST_REQUIRE(fp);
    BOOST_TEST(fp->size() == 64u);
    BOOST_TEST(!package::signing_key_fingerprint(k.encryption_public_pem));   // wrong kind
}

BOOST_AUTO_TEST_SUITE_END()
