// XLSX reading: workbooks as libxlsxwriter (Excel-like) and LibreOffice write them, number
// formatting, gaps, and damaged or foreign archives.
#include <boost/test/unit_test.hpp>
#include <xlsxwriter.h>

#include <random>

#include "tables/detail/readers.h"
#include "tables/helpers.h"
#include "tables/table.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::tables;
using namespace sanaq::test::tables;
using Rows = std::vector<std::vector<std::string>>;

namespace {

// A workbook with numbers, strings, booleans, a formula, a date and gaps, written by libxlsxwriter.
std::filesystem::path write_sample_workbook(const std::filesystem::path& path, bool constant_memory) {
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;  // inline strings when on
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Данные");
    lxw_worksheet* other = workbook_add_worksheet(wb, "Other");
    worksheet_write_string(other, 0, 0, "not this sheet", nullptr);
    lxw_format* date_format = workbook_add_format(wb);
    format_set_num_format(date_format, "yyyy-mm-dd");

    worksheet_write_string(ws, 0, 0, "Номер комплекта", nullptr);  // A1
    worksheet_write_string(ws, 0, 2, "IMEI", nullptr);             // C1, B1 left empty
    worksheet_write_string(ws, 1, 0, "KIT-0001", nullptr);
    worksheet_write_number(ws, 1, 1, 123456789012.0, nullptr);     // an IIN stored as a number
    worksheet_write_number(ws, 1, 2, 356938035643809.0, nullptr);  // an IMEI stored as a number
    worksheet_write_string(ws, 1, 3, "000123456789", nullptr);     // digits kept as text
    // row 3 (index 2) left empty
    worksheet_write_number(ws, 3, 0, 3.5, nullptr);
    worksheet_write_number(ws, 3, 1, 0.1 + 0.2, nullptr);
    worksheet_write_boolean(ws, 3, 2, 1, nullptr);
    worksheet_write_number(ws, 4, 0, 1e20, nullptr);
    worksheet_write_number(ws, 4, 1, -42.0, nullptr);
    worksheet_write_formula_num(ws, 4, 2, "=1+1", nullptr, 2.0);
    lxw_datetime date = {2024, 5, 1, 0, 0, 0};
    worksheet_write_datetime(ws, 5, 0, &date, date_format);
    worksheet_write_string(ws, 5, 4, "Жинақ № 5", nullptr);  // E6, beyond the header's width
    BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    return path;
}

const Rows kSampleRows = {
    {"Номер комплекта", "", "IMEI"},
    {"KIT-0001", "123456789012", "356938035643809", "000123456789"},
    {},
    {"3.5", "0.3", "TRUE"},
    {"100000000000000000000", "-42", "2"},
    {"45413", "", "", "", "Жинақ № 5"},
};

// Parts of a workbook as LibreOffice writes it: inline strings, rich shared strings with a
// phonetic run, a hidden first sheet, relative relationship targets.
std::vector<std::pair<std::string, std::string>> libreoffice_parts(bool prefixed_sheet = false) {
    const std::string main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::string sheet2 =
        prefixed_sheet
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<x:worksheet xmlns:x=\"" + main_ns + "\"><x:sheetData>"
              "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"C1\" t=\"s\"><x:v>1</x:v></x:c></x:row>"
              "<x:row r=\"3\"><x:c r=\"A3\" t=\"inlineStr\"><x:is><x:t>KIT-0003</x:t></x:is></x:c>"
              "<x:c t=\"inlineStr\"><x:is><x:r><x:t>Ri</x:t></x:r><x:r><x:t>ch</x:t></x:r></x:is></x:c>"
              "<x:c r=\"D3\" t=\"n\"><x:v>1.23456789012E+11</x:v></x:c><x:c r=\"E3\" t=\"b\"><x:v>0</x:v></x:c>"
              "<x:c r=\"F3\" s=\"1\"/><x:c r=\"G3\" t=\"s\"><x:v>2</x:v></x:c></x:row>"
              "</x:sheetData></x:worksheet>"
            : "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<worksheet xmlns=\"" + main_ns + "\" xmlns:r=\"" + rel_ns + "\">"
              "<sheetPr filterMode=\"false\"/><dimension ref=\"A1:G3\"/><sheetData>"
              "<row r=\"1\" spans=\"1:7\"><c r=\"A1\" s=\"0\" t=\"s\"><v>0</v></c><c r=\"C1\" s=\"0\" t=\"s\"><v>1</v></c></row>"
              "<row r=\"2\" s=\"1\" customFormat=\"1\"/>"
              "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>KIT-0003</t></is></c>"
              "<c t=\"inlineStr\"><is><r><rPr><b val=\"true\"/></rPr><t>Ri</t></r><r><t>ch</t></r></is></c>"
              "<c r=\"D3\" t=\"n\"><v>1.23456789012E+11</v></c><c r=\"E3\" t=\"b\"><v>0</v></c>"
              "<c r=\"F3\" s=\"1\"/><c r=\"G3\" t=\"s\"><v>2</v></c></row>"
              "<row r=\"9\"><c r=\"A9\" s=\"1\"/></row>"
              "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
              "</worksheet>";
    return {
        {"mimetype_is_not_here.txt", "LibreOffice keeps no mimetype in OOXML"},
        {"[Content_Types].xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" + rel_ns + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main_ns + "\" xmlns:r=\"" + rel_ns + "\">"
         "<sheets><sheet name=\"Служебный\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
         "<sheet name=\"Комплекты\" sheetId=\"2\" state=\"visible\" r:id=\"rId2\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" + rel_ns + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"" + rel_ns + "/worksheet\" Target=\"./worksheets/../worksheets/sheet2.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"" + rel_ns + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
        {"xl/sharedStrings.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + main_ns + "\" count=\"3\" uniqueCount=\"3\">"
         "<si><t xml:space=\"preserve\">Номер комплекта</t></si>"
         "<si><r><rPr><b val=\"true\"/><sz val=\"10\"/></rPr><t xml:space=\"preserve\">Серийный </t></r>"
         "<r><t>номер</t></r><rPh sb=\"0\" eb=\"1\"><t>ignored phonetic</t></rPh></si>"
         "<si><t>line1_x000D__x000A_line2 &amp; _x005F_x0041_</t></si></sst>"},
        {"xl/worksheets/sheet1.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + main_ns + "\"><sheetData>"
         "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>hidden helper sheet</t></is></c></row></sheetData></worksheet>"},
        {"xl/worksheets/sheet2.xml", sheet2},
    };
}

const Rows kLibreOfficeRows = {
    {"Номер комплекта", "", "Серийный номер"},
    {},
    {"KIT-0003", "Rich", "", "123456789012", "FALSE", "", "line1\r\nline2 & _x0041_"},
};

Result<Table> read_bytes(const std::string& bytes, const std::string& name = "book.xlsx") {
    sanaq::test::TempDir dir("sanaq-inv-xlsx");
    write_bytes(dir / name, bytes);
    return read_table(dir / name);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xlsx)

BOOST_AUTO_TEST_CASE(numbers_are_formatted_like_a_person_types_them) {
    using detail::format_xlsx_number;
    BOOST_TEST(format_xlsx_number("123456789012") == "123456789012");
    BOOST_TEST(format_xlsx_number("1.23456789012E+11") == "123456789012");
    BOOST_TEST(format_xlsx_number("356938035643809") == "356938035643809");
    BOOST_TEST(format_xlsx_number("3.56938035643809E+14") == "356938035643809");
    BOOST_TEST(format_xlsx_number("42.0") == "42");
    BOOST_TEST(format_xlsx_number("-42") == "-42");
    BOOST_TEST(format_xlsx_number("-0") == "0");
    BOOST_TEST(format_xlsx_number("0") == "0");
    BOOST_TEST(format_xlsx_number("3.5") == "3.5");
    BOOST_TEST(format_xlsx_number("0.30000000000000004") == "0.3");
    BOOST_TEST(format_xlsx_number("1234.5600000000001") == "1234.56");
    BOOST_TEST(format_xlsx_number("0.99999999999999989") == "1");
    BOOST_TEST(format_xlsx_number("1.5E-3") == "0.0015");
    BOOST_TEST(format_xlsx_number("1E+20") == "100000000000000000000");
    BOOST_TEST(format_xlsx_number("12345678901234567890") == "12345678901234567890");
    BOOST_TEST(format_xlsx_number(" 7 ") == "7");
    BOOST_TEST(format_xlsx_number("abc") == "abc");
    BOOST_TEST(format_xlsx_number("1e") == "1e");
    BOOST_TEST(format_xlsx_number("") == "");
}

BOOST_AUTO_TEST_CASE(cell_references_and_escapes) {
    BOOST_TEST(detail::column_index("A1") == 0);
    BOOST_TEST(detail::column_index("Z9") == 25);
    BOOST_TEST(detail::column_index("AA10") == 26);
    BOOST_TEST(detail::column_index("XFD1048576") == 16383);
    BOOST_TEST(detail::column_index("XFE1") == -1);
    BOOST_TEST(detail::column_index("12") == -1);
    BOOST_TEST(detail::decode_ooxml_escapes("a_x000D_b") == "a\rb");
    BOOST_TEST(detail::decode_ooxml_escapes("_x005F_x0041_") == "_x0041_");
    BOOST_TEST(detail::decode_ooxml_escapes("_x04D8_") == "Ә");
    BOOST_TEST(detail::decode_ooxml_escapes("_xZZZZ_") == "_xZZZZ_");
}

BOOST_AUTO_TEST_CASE(libxlsxwriter_workbook_with_shared_strings) {
    sanaq::test::TempDir dir("sanaq-inv-xlsx");
    auto table = read_table(write_sample_workbook(dir / "kits.xlsx", false));
    BOOST_REQUIRE_MESSAGE(table.has_value(), (table ? std::string() : std::string(table.error().message_id + " " + table.error().detail)));
    BOOST_TEST(table->encoding == std::string(kXlsxSource));
    BOOST_TEST(table->delimiter == '\0');
    BOOST_TEST(table->rows == kSampleRows);
}

BOOST_AUTO_TEST_CASE(libxlsxwriter_workbook_with_inline_strings) {
    sanaq::test::TempDir dir("sanaq-inv-xlsx");
    auto table = read_table(write_sample_workbook(dir / "kits.xlsx", true));
    BOOST_REQUIRE_MESSAGE(table.has_value(), (table ? std::string() : std::string(table.error().message_id + " " + table.error().detail)));
    BOOST_TEST(table->rows == kSampleRows);
}

BOOST_AUTO_TEST_CASE(workbook_content_wins_over_a_wrong_extension) {
    sanaq::test::TempDir dir("sanaq-inv-xlsx");
    auto path = write_sample_workbook(dir / "kits.xlsx", false);
    std::filesystem::rename(path, dir / "kits.csv");
    auto table = read_table(dir / "kits.csv");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->rows == kSampleRows);
}

BOOST_AUTO_TEST_CASE(libreoffice_style_hand_made_workbook) {
    for (bool seekable : {true, false}) {
        BOOST_TEST_CONTEXT("seekable zip " << seekable) {
            auto table = read_bytes(make_zip(libreoffice_parts(), seekable));
            BOOST_REQUIRE_MESSAGE(table.has_value(), (table ? std::string() : std::string(table.error().message_id + " " + table.error().detail)));
            BOOST_TEST(table->rows == kLibreOfficeRows);
        }
    }
}

BOOST_AUTO_TEST_CASE(namespace_prefixes_are_understood) {
    auto table = read_bytes(make_zip(libreoffice_parts(true)));
    BOOST_REQUIRE_MESSAGE(table.has_value(), (table ? std::string() : std::string(table.error().message_id + " " + table.error().detail)));
    BOOST_TEST(table->rows == kLibreOfficeRows);
}

BOOST_AUTO_TEST_CASE(empty_first_sheet) {
    auto parts = libreoffice_parts();
    parts.back().second =
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<sheetData><row r=\"1\"><c r=\"A1\" s=\"2\"/></row></sheetData></worksheet>";
    auto table = read_bytes(make_zip(parts));
    BOOST_REQUIRE(!table);
    BOOST_TEST(table.error().message_id == "The first sheet of the workbook {} is empty.");
}

BOOST_AUTO_TEST_CASE(bad_shared_string_index_is_damage_not_a_crash) {
    auto parts = libreoffice_parts();
    parts.back().second =
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>";
    auto table = read_bytes(make_zip(parts));
    BOOST_REQUIRE(!table);
    BOOST_TEST(table.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(table.error().message_id.find("damaged") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_xml_is_damage) {
    auto parts = libreoffice_parts();
    parts.back().second = "<worksheet><sheetData><row><c><v>1</v></row>";
    auto table = read_bytes(make_zip(parts));
    BOOST_REQUIRE(!table);
    BOOST_TEST(table.error().message_id.find("damaged") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(damaged_archives_give_clear_errors) {
    sanaq::test::TempDir dir("sanaq-inv-xlsx");
    std::string good = sanaq::test::read_file(write_sample_workbook(dir / "good.xlsx", false));

    auto truncated = read_bytes(good.substr(0, good.size() / 2));
    BOOST_REQUIRE(!truncated);
    BOOST_TEST(truncated.error().code == ErrorCode::InvalidInput);

    auto garbage = read_bytes(std::string("PK\x03\x04", 4) + std::string(500, '\x7f'));
    BOOST_REQUIRE(!garbage);
    BOOST_TEST(garbage.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(garbage.error().message_id.find("damaged") != std::string::npos);

    auto text_named_xlsx = read_bytes("a;b\n1;2\n", "kits.xlsx");
    BOOST_REQUIRE(!text_named_xlsx);
    BOOST_TEST(text_named_xlsx.error().message_id.find("damaged") != std::string::npos);

    auto empty = read_bytes("", "kits.xlsx");
    BOOST_REQUIRE(!empty);
    BOOST_TEST(empty.error().message_id == "The file {} is empty.");
}

BOOST_AUTO_TEST_CASE(corrupted_bytes_never_crash) {
    sanaq::test::TempDir dir("sanaq-inv-xlsx");
    std::vector<std::string> samples = {
        sanaq::test::read_file(write_sample_workbook(dir / "a.xlsx", false)),
        make_zip(libreoffice_parts(), true),
        make_zip(libreoffice_parts(), false),
    };
    std::mt19937 rng(7);
    int failures = 0, successes = 0;
    for (const auto& sample : samples) {
        for (int round = 0; round < 150; ++round) {
            std::string bytes = sample;
            int flips = 1 + static_cast<int>(rng() % 4);
            for (int f = 0; f < flips; ++f)
                bytes[4 + rng() % (bytes.size() - 4)] = static_cast<char>(rng() & 0xFF);  // keep "PK\3\4"
            auto table = parse_table(bytes, "fuzz.xlsx");
            if (table) ++successes;
            else {
                ++failures;
                BOOST_TEST(table.error().code == ErrorCode::InvalidInput);
            }
        }
    }
    BOOST_TEST_MESSAGE("corrupted workbooks: " << failures << " refused, " << successes << " still readable");
    BOOST_TEST(failures > 0);
}

BOOST_AUTO_TEST_CASE(foreign_archives) {
    auto plain = read_bytes(make_zip({{"hello.txt", "hi"}}), "archive.zip");
    BOOST_REQUIRE(!plain);
    BOOST_TEST(plain.error().message_id == "The file {} is a ZIP archive but not an XLSX workbook.");

    auto ods = read_bytes(make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                    {"content.xml", "<office:document-content/>"}}),
                          "kits.ods");
    BOOST_REQUIRE(!ods);
    BOOST_TEST(ods.error().message_id.find(".ods") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
