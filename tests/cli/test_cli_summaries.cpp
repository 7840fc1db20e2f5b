// A workspace with per-role keys from the terminal: the officer pulls, imports a list,
// reconciles and sends upstream; the administrator — whose password never opens census — then
// reads the same coverage figures and outbox counts with `coverage` and `upstream status`, marked
// as the department's summary as of when it was stored, and still no person. A custodian reads
// neither.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "support/run_cli.h"
#include "support/receiver_fixture.h"
#include "support/upstream_workspace.h"

using namespace sanaq;
using nlohmann::json;
using test::run_cli;

namespace {

/// The counts alone: what the officer counted now and the administrator read from the summary
/// must agree on everything but where they came from.
json without_source(json j) {
    j.erase("counts");
    return j;
}

/// The department's summary carries the counts, not the channel, source and resident-category
/// breakdowns: an administrator's coverage leaves them out, so the officer's are set aside to compare.
json without_breakdowns(json j) {
    for (auto& row : j["rows"])
        for (const char* key : {"matched_by_channel", "matched_by_source", "by_residence"}) row.erase(key);
    if (j.contains("total"))
        for (const char* key : {"matched_by_channel", "matched_by_source", "by_residence"}) j["total"].erase(key);
    return j;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_summaries)

BOOST_AUTO_TEST_CASE(the_administrator_reads_the_officers_counts_from_the_department_summary) {
    test::UpstreamWorkspace w(120, "per-role");
    const std::string before = iso_utc(std::chrono::system_clock::now());
    const std::string bin = w.institution["bin"];
    w.must_json("officer",
                {"institution", "add", "--bin", bin, "--name-kk", w.institution["name_kk"],
                 "--name-ru", w.institution["name_ru"], "--type", w.institution["type"], "--kato",
                 w.institution["kato"], "--kato-version", w.institution["kato_version"]});
    const std::string list = (w.dir / "list.csv").string();
    auto made = test::run_tablet_sim({"--json", "make-list", "--out", list, "--institution", bin,
                         "--persons", "120", "--seed", "9"});
    BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
    w.must_json("officer", {"list", "import", list, "--institution", bin, "--valid-only"});
    auto run = w.must_json("officer", {"reconcile"});
    BOOST_TEST(run["matched"].get<int>() > 0);

    test::ReceiverProcess receiver(w.dir / "receiver", w.receiver_args());
    w.configure(receiver.url(), {"--max-batch", "50"});
    auto sent = w.must_json("officer", {"upstream", "send"});
    BOOST_TEST(sent["persons_accepted"] == w.persons);

    auto officer_coverage = w.must_json("officer", {"coverage"});
    auto officer_upstream = w.must_json("officer", {"upstream", "status"});
    BOOST_TEST(officer_coverage["counts"]["from_summary"] == false);
    BOOST_TEST(officer_upstream["outbox"]["counts"]["from_summary"] == false);

    auto admin_coverage = w.must_json("admin", {"coverage"});
    auto admin_region = w.must_json("admin", {"coverage", "--by", "region"});
    auto admin_upstream = w.must_json("admin", {"upstream", "status"});
    const std::string after = iso_utc(std::chrono::system_clock::now());
    BOOST_TEST(without_source(admin_coverage) == without_breakdowns(without_source(officer_coverage)),
               admin_coverage.dump() << "\nofficer: " << officer_coverage.dump());
    BOOST_TEST(!admin_coverage["total"].contains("matched_by_channel"));  // unknown there, not zero
    BOOST_TEST(officer_coverage["total"].contains("matched_by_channel"));
    BOOST_TEST(without_source(admin_region)["rows"] ==
               without_breakdowns(without_source(w.must_json("officer", {"coverage", "--by", "region"})))["rows"]);
    BOOST_TEST(without_source(admin_upstream["outbox"]) ==
               without_source(officer_upstream["outbox"]));
    BOOST_TEST(admin_upstream["outbox"]["persons_accepted"] == w.persons);
    BOOST_TEST(admin_upstream["outbox"]["pending_persons"] == 0);
    BOOST_TEST(admin_upstream["configured"] == true);
    BOOST_TEST(admin_upstream["batches"].empty());  // the batches are census's
    for (const json& counts : {admin_coverage["counts"], admin_upstream["outbox"]["counts"]}) {
        BOOST_TEST(counts["from_summary"] == true);
        const std::string as_of = counts["as_of"];
        BOOST_TEST((before <= as_of && as_of <= after),
                   before << " <= " << as_of << " <= " << after);
    }

    // Said in words in the reader's language.
    auto text = w.as("admin", {"--lang", "ru", "upstream", "status"});
    BOOST_TEST(text.exit_code == 0, text.err);
    BOOST_TEST(text.out.find("сводк") != std::string::npos, text.out);
    auto words = w.as("admin", {"--lang", "en", "coverage"});
    BOOST_TEST(words.out.find("summary") != std::string::npos, words.out);

    // Persons stay out of reach: the drill-down, the records export, a record's sending mark.
    BOOST_TEST(w.as("admin", {"coverage", "--institution", bin, "--people"}).exit_code == 5);
    BOOST_TEST(
        w.as("admin", {"records", "export", "--out", (w.dir / "x.csv").string()}).exit_code == 5);
    // A custodian reads neither count.
    auto added = run_cli(
        {"--workspace", w.ws, "--user", "admin", "user", "add", "custodian", "--role", "custodian"},
        {{"SANAQ_PASSWORD", "pass-for-admin"}, {"SANAQ_NEW_PASSWORD", "pass-for-custodian"}});
    BOOST_REQUIRE_MESSAGE(added.exit_code == 0, added.err);
    BOOST_TEST(w.as("custodian", {"coverage"}).exit_code == 5);
    BOOST_TEST(w.as("custodian", {"upstream", "status"}).exit_code == 5);
}

BOOST_AUTO_TEST_SUITE_END()
