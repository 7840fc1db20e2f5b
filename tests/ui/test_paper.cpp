// Paper census tools accounted per holder, on the Kits screen: an officer hands paper to an
// employee who holds no kit, a custodian takes it back short — warned, refused, then closed with
// the discrepancy on the act — and the return dialog of a kit shows its holder's paper account and
// warns before the last kit comes back with paper unaccounted for. Dialogs are driven through their
// API; outcomes are checked through the core; one screenshot of each dialog.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include <algorithm>
#include <set>

#include "core/usecases/custody.h"
#include "core/usecases/registry.h"
#include "ui/acts/act_preview_dialog.h"
#include "ui/app/ui_language.h"
#include "ui/common/wrapping_text.h"
#include "ui/demo_data.h"
#include "ui/kits/kit_list_view.h"
#include "ui/kits/kits_panel.h"
#include "ui/kits/paper_custody_dialog.h"
#include "ui/kits/return_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

const std::string kLang = "en";

/// A registered employee who holds no kit and no paper.
ResponsibleEmployee employee_without_kits(Session& officer) {
    std::set<std::int64_t> busy;
    const auto kits = outstanding_kits(officer);
    const auto paper = paper_outstanding(officer);
    const auto staff = list_staff(officer, "");
    BOOST_REQUIRE(kits && paper && staff);
    for (const auto& row : *kits) busy.insert(row.holder.id);
    for (const auto& h : *paper) busy.insert(h.holder.id);
    for (const auto& e : *staff)
        if (!busy.contains(e.id)) return e;
    BOOST_FAIL("every employee of the demo holds something");
    return {};
}

int index_of(const std::vector<std::int64_t>& ids, std::int64_t id) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_paper)

BOOST_AUTO_TEST_CASE(paper_goes_out_without_a_kit_and_comes_back_with_a_confirmed_discrepancy,
                     *boost::unit_test::timeout(300)) {
    ui::apply_ui_language(kLang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("officer");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    ui::KitsPanel* kits = frame->kits_panel();
    const ResponsibleEmployee holder = employee_without_kits(run.session());
    BOOST_REQUIRE(kits->issue_paper_button()->IsShown());

    ModalScript hand;
    hand.when<ui::PaperCustodyDialog>("hand over paper", [&](ui::PaperCustodyDialog& d) {
        const int at = index_of(d.holder_ids(), holder.id);
        BOOST_REQUIRE_MESSAGE(at >= 0, "offered " << d.holder_ids().size() << ", wanted " << holder.id << ": "
                                                  << d.error_label()->GetLabel().utf8_string());
        choose(d.holder_choice(), at);
        BOOST_CHECK(d.account_label()->text().Contains("No paper census tools handed."));
        d.certificates_field()->SetValue(1000000);  // beyond stock: the core refuses, the dialog stays
        press(&d, wxID_OK);
        BOOST_CHECK(d.error_label()->GetLabel().Contains("Not enough paper in stock"));
        d.explanations_field()->SetValue(3);
        d.certificates_field()->SetValue(40);
        screenshot(&d, kLang, "65-paper-issue");
        press(&d, wxID_OK);
        BOOST_CHECK_MESSAGE(d.act().has_value(), d.error_label()->GetLabel().utf8_string());
    });
    hand.when<ui::ActPreviewDialog>("paper issue act", [&](ui::ActPreviewDialog& p) {
        pump_until([&] { return p.pages_ready() || (!p.busy() && !p.outcome().empty()); }, 30s);
        press(p.close_button());
    });
    BOOST_REQUIRE(press(kits->issue_paper_button()));
    BOOST_CHECK_MESSAGE(hand.finished() && hand.failures().empty(), hand.report());
    auto held = paper_held(run.session(), holder.id);
    BOOST_REQUIRE(held);
    BOOST_CHECK_EQUAL(held->items[1].balance(), 40);

    // The custodian takes it back: 2 explanations and 30 certificates used, 8 back — 1 and 2 short.
    frame = run.switch_user("custodian");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    kits = frame->kits_panel();
    BOOST_REQUIRE(kits->return_paper_button()->IsShown());
    BOOST_CHECK(!kits->issue_paper_button()->IsShown());  // custodians do not hand paper out
    ModalScript back;
    back.when<ui::PaperCustodyDialog>("take paper back", [&](ui::PaperCustodyDialog& d) {
        const int at = index_of(d.holder_ids(), holder.id);
        BOOST_REQUIRE(at >= 0);
        choose(d.holder_choice(), at);
        BOOST_CHECK(d.account_label()->text().Contains("balance 40"));
        d.explanations_used_field()->SetValue(2);
        d.certificates_used_field()->SetValue(30);
        d.certificates_field()->SetValue(8);  // no event: the dialog reads the fields on OK
        press(&d, wxID_OK);  // refused: the paper does not add up
        BOOST_CHECK(d.error_label()->GetLabel().Contains("does not add up"));
        BOOST_CHECK(!d.act().has_value());
        BOOST_REQUIRE(d.accept_discrepancy_box()->IsShown());
        tick(d.accept_discrepancy_box(), true);
        screenshot(&d, kLang, "66-paper-return-discrepancy");
        press(&d, wxID_OK);
        BOOST_CHECK_MESSAGE(d.act().has_value(), d.error_label()->GetLabel().utf8_string());
        if (d.act()) BOOST_CHECK(d.act()->paper_discrepancy);
    });
    back.when<ui::ActPreviewDialog>("paper return act", [&](ui::ActPreviewDialog& p) {
        pump_until([&] { return p.pages_ready() || (!p.busy() && !p.outcome().empty()); }, 30s);
        screenshot(&p, kLang, "67-paper-return-act");
        press(p.close_button());
    });
    BOOST_REQUIRE(press(kits->return_paper_button()));
    BOOST_CHECK_MESSAGE(back.finished() && back.failures().empty(), back.report());
    held = paper_held(run.session(), holder.id);
    BOOST_REQUIRE(held);
    BOOST_CHECK_EQUAL(held->items[0].balance(), 1);
    BOOST_CHECK_EQUAL(held->items[1].balance(), 2);
}

BOOST_AUTO_TEST_CASE(the_return_dialog_shows_the_holders_paper_and_warns_on_the_last_kit,
                     *boost::unit_test::timeout(300)) {
    ui::apply_ui_language(kLang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("officer");
    const ResponsibleEmployee holder = employee_without_kits(run.session());
    const std::string kit = kit_in_stock(run.session());
    BOOST_REQUIRE(issue_kits(run.session(), {{kit}, holder.iin, 2, 20, "", ""}));
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Kits));
    ui::KitsPanel* kits = frame->kits_panel();
    type(kits->filter_field(), wxString::FromUTF8(kit));
    kits->refresh();
    BOOST_REQUIRE(kits->list()->select_kit(kit));
    pump_for(100ms);

    ModalScript give_back;
    give_back.when<ui::ReturnDialog>("return with paper", [&](ui::ReturnDialog& d) {
        BOOST_CHECK_MESSAGE(d.paper_account_label()->text().Contains("handed 20"),
                            d.paper_account_label()->text().utf8_string());
        BOOST_CHECK(!d.paper_warning_label()->GetLabel().empty());  // nothing reported yet: all 22 unaccounted for
        d.explanations_returned_field()->SetValue(2);
        d.certificates_used_field()->SetValue(19);
        press(&d, wxID_OK);  // one certificate short on the holder's last kit: refused
        BOOST_CHECK(d.error_label()->GetLabel().Contains("does not add up"));
        BOOST_REQUIRE(d.accept_discrepancy_box()->IsShown());
        d.certificates_returned_field()->SetValue(1);
        press(&d, wxID_OK);  // now it adds up: no confirmation needed
        BOOST_CHECK_MESSAGE(d.act().has_value(), d.error_label()->GetLabel().utf8_string());
        if (d.act()) {
            BOOST_CHECK(!d.act()->paper_discrepancy);
            BOOST_CHECK_EQUAL(d.act()->paper_balance.size(), 2u);
        }
    });
    give_back.when<ui::ActPreviewDialog>("return act", [&](ui::ActPreviewDialog& p) {
        pump_until([&] { return p.pages_ready() || (!p.busy() && !p.outcome().empty()); }, 30s);
        press(p.close_button());
    });
    BOOST_REQUIRE(press(kits->return_button()));
    BOOST_CHECK_MESSAGE(give_back.finished() && give_back.failures().empty(), give_back.report());
    BOOST_CHECK(!paper_held(run.session(), holder.id)->holds_any());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
