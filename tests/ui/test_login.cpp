// The login dialog tells a wrong password and a workspace held by another instance in plain
// words, stays open, and signs in once the problem is gone.
#include <fstream>

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "db/workspace.h"
#include "ui/app/ui_language.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {
wxString attempt(StationRun& run, const std::string& user, const std::string& password) {
    auto* login = run.station().login_dialog();
    type(login->user_field(), wxString::FromUTF8(user));
    type(login->password_field(), wxString::FromUTF8(password));
    press(login->sign_in_button());
    pump_until([&] { return run.station().main_frame() != nullptr || !login->busy(); }, 30s);
    return login->error_label()->GetLabel();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(ui_login)  // one CTest entry: test_ui.login (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(a_wrong_password_is_told_in_plain_words, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    const wxString error = attempt(run, "officer", "not-the-password");
    BOOST_CHECK(run.station().main_frame() == nullptr);
    BOOST_CHECK(error.Contains("password"));
    BOOST_CHECK(run.station().login_dialog()->password_field()->GetValue().empty());  // never kept
}

BOOST_AUTO_TEST_CASE(a_workspace_open_elsewhere_is_reported_as_locked, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    {
        auto other = db::Workspace::open(run.workspace(), "custodian", "demo-password");
        BOOST_REQUIRE(other);
        const wxString error = attempt(run, "officer", "demo-password");
        BOOST_CHECK(run.station().main_frame() == nullptr);
        BOOST_CHECK_MESSAGE(error.Contains("another Sanaq Station"), error.utf8_string());
    }
    // The other instance has closed: now it opens.
    BOOST_CHECK(run.sign_in("officer") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_folder_that_is_no_workspace_is_named_so, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    const auto elsewhere = run.workspace().parent_path() / "not-a-workspace";
    std::filesystem::create_directories(elsewhere);
    std::ofstream(elsewhere / "notes.txt") << "nothing here";
    type(run.station().login_dialog()->workspace_field(), wxString::FromUTF8(elsewhere.string()));
    const wxString error = attempt(run, "officer", "demo-password");
    BOOST_CHECK(run.station().main_frame() == nullptr);
    BOOST_CHECK_MESSAGE(error.Contains("not a Sanaq Station workspace"), error.utf8_string());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
