// Reading lists: headers in three languages anywhere in the first rows, encodings, workbooks,
// saved mappings, and the cell forms lists use for dates, sex and categories.
#include <boost/test/unit_test.hpp>
#include <xlsxwriter.h>

#include "helpers.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::lists;
using namespace sanaq::test::lists;

BOOST_AUTO_TEST_SUITE(reading)

BOOST_AUTO_TEST_CASE(russian_headers_below_a_title_in_utf8) {
    auto p = read(csv({{"Список респондентов по состоянию на 01.10.2026"},
                       {"БИН: 990140000007"},
                       {},
                       {"№ п/п", "ИИН", "Фамилия", "Имя", "Отчество", "Пол", "Дата рождения", "Категория", "Примечание"},
                       {"1", kIinA, "Иванов", "Сергей", "Петрович", "М", "01.05.1990", "Постоянно проживающий", ""},
                       {"2", kIinB, "Қасымова", "Әсел", "Серікқызы", "Ж", "15.03.2001", "Временно проживающий (менее 12 месяцев)", "в отпуске"}}));
    BOOST_TEST(p.file_problems.empty());
    BOOST_TEST(p.mapping.header_line == 4);
    BOOST_TEST(p.mapping_detected);
    BOOST_TEST(p.encoding == "UTF-8");
    BOOST_REQUIRE_EQUAL(p.rows.size(), 2u);
    const auto& a = p.rows[0].entry;
    BOOST_TEST(a.line == 5);
    BOOST_TEST(a.number == "1");
    BOOST_TEST(a.iin == kIinA);
    BOOST_TEST(a.iin_valid);
    BOOST_TEST(a.surname == "Иванов");
    BOOST_TEST(a.patronymic == "Петрович");
    BOOST_TEST((a.sex == Sex::Male));
    BOOST_TEST(a.birth_date == "1990-05-01");
    BOOST_TEST((a.category == ListCategory::Permanent));
    const auto& b = p.rows[1].entry;
    BOOST_TEST((b.category == ListCategory::Temporary));
    BOOST_TEST(b.note == "в отпуске");
    BOOST_TEST(p.rows[0].problems.empty());
    BOOST_TEST(p.rows[1].problems.empty());
    BOOST_TEST(p.importable_count() == 2);
}

BOOST_AUTO_TEST_CASE(kazakh_headers_with_bom_and_full_name_column) {
    std::string text = "\xEF\xBB\xBF" + csv({{"Р/с №", "ЖСН", "Аты-жөні", "Жынысы", "Туған күні", "Санаты"},
                                              {"1", kIinA, "Сейітқали Нұрлан Асқарұлы", "Е", "1990-05-01", "Мерзімді қызмет әскери қызметшісі"},
                                              {"2", kIinB, "Омарова Айгүл", "Ә", "15.3.01", "Тұрақты тұратын"}});
    auto p = read(text);
    BOOST_TEST(p.encoding == "UTF-8 BOM");
    BOOST_TEST(p.file_problems.empty());
    BOOST_REQUIRE_EQUAL(p.rows.size(), 2u);
    BOOST_TEST(p.rows[0].entry.surname == "Сейітқали");
    BOOST_TEST(p.rows[0].entry.name == "Нұрлан");
    BOOST_TEST(p.rows[0].entry.patronymic == "Асқарұлы");
    BOOST_TEST((p.rows[0].entry.category == ListCategory::Conscript));
    BOOST_TEST((p.rows[1].entry.sex == Sex::Female));
    BOOST_TEST(p.rows[1].entry.birth_date == "2001-03-15");   // two-digit year: the latest not after the list date
    BOOST_TEST(p.rows[1].entry.patronymic.empty());
    BOOST_TEST(p.importable_count() == 2);
}

BOOST_AUTO_TEST_CASE(english_headers_and_synonyms) {
    auto p = read(csv({{"No.", "IIN", "Last name", "First name", "Middle name", "Gender", "DOB", "Resident category", "Comment", "Unit"},
                       {"1", kIinC, "Smith", "John", "", "male", "31/12/1985", "detainee", "", "Block 4"}}));
    BOOST_TEST(p.file_problems.empty());
    BOOST_REQUIRE_EQUAL(p.rows.size(), 1u);
    BOOST_TEST(p.rows[0].entry.surname == "Smith");
    BOOST_TEST(p.rows[0].entry.birth_date == "1985-12-31");
    BOOST_TEST((p.rows[0].entry.category == ListCategory::Detainee));
    BOOST_TEST(p.unknown_columns == std::vector<std::string>{"Unit"});
    BOOST_TEST(p.rows[0].problems.empty());
}

BOOST_AUTO_TEST_CASE(windows_1251_with_russian_and_kazakh_headers) {
    // Russian Excel's "CSV": windows-1251; Kazakh letters it lacks become '?'.
    std::string ru = iconv_from_utf8(csv({{"ИИН", "Фамилия", "Имя", "Дата рождения", "Пол"},
                                          {kIinA, "Петров", "Иван", "01.05.1990", "муж"}}),
                                     "CP1251");
    auto p = read(ru);
    BOOST_TEST(p.encoding == "windows-1251");
    BOOST_REQUIRE_EQUAL(p.rows.size(), 1u);
    BOOST_TEST(p.rows[0].entry.surname == "Петров");
    BOOST_TEST((p.rows[0].entry.sex == Sex::Male));

    std::string kk_utf8 = csv({{"ЖСН", "Тегі", "Аты", "Туған күні", "Жынысы"},
                               {kIinB, "Омарова", "Айгерим", "15.03.2001", "ж"}});
    std::string kk;
    for (std::string_view from : {"ғ", "ү", "ә", "қ", "ң", "ө", "ұ", "һ"}) {   // what Excel writes for them
        std::size_t at;
        while ((at = kk_utf8.find(from)) != std::string::npos) kk_utf8.replace(at, from.size(), "?");
    }
    kk = iconv_from_utf8(kk_utf8, "CP1251");
    auto q = read(kk);
    BOOST_TEST(q.encoding == "windows-1251");
    BOOST_TEST(q.file_problems.empty());
    BOOST_REQUIRE_EQUAL(q.rows.size(), 1u);
    BOOST_TEST(q.rows[0].entry.birth_date == "2001-03-15");
    BOOST_TEST(q.rows[0].entry.name == "Айгерим");
}

BOOST_AUTO_TEST_CASE(xlsx_from_the_librarys_writer) {
    sanaq::test::TempDir dir;
    auto path = dir / "list.xlsx";
    auto written = tables::write_xlsx(path, {"Список"},
                                         {{"ИИН", "Тегі", "Аты", "Туған күні"}, {kIinD, "Ахметова", "Дана", "20.02.2005"}},
                                         "Тізім");
    BOOST_REQUIRE(written.has_value());
    auto table = tables::read_table(path);
    BOOST_REQUIRE(table.has_value());
    auto p = read_list(*table, {.mapping = std::nullopt, .as_of = "2026-10-01"});
    BOOST_REQUIRE(p.has_value());
    BOOST_TEST(p->mapping.header_line == 2);
    BOOST_REQUIRE_EQUAL(p->rows.size(), 1u);
    BOOST_TEST(p->rows[0].entry.iin == kIinD);
    BOOST_TEST(p->rows[0].problems.empty());
}

BOOST_AUTO_TEST_CASE(xlsx_as_excel_writes_it_with_numeric_cells) {
    // A user's workbook: IIN typed into a General cell (a number, leading zero lost), the birth
    // date a real date cell (a serial day number), the sex in Latin letters.
    sanaq::test::TempDir dir;
    auto path = (dir / "excel.xlsx").string();
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Лист1");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd.mm.yyyy");
    worksheet_write_string(ws, 0, 0, "ИИН", nullptr);
    worksheet_write_string(ws, 0, 1, "ФИО", nullptr);
    worksheet_write_string(ws, 0, 2, "Дата рождения", nullptr);
    worksheet_write_string(ws, 0, 3, "Пол", nullptr);
    worksheet_write_number(ws, 1, 0, 50220500018.0, nullptr);   // 050220500018
    worksheet_write_string(ws, 1, 1, "Ахметов Дамир Серикұлы", nullptr);
    lxw_datetime dt = {2005, 2, 20, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 2, &dt, date);
    worksheet_write_string(ws, 1, 3, "m", nullptr);
    worksheet_write_number(ws, 2, 0, 900501300011.0, nullptr);
    worksheet_write_string(ws, 2, 1, "Иванов Сергей", nullptr);
    worksheet_write_number(ws, 2, 2, 32994.0, date);            // 1990-05-01
    worksheet_write_string(ws, 2, 3, "М", nullptr);
    BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

    auto table = tables::read_table(path);
    BOOST_REQUIRE(table.has_value());
    auto p = read_list(*table, {.mapping = std::nullopt, .as_of = "2026-10-01"});
    BOOST_REQUIRE(p.has_value());
    BOOST_REQUIRE_EQUAL(p->rows.size(), 2u);
    BOOST_TEST(p->rows[0].entry.iin == kIinD);
    BOOST_TEST(p->rows[0].entry.iin_valid);
    BOOST_TEST(p->rows[0].entry.birth_date == "2005-02-20");
    BOOST_TEST((p->rows[0].entry.sex == Sex::Male));
    BOOST_TEST(p->rows[0].entry.patronymic == "Серикұлы");
    BOOST_TEST(p->rows[1].entry.birth_date == "1990-05-01");
    for (const auto& row : p->rows)
        for (const auto& problem : row.problems) BOOST_TEST(false, row.entry.line << ": " << problem_code_name(problem.code));
}

BOOST_AUTO_TEST_CASE(no_header_is_an_error_naming_the_search) {
    auto table = tables::parse_table(csv({{"a", "b"}, {"1", "2"}}), "x.csv");
    BOOST_REQUIRE(table.has_value());
    auto p = read_list(*table);
    BOOST_REQUIRE(!p.has_value());
    BOOST_TEST(p.error().code == ErrorCode::InvalidInput);
    BOOST_TEST(p.error().args == std::vector<std::string>{"50"});
}

BOOST_AUTO_TEST_CASE(missing_and_repeated_columns_are_file_problems) {
    auto p = read(csv({{"Фамилия", "Пол", "Примечание", "Фамилия"}, {"Иванов", "М", "", "Петров"}}));
    BOOST_TEST(p.file_problems.size() == 3u);   // repeated surname, no name/full name, no IIN/birth date
    BOOST_TEST(!p.usable());
}

BOOST_AUTO_TEST_CASE(a_saved_mapping_overrides_detection) {
    // A file with no header at all, in a layout detection cannot know.
    std::string text = csv({{"x", "Иванов Сергей", kIinA, "01.05.1990"}, {"y", "Петрова Анна", kIinB, "15.03.2001"}});
    ColumnMapping m;
    m.header_line = 0;
    m.columns = {{1, ListField::FullName}, {2, ListField::Iin}, {3, ListField::BirthDate}};
    auto restored = ColumnMapping::from_json(m.to_json());
    BOOST_REQUIRE(restored.has_value());
    BOOST_TEST((*restored == m));
    BOOST_TEST(m.to_json().find("\"letter\":\"B\"") != std::string::npos);
    auto p = read(text, "list.csv", {.mapping = *restored, .as_of = "2026-10-01"});
    BOOST_TEST(!p.mapping_detected);
    BOOST_TEST(p.file_problems.empty());
    BOOST_REQUIRE_EQUAL(p.rows.size(), 2u);
    BOOST_TEST(p.rows[0].entry.line == 1);
    BOOST_TEST(p.rows[0].entry.surname == "Иванов");
    BOOST_TEST(p.rows[1].entry.iin == kIinB);
    BOOST_TEST(p.importable_count() == 2);

    // The mapping also wins over a header that detection would read differently.
    std::string with_header = csv({{"Имя", "Фамилия", "ИИН"}, {"Сергей", "Иванов", kIinA}});
    ColumnMapping swapped{1, {{0, ListField::Surname}, {1, ListField::Name}, {2, ListField::Iin}}};
    auto q = read(with_header, "list.csv", {.mapping = swapped, .as_of = "2026-10-01"});
    BOOST_REQUIRE_EQUAL(q.rows.size(), 1u);
    BOOST_TEST(q.rows[0].entry.surname == "Сергей");

    // The detected mapping is what the wizard saves.
    auto d = read(with_header);
    BOOST_TEST(d.mapping.header_line == 1);
    BOOST_TEST((d.mapping.column_of(ListField::Surname) == std::optional<std::size_t>(1)));

    // A mapping that does not fit the file.
    ColumnMapping wide{1, {{7, ListField::Iin}, {0, ListField::Surname}, {1, ListField::Name}}};
    auto w = read(with_header, "list.csv", {.mapping = wide, .as_of = "2026-10-01"});
    BOOST_TEST(!w.file_problems.empty());
    auto table = tables::parse_table(with_header, "list.csv");
    auto too_low = read_list(*table, {.mapping = ColumnMapping{9, {}}, .as_of = ""});
    BOOST_TEST(!too_low.has_value());
}

BOOST_AUTO_TEST_CASE(damaged_mappings_are_refused) {
    for (std::string_view bad : {"", "[]", "{\"version\":2,\"header_line\":1,\"columns\":[]}",
                                 "{\"version\":1,\"header_line\":-1,\"columns\":[]}",
                                 "{\"version\":1,\"header_line\":1,\"columns\":[{\"column\":0,\"field\":\"shoe size\"}]}",
                                 "{\"version\":1,\"header_line\":1,\"columns\":[{\"column\":-3,\"field\":\"iin\"}]}"}) {
        auto m = ColumnMapping::from_json(bad);
        BOOST_TEST(!m.has_value(), bad);
        if (!m) BOOST_TEST(m.error().message_id == "The saved column mapping is damaged: {}.");
    }
}

BOOST_AUTO_TEST_CASE(date_forms) {
    BOOST_TEST(parse_list_date("01.05.1990").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("1.5.1990").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("01/05/1990").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("01-05-1990").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("1990-05-01").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("1990.05.01").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("1990-05-01T00:00:00").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("01.05.1990 0:00:00").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("19900501").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("01051990").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("32994").value_or("") == "1990-05-01");      // Excel serial
    BOOST_TEST(parse_list_date("45413").value_or("") == "2024-05-01");
    BOOST_TEST(parse_list_date("32994.5").value_or("") == "1990-05-01");    // with a time of day
    BOOST_TEST(parse_list_date("1.5.90", "2026-10-01").value_or("") == "1990-05-01");
    BOOST_TEST(parse_list_date("1.5.26", "2026-10-01").value_or("") == "2026-05-01");
    BOOST_TEST(parse_list_date("1.11.26", "2026-10-01").value_or("") == "1926-11-01");
    BOOST_TEST(!parse_list_date("31.02.1990"));
    BOOST_TEST(!parse_list_date("29.02.1990"));
    BOOST_TEST(parse_list_date("29.02.1992").value_or("") == "1992-02-29");
    BOOST_TEST(!parse_list_date("1990"));
    BOOST_TEST(!parse_list_date("май 1990"));
    BOOST_TEST(!parse_list_date("13.13.1990"));
    BOOST_TEST(!parse_list_date(""));
}

BOOST_AUTO_TEST_CASE(sex_forms) {
    for (std::string_view m : {"М", "м", "M", "m", "муж", "Муж.", "мужской", "male", "Male", "ер", "Е", "еркек", "er"})
        BOOST_TEST((parse_list_sex(m) == Sex::Male), m);
    for (std::string_view f : {"Ж", "ж", "F", "f", "жен", "женский", "female", "әйел", "Ә", "W", "қыз"})
        BOOST_TEST((parse_list_sex(f) == Sex::Female), f);
    for (std::string_view x : {"", "?", "1", "unknown", "X"}) BOOST_TEST(!parse_list_sex(x).has_value(), x);
}

BOOST_AUTO_TEST_CASE(category_forms) {
    BOOST_TEST((parse_list_category("Постоянно проживающий") == ListCategory::Permanent));
    BOOST_TEST((parse_list_category("тұрақты") == ListCategory::Permanent));
    BOOST_TEST((parse_list_category("Срочная служба") == ListCategory::Conscript));
    BOOST_TEST((parse_list_category("сарбаз") == ListCategory::Conscript));
    BOOST_TEST((parse_list_category("Курсант 2 курса") == ListCategory::Cadet));
    BOOST_TEST((parse_list_category("прапорщик") == ListCategory::Officer));
    BOOST_TEST((parse_list_category("Гражданский персонал") == ListCategory::Civilian));
    BOOST_TEST((parse_list_category("Временно проживающий (менее 12 месяцев)") == ListCategory::Temporary));
    BOOST_TEST((parse_list_category("временно отсутствующий") == ListCategory::TemporarilyAbsent));
    BOOST_TEST((parse_list_category("уақытша жоқ") == ListCategory::TemporarilyAbsent));
    BOOST_TEST((parse_list_category("Слушатель краткосрочных курсов") == ListCategory::ShortCourseTrainee));
    BOOST_TEST((parse_list_category("СИЗО") == ListCategory::Detainee));
    BOOST_TEST((parse_list_category("trainee") == ListCategory::ShortCourseTrainee));
    BOOST_TEST((parse_list_category("Bременно проживающий") == ListCategory::Temporary));   // Latin B
    BOOST_TEST(!parse_list_category("пенсионер").has_value());
    for (int i = 0; i < kListCategoryCount; ++i) {
        auto c = static_cast<ListCategory>(i);
        BOOST_TEST((parse_list_category_code(list_category_code(c)) == c));
        for (std::string_view lang : {"kk", "ru", "en"})
            BOOST_TEST((parse_list_category(list_category_name(c, lang)) == c), list_category_name(c, lang));
    }
    BOOST_TEST((residence_of(ListCategory::Detainee) == Residence::Temporary));
    BOOST_TEST((residence_of(ListCategory::Cadet) == Residence::Permanent));
}

BOOST_AUTO_TEST_CASE(full_names_split) {
    auto a = split_full_name("  Сейітқали   Нұрлан Асқар ұлы ");
    BOOST_TEST(a.surname == "Сейітқали");
    BOOST_TEST(a.name == "Нұрлан");
    BOOST_TEST(a.patronymic == "Асқар ұлы");
    auto b = split_full_name("Ким");
    BOOST_TEST(b.surname == "Ким");
    BOOST_TEST(b.name.empty());
}

BOOST_AUTO_TEST_CASE(every_canonical_header_is_recognised) {
    for (const auto& spec : list_columns())
        for (std::string_view h : {spec.en, spec.ru, spec.kk}) {
            auto p = read(csv({{std::string(h), "ИИН", "Фамилия", "Имя"}, {"x", kIinA, "Иванов", "Сергей"}}));
            if (spec.field == ListField::Iin || spec.field == ListField::Surname || spec.field == ListField::Name) continue;
            BOOST_TEST((p.mapping.column_of(spec.field) == std::optional<std::size_t>(0)), h);
        }
}

BOOST_AUTO_TEST_SUITE_END()
