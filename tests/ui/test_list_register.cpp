// The stage-1 register on screen: the Institutions screen shows each institution's deadline, list
// status, listed and expected counts, the staff list each employee's appointment order and
// training (entered in the employee dialog), the dashboard has a tile "Lists: received N of M,
// late L, missing K" that opens the Institutions screen, and the who-has-not-sent export writes
// its PDF. Screenshots as 60-register*.png.
#include <boost/test/unit_test.hpp>
#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>

#include <filesystem>

#include "core/usecases/demo.h"
#include "core/usecases/registry.h"
#include "coverage/list_register.h"
#include "ui/app/ui_language.h"
#include "ui/dashboard/dashboard_panel.h"
#include "ui/dashboard/dashboard_tile.h"
#include "ui/institutions/institutions_panel.h"
#include "ui/institutions/register_dialog.h"
#include "ui/institutions/staff_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "support/temp_dir.h"
#include "ui/common/text.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

std::string utf8(const wxString& s) { return s.utf8_string(); }

long row_of(wxListCtrl* list, const std::string& bin) {
    for (long i = 0; i < list->GetItemCount(); ++i)
        if (utf8(list->GetItemText(i, 1)) == bin) return i;
    return -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_list_register)  // one CTest entry: test_ui.list_register

BOOST_AUTO_TEST_CASE(the_register_shows_on_the_institutions_screen_and_the_dashboard, *boost::unit_test::timeout(180)) {
    const std::string lang = "ru";
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);

    auto institutions = list_institutions(run.session());
    BOOST_REQUIRE(institutions && institutions->size() >= 3u);
    const std::string silent = (*institutions)[0].bin, closed = (*institutions)[1].bin;
    ListDuty missing;
    missing.institution_bin = silent;
    missing.deadline = "2021-06-15";  // long past, nothing came
    missing.expected = 120;
    BOOST_REQUIRE(set_list_duty(run.session(), missing));
    ListDuty not_owed;
    not_owed.institution_bin = closed;
    not_owed.owes = false;
    BOOST_REQUIRE(set_list_duty(run.session(), not_owed));

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Institutions));
    auto* panel = frame->institutions_panel();
    panel->reload();
    wxListCtrl* list = panel->institutions_list();
    BOOST_REQUIRE_EQUAL(list->GetColumnCount(), 8);
    const long row = row_of(list, silent);
    BOOST_REQUIRE(row >= 0);
    BOOST_TEST(utf8(list->GetItemText(row, 4)) == "2021-06-15");
    BOOST_TEST(utf8(list->GetItemText(row, 5)) == utf8(ui::tr_label(list_status_label(ListStatus::Missing))));
    BOOST_TEST(utf8(list->GetItemText(row, 7)) == "120");
    BOOST_TEST(utf8(list->GetItemText(row_of(list, closed), 5)) ==
               utf8(ui::tr_label(list_status_label(ListStatus::NotOwed))));

    // The register dialog: the expected headcount changes, the deadline goes back to the default.
    panel->select(static_cast<std::size_t>(row));
    ModalScript register_script;
    register_script.when<ui::RegisterDialog>("stage 1 list", [&](ui::RegisterDialog& d) {
        BOOST_TEST(d.owes_box()->GetValue());
        BOOST_TEST(utf8(d.deadline_field()->GetValue()) == "2021-06-15");
        type(d.expected_field(), "many");
        press(&d, wxID_OK);  // not a number: the dialog stays
        type(d.expected_field(), "150");
        screenshot(&d, lang, "60-register-dialog");
        press(&d, wxID_OK);
    });
    panel->edit_register();
    BOOST_CHECK_MESSAGE(register_script.finished() && register_script.failures().empty(), register_script.report());
    BOOST_TEST(utf8(list->GetItemText(row_of(list, silent), 7)) == "150");

    // The employee dialog takes the appointment order and the training date.
    panel->select(static_cast<std::size_t>(row));
    const std::string iin = make_iin(1988, 3, 14, false, 4321);
    ModalScript staff_script;
    staff_script.when<ui::StaffDialog>("add employee", [&](ui::StaffDialog& d) {
        type(d.iin_field(), wxString::FromUTF8(iin));
        type(d.name_field(), wxString::FromUTF8("Өмірбекова Гүлжан Әскерқызы"));
        type(d.order_number_field(), wxString::FromUTF8("12-к"));
        type(d.order_date_field(), "2021-05-20");
        type(d.trained_on_field(), "2021-05-31");
        screenshot(&d, lang, "61-register-employee");
        press(&d, wxID_OK);
    });
    panel->add_employee();
    BOOST_CHECK_MESSAGE(staff_script.finished() && staff_script.failures().empty(), staff_script.report());
    auto e = find_staff_by_iin(run.session(), iin);
    BOOST_REQUIRE(e);
    BOOST_TEST(e->appointment_order_number == "12-к");
    BOOST_TEST(e->trained_on == "2021-05-31");
    wxListCtrl* staff = panel->staff_list();
    long employee = -1;
    for (long i = 0; i < staff->GetItemCount(); ++i)
        if (utf8(staff->GetItemText(i, 0)) == "Өмірбекова Гүлжан Әскерқызы") employee = i;
    BOOST_REQUIRE(employee >= 0);
    BOOST_TEST(utf8(staff->GetItemText(employee, 5)) == "2021-05-31");
    screenshot(frame, lang, "62-register-institutions");

    // The who-has-not-sent report, audited first.
    TempDir tmp("sanaq-ui-register");
    const auto pdf = tmp.path() / "not-sent.pdf";
    panel->export_not_sent_to(pdf);
    BOOST_TEST(std::filesystem::exists(pdf));
    BOOST_TEST(std::filesystem::file_size(pdf) > 1000u);

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Dashboard));
    ui::DashboardPanel* dash = frame->dashboard_panel();
    BOOST_REQUIRE(press(dash->refresh_button()));
    BOOST_REQUIRE(pump_until([&] { return !dash->loading(); }, 60s));
    BOOST_REQUIRE(dash->figures() && dash->figures()->lists);
    const RegisterTally t = *dash->figures()->lists;
    BOOST_TEST(t.missing == 1);
    BOOST_TEST(t.owing == static_cast<std::int64_t>(institutions->size()) - 1);
    ui::DashboardTile* tile = dash->lists_tile();
    BOOST_REQUIRE(tile);
    BOOST_TEST(utf8(tile->value()).find(std::to_string(t.owing)) != std::string::npos, utf8(tile->value()));
    BOOST_TEST(utf8(tile->lines()).find(std::to_string(t.missing)) != std::string::npos);
    screenshot(frame, lang, "63-register-dashboard");
    BOOST_REQUIRE(tile->on_activate);
    tile->on_activate();
    BOOST_TEST((frame->current_screen() == ui::MainFrame::Screen::Institutions));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
