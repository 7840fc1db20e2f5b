// Registering things through the dialogs: a kit with its parts' serials, an institution (the
// core's validation message stays in the dialog until the input is right), a responsible
// employee, and a user. Screenshots of the dialogs in Kazakh.
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/demo.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "core/usecases/users.h"
#include "ui/app/ui_language.h"
#include "ui/institutions/institution_dialog.h"
#include "ui/institutions/institutions_panel.h"
#include "ui/institutions/staff_dialog.h"
#include "ui/kits/kits_panel.h"
#include "ui/kits/register_kit_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"
#include "ui/users/add_user_dialog.h"
#include "ui/users/users_panel.h"

namespace sanaq::test {

BOOST_AUTO_TEST_SUITE(ui_registers)  // one CTest entry: test_ui.registers (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(an_officer_registers_a_kit_an_institution_and_its_employee, *boost::unit_test::timeout(120)) {
    const std::string lang = "kk";
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);

    ModalScript kit_script;
    kit_script.when<ui::RegisterKitDialog>("register kit", [&](ui::RegisterKitDialog& d) {
        type(d.number_field(), "KIT-0500");
        type(d.tablet_serial_field(), "R52R3009999");
        press(&d, wxID_OK);  // no USB serial yet: the core refuses, the dialog stays
        BOOST_CHECK(!d.error_label()->GetLabel().empty());
        screenshot(&d, lang, "15-register-kit-refused");
        type(d.usb_serial_field(), "R52R3009999");
        type(d.component_field(ComponentType::Charger), "CH-0500");
        press(&d, wxID_OK);
    });
    BOOST_REQUIRE(press(frame->kits_panel()->register_button()));
    BOOST_CHECK_MESSAGE(kit_script.finished() && kit_script.failures().empty(), kit_script.report());
    auto kit = find_kit(run.session(), "KIT-0500");
    BOOST_REQUIRE(kit);
    BOOST_CHECK(kit->state == KitState::InStock);
    BOOST_CHECK_EQUAL(kit->component(ComponentType::Charger)->serial, "CH-0500");

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Institutions));
    const std::string bin = make_bin(2019, 4, 777);
    ModalScript inst_script;
    inst_script.when<ui::InstitutionDialog>("register institution", [&](ui::InstitutionDialog& d) {
        type(d.bin_field(), "123456789012");  // check digit wrong
        type(d.name_kk_field(), wxString::FromUTF8("Қызылжар ауданының әлеуметтік қызмет көрсету орталығы"));
        type(d.name_ru_field(), wxString::FromUTF8("Центр социального обслуживания Кызылжарского района"));
        d.type_choice()->SetSelection(static_cast<int>(InstitutionType::SocialServiceCentre));
        type(d.kato_field(), "594430100");
        press(&d, wxID_OK);
        BOOST_CHECK(!d.error_label()->GetLabel().empty());
        screenshot(&d, lang, "16-institution-refused");
        type(d.bin_field(), wxString::FromUTF8(bin));
        press(&d, wxID_OK);
    });
    frame->institutions_panel()->add_institution();
    BOOST_CHECK_MESSAGE(inst_script.finished() && inst_script.failures().empty(), inst_script.report());
    auto inst = find_institution(run.session(), bin);
    BOOST_REQUIRE(inst);
    BOOST_CHECK(inst->kato.classifier_version == "2022");
    BOOST_CHECK(frame->institutions_panel()->selected() && frame->institutions_panel()->selected()->bin == bin);

    const std::string iin = make_iin(1988, 3, 14, false, 4321);
    ModalScript staff_script;
    staff_script.when<ui::StaffDialog>("add employee", [&](ui::StaffDialog& d) {
        type(d.iin_field(), wxString::FromUTF8(iin));
        type(d.name_field(), wxString::FromUTF8("Өмірбекова Гүлжан Әскерқызы"));
        screenshot(&d, lang, "17-add-employee");
        press(&d, wxID_OK);
    });
    frame->institutions_panel()->add_employee();
    BOOST_CHECK_MESSAGE(staff_script.finished() && staff_script.failures().empty(), staff_script.report());
    BOOST_CHECK_EQUAL(frame->institutions_panel()->staff().size(), 1u);
    BOOST_CHECK(find_staff_by_iin(run.session(), iin).has_value());
}

BOOST_AUTO_TEST_CASE(an_administrator_adds_a_user, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("ru");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("admin");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Users));
    ModalScript script;
    script.when<ui::AddUserDialog>("add user", [&](ui::AddUserDialog& d) {
        type(d.name_field(), "aigerim");
        type(d.full_name_field(), wxString::FromUTF8("Сейітқали Әйгерім"));
        d.role_choice()->SetSelection(static_cast<int>(Role::Custodian));
        type(d.password_field(), "a-long-enough-password");
        type(d.repeat_field(), "a-long-enough-passwort");
        press(&d, wxID_OK);  // the copies differ: stays open
        BOOST_CHECK(!d.error_label()->GetLabel().empty());
        type(d.repeat_field(), "a-long-enough-password");
        screenshot(&d, "ru", "18-add-user");
        press(&d, wxID_OK);
    });
    frame->users_panel()->add_user();
    BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), script.report());
    auto users = list_users(run.session());
    BOOST_REQUIRE(users);
    bool found = false;
    for (const auto& u : *users) found = found || (u.name == "aigerim" && u.role == Role::Custodian);
    BOOST_CHECK(found);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
