// The jobs of the application layer (src/app) through `sanaq`, against the expectations the GUI's
// tests assert too (tests/support/job_expectations.h): after the command, the workspace is opened
// here and read as the programs would.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "support/cli_workspace.h"
#include "support/upstream_workspace.h"
#include "core/domain/clock.h"
#include "db/workspace.h"
#include "support/job_expectations.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

struct JobsCli : test::CliWorkspaceBase {
    JobsCli() : CliWorkspaceBase("sanaq-cli-jobs", {{"officer", "officer"}, {"boss", "supervisor"}}) {}

    std::string inventory_without_a_valid_row() {
        const auto path = (dir / "all-bad.csv").string();
        std::ofstream out(path);
        out << "Номер комплекта;Модель планшета;Серийный номер планшета;IMEI;Серийный номер USB\n"
            << "KIT-0102;Samsung SM-T505;S0102;123;U0102\n"  // bad IMEI
            << "KIT-0103;Samsung SM-T505;S0103;;\n";        // no USB serial
        return path;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_jobs, JobsCli)

BOOST_AUTO_TEST_CASE(an_inventory_without_a_valid_row_registers_nothing_and_records_nothing) {
    auto run = as("officer", {"kit", "import", inventory_without_a_valid_row(), "--valid-only"});
    BOOST_TEST(run.exit_code == 4);  // InvalidInput, as README.md's exit codes say
    as_reader("boss", Role::Supervisor, [](Session& s) { test::expect_no_empty_delivery(s, 0); });
}

BOOST_AUTO_TEST_CASE(a_backup_is_recorded_under_its_absolute_path) {
    fs::create_directories(dir / "sub");
    const fs::path requested = dir / "sub" / ".." / "census.sanaq-backup";
    must("admin", {"workspace", "backup", "--out", requested.string()});
    as_reader("boss", Role::Supervisor,
              [&](Session& s) { test::expect_backup_recorded_under_its_absolute_path(s, requested); });
}

BOOST_AUTO_TEST_CASE(a_records_export_is_recorded_under_its_absolute_path) {
    test::UpstreamWorkspace day(40);  // a kit's tablet pulled: persons to export
    fs::create_directories(day.dir / "sub");
    const fs::path requested = day.dir / "sub" / ".." / "records.csv";
    auto exported = day.must_json("officer", {"records", "export", "--out", requested.string()});
    BOOST_TEST(exported["persons"].get<std::int64_t>() == day.persons);
    day.as_reader("supervisor", Role::Supervisor, [&](Session& s) {
        test::expect_records_export_recorded_under_its_absolute_path(s, requested, day.persons);
    });
}

BOOST_AUTO_TEST_SUITE_END()
