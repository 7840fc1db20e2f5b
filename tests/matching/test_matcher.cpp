// Fellegi–Sunter scoring: field levels, weights, thresholds and explanations.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "matching/matcher.h"

using namespace sanaq;
using namespace sanaq::matching;

namespace {

MatchRecord aigerim() {
    MatchRecord r;
    r.id = "a";
    r.iin = "950312400127";
    r.surname = "Жанбулатова";
    r.name = "Әйгерім";
    r.patronymic = "Серікқызы";
    r.sex = Sex::Female;
    r.birth_date = "1995-03-12";
    r.institution_bin = "110240012345";
    r.kato = "751110000";
    return r;
}

const MatchParameters P = MatchParameters::defaults();

}  // namespace

BOOST_AUTO_TEST_SUITE(matcher)

BOOST_AUTO_TEST_CASE(the_same_record_typed_two_ways_is_an_auto_match) {
    MatchRecord b = aigerim();
    b.id = "b";
    b.surname = "ЖАНБУЛАТОВ";   // ending drifted
    b.name = "АЙГЕРИМ";
    b.patronymic = "СЕРИККЫЗЫ";
    const Comparison c = compare(aigerim(), b, P);
    BOOST_TEST((c.level(Field::Iin) == Level::Exact));
    BOOST_TEST((c.level(Field::Surname) == Level::Exact));
    BOOST_TEST((c.level(Field::GivenName) == Level::Exact));
    BOOST_TEST((c.level(Field::Patronymic) == Level::Exact));
    BOOST_TEST((c.level(Field::Territory) == Level::Missing));   // implied by the same institution
    BOOST_TEST((classify(c, P) == MatchClass::AutoMatch));
    BOOST_TEST(!c.conflict());
}

BOOST_AUTO_TEST_CASE(iin_typos_are_told_from_other_iins) {
    MatchRecord b = aigerim();
    b.iin = "950312400172";   // last two digits transposed
    BOOST_TEST((compare(aigerim(), b, P).level(Field::Iin) == Level::Typo));
    b.iin = "950312400128";   // one digit off
    BOOST_TEST((compare(aigerim(), b, P).level(Field::Iin) == Level::Typo));
    b.iin = "950312400999";
    BOOST_TEST((compare(aigerim(), b, P).level(Field::Iin) == Level::Disagree));
    b.iin = "";
    BOOST_TEST((compare(aigerim(), b, P).level(Field::Iin) == Level::Missing));
    BOOST_TEST(P.weight(Field::Iin, Level::Missing) == 0.0);
}

BOOST_AUTO_TEST_CASE(birth_date_levels) {
    MatchRecord b = aigerim();
    auto level = [&](const char* date) {
        b.birth_date = date;
        return compare(aigerim(), b, P).level(Field::BirthDate);
    };
    BOOST_TEST((level("1995-03-12") == Level::Exact));
    BOOST_TEST((level("1995-03-13") == Level::Typo));
    BOOST_TEST((level("1959-03-12") == Level::Typo));       // two neighbouring digits transposed
    BOOST_TEST((level("1995-12-03") == Level::Swapped));    // day and month swapped
    BOOST_TEST((level("1995-07-25") == Level::YearOnly));
    BOOST_TEST((level("1987-07-25") == Level::Disagree));
    BOOST_TEST((level("") == Level::Missing));
    BOOST_TEST((level("12.03.1995") == Level::Missing));    // not ISO: treated as unknown
}

BOOST_AUTO_TEST_CASE(swapped_name_order_is_recognised_and_still_matches) {
    MatchRecord b = aigerim();
    b.iin.clear();
    b.surname = "Айгерим";
    b.name = "Жанбулатова";
    const Comparison c = compare(aigerim(), b, P);
    BOOST_TEST((c.level(Field::Surname) == Level::Swapped));
    BOOST_TEST((c.level(Field::GivenName) == Level::Swapped));
    BOOST_TEST((classify(c, P) == MatchClass::AutoMatch));
}

BOOST_AUTO_TEST_CASE(a_typo_without_iin_and_with_a_date_slip_goes_to_review) {
    MatchRecord b = aigerim();
    b.iin.clear();
    b.surname = "Жанбултова";
    b.birth_date = "1995-03-18";
    b.institution_bin.clear();
    const Comparison c = compare(aigerim(), b, P);
    BOOST_TEST((c.level(Field::Surname) == Level::Similar));
    BOOST_TEST((c.level(Field::BirthDate) == Level::Typo));
    BOOST_TEST((classify(c, P) == MatchClass::Review), explanation_text(c, P));
}

BOOST_AUTO_TEST_CASE(different_people_of_one_family_do_not_match) {
    MatchRecord b = aigerim();
    b.iin = "980101400231";
    b.name = "Гүлжан";
    b.birth_date = "1998-01-01";
    const Comparison c = compare(aigerim(), b, P);
    BOOST_TEST((classify(c, P) == MatchClass::NonMatch), explanation_text(c, P));
}

BOOST_AUTO_TEST_CASE(equal_iin_with_another_name_and_birth_date_is_a_conflict) {
    MatchRecord b = aigerim();
    b.surname = "Петров";
    b.name = "Сергей";
    b.patronymic = "Иванович";
    b.sex = Sex::Male;
    b.birth_date = "1970-11-05";
    const Comparison c = compare(aigerim(), b, P);
    BOOST_TEST(c.conflict());
    BOOST_TEST((classify(c, P) == MatchClass::Review));
}

BOOST_AUTO_TEST_CASE(territory_counts_only_when_the_institutions_differ) {
    MatchRecord b = aigerim();
    b.institution_bin = "120340098765";
    BOOST_TEST((compare(aigerim(), b, P).level(Field::Territory) == Level::Exact));
    b.kato = "751120000";
    BOOST_TEST((compare(aigerim(), b, P).level(Field::Territory) == Level::SameDistrict));
    b.kato = "191010000";
    BOOST_TEST((compare(aigerim(), b, P).level(Field::Territory) == Level::Disagree));
}

BOOST_AUTO_TEST_CASE(every_score_is_explained_field_by_field) {
    MatchRecord b = aigerim();
    b.iin.clear();
    b.birth_date = "1995-12-03";
    const Comparison c = compare(aigerim(), b, P);
    const auto rows = explain(c, P);
    BOOST_TEST(rows.size() == kFieldCount);
    double sum = 0;
    for (const auto& r : rows) sum += r.weight;
    BOOST_TEST(sum == c.score, boost::test_tools::tolerance(1e-3));
    BOOST_TEST(std::string(rows[0].field_msgid) == "IIN");
    BOOST_TEST(std::string(rows[0].level_msgid) == "missing on one side");
    BOOST_TEST(std::string(rows[4].level_msgid) == "day and month swapped");
    const std::string text = explanation_text(c, P);
    BOOST_TEST(text.find("birth_date: swapped +7.6") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(probabilities_and_thresholds_are_configurable) {
    MatchParameters p = MatchParameters::defaults();
    BOOST_TEST(p.weight(Field::Sex, Level::Exact) == std::log2(0.97 / 0.5), boost::test_tools::tolerance(1e-9));
    p.set(Field::Sex, Level::Exact, 0.5, 0.5);
    BOOST_TEST(p.weight(Field::Sex, Level::Exact) == 0.0);
    MatchRecord b = aigerim();
    const Comparison c = compare(aigerim(), b, p);
    p.auto_match_at = c.score + 1;
    BOOST_TEST((classify(c, p) == MatchClass::Review));
}

BOOST_AUTO_TEST_SUITE_END()
