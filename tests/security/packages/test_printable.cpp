// The one helper every screen and the CLI use to show outside text: visible escapes for
// everything a terminal would obey or reorder, the rest (Kazakh, Russian) untouched.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "core/domain/printable.h"

using namespace sanaq;

BOOST_AUTO_TEST_CASE(controls_and_bidi_overrides_become_visible_escapes) {
    BOOST_TEST(printable_name("\x1b[2Jname") == "\\x1B[2Jname");
    BOOST_TEST(printable_name("a\rb\nc\td\x7f") == "a\\x0Db\\x0Ac\\x09d\\x7F");
    BOOST_TEST(printable_name("x\xc2\x9b" "1m") == "x\\u009B1m");                  // C1 CSI
    BOOST_TEST(printable_name("\xe2\x80\xae" "exe.jpg") == "\\u202Eexe.jpg");     // RLO
    BOOST_TEST(printable_name("a\xe2\x81\xa6" "b\xe2\x81\xa9") == "a\\u2066b\\u2069");
    BOOST_TEST(printable_name("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad") == "\\u202A\\u202B\\u202C\\u202D");
    BOOST_TEST(printable_name("bad\xff\xc3") == "bad\\xFF\\xC3");                 // not UTF-8
    BOOST_TEST(printable_name("Жанбулатов Нұрлан Серікұлы.sqpkg") == "Жанбулатов Нұрлан Серікұлы.sqpkg");
    BOOST_TEST(printable_text("line one\nline\x1b two") == "line one\nline\\x1B two");
    BOOST_TEST(needs_escaping("ok \xe2\x80\xae"));
    BOOST_TEST(!needs_escaping("ok.sqpkg"));
}

BOOST_AUTO_TEST_CASE(json_keeps_the_data_and_loses_the_invisible_bytes) {
    const std::string name = "\x1b[2J\xe2\x80\xae" "evil\x7f\xc2\x9b.sqpkg Қ";
    const std::string text = printable_json(nlohmann::json{{"file", name}}.dump());
    BOOST_TEST(text.find("\xe2\x80\xae") == std::string::npos);
    BOOST_TEST(text.find('\x7f') == std::string::npos);
    BOOST_TEST(text.find("\xc2\x9b") == std::string::npos);
    BOOST_TEST(nlohmann::json::parse(text)["file"] == name);
}
