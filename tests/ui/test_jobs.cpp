// The jobs of the application layer (src/app) through the screens, against the same expectations
// tests/cli asserts after running `sanaq` (tests/support/job_expectations.h): a backup from the
// Settings screen is on the trail under its absolute path; an inventory without a valid row
// registers nothing and records nothing from the Kits screen either.
#include <fstream>

#include <boost/test/unit_test.hpp>
#include <wx/button.h>

#include "support/job_expectations.h"
#include "ui/app/ui_language.h"
#include "ui/kits/kit_import_dialog.h"
#include "ui/coverage/coverage_panel.h"
#include "ui/devices/devices_panel.h"
#include "ui/kits/kits_panel.h"
#include "ui/main/main_frame.h"
#include "ui/settings/settings_panel.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {

BOOST_AUTO_TEST_SUITE(ui_jobs)  // one CTest entry: test_ui.jobs (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(a_backup_from_the_settings_screen_is_recorded_under_its_absolute_path,
                     *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("admin");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Settings));
    ui::SettingsPanel* panel = frame->settings_panel();
    BOOST_REQUIRE(panel);
    TempDir backups{"sanaq-ui-jobs"};
    std::filesystem::create_directories(backups / "sub");
    const auto requested = backups / "sub" / ".." / "station.sanaq-backup";
    BOOST_REQUIRE(panel->back_up_to(requested));
    BOOST_REQUIRE(pump_until([&] { return !panel->backing_up(); }, 60s));
    BOOST_REQUIRE(panel->last_backup());
    BOOST_REQUIRE(*panel->last_backup());
    expect_backup_recorded_under_its_absolute_path(run.session(), requested);
}

BOOST_AUTO_TEST_CASE(an_inventory_without_a_valid_row_registers_nothing_and_records_nothing,
                     *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("custodian");
    BOOST_REQUIRE(frame);
    const auto file = run.workspace().parent_path() / "all-bad.csv";
    {
        std::ofstream out(file, std::ios::binary);
        out << "Kit number;Tablet serial number;USB serial\r\n"
               "KIT-0001;NS-0003;NU-0003\r\n"  // already registered
               "NEW-0004;;NU-0004\r\n";        // no tablet serial
    }
    auto before = count_kits(run.session(), {});
    BOOST_REQUIRE(before);
    bool import_offered = true;
    ModalScript script;
    script.when<ui::KitImportDialog>("import preview", [&](ui::KitImportDialog& d) {
        import_offered = d.import_button()->IsEnabled();
        d.EndModal(wxID_CANCEL);
    });
    ui::KitsPanel* kits = frame->kits_panel();
    kits->import_file(file);
    BOOST_REQUIRE(pump_until([&] { return !kits->importing() && script.finished(); }, 30s));
    BOOST_CHECK_MESSAGE(script.failures().empty(), script.report());
    BOOST_CHECK(!import_offered);
    // The trail is read by who may read it.
    run.switch_user("supervisor");
    expect_no_empty_delivery(run.session(), *before);
}

BOOST_AUTO_TEST_CASE(a_records_export_from_the_coverage_screen_is_recorded_under_its_absolute_path,
                     *boost::unit_test::timeout(240)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    // The demo's simulated tablets pulled: persons to export.
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* devices = frame->devices_panel();
    devices->pull_all();
    BOOST_REQUIRE(pump_until([&] { return !devices->pulling(); }, 120s));
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Coverage));
    ui::CoveragePanel* coverage = frame->coverage_panel();
    BOOST_REQUIRE(coverage);
    BOOST_TEST(coverage->export_records_button()->IsShown());
    TempDir out{"sanaq-ui-records"};
    std::filesystem::create_directories(out / "sub");
    const auto requested = out / "sub" / ".." / "records.csv";
    coverage->export_records_to(requested, "");
    BOOST_REQUIRE(coverage->exporting_records());
    BOOST_REQUIRE(pump_until([&] { return !coverage->exporting_records(); }, 60s));
    BOOST_REQUIRE(coverage->last_records_export());
    const auto& written = *coverage->last_records_export();
    BOOST_REQUIRE_MESSAGE(written, (written ? "" : written.error().message_id));
    const std::int64_t persons = *written;  // the panel goes with the officer's window
    BOOST_TEST(persons > 0);
    run.switch_user("supervisor");
    expect_records_export_recorded_under_its_absolute_path(run.session(), requested, persons);
}

BOOST_AUTO_TEST_CASE(an_administrator_sees_coverage_but_is_not_offered_the_records_export,
                     *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("admin");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Coverage));
    BOOST_TEST(!frame->coverage_panel()->export_records_button()->IsShown());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
