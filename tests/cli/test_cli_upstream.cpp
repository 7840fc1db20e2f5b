// Forwarding upstream from the command line, as README.md walks a new user through it: configure
// against the reference receiver on loopback, status, send, a record's sending mark, four-eyes
// release, the plain-words refusal of a server from another CA — and the crash test: `upstream
// send` killed with SIGKILL at random moments, restarted, until the receiver holds every record
// exactly once.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <random>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/temp_dir.h"
#include "support/job_expectations.h"
#include "support/receiver_fixture.h"
#include "support/upstream_workspace.h"

using namespace sanaq;
using nlohmann::json;
using test::run_cli;
namespace fs = std::filesystem;

using test::UpstreamWorkspace;

BOOST_AUTO_TEST_SUITE(cli_upstream)

BOOST_AUTO_TEST_CASE(the_readme_walk_through_configure_send_status_mark_release) {
    UpstreamWorkspace w;
    BOOST_REQUIRE_GT(w.persons, 250);
    // Only administrators configure; the password of the .p12 is checked at once.
    auto refused = w.as("officer", {"upstream", "configure", "--url", "https://localhost:1", "--ca", w.pki.ca_pem().string(),
                                    "--client-cert", w.pki.client_p12().string()});
    BOOST_TEST(refused.exit_code == 5);
    auto wrong = run_cli(w.cmd("admin", {"upstream", "configure", "--url", "https://localhost:1", "--ca", w.pki.ca_pem().string(),
                                         "--client-cert", w.pki.client_p12().string()}, false),
                         {{"SANAQ_PASSWORD", "pass-for-admin"}, {"SANAQ_P12_PASSWORD", "not the password"}});
    BOOST_TEST(wrong.exit_code == 3);
    BOOST_TEST(wrong.err.find("password") != std::string::npos, wrong.err);

    test::ReceiverProcess receiver(w.dir / "receiver", w.receiver_args());
    auto config = w.configure(receiver.url(), {"--max-batch", "100"});
    BOOST_TEST(config["workstation"] == "ws-59-01");
    BOOST_TEST(config["receipts_verified"] == true);

    auto sent = w.must_json("officer", {"upstream", "send"});
    BOOST_TEST(sent["persons_formed"] == w.persons);
    BOOST_TEST(sent["persons_accepted"] == w.persons);
    BOOST_TEST(sent["batches_left"] == 0);
    auto status = w.must_json("officer", {"upstream", "status"});
    BOOST_TEST(status["outbox"]["pending_persons"] == 0);
    BOOST_TEST(status["outbox"]["persons_accepted"] == w.persons);
    BOOST_TEST(status["batches"][0]["state"] == "accepted");
    BOOST_TEST(status["batches"][0]["receipt"]["server"].is_string());
    auto held = test::receiver_stats(receiver.store());
    BOOST_TEST(held.distinct_records == w.persons + w.households);
    BOOST_TEST(held.records_received_more_than_once == 0);

    // The human forms say it in the reader's language.
    auto text = w.as("officer", {"--lang", "ru", "upstream", "status"});
    BOOST_TEST(text.exit_code == 0, text.err);
    BOOST_TEST(text.out.find("принята") != std::string::npos, text.out);

    // Four-eyes: batches wait for a supervisor who did not form them.
    w.must_json("admin", {"upstream", "four-eyes", "on"});
    auto more = test::run_tablet_sim({"--json", "make-packages", "--out", w.tablet, "--kit", "KIT-0042",
                                      "--department-key", w.keyfile, "--persons", "40", "--packages", "1", "--seed", "10"});
    BOOST_REQUIRE_MESSAGE(more.exit_code == 0, more.err);
    w.must_json("officer", {"pull", "--from-dir", w.tablet});
    auto waiting = w.must_json("officer", {"upstream", "send"});
    BOOST_TEST(waiting["batches_awaiting_release"] == 1);
    BOOST_TEST(waiting["persons_accepted"] == 0);
    BOOST_TEST(w.as("officer", {"upstream", "release"}).exit_code == 5);
    BOOST_TEST(w.must_json("supervisor", {"upstream", "release"})["released"] == 1);
    auto after = w.must_json("officer", {"upstream", "send"});
    BOOST_TEST(after["persons_accepted"] == 40);
    BOOST_TEST(test::receiver_stats(receiver.store()).records_received_more_than_once == 0);

    // Every record carries its sending mark.
    auto audit = w.must_json("admin", {"audit", "list", "--action", "upstream.batch_accepted", "--limit", "1"});
    BOOST_REQUIRE(!audit.empty());

    // The receipts witness the trail's head. A supervisor checks them; the administrator, whose
    // role does not open census where the receipts are, still verifies the chain and is told the
    // witnesses were not checked.
    auto by_supervisor = w.must_json("supervisor", {"audit", "verify"});
    BOOST_TEST(by_supervisor["intact"] == true);
    BOOST_TEST(by_supervisor["witnesses_checked"] == true);
    BOOST_TEST(by_supervisor["witnessed_heads"].get<int>() >= 2);
    auto by_admin = w.must_json("admin", {"audit", "verify"});
    BOOST_TEST(by_admin["intact"] == true);
    BOOST_TEST(by_admin["witnesses_checked"] == false);
    BOOST_TEST(by_admin["witnessed_heads"] == 0);
    auto admin_text = w.as("admin", {"--lang", "ru", "audit", "verify"});
    BOOST_TEST(admin_text.exit_code == 0, admin_text.err);
    BOOST_TEST(admin_text.out.find("контролер") != std::string::npos, admin_text.out);
}

// The client certificate's CN is the workstation id every batch names: ws-<region code>-<nn>.
BOOST_AUTO_TEST_CASE(a_certificate_whose_name_is_no_workstation_id_is_refused_and_nothing_stored) {
    UpstreamWorkspace w(20);
    auto configure_misnamed = [&](const std::string& lang, bool json) {
        std::vector<std::string> args{"--lang", lang, "upstream", "configure", "--url", "https://localhost:1", "--ca",
                                      w.pki.ca_pem().string(), "--client-cert", w.pki.client_misnamed_p12().string(),
                                      "--receipt-key", w.pki.receipt_pub().string()};
        return run_cli(w.cmd("admin", args, json), w.env("admin"));
    };
    auto en = configure_misnamed("en", false);
    BOOST_TEST(en.exit_code == 4, en.exit_code << ": " << en.err);
    BOOST_TEST(en.err.find("workstation-59") != std::string::npos, en.err);
    BOOST_TEST(en.err.find("ws-59-01") != std::string::npos, en.err);
    auto ru = configure_misnamed("ru", false);
    BOOST_TEST(ru.err.find("рабоч") != std::string::npos, ru.err);
    auto kk = configure_misnamed("kk", false);
    BOOST_TEST(kk.err.find("жұмыс станция") != std::string::npos, kk.err);
    auto as_json = configure_misnamed("en", true);
    BOOST_TEST(as_json.exit_code == 4);
    auto doc = nlohmann::json::parse(as_json.out);   // one document
    BOOST_TEST(doc.contains("error"), as_json.out);
    BOOST_TEST(w.must_json("admin", {"upstream", "status"})["configured"] == false);
}

BOOST_AUTO_TEST_CASE(a_server_from_another_ca_is_refused_in_plain_words_and_gets_nothing) {
    UpstreamWorkspace w(60);
    test::ReceiverProcess impostor(w.dir / "receiver", w.receiver_args({"--cert", w.pki.other_server_pem().string(),
                                                                        "--key", w.pki.other_server_key().string()}));
    w.configure(impostor.url());
    auto r = w.as("officer", {"upstream", "send"});
    BOOST_TEST(r.exit_code != 0);
    BOOST_TEST(r.out.find("does not match the configured one") != std::string::npos, r.out << r.err);
    BOOST_TEST(test::receiver_stats(impostor.store()).batches == 0);
    auto status = w.must_json("officer", {"upstream", "status"});
    BOOST_TEST(status["batches"][0]["error"] == "server_certificate");
}

BOOST_AUTO_TEST_CASE(killed_at_random_moments_sending_resumes_and_every_record_arrives_exactly_once) {
    UpstreamWorkspace w(1500);
    // A slow receiver (40 ms per batch) and small batches make a send last long enough to be hit.
    test::ReceiverProcess receiver(w.dir / "receiver", w.receiver_args({"--stall-ms", "40"}));
    w.configure(receiver.url(), {"--max-batch", "40"});
    const auto env = w.env("officer");
    const auto send = w.cmd("officer", {"upstream", "send"});
    std::mt19937 rng(20261128);
    std::uniform_int_distribution<int> delay(30, 900);
    int killed = 0, completed = 0;
    for (int round = 0; round < 14 && completed < 2; ++round) {
        auto r = test::run_cli_killed_after(send, env, delay(rng));
        BOOST_TEST((r.exit_code == 0 || r.exit_code == 128 + 9), "exit " << r.exit_code << ": " << r.err);
        if (r.exit_code == 128 + 9) ++killed;
        else if (json::parse(r.out)["batches_left"] == 0) ++completed;
    }
    BOOST_TEST_MESSAGE(killed << " sends were killed mid-way");
    BOOST_TEST(killed >= 3);
    auto last = w.must_json("officer", {"upstream", "send"});
    BOOST_TEST(last["batches_left"] == 0);
    auto status = w.must_json("officer", {"upstream", "status", "--batches", "0"});
    BOOST_TEST(status["outbox"]["pending_persons"] == 0);
    BOOST_TEST(status["outbox"]["pending_households"] == 0);
    BOOST_TEST(status["outbox"]["persons_accepted"] == w.persons);
    auto held = test::receiver_stats(receiver.store());
    BOOST_TEST(held.distinct_records == w.persons + w.households);
    BOOST_TEST(held.persons == w.persons);
    BOOST_TEST(held.records_received_more_than_once == 0);
    w.as_reader("officer", Role::Officer, [&](Session& s) { test::expect_everything_sent_once(s, w.persons); });
    // A supervisor verifies: the receipts that witness the trail's head are census rows.
    auto audit = w.as("supervisor", {"audit", "verify"});
    BOOST_TEST(audit.exit_code == 0, audit.err);
}

BOOST_AUTO_TEST_SUITE_END()
