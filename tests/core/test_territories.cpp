#include <boost/test/unit_test.hpp>

#include <set>

#include "core/domain/identifiers.h"
#include "core/domain/territories.h"

using namespace sanaq;

namespace {
std::set<std::string> codes_of(std::string_view edition) {
    std::set<std::string> out;
    for (const auto& r : kato_regions(edition)) out.insert(std::string(r.code));
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(territories)

BOOST_AUTO_TEST_CASE(the_2022_edition_has_the_seventeen_regions_and_three_cities) {
    const std::set<std::string> expected{"10", "11", "15", "19", "23", "27", "31", "33", "35", "39",
                                         "43", "47", "55", "59", "61", "62", "63", "71", "75", "79"};
    BOOST_TEST(codes_of("2022") == expected);
}

BOOST_AUTO_TEST_CASE(the_reform_of_2022_made_abai_zhetysu_and_ulytau) {
    for (std::string_view code : {"10", "33", "62"}) {
        BOOST_TEST(find_kato_region("2022", code).has_value(), code);
        BOOST_TEST(!find_kato_region("2013", code).has_value(), code);
    }
    BOOST_TEST(find_kato_region("2022", "100000000")->name_ru == "область Абай");
    BOOST_TEST(find_kato_region("2022", "331010000")->name_kk == "Жетісу облысы");
    BOOST_TEST(find_kato_region("2022", "62")->name_en == "Ulytau Region");
    // The regions they were cut out of are in both editions.
    for (std::string_view code : {"63", "19", "35"}) {
        BOOST_TEST(find_kato_region("2013", code).has_value(), code);
        BOOST_TEST(find_kato_region("2022", code).has_value(), code);
    }
}

BOOST_AUTO_TEST_CASE(the_cities_of_republican_significance_are_in_both_editions) {
    for (std::string_view edition : {"2013", "2022"}) {
        BOOST_TEST(find_kato_region(edition, "71")->name_ru == "город Астана");
        BOOST_TEST(find_kato_region(edition, "75")->name_kk == "Алматы қаласы");
        BOOST_TEST(find_kato_region(edition, "79")->name_en == "Shymkent");
    }
}

BOOST_AUTO_TEST_CASE(south_kazakhstan_is_only_in_the_2013_edition) {
    BOOST_TEST(find_kato_region("2013", "51")->name_ru == "Южно-Казахстанская область");
    BOOST_TEST(!find_kato_region("2022", "51").has_value());
    BOOST_TEST(find_kato_region("2013", "61")->name_ru == "Туркестанская область");
}

BOOST_AUTO_TEST_CASE(every_region_has_names_in_the_three_languages) {
    for (const auto& r : kato_regions()) {
        BOOST_TEST(is_kato_edition(r.edition));
        BOOST_TEST(r.code.size() == 2u);
        BOOST_TEST(!r.name_kk.empty());
        BOOST_TEST(!r.name_ru.empty());
        BOOST_TEST(!r.name_en.empty());
    }
    const auto karaganda = *find_kato_region("2022", "35");
    BOOST_TEST(region_name(karaganda, "kk") == "Қарағанды облысы");
    BOOST_TEST(region_name(karaganda, "ru") == "Карагандинская область");
    BOOST_TEST(region_name(karaganda, "en") == "Karaganda Region");
}

BOOST_AUTO_TEST_CASE(editions_are_checked_by_name) {
    BOOST_TEST(validate_kato_edition(" 2022 ").value() == "2022");
    auto wrong = validate_kato_edition("2023-01");
    BOOST_REQUIRE(!wrong);
    BOOST_TEST((wrong.error().code == ErrorCode::InvalidInput));
    BOOST_TEST(wrong.error().args.at(0) == "2023-01");
    BOOST_TEST(kato_regions("2023-01").empty());
    BOOST_TEST(!find_kato_region("2023-01", "35").has_value());
}

BOOST_AUTO_TEST_CASE(levels_and_prefixes) {
    BOOST_TEST(kato_level("350000000") == 1);
    BOOST_TEST(kato_level("351600000") == 2);
    BOOST_TEST(kato_level("351633000") == 3);
    BOOST_TEST(kato_level("351633100") == 4);
    BOOST_TEST(kato_level("35") == 0);
    BOOST_TEST(kato_code_of_prefix("3516") == "351600000");
    BOOST_TEST(kato_code_of_prefix("35") == "350000000");
    BOOST_TEST(territory_name("Қарағанды", "Караганда", "kk") == "Қарағанды");
    BOOST_TEST(territory_name("Қарағанды", "Караганда", "ru") == "Караганда");
    BOOST_TEST(territory_name("", "Караганда", "kk") == "Караганда");
}

BOOST_AUTO_TEST_SUITE_END()
