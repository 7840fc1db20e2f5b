// Switching the interface language at run time rebuilds the texts and keeps the session.
#include <libintl.h>

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/translation.h>

#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/common/text.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"

namespace sanaq::test {

BOOST_AUTO_TEST_SUITE(ui_language_switch)  // one CTest entry: test_ui.language_switch (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(the_login_dialog_speaks_the_chosen_language_at_once, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("en");
    StationRun run;
    BOOST_REQUIRE(run.start());
    auto* login = run.station().login_dialog();
    BOOST_REQUIRE(login);
    choose(login->language_choice(), 1);  // kk, ru, en: Русский
    BOOST_CHECK_EQUAL(ui::ui_language(), "ru");
    // The button now says whatever the Russian catalog says for its msgid (English if untranslated).
    BOOST_CHECK(login->sign_in_button()->GetLabel() == wxGetTranslation("&Sign in"));
    if (const wxString* ru = wxTranslations::Get()->GetTranslatedString("&Sign in"))
        BOOST_CHECK(login->sign_in_button()->GetLabel() == *ru);
    choose(login->language_choice(), 2);
    BOOST_CHECK_EQUAL(ui::ui_language(), "en");
    BOOST_CHECK(login->sign_in_button()->GetLabel() == "&Sign in");
}

BOOST_AUTO_TEST_CASE(the_main_window_is_rebuilt_in_the_new_language_keeping_the_session, *boost::unit_test::timeout(120)) {
    ui::apply_ui_language("kk");
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Institutions));
    ui::OpenWorkspace* workspace = run.station().workspace();
    const unsigned builds = frame->builds();

    run.station().switch_language("ru");
    BOOST_REQUIRE(pump_until([&] { return frame->builds() == builds + 1; }, 5s));
    BOOST_CHECK_EQUAL(ui::ui_language(), "ru");
    BOOST_CHECK(run.station().main_frame() == frame);      // same window
    BOOST_CHECK(run.station().workspace() == workspace);   // same session, no new sign-in
    BOOST_CHECK(frame->current_screen() == ui::MainFrame::Screen::Institutions);
    // The Dashboard first, then Kits.
    BOOST_CHECK(frame->navigation()->GetString(1) == wxGetTranslation("Kits"));
    if (const wxString* ru = wxTranslations::Get()->GetTranslatedString("Kits"))
        BOOST_CHECK(frame->navigation()->GetString(1) == *ru);
    BOOST_CHECK(frame->kits_panel() != nullptr);
    ui::apply_ui_language("en");
}

}  // namespace sanaq::test

namespace sanaq::test {

// Kazakh puts the two numbers of "{} of {} listed found" the other way round: the translation
// names them, and format_text follows.
// The file chooser and GTK's other own texts come from GTK's catalogs through gettext: they follow
// the session's language, not the desktop's (the test process runs under the plain C locale, as a
// desktop without LANG would).
BOOST_AUTO_TEST_CASE(gtk_own_texts_follow_the_session_language) {
    ui::apply_ui_language("ru");
    BOOST_TEST(std::string(dgettext("gtk30", "_Cancel")) == "_Отмена");
    ui::apply_ui_language("kk");
    BOOST_TEST(std::string(dgettext("gtk30", "_Cancel")) == "Ба_с тарту");
    ui::apply_ui_language("en");
    BOOST_TEST(std::string(dgettext("gtk30", "_Cancel")) == "_Cancel");
}

BOOST_AUTO_TEST_CASE(a_translation_may_reorder_the_placeholders) {
    BOOST_CHECK(ui::format_text("{} of {} listed found", {"333", "927"}) == "333 of 927 listed found");
    BOOST_CHECK(ui::format_text(wxString::FromUTF8("Тізімдегі {1} адамның {0} табылды"), {"333", "927"}) ==
                wxString::FromUTF8("Тізімдегі 927 адамның 333 табылды"));
    BOOST_CHECK(ui::format_text("{} and {}", {"one"}) == "one and {}");  // a missing argument stays visible
    BOOST_CHECK(ui::format_text("{5}", {"one"}) == "{5}");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
