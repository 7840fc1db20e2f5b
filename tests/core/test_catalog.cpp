#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "core/i18n/catalog.h"
#include "core/i18n/plural_rule.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace std::string_literals;

namespace {

const char* const kRussianRule =
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";

// A .mo written byte by byte, so a test can hold what msgfmt would refuse to write (a malformed
// Plural-Forms header). Entries map the original ("singular\0plural" for a plural entry) to the
// translation (forms joined by \0); "" is the header.
void write_mo(const std::filesystem::path& file, const std::map<std::string, std::string>& entries) {
    std::filesystem::create_directories(file.parent_path());
    const auto n = static_cast<std::uint32_t>(entries.size());
    std::string head, originals, translations, strings;
    auto u32 = [](std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); };
    const std::uint32_t data_start = 28 + 16 * n;
    for (const auto& [original, _] : entries) {
        u32(originals, static_cast<std::uint32_t>(original.size()));
        u32(originals, data_start + static_cast<std::uint32_t>(strings.size()));
        strings += original + '\0';
    }
    for (const auto& [_, translated] : entries) {
        u32(translations, static_cast<std::uint32_t>(translated.size()));
        u32(translations, data_start + static_cast<std::uint32_t>(strings.size()));
        strings += translated + '\0';
    }
    for (const std::uint32_t v : {0x950412deu, 0u, n, 28u, 28 + 8 * n, 0u, 0u}) u32(head, v);
    std::ofstream(file, std::ios::binary) << head << originals << translations << strings;
}

std::string header_with(const std::string& plural_forms) {
    return "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: " + plural_forms + "\n";
}

std::filesystem::path mo_path(const std::filesystem::path& dir, const std::string& lang) {
    return dir / lang / "LC_MESSAGES" / "sanaq.mo";
}

// msgid → msgid_plural of every plural entry of a .pot (continuation lines joined).
std::map<std::string, std::string> plural_entries(const std::filesystem::path& pot) {
    std::ifstream in(pot);
    std::map<std::string, std::string> result;
    std::string line, msgid, plural, *current = nullptr;
    auto unquote = [](const std::string& s) {
        const auto a = s.find('"'), b = s.rfind('"');
        return a == std::string::npos || b <= a ? std::string() : s.substr(a + 1, b - a - 1);
    };
    auto flush = [&] {
        if (!plural.empty()) result[msgid] = plural;
        msgid.clear();
        plural.clear();
        current = nullptr;
    };
    while (std::getline(in, line)) {
        if (line.rfind("msgid_plural ", 0) == 0) {
            plural = unquote(line);
            current = &plural;
        } else if (line.rfind("msgid ", 0) == 0) {
            flush();
            msgid = unquote(line);
            current = &msgid;
        } else if (line.rfind('"', 0) == 0 && current) {
            *current += unquote(line);
        } else if (line.rfind("msgstr", 0) == 0) {
            current = nullptr;
        }
    }
    flush();
    return result;
}

}  // namespace

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

BOOST_AUTO_TEST_CASE(plural_rule_evaluates_gettext_expressions) {
    const auto ru = i18n::PluralRule::parse(kRussianRule);
    BOOST_REQUIRE(ru);
    BOOST_TEST(ru->forms() == 3u);
    const std::map<unsigned long, unsigned long> expected = {
        {0, 2}, {1, 0}, {2, 1}, {4, 1}, {5, 2}, {11, 2}, {12, 2}, {14, 2}, {21, 0}, {22, 1}, {25, 2}, {101, 0}, {111, 2}, {1000000, 2}};
    for (const auto& [n, form] : expected) BOOST_TEST(ru->index(n).value() == form, "n = " << n);

    // Precedence and associativity as in C: * before +, left to right, && before ||, ?: right.
    BOOST_TEST(i18n::PluralRule::parse("nplurals=6; plural=1+2*3;")->index(0).value() == 7u);
    BOOST_TEST(i18n::PluralRule::parse("nplurals=6; plural=20-5-3;")->index(0).value() == 12u);
    BOOST_TEST(i18n::PluralRule::parse("nplurals=6; plural=1 || 0 && 0;")->index(0).value() == 1u);
    BOOST_TEST(i18n::PluralRule::parse("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : 2;")->index(1).value() == 1u);
    BOOST_TEST(i18n::PluralRule::parse("nplurals=2; plural=!(n>=2);")->index(1).value() == 1u);
    BOOST_TEST(i18n::PluralRule::parse("nplurals=1; plural=0;")->index(7).value() == 0u);
    // Dividing by zero gives no index (the caller falls back), and && short-circuits before it.
    BOOST_TEST(!i18n::PluralRule::parse("nplurals=2; plural=n/0;")->index(3).has_value());
    BOOST_TEST(i18n::PluralRule::parse("nplurals=2; plural=n!=0 && 7%n;")->index(0).value() == 0u);
    // The identity catalog's rule: n != 1.
    const i18n::PluralRule english;
    BOOST_TEST(english.forms() == 2u);
    BOOST_TEST(english.index(1).value() == 0u);
    BOOST_TEST(english.index(0).value() == 1u);
    BOOST_TEST(english.index(2).value() == 1u);
}

BOOST_AUTO_TEST_CASE(plural_rule_refuses_malformed_and_oversized_expressions) {
    const std::string deep(40, '(');
    const std::string bad[] = {
        "",
        "plural=n != 1;",                          // no nplurals
        "nplurals=2;",                             // no plural
        "nplurals=0; plural=0;",                   // no forms at all
        "nplurals=99; plural=0;",                  // more forms than any language has
        "nplurals=x; plural=0;",
        "nplurals=2; plural=n != 1",               // no closing ';'
        "nplurals=2; plural=(n != 1;",             // unbalanced
        "nplurals=2; plural=n != 1);",
        "nplurals=2; plural=n = 1;",               // assignment is not in the subset
        "nplurals=2; plural=m != 1;",              // only n is a variable
        "nplurals=2; plural=n ? 1;",               // ?: without :
        "nplurals=2; plural=n +;",
        "nplurals=2; plural=n; exit(1);",          // nothing may follow the expression
        "nplurals=2; plural=-n;",                  // no unary minus in gettext's grammar
        "nplurals=2; plural=99999999999 > n;",     // a number no rule needs
        "nplurals=2; plural=" + deep + "n" + std::string(40, ')') + ";",  // nested too deeply
        "nplurals=2; plural=" + std::string(300, '!') + "n;",
        "nplurals=2; plural=n" + [] { std::string s; for (int i = 0; i < 300; ++i) s += "+1"; return s; }() + ";",
    };
    for (const auto& text : bad) BOOST_TEST(!i18n::PluralRule::parse(text).has_value(), "accepted: " << text);
    // Within the budget: 30 levels of parentheses parse.
    BOOST_TEST(i18n::PluralRule::parse("nplurals=2; plural=" + std::string(30, '(') + "n!=1" + std::string(30, ')') + ";")
                   .has_value());
    // A header without Plural-Forms is English, as in gettext; with a broken one it is refused.
    BOOST_TEST(i18n::PluralRule::from_header("Content-Type: text/plain; charset=UTF-8\n")->forms() == 2u);
    BOOST_TEST(!i18n::PluralRule::from_header(header_with("nplurals=3; plural=n %;")).has_value());
}

BOOST_AUTO_TEST_CASE(catalog_takes_its_plural_rule_from_its_header_not_from_its_language) {
    // Polish: 1 / 2-4 (not 12-14) / the rest, declared in the header of a catalog whose language
    // code says nothing about it. A rule hard-coded per language could not know it.
    test::TempDir dir;
    write_mo(mo_path(dir.path(), "kk"),
             {{"", header_with("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")},
              {"{} file\0{} files"s, "{} plik\0{} pliki\0{} plików"s}});
    auto catalog = i18n::Catalog::load(dir.path(), "kk");
    BOOST_REQUIRE(catalog);
    BOOST_TEST(catalog->plural_forms() == 3u);
    BOOST_TEST(catalog->trn("{} file", "{} files", 1) == "{} plik");
    BOOST_TEST(catalog->trn("{} file", "{} files", 3) == "{} pliki");
    BOOST_TEST(catalog->trn("{} file", "{} files", 21) == "{} plików");
    BOOST_TEST(catalog->trn("{} file", "{} files", 13) == "{} plików");
}

BOOST_AUTO_TEST_CASE(a_plural_index_without_a_form_falls_back_to_the_msgid_forms) {
    test::TempDir dir;
    // The rule sends 5 to form 7, past nplurals; 2 to form 1, which is empty; 3 divides by zero.
    write_mo(mo_path(dir.path(), "ru"),
             {{"", header_with("nplurals=2; plural=n==5 ? 7 : n==3 ? n/0 : n!=1;")},
              {"{} kit\0{} kits"s, "{} комплект\0"s}});
    auto ru = i18n::Catalog::load(dir.path(), "ru");
    BOOST_REQUIRE(ru);
    BOOST_TEST(ru->trn("{} kit", "{} kits", 1) == "{} комплект");
    BOOST_TEST(ru->trn("{} kit", "{} kits", 5) == "{} kits");
    BOOST_TEST(ru->trn("{} kit", "{} kits", 2) == "{} kits");
    BOOST_TEST(ru->trn("{} kit", "{} kits", 3) == "{} kits");
    // The identity catalog picks by n != 1.
    const i18n::Catalog english;
    BOOST_TEST(english.trn("{} kit", "{} kits", 1) == "{} kit");
    BOOST_TEST(english.trn("{} kit", "{} kits", 0) == "{} kits");
}

BOOST_AUTO_TEST_CASE(a_counted_error_renders_the_form_for_its_count) {
    test::TempDir dir;
    write_mo(mo_path(dir.path(), "ru"),
             {{"", header_with(kRussianRule)},
              {"{} package is left on tablet {}.\0{} packages are left on tablet {}."s,
               "{} пакет остался на планшете {}.\0{} пакета осталось на планшете {}.\0"
               "{} пакетов осталось на планшете {}."s}});
    auto ru = i18n::Catalog::load(dir.path(), "ru");
    BOOST_REQUIRE(ru);
    auto left = [](long n) {
        return fail_n(ErrorCode::RefusedByState, N_n("{} package is left on tablet {}.", "{} packages are left on tablet {}."),
                      n, {std::to_string(n), "R52T"})
            .error();
    };
    BOOST_TEST(left(2).counted());
    BOOST_TEST(i18n::render(left(21), *ru) == "21 пакет остался на планшете R52T.");
    BOOST_TEST(i18n::render(left(3), *ru) == "3 пакета осталось на планшете R52T.");
    BOOST_TEST(i18n::render(left(12), *ru) == "12 пакетов осталось на планшете R52T.");
    const i18n::Catalog english;
    BOOST_TEST(i18n::render(left(1), english) == "1 package is left on tablet R52T.");
    BOOST_TEST(i18n::render(left(7), english) == "7 packages are left on tablet R52T.");
}

BOOST_AUTO_TEST_CASE(a_catalog_with_a_malformed_plural_forms_header_is_damaged) {
    for (const std::string& forms : std::vector<std::string>{"nplurals=3; plural=(n%10==1 ? 0 : 1;", "nplurals=3; plural=n; exit(1);",
                                    "nplurals=2; plural=" + std::string(600, '1') + ";", "nplurals=; plural=0;"}) {
        test::TempDir dir;
        write_mo(mo_path(dir.path(), "ru"), {{"", header_with(forms)}, {"Kit {} is issued.", "Комплект {} выдан."}});
        auto ru = i18n::Catalog::load(dir.path(), "ru");
        BOOST_REQUIRE_MESSAGE(!ru, "accepted: " << forms);
        BOOST_TEST(ru.error().message_id.find("damaged") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(the_built_catalogs_declare_their_forms_and_fill_every_one) {
    const auto locale = i18n::Catalog::default_locale_dir();
    auto ru = i18n::Catalog::load(locale, "ru");
    auto kk = i18n::Catalog::load(locale, "kk");
    BOOST_REQUIRE_MESSAGE(ru, "no built ru catalog under " << locale);
    BOOST_REQUIRE_MESSAGE(kk, "no built kk catalog under " << locale);
    BOOST_TEST(ru->plural_forms() == 3u);
    BOOST_TEST(kk->plural_forms() == 2u);

    const std::map<long, std::string> russian = {
        {1, "Зарегистрирован {} комплект."},    {2, "Зарегистрировано {} комплекта."},
        {5, "Зарегистрировано {} комплектов."}, {11, "Зарегистрировано {} комплектов."},
        {21, "Зарегистрирован {} комплект."},   {22, "Зарегистрировано {} комплекта."},
        {25, "Зарегистрировано {} комплектов."}, {111, "Зарегистрировано {} комплектов."}};
    for (const auto& [n, text] : russian)
        BOOST_TEST(ru->trn("{} kit registered.", "{} kits registered.", n) == text, "n = " << n);
    BOOST_TEST(kk->trn("{} kit registered.", "{} kits registered.", 5) == "{} жиынтық тіркелді.");

    // Every plural entry of the template has all its forms, non-empty, in both catalogs.
    const auto entries = plural_entries(test::source_dir() / "i18n" / "sanaq.pot");
    BOOST_TEST(entries.size() > 30u);
    for (const auto* catalog : {&*ru, &*kk}) {
        for (const auto& [singular, plural] : entries) {
            BOOST_TEST_CONTEXT(catalog->language() << ": " << singular) {
                const auto& forms = catalog->forms(singular);
                BOOST_TEST(forms.size() == catalog->plural_forms());
                for (const auto& form : forms) BOOST_TEST(!form.empty());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(no_msgid_counts_with_a_parenthesised_plural) {
    // "{} package(s)" cannot be translated into a language with three forms: counts go through
    // the plural API instead.
    std::ifstream pot(test::source_dir() / "i18n" / "sanaq.pot");
    BOOST_REQUIRE(pot);
    std::string line;
    while (std::getline(pot, line))
        if (line.rfind("msgid", 0) == 0 || line.rfind('"', 0) == 0) BOOST_TEST(line.find("(s)") == std::string::npos, line);
}

BOOST_AUTO_TEST_CASE(format_keeps_missing_placeholders_visible) {
    BOOST_TEST(i18n::format_message("{} of {}", {"1"}) == "1 of {}");
}

BOOST_AUTO_TEST_SUITE_END()
