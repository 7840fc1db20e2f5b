// src/acts/translations.txt covers every string an act prints, in Kazakh and Russian, with the
// same {} placeholders — so the i18n catalogs can be filled from it and nothing prints in English.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>

#include "acts/act_document.h"
#include "fixtures.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::acts_test;

namespace {

// msgids xgettext extracts from src/acts/*.cpp with the N_ keyword (concatenated literals joined).
std::vector<std::string> extracted_msgids(const std::filesystem::path& tmp) {
    const auto pot = tmp / "acts.pot";
    std::string files;
    for (const auto& e : std::filesystem::directory_iterator(acts_source_dir()))
        if (e.path().extension() == ".cpp") files += " " + quote(e.path());
    int status = 0;
    const auto log = run("xgettext --from-code=UTF-8 -k -kN_ --omit-header -o " + quote(pot) + files + " 2>&1", &status);
    BOOST_REQUIRE_MESSAGE(status == 0, log);
    const std::string pot_text = test::read_file(pot);
    std::vector<std::string> ids;
    // msgid "..." followed by continuation lines "...".
    std::regex entry(R"re(msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr)re");
    std::regex piece(R"re("((?:[^"\\]|\\.)*)")re");
    for (std::sregex_iterator it(pot_text.begin(), pot_text.end(), entry), end; it != end; ++it) {
        const std::string pieces = (*it)[1];
        std::string id;
        for (std::sregex_iterator p(pieces.begin(), pieces.end(), piece); p != end; ++p) id += (*p)[1];
        if (!id.empty()) ids.push_back(id);
    }
    return ids;
}

std::size_t placeholders(const std::string& s) { return count(s, "{}"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(translations)

BOOST_AUTO_TEST_CASE(every_act_string_has_kazakh_and_russian) {
    test::TempDir dir("sanaq-acts");
    const auto table = read_translation_table();
    std::vector<std::string> ids;
    if (have_program("xgettext")) {
        ids = extracted_msgids(dir.path());
        BOOST_TEST(ids.size() > 40u);
        // The coverage report's strings are among them (src/acts/coverage_pdf.cpp).
        BOOST_TEST(std::count(ids.begin(), ids.end(), "Coverage of the census in institutions") == 1);
        BOOST_TEST(std::count(ids.begin(), ids.end(), "Institutions with the lowest coverage: {} (of {}), %") == 1);
    } else {
        BOOST_TEST_MESSAGE("xgettext (gettext) is not installed: only the core labels are checked");
    }
    for (ComponentType t : kAllComponents) ids.emplace_back(component_label(t));
    for (LineOutcome o : {LineOutcome::Handed, LineOutcome::ReturnedInOrder, LineOutcome::Damaged, LineOutcome::Missing})
        ids.emplace_back(line_outcome_label(o));
    for (PaperItem p : kAllPaperItems) ids.emplace_back(paper_item_label(p));
    for (int i = 0; i < kInstitutionTypeCount; ++i)
        ids.emplace_back(institution_type_label(static_cast<InstitutionType>(i)));
    for (const auto& id : ids) {
        const auto it = table.find(id);
        BOOST_TEST_CONTEXT("msgid \"" << id << "\"") {
            BOOST_REQUIRE(it != table.end());
            BOOST_TEST(!it->second.kk.empty());
            BOOST_TEST(!it->second.ru.empty());
            BOOST_TEST(placeholders(it->second.kk) == placeholders(id));
            BOOST_TEST(placeholders(it->second.ru) == placeholders(id));
        }
    }
}

BOOST_AUTO_TEST_CASE(kazakh_column_is_kazakh) {
    // A cheap guard against a Russian text pasted into the Kazakh column: across the table the
    // Kazakh column uses the Kazakh-only letters, and the title is the official term.
    const auto table = read_translation_table();
    std::size_t kazakh_letters = 0;
    for (const auto& [id, t] : table)
        for (const char* letter : {"Ә", "ә", "Ғ", "ғ", "Қ", "қ", "Ң", "ң", "Ө", "ө", "Ұ", "ұ", "Ү", "ү", "Һ", "һ", "І", "і"})
            kazakh_letters += count(t.kk, letter);
    BOOST_TEST(kazakh_letters > 100u);
    BOOST_TEST(table.at("Act of acceptance and transfer").kk == "Қабылдау-тапсыру актісі");
    BOOST_TEST(table.at("Act of acceptance and transfer").ru == "Акт приема-передачи");
    BOOST_TEST(table.at("Handed over").kk == "Тапсырды");
    BOOST_TEST(table.at("Accepted").kk == "Қабылдады");
    BOOST_TEST(table.at("Coverage, %").kk == "Қамту, %");
    BOOST_TEST(table.at("Coverage, %").ru == "Охват, %");
}

BOOST_AUTO_TEST_SUITE_END()
