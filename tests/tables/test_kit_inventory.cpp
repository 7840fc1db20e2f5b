// Kit inventories: header recognition in three languages, title rows, row problems with the
// right line numbers, duplicates, templates.
#include <boost/test/unit_test.hpp>

#include <map>

#include "tables/detail/text.h"
#include "tables/helpers.h"
#include "tables/kit_inventory.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::tables;
using namespace sanaq::test::tables;
using Rows = std::vector<std::vector<std::string>>;

namespace {

// 14 digits plus their Luhn check digit.
std::string imei(const std::string& first14) {
    int sum = 0;
    for (int i = 0; i < 14; ++i) {
        int d = first14[13 - i] - '0';
        if (i % 2 == 0) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    return first14 + std::to_string((10 - sum % 10) % 10);
}

const KitRow* row_at(const KitInventory& inv, int line) {
    for (const auto& r : inv.rows)
        if (r.line == line) return &r;
    return nullptr;
}

std::string describe(const KitInventory& inv) {
    std::string out;
    for (const auto& r : inv.rows) {
        out += "line " + std::to_string(r.line) + ":";
        for (const auto& p : r.problems) out += " [" + p.message_id + "]";
        out += "\n";
    }
    for (const auto& p : inv.file_problems) out += "file: " + p.message_id + "\n";
    return out;
}

// A Kazakh inventory as departments send it: a title, a blank line, then the header on line 3.
Rows kazakh_inventory() {
    return {
        {"Планшеттер жинақтарының тізімі (2024 ж.)"},
        {},
        {"Р/с", "Жинақ нөмірі", "Планшет моделі", "Планшеттің сериялық нөмірі", "IMEI", "USB сериялық нөмірі",
         "Қорғаныш қап", "Қорғаныш әйнек", "Зарядтау құрылғысы", "USB сым", "Стилус", "Пауэрбанк",
         "Пауэрбанк сымы", "Түсі"},
        {"1", "KIT-0001", "Galaxy Tab A8", "R9TT1001", imei("35693803564381"), "USB1001", "+", "+", "+", "+", "+",
         "PB-1001", "+", "қара"},
        {"2", "KIT-0002", "Galaxy Tab A8", "R9TT1002", "490154203237519", "USB1002", "+", "+", "+", "+", "+", "+",
         "+", ""},
        {"", "", "", "", "", "", "", "", "", "", "", "", "", ""},
        {"3", "KIT-0003", "Galaxy Tab A8", "R9TT1003", imei("35693803564383"), "", "+", "+", "+", "+", "+", "+",
         "+", ""},
        {"4", "KIT-0001", "Galaxy Tab A8", "R9TT1004", imei("35693803564384"), "USB1004", "+", "+", "+", "+", "+",
         "+", "+", ""},
        {"5", "KIT-0005", "Galaxy Tab A8", "R9TT1005", "", "USB1005", "+", "+", "+", "+", "жоқ", "+", "+", ""},
        {"6"},                                                      // pre-numbered, never filled in
        {"", "", "", "", "", "", "", "", "", "", "", "", "", "", "Тапсырған: ____________"},  // signature
    };
}

void check_kazakh_inventory(const KitInventory& inv) {
    BOOST_TEST_INFO(describe(inv));
    BOOST_TEST(inv.header_line == 3);
    BOOST_TEST(inv.file_problems.empty());
    BOOST_TEST(inv.unknown_columns == (std::vector<std::string>{"Түсі"}));
    BOOST_REQUIRE(inv.rows.size() == 5u);  // the blank line 6 and the trailing lines 10, 11 are skipped
    BOOST_TEST(inv.valid_count() == 1);
    BOOST_TEST(inv.invalid_count() == 4);
    BOOST_TEST(inv.usable());

    const KitRow* ok = row_at(inv, 4);
    BOOST_REQUIRE(ok);
    BOOST_TEST(ok->problems.empty());
    BOOST_TEST(ok->kit.number == "KIT-0001");
    BOOST_TEST(ok->kit.tablet.model == "Galaxy Tab A8");
    BOOST_TEST(ok->kit.tablet.serial == "R9TT1001");
    BOOST_TEST(ok->kit.tablet.imei == imei("35693803564381"));
    BOOST_TEST(ok->kit.tablet.usb_serial == "USB1001");
    BOOST_TEST(ok->kit.components.size() == 8u);
    BOOST_TEST(ok->kit.component(ComponentType::Tablet)->serial == "R9TT1001");
    BOOST_TEST(ok->kit.component(ComponentType::PowerBank)->serial == "PB-1001");
    BOOST_TEST(ok->kit.component(ComponentType::Stylus)->serial == "");  // "+" only says it is there
    BOOST_TEST(ok->kit.state == KitState::InStock);

    const KitRow* bad_imei = row_at(inv, 5);
    BOOST_REQUIRE(bad_imei);
    BOOST_TEST(message_ids(bad_imei->problems) == (std::vector<std::string>{"The IMEI {} has a wrong check digit."}));
    BOOST_TEST(bad_imei->problems[0].args == (std::vector<std::string>{"490154203237519"}));

    const KitRow* no_usb = row_at(inv, 7);
    BOOST_REQUIRE(no_usb);
    BOOST_TEST(message_ids(no_usb->problems) ==
               (std::vector<std::string>{"The USB serial is empty; it identifies the tablet when it is plugged in."}));

    const KitRow* duplicate = row_at(inv, 8);
    BOOST_REQUIRE(duplicate);
    BOOST_TEST(message_ids(duplicate->problems) == (std::vector<std::string>{"The kit number {} is already on line {}."}));
    BOOST_TEST(duplicate->problems[0].args == (std::vector<std::string>{"KIT-0001", "4"}));

    const KitRow* absent = row_at(inv, 9);
    BOOST_REQUIRE(absent);
    BOOST_REQUIRE(absent->problems.size() == 1u);
    BOOST_TEST(absent->problems[0].message_id ==
               "Column \"{}\" marks this part as absent; only complete kits can be registered.");
    BOOST_TEST(absent->problems[0].args == (std::vector<std::string>{"Стилус"}));
    for (const auto& r : inv.rows)
        for (const auto& p : r.problems) BOOST_TEST((p.code == ErrorCode::InvalidInput));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kit_inventory)

BOOST_AUTO_TEST_CASE(kazakh_headers_title_rows_and_row_problems_from_a_table) {
    Table table;
    table.rows = kazakh_inventory();
    auto inv = parse_kit_inventory(table);
    BOOST_REQUIRE(inv);
    check_kazakh_inventory(*inv);
}

BOOST_AUTO_TEST_CASE(same_inventory_through_csv_and_xlsx_files) {
    sanaq::test::TempDir dir("sanaq-inv-kits");
    BOOST_REQUIRE(write_csv(dir / "kits.csv", {}, kazakh_inventory()));
    BOOST_REQUIRE(write_xlsx(dir / "kits.xlsx", {}, kazakh_inventory(), "Жинақтар"));
    for (const char* name : {"kits.csv", "kits.xlsx"}) {
        BOOST_TEST_CONTEXT(name) {
            auto table = read_table(dir / name);
            BOOST_REQUIRE(table);
            auto inv = parse_kit_inventory(*table);
            BOOST_REQUIRE(inv);
            check_kazakh_inventory(*inv);
        }
    }
}

BOOST_AUTO_TEST_CASE(russian_windows_1251_with_header_variants) {
    std::string csv =
        "Опись комплектов;;;;\r\n"
        "№ п/п;№ комплекта;Модель;Серийный номер планшета;IMEI;Серийный номер USB;Чехол;"
        "Защитное стекло;Зарядное устройство;USB шнур;Стилус;Портативное зарядное устройство;"
        "Кабель Powerbank;Примечание\r\n"
        "1;KIT-0101;Lenovo M10;HGX101;" + imei("86123404567891") + ";0123456789ABCDEF;CS-1;;да;есть;+;PB-7;+;новый\r\n"
        "2;KIT-0102;Lenovo M10;HGX102;3,56938E+14;USB-102;;;;;;;;\r\n"
        "3;KIT 0103;Lenovo M10;HGX103;;USB-103;;;;;;;;с пробелом в номере\r\n"
        "4;KIT-0104;Lenovo M10;HGX104;;0123456789abcdef;;;;;;;;тот же USB, другой регистр\r\n";
    sanaq::test::TempDir dir("sanaq-inv-kits");
    write_bytes(dir / "опись.csv", iconv_from_utf8(csv, "CP1251"));
    auto table = read_table(dir / "опись.csv");
    BOOST_REQUIRE(table);
    BOOST_TEST(table->encoding == "windows-1251");
    auto inv = parse_kit_inventory(*table);
    BOOST_REQUIRE(inv);
    BOOST_TEST_INFO(describe(*inv));
    BOOST_TEST(inv->header_line == 2);
    BOOST_TEST(inv->unknown_columns.empty());  // "№ п/п" is a row counter, not an unknown column
    BOOST_TEST(inv->file_problems.empty());
    BOOST_REQUIRE(inv->rows.size() == 4u);

    const KitRow& first = inv->rows[0];
    BOOST_TEST(first.line == 3);
    BOOST_TEST(first.problems.empty());
    BOOST_TEST(first.kit.tablet.usb_serial == "0123456789ABCDEF");
    BOOST_TEST(first.kit.component(ComponentType::ProtectiveCase)->serial == "CS-1");
    BOOST_TEST(first.kit.component(ComponentType::PowerBank)->serial == "PB-7");
    BOOST_TEST(first.kit.component(ComponentType::Charger)->serial == "");
    BOOST_TEST(first.kit.note == "новый");

    BOOST_TEST(inv->rows[1].line == 4);
    BOOST_TEST(message_ids(inv->rows[1].problems) ==
               (std::vector<std::string>{"The value {} in column \"{}\" was rounded by Excel; format the column "
                                         "as text and type the full value again."}));
    BOOST_TEST(inv->rows[1].problems[0].args == (std::vector<std::string>{"3,56938E+14", "IMEI"}));

    BOOST_TEST(inv->rows[2].line == 5);  // core validate(Kit) rejects the space in the number
    BOOST_TEST(message_ids(inv->rows[2].problems) ==
               (std::vector<std::string>{"The kit number {} may hold only Latin letters, digits and - _ / . (at most 32)."}));

    BOOST_TEST(inv->rows[3].line == 6);
    BOOST_TEST(message_ids(inv->rows[3].problems) == (std::vector<std::string>{"The USB serial {} is already on line {}."}));
    BOOST_TEST(inv->rows[3].problems[0].args.at(1) == "3");
    BOOST_TEST(inv->valid_count() == 1);
}

BOOST_AUTO_TEST_CASE(english_headers_any_case_and_spacing) {
    Table table;
    table.rows = {
        {"KIT_NUMBER", "  Tablet   Serial Number ", "usb serial", "Imei (15 digits)", "Colour", "Kit no"},
        {"K-1", "S1", "U1", "35 693803 564380 9", "black", "dup column"},
        {"K-2", "S1", "U2", "", "", ""},
        {"K-3", "S3", "U3", "356938035643809", "", ""},
        {"K-4", "S4", "U4", "12345", "", ""},
    };
    auto inv = parse_kit_inventory(table);
    BOOST_REQUIRE(inv);
    BOOST_TEST_INFO(describe(*inv));
    BOOST_TEST(inv->header_line == 1);
    BOOST_TEST(inv->unknown_columns == (std::vector<std::string>{"Colour"}));
    BOOST_REQUIRE(inv->file_problems.size() == 1u);  // "Kit no" repeats the kit number column
    BOOST_TEST(inv->file_problems[0].message_id == "Column {} (\"{}\") repeats column {}; only the first one is read.");
    BOOST_TEST(inv->file_problems[0].args == (std::vector<std::string>{"F", "Kit no", "A"}));
    BOOST_TEST(!inv->usable());

    BOOST_TEST(inv->rows[0].problems.empty());
    BOOST_TEST(inv->rows[0].kit.tablet.imei == "356938035643809");  // grouped digits joined
    BOOST_TEST(message_ids(inv->rows[1].problems) ==
               (std::vector<std::string>{"The tablet serial number {} is already on line {}."}));
    BOOST_TEST(message_ids(inv->rows[2].problems) == (std::vector<std::string>{"The IMEI {} is already on line {}."}));
    BOOST_TEST(message_ids(inv->rows[3].problems) == (std::vector<std::string>{"The IMEI {} must be exactly 15 digits."}));
}

BOOST_AUTO_TEST_CASE(a_row_lists_all_its_problems) {
    Table table;
    table.rows = {{"Kit number", "Tablet serial number", "USB serial", "IMEI"}, {"", "", "", "123"}};
    auto inv = parse_kit_inventory(table);
    BOOST_REQUIRE(inv);
    BOOST_TEST(message_ids(inv->rows[0].problems) ==
               (std::vector<std::string>{"The kit number is empty.", "The tablet serial number is empty.",
                                         "The USB serial is empty; it identifies the tablet when it is plugged in.",
                                         "The IMEI {} must be exactly 15 digits."}));
}

BOOST_AUTO_TEST_CASE(missing_required_column_is_a_file_problem) {
    Table table;
    table.rows = {{"Kit number", "Tablet serial number", "Stylus"}, {"K-1", "S1", "+"}};
    auto inv = parse_kit_inventory(table);
    BOOST_REQUIRE(inv);
    BOOST_REQUIRE(inv->file_problems.size() == 1u);
    BOOST_TEST(inv->file_problems[0].args ==
               (std::vector<std::string>{"USB serial", "Серийный номер USB", "USB сериялық нөмірі"}));
    BOOST_TEST(!inv->usable());
    BOOST_REQUIRE(inv->rows.size() == 1u);
    BOOST_TEST(!inv->rows[0].ok());  // without a USB serial no row can be valid
}

BOOST_AUTO_TEST_CASE(no_header_row_at_all) {
    Table table;
    table.rows = {{"Иванов", "Иван"}, {"Петров", "Пётр"}};
    auto inv = parse_kit_inventory(table);
    BOOST_REQUIRE(!inv);
    BOOST_TEST(inv.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(parse_kit_inventory(Table{}).error().code == ErrorCode::InvalidInput);
}

BOOST_AUTO_TEST_CASE(kazakh_letters_lost_in_windows_1251_still_match) {
    // Kazakh-specific letters do not exist in windows-1251; Excel writes '?' instead.
    std::string csv = "Жина? н?мірі;Планшетті? сериялы? н?мірі;USB сериялы? н?мірі\r\nKIT-1;S1;U1\r\n";
    auto table = parse_table(iconv_from_utf8(csv, "CP1251"), "kk.csv");
    BOOST_REQUIRE(table);
    auto inv = parse_kit_inventory(*table);
    BOOST_REQUIRE(inv);
    BOOST_TEST(inv->file_problems.empty());
    BOOST_TEST(inv->unknown_columns.empty());
    BOOST_TEST(inv->valid_count() == 1);
}

BOOST_AUTO_TEST_CASE(lookalike_letters_in_headers) {
    Table table;
    // Latin H, e, o, p in "Номер комплекта"; Kazakh typed without its letters; "ИМЕИ".
    table.rows = {{"Hoмep кoмплeктa", "Планшеттин сериялык номири", "Серийный номер USB", "ИМЕИ"},
                  {"K-1", "S1", "U1", "356938035643809"}};
    auto inv = parse_kit_inventory(table);
    BOOST_REQUIRE(inv);
    BOOST_TEST(inv->unknown_columns.empty());
    BOOST_TEST(inv->file_problems.empty());
    BOOST_TEST(inv->rows[0].kit.tablet.imei == "356938035643809");
}

BOOST_AUTO_TEST_CASE(every_header_variant_is_recognised_and_unambiguous) {
    std::map<std::string, std::size_t> owner;
    const auto& columns = kit_inventory_columns();
    for (std::size_t s = 0; s < columns.size(); ++s) {
        std::vector<std::string_view> names = {columns[s].en, columns[s].ru, columns[s].kk};
        names.insert(names.end(), columns[s].aliases.begin(), columns[s].aliases.end());
        for (auto name : names) {
            std::string key = detail::header_key(name);
            BOOST_TEST_CONTEXT("header '" << name << "'") {
                BOOST_TEST(!key.empty());
                auto [it, inserted] = owner.emplace(key, s);
                BOOST_TEST((inserted || it->second == s));
            }
            // Recognised in a header row, whatever the case and spacing.
            std::string partner(s == 0 ? columns[1].en : columns[0].en);
            std::string shouted;
            for (char c : std::string(name)) shouted += (c == ' ' ? std::string("  ") : std::string(1, c));
            for (const std::string& variant : {std::string(name), "  " + shouted + " "}) {
                Table table;
                table.rows = {{variant, partner}};
                auto inv = parse_kit_inventory(table);
                BOOST_TEST_CONTEXT("variant '" << variant << "'") {
                    BOOST_REQUIRE(inv);
                    BOOST_TEST(inv->unknown_columns.empty());
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(templates_in_three_languages_read_back) {
    sanaq::test::TempDir dir("sanaq-inv-kits");
    for (const char* lang : {"kk", "ru_RU", "en"}) {
        for (const char* ext : {".xlsx", ".csv"}) {
            auto path = dir / (std::string("template-") + lang + ext);
            BOOST_TEST_CONTEXT(path.filename()) {
                BOOST_REQUIRE(write_kit_inventory_template(path, lang));
                auto table = read_table(path);
                BOOST_REQUIRE(table);
                BOOST_TEST(table->rows.size() == 1u);
                BOOST_TEST(table->rows[0] == kit_inventory_template_header(lang));
                auto inv = parse_kit_inventory(*table);
                BOOST_REQUIRE(inv);
                BOOST_TEST(inv->header_line == 1);
                BOOST_TEST(inv->unknown_columns.empty());
                BOOST_TEST(inv->file_problems.empty());
                BOOST_TEST(inv->rows.empty());
            }
        }
    }
    BOOST_TEST(kit_inventory_template_header("kk")[0] == "Жинақ нөмірі");
    BOOST_TEST(kit_inventory_template_header("ru")[0] == "Номер комплекта");
    BOOST_TEST(kit_inventory_template_header("de")[0] == "Kit number");
    BOOST_TEST(!write_kit_inventory_template(dir / "template.pdf", "en"));
}

BOOST_AUTO_TEST_SUITE_END()
