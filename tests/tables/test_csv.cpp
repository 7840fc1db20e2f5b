// CSV reading: encodings (UTF-8, UTF-8 + BOM, windows-1251, KOI8-R, UTF-16), delimiters, RFC 4180
// quoting, and the errors a user gets for files that are not tables.
#include <boost/test/unit_test.hpp>

#include <random>

#include "tables/helpers.h"
#include "tables/limits.h"
#include "tables/table.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::tables;
using namespace sanaq::test::tables;
using Rows = std::vector<std::vector<std::string>>;

namespace {

const std::string kCyrillicCsv =
    "Номер комплекта;Серийный номер планшета;Примечание\r\n"
    "KIT-0001;R52N30ABCDE;Новый, в упаковке\r\n"
    "KIT-0002;R52N30FGHIJ;Ёлка — «проверка» №2\r\n";
const Rows kCyrillicRows = {
    {"Номер комплекта", "Серийный номер планшета", "Примечание"},
    {"KIT-0001", "R52N30ABCDE", "Новый, в упаковке"},
    {"KIT-0002", "R52N30FGHIJ", "Ёлка — «проверка» №2"},
};

Result<Table> read_bytes(const std::string& bytes, const std::string& name = "list.csv") {
    sanaq::test::TempDir dir("sanaq-inv-csv");
    write_bytes(dir / name, bytes);
    return read_table(dir / name);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(utf8_with_semicolons) {
    auto table = read_bytes(kCyrillicCsv);
    BOOST_REQUIRE_MESSAGE(table.has_value(), (table ? std::string() : std::string(table.error().message_id)));
    BOOST_TEST(table->encoding == "UTF-8");
    BOOST_TEST(table->delimiter == ';');
    BOOST_TEST(table->rows == kCyrillicRows);
}

BOOST_AUTO_TEST_CASE(utf8_with_bom_and_commas) {
    auto table = read_bytes("\xEF\xBB\xBF" "a,b,c\n1,\"2,5\",3\n");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->encoding == "UTF-8 BOM");
    BOOST_TEST(table->delimiter == ',');
    BOOST_TEST(table->rows == (Rows{{"a", "b", "c"}, {"1", "2,5", "3"}}));
}

BOOST_AUTO_TEST_CASE(windows_1251_from_russian_excel) {
    std::string bytes = iconv_from_utf8(kCyrillicCsv, "CP1251");
    BOOST_REQUIRE(bytes.size() < kCyrillicCsv.size());  // really single-byte
    auto table = read_bytes(bytes);
    BOOST_REQUIRE_MESSAGE(table.has_value(), (table ? std::string() : std::string(table.error().message_id)));
    BOOST_TEST(table->encoding == "windows-1251");
    BOOST_TEST(table->delimiter == ';');
    BOOST_TEST(table->rows == kCyrillicRows);
}

BOOST_AUTO_TEST_CASE(windows_1251_with_only_a_few_letters) {
    // Mostly ASCII with one Cyrillic word: still recognised.
    std::string bytes = iconv_from_utf8("kit;serial;usb\nKIT-1;SN1;U1\nKIT-2;SN2;Нет\n", "CP1251");
    auto table = read_bytes(bytes);
    BOOST_REQUIRE(table);
    BOOST_TEST(table->encoding == "windows-1251");
    BOOST_TEST(table->rows[2][2] == "Нет");
}

BOOST_AUTO_TEST_CASE(utf8_with_a_few_broken_bytes_stays_utf8) {
    std::string bytes = kCyrillicCsv;
    bytes.insert(bytes.find("R52N30FGHIJ"), "\xFF");
    auto table = read_bytes(bytes);
    BOOST_REQUIRE(table);
    BOOST_TEST(table->encoding == "UTF-8");
    BOOST_TEST(table->rows[0] == kCyrillicRows[0]);
    BOOST_TEST(table->rows[2][1] == "\xEF\xBF\xBDR52N30FGHIJ");
}

BOOST_AUTO_TEST_CASE(koi8r_and_utf16_also_read) {
    // KOI8-R has no « » — №: plain Russian text only.
    const std::string plain = "Номер комплекта;Примечание\nKIT-1;Новый, в упаковке\nKIT-2;Ёлка, проверка\n";
    auto koi = read_bytes(iconv_from_utf8(plain, "KOI8-R"));
    BOOST_REQUIRE(koi);
    BOOST_TEST(koi->encoding == "KOI8-R");
    BOOST_TEST(koi->rows == (Rows{{"Номер комплекта", "Примечание"}, {"KIT-1", "Новый, в упаковке"},
                                  {"KIT-2", "Ёлка, проверка"}}));
    // ... and the same bytes in windows-1251 are still taken for windows-1251.
    auto cp = read_bytes(iconv_from_utf8(plain, "CP1251"));
    BOOST_REQUIRE(cp);
    BOOST_TEST(cp->encoding == "windows-1251");

    // Excel's "Unicode text": UTF-16LE with BOM, tab-delimited.
    std::string tsv = "Номер комплекта\tСтилус\r\nKIT-1\t+\r\n";
    auto utf16 = read_bytes("\xFF\xFE" + iconv_from_utf8(tsv, "UTF-16LE"), "list.txt");
    BOOST_REQUIRE(utf16);
    BOOST_TEST(utf16->encoding == "UTF-16LE");
    BOOST_TEST(utf16->delimiter == '\t');
    BOOST_TEST(utf16->rows == (Rows{{"Номер комплекта", "Стилус"}, {"KIT-1", "+"}}));
}

BOOST_AUTO_TEST_CASE(rfc4180_quoting_newlines_and_doubled_quotes) {
    std::string bytes =
        "Номер;Примечание;Адрес\r\n"
        "KIT-1;\"с ; внутри\";\"строка 1\r\nстрока 2\"\r\n"
        "KIT-2;\"он сказал \"\"да\"\"\";\"\"\r\n"
        "KIT-3;;\"a\nb\nc\"\r\n"
        "KIT-4;без кавычек \"внутри\";x\r\n";
    auto table = read_bytes(bytes);
    BOOST_REQUIRE(table);
    BOOST_TEST(table->delimiter == ';');
    BOOST_REQUIRE(table->rows.size() == 5u);
    BOOST_TEST(table->rows[1] == (std::vector<std::string>{"KIT-1", "с ; внутри", "строка 1\nстрока 2"}));
    BOOST_TEST(table->rows[2] == (std::vector<std::string>{"KIT-2", "он сказал \"да\"", ""}));
    BOOST_TEST(table->rows[3] == (std::vector<std::string>{"KIT-3", "", "a\nb\nc"}));
    BOOST_TEST(table->rows[4] == (std::vector<std::string>{"KIT-4", "без кавычек \"внутри\"", "x"}));
}

BOOST_AUTO_TEST_CASE(tab_delimiter_blank_lines_and_no_final_newline) {
    auto table = read_bytes("a\tb\n\n1\t2\r\n3\t4", "list.tsv");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->delimiter == '\t');
    // the blank line stays, so row numbers match the file's
    BOOST_TEST(table->rows == (Rows{{"a", "b"}, {}, {"1", "2"}, {"3", "4"}}));
}

BOOST_AUTO_TEST_CASE(delimiter_chosen_by_consistency_not_count) {
    // Many commas inside cells, but ';' splits every record the same way.
    auto table = read_bytes("Kit;Note\nKIT-1;a, b, c, d\nKIT-2;e, f\n");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->delimiter == ';');
    BOOST_TEST(table->rows[1][1] == "a, b, c, d");
}

BOOST_AUTO_TEST_CASE(title_row_above_header_does_not_confuse_detection) {
    auto table = read_bytes("Перечень комплектов\r\nKit,Serial,USB\r\nK1,S1,U1\r\nK2,S2,U2\r\n");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->delimiter == ',');
    BOOST_TEST(table->rows.size() == 4u);
    BOOST_TEST(table->rows[0] == (std::vector<std::string>{"Перечень комплектов"}));
}

BOOST_AUTO_TEST_CASE(excel_sep_hint_line) {
    auto table = read_bytes("sep=,\r\na;b,c\r\n");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->delimiter == ',');
    BOOST_TEST(table->rows == (Rows{{"a;b", "c"}}));
}

BOOST_AUTO_TEST_CASE(unclosed_quote_is_reported_with_its_row) {
    auto table = read_bytes("a;b\n1;\"never closed\n2;3\n");
    BOOST_REQUIRE(!table);
    BOOST_TEST(table.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(table.error().args.at(1) == "2");
}

BOOST_AUTO_TEST_CASE(empty_and_blank_files) {
    for (std::string bytes : {std::string(), std::string("\xEF\xBB\xBF"), std::string(" \r\n\r\n;;\r\n")}) {
        auto table = read_bytes(bytes);
        BOOST_REQUIRE(!table);
        BOOST_TEST(table.error().code == ErrorCode::InvalidInput);
        BOOST_TEST(table.error().message_id == "The file {} is empty.");
    }
}

BOOST_AUTO_TEST_CASE(random_binary_is_not_a_table) {
    std::mt19937 rng(42);
    for (int round = 0; round < 20; ++round) {
        std::string bytes(4096, '\0');
        for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
        auto table = read_bytes(bytes, round % 2 ? "random.csv" : "random.bin");
        BOOST_REQUIRE(!table);
        BOOST_TEST(table.error().code == ErrorCode::InvalidInput);
    }
    // High bytes only, no zeros or controls: whatever the verdict, no crash and no exception.
    for (int round = 0; round < 20; ++round) {
        std::string noise(3000, '\0');
        for (auto& b : noise) b = static_cast<char>(0x80 | (rng() & 0x7F));
        auto table = read_bytes(noise);
        BOOST_TEST((table || table.error().code == ErrorCode::InvalidInput));
    }
}

BOOST_AUTO_TEST_CASE(html_and_old_xls_get_their_own_messages) {
    auto html = read_bytes("<html><body><table><tr><td>1</td></tr></table></body></html>", "export.xls");
    BOOST_REQUIRE(!html);
    BOOST_TEST(html.error().message_id.find("web page") != std::string::npos);

    auto xls = read_bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), "old.xls");
    BOOST_REQUIRE(!xls);
    BOOST_TEST(xls.error().message_id.find(".xls") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_file_and_folder) {
    sanaq::test::TempDir dir("sanaq-inv-csv");
    auto missing = read_table(dir / "nope.csv");
    BOOST_REQUIRE(!missing);
    BOOST_TEST(missing.error().code == ErrorCode::NotFound);
    auto folder = read_table(dir.path());
    BOOST_REQUIRE(!folder);
    BOOST_TEST(folder.error().code == ErrorCode::InvalidInput);
}

BOOST_AUTO_TEST_CASE(parse_table_from_memory) {
    auto table = parse_table("x;y\n1;2\n", "in-memory.csv");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->rows.size() == 2u);
    BOOST_TEST(table->cell(1, 1) == "2");
    BOOST_TEST(table->cell(1, 5) == "");
    BOOST_TEST(table->cell(9, 0) == "");
}

BOOST_AUTO_TEST_CASE(separators_alone_are_empty_rows_and_trailing_empty_cells_stay) {
    // A line of nothing but separators (Excel's formatted, empty range) is an empty row, stored
    // only when a row with something follows it; a row with content keeps its width.
    auto table = parse_table("a;b;;\n;;;;\n;;\n1;;2;\n;;;\n;;;\n", "lines.csv");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->rows == (Rows{{"a", "b", "", ""}, {}, {}, {"1", "", "2", ""}}));
}

BOOST_AUTO_TEST_CASE(the_budgets_name_themselves_and_the_file) {
    // A cell one character past Excel's limit (Cyrillic: 2 bytes a character) and one at it.
    const std::string at_limit = [] {
        std::string s;
        for (std::size_t i = 0; i < kMaxCellChars; ++i) s += "Ж";
        return s;
    }();
    BOOST_TEST(parse_table("a;b\n1;" + at_limit + "\n", "ok.csv").has_value());
    auto long_cell = parse_table("a;b\n1;" + at_limit + "Ж\n", "long.csv");
    BOOST_REQUIRE(!long_cell);
    BOOST_TEST(long_cell.error().plural_id ==
               "The cell {} of the file {} is longer than {} characters, Excel's own limit for a cell.");
    BOOST_TEST(long_cell.error().count == 32767);

    BOOST_TEST((long_cell.error().args == std::vector<std::string>{"B2", "long.csv", "32767"}));

    std::string wide = "a";
    for (std::size_t c = 1; c < kMaxColumns; ++c) wide += ";";
    BOOST_TEST(parse_table(wide + "\n", "wide.csv").has_value());  // 512 fields
    auto too_wide = parse_table(wide + ";\n", "too-wide.csv");
    BOOST_REQUIRE(!too_wide);
    BOOST_TEST((too_wide.error().args == std::vector<std::string>{"1", "too-wide.csv", "512"}));

    auto too_large = parse_table(std::string(kMaxFileBytes + 1, 'a'), "huge.csv");
    BOOST_REQUIRE(!too_large);
    BOOST_TEST(too_large.error().message_id == "The file {} is too large to read (more than {} MB).");
}

BOOST_AUTO_TEST_SUITE_END()
