// Coverage reconciliation from the command line, as the README walks a new user through it:
// packages pulled from a simulated tablet, the institution registered, its simulated list imported
// (dry run, refusal of a list with bad rows, --valid-only with the rejected rows written out),
// reconcile, coverage in every form, the drill-down, the review queue with a decision, and the
// audited records export.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/usecases/demo.h"
#include "support/cli_workspace.h"
#include "support/run_cli.h"
#include "support/job_expectations.h"
#include "support/temp_dir.h"

using namespace sanaq;
using nlohmann::json;
using test::run_cli;
namespace fs = std::filesystem;

namespace {

struct CoverageWorkspace : test::CliWorkspaceBase {
    std::string tablet = (dir / "tablet").string();
    std::string keyfile = (dir / "department.pem").string();
    json institution;

    CoverageWorkspace()
        : CliWorkspaceBase("sanaq-cli-coverage", {{"officer", "officer"}, {"supervisor", "supervisor"}}) {
        must_json("officer", {"kit", "register", "KIT-0042", "--tablet-serial", "R52R3000042", "--usb-serial",
                              "R52R3000042", "--imei", make_imei("35281234560042"), "--model", "Samsung SM-T505"});
        must_json("officer", {"keys", "department-public", "--out", keyfile});
        auto made = test::run_tablet_sim({"--json", "make-packages", "--out", tablet, "--kit", "KIT-0042",
                             "--department-key", keyfile, "--persons", "300", "--packages", "2", "--seed", "3"});
        BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
        institution = json::parse(made.out)["institution"];
        must_json("officer", {"kit", "enroll-device", "KIT-0042", "--public-key",
                              (fs::path(tablet) / "Documents/Sanaq/device-key.pem").string()});
        must_json("officer", {"pull", "--from-dir", tablet});
        must_json("officer", {"institution", "add", "--bin", institution["bin"], "--name-kk", institution["name_kk"],
                              "--name-ru", institution["name_ru"], "--type", institution["type"], "--kato",
                              institution["kato"], "--kato-version", institution["kato_version"]});
    }

    std::string bin() const { return institution["bin"]; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_coverage, CoverageWorkspace)

BOOST_AUTO_TEST_CASE(from_a_list_file_to_coverage_and_a_decided_review) {
    const std::string list = (dir / "list.xlsx").string();
    // make-list finds the simulated kit of the institution by its BIN.
    auto made = test::run_tablet_sim({"--json", "make-list", "--out", list, "--institution", bin(), "--persons", "300",
                         "--seed", "3"});
    BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
    const json m = json::parse(made.out);
    BOOST_TEST(m["kit"] == "KIT-0042");
    BOOST_TEST(m["rows"].get<int>() > 250);

    // A dry run stores nothing.
    auto dry = must_json("officer", {"list", "import", list, "--institution", bin(), "--dry-run"});
    BOOST_TEST(dry["rows"].get<int>() == m["rows"].get<int>());
    BOOST_TEST(must_json("officer", {"list", "versions"}).empty());

    // Rows with errors (the person listed twice): refused unless --valid-only.
    const int rejected = dry["rejected"];
    if (rejected > 0) {
        auto refused = as("officer", {"list", "import", list, "--institution", bin()});
        BOOST_TEST(refused.exit_code == 4);
        BOOST_TEST(refused.err.find("--valid-only") != std::string::npos);
    }
    const std::string rejected_file = (dir / "rejected.csv").string();
    auto imported = must_json("officer", {"list", "import", list, "--institution", bin(), "--valid-only", "--rejected-out",
                                          rejected_file, "--save-mapping", "default"});
    BOOST_TEST(imported["stored"]["version"] == 1);
    BOOST_TEST(imported["stored"]["rows_imported"] == dry["importable"]);
    as_reader("supervisor", Role::Supervisor, [&](Session& s) {
        test::expect_list_version_stored(s, bin(), 1, imported["stored"]["rows_imported"].get<std::int64_t>(),
                                         imported["stored"]["rows_rejected"].get<std::int64_t>());
    });
    BOOST_TEST(fs::exists(rejected_file) == (rejected > 0));

    // The same file again: a second version with nothing changed.
    auto again = must_json("officer", {"list", "import", list, "--institution", bin(), "--valid-only", "--mapping", "default"});
    BOOST_TEST(again["stored"]["version"] == 2);
    BOOST_TEST(again["changes"]["added"].empty());
    BOOST_TEST(again["changes"]["removed"].empty());

    auto run = must_json("officer", {"reconcile"});
    BOOST_TEST(run["listed"] == imported["stored"]["rows_imported"]);
    BOOST_TEST(run["enumerated"] == 300);
    BOOST_TEST(run["matched"].get<int>() > 200);
    as_reader("supervisor", Role::Supervisor,
              [&](Session& s) { test::expect_every_listed_person_has_one_outcome(s, "officer"); });

    auto cov = must_json("officer", {"coverage"});
    BOOST_REQUIRE_EQUAL(cov["rows"].size(), 1u);
    BOOST_TEST(cov["rows"][0]["key"] == bin());
    BOOST_TEST(cov["rows"][0]["coverage_percent"].get<double>() > 80.0);
    BOOST_TEST(cov["total"]["listed"] == cov["rows"][0]["listed"]);
    auto region = must_json("officer", {"coverage", "--by", "region"});
    BOOST_TEST(region["rows"][0]["key"] == std::string(institution["kato"]).substr(0, 2));
    BOOST_TEST(as("officer", {"coverage", "--by", "planet"}).exit_code == 2);

    auto people = must_json("officer", {"coverage", "--institution", bin(), "--people"});
    int missing = 0, matched = 0;
    for (const auto& p : people["people"]) {
        missing += p["outcome"] == "missing";
        matched += p["outcome"] == "matched";
    }
    BOOST_TEST(matched == cov["rows"][0]["matched"].get<int>());
    BOOST_TEST(missing == cov["rows"][0]["missing"].get<int>());
    BOOST_TEST(missing == m["listed_not_enumerated"].get<int>());

    // Exports: XLSX and PDF reports, personal data only on request and audited.
    fs::create_directories(dir / "sub");
    const std::string xlsx = (dir / "coverage.xlsx").string(), pdf = (dir / "sub" / ".." / "coverage.pdf").string();
    must_json("officer", {"coverage", "--xlsx", xlsx});
    must_json("officer", {"coverage", "--pdf", pdf, "--lang", "both"});
    BOOST_TEST(fs::file_size(xlsx) > 1000u);
    BOOST_TEST(fs::file_size(pdf) > 1000u);
    as_reader("supervisor", Role::Supervisor, [&](Session& s) {
        test::expect_coverage_export_recorded_under_its_absolute_path(s, pdf, "pdf");
        test::expect_coverage_export_recorded_under_its_absolute_path(s, xlsx, "xlsx");
    });
    const std::string records = (dir / "records.csv").string();
    auto exported = must_json("officer", {"records", "export", "--out", records, "--institution", bin()});
    BOOST_TEST(exported["persons"].get<int>() > 0);
    auto audit = must_json("supervisor", {"audit", "list", "--action", "records.export"});
    BOOST_TEST(audit.size() == 1u);

    // The review queue: officers see it, supervisors decide.
    auto queue = must_json("supervisor", {"review", "list", "--state", "all"});
    if (!queue.empty()) {
        const auto id = std::to_string(queue[0]["id"].get<int>());
        auto shown = must_json("supervisor", {"review", "show", id});
        BOOST_TEST(shown["fields"].size() == 8u);
        auto officer_try = as("officer", {"review", "decide", id, "nonmatch", "--reason", "x"});
        BOOST_TEST(officer_try.exit_code == 5);
        BOOST_TEST(as("supervisor", {"review", "decide", id, "nonmatch"}).exit_code != 0);   // a reason is required
        auto decided = must_json("supervisor", {"review", "decide", id, "nonmatch", "--reason", "different people"});
        BOOST_TEST(decided["effective"] == true);
        auto after = must_json("supervisor", {"review", "list", "--state", "decided"});
        BOOST_TEST(after.size() == 1u);
    }
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_plainly) {
    BOOST_TEST(as("officer", {"list", "import", (dir / "missing.csv").string(), "--institution", bin()}).exit_code != 0);
    { std::ofstream(dir / "junk.csv") << "x;y\n1;2\n"; }
    auto junk = as("officer", {"list", "import", (dir / "junk.csv").string(), "--institution", bin()});
    BOOST_TEST(junk.exit_code == 4);
    auto unknown_inst = test::run_tablet_sim({"make-list", "--out", (dir / "l.csv").string(), "--institution",
                                 "000000000000", "--persons", "10"});
    BOOST_TEST(unknown_inst.exit_code != 0);
    BOOST_TEST(!fs::exists(dir / "l.csv"));
    BOOST_TEST(as("supervisor", {"review", "decide", "999", "match", "--reason", "x"}).exit_code == 4);   // no such item
}

BOOST_AUTO_TEST_CASE(people_counted_online_come_in_through_channels_import_and_are_not_missing) {
    const std::string list = (dir / "list.csv").string();
    auto made = test::run_tablet_sim({"--json", "make-list", "--out", list, "--institution", bin(), "--persons", "300",
                                      "--seed", "3"});
    BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
    must_json("officer", {"list", "import", list, "--institution", bin(), "--valid-only"});
    must_json("officer", {"reconcile"});
    // The listed people no tablet pulled: say the census database counted them online.
    const auto people = must_json("officer", {"coverage", "--institution", bin(), "--people"});
    const std::string channels = (dir / "channels.csv").string();
    int online = 0;
    {
        std::ofstream out(channels);
        out << "ИИН;Фамилия;Имя;Отчество;Дата рождения;Канал;Код подтверждения;Время синхронизации;БИН учреждения\n";
        for (const auto& p : people["people"]) {
            if (p["outcome"] != "missing") continue;
            const auto& l = p["listed"];
            out << l["iin"].get<std::string>() << ';' << l["surname"].get<std::string>() << ';'
                << l["name"].get<std::string>() << ';' << l["patronymic"].get<std::string>() << ';'
                << l["birth_date"].get<std::string>() << ";онлайн;SQ-" << ++online << ";2026-10-03 09:00;" << bin()
                << '\n';
        }
    }
    BOOST_REQUIRE(online > 0);
    const auto before = must_json("officer", {"coverage"})["total"];
    BOOST_TEST(before["missing"].get<int>() == online);

    // A malformed file is refused with the reason, and stores nothing.
    const std::string junk = (dir / "junk.csv").string();
    std::ofstream(junk) << "IIN;Surname;Given name\n900101300017;Ли;Ерлан\n";
    auto refused = as("officer", {"channels", "import", junk});
    BOOST_TEST(refused.exit_code == 4);
    BOOST_TEST(refused.err.find("channel column") != std::string::npos, refused.err);
    BOOST_TEST(must_json("officer", {"channels", "list"}).empty());

    auto imported = must_json("officer", {"channels", "import", channels});
    BOOST_TEST(imported["version"] == 1);
    BOOST_TEST(imported["rows_imported"].get<int>() == online);
    BOOST_TEST(imported["source"] == "census_database");
    BOOST_TEST(must_json("officer", {"channels", "list"}).size() == 1u);
    auto listed = as("officer", {"channels", "list"});
    BOOST_TEST(listed.out.find("census_database") != std::string::npos, listed.out);

    must_json("officer", {"reconcile"});
    const auto after = must_json("officer", {"coverage"})["total"];
    BOOST_TEST(after["missing"].get<int>() == 0);
    BOOST_TEST(after["matched_by_channel"]["online"].get<int>() == online);
    BOOST_TEST(after["matched_by_channel"]["usb_tablet"].get<int>() == before["matched"].get<int>());
    BOOST_TEST(after["by_residence"].contains("permanent"));
    // The terminal table has a column per channel and the breakdown by resident category.
    auto text = as("officer", {"coverage"});
    BOOST_TEST(text.exit_code == 0);
    BOOST_TEST(text.out.find("Online (sanaq.gov.kz)") != std::string::npos, text.out);
    BOOST_TEST(text.out.find("Temporarily absent") != std::string::npos, text.out);
}

BOOST_AUTO_TEST_SUITE_END()
