// A workspace with per-role keys in the GUI: an officer whose colleague an administrator removed
// re-keys census while signing in (the login's status line counts it), then finds the File menu's
// "Confirm colleagues' access..." and a reminder that a supervisor waits for it.
#include <wx/menu.h>

#include <boost/test/unit_test.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "census_sim/census_sim.h"
#include "core/usecases/audit_review.h"
#include "core/usecases/demo.h"
#include "core/usecases/users.h"
#include "coverage/list_import.h"
#include "db/workspace.h"
#include "support/temp_dir.h"
#include "ui/app/demo_workspace.h"
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

// The workspace README.md's first command makes: per-role keys, the officer made census and
// confirmed the supervisor (four eyes, audited), so the demo's imported list is there to see.
BOOST_AUTO_TEST_CASE(the_demo_workspace_has_per_role_keys_and_its_officer_sees_census,
                     *boost::unit_test::timeout(180)) {
    TempDir dir("sanaq-demo-per-role");
    const auto folder = dir / "demo";
    must_ok(ui::create_demo_workspace(folder), "demo");
    std::ifstream in(folder / "keyslots.json");
    BOOST_TEST(nlohmann::json::parse(in).at("version") == 3);
    BOOST_TEST(!std::filesystem::exists(folder / "workspace.db"));
    BOOST_TEST(std::filesystem::exists(folder / "census.1.db"));

    SystemClock clock;
    const std::string listed = census_sim::simulated_kit(2026, "KIT-0001").institution.bin;
    for (const auto& [user, role] : {std::pair<std::string, Role>{"officer", Role::Officer},
                                     {"supervisor", Role::Supervisor}}) {
        auto ws = db::Workspace::open(folder, user, kPassword);
        must_ok(ws, "census holder");
        BOOST_TEST((*ws)->awaiting_parts().empty(), user);
        Session session{**ws, **ws, clock, Actor{user, role}};
        auto lists = list_versions(session, listed);
        must_ok(lists, "lists");
        BOOST_TEST(lists->size() == 1u, user);
    }
    auto ws = db::Workspace::open(folder, std::string(ui::kDemoAdministrator), kPassword);
    must_ok(ws, "admin");
    Session admin{**ws, **ws, clock, Actor{"admin", Role::Administrator}};
    BOOST_TEST(!list_versions(admin, listed).has_value());  // no census for the administrator
    AuditFilter filter;
    filter.action_prefix = "user.confirm_access";
    auto confirmed = list_audit(admin, filter);
    must_ok(confirmed, "audit");
    BOOST_REQUIRE(confirmed->size() == 1u);
    BOOST_TEST(confirmed->front().actor == "officer");
    BOOST_TEST(confirmed->front().object_id == "supervisor");
    auto verified = verify_audit(admin);
    must_ok(verified, "verify");
    BOOST_TEST(verified->intact(), "problem " << static_cast<int>(verified->problem) << " at entry "
                                              << verified->first_bad_seq);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
