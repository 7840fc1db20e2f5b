// The TLS both ends accept (src/upstream/README.md, "Transport"): TLS 1.2 at least, 1.3 preferred,
// ECDHE key exchange and AEAD suites only. A server offering only RSA key exchange or CBC with
// SHA-1 — with a certificate the pinned CA did issue, so the suites alone decide — gets nothing
// from the workstation; a client asking the receiver for CBC is refused; the two still talk.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fmt/format.h>

#include "core/domain/census.h"
#include "openssl_tool.h"
#include "support/temp_dir.h"
#include "upstream/client/https_transport.h"
#include "upstream/protocol/batch_body.h"
#include "support/raw_put.h"
#include "support/receiver_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
using namespace sanaq::upstream;
namespace fs = std::filesystem;

namespace {

// The workstation's own transport, as `upstream send` builds it from its settings.
std::unique_ptr<HttpsTransport> workstation_transport(int port) {
    const auto& pki = TestPki::instance();
    auto transport = HttpsTransport::create({{"localhost", port, ""}, {}, read_file(pki.ca_pem()),
                                             read_file(pki.client_pem()), read_file(pki.client_key()),
                                             std::chrono::seconds(10), std::chrono::seconds(3)});
    BOOST_REQUIRE(transport);
    return std::move(*transport);
}

// One household, as a workstation forms it; wired and signed with the test client key.
WireBatch one_household_batch(const std::string& batch_uuid) {
    std::string body;
    append_manifest_line(body, {batch_uuid, "ws-59-01", "2026-10-05T11:02:13Z", 1, 0});
    Household h;
    h.uuid = "1a2b3c4d-0000-4000-8000-000000000001";
    h.revision = 1;
    h.place = HouseholdPlace::Institution;
    h.kato = "751110000";
    append_household_line(body, h, {"12345678-1234-4234-8234-123456789abc", "KIT-0042", 7, ""});
    return wire(batch_uuid, body);
}

SendOutcome put_to(int port, const WireBatch& b) {
    return workstation_transport(port)->put_batch({b.uuid, b.digest, b.signature, b.compressed});
}

struct RsaServerCertificate {
    TempDir dir{"sanaq-sec-tls"};
    RsaServerCertificate() { make_rsa_server_certificate(dir.path()); }
    std::vector<std::string> args(const std::vector<std::string>& suites) const {
        std::vector<std::string> all{"-cert", (dir / "rsa-server.pem").string(), "-key", (dir / "rsa-server.key").string()};
        all.insert(all.end(), suites.begin(), suites.end());
        return all;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(tls_suites)

BOOST_AUTO_TEST_CASE(a_server_offering_only_rsa_key_exchange_or_cbc_sha1_gets_no_connection) {
    RsaServerCertificate rsa;
    const WireBatch batch = one_household_batch("5eed0000-0000-4000-8000-000000000001");

    // The control: the same certificate with an ECDHE + AEAD suite goes through the handshake and
    // the request goes out (s_server never answers a PUT: the wait for its answer times out), so
    // what follows is the suites alone.
    {
        OpensslServer fair(free_loopback_port(), rsa.args({"-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"}));
        SendOutcome outcome = put_to(fair.port(), batch);
        BOOST_TEST((outcome.verdict == SendVerdict::Temporary), outcome.error_code << ": " << outcome.detail);
        BOOST_TEST(outcome.error_code == "timeout", outcome.error_code << ": " << outcome.detail);
    }
    for (const std::string suite : {"AES128-SHA", "AES256-SHA256", "AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA",
                                    "ECDHE-RSA-AES256-SHA384"}) {
        OpensslServer weak(free_loopback_port(), rsa.args({"-tls1_2", "-cipher", suite}));
        SendOutcome outcome = put_to(weak.port(), batch);
        BOOST_TEST(outcome.http_status == 0, suite << ": the workstation talked HTTP over it");
        BOOST_TEST((outcome.verdict == SendVerdict::NotConnected), suite);
        BOOST_TEST(outcome.error_code == "tls_failed", suite << ": " << outcome.error_code << " " << outcome.detail);
    }
}

BOOST_AUTO_TEST_CASE(the_receiver_refuses_cbc_and_rsa_key_exchange_and_speaks_tls_1_3) {
    TempDir dir("sanaq-sec-tls");
    ReceiverProcess receiver(dir / "store");
    const auto& pki = TestPki::instance();
    auto s_client = [&](std::vector<std::string> extra, std::string* out) {
        std::vector<std::string> args{"s_client", "-connect", "127.0.0.1:" + std::to_string(receiver.port()),
                                      "-servername", "localhost", "-CAfile", pki.ca_pem().string(),
                                      "-cert", pki.client_pem().string(), "-key", pki.client_key().string(),
                                      "-verify_return_error", "-brief"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_openssl(args, out);
    };
    std::string out;
    BOOST_TEST(s_client({}, &out) == 0, out);
    BOOST_TEST(out.find("TLSv1.3") != std::string::npos, out);
    for (const std::string suite : {"ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES256-SHA384", "ECDHE-ECDSA-AES128-SHA",
                                    "AES128-GCM-SHA256"})
        BOOST_TEST(s_client({"-tls1_2", "-cipher", suite}, &out) != 0, suite << " was accepted: " << out);
    BOOST_TEST(s_client({"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"}, &out) == 0, out);
}

BOOST_AUTO_TEST_CASE(the_workstation_and_the_receiver_still_agree) {
    TempDir dir("sanaq-sec-tls");
    ReceiverProcess receiver(dir / "store");
    SendOutcome outcome = put_to(receiver.port(), one_household_batch("5eed0000-0000-4000-8000-000000000002"));
    BOOST_TEST(outcome.http_status == 201, outcome.error_code << ": " << outcome.detail);
    BOOST_TEST((outcome.verdict == SendVerdict::Accepted));
}

BOOST_AUTO_TEST_CASE(a_refused_workstation_certificate_is_told_apart_from_a_lost_connection) {
    TempDir dir("sanaq-sec-tls");
    // The receiver's client CA is another one: TLS 1.3 completes the client's side of the
    // handshake, then the server's alert (unknown_ca) comes on the first read.
    ReceiverProcess receiver(dir / "store", {"--client-ca", TestPki::instance().other_ca_pem().string()});
    WireBatch small = one_household_batch("5eed0000-0000-4000-8000-000000000003");
    // And a body large enough that writing it breaks on the closed connection before the answer
    // is read: the alert is still what the workstation reports.
    WireBatch large = small;
    large.compressed.assign(8 << 20, 'x');
    for (const WireBatch* b : {&small, &large}) {
        SendOutcome outcome = put_to(receiver.port(), *b);
        BOOST_TEST(outcome.error_code == "client_certificate_rejected", outcome.error_code << ": " << outcome.detail);
        BOOST_TEST((outcome.verdict == SendVerdict::NotConnected));
        BOOST_TEST(outcome.http_status == 0);
    }
    BOOST_TEST(receiver_stats(receiver.store()).batches == 0);

    // The other way round — the server's certificate is not the pinned CA's — stays the server's fault.
    TempDir dir2("sanaq-sec-tls");
    const auto& pki = TestPki::instance();
    ReceiverProcess impostor(dir2 / "store", {"--cert", pki.other_server_pem().string(), "--key",
                                              pki.other_server_key().string()});
    SendOutcome outcome = put_to(impostor.port(), small);
    BOOST_TEST(outcome.error_code == "server_certificate", outcome.error_code << ": " << outcome.detail);
}

BOOST_AUTO_TEST_SUITE_END()
