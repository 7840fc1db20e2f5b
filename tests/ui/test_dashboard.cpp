// The Dashboard: the screen the officer opens to, in English, Russian and
// Kazakh on the demo workspace. The figures arrive from a worker thread; a tablet plugged in is
// announced in the status bar (and on the desktop where a notification service runs); after the
// tablets are pulled the dashboard counts today's pulls and their people, and a tablet whose
// outbox skipped a package shows as a "Sequence gaps" warning; Enter on a warning tile opens its
// screen (the Devices screen; the Kits screen with the outstanding kits for the overdue ones).
// Every tile is a keyboard stop, in order. A custodian sees neither coverage nor upstream.
// Screenshots as 20-dashboard*.png.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/panel.h>
#include <wx/statusbr.h>
#include <wx/stattext.h>
#include <wx/uiaction.h>

#include "census_sim/census_sim.h"
#include "core/usecases/custody.h"
#include "core/usecases/devices.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "support/temp_dir.h"
#include "ui/app/ui_language.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/dashboard/dashboard_panel.h"
#include "ui/dashboard/dashboard_tile.h"
#include "ui/devices/devices_panel.h"
#include "ui/kits/kits_panel.h"
#include "ui/main/main_frame.h"
#include "ui/demo_data.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

std::string utf8(const wxString& s) { return s.utf8_string(); }

ui::DashboardPanel* open_dashboard(ui::MainFrame* frame) {
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Dashboard));
    ui::DashboardPanel* panel = frame->dashboard_panel();
    BOOST_REQUIRE(panel);
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    BOOST_REQUIRE(panel->figures());
    return panel;
}

/// The windows Tab visits inside `root`, in order (what wx's tab traversal walks: children in
/// order, depth first into panels, the controls that take the focus from the keyboard).
void tab_stops(wxWindow* root, std::vector<wxWindow*>& out) {
    for (wxWindow* w : root->GetChildren()) {
        if (!w->IsShown() || w->IsTopLevel()) continue;
        if (!dynamic_cast<wxPanel*>(w) && w->AcceptsFocusFromKeyboard() && w->IsEnabled()) out.push_back(w);
        else tab_stops(w, out);
    }
}

std::size_t index_of(const std::vector<wxWindow*>& v, wxWindow* w) {
    return static_cast<std::size_t>(std::find(v.begin(), v.end(), w) - v.begin());
}

ui::DashboardTile* warning_tile(ui::DashboardPanel* panel, const wxString& caption) {
    for (auto* t : panel->warning_tiles())
        if (t->caption() == caption) return t;
    return nullptr;
}

void walk_through_dashboard(const std::string& lang) {
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    Session& s = run.session();

    // --- What the officer opens to --------------------------------------------------------------
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Dashboard);
    BOOST_CHECK(frame->navigation()->GetString(0) == _("Dashboard"));
    ui::DashboardPanel* panel = frame->dashboard_panel();
    BOOST_REQUIRE(panel);
    BOOST_REQUIRE(pump_until([&] { return !panel->loading(); }, 60s));
    BOOST_REQUIRE(panel->figures());
    BOOST_CHECK_MESSAGE(panel->figures()->problems.empty(), "no figure failed to read");
    auto outstanding = outstanding_kits(s);
    BOOST_REQUIRE(outstanding);
    std::int64_t overdue = 0;
    for (const auto& k : *outstanding) overdue += k.overdue ? 1 : 0;
    BOOST_REQUIRE(panel->kits_tile());
    BOOST_CHECK(panel->kits_tile()->value() == ui::count_text(static_cast<std::int64_t>(outstanding->size())));
    BOOST_REQUIRE(panel->pulls_tile());
    BOOST_CHECK(panel->pulls_tile()->value() == "0");
    BOOST_REQUIRE(panel->coverage_tile());
    BOOST_REQUIRE(panel->upstream_tile());
    BOOST_CHECK(panel->upstream_tile()->lines().Contains(_("Sending is not set up yet.")));
    BOOST_REQUIRE_GT(overdue, 0);  // the demo has kits past their due date
    ui::DashboardTile* overdue_tile = warning_tile(panel, _("Kits overdue"));
    BOOST_REQUIRE_MESSAGE(overdue_tile, "a warning tile for the overdue kits");
    BOOST_CHECK(overdue_tile->value() == ui::count_text(overdue));
    BOOST_CHECK(overdue_tile->tone() == ui::DashboardTile::Tone::Warning);
    screenshot(frame, lang, "20-dashboard");

    // The View menu opens it with Ctrl+0; the Settings with Ctrl+comma.
    wxMenu* view = frame->GetMenuBar()->GetMenu(1);
    bool ctrl0 = false, settings_key = false;
    for (wxMenuItem* item : view->GetMenuItems()) {
        if (item->GetItemLabel().EndsWith("\tCtrl+0")) ctrl0 = true;
        if (item->GetItemLabel().EndsWith("\tCtrl+,")) {
            settings_key = true;
            std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
            BOOST_CHECK_MESSAGE(accel && accel->GetKeyCode() == ',' && accel->GetFlags() == wxACCEL_CTRL, "Ctrl+, parses");
        }
    }
    BOOST_CHECK(ctrl0);
    BOOST_CHECK(settings_key);

    // --- Enter on the overdue tile: the Kits screen, outstanding kits ---------------------------
    overdue_tile->SetFocus();
    key_press(overdue_tile, WXK_RETURN);
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Kits);
    BOOST_CHECK(frame->kits_panel()->outstanding_box()->GetValue());
    tick(frame->kits_panel()->outstanding_box(), false);

    // --- A tablet whose outbox skipped a package is plugged in ----------------------------------
    const std::string kit = kit_in_stock(s);
    BOOST_REQUIRE(issue_kits(s, {{kit}, some_employee(s), 0, 0, "", ""}));
    TempDir tablets{"sanaq-ui-dashboard"};
    auto department = department_public_keys(s);
    BOOST_REQUIRE(department);
    census_sim::MakePackagesRequest request;
    request.kit_number = kit;
    request.department_public_file_text = *department;
    request.persons = 60;
    request.packages = 3;
    request.seed = 33;
    request.faults.gap_after = 1;
    auto made = census_sim::make_packages(tablets / "tablet", request);
    BOOST_REQUIRE(made);
    BOOST_REQUIRE(enroll_device_key(s, kit, made->device_public_pem));
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* devices = frame->devices_panel();
    devices->add_simulated_tablet(tablets / "tablet", true);
    // Announced: the status bar always (no notification service under Xvfb), the desktop when it can.
    const wxString plugged = frame->GetStatusBar()->GetStatusText(1);
    BOOST_CHECK_MESSAGE(plugged.StartsWith(ui::format_text(_("Tablet plugged in: {}."), {"@"}).BeforeFirst('@')),
                        utf8(plugged));
    BOOST_CHECK(plugged.Contains(wxString::FromUTF8(kit)));
    BOOST_CHECK(frame->last_announcement() == plugged);
    BOOST_TEST_MESSAGE("desktop notice shown: " << frame->last_announcement_on_desktop());

    // --- Every tablet pulled; back on the dashboard the day's figures and the gap ---------------
    devices->pull_all();
    BOOST_REQUIRE(pump_until([&] { return !devices->pulling(); }, 120s));
    for (const auto& r : devices->last_results()) BOOST_REQUIRE(r);
    BOOST_CHECK(frame->last_announcement() == frame->GetStatusBar()->GetStatusText(1));
    std::int64_t persons = 0;
    for (const auto& r : devices->last_results()) persons += r->persons_stored;

    panel = open_dashboard(frame);
    const auto& f = *panel->figures();
    BOOST_REQUIRE(f.pulls);
    BOOST_CHECK_EQUAL(f.pulls->tablets, static_cast<std::int64_t>(devices->tablets().size()));
    BOOST_CHECK_EQUAL(f.pulls->persons, persons);
    BOOST_CHECK(panel->pulls_tile()->value() == ui::count_text(f.pulls->tablets));
    BOOST_CHECK_EQUAL(panel->pulls_list()->GetItemCount(), static_cast<long>(f.pulls->today.size()));
    bool holder_named = false;
    for (long i = 0; i < panel->pulls_list()->GetItemCount(); ++i)
        if (panel->pulls_list()->GetItemText(i, 1) == wxString::FromUTF8(kit)) holder_named = !panel->pulls_list()->GetItemText(i, 2).empty();
    BOOST_CHECK_MESSAGE(holder_named, "the pulled kit's holder is named");
    BOOST_CHECK(panel->upstream_tile()->value() == ui::count_text(f.upstream->stats.pending_persons + f.upstream->stats.persons_queued));
    ui::DashboardTile* gap_tile = warning_tile(panel, _("Sequence gaps"));
    BOOST_REQUIRE_MESSAGE(gap_tile, "a warning tile for the sequence gap");
    BOOST_CHECK(gap_tile->lines().Contains(wxString::FromUTF8(kit)));
    BOOST_CHECK(gap_tile->tone() == ui::DashboardTile::Tone::Alert);
    BOOST_CHECK(panel->warning_tiles().front() == gap_tile);  // the most pressing first
    screenshot(frame, lang, "21-dashboard-after-pulls");

    // Tab walks the refresh button, the figures, the warnings, then the two lists.
    std::vector<wxWindow*> stops;
    tab_stops(panel, stops);
    const std::size_t refresh = index_of(stops, panel->refresh_button());
    const std::size_t first_figure = index_of(stops, panel->pulls_tile());
    const std::size_t last_figure = index_of(stops, panel->upstream_tile());
    const std::size_t first_warning = index_of(stops, gap_tile);
    const std::size_t pulls_list = index_of(stops, panel->pulls_list());
    const std::size_t coverage_list = index_of(stops, panel->coverage_list());
    BOOST_CHECK(refresh < first_figure);
    BOOST_CHECK(first_figure < last_figure);
    BOOST_CHECK(last_figure < first_warning);
    BOOST_CHECK(first_warning < stops.size());
    BOOST_CHECK(first_warning < pulls_list);
    BOOST_CHECK(pulls_list < coverage_list);
    BOOST_CHECK(coverage_list < stops.size());
    for (auto* t : panel->warning_tiles()) BOOST_CHECK(index_of(stops, t) < pulls_list);

    // Enter on the gap tile: the Devices screen.
    gap_tile->SetFocus();
    key_press(gap_tile, WXK_RETURN);
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Devices);

    // Unplugged: said the same way.
    devices->remove_simulated_tablet(tablets / "tablet");
    BOOST_CHECK(frame->GetStatusBar()->GetStatusText(1).Contains(wxString::FromUTF8(kit)));
    BOOST_CHECK(frame->last_announcement() == frame->GetStatusBar()->GetStatusText(1));

    // The real keyboard (XTest): Tab from Refresh reaches the first tile, Enter opens its screen.
    panel = open_dashboard(frame);
    frame->Raise();
    panel->refresh_button()->SetFocus();
    pump_for(200ms);
    if (wxWindow::FindFocus() == panel->refresh_button()) {
        wxUIActionSimulator keyboard;
        keyboard.Char(WXK_TAB);
        BOOST_CHECK(pump_until([&] { return wxWindow::FindFocus() == panel->pulls_tile(); }, 3s));
        keyboard.Char(WXK_RETURN);
        BOOST_CHECK(pump_until([&] { return frame->current_screen() == ui::MainFrame::Screen::Devices; }, 3s));
    } else {
        BOOST_TEST_MESSAGE("no keyboard focus on this display: the real Tab is not tried");
    }

    // A row of today's pulls, activated: the pull history.
    panel = open_dashboard(frame);
    BOOST_REQUIRE_GT(panel->pulls_list()->GetItemCount(), 0);
    wxListEvent activated(wxEVT_LIST_ITEM_ACTIVATED, panel->pulls_list()->GetId());
    activated.SetEventObject(panel->pulls_list());
    activated.m_itemIndex = 0;
    panel->pulls_list()->GetEventHandler()->ProcessEvent(activated);
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Devices);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_dashboard)  // one CTest entry: test_ui.dashboard (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(the_dashboard_in_english, *boost::unit_test::timeout(300)) { walk_through_dashboard("en"); }
BOOST_AUTO_TEST_CASE(the_dashboard_in_russian, *boost::unit_test::timeout(300)) { walk_through_dashboard("ru"); }
BOOST_AUTO_TEST_CASE(the_dashboard_in_kazakh, *boost::unit_test::timeout(300)) { walk_through_dashboard("kk"); }

BOOST_AUTO_TEST_CASE(a_custodian_sees_no_coverage_and_no_upstream_on_the_dashboard, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("custodian");
    BOOST_REQUIRE(frame);
    ui::DashboardPanel* panel = open_dashboard(frame);
    BOOST_CHECK(panel->coverage_tile() == nullptr);
    BOOST_CHECK(panel->upstream_tile() == nullptr);
    BOOST_CHECK(panel->coverage_list() == nullptr);
    BOOST_CHECK(panel->kits_tile() != nullptr);
    BOOST_CHECK(panel->pulls_tile() != nullptr);
    BOOST_CHECK(!panel->figures()->coverage);
    BOOST_CHECK(!panel->figures()->upstream);
    BOOST_CHECK(panel->figures()->problems.empty());
    for (const auto& w : panel->figures()->warnings) {
        BOOST_CHECK(w.kind != ui::DashboardFigures::WarningKind::HeldBatches);
        BOOST_CHECK(w.kind != ui::DashboardFigures::WarningKind::Quarantined);
    }
    ui::apply_ui_language("en");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
