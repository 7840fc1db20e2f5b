// Territories on the Settings screen: an administrator imports the statistics bureau's KATO
// classifier of an edition (a file with a bad row stores nothing and says which row), sets the
// department's region from the regions of the current edition named in the interface's language,
// and the institution editor warns — without refusing — about a code outside that region.
// Screenshot 22-settings-territories.png.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/territories.h"
#include "support/temp_dir.h"
#include "tables/table.h"
#include "ui/app/ui_language.h"
#include "ui/common/palette.h"
#include "ui/institutions/institution_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/settings/settings_panel.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

std::string utf8(const wxString& s) { return s.utf8_string(); }

const std::vector<std::string> kHeader{"te", "ab", "cd", "ef", "hij", "k", "name_kaz", "name_rus", "nn"};

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_territories)  // one CTest entry: test_ui.territories (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(an_administrator_imports_the_classifier_and_sets_the_region, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    TempDir dir("sanaq-ui-kato");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.switch_user("admin");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Settings));
    ui::SettingsPanel* panel = frame->settings_panel();
    BOOST_REQUIRE(panel);
    BOOST_CHECK(panel->import_classifier_button()->IsShown());
    BOOST_CHECK_MESSAGE(panel->classifiers_label()->GetLabel().Contains("no classifier"),
                        utf8(panel->classifiers_label()->GetLabel()));

    // A file with a bad row: nothing stored, the row named.
    const auto bad = dir / "bad.xlsx";
    BOOST_REQUIRE(tables::write_xlsx(bad, {}, {kHeader, {"35160000", "", "", "", "", "", "x", "x", ""}}, "KATO"));
    BOOST_CHECK(!panel->import_classifier_from(bad));
    BOOST_CHECK_MESSAGE(panel->territories_outcome()->GetLabel().Contains("35160000"),
                        utf8(panel->territories_outcome()->GetLabel()));
    BOOST_CHECK(panel->territories_outcome()->GetForegroundColour() == ui::palette::error_text());
    BOOST_CHECK(kato_editions(run.session())->empty());

    const auto good = dir / "kato.xlsx";
    BOOST_REQUIRE(tables::write_xlsx(
        good, {},
        {kHeader,
         {"350000000", "35", "00", "00", "000", "1", "Қарағанды облысы", "Карагандинская область", ""},
         {"351633100", "35", "16", "33", "100", "4", "Қарабас а.", "с.Карабас", ""}},
        "KATO"));
    choose(panel->edition_choice(), panel->edition_choice()->FindString("2022"));
    BOOST_REQUIRE(panel->import_classifier_from(good));
    BOOST_CHECK_MESSAGE(panel->classifiers_label()->GetLabel().Contains("kato.xlsx"),
                        utf8(panel->classifiers_label()->GetLabel()));
    const auto editions = kato_editions(run.session());
    BOOST_REQUIRE(editions && editions->size() == 1u);
    BOOST_CHECK_EQUAL(editions->front().entries, 2);

    // The region, chosen by its name in the interface's language.
    const int karaganda = panel->region_choice()->FindString("35 Karaganda Region");
    BOOST_REQUIRE(karaganda != wxNOT_FOUND);
    BOOST_CHECK(panel->region_choice()->FindString("62 Ulytau Region") != wxNOT_FOUND);
    choose(panel->region_choice(), karaganda);
    BOOST_REQUIRE(press(panel->save_region_button()));
    BOOST_CHECK_EQUAL(*department_region(run.session()), "35");
    screenshot(frame, "en", "22-settings-territories");

    // The institution editor warns about a code outside the region, and not about one inside.
    ui::InstitutionDialog dialog(frame, run.session(), std::nullopt);
    type(dialog.kato_field(), "191010000");
    BOOST_CHECK_MESSAGE(dialog.region_warning_label()->GetLabel().Contains("191010000"),
                        utf8(dialog.region_warning_label()->GetLabel()));
    BOOST_CHECK(dialog.region_warning_label()->GetLabel().Contains("Karaganda Region"));
    type(dialog.kato_field(), "351633100");
    BOOST_CHECK(dialog.region_warning_label()->GetLabel().empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
