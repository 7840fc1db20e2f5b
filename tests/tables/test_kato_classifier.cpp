// The statistics bureau's KATO classifier file: its columns found under a title, every entry
// checked, hostile files refused within the budgets.
#include <boost/test/unit_test.hpp>

#include "helpers.h"
#include "support/temp_dir.h"
#include "tables/kato_classifier.h"
#include "tables/table.h"

using namespace sanaq;
using namespace sanaq::tables;
using namespace sanaq::test::tables;

namespace {

const std::vector<std::string> kHeader{"te", "ab", "cd", "ef", "hij", "k", "name_kaz", "name_rus", "nn"};

std::vector<std::vector<std::string>> karaganda_2022() {
    return {{"Классификатор административно-территориальных объектов"},
            {},
            kHeader,
            {"350000000", "35", "00", "00", "000", "1", "Қарағанды облысы", "Карагандинская область", ""},
            {"351600000", "35", "16", "00", "000", "2", "Абай ауданы", "Абайский район", ""},
            {"351610000", "35", "16", "10", "000", "3", "Абай қ.", "г.Абай", ""},
            // Spreadsheets drop the leading zeros of the level cells.
            {"351633100", "35", "16", "33", "100", "4", "Қарабас а.", "с.Карабас", ""},
            {"100000000", "10", "0", "0", "0", "1", "Абай облысы", "область Абай", "2022"}};
}

Table table_of(std::vector<std::vector<std::string>> rows) {
    Table t;
    t.rows = std::move(rows);
    t.encoding = std::string(kXlsxSource);
    return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kato_classifier)

BOOST_AUTO_TEST_CASE(a_classifier_workbook_is_read_under_its_title) {
    sanaq::test::TempDir dir("sanaq-kato");
    BOOST_REQUIRE(write_xlsx(dir / "kato.xlsx", {}, karaganda_2022(), "КАТО"));
    auto table = read_table(dir / "kato.xlsx");
    BOOST_REQUIRE(table);
    auto parsed = parse_kato_classifier(*table, "2022");
    BOOST_REQUIRE(parsed);
    BOOST_TEST(parsed->header_line == 3);
    BOOST_TEST(parsed->problems.empty());
    BOOST_REQUIRE(parsed->entries.size() == 5u);
    const auto& district = parsed->entries[1];
    BOOST_TEST(district.edition == "2022");
    BOOST_TEST(district.code == "351600000");
    BOOST_TEST(district.kind == "2");
    BOOST_TEST(district.name_kk == "Абай ауданы");
    BOOST_TEST(district.name_ru == "Абайский район");
    BOOST_TEST(parsed->entries[4].note == "2022");
}

BOOST_AUTO_TEST_CASE(headers_in_any_case_and_order) {
    auto parsed = parse_kato_classifier(
        table_of({{"NAME_RUS", " Te ", "Name_Kaz"}, {"Карагандинская область", "350000000", "Қарағанды облысы"}}), "2022");
    BOOST_REQUIRE(parsed);
    BOOST_REQUIRE(parsed->entries.size() == 1u);
    BOOST_TEST(parsed->entries[0].name_ru == "Карагандинская область");
}

BOOST_AUTO_TEST_CASE(every_bad_row_is_named) {
    auto rows = std::vector<std::vector<std::string>>{kHeader,
                                                      {"35160000", "", "", "", "", "", "x", "x", ""},
                                                      {"351600000", "35", "17", "00", "000", "", "x", "x", ""},
                                                      {"351610000", "", "", "", "", "", "", "", "note only"},
                                                      {"351633100", "", "", "", "", "", "a", "a", ""},
                                                      {"351633100", "", "", "", "", "", "b", "b", ""},
                                                      {"=cmd|' /C calc'!A0", "", "", "", "", "", "x", "x", ""}};
    auto parsed = parse_kato_classifier(table_of(rows), "2022");
    BOOST_REQUIRE(parsed);
    BOOST_TEST(parsed->entries.size() == 1u);
    BOOST_REQUIRE(parsed->problems.size() == 5u);
    BOOST_TEST(parsed->problems[0].message_id == "Row {}: the code {} (column te) is not 9 digits.");
    BOOST_TEST(parsed->problems[0].args.at(0) == "2");
    BOOST_TEST(parsed->problems[1].message_id == "Row {}: the columns ab, cd, ef and hij do not agree with the code {}.");
    BOOST_TEST(parsed->problems[2].message_id == "Row {}: the code {} has no name.");
    BOOST_TEST(parsed->problems[3].message_id == "Row {}: the code {} is given twice.");
    BOOST_TEST(parsed->problems[3].args.at(0) == "6");
    BOOST_TEST(parsed->problems[4].args.at(1) == "=cmd|' /C calc'!A0");
}

BOOST_AUTO_TEST_CASE(a_2022_file_given_as_the_2013_edition_fails_on_the_new_regions) {
    auto parsed = parse_kato_classifier(table_of(karaganda_2022()), "2013");
    BOOST_REQUIRE(parsed);
    BOOST_REQUIRE(parsed->problems.size() == 1u);
    BOOST_TEST(parsed->problems[0].message_id == "Row {}: the code {} is of a region the {} edition does not have.");
    BOOST_TEST(parsed->problems[0].args.at(1) == "100000000");
    BOOST_TEST(parsed->problems[0].args.at(2) == "2013");
}

BOOST_AUTO_TEST_CASE(an_edition_that_is_not_one_is_refused) {
    auto parsed = parse_kato_classifier(table_of(karaganda_2022()), "2023-01");
    BOOST_REQUIRE(!parsed);
    BOOST_TEST((parsed.error().code == ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(a_table_without_the_columns_is_not_a_classifier) {
    auto parsed = parse_kato_classifier(table_of({{"BIN", "Name"}, {"350000000", "x"}}), "2022");
    BOOST_REQUIRE(!parsed);
    BOOST_TEST(parsed.error().message_id.find("not a KATO classifier") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(more_entries_than_a_classifier_has_are_refused) {
    std::vector<std::vector<std::string>> rows{kHeader};
    for (std::size_t i = 0; i <= kMaxClassifierEntries; ++i) rows.push_back({"351633100"});
    auto parsed = parse_kato_classifier(table_of(std::move(rows)), "2022");
    BOOST_REQUIRE(!parsed);
    BOOST_TEST(parsed.error().args.at(0) == std::to_string(kMaxClassifierEntries));
}

BOOST_AUTO_TEST_CASE(checking_stops_at_the_time_budget) {
    std::vector<std::vector<std::string>> rows{kHeader};
    for (int i = 0; i < 1000; ++i) rows.push_back({"351633100", "", "", "", "", "", "a", "a", ""});
    auto parsed = parse_kato_classifier(table_of(std::move(rows)), "2022", std::chrono::milliseconds(-1));
    BOOST_REQUIRE(!parsed);
    BOOST_TEST(parsed.error().message_id.find("took longer than") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
