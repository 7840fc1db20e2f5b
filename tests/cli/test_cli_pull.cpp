// `sanaq pull` and friends driven as a user would, and the crash test: the CLI killed at random
// moments of a pull, then reopened — every person stored exactly once, the audit chain intact.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>
#include <chrono>
#include <random>

#include "core/domain/identifiers.h"
#include "core/usecases/demo.h"
#include "support/cli_workspace.h"
#include "support/job_expectations.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"

using namespace sanaq;
using nlohmann::json;
using test::run_cli;

namespace {

struct PullWorkspace : test::CliWorkspaceBase {
    std::string tablet = (dir / "tablet").string();
    std::string keyfile = (dir / "department.pem").string();

    PullWorkspace() : CliWorkspaceBase("sanaq-cli-pull", {{"officer", "officer"}, {"boss", "supervisor"}}) {
        must_json("officer", {"kit", "register", "KIT-0042", "--tablet-serial", "R52R3000042", "--usb-serial", "R52R3000042",
                              "--imei", make_imei("35281234560042"), "--model", "Samsung SM-T505"});
        must_json("officer", {"keys", "department-public", "--out", keyfile});
    }

    /// The tablet reports the USB serial the kit is registered with, as a real kit's tablet does.
    json make_packages(int persons, int packages) {
        auto r = test::run_tablet_sim({"--json", "make-packages", "--out", tablet, "--kit", "KIT-0042", "--usb-serial",
                                       "R52R3000042", "--department-key", keyfile, "--persons", std::to_string(persons),
                                       "--packages", std::to_string(packages), "--seed", "3"});
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return json::parse(r.out);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_pull, PullWorkspace)

BOOST_AUTO_TEST_CASE(pull_from_a_folder_as_documented) {
    auto made = make_packages(300, 3);
    BOOST_TEST(made["packages"].size() == 3u);
    // Not enrolled yet: everything is quarantined, with the reason.
    auto first = must_json("officer", {"pull", "--from-dir", tablet});
    BOOST_TEST(first["packages_quarantined"] == 3);
    BOOST_TEST(first["persons_stored"] == 0);
    auto q = must_json("officer", {"quarantine", "list"});
    BOOST_TEST(q["quarantine"].size() == 3u);
    BOOST_TEST(q["quarantine"][0]["reason"] == "unknown_device");

    must_json("officer", {"kit", "enroll-device", "KIT-0042", "--public-key", tablet + "/Documents/Sanaq/device-key.pem"});
    auto s = must_json("officer", {"pull", "--from-dir", tablet});
    BOOST_TEST(s["outcome"] == "complete");
    BOOST_TEST(s["packages_received"] == 3);
    BOOST_TEST(s["persons_stored"] == 300);
    BOOST_TEST(s["packages_left_on_tablet"] == 0);
    BOOST_TEST(must_json("officer", {"quarantine", "list"})["quarantine"].empty());
    auto again = must_json("officer", {"pull", "--from-dir", tablet});
    BOOST_TEST(again["packages_already_received"] == 3);
    BOOST_TEST(again["persons_stored"] == 0);
    auto stats = must_json("officer", {"records", "stats"});
    BOOST_TEST(stats["persons"] == 300);
    BOOST_TEST(stats["packages"] == 3);

    // A custodian sees no census data.
    auto r = as("admin", {"user", "add", "keeper", "--role", "custodian"}, {{"SANAQ_NEW_PASSWORD", "pass-for-keeper"}});
    BOOST_REQUIRE(r.exit_code == 0);
    BOOST_TEST(as("keeper", {"records", "stats"}).exit_code == 5);
    BOOST_TEST(as("keeper", {"pull", "--from-dir", tablet}).exit_code == 5);
}

BOOST_AUTO_TEST_CASE(a_pull_from_the_simulated_usb_tablet) {
    auto made = make_packages(120, 2);
    const std::map<std::string, std::string> env = {{"SANAQ_SIMULATED_TABLETS", tablet}, {"SANAQ_PASSWORD", "pass-for-officer"}};
    auto list = run_cli({"--workspace", ws, "--user", "officer", "--json", "device", "list"}, env);
    BOOST_REQUIRE_MESSAGE(list.exit_code == 0, list.err);
    auto tablets = json::parse(list.out)["tablets"];
    BOOST_REQUIRE(!tablets.empty());
    // The serial the simulator gave the tablet, as the Devices screen shows it (tests/ui/test_devices).
    BOOST_TEST(tablets.front()["usb_serial"] == made["usb_serial"]);
    BOOST_TEST(tablets.front()["simulated"] == true);
    // The key read from the kit's tablet itself (no --public-key), as the Devices screen's Enrol does.
    auto enrol = run_cli({"--workspace", ws, "--user", "officer", "--json", "kit", "enroll-device", "KIT-0042"}, env);
    BOOST_REQUIRE_MESSAGE(enrol.exit_code == 0, enrol.err);
    auto pull = run_cli({"--workspace", ws, "--user", "officer", "--json", "pull", "--all"}, env);
    BOOST_REQUIRE_MESSAGE(pull.exit_code == 0, pull.err);
    auto s = json::parse(pull.out);
    BOOST_TEST(s["persons_stored"] == 120);
    BOOST_TEST(s["packages_received"] == 2);
    // Pulled again: nothing twice (tests/ui test_department_day asserts the same after the GUI).
    BOOST_REQUIRE_EQUAL(run_cli({"--workspace", ws, "--user", "officer", "--json", "pull", "--all"}, env).exit_code, 0);
    const std::string key = test::read_file(tablet + "/Documents/Sanaq/device-key.pem");
    as_reader("boss", Role::Supervisor, [&](Session& session) {
        test::expect_device_key_enrolled_from_the_tablet(session, "KIT-0042", key);
        test::expect_kit_pulled_once(session, "KIT-0042", 2, 120);
    });
}

BOOST_AUTO_TEST_CASE(killed_at_random_moments_the_pull_resumes_without_loss_or_duplicates) {
    must_json("officer", {"keys", "department-public", "--out", keyfile});
    const std::vector<std::string> pull = {"--workspace", ws, "--user", "officer", "--json", "pull", "--from-dir", tablet};
    const std::map<std::string, std::string> env = {{"SANAQ_PASSWORD", "pass-for-officer"}};
    // Calibrate: how long one uninterrupted pull of a round's packages takes here.
    make_packages(4000, 4);
    must_json("officer", {"kit", "enroll-device", "KIT-0042", "--public-key", tablet + "/Documents/Sanaq/device-key.pem"});
    const auto t0 = std::chrono::steady_clock::now();
    auto calibration = run_cli(pull, env);
    BOOST_REQUIRE_MESSAGE(calibration.exit_code == 0, calibration.err);
    const int full_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
    BOOST_TEST_MESSAGE("an uninterrupted pull of 4 packages takes " << full_ms << " ms");

    // Each round brings new packages and kills the pull somewhere inside that span.
    std::mt19937 rng(20261128);
    std::uniform_int_distribution<int> delay(1, std::max(2, full_ms));
    int killed = 0, persons = 4000, packages = 4;
    for (int round = 0; round < 8; ++round) {
        make_packages(4000, 4);
        persons += 4000;
        packages += 4;
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto r = test::run_cli_killed_after(pull, env, delay(rng));
            killed += r.exit_code == 128 + 9 ? 1 : 0;
            // Every run either completed or was killed: nothing in between.
            BOOST_TEST((r.exit_code == 0 || r.exit_code == 128 + 9), "exit " << r.exit_code << ": " << r.err);
        }
    }
    BOOST_TEST_MESSAGE(killed << " of 16 runs were killed mid-way");
    BOOST_TEST(killed >= 4);   // the kills really landed inside pulls
    auto s = must_json("officer", {"pull", "--from-dir", tablet});
    BOOST_TEST(s["outcome"] == "complete");
    BOOST_TEST(s["packages_left_on_tablet"] == 0);
    BOOST_TEST(s["packages_quarantined"] == 0);
    auto stats = must_json("officer", {"records", "stats"});
    BOOST_TEST(stats["persons"] == persons);
    BOOST_TEST(stats["packages"] == packages);
    BOOST_TEST(stats["quarantined_open"] == 0);
    auto audit = as("admin", {"audit", "verify"});
    BOOST_TEST(audit.exit_code == 0, audit.err);
}

BOOST_AUTO_TEST_SUITE_END()
