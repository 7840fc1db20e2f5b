// The reference receiver sanaq-upstream, as a client sees it over real mutual TLS on loopback:
// the answers of the spec's "Responses" table, idempotency by batch UUID, durability across a
// restart, the handshake refusals, and the deliberate faults the client tests rely on.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <variant>

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include <fmt/format.h>

#include "core/domain/census.h"
#include "crypto/crypto.h"
#include "support/temp_dir.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/receipt.h"
#include "support/raw_put.h"
#include "support/receiver_fixture.h"

using namespace sanaq;
using namespace sanaq::upstream;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

std::string uuid(unsigned group, unsigned n) { return fmt::format("{:08x}-0000-4000-8000-{:012x}", group, n); }

// One household and its persons; `tag` changes the content (and so the digest) only.
struct HouseholdSpec {
    std::string uuid;
    int revision = 1;
    std::vector<std::string> persons;
    std::string tag;
};

std::string batch_body(const std::string& batch_uuid, const std::vector<HouseholdSpec>& households,
                       const std::string& workstation = "ws-59-01") {
    std::int64_t persons = 0;
    for (const auto& h : households) persons += static_cast<std::int64_t>(h.persons.size());
    std::string body;
    append_manifest_line(body, {batch_uuid, workstation, "2026-10-05T11:02:13Z",
                                static_cast<std::int64_t>(households.size()), persons});
    RecordProvenance from{"12345678-1234-4234-8234-123456789abc", "KIT-0042", 7, ""};
    for (const auto& spec : households) {
        Household h;
        h.uuid = spec.uuid;
        h.revision = spec.revision;
        h.place = HouseholdPlace::Institution;
        h.kato = "751110000";
        h.answers_json = fmt::format(R"({{"tag":"{}"}})", spec.tag);
        append_household_line(body, h, from);
    }
    for (const auto& spec : households)
        for (const auto& p_uuid : spec.persons) {
            Person p;
            p.uuid = p_uuid;
            p.revision = spec.revision;
            p.household_uuid = spec.uuid;
            p.surname = "Әбдіқадыров";
            p.name = "Ерлан";
            p.iin = "900101300123";
            append_person_line(body, p, from);
        }
    return body;
}

WireBatch simple_batch(unsigned group, const std::string& tag = "a") {
    std::string id = uuid(group, 0);
    return wire(id, batch_body(id, {{uuid(group, 1), 1, {uuid(group, 2), uuid(group, 3)}, tag}}));
}

Reply answered(const std::variant<Reply, std::string>& result) {
    if (const auto* failure = std::get_if<std::string>(&result))
        BOOST_FAIL("no answer from the receiver: " << *failure);
    return std::get<Reply>(result);
}

std::string error_code_of(const Reply& reply) { return parse_error_body(reply.body).code; }

bool no_batch_stored(const fs::path& store) {
    std::error_code ec;
    return receiver_stats(store).batches == 0 && fs::is_empty(store / "batches", ec);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(receiver)

BOOST_AUTO_TEST_CASE(a_new_batch_is_stored_and_answered_201_with_a_signed_receipt) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store", {"--server-name", "census-db-1"});
    auto batch = simple_batch(1);
    Reply reply = answered(send(receiver, batch));
    BOOST_TEST(reply.status == 201);
    BOOST_TEST(reply.headers["Content-Type"] == "application/json");

    auto receipt = parse_receipt(reply.body);
    BOOST_REQUIRE(receipt.has_value());
    BOOST_TEST(receipt->batch_uuid == batch.uuid);
    BOOST_TEST(receipt->digest == batch.digest);
    BOOST_TEST(receipt->households == 1);
    BOOST_TEST(receipt->persons == 2);
    BOOST_TEST(receipt->server == "census-db-1");
    BOOST_TEST(receipt->received_at.size() == 20u);
    BOOST_TEST(receipt_json(*receipt) == reply.body);   // canonical JSON
    // Made on first start, the public half beside it for the clients.
    BOOST_TEST(receipt_verifies(*receipt, read_file(dir / "store" / "receipt.pub")));
    BOOST_TEST(!receipt_verifies(*receipt, read_file(TestPki::instance().receipt_pub())));

    auto stats = receiver_stats(dir / "store");
    BOOST_TEST(stats.batches == 1);
    BOOST_TEST(stats.households == 1);
    BOOST_TEST(stats.persons == 2);
    BOOST_TEST(stats.distinct_records == 3);
    BOOST_TEST(stats.records_received_more_than_once == 0);
    // Stored as received; the log has no record content.
    BOOST_TEST(read_file(dir / "store" / "batches" / batch.uuid / "body.gz") == batch.compressed);
    BOOST_TEST(receiver.log().find(batch.uuid + " 201") != std::string::npos);
    BOOST_TEST(receiver.log().find("Ерлан") == std::string::npos);
    BOOST_TEST(receiver.stop() == 0);
}

BOOST_AUTO_TEST_CASE(a_given_receipt_key_signs_the_receipts) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store", {"--receipt-key", TestPki::instance().receipt_key().string()});
    Reply reply = answered(send(receiver, simple_batch(2)));
    BOOST_REQUIRE_EQUAL(reply.status, 201);
    BOOST_TEST(receipt_verifies(*parse_receipt(reply.body), read_file(TestPki::instance().receipt_pub())));
    BOOST_TEST(!fs::exists(dir / "store" / "receipt.key"));
}

BOOST_AUTO_TEST_CASE(a_repeat_gets_200_with_the_same_receipt_bytes_and_another_content_409) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store");
    auto batch = simple_batch(3);
    Reply first = answered(send(receiver, batch));
    BOOST_REQUIRE_EQUAL(first.status, 201);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));   // received_at would differ
    Reply again = answered(send(receiver, batch));
    BOOST_TEST(again.status == 200);
    BOOST_TEST(again.body == first.body);

    Reply other = answered(send(receiver, simple_batch(3, "changed")));
    BOOST_TEST(other.status == 409);
    BOOST_TEST(error_code_of(other) == "conflict");

    auto stats = receiver_stats(dir / "store");
    BOOST_TEST(stats.batches == 1);
    BOOST_TEST(stats.records_received_more_than_once == 0);
}

BOOST_AUTO_TEST_CASE(concurrent_puts_of_one_batch_store_it_once) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store");
    auto batch = simple_batch(4);
    std::vector<std::variant<Reply, std::string>> results(6);
    std::vector<std::thread> threads;
    for (auto& result : results) threads.emplace_back([&] { result = send(receiver, batch); });
    for (auto& t : threads) t.join();
    int created = 0, repeated = 0;
    std::set<std::string> bodies;
    for (const auto& r : results) {
        Reply reply = answered(r);
        created += reply.status == 201;
        repeated += reply.status == 200;
        bodies.insert(reply.body);
    }
    BOOST_TEST(created == 1);
    BOOST_TEST(repeated == 5);
    BOOST_TEST(bodies.size() == 1u);
    BOOST_TEST(receiver_stats(dir / "store").batches == 1);
}

BOOST_AUTO_TEST_CASE(batches_that_fail_a_check_get_the_spec_answer_and_nothing_is_stored) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store");
    auto batch = simple_batch(5);

    auto expect = [&](const WireBatch& b, Request r, int status, const std::string& code) {
        Reply reply = answered(send(receiver, b, std::move(r)));
        BOOST_TEST(reply.status == status, code << ": status " << reply.status << " " << reply.body);
        BOOST_TEST(error_code_of(reply) == code);
    };
    // A digest the workstation signed but the body does not have.
    const std::string wrong_digest(64, '0');
    Request bad_digest;
    bad_digest.digest_header = "sha-256=" + wrong_digest;
    bad_digest.signature_header = sanaq::crypto::to_base64(*client_identity().sign(batch_signing_text(batch.uuid, wrong_digest)));
    expect(batch, bad_digest, 422, "digest_mismatch");
    // A digest the signature does not cover: refused on the headers, before the body is inflated.
    Request unsigned_digest;
    unsigned_digest.digest_header = "sha-256=" + wrong_digest;
    expect(batch, unsigned_digest, 422, "bad_signature");

    WireBatch forged = batch;
    forged.signature = sanaq::crypto::to_base64(*client_identity().sign(batch_signing_text(uuid(99, 0), batch.digest)));
    expect(forged, {}, 422, "bad_signature");

    // The manifest announces two persons, the body has one.
    std::string lying = batch_body(batch.uuid, {{uuid(5, 1), 1, {uuid(5, 2)}, "a"}});
    lying.replace(lying.find("\"persons\":1"), 11, "\"persons\":2");
    expect(wire(batch.uuid, lying), {}, 422, "malformed_batch");

    // Valid JSON, and what a liberal reader would take — but not the canonical spelling: refused,
    // with the line, the byte and the rule, and nothing stored.
    const std::string canonical_body = batch_body(batch.uuid, {{uuid(5, 1), 1, {uuid(5, 2)}, "a"}});
    for (auto [from, to] : {std::pair<std::string, std::string>{"\"revision\":1,", "\"revision\": 1,"},
                            {"{\"answers\":{}", "{\"answers\":{\"q7\":\"x\",\"q6\":\"y\"}"},
                            {"\"type\":\"person\"", "\"type\":\"\\u0070erson\""}}) {
        std::string spelled = canonical_body;
        const auto at = spelled.rfind(from);
        BOOST_REQUIRE_MESSAGE(at != std::string::npos, from);
        spelled.replace(at, from.size(), to);
        Reply reply = answered(send(receiver, wire(batch.uuid, spelled), {}));
        BOOST_TEST(reply.status == 422, to << ": " << reply.status << " " << reply.body);
        BOOST_TEST(error_code_of(reply) == "not_canonical", reply.body);
        BOOST_TEST(reply.body.find("line 3, byte") != std::string::npos, reply.body);
    }

    std::string elsewhere = uuid(6, 0);
    expect(wire(batch.uuid, batch_body(elsewhere, {{uuid(6, 1), 1, {}, "a"}})), {}, 400, "uuid_mismatch");
    expect(wire(batch.uuid, batch_body(batch.uuid, {{uuid(5, 1), 1, {}, "a"}}, "ws-59-02")), {}, 403,
           "workstation_mismatch");

    Request wrong_type;
    wrong_type.content_type = "application/json";
    expect(batch, wrong_type, 415, "unsupported_media_type");
    Request wrong_encoding;
    wrong_encoding.content_encoding = "identity";
    expect(batch, wrong_encoding, 415, "unsupported_encoding");
    WireBatch not_gzip = batch;
    not_gzip.compressed = "plain text";
    expect(not_gzip, {}, 400, "bad_gzip");
    Request upper_case;
    upper_case.path = "/v1/batches/0000000A-0000-4000-8000-000000000000";
    expect(batch, upper_case, 400, "bad_uuid");
    Request elsewhere_path;
    elsewhere_path.path = "/v2/batches/" + batch.uuid;
    expect(batch, elsewhere_path, 404, "not_found");
    Request post;
    post.method = "POST";
    expect(batch, post, 405, "method_not_allowed");
    Request oversized;   // refused on its Content-Length, before a byte of the body is read
    oversized.declared_length = (Poco::Int64(64) << 20) + 1;
    expect(batch, oversized, 413, "too_large");
    Request no_signature;
    no_signature.signature_header = "";
    expect(batch, no_signature, 400, "bad_header");

    BOOST_TEST(no_batch_stored(dir / "store"));
    // The real thing still goes through afterwards.
    BOOST_TEST(answered(send(receiver, batch)).status == 201);
}

BOOST_AUTO_TEST_CASE(clients_without_a_valid_certificate_of_the_client_ca_fail_the_handshake) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store");
    auto batch = simple_batch(7);
    const auto& pki = TestPki::instance();

    Request none;
    none.cert.reset();
    BOOST_TEST(std::holds_alternative<std::string>(send(receiver, batch, none)));
    Request expired;
    expired.cert = ClientCert{pki.client_expired_pem(), pki.client_expired_key()};
    BOOST_TEST(std::holds_alternative<std::string>(send(receiver, batch, expired)));
    Request other_ca;
    other_ca.cert = ClientCert{pki.other_client_pem(), pki.other_client_key()};
    BOOST_TEST(std::holds_alternative<std::string>(send(receiver, batch, other_ca)));
    BOOST_TEST(no_batch_stored(dir / "store"));

    // And the client side of pinning: a server certificate from another CA is refused.
    TempDir dir2("sanaq-receiver");
    ReceiverProcess impostor(dir2 / "store", {"--cert", pki.other_server_pem().string(), "--key",
                                               pki.other_server_key().string()});
    BOOST_TEST(std::holds_alternative<std::string>(send(impostor, batch)));
    BOOST_TEST(no_batch_stored(dir2 / "store"));
}

BOOST_AUTO_TEST_CASE(a_restarted_receiver_still_holds_the_batch_and_its_receipt) {
    TempDir dir("sanaq-receiver");
    auto batch = simple_batch(8);
    std::string first_body;
    {
        ReceiverProcess receiver(dir / "store");
        Reply first = answered(send(receiver, batch));
        BOOST_REQUIRE_EQUAL(first.status, 201);
        first_body = first.body;
        receiver.kill();   // not even a clean shutdown: the 201 came after the fsync
    }
    ReceiverProcess again(dir / "store");
    Reply reply = answered(send(again, batch));
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.body == first_body);
    BOOST_TEST(answered(send(again, simple_batch(8, "changed"))).status == 409);
}

BOOST_AUTO_TEST_CASE(records_sent_twice_are_counted_by_stats) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store");
    // Batch B repeats a person of batch A at the same revision (a duplicate delivery) and
    // sends A's household again at revision 2 (a legitimate revision).
    std::string a = uuid(9, 0), b = uuid(10, 0);
    auto batch_a = wire(a, batch_body(a, {{uuid(9, 1), 1, {uuid(9, 2), uuid(9, 3)}, "a"}}));
    std::string body_b = batch_body(b, {{uuid(9, 1), 2, {}, "b"}, {uuid(10, 1), 1, {uuid(9, 2)}, "b"}});
    BOOST_REQUIRE_EQUAL(answered(send(receiver, batch_a)).status, 201);
    BOOST_REQUIRE_EQUAL(answered(send(receiver, wire(b, body_b))).status, 201);
    auto stats = receiver_stats(dir / "store");
    BOOST_TEST(stats.batches == 2);
    BOOST_TEST(stats.households == 3);
    BOOST_TEST(stats.persons == 3);
    BOOST_TEST(stats.distinct_records == 4);
    BOOST_TEST(stats.records_received_more_than_once == 1);
}

BOOST_AUTO_TEST_CASE(unavailable_answers_503_with_retry_after_then_takes_the_batch) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store", {"--unavailable", "1", "--retry-after", "3"});
    auto batch = simple_batch(11);
    Reply busy = answered(send(receiver, batch));
    BOOST_TEST(busy.status == 503);
    BOOST_TEST(busy.headers["Retry-After"] == "3");
    BOOST_TEST(receiver_stats(dir / "store").batches == 0);
    BOOST_TEST(answered(send(receiver, batch)).status == 201);
}

BOOST_AUTO_TEST_CASE(failures_and_dropped_bodies_store_nothing) {
    TempDir dir("sanaq-receiver");
    auto batch = simple_batch(12);
    {
        ReceiverProcess failing(dir / "store", {"--fail-share", "1", "--seed", "7"});
        Reply reply = answered(send(failing, batch));
        BOOST_TEST(reply.status == 500);
        BOOST_TEST(error_code_of(reply) == "internal");
    }
    {
        ReceiverProcess dropping(dir / "store", {"--drop-mid-body-share", "1"});
        BOOST_TEST(std::holds_alternative<std::string>(send(dropping, batch)));
    }
    BOOST_TEST(no_batch_stored(dir / "store"));
}

BOOST_AUTO_TEST_CASE(a_stalled_receiver_answers_late_but_answers) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess receiver(dir / "store", {"--stall-ms", "300"});
    auto started = std::chrono::steady_clock::now();
    BOOST_TEST(answered(send(receiver, simple_batch(14))).status == 201);
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    BOOST_TEST(waited.count() >= 300);
}

BOOST_AUTO_TEST_CASE(a_lost_answer_leaves_the_batch_held_and_the_retry_gets_200) {
    TempDir dir("sanaq-receiver");
    auto batch = simple_batch(13);
    {
        ReceiverProcess losing(dir / "store", {"--lose-answer-share", "1"});
        BOOST_TEST(std::holds_alternative<std::string>(send(losing, batch)));
        BOOST_TEST(receiver_stats(dir / "store").batches == 1);
    }
    ReceiverProcess receiver(dir / "store");
    Reply reply = answered(send(receiver, batch));
    BOOST_TEST(reply.status == 200);
    auto receipt = parse_receipt(reply.body);
    BOOST_REQUIRE(receipt.has_value());
    BOOST_TEST(receipt->digest == batch.digest);
    BOOST_TEST(receipt_verifies(*receipt, read_file(dir / "store" / "receipt.pub")));
    BOOST_TEST(receiver_stats(dir / "store").records_received_more_than_once == 0);
}

BOOST_AUTO_TEST_CASE(one_receiver_per_store) {
    TempDir dir("sanaq-receiver");
    ReceiverProcess first(dir / "store");
    BOOST_CHECK_THROW(ReceiverProcess(dir / "store"), std::runtime_error);
}

// The conformance checker other teams run against their receiver: the reference receiver answers
// every case as the spec says; one that fails every batch, or signs receipts with another key, is
// told where it differs.
BOOST_AUTO_TEST_CASE(the_conformance_checker_passes_the_reference_and_names_what_differs) {
    test::TempDir dir("sanaq-conformance");
    const auto& pki = test::TestPki::instance();
    test::ReceiverProcess reference(dir.path() / "reference", {"--receipt-key", pki.receipt_key().string()});
    auto passed = test::run_conformance(reference, {"--receipt-pub", pki.receipt_pub().string()});
    BOOST_TEST(passed.exit_code == 0, passed.report.dump());
    BOOST_REQUIRE(passed.report.is_object());
    BOOST_TEST(passed.report["differences"] == 0);
    std::set<std::string> codes;
    for (const auto& c : passed.report["cases"]) {
        BOOST_TEST(c["ok"] == true, c.dump());
        codes.insert(c["expected_code"].get<std::string>());
    }
    for (const char* code : {"conflict", "not_found", "method_not_allowed", "bad_uuid", "unsupported_media_type",
                             "unsupported_encoding", "too_large", "bad_header", "bad_signature", "bad_gzip",
                             "digest_mismatch", "malformed_batch", "not_canonical", "uuid_mismatch", "workstation_mismatch"})
        BOOST_TEST(codes.contains(code), code);

    // Receipts under a key the checker was not told of: the accepted and repeated cases differ.
    test::ReceiverProcess own_key(dir.path() / "own-key", {});
    auto unverified = test::run_conformance(own_key, {"--receipt-pub", pki.receipt_pub().string()});
    BOOST_TEST(unverified.exit_code == 1);
    BOOST_TEST(unverified.report["cases"][0]["ok"] == false);
    BOOST_TEST(unverified.report["cases"][0]["note"].get<std::string>().find("does not verify") != std::string::npos);

    // A receiver failing every batch with 500 differs nearly everywhere after the early checks.
    test::ReceiverProcess failing(dir.path() / "failing", {"--fail-share", "1", "--seed", "1"});
    auto failed = test::run_conformance(failing);
    BOOST_TEST(failed.exit_code == 1);
    BOOST_TEST(failed.report["differences"].get<int>() > 10, failed.report.dump());
    BOOST_TEST(failed.report["cases"][0]["status"] == 500);
}

BOOST_AUTO_TEST_SUITE_END()

// tests/vectors/upstream/refusals-v1.json, replayed byte for byte: every request of the file
// (signed with the vectors' client key, so sent with a certificate for that key) gets the status,
// error code and headers the file gives it from the reference receiver.
BOOST_AUTO_TEST_SUITE(refusal_vectors)

BOOST_AUTO_TEST_CASE(the_reference_receiver_answers_every_vector_as_the_file_says) {
    std::ifstream in(fs::path(SANAQ_TEST_SOURCE_ROOT) / "tests/vectors/upstream/refusals-v1.json", std::ios::binary);
    BOOST_REQUIRE(in);
    const auto v = nlohmann::json::parse(in);
    test::TempDir dir("sanaq-refusal-vectors");
    const auto& pki = TestPki::instance();
    ReceiverProcess receiver(dir.path() / "store", {"--receipt-key", pki.receipt_key().string()});
    auto context = client_context(ClientCert{pki.vector_client_pem(), pki.vector_client_key()}, pki.ca_pem());
    std::string accepted_receipt;
    std::set<std::string> codes;
    BOOST_REQUIRE(v["cases"].size() >= 20u);
    for (const auto& c : v["cases"]) {
        BOOST_TEST_CONTEXT(c["case"].get<std::string>()) {
            const auto& r = c["request"];
            const std::string body = *sanaq::crypto::from_base64(r["body_base64"].get<std::string>());
            int status = 0;
            std::string answer;
            std::map<std::string, std::string> headers;
            try {
                Poco::Net::HTTPSClientSession session("localhost", receiver.port(), context);
                session.setTimeout(Poco::Timespan(60, 0));
                Poco::Net::HTTPRequest request(r["method"].get<std::string>(), r["path"].get<std::string>(),
                                               Poco::Net::HTTPMessage::HTTP_1_1);
                for (const auto& h : r["headers"]) request.set(h[0].get<std::string>(), h[1].get<std::string>());
                std::ostream& out = session.sendRequest(request);
                if (r["body_sent"].get<bool>()) out.write(body.data(), static_cast<std::streamsize>(body.size()));
                Poco::Net::HTTPResponse response;
                std::istream& reply = session.receiveResponse(response);
                status = static_cast<int>(response.getStatus());
                Poco::StreamCopier::copyToString(reply, answer);
                for (const auto& [name, value] : response) headers[name] = value;
            } catch (const Poco::Exception& e) {
                BOOST_FAIL("no answer: " << e.displayText());
            }
            const auto& expect = c["expect"];
            BOOST_TEST(status == expect["status"].get<int>(), answer);
            if (expect["code"].is_string()) {
                codes.insert(expect["code"].get<std::string>());
                BOOST_TEST(parse_error_body(answer).code == expect["code"].get<std::string>(), answer);
            } else {
                // 201, then 200 with the same receipt: by the rule, naming the batch of the vector.
                auto receipt = parse_receipt(answer);
                BOOST_REQUIRE_MESSAGE(receipt, answer);
                BOOST_TEST(receipt_verifies(*receipt, test::read_file(pki.receipt_pub())));
                BOOST_TEST(receipt->digest == sanaq::crypto::sha256_hex(c["batch_body_text"].get<std::string>()));
                if (status == 201) accepted_receipt = answer;
                else BOOST_TEST(answer == accepted_receipt);
            }
            for (const auto& [name, value] : expect["headers"].items())
                BOOST_TEST(headers[name] == value.get<std::string>(), name);
        }
    }
    for (const char* code : {"conflict", "not_found", "method_not_allowed", "bad_uuid", "unsupported_media_type",
                             "unsupported_encoding", "length_required", "too_large", "bad_header", "bad_signature",
                             "bad_gzip", "digest_mismatch", "malformed_batch", "not_canonical", "uuid_mismatch",
                             "workstation_mismatch"})
        BOOST_TEST(codes.contains(code), code);
    // Nothing but the accepted batch was stored.
    BOOST_TEST(receiver_stats(receiver.store()).batches == 1);
}

BOOST_AUTO_TEST_SUITE_END()
