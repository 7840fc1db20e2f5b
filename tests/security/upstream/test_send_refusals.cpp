// `sanaq upstream send` when it must not, or cannot, deliver: no receipt key to check the census
// database's word with, a workstation certificate the server refuses (its client CA is another),
// a server that cannot be reached or fails every batch. Each time the officer is told in their
// language, the exit status is not 0, `--json` prints one document, and nothing is sent blindly.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/upstream_workspace.h"
#include "openssl_tool.h"
#include "support/receiver_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
using nlohmann::json;

namespace {

// The whole of stdout as one JSON document; fails the test when it is not exactly one.
json one_document(const CliRun& r) {
    json doc;
    BOOST_CHECK_NO_THROW(doc = json::parse(r.out));
    return doc;
}

// stdout and stderr together: where the officer reads it.
std::string told(const CliRun& r) { return r.out + r.err; }

}  // namespace

BOOST_AUTO_TEST_SUITE(send_refusals)

BOOST_AUTO_TEST_CASE(without_a_receipt_key_nothing_is_formed_or_sent_and_the_officer_is_told) {
    UpstreamWorkspace w(40);
    ReceiverProcess receiver(w.dir / "receiver", w.receiver_args());
    auto config = w.must_json("admin", {"upstream", "configure", "--url", receiver.url(), "--ca", w.pki.ca_pem().string(),
                                         "--client-cert", w.pki.client_p12().string()});
    BOOST_TEST(config["receipts_verified"] == false);

    auto ru = w.as("officer", {"--lang", "ru", "upstream", "send"});
    BOOST_TEST(ru.exit_code == 5, ru.exit_code << ": " << told(ru));
    BOOST_TEST(told(ru).find("ключ") != std::string::npos, told(ru));
    BOOST_TEST(told(ru).find("квитанц") != std::string::npos, told(ru));
    auto kk = w.as("officer", {"--lang", "kk", "upstream", "send"});
    BOOST_TEST(kk.exit_code == 5, kk.exit_code << ": " << told(kk));
    BOOST_TEST(told(kk).find("түбіртек") != std::string::npos, told(kk));
    auto as_json = run_cli(w.cmd("officer", {"upstream", "send"}), w.env("officer"));
    BOOST_TEST(as_json.exit_code == 5);
    BOOST_TEST(one_document(as_json).contains("error"));

    auto status = w.must_json("officer", {"upstream", "status"});
    BOOST_TEST(status["batches"].empty(), status.dump());
    BOOST_TEST(status["outbox"]["pending_persons"] == w.persons);
    BOOST_TEST(receiver_stats(receiver.store()).batches == 0);
}

BOOST_AUTO_TEST_CASE(a_refused_workstation_certificate_is_named_held_as_such_and_not_retried_blindly) {
    UpstreamWorkspace w(40);
    // The server's certificate is the pinned CA's; the client CA it trusts is another one.
    ReceiverProcess receiver(w.dir / "receiver", w.receiver_args({"--client-ca", w.pki.other_ca_pem().string()}));
    w.configure(receiver.url());

    auto ru = w.as("officer", {"--lang", "ru", "upstream", "send"});
    BOOST_TEST(ru.exit_code == 5, ru.exit_code << ": " << told(ru));
    BOOST_TEST(told(ru).find("сертификат") != std::string::npos, told(ru));
    BOOST_TEST(told(ru).find("администратор") != std::string::npos, told(ru));
    // The batch waits for its next try; a run before that delivers nothing and says so.
    auto early = w.as("officer", {"upstream", "send"});
    BOOST_TEST(early.exit_code != 0, early.out);
    const std::string queued = w.must_json("officer", {"upstream", "status"})["batches"][0]["uuid"];
    w.must_json("officer", {"upstream", "retry", queued});
    auto kk = w.as("officer", {"--lang", "kk", "upstream", "send"});
    BOOST_TEST(kk.exit_code == 5, kk.exit_code << ": " << told(kk));
    BOOST_TEST(told(kk).find("сертификат") != std::string::npos, told(kk));
    BOOST_TEST(told(kk).find("әкімші") != std::string::npos, told(kk));

    // --wait would keep trying a connection that broke; a refused certificate ends the run at once.
    auto sent = run_cli(w.cmd("officer", {"upstream", "send", "--wait", "20"}), w.env("officer"));
    BOOST_TEST(sent.exit_code == 5, sent.exit_code << ": " << sent.err);
    json doc = one_document(sent);
    BOOST_TEST(doc["batches_accepted"] == 0);
    BOOST_REQUIRE_EQUAL(doc["attempts"].size(), 1u);
    BOOST_TEST(doc["attempts"][0]["error"] == "client_certificate_rejected", doc.dump());
    BOOST_TEST(doc["attempts"][0]["result"] == "client_certificate_rejected");
    BOOST_TEST(doc["stop_reason"] == "client_certificate_rejected");
    BOOST_TEST(doc.contains("error"));

    auto status = w.must_json("officer", {"upstream", "status"});
    BOOST_REQUIRE(!status["batches"].empty());
    BOOST_TEST(status["batches"][0]["state"] == "queued");
    BOOST_TEST(status["batches"][0]["error"] == "client_certificate_rejected", status.dump());
    auto listed = w.as("officer", {"--lang", "ru", "upstream", "status"});
    BOOST_TEST(listed.out.find("сертификат") != std::string::npos, listed.out);
    BOOST_TEST(receiver_stats(receiver.store()).batches == 0);
}

BOOST_AUTO_TEST_CASE(nothing_delivered_exits_non_zero_with_one_json_document) {
    UpstreamWorkspace w(40);
    // Nobody listens.
    w.configure("https://localhost:" + std::to_string(free_loopback_port()));
    auto unreachable = run_cli(w.cmd("officer", {"upstream", "send"}), w.env("officer"));
    BOOST_TEST(unreachable.exit_code == 6);   // device_unavailable: the whole of stdout is still one document
    json doc = one_document(unreachable);
    BOOST_TEST(doc["stop_reason"] == "server_unreachable", doc.dump());
    BOOST_TEST(doc.contains("error"));

    // The server answers, and fails every batch.
    ReceiverProcess failing(w.dir / "receiver", w.receiver_args({"--fail-share", "1", "--seed", "3"}));
    w.configure(failing.url());
    const std::string queued = w.must_json("officer", {"upstream", "status"})["batches"][0]["uuid"];
    w.must_json("officer", {"upstream", "retry", queued});   // due now, not after the backoff
    auto failed = run_cli(w.cmd("officer", {"upstream", "send"}), w.env("officer"));
    BOOST_TEST(failed.exit_code != 0, failed.out);
    doc = one_document(failed);
    BOOST_TEST(doc["batches_accepted"] == 0);
    BOOST_REQUIRE(!doc["attempts"].empty());
    for (const auto& a : doc["attempts"]) BOOST_TEST(a["error"] == "server_error", doc.dump());
    BOOST_TEST(doc.contains("error"));
}

BOOST_AUTO_TEST_SUITE_END()
