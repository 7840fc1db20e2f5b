// The kit actions added for what the core could already do: a supervisor allows the return of a
// kit held back by the return gate (a pull with a sequence gap) and a custodian then checks it in;
// a custodian replaces a missing part; an officer receives paper into the stock (a supervisor only
// sees it); a user changes their own password from the File menu and signs in with the new one.
// Each dialog is driven through its API; the outcome is checked through the core; one screenshot
// of each dialog.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/menu.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "census_sim/census_sim.h"
#include "core/usecases/custody.h"
#include "core/usecases/devices.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "support/temp_dir.h"
#include "ui/acts/act_preview_dialog.h"
#include "ui/app/ui_language.h"
#include "ui/devices/devices_panel.h"
#include "ui/kits/kit_list_view.h"
#include "ui/kits/kits_panel.h"
#include "ui/kits/paper_stock_dialog.h"
#include "ui/kits/replace_part_dialog.h"
#include "ui/kits/return_dialog.h"
#include "ui/kits/return_gate_dialog.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/demo_data.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"
#include "ui/users/change_password_dialog.h"

namespace sanaq::test {
namespace {

const std::string kLang = "en";

/// Issues an in-stock kit to someone (core), returns its number.
std::string issue_one(Session& officer) {
    const std::string kit = kit_in_stock(officer);
    auto act = issue_kits(officer, {{kit}, some_employee(officer), 0, 0, "", ""});
    BOOST_REQUIRE_MESSAGE(act, "issue_kits");
    return kit;
}

ui::KitsPanel* kits_with(ui::MainFrame* frame, const std::string& kit) {
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    ui::KitsPanel* kits = frame->kits_panel();
    BOOST_REQUIRE(kits);
    type(kits->filter_field(), wxString::FromUTF8(kit));
    kits->refresh();
    BOOST_REQUIRE(kits->list()->select_kit(kit));
    pump_for(100ms);
    return kits;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_kit_actions)  // one CTest entry: test_ui.kit_actions (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(a_supervisor_allows_a_gated_return_and_a_custodian_checks_the_kit_in, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language(kLang);
    StationRun run;
    BOOST_REQUIRE(run.start());

    // An officer issues a kit and pulls its tablet, whose outbox skips a sequence number.
    ui::MainFrame* frame = run.switch_user("officer");
    const std::string kit = issue_one(run.session());
    TempDir tablets{"sanaq-ui-gate"};
    auto department = department_public_keys(run.session());
    BOOST_REQUIRE(department);
    census_sim::MakePackagesRequest request;
    request.kit_number = kit;
    request.department_public_file_text = *department;
    request.persons = 90;
    request.packages = 3;
    request.seed = 21;
    request.faults.gap_after = 1;
    auto made = census_sim::make_packages(tablets / "tablet", request);
    BOOST_REQUIRE(made);
    BOOST_REQUIRE_EQUAL(made->skipped_sequences.size(), 1u);
    BOOST_REQUIRE(enroll_device_key(run.session(), kit, made->device_public_pem));
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* devices = frame->devices_panel();
    devices->add_simulated_tablet(tablets / "tablet");
    BOOST_REQUIRE(devices->pull({devices->tablets().size() - 1}));
    BOOST_REQUIRE(pump_until([&] { return !devices->pulling(); }, 120s));
    BOOST_REQUIRE(devices->last_results().front());
    BOOST_REQUIRE_EQUAL(devices->last_results().front()->gaps.size(), 1u);

    // The custodian cannot check it in: the return dialog shows the core's refusal.
    frame = run.switch_user("custodian");
    ui::KitsPanel* kits = kits_with(frame, kit);
    BOOST_CHECK(!kits->allow_return_button()->IsShown());  // supervisors only
    wxString refusal;
    ModalScript refused;
    refused.when<ui::ReturnDialog>("gated return", [&](ui::ReturnDialog& d) {
        press(&d, wxID_OK);
        refusal = d.error_label()->GetLabel();
        BOOST_CHECK(!d.act());
        press(&d, wxID_CANCEL);
    });
    BOOST_REQUIRE(press(kits->return_button()));
    BOOST_CHECK_MESSAGE(refused.finished() && refused.failures().empty(), refused.report());
    BOOST_CHECK_MESSAGE(refusal.Contains("supervisor"), refusal.utf8_string());

    // The supervisor allows it: the reason is required (the core says so), then it goes through.
    frame = run.switch_user("supervisor");
    kits = kits_with(frame, kit);
    BOOST_CHECK(!kits->return_button()->IsShown());
    BOOST_CHECK(!kits->replace_part_button()->IsShown());
    BOOST_REQUIRE(kits->allow_return_button()->IsShown());
    BOOST_REQUIRE(kits->allow_return_button()->IsEnabled());
    ModalScript allow;
    allow.when<ui::ReturnGateDialog>("allow return", [&](ui::ReturnGateDialog& d) {
        // The last pull the gate rests on, with the package that never came.
        const wxString gap = wxString::Format("%lld", static_cast<long long>(made->skipped_sequences.front()));
        BOOST_CHECK_MESSAGE(d.last_pull_label()->GetLabel().Contains(gap), d.last_pull_label()->GetLabel().utf8_string());
        press(&d, wxID_OK);  // no reason
        BOOST_CHECK(!d.error_label()->GetLabel().empty());
        BOOST_CHECK(d.IsModal());
        type(d.reason_field(), "Package 2 was re-entered on paper; the tablet's storage failed");
        screenshot(&d, kLang, "60-allow-return");
        press(&d, wxID_OK);
        BOOST_CHECK_MESSAGE(!d.outcome().empty(), d.error_label()->GetLabel().utf8_string());
    });
    BOOST_REQUIRE(press(kits->allow_return_button()));
    BOOST_CHECK_MESSAGE(allow.finished() && allow.failures().empty(), allow.report());
    BOOST_CHECK(kits->last_notice().Contains(wxString::FromUTF8(kit)));

    // A second time there is nothing to allow: the core's words, the dialog stays open.
    ModalScript again;
    again.when<ui::ReturnGateDialog>("nothing to allow", [&](ui::ReturnGateDialog& d) {
        type(d.reason_field(), "again");
        press(&d, wxID_OK);
        BOOST_CHECK(d.error_label()->GetLabel().Contains("nothing to allow"));
        press(&d, wxID_CANCEL);
    });
    BOOST_REQUIRE(press(kits->allow_return_button()));
    BOOST_CHECK_MESSAGE(again.finished() && again.failures().empty(), again.report());

    // The custodian checks the kit in.
    frame = run.switch_user("custodian");
    kits = kits_with(frame, kit);
    ModalScript give_back;
    give_back.when<ui::ReturnDialog>("allowed return", [&](ui::ReturnDialog& d) {
        press(&d, wxID_OK);
        BOOST_CHECK_MESSAGE(d.act().has_value(), "return refused: " << d.error_label()->GetLabel().utf8_string());
    });
    give_back.when<ui::ActPreviewDialog>("return act", [&](ui::ActPreviewDialog& p) {
        pump_until([&] { return p.pages_ready() || (!p.busy() && !p.outcome().empty()); }, 30s);
        press(p.close_button());
    });
    BOOST_REQUIRE(press(kits->return_button()));
    BOOST_CHECK_MESSAGE(give_back.finished() && give_back.failures().empty(), give_back.report());
    auto after = find_kit(run.session(), kit);
    BOOST_REQUIRE(after);
    BOOST_CHECK(after->state == KitState::InStock);
}

BOOST_AUTO_TEST_CASE(a_custodian_replaces_a_missing_part, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language(kLang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("officer");
    const std::string kit = issue_one(run.session());
    BOOST_REQUIRE(return_kit(run.session(), {kit, {{ComponentType::Charger, LineOutcome::Missing, "lost"}}, 0, 0, 0, ""}));

    frame = run.switch_user("custodian");
    ui::KitsPanel* kits = kits_with(frame, kit);
    BOOST_REQUIRE(kits->replace_part_button()->IsShown());
    BOOST_REQUIRE(kits->replace_part_button()->IsEnabled());
    // Also from the outstanding report, whose rows list what is owed.
    tick(kits->outstanding_box(), true);
    BOOST_REQUIRE(kits->list()->select_kit(kit));
    pump_for(100ms);
    BOOST_CHECK(kits->replace_part_button()->IsEnabled());
    tick(kits->outstanding_box(), false);
    BOOST_REQUIRE(kits->list()->select_kit(kit));
    pump_for(100ms);
    ModalScript replace;
    replace.when<ui::ReplacePartDialog>("replace part", [&](ui::ReplacePartDialog& d) {
        // Only what the core may replace: the missing charger.
        BOOST_CHECK(d.parts() == std::vector<ComponentType>{ComponentType::Charger});
        BOOST_CHECK_EQUAL(d.part_choice()->GetCount(), 1u);
        type(d.serial_field(), "CHG-REPL-0001");
        press(&d, wxID_OK);  // no reason: the core refuses, the dialog stays
        BOOST_CHECK(!d.error_label()->GetLabel().empty());
        BOOST_CHECK(d.IsModal());
        type(d.reason_field(), "Lost by the holder; replaced from the reserve");
        screenshot(&d, kLang, "61-replace-part");
        press(&d, wxID_OK);
        BOOST_CHECK_MESSAGE(!d.outcome().empty(), d.error_label()->GetLabel().utf8_string());
    });
    BOOST_REQUIRE(press(kits->replace_part_button()));
    BOOST_CHECK_MESSAGE(replace.finished() && replace.failures().empty(), replace.report());

    auto after = find_kit(run.session(), kit);
    BOOST_REQUIRE(after);
    BOOST_CHECK(after->state == KitState::InStock);  // the last owed part settled: the issue closes
    BOOST_REQUIRE(after->component(ComponentType::Charger));
    BOOST_CHECK_EQUAL(after->component(ComponentType::Charger)->serial, "CHG-REPL-0001");
    BOOST_CHECK(after->component(ComponentType::Charger)->status == ComponentStatus::InPlace);
    BOOST_CHECK(kits->list()->select_kit(kit));
    pump_for(100ms);
    BOOST_CHECK(!kits->replace_part_button()->IsEnabled());  // nothing left to replace
}

BOOST_AUTO_TEST_CASE(an_officer_receives_paper_and_a_supervisor_sees_the_stock, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language(kLang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("officer");
    auto before = paper_stock(run.session());
    BOOST_REQUIRE(before);
    ui::KitsPanel* kits = frame->kits_panel();
    BOOST_REQUIRE(kits->paper_button()->IsShown());
    ModalScript receive;
    receive.when<ui::PaperStockDialog>("receive paper", [&](ui::PaperStockDialog& d) {
        BOOST_CHECK(d.stock_label()->GetLabel().Contains(wxString::Format("%d", before->explanations)));
        BOOST_REQUIRE(d.explanations_field());
        press(&d, wxID_OK);  // nothing received: the core refuses
        BOOST_CHECK(!d.error_label()->GetLabel().empty());
        d.explanations_field()->SetValue(200);
        d.certificates_field()->SetValue(1500);
        type(d.note_field(), "Delivery note 17 of the regional office");
        screenshot(&d, kLang, "62-paper-stock");
        press(&d, wxID_OK);
        BOOST_CHECK_MESSAGE(!d.outcome().empty(), d.error_label()->GetLabel().utf8_string());
    });
    BOOST_REQUIRE(press(kits->paper_button()));
    BOOST_CHECK_MESSAGE(receive.finished() && receive.failures().empty(), receive.report());
    auto after = paper_stock(run.session());
    BOOST_REQUIRE(after);
    BOOST_CHECK_EQUAL(after->explanations, before->explanations + 200);
    BOOST_CHECK_EQUAL(after->certificates, before->certificates + 1500);

    // A supervisor sees the figures and may not receive.
    frame = run.switch_user("supervisor");
    kits = frame->kits_panel();
    BOOST_REQUIRE(kits->paper_button()->IsShown());
    ModalScript look;
    look.when<ui::PaperStockDialog>("paper stock, view only", [&](ui::PaperStockDialog& d) {
        BOOST_CHECK(d.explanations_field() == nullptr);
        BOOST_CHECK(!d.FindWindow(wxID_OK)->IsShown());
        BOOST_CHECK(d.stock_label()->GetLabel().Contains(wxString::Format("%d", after->certificates)));
        screenshot(&d, kLang, "63-paper-stock-view");
        press(&d, wxID_CANCEL);
    });
    BOOST_REQUIRE(press(kits->paper_button()));
    BOOST_CHECK_MESSAGE(look.finished() && look.failures().empty(), look.report());
}

BOOST_AUTO_TEST_CASE(a_user_changes_their_own_password_and_signs_in_with_it, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language(kLang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("custodian");
    const wxString new_password = "Custodian-2026-spring";

    wxMenuBar* bar = frame->GetMenuBar();
    const int item = bar->FindMenuItem(_("&File"), _("Change &password..."));
    BOOST_REQUIRE(item != wxNOT_FOUND);
    ModalScript change;
    change.when<ui::ChangePasswordDialog>("change password", [&](ui::ChangePasswordDialog& d) {
        auto submit = [&] {
            press(&d, wxID_OK);
            pump_until([&] { return !d.busy(); }, 30s);
        };
        // The current password is checked first, off the UI thread.
        type(d.current_field(), "not-my-password");
        type(d.password_field(), new_password);
        type(d.repeat_field(), new_password);
        submit();
        BOOST_CHECK_EQUAL(d.error_label()->GetLabel(), _("The current password is wrong."));
        // The two new ones must agree.
        type(d.current_field(), "demo-password");
        type(d.repeat_field(), new_password + "x");
        submit();
        BOOST_CHECK_EQUAL(d.error_label()->GetLabel(), _("The two passwords differ."));
        // The core's rules for a new password.
        type(d.password_field(), "short");
        type(d.repeat_field(), "short");
        submit();
        BOOST_CHECK(!d.error_label()->GetLabel().empty());
        BOOST_CHECK(d.IsModal());
        type(d.password_field(), new_password);
        type(d.repeat_field(), new_password);
        screenshot(&d, kLang, "64-change-password");
        submit();
        BOOST_CHECK_MESSAGE(!d.IsModal(), d.error_label()->GetLabel().utf8_string());
    });
    wxCommandEvent menu(wxEVT_MENU, item);
    menu.SetEventObject(frame);
    frame->ProcessWindowEvent(menu);
    BOOST_CHECK_MESSAGE(change.finished() && change.failures().empty(), change.report());

    // The old password no longer opens the workspace; the new one does.
    run.station().sign_out();
    BOOST_REQUIRE(pump_until([&] { return run.station().login_dialog() != nullptr; }, 5s));
    pump_for(300ms);
    BOOST_CHECK(run.sign_in("custodian", "demo-password") == nullptr);
    frame = run.sign_in("custodian", new_password.utf8_string());
    BOOST_REQUIRE_MESSAGE(frame, "the new password opens the workspace");
    BOOST_CHECK_EQUAL(run.session().actor.user, "custodian");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
