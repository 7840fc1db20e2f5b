// The jobs of the application layer (src/app) against a real SQLCipher workspace: what each stores,
// what it puts on the trail, and that a cancel leaves nothing half-stored. tests/cli and tests/ui
// drive the same jobs through the programs against the same expectations
// (tests/support/job_expectations.h).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "app/kit_imports.h"
#include "app/list_imports.h"
#include "app/reconciliations.h"
#include "app/records_exports.h"
#include "app/upstream_sending.h"
#include "app/workspace_backups.h"
#include "core/domain/identifiers.h"
#include "coverage/coverage_report.h"
#include "db/backup.h"
#include "support/census_fill.h"
#include "support/job_expectations.h"
#include "support/upstream_configuration.h"
#include "support/staffed_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

struct JobsFixture : test::StaffedWorkspace {
    Session admin = as("admin", Role::Administrator);
    Session officer = as("officer", Role::Officer);
    Session supervisor = as("supervisor", Role::Supervisor);

    /// A list of the fixture's institution: one good row, two that cannot be imported.
    fs::path list_with_rejected_rows() {
        const fs::path path = dir / "list.csv";
        std::ofstream out(path);
        out << "\xEF\xBB\xBF" "ИИН;Фамилия;Имя;Дата рождения\n";
        out << "850314300123;;Айгерим;14.03.1985\n";  // no surname
        out << ";Ким;Сергей;\n";                      // neither IIN nor birth date
        out << ";Ким;Сергей;01.02.1990\n";
        return path;
    }

    /// An inventory: KIT-0101 fine, KIT-0102 with a bad IMEI, KIT-1001 already registered.
    fs::path inventory(bool with_valid_row = true) {
        const fs::path path = dir / (with_valid_row ? "inventory.csv" : "all-bad.csv");
        std::ofstream out(path);
        out << "Номер комплекта;Модель планшета;Серийный номер планшета;IMEI;Серийный номер USB;Зарядное устройство\n";
        if (with_valid_row) out << "KIT-0101;Samsung SM-T505;S0101;" << make_imei("35281234560101") << ";U0101;CH-0101\n";
        out << "KIT-0102;Samsung SM-T505;S0102;123;U0102;CH-0102\n";
        out << "KIT-1001;Samsung SM-T505;S1001;;U1001;\n";
        return path;
    }
};

app::CancelToken cancelled_token() {
    app::CancelToken token;
    token.cancel();
    return token;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jobs)

BOOST_FIXTURE_TEST_CASE(a_list_with_rejected_rows_is_stored_only_when_the_valid_rows_are_chosen, JobsFixture) {
    std::vector<std::string> stages;
    auto preview = app::read_list(officer, {list_with_rejected_rows(), bin},
                                  [&](const app::JobProgress& p) { stages.push_back(p.stage); });
    BOOST_REQUIRE(preview);
    BOOST_TEST(preview->preview.rejected_count() == 2);
    BOOST_TEST(!stages.empty());

    auto refused = app::store_list(officer, *preview, {});
    BOOST_REQUIRE(!refused);
    BOOST_TEST((refused.error().code == ErrorCode::InvalidInput));
    auto cancelled = app::store_list(officer, *preview, {.valid_only = true}, {}, cancelled_token());
    BOOST_REQUIRE(!cancelled);
    BOOST_TEST((cancelled.error().code == ErrorCode::Cancelled));
    BOOST_TEST(list_versions(officer, bin)->empty());
    BOOST_TEST(test::trail_entries(supervisor, "list.import").empty());

    auto stored = app::store_list(officer, *preview, {.valid_only = true});
    BOOST_REQUIRE(stored);
    BOOST_TEST(stored->rows_imported == 1);
    BOOST_TEST(test::trail_entries(supervisor, "list.import").size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_cancelled_reconciliation_keeps_the_previous_results, JobsFixture) {
    auto cancelled = app::reconcile(officer, {}, cancelled_token());
    BOOST_REQUIRE(!cancelled);
    BOOST_TEST((cancelled.error().code == ErrorCode::Cancelled));
    BOOST_TEST(!coverage_report(supervisor, CoverageLevel::Institution)->run.has_value());
    BOOST_TEST(test::trail_entries(supervisor, "reconcile").empty());

    std::vector<ReconcileProgress::Stage> stages;
    auto done = app::reconcile(officer, [&](const app::JobProgress& p) { stages.push_back(app::reconcile_stage_of(p)); });
    BOOST_REQUIRE(done);
    BOOST_TEST(coverage_report(supervisor, CoverageLevel::Institution)->run.has_value());
    BOOST_TEST(test::trail_entries(supervisor, "reconcile").size() == 1u);
    BOOST_TEST((std::ranges::find(stages, ReconcileProgress::Stage::Storing) != stages.end()));
}

BOOST_FIXTURE_TEST_CASE(a_kit_inventory_checks_the_role_first_and_registers_no_empty_delivery, JobsFixture) {
    // A role that may not register kits learns that, not that the file is missing.
    auto denied = app::read_kit_inventory(supervisor, dir / "no-such-file.csv");
    BOOST_REQUIRE(!denied);
    BOOST_TEST((denied.error().code == ErrorCode::PermissionDenied));

    const auto kits_before = *count_kits(officer, {});
    auto none_valid = app::read_kit_inventory(officer, inventory(false));
    BOOST_REQUIRE(none_valid);
    BOOST_TEST(none_valid->valid() == 0);
    auto empty = app::register_kit_inventory(officer, *none_valid, {.valid_only = true});
    BOOST_REQUIRE(!empty);
    BOOST_TEST((empty.error().code == ErrorCode::InvalidInput));
    test::expect_no_empty_delivery(supervisor, kits_before);

    auto preview = app::read_kit_inventory(officer, inventory());
    BOOST_REQUIRE(preview);
    BOOST_TEST(preview->valid() == 1);
    BOOST_TEST(preview->invalid() == 2);  // the bad IMEI, and the kit already in the register
    BOOST_TEST(!app::register_kit_inventory(officer, *preview, {}));
    BOOST_TEST(!app::register_kit_inventory(officer, *preview, {.valid_only = true}, cancelled_token()));
    test::expect_no_empty_delivery(supervisor, kits_before);
    auto saved = app::register_kit_inventory(officer, *preview, {.valid_only = true});
    BOOST_REQUIRE(saved);
    BOOST_TEST(*saved == 1);
    test::expect_delivery_registered(supervisor, {"KIT-0101"}, "inventory.csv");
}

BOOST_FIXTURE_TEST_CASE(a_backup_is_recorded_under_its_absolute_path_and_a_cancel_leaves_no_file, JobsFixture) {
    const fs::path folder = dir / "backups";
    fs::create_directories(folder / "sub");
    // Cancelled while the copy runs: no file, nothing left in the folder, nothing on the trail.
    app::CancelToken cancel;
    auto stopped = app::back_up_workspace(admin, *ws, folder / "stopped.sanaq-backup",
                                          [&](const app::JobProgress&) { cancel.cancel(); }, cancel);
    BOOST_REQUIRE(!stopped);
    BOOST_TEST((stopped.error().code == ErrorCode::Cancelled));
    BOOST_TEST(fs::is_empty(folder / "sub"));
    BOOST_TEST(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 1);
    BOOST_TEST(test::trail_entries(admin, "workspace.backup").empty());

    const fs::path requested = folder / "sub" / ".." / "census.sanaq-backup";
    std::uint64_t last_done = 0;
    auto written = app::back_up_workspace(admin, *ws, requested, [&](const app::JobProgress& p) { last_done = p.done; });
    BOOST_REQUIRE_MESSAGE(written, (written ? "" : written.error().message_id));
    BOOST_TEST(last_done > 0u);
    test::expect_backup_recorded_under_its_absolute_path(admin, requested);

    // Restoring: a cancel leaves no folder; then the whole restore.
    db::BackupRestorer restorer(db::OpenOptions{false, db::test_kdf()});
    app::CancelToken stop_restore;
    auto no_folder = app::restore_workspace_backup(
        restorer, clock, {folder / "census.sanaq-backup", dir / "restored-stopped", "admin", test::kPassword},
        [&](const app::JobProgress&) { stop_restore.cancel(); }, stop_restore);
    BOOST_REQUIRE(!no_folder);
    BOOST_TEST((no_folder.error().code == ErrorCode::Cancelled));
    BOOST_TEST(!fs::exists(dir / "restored-stopped"));
    auto restored = app::restore_workspace_backup(
        restorer, clock, {folder / "census.sanaq-backup", dir / "sub" / ".." / "restored", "admin", test::kPassword});
    BOOST_REQUIRE_MESSAGE(restored, (restored ? "" : restored.error().message_id));
    BOOST_TEST(restored->target == dir / "restored");
    BOOST_TEST(fs::exists(dir / "restored"));
}

BOOST_FIXTURE_TEST_CASE(a_records_export_reports_its_reading_and_a_stop_leaves_no_entry_and_no_file, JobsFixture) {
    auto filled = test::fill_census(*ws, {.persons = 12000, .persons_per_kit = 1000});
    BOOST_REQUIRE_MESSAGE(filled, (filled ? "" : filled.error().message_id));
    fs::create_directories(dir / "out" / "sub");

    // Stopped while it reads: nothing on the trail, no file.
    const fs::path stopped_file = dir / "out" / "stopped.csv";
    app::CancelToken stop;
    auto stopped = app::export_records(officer, stopped_file, "", [&](const app::JobProgress&) { stop.cancel(); }, stop);
    BOOST_REQUIRE(!stopped);
    BOOST_TEST((stopped.error().code == ErrorCode::Cancelled));
    test::expect_stopped_records_export_left_nothing(supervisor, stopped_file);

    // A custodian may not export census records: refused before anything is read.
    Session custodian = as("custodian", Role::Custodian);
    auto refused = app::export_records(custodian, dir / "out" / "refused.csv", "", {}, {});
    BOOST_REQUIRE(!refused);
    BOOST_TEST((refused.error().code == ErrorCode::PermissionDenied));

    const fs::path requested = dir / "out" / "sub" / ".." / "records.xlsx";
    std::vector<std::uint64_t> reported;
    auto written = app::export_records(officer, requested, "", [&](const app::JobProgress& p) {
        BOOST_TEST(std::string(p.stage) == app::kReadingRecordsStage);
        reported.push_back(p.done);
    }, {});
    BOOST_REQUIRE_MESSAGE(written, (written ? "" : written.error().message_id));
    BOOST_TEST(*written == 12000);
    BOOST_REQUIRE(!reported.empty());
    BOOST_TEST(reported.size() >= 3u);  // every 5,000 read, then the total
    BOOST_TEST(reported.back() == 12000u);
    test::expect_records_export_recorded_under_its_absolute_path(supervisor, requested, 12000);
}

BOOST_FIXTURE_TEST_CASE(a_send_goes_over_the_transport_the_application_makes, JobsFixture) {
    BOOST_REQUIRE(upstream::configure_upstream(admin, test::test_upstream_configuration("https://localhost:9", 10)));
    // A census database that accepts nothing: what matters is who made the transport.
    struct Unreachable final : upstream::BatchTransport {
        upstream::SendOutcome put_batch(const upstream::OutgoingBatch&) override {
            return {upstream::SendVerdict::NotConnected, 0, -1, "", "server_unreachable", "scripted"};
        }
    };
    int made = 0;
    std::string host;
    auto previous = app::replace_upstream_transports([&](const upstream::TransportSettings& s)
                                                         -> Result<std::unique_ptr<upstream::BatchTransport>> {
        ++made;
        host = s.endpoint.host;
        return std::unique_ptr<upstream::BatchTransport>(std::make_unique<Unreachable>());
    });
    auto report = app::send_upstream(officer, {});
    app::replace_upstream_transports(std::move(previous));
    BOOST_REQUIRE_MESSAGE(report, (report ? "" : report.error().message_id));
    BOOST_TEST(made == 1);
    BOOST_TEST(host == "localhost");

    // Cancelled before it starts: nothing formed, the report says so.
    auto cancelled = app::send_upstream(officer, {}, {}, cancelled_token());
    BOOST_REQUIRE(cancelled);
    BOOST_TEST(cancelled->cancelled);
    BOOST_TEST(cancelled->batches_formed == 0);
}

BOOST_AUTO_TEST_SUITE_END()
