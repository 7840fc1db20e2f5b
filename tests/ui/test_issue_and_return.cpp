// The main path through the GUI, in Kazakh and in Russian, on a fresh demo workspace:
// sign in → Kits → Issue (four wizard steps) → the issue act → Return with the charger missing →
// the return act → outstanding report → Institutions → sign out → the administrator's Audit and
// Users screens. Every screen is saved as a screenshot; the outcome is checked through the core.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/audit_review.h"
#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "ui/acts/act_preview_dialog.h"
#include "ui/app/ui_language.h"
#include "ui/audit/audit_list_view.h"
#include "ui/audit/audit_panel.h"
#include "ui/common/optional_date_picker.h"
#include "ui/devices/devices_panel.h"
#include "ui/institutions/institutions_panel.h"
#include "ui/kits/issue_wizard.h"
#include "ui/kits/kit_list_view.h"
#include "ui/kits/kits_panel.h"
#include "ui/kits/return_dialog.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/demo_data.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"
#include "ui/users/users_panel.h"

namespace sanaq::test {
namespace {

void wait_for_pages(ui::ActPreviewDialog& preview) {
    pump_until([&] { return preview.pages_ready() || (!preview.busy() && !preview.outcome().empty()); }, 30s);
}

void walk_through(const std::string& lang) {
    ui::apply_ui_language(lang);
    StationRun run;
    run.begin();
    auto* login = run.station().login_dialog();
    BOOST_REQUIRE(login);
    if (run.station().preparing_demo()) screenshot(login, lang, "00-preparing-demo", 50ms);
    BOOST_REQUIRE(run.wait_until_ready());
    BOOST_CHECK(login->language_choice()->GetStringSelection() == ui::language_native_name(lang));
    screenshot(login, lang, "01-login");

    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE_MESSAGE(frame, "the officer could not sign in");
    BOOST_CHECK(frame->audit_panel() == nullptr);  // officers have no audit screen
    BOOST_CHECK(frame->users_panel() == nullptr);
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Dashboard);  // what the officer opens to
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    ui::KitsPanel* kits = frame->kits_panel();
    BOOST_REQUIRE(kits);
    BOOST_CHECK(kits->list()->rows() > 0);
    screenshot(frame, lang, "02-kits");

    // --- Issue one kit through the wizard -------------------------------------------------
    const std::string kit = kit_in_stock(run.session());
    auto acts_before = list_acts(run.session(), kit);  // demo kits may have been out before
    BOOST_REQUIRE(acts_before);
    type(kits->filter_field(), wxString::FromUTF8(kit));
    kits->refresh();
    BOOST_REQUIRE_EQUAL(kits->list()->rows(), 1);
    BOOST_REQUIRE(kits->list()->selected_kit() && kits->list()->selected_kit()->number == kit);

    std::string issued_act;
    ModalScript issue;
    issue.when<ui::IssueWizard>("issue wizard", [&](ui::IssueWizard& w) {
        BOOST_CHECK_EQUAL(w.step(), ui::IssueWizard::kChooseKits);
        BOOST_CHECK(w.chosen_kits() == std::vector<std::string>{kit});  // preselected from the list
        screenshot(&w, lang, "03-issue-kits");
        press(w.next_button());
        BOOST_CHECK_EQUAL(w.step(), ui::IssueWizard::kChooseReceiver);
        choose(w.institution_choice(), 0);
        BOOST_CHECK(w.staff_list()->GetCount() > 0);
        choose(w.staff_list(), 0);
        screenshot(&w, lang, "04-issue-receiver");
        press(w.next_button());
        BOOST_CHECK_EQUAL(w.step(), ui::IssueWizard::kPaperAndDate);
        w.explanations_field()->SetValue(5);
        w.certificates_field()->SetValue(20);
        w.due_date_field()->set_date(wxDateTime::Today() + wxDateSpan::Days(30));
        screenshot(&w, lang, "05-issue-paper");
        press(w.next_button());
        BOOST_CHECK_EQUAL(w.step(), ui::IssueWizard::kSummary);
        screenshot(&w, lang, "06-issue-summary");
        press(w.finish_button());
        BOOST_CHECK_MESSAGE(w.act().has_value(), "issue refused: " << w.error_label()->GetLabel().utf8_string());
    });
    issue.when<ui::ActPreviewDialog>("issue act preview", [&](ui::ActPreviewDialog& p) {
        wait_for_pages(p);
        BOOST_CHECK(p.pages_ready());
        issued_act = p.act().number;
        screenshot(&p, lang, "07-act-issue");
        press(p.close_button());
    });
    BOOST_REQUIRE(press(kits->issue_button()));
    BOOST_CHECK_MESSAGE(issue.finished() && issue.failures().empty(), issue.report());
    BOOST_CHECK(!issued_act.empty());

    // --- Return it with the charger missing ----------------------------------------------
    kits->refresh();
    BOOST_REQUIRE(kits->list()->select_kit(kit));
    pump_for(100ms);
    BOOST_REQUIRE(kits->return_button()->IsEnabled());
    const auto pdf = run.workspace().parent_path() / "return-act.pdf";
    ModalScript give_back;
    give_back.when<ui::ReturnDialog>("return dialog", [&](ui::ReturnDialog& d) {
        wxChoice* charger = d.outcome_choice(ComponentType::Charger);
        BOOST_REQUIRE(charger);
        choose(charger, 2);  // Returned in order / Damaged / Missing
        d.note_field(ComponentType::Charger)->SetValue(wxString::FromUTF8("Қабылдау кезінде жоқ / не сдано"));
        d.certificates_used_field()->SetValue(12);
        screenshot(&d, lang, "08-return");
        press(&d, wxID_OK);
        BOOST_CHECK_MESSAGE(d.act().has_value(), "return refused: " << d.error_label()->GetLabel().utf8_string());
    });
    give_back.when<ui::ActPreviewDialog>("return act preview", [&](ui::ActPreviewDialog& p) {
        wait_for_pages(p);
        BOOST_CHECK(p.pages_ready());
        screenshot(&p, lang, "09-act-return");
        if (p.can_export()) {
            // Saving as PDF writes the file off the UI thread and puts the export on the trail.
            p.save_pdf(pdf);
            pump_until([&] { return !p.busy(); }, 30s);
            BOOST_CHECK_MESSAGE(std::filesystem::exists(pdf), p.outcome().utf8_string());
        } else {
            BOOST_TEST_MESSAGE("act catalogs missing, PDF not tried: " << p.outcome().utf8_string());
        }
        press(p.close_button());
    });
    BOOST_REQUIRE(press(kits->return_button()));
    BOOST_CHECK_MESSAGE(give_back.finished() && give_back.failures().empty(), give_back.report());

    // What the core now says: partly returned, the charger owed, an issue and a return act.
    auto after = find_kit(run.session(), kit);
    BOOST_REQUIRE(after);
    BOOST_CHECK(after->state == KitState::PartlyReturned);
    BOOST_CHECK(owed_components(*after) == std::vector<ComponentType>{ComponentType::Charger});
    auto acts = list_acts(run.session(), kit);
    BOOST_REQUIRE(acts);
    BOOST_CHECK_EQUAL(acts->size(), acts_before->size() + 2);
    BOOST_CHECK(acts->size() >= 2 && acts->at(1).number == issued_act);  // newest first: return, then issue

    // --- Outstanding report, institutions ------------------------------------------------
    type(kits->filter_field(), wxEmptyString);
    tick(kits->outstanding_box(), true);
    BOOST_CHECK(kits->list()->mode() == ui::KitListView::Mode::Outstanding);
    BOOST_CHECK(kits->list()->select_kit(kit));
    screenshot(frame, lang, "10-kits-outstanding");

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Institutions));
    BOOST_CHECK(frame->institutions_panel()->institutions_list()->GetItemCount() > 0);
    BOOST_CHECK(!frame->institutions_panel()->staff().empty());
    screenshot(frame, lang, "11-institutions");

    // --- Devices: the demo's simulated tablets, pulled -------------------------------------
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* devices = frame->devices_panel();
    BOOST_REQUIRE(devices);
    BOOST_CHECK_EQUAL(devices->tablets().size(), 2u);
    devices->pull_all();
    BOOST_REQUIRE(pump_until([&] { return !devices->pulling(); }, 60s));
    // Once seen failing under a loaded CI (no history at all): say what the screen said.
    BOOST_CHECK_MESSAGE(devices->history().size() == 2u,
                        "history rows: " << devices->history().size() << "; results: " << devices->last_results().size()
                                         << "; summary: " << devices->summary_text()->GetValue().utf8_string()
                                         << "; notice: " << devices->last_notice().utf8_string());
    screenshot(frame, lang, "14-devices");

    // --- The administrator's screens -----------------------------------------------------
    run.station().sign_out();
    BOOST_REQUIRE(pump_until([&] { return run.station().login_dialog() != nullptr; }, 5s));
    pump_for(300ms);  // the officer's window goes, and the workspace with it
    frame = run.sign_in("admin");
    BOOST_REQUIRE_MESSAGE(frame, "the administrator could not sign in");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Audit));
    ui::AuditPanel* audit = frame->audit_panel();
    BOOST_REQUIRE(audit);
    audit->reload();
    BOOST_CHECK(audit->list()->GetItemCount() > 0);
    audit->verify();
    auto verified = verify_audit(run.session());
    BOOST_REQUIRE(verified);
    BOOST_CHECK(verified->intact());
    if (std::filesystem::exists(pdf)) {
        AuditFilter exports;
        exports.action_prefix = "act.export";
        auto trail = list_audit(run.session(), exports);
        BOOST_CHECK(trail && !trail->empty());  // the PDF export is on the trail
    }
    screenshot(frame, lang, "12-audit");

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Users));
    BOOST_CHECK(frame->users_panel()->users().size() >= 4u);
    screenshot(frame, lang, "13-users");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_issue_and_return)  // one CTest entry: test_ui.issue_and_return (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(officer_issues_and_takes_back_a_kit_in_kazakh, *boost::unit_test::timeout(300)) { walk_through("kk"); }

BOOST_AUTO_TEST_CASE(officer_issues_and_takes_back_a_kit_in_russian, *boost::unit_test::timeout(300)) { walk_through("ru"); }

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
