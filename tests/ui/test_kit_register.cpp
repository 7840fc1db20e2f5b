// The kit register at scale and an inventory import through the preview dialog.
#include <fstream>

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>

#include "core/usecases/kit_registry.h"
#include "ui/app/ui_language.h"
#include "ui/kits/kit_import_dialog.h"
#include "ui/kits/kit_list_view.h"
#include "ui/kits/kits_panel.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {

BOOST_AUTO_TEST_SUITE(ui_kit_register)  // one CTest entry: test_ui.kit_register (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(thirty_thousand_kits_are_listed_a_page_at_a_time, *boost::unit_test::timeout(300)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    // A national delivery: 30,000 kits registered in one import (through the core, not the GUI).
    std::vector<KitImportItem> items;
    for (int i = 0; i < 30000; ++i) {
        const std::string n = std::to_string(100000 + i);
        items.push_back({i + 2, make_kit("BULK-" + n, Tablet{"Lenovo Tab M10", "SN" + n, "", "USB" + n}), {}});
    }
    auto saved = import_kits(run.session(), items, "bulk.csv");
    BOOST_REQUIRE(saved);
    BOOST_REQUIRE_EQUAL(*saved, 30000);

    ui::KitsPanel* kits = frame->kits_panel();
    kits->refresh();
    pump_for(300ms);
    ui::KitListView* list = kits->list();
    BOOST_CHECK_EQUAL(list->rows(), 30060);
    const int after_first_paint = list->fetches();
    BOOST_CHECK_LT(after_first_paint, 6);  // a count and a page or two, not 30,000 rows

    list->EnsureVisible(29990);  // jump to the end
    pump_for(300ms);
    BOOST_CHECK_LT(list->fetches() - after_first_paint, 5);
    auto last = list->kit_at(30059);
    BOOST_REQUIRE(last);
    BOOST_CHECK_EQUAL(last->number, "KIT-0060");  // ordered by number: BULK-… before KIT-…

    type(kits->filter_field(), "SN129999");
    pump_for(600ms);  // the filter waits for a pause in typing
    BOOST_CHECK_EQUAL(list->rows(), 1);
}

BOOST_AUTO_TEST_CASE(an_inventory_file_is_previewed_row_by_row_before_import, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("custodian");
    BOOST_REQUIRE(frame);
    const auto file = run.workspace().parent_path() / "delivery.csv";
    {
        std::ofstream out(file, std::ios::binary);
        out << "Kit number;Tablet serial number;USB serial\r\n"
               "NEW-0001;NS-0001;NU-0001\r\n"
               "NEW-0002;NS-0002;NU-0002\r\n"
               "KIT-0001;NS-0003;NU-0003\r\n"   // already registered
               "NEW-0004;;NU-0004\r\n";         // no tablet serial
    }
    auto before = count_kits(run.session(), {});
    BOOST_REQUIRE(before);

    int valid = -1;
    ModalScript script;
    script.when<ui::KitImportDialog>("import preview", [&](ui::KitImportDialog& d) {
        valid = d.valid_rows();
        BOOST_CHECK_EQUAL(d.rows_list()->GetItemCount(), 4);
        screenshot(&d, "en", "14-import-preview");
        press(d.import_button());
    });
    ui::KitsPanel* kits = frame->kits_panel();
    kits->import_file(file);
    BOOST_REQUIRE(pump_until([&] { return !kits->importing() && script.finished(); }, 30s));
    BOOST_CHECK_MESSAGE(script.failures().empty(), script.report());
    BOOST_CHECK_EQUAL(valid, 2);
    auto after = count_kits(run.session(), {});
    BOOST_REQUIRE(after);
    BOOST_CHECK_EQUAL(*after, *before + 2);
    BOOST_CHECK(kits->last_notice().Contains("2"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
