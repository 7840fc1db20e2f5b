// Restoring a workspace from a backup through the login dialog: the administrator's
// backup of the demo workspace is restored into a new folder — a wrong password and a folder that
// is not empty refused in words first, the dialog staying open — then the restored workspace is
// opened from the login dialog and holds the same data. A tampered backup is refused in the
// user's language and nothing is created. Screenshots as 24-restore*.png.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <fstream>

#include "core/usecases/backup.h"
#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/settings.h"
#include "support/temp_dir.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/login/login_dialog.h"
#include "ui/login/restore_dialog.h"
#include "support/job_expectations.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

namespace fs = std::filesystem;

std::string utf8(const wxString& s) { return s.utf8_string(); }

std::size_t kit_count(Session& session) {
    KitQuery query;
    query.limit = 100000;
    auto kits = list_kits(session, query);
    BOOST_REQUIRE(kits);
    return kits->size();
}

/// A backup of the station's workspace, taken as the signed-in administrator; the station is
/// signed out afterwards, the login dialog up.
fs::path back_up(StationRun& run, const fs::path& out) {
    auto made = backup_workspace(run.session(), run.station().workspace()->archiver(), out);
    BOOST_REQUIRE_MESSAGE(made, "backup: " << (made ? "" : made.error().message_id));
    run.station().sign_out();
    BOOST_REQUIRE(pump_until([&] { return run.station().login_dialog() != nullptr; }, 5s));
    pump_for(200ms);
    return out;
}

void fill(ui::RestoreDialog& d, const fs::path& file, const fs::path& folder, const std::string& password) {
    type(d.file_field(), wxString::FromUTF8(file.string()));
    type(d.folder_field(), wxString::FromUTF8(folder.string()));
    type(d.user_field(), "admin");
    type(d.password_field(), wxString::FromUTF8(password));
}

/// OK, then the worker's end (the dialog stays modal meanwhile).
void restore_now(ui::RestoreDialog& d) {
    BOOST_REQUIRE(press(d.ok_button()));
    BOOST_REQUIRE(pump_until([&] { return !d.busy(); }, 60s));
}

bool leftovers_beside(const fs::path& target) {
    for (const auto& entry : fs::directory_iterator(target.parent_path()))
        if (entry.path().filename().string().find(".restoring-") != std::string::npos) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_restore)  // one CTest entry: test_ui.restore (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(a_backup_is_restored_from_the_login_dialog_and_opened, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    BOOST_REQUIRE(run.sign_in("admin"));
    BOOST_REQUIRE(set_census_round(run.session(), {"2031", "2031-10-01", "00:00", "+05:00"}));
    const std::size_t kits = kit_count(run.session());
    TempDir place{"sanaq-ui-restore"};
    const fs::path backup = back_up(run, place / "station.sanaq-backup");
    const fs::path target = place / "restored";
    const fs::path taken = place / "taken";
    fs::create_directories(taken);
    std::ofstream(taken / "note.txt") << "someone's file";

    ui::LoginDialog* login = run.station().login_dialog();
    BOOST_REQUIRE(login);
    ModalScript script(120s);
    script.when<ui::RestoreDialog>("restore", [&](ui::RestoreDialog& d) {
        // A wrong password: refused in words, the focus back on the password, nothing made.
        fill(d, backup, target, "not-the-password");
        restore_now(d);
        BOOST_CHECK_MESSAGE(d.error_label()->GetLabel().Contains("password"), utf8(d.error_label()->GetLabel()));
        BOOST_CHECK(!d.restored());
        BOOST_CHECK(!fs::exists(target));
        // A folder that is not empty: the core's refusal names it.
        fill(d, backup, taken, "demo-password");
        restore_now(d);
        BOOST_CHECK_MESSAGE(d.error_label()->GetLabel().Contains("not empty"), utf8(d.error_label()->GetLabel()));
        BOOST_CHECK(fs::exists(taken / "note.txt"));
        // Now right: restored, checked, and offered to open.
        fill(d, backup, target, "demo-password");
        restore_now(d);
        BOOST_REQUIRE_MESSAGE(d.restored(), utf8(d.error_label()->GetLabel()));
        BOOST_CHECK(*d.restored() == target);
        BOOST_CHECK(d.error_label()->GetLabel().empty());
        BOOST_CHECK_MESSAGE(d.outcome_label()->GetLabel().Contains("audit trail"), utf8(d.outcome_label()->GetLabel()));
        BOOST_CHECK(d.password_field()->GetValue().empty());  // not kept
        BOOST_CHECK(d.ok_button()->GetLabel() == _("&Open the restored workspace"));
        screenshot(&d, "en", "24-restore-done");
        press(d.ok_button());
    });
    BOOST_REQUIRE(press(login->restore_button()));
    BOOST_REQUIRE_MESSAGE(script.finished() && script.failures().empty(), script.report());
    BOOST_CHECK(fs::exists(target / "keyslots.json"));  // the demo's per-role parts beside it
    BOOST_CHECK(!leftovers_beside(target));

    // The login dialog now points at the restored folder; signing in there shows the same data.
    BOOST_CHECK(login->workspace_field()->GetValue() == wxString::FromUTF8(target.string()));
    BOOST_CHECK(login->user_field()->GetValue() == "admin");
    ui::MainFrame* frame = run.sign_in("admin");
    BOOST_REQUIRE(frame);
    BOOST_CHECK(run.station().workspace()->dir() == target);
    auto round = census_round(run.session());
    BOOST_REQUIRE(round);
    BOOST_CHECK_EQUAL(round->name, "2031");
    BOOST_CHECK_EQUAL(kit_count(run.session()), kits);
    // What `sanaq workspace restore` leaves, asserted alike (tests/cli test_cli_backup).
    expect_restored_from(run.session(), backup, target, static_cast<std::int64_t>(kits));
}

BOOST_AUTO_TEST_CASE(a_tampered_backup_is_refused_in_the_users_language_and_nothing_is_made, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language("ru");
    StationRun run;
    BOOST_REQUIRE(run.start());
    BOOST_REQUIRE(run.sign_in("admin"));
    TempDir place{"sanaq-ui-restore"};
    const fs::path backup = back_up(run, place / "station.sanaq-backup");
    // One byte of a page of the database part changed: its MAC no longer verifies.
    {
        std::fstream f(backup, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(8192 + 100);
        char c = 0;
        f.read(&c, 1);
        f.seekp(8192 + 100);
        c = static_cast<char>(c ^ 0x5a);
        f.write(&c, 1);
    }
    const fs::path target = place / "restored";

    ui::LoginDialog* login = run.station().login_dialog();
    BOOST_REQUIRE(login);
    const wxString workspace_before = login->workspace_field()->GetValue();
    ModalScript script(120s);
    script.when<ui::RestoreDialog>("tampered", [&](ui::RestoreDialog& d) {
        fill(d, backup, target, "demo-password");
        restore_now(d);
        const wxString expected = ui::error_text(Error::make(
            ErrorCode::InvalidInput,
            "The backup {} does not match its own manifest: it was damaged or altered after it was made. Nothing was "
            "restored.",
            {backup.string()}));
        BOOST_CHECK(expected != wxGetTranslation("The backup {} does not match its own manifest: it was damaged or "
                                                 "altered after it was made. Nothing was restored."));  // Russian
        wxString shown = d.error_label()->GetLabel();
        shown.Replace("\n", " ");  // wrapped to the form's width
        BOOST_CHECK_MESSAGE(shown == expected, utf8(shown));
        BOOST_CHECK(!d.restored());
        screenshot(&d, "ru", "24-restore-tampered");
        hook_key(d.file_field(), WXK_ESCAPE);  // closes it
    });
    BOOST_REQUIRE(press(login->restore_button()));
    BOOST_REQUIRE_MESSAGE(script.finished() && script.failures().empty(), script.report());
    BOOST_CHECK(!fs::exists(target));
    BOOST_CHECK(!leftovers_beside(target));
    BOOST_CHECK(login->workspace_field()->GetValue() == workspace_before);
    ui::apply_ui_language("en");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
