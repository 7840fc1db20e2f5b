// The Settings screen: an administrator sets the census round, the
// department's details and the idle lock, and they are in the workspace; a bad date is refused in
// plain words; a backup is written on a worker thread and announced. An officer sees the same
// settings read-only (the core refuses anyway) and sets their own appearance: 150 % text and high
// contrast, stored for them on this workstation and applied to every screen — checked on a
// control's font and colours — and gone again for the next user. The language changes from here
// too. Screenshots as 22-settings*.png and 23-*-high-contrast.png (en, ru, kk).
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/settings.h>
#include <wx/spinctrl.h>
#include <wx/statusbr.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/custody.h"
#include "core/usecases/settings.h"
#include "support/temp_dir.h"
#include "ui/app/appearance.h"
#include "ui/app/preferences.h"
#include "ui/app/ui_language.h"
#include "ui/common/palette.h"
#include "ui/dashboard/dashboard_panel.h"
#include "ui/dashboard/dashboard_tile.h"
#include "ui/kits/kit_list_view.h"
#include "ui/kits/kits_panel.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/settings/settings_panel.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

std::string utf8(const wxString& s) { return s.utf8_string(); }

ui::SettingsPanel* open_settings(ui::MainFrame* frame) {
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Settings));
    ui::SettingsPanel* panel = frame->settings_panel();
    BOOST_REQUIRE(panel);
    return panel;
}

void choose_zone(ui::SettingsPanel* panel, const wxString& offset) {
    const int i = panel->zone_choice()->FindString("UTC" + offset);
    BOOST_REQUIRE(i != wxNOT_FOUND);
    choose(panel->zone_choice(), i);
}

int point_size(wxWindow* w) { return w->GetFont().GetPointSize(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_settings)  // one CTest entry: test_ui.settings (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(an_administrator_changes_the_settings_and_an_officer_only_reads_them, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("admin");
    ui::SettingsPanel* panel = open_settings(frame);
    BOOST_CHECK(!panel->read_only_label()->IsShown());
    BOOST_CHECK(panel->round_field()->IsEditable());
    BOOST_CHECK(panel->save_round_button()->IsShown());
    BOOST_CHECK(panel->backup_button()->IsEnabled());
    BOOST_CHECK(panel->workspace_field()->GetValue() == wxString::FromUTF8(run.workspace().string()));

    // --- Census round: a bad date refused in words, then saved ------------------------------------
    type(panel->round_field(), "2026");
    type(panel->reference_date_field(), "2026-02-30");
    type(panel->reference_time_field(), "00:00");
    choose_zone(panel, "+05:00");
    BOOST_REQUIRE(press(panel->save_round_button()));
    BOOST_CHECK_MESSAGE(panel->round_outcome()->GetLabel().Contains("2026-02-30"), utf8(panel->round_outcome()->GetLabel()));
    BOOST_CHECK(panel->round_outcome()->GetForegroundColour() == ui::palette::error_text());
    BOOST_CHECK(census_round(run.session())->empty());
    type(panel->reference_date_field(), "2026-10-01");
    BOOST_REQUIRE(press(panel->save_round_button()));
    BOOST_CHECK(panel->round_outcome()->GetForegroundColour() == ui::palette::ok_text());
    auto round = census_round(run.session());
    BOOST_REQUIRE(round);
    BOOST_CHECK_EQUAL(round->reference_moment(), "2026-10-01T00:00:00+05:00");
    BOOST_CHECK_EQUAL(round->name, "2026");

    // --- Department and idle lock ----------------------------------------------------------------
    type(panel->name_kk_field(), wxString::FromUTF8("Солтүстік Қазақстан облысы бойынша статистика департаменті"));
    type(panel->name_ru_field(), wxString::FromUTF8("Департамент статистики Северо-Казахстанской области"));
    type(panel->address_field(), wxString::FromUTF8("г. Петропавловск, ул. Конституции, 58"));
    type(panel->head_field(), wxString::FromUTF8("Ахметов Ерлан Серикович"));
    BOOST_REQUIRE(press(panel->save_department_button()));
    auto department = department_details(run.session());
    BOOST_REQUIRE(department);
    BOOST_CHECK_EQUAL(department->head_name, "Ахметов Ерлан Серикович");
    BOOST_CHECK_EQUAL(department->name_kk, "Солтүстік Қазақстан облысы бойынша статистика департаменті");
    panel->idle_minutes_field()->SetValue(25);
    BOOST_REQUIRE(press(panel->save_idle_lock_button()));
    BOOST_CHECK_EQUAL(*idle_lock_minutes(run.session()), 25);
    screenshot(frame, "en", "22-settings-administrator");

    // --- A backup on a worker thread, announced -------------------------------------------------
    TempDir backups{"sanaq-ui-backup"};
    const auto file = backups / "station.sanaq-backup";
    BOOST_REQUIRE(panel->back_up_to(file));
    BOOST_CHECK(panel->backing_up());
    BOOST_CHECK(panel->cancel_backup_button()->IsEnabled());
    BOOST_REQUIRE(pump_until([&] { return !panel->backing_up(); }, 120s));
    BOOST_REQUIRE(panel->last_backup());
    BOOST_REQUIRE_MESSAGE(*panel->last_backup(), "backup: " << utf8(panel->backup_outcome()->GetLabel()));
    BOOST_CHECK(std::filesystem::exists(file));
    BOOST_CHECK(frame->GetStatusBar()->GetStatusText(1) == frame->last_announcement());
    BOOST_CHECK(frame->last_announcement().Contains(wxString::FromUTF8(file.string())));

    // --- The officer: the same values, read-only -------------------------------------------------
    frame = run.switch_user("officer");
    panel = open_settings(frame);
    BOOST_CHECK(panel->read_only_label()->IsShown());
    BOOST_CHECK(panel->round_field()->GetValue() == "2026");
    BOOST_CHECK(panel->reference_date_field()->GetValue() == "2026-10-01");
    BOOST_CHECK(panel->zone_choice()->GetStringSelection() == "UTC+05:00");
    BOOST_CHECK(panel->head_field()->GetValue() == wxString::FromUTF8("Ахметов Ерлан Серикович"));
    BOOST_CHECK_EQUAL(panel->idle_minutes_field()->GetValue(), 25);
    for (wxTextCtrl* field : {panel->round_field(), panel->reference_date_field(), panel->name_kk_field(), panel->head_field()})
        BOOST_CHECK(!field->IsEditable());
    BOOST_CHECK(!panel->zone_choice()->IsEnabled());
    BOOST_CHECK(!panel->idle_minutes_field()->IsEnabled());
    for (wxButton* b : {panel->save_round_button(), panel->save_department_button(), panel->save_idle_lock_button()})
        BOOST_CHECK(!press(b));  // not shown: nothing to press
    BOOST_CHECK(!panel->backup_button()->IsEnabled());
    BOOST_CHECK(!panel->back_up_to(backups / "officer.sanaq-backup"));
    // The core is the guard whatever the screen shows.
    auto refused = set_census_round(run.session(), {"2027", "2027-10-01", "00:00", "+05:00"});
    BOOST_REQUIRE(!refused);
    BOOST_CHECK(refused.error().code == ErrorCode::PermissionDenied);
    // Their own language and appearance they may set.
    BOOST_CHECK(panel->language_choice()->IsEnabled());
    BOOST_CHECK(panel->apply_appearance_button()->IsEnabled());
    screenshot(frame, "en", "22-settings-officer");
}

namespace {

void high_contrast_and_large_text(const std::string& lang) {
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    const int base = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT).GetPointSize();
    ui::MainFrame* frame = run.switch_user("officer");
    BOOST_CHECK_EQUAL(point_size(frame->kits_panel()->filter_field()), base);
    ui::SettingsPanel* panel = open_settings(frame);
    screenshot(frame, lang, "22-settings");

    // 150 % and high contrast, applied: the window is rebuilt with them.
    choose(panel->font_choice(), 2);  // 100, 125, 150, 200
    tick(panel->contrast_box(), true);
    const unsigned builds = frame->builds();
    BOOST_REQUIRE(press(panel->apply_appearance_button()));
    BOOST_REQUIRE(pump_until([&] { return frame->builds() == builds + 1; }, 5s));
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Settings);
    const ui::Appearance stored = ui::saved_appearance("officer");
    BOOST_CHECK_EQUAL(stored.font_percent, 150);
    BOOST_CHECK(stored.high_contrast);
    BOOST_CHECK(ui::palette::high_contrast());

    // Every screen: a text field on the Kits screen, the dashboard's tiles, the screen list.
    pump_for(300ms);
    wxTextCtrl* filter = frame->kits_panel()->filter_field();
    BOOST_CHECK_MESSAGE(std::abs(point_size(filter) - base * 3 / 2) <= 1,
                        "filter font " << point_size(filter) << " for base " << base);
    BOOST_CHECK(filter->GetBackgroundColour() == *wxBLACK);
    BOOST_CHECK(filter->GetForegroundColour() == ui::palette::contrast_text());
    BOOST_CHECK(frame->navigation()->GetBackgroundColour() == *wxBLACK);
    BOOST_CHECK(frame->settings_panel()->GetBackgroundColour() == *wxBLACK);
    BOOST_CHECK(frame->settings_panel()->apply_appearance_button()->HasFocus() ||
                wxWindow::FindFocus() == nullptr);  // no window manager under Xvfb: focus may be nowhere
    screenshot(frame, lang, "23-settings-high-contrast");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Dashboard));
    ui::DashboardPanel* dashboard = frame->dashboard_panel();
    BOOST_REQUIRE(pump_until([&] { return !dashboard->loading(); }, 60s));
    BOOST_CHECK(dashboard->GetBackgroundColour() == *wxBLACK);
    BOOST_CHECK(dashboard->pulls_tile()->GetBackgroundColour() == ui::palette::surface());
    BOOST_CHECK(dashboard->kits_tile()->GetBackgroundColour() == ui::palette::warning_row());  // kits overdue
    BOOST_CHECK_GT(point_size(dashboard->heading_label()), base * 3 / 2);
    screenshot(frame, lang, "23-dashboard-high-contrast");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    pump_for(300ms);
    BOOST_CHECK(frame->kits_panel()->list()->GetBackgroundColour() == *wxBLACK);  // the rows too
    screenshot(frame, lang, "23-kits-high-contrast");

    // The officer's own: back after signing in again; not the administrator's.
    frame = run.switch_user("officer");
    BOOST_CHECK(std::abs(point_size(frame->kits_panel()->filter_field()) - base * 3 / 2) <= 1);
    BOOST_CHECK(frame->kits_panel()->filter_field()->GetBackgroundColour() == *wxBLACK);
    // The sign-in speaks to whoever was here last.
    run.station().sign_out();
    BOOST_REQUIRE(pump_until([&] { return run.station().login_dialog() != nullptr; }, 5s));
    pump_for(300ms);
    BOOST_CHECK(run.station().login_dialog()->GetBackgroundColour() == *wxBLACK);
    screenshot(run.station().login_dialog(), lang, "23-login-high-contrast");
    frame = run.sign_in("admin");
    BOOST_REQUIRE(frame);
    BOOST_CHECK_EQUAL(point_size(frame->kits_panel()->filter_field()), base);
    BOOST_CHECK(frame->kits_panel()->filter_field()->GetBackgroundColour() != *wxBLACK);
    BOOST_CHECK(!ui::palette::high_contrast());

    // Left as found for the tests that follow.
    ui::save_appearance("officer", {});
    ui::save_appearance("admin", {});
    ui::apply_appearance({});
}

}  // namespace

BOOST_AUTO_TEST_CASE(larger_text_and_high_contrast_apply_to_every_screen_in_english, *boost::unit_test::timeout(300)) {
    high_contrast_and_large_text("en");
}
BOOST_AUTO_TEST_CASE(larger_text_and_high_contrast_apply_to_every_screen_in_russian, *boost::unit_test::timeout(300)) {
    high_contrast_and_large_text("ru");
}
BOOST_AUTO_TEST_CASE(larger_text_and_high_contrast_apply_to_every_screen_in_kazakh, *boost::unit_test::timeout(300)) {
    high_contrast_and_large_text("kk");
}

BOOST_AUTO_TEST_CASE(the_language_changes_from_the_settings_and_is_remembered, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("officer");
    ui::SettingsPanel* panel = open_settings(frame);
    const unsigned builds = frame->builds();
    choose(panel->language_choice(), 1);  // kk, ru, en
    BOOST_REQUIRE(pump_until([&] { return frame->builds() == builds + 1; }, 5s));
    BOOST_CHECK_EQUAL(ui::ui_language(), "ru");
    BOOST_CHECK_EQUAL(ui::saved_language(), "ru");
    BOOST_CHECK_EQUAL(ui::initial_ui_language(""), "ru");  // the next start, unless --lang or $SANAQ_LANG
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Settings);
    BOOST_CHECK(frame->settings_panel()->language_choice()->GetSelection() == 1);
    run.station().switch_language("en");
    BOOST_REQUIRE(pump_until([&] { return frame->builds() == builds + 2; }, 5s));
    BOOST_CHECK_EQUAL(ui::saved_language(), "en");
}

BOOST_AUTO_TEST_CASE(opening_another_workspace_signs_out_towards_that_folder, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    run.switch_user("officer");
    TempDir other{"sanaq-ui-other"};
    run.station().open_workspace(other.path());
    BOOST_REQUIRE(pump_until([&] { return run.station().login_dialog() != nullptr; }, 5s));
    BOOST_CHECK(run.station().main_frame() == nullptr);
    BOOST_CHECK(run.station().login_dialog()->workspace_field()->GetValue() == wxString::FromUTF8(other.path().string()));
    BOOST_CHECK(run.station().login_dialog()->user_field()->GetValue().empty());
    pump_for(300ms);
}

namespace {

/// The census calendar typed on the Settings screen as an administrator would, from the 2021
/// orders (North Kazakhstan's lists as of 1 July, the rest 1 June), in a round far enough ahead
/// that the dashboard has a date to count down to; a window out of order refused in words.
void census_calendar_on_the_settings_screen(const std::string& lang) {
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("admin");
    ui::SettingsPanel* panel = open_settings(frame);
    type(panel->round_field(), "2099");
    type(panel->reference_date_field(), "2099-09-01");
    type(panel->reference_time_field(), "00:00");
    choose_zone(panel, "+05:00");
    type(panel->list_date_field(), "2099-06-01");
    type(panel->region_list_dates_field(), "59=2099-07-01");
    type(panel->online_from_field(), "2099-09-01");
    type(panel->online_to_field(), "2099-10-15");
    type(panel->tablet_from_field(), "2099-10-01");
    type(panel->tablet_to_field(), "2099-10-30");
    type(panel->end_date_field(), "2099-10-14");  // before the windows close
    type(panel->order_number_field(), "143");
    type(panel->order_date_field(), "2099-06-28");
    BOOST_REQUIRE(press(panel->save_round_button()));
    BOOST_CHECK_MESSAGE(panel->round_outcome()->GetLabel().Contains("2099-10-14"), utf8(panel->round_outcome()->GetLabel()));
    BOOST_CHECK(panel->round_outcome()->GetForegroundColour() == ui::palette::error_text());
    BOOST_CHECK(census_calendar(run.session())->empty());
    type(panel->end_date_field(), "2099-10-30");
    BOOST_REQUIRE(press(panel->save_round_button()));
    BOOST_CHECK_MESSAGE(panel->round_outcome()->GetForegroundColour() == ui::palette::ok_text(),
                        utf8(panel->round_outcome()->GetLabel()));
    auto calendar = census_calendar(run.session());
    BOOST_REQUIRE(calendar);
    BOOST_CHECK_EQUAL(calendar->round.reference_moment(), "2099-09-01T00:00:00+05:00");
    BOOST_CHECK_EQUAL(calendar->list_date, "2099-06-01");
    BOOST_REQUIRE_EQUAL(calendar->region_list_dates.size(), 1u);
    BOOST_CHECK_EQUAL(calendar->region_list_dates[0].region, "59");
    BOOST_CHECK_EQUAL(calendar->region_list_dates[0].date, "2099-07-01");
    BOOST_CHECK_EQUAL(calendar->tablet_to, "2099-10-30");
    BOOST_CHECK_EQUAL(calendar->end_date, "2099-10-30");
    BOOST_CHECK_EQUAL(calendar->order_number, "143");
    screenshot(frame, lang, "24-settings-calendar");

    // An officer reads it back, read-only; the dashboard counts down to the first date ahead.
    frame = run.switch_user("officer");
    panel = open_settings(frame);
    BOOST_CHECK(panel->region_list_dates_field()->GetValue() == "59=2099-07-01");
    BOOST_CHECK(panel->online_to_field()->GetValue() == "2099-10-15");
    BOOST_CHECK(!panel->end_date_field()->IsEditable());
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Dashboard));
    ui::DashboardPanel* dashboard = frame->dashboard_panel();
    BOOST_REQUIRE(dashboard);
    dashboard->reload();
    BOOST_REQUIRE(pump_until([&] { return !dashboard->loading(); }, 60s));
    BOOST_REQUIRE(dashboard->figures());
    BOOST_REQUIRE(dashboard->figures()->next_date);
    BOOST_CHECK((dashboard->figures()->next_date->milestone == CalendarMilestone::ListDate));
    BOOST_CHECK(dashboard->countdown_label()->IsShown());
    BOOST_CHECK_MESSAGE(dashboard->countdown_label()->GetLabel().Contains("2099"), utf8(dashboard->countdown_label()->GetLabel()));
    screenshot(frame, lang, "24-dashboard-countdown");
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_census_calendar_is_set_on_the_settings_screen_in_kazakh, *boost::unit_test::timeout(120)) {
    census_calendar_on_the_settings_screen("kk");
}

BOOST_AUTO_TEST_CASE(the_census_calendar_is_set_on_the_settings_screen_in_russian, *boost::unit_test::timeout(120)) {
    census_calendar_on_the_settings_screen("ru");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
