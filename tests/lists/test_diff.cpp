// Versions of a list: what a corrected, re-imported list changed against the previous one.
#include <boost/test/unit_test.hpp>

#include "helpers.h"
#include "lists/list_diff.h"

using namespace sanaq;
using namespace sanaq::lists;
using namespace sanaq::test::lists;

namespace {

InstitutionList version(const std::vector<std::vector<std::string>>& rows, int v) {
    std::vector<std::vector<std::string>> all{{"ИИН", "Фамилия", "Имя", "Отчество", "Дата рождения", "Категория"}};
    all.insert(all.end(), rows.begin(), rows.end());
    auto list = make_institution_list(read(csv(all)), "990140000007", "2026-10-01", v);
    if (!list) throw std::runtime_error("make_institution_list");
    return *list;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(versions)

BOOST_AUTO_TEST_CASE(added_removed_and_changed_fields) {
    auto v1 = version({{kIinA, "Иванов", "Сергей", "Петрович", "01.05.1990", "срочная служба"},
                       {"900501300012", "Петрова", "Анна", "", "15.03.2001", "постоянный"},      // bad IIN
                       {"", "Ким", "Олег", "", "31.12.1985", "постоянный"},                      // no IIN
                       {kIinC, "Сидоров", "Павел", "", "31.12.1985", "постоянный"},
                       {"", "Нуров", "Марат", "", "01.01.2000", "временный"}},
                      1);
    auto v2 = version({{kIinA, "Иванов", "Сергей", "Петрович", "01.05.1990", "курсант"},      // category changed
                       {kIinB, "Петрова", "Анна", "", "15.03.2001", "постоянный"},              // IIN corrected
                       {"", "Олег", "Ким", "", "31.12.1985", "постоянный"},                     // names swapped back? same person key
                       {"", "Нуров", "Марат", "", "01.01.2000", "временный"},                   // unchanged
                       {kIinD, "Ахметова", "Дана", "", "20.02.2005", "временный"}},             // added
                      2);
    auto d = diff_lists(v1, v2);
    BOOST_TEST(d.unchanged == 1);
    BOOST_REQUIRE_EQUAL(d.added.size(), 1u);
    BOOST_TEST(d.added[0].iin == kIinD);
    BOOST_REQUIRE_EQUAL(d.removed.size(), 1u);
    BOOST_TEST(d.removed[0].surname == "Сидоров");
    BOOST_REQUIRE_EQUAL(d.changed.size(), 3u);
    BOOST_TEST((d.changed[0].key == DiffKey::Iin));
    BOOST_TEST((d.changed[0].fields == std::vector<EntryField>{EntryField::Category}));
    BOOST_TEST((d.changed[1].key == DiffKey::PersonKey));
    BOOST_TEST((d.changed[1].fields == std::vector<EntryField>{EntryField::Iin}));
    BOOST_TEST(d.changed[1].before.iin == "900501300012");
    BOOST_TEST((d.changed[2].fields == std::vector<EntryField>{EntryField::Surname, EntryField::Name}));
    BOOST_TEST(!d.empty());
    BOOST_TEST(entry_field_code(EntryField::BirthDate) == "birth_date");
}

BOOST_AUTO_TEST_CASE(a_birth_date_fix_is_a_change_when_the_iin_holds) {
    auto v1 = version({{kIinA, "Иванов", "Сергей", "", "01.05.1991", ""}}, 1);
    auto v2 = version({{kIinA, "Иванов", "Сергей", "", "01.05.1990", ""}}, 2);
    auto d = diff_lists(v1, v2);
    BOOST_REQUIRE_EQUAL(d.changed.size(), 1u);
    BOOST_TEST((d.changed[0].fields == std::vector<EntryField>{EntryField::BirthDate}));
}

BOOST_AUTO_TEST_CASE(the_same_list_twice_is_no_change) {
    auto v1 = version({{kIinA, "Иванов", "Сергей", "", "01.05.1990", ""}, {"", "Ким", "Олег", "", "31.12.1985", ""}}, 1);
    auto d = diff_lists(v1, v1);
    BOOST_TEST(d.empty());
    BOOST_TEST(d.unchanged == 2);
    auto none = diff_lists(InstitutionList{}, v1);
    BOOST_TEST(none.added.size() == 2u);
    auto gone = diff_lists(v1, InstitutionList{});
    BOOST_TEST(gone.removed.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
