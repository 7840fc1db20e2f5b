// A workspace with per-role keys in the GUI: an officer whose colleague an administrator removed
// re-keys census while signing in (the login's status line counts it), then finds the File menu's
// "Confirm colleagues' access..." and a reminder that a supervisor waits for it.
#include <wx/menu.h>

#include <boost/test/unit_test.hpp>

#include "core/usecases/users.h"
#include "db/workspace.h"
#include "ui/app/ui_language.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

const std::string kPassword = "demo-password";

template <class R>
void must_ok(const R& r, const char* what) {
    BOOST_REQUIRE_MESSAGE(r.has_value(), what << ": " << r.error().detail);
}

/// An administrator, two officers (the first made census and confirmed the second) and a
/// supervisor still waiting; then the administrator removed the first officer.
void make_workspace_with_census_to_rekey(const std::filesystem::path& folder) {
    SystemClock clock;
    {
        auto ws =
            db::Workspace::create_per_role(folder, "admin", kPassword, db::kdf_from_environment());
        must_ok(ws, "create");
        Session admin{**ws, **ws, clock, Actor{"admin", Role::Administrator}};
        must_ok(record_workspace_created(admin, "Әкімші"), "created");
        for (const auto& [name, role] : {std::pair<std::string, Role>{"aigerim", Role::Officer},
                                         {"bolat", Role::Officer},
                                         {"nurlan", Role::Supervisor}})
            must_ok(add_user(admin, {name, name, role, kPassword}), "add user");
    }
    {
        auto ws = db::Workspace::open(folder, "aigerim", kPassword);  // makes census
        must_ok(ws, "officer");
        Session officer{**ws, **ws, clock, Actor{"aigerim", Role::Officer}};
        must_ok(confirm_access(officer, "bolat"), "confirm");
    }
    {
        auto ws = db::Workspace::open(folder, "admin", kPassword);
        must_ok(ws, "admin");
        Session admin{**ws, **ws, clock, Actor{"admin", Role::Administrator}};
        must_ok(remove_user(admin, "aigerim", "left the department"), "remove");
    }
}

bool menu_has(wxMenu* menu, const wxString& label) {
    for (const wxMenuItem* item : menu->GetMenuItems())
        if (item->GetItemLabelText().Contains(label)) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_per_role_keys)  // one CTest entry: test_ui.per_role_keys (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(an_officer_rekeys_census_at_sign_in_and_is_asked_to_confirm_a_colleague,
                     *boost::unit_test::timeout(180)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    const auto folder = run.workspace().parent_path() / "per-role";
    make_workspace_with_census_to_rekey(folder);
    BOOST_REQUIRE(std::filesystem::exists(folder / "census.1.db"));

    auto* login = run.station().login_dialog();
    type(login->workspace_field(), wxString::FromUTF8(folder.string()));
    type(login->user_field(), "bolat");
    type(login->password_field(), wxString::FromUTF8(kPassword));
    press(login->sign_in_button());
    BOOST_REQUIRE(pump_until([&] { return run.station().main_frame() != nullptr; }, 60s));
    auto* frame = run.station().main_frame();

    // Census was re-keyed on the way in: the removed officer's key opens no file that is left.
    BOOST_TEST(std::filesystem::exists(folder / "census.2.db"));
    BOOST_TEST(!std::filesystem::exists(folder / "census.1.db"));
    BOOST_TEST(
        frame->show_screen(ui::MainFrame::Screen::Review));  // census data opens under the new key

    BOOST_TEST(menu_has(frame->GetMenuBar()->GetMenu(0), "Confirm colleagues' access"));
    const wxString notice = frame->GetStatusBar()->GetStatusText(1);
    BOOST_TEST(notice.Contains("1 colleague waits"), notice.utf8_string());
    screenshot(frame, "en", "per_role_confirm_reminder");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
