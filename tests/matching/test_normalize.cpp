// Name normalisation: the spellings the same person's name arrives in fold onto one form.
#include <boost/test/unit_test.hpp>

#include "matching/normalize.h"

using namespace sanaq::matching;

namespace {
std::string folded(std::string_view s) { return folded_to_utf8(fold(s)); }
}

BOOST_AUTO_TEST_SUITE(normalize)

BOOST_AUTO_TEST_CASE(kazakh_letters_fold_to_their_russian_keyboard_substitutes) {
    BOOST_TEST(folded("ӘҒҚҢӨҰҮҺІ") == "агкноуухи");
    BOOST_TEST(folded("әғқңөұүһі") == "агкноуухи");
    BOOST_TEST(folded("Әйгерім") == folded("АЙГЕРИМ"));
    BOOST_TEST(folded("Серікқызы") == folded("СЕРИККЫЗЫ"));
}

BOOST_AUTO_TEST_CASE(yo_short_i_e_and_signs_fold) {
    BOOST_TEST(folded("Фёдоров") == folded("Федоров"));
    BOOST_TEST(folded("Евгеньевич") == "евгеневич");
    BOOST_TEST(folded("Айгерим") == "аигерим");
    BOOST_TEST(folded("Эльмира") == folded("Елмира"));
}

BOOST_AUTO_TEST_CASE(latin_look_alikes_inside_cyrillic_words_become_cyrillic) {
    BOOST_TEST(folded("Hемцы") == "немцы");               // Latin H
    BOOST_TEST(folded("Жанбулатoв") == "жанбулатов");     // Latin o
    BOOST_TEST(folded("AХМЕТОВ") == "ахметов");           // Latin A
    BOOST_TEST(folded("TOKTAP") == "токтар");             // all-Latin upper-case look-alikes
}

BOOST_AUTO_TEST_CASE(wholly_latin_words_are_transliterated) {
    BOOST_TEST(folded("Zhanbulatova") == "жанбулатова");
    BOOST_TEST(patronymic_root(fold("Serikqyzy")).root == patronymic_root(fold("Серікқызы")).root);
    BOOST_TEST(patronymic_root(fold("Nurlanuly")).root == fold("Нұрлан"));
    BOOST_TEST(folded("Aigerim") == folded("Айгерим"));
}

BOOST_AUTO_TEST_CASE(case_spaces_hyphens_and_apostrophes_are_dropped) {
    BOOST_TEST(folded("  жанбулатов ") == "жанбулатов");
    BOOST_TEST(folded("Әл-Фараби") == "алфараби");
    BOOST_TEST(folded("Д'Артаньян") == "дартанян");
    BOOST_TEST(folded("Нұрлан ұлы") == folded("Нұрланұлы"));
}

BOOST_AUTO_TEST_CASE(patronymic_forms_reduce_to_the_fathers_name_with_a_sex_hint) {
    const NameRoot a = patronymic_root(fold("Нұрланұлы"));
    const NameRoot b = patronymic_root(fold("Нурланович"));
    const NameRoot c = patronymic_root(fold("Нұрлан ұлы"));
    BOOST_TEST(a.root == fold("Нурлан"));
    BOOST_TEST(b.root == a.root);
    BOOST_TEST(c.root == a.root);
    BOOST_TEST((a.sex == SexHint::Male && b.sex == SexHint::Male));
    const NameRoot f1 = patronymic_root(fold("Серікқызы"));
    const NameRoot f2 = patronymic_root(fold("СЕРИККЫЗЫ"));
    const NameRoot f3 = patronymic_root(fold("Серикова"));   // not a patronymic ending: unchanged
    BOOST_TEST(f1.root == f2.root);
    BOOST_TEST((f1.sex == SexHint::Female));
    BOOST_TEST(f3.root == fold("Серикова"));
    BOOST_TEST(patronymic_root(fold("Сергеевич")).root == patronymic_root(fold("Сергеевна")).root);
    BOOST_TEST(patronymic_root(fold("Михайлович")).root == patronymic_root(fold("Михайловна")).root);
    BOOST_TEST((patronymic_root(fold("Ивановна")).sex == SexHint::Female));
}

BOOST_AUTO_TEST_CASE(surname_endings_drift_to_one_stem) {
    BOOST_TEST(surname_root(fold("Жанбулатов")).root == fold("Жанбулат"));
    BOOST_TEST(surname_root(fold("ЖАНБУЛАТОВА")).root == fold("Жанбулат"));
    BOOST_TEST(surname_root(fold("Жанбулат")).root == fold("Жанбулат"));
    BOOST_TEST(surname_root(fold("Сейтқалиев")).root == surname_root(fold("Сейткалиева")).root);
    BOOST_TEST(surname_root(fold("Никитина")).root == surname_root(fold("Никитин")).root);
    BOOST_TEST(surname_root(fold("Ковалевская")).root == surname_root(fold("Ковалевский")).root);
    BOOST_TEST(surname_root(fold("Ким")).root == fold("Ким"));     // too short to strip anything
    BOOST_TEST((surname_root(fold("Иванова")).sex == SexHint::Female));
    BOOST_TEST((surname_root(fold("Иванов")).sex == SexHint::Male));
}

BOOST_AUTO_TEST_CASE(full_names_in_one_field_split_into_parts) {
    const NameParts p = split_full_name("Жанбулатов Әйгерім Серік қызы");
    BOOST_TEST(p.surname == "Жанбулатов");
    BOOST_TEST(p.name == "Әйгерім");
    BOOST_TEST(p.patronymic == "Серік қызы");
}

BOOST_AUTO_TEST_CASE(the_same_name_in_two_spellings_and_either_order) {
    const NameParts a = split_full_name("Жанбулатов Әйгерім Серікқызы");
    const NameParts b = split_full_name("ЖАНБУЛАТОВА АЙГЕРИМ СЕРИККЫЗЫ");
    const NormalizedName na = normalize_name(a.surname, a.name, a.patronymic);
    const NormalizedName nb = normalize_name(b.surname, b.name, b.patronymic);
    BOOST_TEST(na.surname == nb.surname);
    BOOST_TEST(na.name == nb.name);
    BOOST_TEST(na.patronymic == nb.patronymic);
    BOOST_TEST(same_name_any_order(na, nb));
    const NormalizedName swapped = normalize_name("Айгерим", "Жанбулатова", "Серикқызы");
    BOOST_TEST(same_name_any_order(na, swapped));
    const NormalizedName other = normalize_name("Жанбулатова", "Гүлжан", "Серікқызы");
    BOOST_TEST(!same_name_any_order(na, other));
}

BOOST_AUTO_TEST_CASE(jaro_winkler_tolerates_typing_slips) {
    BOOST_TEST(jaro_winkler("", "") == 1.0);
    BOOST_TEST(jaro_winkler(fold("жанбулат"), fold("жанбулат")) == 1.0);
    BOOST_TEST(jaro_winkler("MARTHA", "MARHTA") == 0.9611, boost::test_tools::tolerance(1e-3));
    BOOST_TEST(jaro_winkler("DWAYNE", "DUANE") == 0.84, boost::test_tools::tolerance(1e-3));
    BOOST_TEST(jaro_winkler(fold("Жанбулат"), fold("Жанбулт")) >= 0.9);   // a letter dropped
    BOOST_TEST(jaro_winkler(fold("Құдайберген"), fold("Кудайбреген")) >= 0.9);   // two letters swapped
    BOOST_TEST(jaro_winkler(fold("Айгерим"), fold("Салтанат")) < 0.7);
    BOOST_TEST((compare_name_part(fold("Жанбулат"), fold("Жанбулат")) == NameAgreement::Exact));
    BOOST_TEST((compare_name_part(fold("Жанбулат"), fold("Жанбулт")) == NameAgreement::Similar));
    BOOST_TEST((compare_name_part(fold("Жанбулат"), fold("Ахмет")) == NameAgreement::Disagree));
    BOOST_TEST((compare_name_part("", fold("Ахмет")) == NameAgreement::Missing));
}

BOOST_AUTO_TEST_SUITE_END()
