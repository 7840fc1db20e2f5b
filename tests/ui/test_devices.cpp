// The Devices screen: the demo workspace's simulated tablets are there with their kits and
// holders; a tablet made here (census_sim, its key enrolled) is pulled through the panel on a
// worker thread with its own database connection while the UI keeps pumping; the history, the
// record counts and the kit's page show the pull; a pull cancelled mid-way keeps nothing twice and
// a second pull completes it; packages from a tablet whose key was not enrolled wait in the
// quarantine with their reason, one is retried once the key is enrolled, the other dismissed.
// Screenshots of the screen after the pulls.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "census_sim/census_sim.h"
#include "core/usecases/devices.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/pull.h"
#include "support/temp_dir.h"
#include "ui/app/ui_language.h"
#include "ui/devices/devices_panel.h"
#include "ui/kits/kit_acts_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

/// A simulated tablet of `kit` in `folder`, its device key enrolled on the kit.
census_sim::MadePackages make_tablet(Session& session, const std::filesystem::path& folder, const std::string& kit,
                                     std::int64_t persons, int packages, std::uint64_t seed, bool enrol = true) {
    auto department = department_public_keys(session);
    BOOST_REQUIRE_MESSAGE(department, "department key");
    census_sim::MakePackagesRequest request;
    request.kit_number = kit;
    request.department_public_file_text = *department;
    request.persons = persons;
    request.packages = packages;
    request.seed = seed;
    // The serial the kit register holds, as a real tablet of the kit would report it.
    auto registered = find_kit(session, kit);
    BOOST_REQUIRE_MESSAGE(registered, "find_kit");
    request.usb_serial = registered->tablet.usb_serial;
    auto made = census_sim::make_packages(folder, request);
    BOOST_REQUIRE_MESSAGE(made, "make_packages");
    if (!enrol) return *made;
    auto enrolled = enroll_device_key(session, kit, made->device_public_pem);
    BOOST_REQUIRE_MESSAGE(enrolled, "enroll_device_key");
    return *made;
}

std::optional<std::size_t> row_of_kit(const ui::DevicesPanel& panel, const std::string& kit) {
    for (std::size_t i = 0; i < panel.tablets().size(); ++i) {
        const auto& t = panel.tablets()[i];
        if (t.identity && t.identity->kit && t.identity->kit->number == kit) return i;
    }
    return std::nullopt;
}

bool wait_for_pull(ui::DevicesPanel& panel) {
    return pump_until([&] { return !panel.pulling(); }, std::chrono::seconds(120));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_devices)  // one CTest entry: test_ui.devices (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(an_officer_pulls_a_simulated_tablet_from_the_devices_screen, *boost::unit_test::timeout(300)) {
    const std::string lang = "en";
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* panel = frame->devices_panel();
    BOOST_REQUIRE(panel);

    // The demo's two simulated tablets, recognised by their kits' USB serials, keys enrolled.
    for (const char* kit : {"KIT-0001", "KIT-0006"}) {
        const auto row = row_of_kit(*panel, kit);
        BOOST_REQUIRE_MESSAGE(row, kit << " is listed");
        const auto& t = panel->tablets()[*row];
        BOOST_CHECK(t.simulated);
        BOOST_CHECK(t.identity->holder.has_value());
        BOOST_CHECK(t.identity->institution.has_value());
        BOOST_CHECK(t.identity->key_enrolled);
        BOOST_CHECK_EQUAL(t.usb_serial, t.identity->kit->tablet.usb_serial);
    }

    // A tablet made here for KIT-0008.
    TempDir tablets{"sanaq-ui-tablets"};
    const auto made = make_tablet(run.session(), tablets / "kit-0008", "KIT-0008", 900, 3, 8);
    panel->add_simulated_tablet(tablets / "kit-0008");
    const auto row = row_of_kit(*panel, "KIT-0008");
    BOOST_REQUIRE(row);
    BOOST_CHECK(panel->tablets()[*row].identity->key_enrolled);

    auto before = census_stats(run.session());
    BOOST_REQUIRE(before);
    BOOST_CHECK_EQUAL(before->persons, 0);
    BOOST_CHECK(panel->history().empty());

    BOOST_REQUIRE(panel->pull({*row}));
    BOOST_CHECK(panel->pulling());
    BOOST_CHECK(!panel->pull({*row}));  // one pull at a time
    BOOST_CHECK(panel->cancel_button()->IsEnabled());
    BOOST_CHECK(!panel->pull_button()->IsEnabled());
    // The UI thread stays free meanwhile: the list reads on the workspace's own connection.
    BOOST_CHECK(list_kits(run.session(), KitQuery{}).has_value());
    BOOST_REQUIRE(wait_for_pull(*panel));

    BOOST_REQUIRE_EQUAL(panel->last_results().size(), 1u);
    const auto& result = panel->last_results().front();
    BOOST_REQUIRE_MESSAGE(result, "the pull started");
    BOOST_CHECK((result->outcome == PullOutcome::Complete));
    BOOST_CHECK_EQUAL(result->packages_received, 3);
    BOOST_CHECK_EQUAL(result->persons_stored, made.persons);
    BOOST_CHECK_EQUAL(result->kit_number, "KIT-0008");
    BOOST_CHECK_GT(panel->progress_updates(), 0u);
    BOOST_CHECK_EQUAL(panel->progress_gauge()->GetValue(), panel->progress_gauge()->GetRange());
    BOOST_CHECK(!panel->summary_text()->GetValue().empty());

    auto after = census_stats(run.session());
    BOOST_REQUIRE(after);
    BOOST_CHECK_EQUAL(after->persons, made.persons);
    BOOST_REQUIRE(pump_until([&] { return !panel->stats_loading(); }));  // counted on a worker session
    BOOST_REQUIRE(panel->stats());
    BOOST_CHECK_EQUAL(panel->stats()->persons, made.persons);
    BOOST_REQUIRE_EQUAL(panel->history().size(), 1u);
    BOOST_CHECK_EQUAL(panel->history().front().kit_number, "KIT-0008");
    BOOST_CHECK_EQUAL(panel->history_list()->GetItemCount(), 1);

    // Both demo tablets at once.
    panel->pull_all();
    BOOST_REQUIRE(wait_for_pull(*panel));
    BOOST_REQUIRE_EQUAL(panel->last_results().size(), panel->tablets().size());
    for (const auto& r : panel->last_results()) {
        BOOST_REQUIRE(r);
        BOOST_CHECK((r->outcome == PullOutcome::Complete));
        BOOST_CHECK_EQUAL(r->packages_quarantined, 0);
    }
    BOOST_CHECK_EQUAL(panel->history().size(), 1u + panel->tablets().size());
    screenshot(frame, lang, "40-devices-after-pull");

    // The kit's page lists its pulls.
    ui::KitActsDialog page(frame, run.session(), "KIT-0008");
    BOOST_REQUIRE_EQUAL(page.pulls().size(), 2u);  // the pull of its own, then the "already received" one
    BOOST_CHECK_EQUAL(page.pulls().back().packages_received, 3);
    BOOST_CHECK_EQUAL(page.pulls().front().packages_already, 3);
    page.Show();
    screenshot(&page, lang, "41-kit-page-pulls");
    page.Hide();
}

BOOST_AUTO_TEST_CASE(a_cancelled_pull_keeps_what_it_stored_and_the_next_pull_completes, *boost::unit_test::timeout(300)) {
    const std::string lang = "en";
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* panel = frame->devices_panel();
    BOOST_REQUIRE(panel);

    TempDir tablets{"sanaq-ui-tablets"};
    const auto made = make_tablet(run.session(), tablets / "kit-0008", "KIT-0008", 24000, 12, 9);
    panel->add_simulated_tablet(tablets / "kit-0008");
    const auto row = row_of_kit(*panel, "KIT-0008");
    BOOST_REQUIRE(row);

    BOOST_REQUIRE(panel->pull({*row}));
    // Cancel as soon as the first progress report reaches the screen, as the Cancel button would.
    BOOST_REQUIRE(pump_until([&] { return panel->progress_updates() > 0 || !panel->pulling(); }, std::chrono::seconds(60)));
    BOOST_REQUIRE(press(panel->cancel_button()));
    BOOST_CHECK(!panel->cancel_button()->IsEnabled());
    screenshot(frame, lang, "42-devices-cancelling", std::chrono::milliseconds(0));
    BOOST_REQUIRE(wait_for_pull(*panel));

    BOOST_REQUIRE_EQUAL(panel->last_results().size(), 1u);
    const auto cancelled = panel->last_results().front();  // a copy: the next pull replaces the results
    BOOST_REQUIRE(cancelled);
    BOOST_CHECK((cancelled->outcome == PullOutcome::Cancelled));
    BOOST_CHECK_LT(cancelled->packages_received, 12);
    BOOST_CHECK_GT(cancelled->packages_left, 0);
    BOOST_REQUIRE_EQUAL(panel->history().size(), 1u);
    BOOST_CHECK((panel->history().front().outcome == PullOutcome::Cancelled));
    auto partial = census_stats(run.session());
    BOOST_REQUIRE(partial);
    BOOST_CHECK_EQUAL(partial->persons, cancelled->persons_stored);
    BOOST_CHECK_LT(partial->persons, made.persons);
    screenshot(frame, lang, "43-devices-cancelled");

    // Pull again: the rest comes in, nothing twice.
    BOOST_REQUIRE(panel->pull({*row}));
    BOOST_REQUIRE(wait_for_pull(*panel));
    const auto& second = panel->last_results().front();
    BOOST_REQUIRE(second);
    BOOST_CHECK((second->outcome == PullOutcome::Complete));
    BOOST_CHECK_EQUAL(second->packages_received + cancelled->packages_received, 12);
    BOOST_CHECK_EQUAL(second->packages_left, 0);
    auto complete = census_stats(run.session());
    BOOST_REQUIRE(complete);
    BOOST_CHECK_EQUAL(complete->persons, made.persons);
    BOOST_CHECK_EQUAL(panel->history().size(), 2u);
}

BOOST_AUTO_TEST_CASE(packages_of_a_tablet_without_its_key_wait_in_the_quarantine, *boost::unit_test::timeout(300)) {
    const std::string lang = "en";
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* panel = frame->devices_panel();
    BOOST_REQUIRE(panel);

    TempDir tablets{"sanaq-ui-tablets"};
    const auto made = make_tablet(run.session(), tablets / "kit-0009", "KIT-0009", 300, 2, 11, false);
    panel->add_simulated_tablet(tablets / "kit-0009");
    const auto& tablet = panel->tablets().back();
    // Recognised as KIT-0009's tablet by its USB serial, but its key is not enrolled yet.
    BOOST_REQUIRE(tablet.identity);
    BOOST_CHECK(tablet.identity->kit && tablet.identity->kit->number == "KIT-0009");
    BOOST_CHECK(!tablet.identity->key_enrolled);
    BOOST_REQUIRE(panel->pull({panel->tablets().size() - 1}));
    BOOST_REQUIRE(wait_for_pull(*panel));
    BOOST_REQUIRE(panel->last_results().front());
    BOOST_CHECK_EQUAL(panel->last_results().front()->packages_quarantined, 2);
    BOOST_REQUIRE_EQUAL(panel->quarantine().size(), 2u);
    BOOST_CHECK_EQUAL(panel->quarantine_list()->GetItemCount(), 2);
    BOOST_CHECK(!panel->quarantine_list()->GetItemText(0, 3).empty());  // the reason, in words
    screenshot(frame, lang, "44-devices-quarantine");

    // The key is enrolled late: the first package is retried from its kept bytes.
    BOOST_REQUIRE(enroll_device_key(run.session(), "KIT-0009", made.device_public_pem));
    panel->quarantine_list()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    BOOST_REQUIRE(press(panel->retry_button()));
    // The package is decrypted and stored on a worker session, not on the UI thread.
    BOOST_CHECK(panel->retrying());
    BOOST_CHECK(!panel->retry_button()->IsEnabled());
    BOOST_REQUIRE(pump_until([&] { return !panel->retrying(); }, 60s));
    BOOST_CHECK_GT(census_stats(run.session())->persons, 0);
    // The other is dismissed, which needs a reason.
    BOOST_REQUIRE_EQUAL(panel->quarantine().size(), 1u);  // settled entries are hidden
    BOOST_CHECK(!panel->dismiss(0, ""));
    BOOST_CHECK(panel->dismiss(0, "Exported twice by mistake"));
    BOOST_CHECK(panel->quarantine().empty());
}

BOOST_AUTO_TEST_CASE(locking_during_a_pull_stops_it_and_the_workspace_opens_again, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* panel = frame->devices_panel();
    TempDir tablets{"sanaq-ui-tablets"};
    const auto made = make_tablet(run.session(), tablets / "kit-0008", "KIT-0008", 24000, 12, 9);
    panel->add_simulated_tablet(tablets / "kit-0008");
    const auto row = row_of_kit(*panel, "KIT-0008");
    BOOST_REQUIRE(row);
    BOOST_REQUIRE(panel->pull({*row}));
    BOOST_REQUIRE(pump_until([&] { return panel->progress_updates() > 0 || !panel->pulling(); }, std::chrono::seconds(60)));

    // The window and its panel go; the worker sees the cancel flag and lets go of the workspace.
    run.station().lock();
    BOOST_REQUIRE(pump_until([&] { return run.station().login_dialog() != nullptr; }, std::chrono::seconds(5)));
    BOOST_REQUIRE(pump_until([] { return ui::running_background_work() == 0; }, std::chrono::seconds(60)));
    pump_for(std::chrono::milliseconds(300));  // the window is deleted at idle time, and its hold on the workspace
    frame = run.sign_in("officer");
    BOOST_REQUIRE_MESSAGE(frame, "the workspace opens again once the pull has stopped");
    auto history = pull_history(run.session(), "KIT-0008", 0);
    BOOST_REQUIRE(history);
    BOOST_REQUIRE_EQUAL(history->size(), 1u);
    BOOST_CHECK(history->front().outcome == PullOutcome::Cancelled || history->front().outcome == PullOutcome::Complete);
    auto stats = census_stats(run.session());
    BOOST_REQUIRE(stats);
    BOOST_CHECK_EQUAL(stats->persons, history->front().persons);
    BOOST_CHECK_LE(stats->persons, made.persons);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
