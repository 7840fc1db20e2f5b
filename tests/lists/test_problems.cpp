// Row problems: every code, its severity, duplicates, the preview counts, the rejected-rows
// export and turning the importable rows into a list version.
#include <boost/test/unit_test.hpp>
#include <set>

#include "helpers.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::lists;
using namespace sanaq::test::lists;

namespace {

const std::vector<std::string> kHeader = {"№", "ИИН", "Фамилия", "Имя", "Отчество", "Пол", "Дата рождения", "Категория"};

ListPreview problems_list() {
    return read(csv({
        kHeader,
        {"1", kIinA, "Иванов", "Сергей", "", "М", "01.05.1990", "постоянный"},                 // 2 clean
        {"2", "90050130001", "Петров", "Иван", "", "М", "02.05.1990", "постоянный"},            // 3 iin_format (11 digits, no fix)
        {"3", "900501300012", "Сидоров", "Олег", "", "М", "03.05.1990", "постоянный"},          // 4 iin_check_digit
        {"4", "9,00501E+11", "Ким", "Олег", "", "М", "04.05.1990", "постоянный"},               // 5 iin_rounded
        {"5", kIinC, "Ахметов", "Ерлан", "", "М", "30.12.1985", "постоянный"},                 // 6 iin_birth_date_mismatch
        {"6", kIinB, "Омарова", "Дана", "", "М", "15.03.2001", "постоянный"},                  // 7 iin_sex_mismatch
        {"7", "", "", "Айдос", "", "М", "01.01.2000", "постоянный"},                           // 8 surname_missing
        {"8", "", "Нуров", "", "", "М", "01.01.2000", "постоянный"},                           // 9 name_missing
        {"9", "", "Беков", "Арман", "", "М", "", "постоянный"},                                // 10 identity_missing
        {"10", "", "Жанов", "Марат", "", "М", "весной", "постоянный"},                         // 11 birth_date_unreadable (+ identity)
        {"11", "", "Будущев", "Марат", "", "М", "01.01.2030", "постоянный"},                   // 12 birth_date_implausible
        {"12", "", "Полов", "Марат", "", "?", "02.01.2000", "постоянный"},                     // 13 sex_unreadable
        {"13", "", "Кат", "Марат", "", "М", "03.01.2000", ""},                                 // 14 category_missing
        {"14", "", "Катов", "Марат", "", "М", "04.01.2000", "пенсионер"},                      // 15 category_unknown
        {"15", kIinA, "Иванов", "Серж", "", "М", "01.05.1990", "постоянный"},                  // 16 duplicate_iin
        {"16", "", "ИВАНОВ", "СЕРГЕЙ", "", "М", "01.05.1990", "постоянный"},                   // 17 duplicate_person
        {"17", "", "Сергей", "Иванов", "Петрович", "М", "1990-05-01", "постоянный"},           // 18 duplicate_person (swapped)
        {},                                                                                     // blank line: skipped
        {"19", "", "", "", "", "", "", ""},                                                    // counter only: skipped
    }));
}

const PreviewRow& at_line(const ListPreview& p, int line) {
    for (const auto& r : p.rows)
        if (r.entry.line == line) return r;
    throw std::runtime_error("no line " + std::to_string(line));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(problems)

BOOST_AUTO_TEST_CASE(every_problem_code_with_its_severity) {
    auto p = problems_list();
    BOOST_TEST(p.file_problems.empty());
    BOOST_REQUIRE_EQUAL(p.rows.size(), 17u);
    struct Expect {
        int line;
        ProblemCode code;
        Severity severity;
    };
    const Expect expected[] = {
        {3, ProblemCode::IinFormat, Severity::Warning},
        {4, ProblemCode::IinCheckDigit, Severity::Warning},
        {5, ProblemCode::IinRounded, Severity::Warning},
        {6, ProblemCode::IinBirthDateMismatch, Severity::Warning},
        {7, ProblemCode::IinSexMismatch, Severity::Warning},
        {8, ProblemCode::SurnameMissing, Severity::Error},
        {9, ProblemCode::NameMissing, Severity::Error},
        {10, ProblemCode::IdentityMissing, Severity::Error},
        {11, ProblemCode::BirthDateUnreadable, Severity::Warning},
        {12, ProblemCode::BirthDateImplausible, Severity::Warning},
        {13, ProblemCode::SexUnreadable, Severity::Warning},
        {14, ProblemCode::CategoryMissing, Severity::Warning},
        {15, ProblemCode::CategoryUnknown, Severity::Error},
        {16, ProblemCode::DuplicateIin, Severity::Error},
        {17, ProblemCode::DuplicatePerson, Severity::Warning},
        {18, ProblemCode::DuplicatePerson, Severity::Warning},
    };
    std::set<ProblemCode> seen;
    for (const auto& e : expected) {
        const auto& row = at_line(p, e.line);
        BOOST_TEST(has_code(row, e.code), "line " << e.line << " lacks " << problem_code_name(e.code));
        for (const auto& pr : row.problems)
            if (pr.code == e.code) {
                BOOST_TEST((pr.severity == e.severity), "line " << e.line);
                BOOST_TEST(pr.message.code == ErrorCode::InvalidInput);
                BOOST_TEST(!pr.message.message_id.empty());
                BOOST_TEST(pr.field.has_value());
            }
        seen.insert(e.code);
    }
    BOOST_TEST(seen.size() == static_cast<std::size_t>(kProblemCodeCount));
    BOOST_TEST(at_line(p, 2).problems.empty());
    // The unreadable date leaves the person without a birth date: identity is missing too.
    BOOST_TEST(has_code(at_line(p, 11), ProblemCode::IdentityMissing));
    // An invalid IIN alone keeps the row importable: name and birth date identify the person.
    BOOST_TEST(at_line(p, 4).importable());
    BOOST_TEST(!at_line(p, 4).entry.iin_valid);
    BOOST_TEST(at_line(p, 4).entry.iin == "900501300012");
    // Errors come first in a row's problems.
    const auto& r11 = at_line(p, 11);
    BOOST_TEST((r11.problems.front().severity == Severity::Error));
    // The duplicate message names the earlier line.
    const auto& dup = at_line(p, 16);
    BOOST_TEST(dup.problems.front().message.args.back() == "2");
    BOOST_TEST(at_line(p, 17).problems.back().message.args.back() == "2");
    BOOST_TEST(p.importable_count() == 11);
    BOOST_TEST(p.rejected_count() == 6);
    BOOST_TEST(p.warning_count() == 10);
    // The one-pass index a screen uses agrees with the counts and points at the right rows.
    const PreviewIndex index = index_preview(p);
    BOOST_TEST(index.rows == static_cast<int>(p.rows.size()));
    BOOST_TEST(index.importable == 11);
    BOOST_TEST(index.rejected == 6);
    BOOST_TEST(index.warnings == 10);
    BOOST_TEST(index.rejected_rows.size() == 6u);
    BOOST_TEST(index.warning_rows.size() == 10u);
    for (std::size_t i : index.rejected_rows) BOOST_TEST(!p.rows[i].importable());
    for (std::size_t i : index.warning_rows) BOOST_TEST((p.rows[i].importable() && !p.rows[i].problems.empty()));
    BOOST_TEST(std::ranges::is_sorted(index.rejected_rows));
}

BOOST_AUTO_TEST_CASE(problem_code_names_are_unique_snake_case) {
    std::set<std::string_view> names;
    for (int i = 0; i < kProblemCodeCount; ++i) names.insert(problem_code_name(static_cast<ProblemCode>(i)));
    BOOST_TEST(names.size() == static_cast<std::size_t>(kProblemCodeCount));
    BOOST_TEST(problem_code_name(ProblemCode::IinCheckDigit) == "iin_check_digit");
    BOOST_TEST(problem_code_name(ProblemCode::DuplicatePerson) == "duplicate_person");
}

BOOST_AUTO_TEST_CASE(leading_zero_lost_by_excel_is_restored) {
    auto p = read(csv({{"ИИН", "Фамилия", "Имя"}, {kIinD.substr(1), "Ахметова", "Дана"}}));
    BOOST_REQUIRE_EQUAL(p.rows.size(), 1u);
    BOOST_TEST(p.rows[0].entry.iin == kIinD);
    BOOST_TEST(p.rows[0].entry.iin_valid);
    BOOST_TEST(p.rows[0].problems.empty());
}

BOOST_AUTO_TEST_CASE(iin_in_groups_and_with_an_apostrophe) {
    auto p = read(csv({{"ИИН", "Фамилия", "Имя"}, {"'" + kIinA, "Иванов", "Сергей"}, {"900 501 300 011", "Иванов", "Сергей"}}));
    BOOST_REQUIRE_EQUAL(p.rows.size(), 2u);
    BOOST_TEST(p.rows[0].entry.iin == kIinA);
    BOOST_TEST(p.rows[1].entry.iin == kIinA);
    BOOST_TEST(has_code(p.rows[1], ProblemCode::DuplicateIin));
}

BOOST_AUTO_TEST_CASE(rejected_rows_exported_with_reasons) {
    auto p = problems_list();
    auto header = rejected_rows_header(p);
    BOOST_TEST(header.front() == "Line");
    BOOST_TEST(header.back() == "Problems");
    BOOST_TEST(header[2] == "ИИН");
    auto rows = rejected_rows(p);
    BOOST_REQUIRE_EQUAL(rows.size(), 6u);
    BOOST_TEST(rows[0][0] == "8");
    BOOST_TEST(rows[0].back() == "The surname is empty.");
    BOOST_TEST(rows[5][0] == "16");
    BOOST_TEST(rows[5].back() == "The IIN " + kIinA + " is already on line 2.");

    // A renderer puts the reasons in the reader's language.
    auto upper = rejected_rows(p, [](std::string_view msgid, const std::vector<std::string>&) {
        return "<" + std::string(msgid) + ">";
    });
    BOOST_TEST(upper[0].back() == "<The surname is empty.>");

    sanaq::test::TempDir dir;
    for (std::string name : {"rejected.csv", "rejected.xlsx"}) {
        auto path = dir / name;
        BOOST_REQUIRE(write_rejected_rows(path, p).has_value());
        auto table = tables::read_table(path);
        BOOST_REQUIRE(table.has_value());
        BOOST_REQUIRE_EQUAL(table->rows.size(), 7u);
        BOOST_TEST(table->rows[1][0] == "8");
        BOOST_TEST(table->rows[6].back() == "The IIN " + kIinA + " is already on line 2.");
        // The exported file reads back as a list with the same people (and the extra columns unknown).
        auto again = read_list(*table, {.mapping = std::nullopt, .as_of = "2026-10-01"});
        BOOST_REQUIRE(again.has_value());
        BOOST_TEST(again->rows.size() == 6u);
    }
    auto bad = write_rejected_rows(dir / "rejected.txt", p);
    BOOST_TEST(!bad.has_value());
}

BOOST_AUTO_TEST_CASE(importable_rows_become_a_list_version) {
    auto p = problems_list();
    auto list = make_institution_list(p, "990140000007", "2026-10-01", 1, "list.csv");
    BOOST_REQUIRE(list.has_value());
    BOOST_TEST(list->entries.size() == 11u);
    BOOST_TEST(list->institution_bin == "990140000007");
    BOOST_TEST(list->as_of == "2026-10-01");
    BOOST_TEST(!make_institution_list(p, "990140000008", "2026-10-01", 1).has_value());   // bad BIN
    BOOST_TEST(!make_institution_list(p, "990140000007", "1.10.2026", 1).has_value());
    BOOST_TEST(!make_institution_list(p, "990140000007", "2026-10-01", 0).has_value());
    auto broken = read(csv({{"Фамилия", "Пол"}, {"Иванов", "М"}}));
    BOOST_TEST(!make_institution_list(broken, "990140000007", "2026-10-01", 1).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
