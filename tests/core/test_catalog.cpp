#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>

#include "core/i18n/catalog.h"
#include "support/temp_dir.h"

using namespace sanaq;

BOOST_AUTO_TEST_SUITE(catalog)

BOOST_AUTO_TEST_CASE(loads_a_compiled_catalog_with_plurals) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.path() / "ru" / "LC_MESSAGES");
    {
        std::ofstream po(dir / "ru.po");
        po << "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
              "\"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n\"\n\n"
              "msgid \"Kit {} is issued.\"\nmsgstr \"Комплект {} выдан.\"\n\n"
              "msgid \"{} kit\"\nmsgid_plural \"{} kits\"\nmsgstr[0] \"{} комплект\"\nmsgstr[1] \"{} комплекта\"\nmsgstr[2] \"{} комплектов\"\n";
    }
    const std::string cmd = "msgfmt -o " + (dir.path() / "ru" / "LC_MESSAGES" / "sanaq.mo").string() + " " + (dir / "ru.po").string();
    BOOST_REQUIRE(std::system(cmd.c_str()) == 0);
    auto ru = i18n::Catalog::load(dir.path(), "ru");
    BOOST_REQUIRE(ru);
    BOOST_TEST(i18n::format_message(ru->tr("Kit {} is issued."), {"KIT-7"}) == "Комплект KIT-7 выдан.");
    BOOST_TEST(ru->trn("{} kit", "{} kits", 1) == "{} комплект");
    BOOST_TEST(ru->trn("{} kit", "{} kits", 3) == "{} комплекта");
    BOOST_TEST(ru->trn("{} kit", "{} kits", 11) == "{} комплектов");
    BOOST_TEST(ru->trn("{} kit", "{} kits", 21) == "{} комплект");
    BOOST_TEST(ru->tr("Not in the catalog") == "Not in the catalog");
}

BOOST_AUTO_TEST_CASE(missing_or_damaged_catalogs_are_errors_not_crashes) {
    test::TempDir dir;
    BOOST_TEST(!i18n::Catalog::load(dir.path(), "kk").has_value());
    BOOST_TEST(i18n::Catalog::load(dir.path(), "en").has_value());
    std::filesystem::create_directories(dir.path() / "kk" / "LC_MESSAGES");
    std::ofstream(dir.path() / "kk" / "LC_MESSAGES" / "sanaq.mo") << "garbage that is not a catalog at all";
    auto broken = i18n::Catalog::load(dir.path(), "kk");
    BOOST_REQUIRE(!broken);
    BOOST_TEST(broken.error().message_id.find("damaged") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(format_keeps_missing_placeholders_visible) {
    BOOST_TEST(i18n::format_message("{} of {}", {"1"}) == "1 of {}");
}

BOOST_AUTO_TEST_SUITE_END()
