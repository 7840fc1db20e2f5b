// sanaq-tablet-sim make-list: an institution's list for the people a simulated kit enumerates, with
// realistic differences, deterministic by seed, and readable by the list reader.
#include <boost/test/unit_test.hpp>
#include <set>

#include "census_sim/census_sim.h"
#include "census_sim/simulated_list.h"
#include "helpers.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::lists;
using namespace sanaq::census_sim;
using namespace sanaq::test::lists;

BOOST_AUTO_TEST_SUITE(simulated_lists)

BOOST_AUTO_TEST_CASE(deterministic_by_seed) {
    MakeListRequest r{.kit_number = "KIT-0007", .persons = 400, .seed = 11};
    auto a = simulated_list(r), b = simulated_list(r);
    BOOST_REQUIRE(a.has_value());
    BOOST_REQUIRE(b.has_value());
    BOOST_TEST((a->rows == b->rows));
    BOOST_TEST((a->header == b->header));
    r.seed = 12;
    auto c = simulated_list(r);
    BOOST_TEST((a->rows != c->rows));
    sanaq::test::TempDir dir;
    r.seed = 11;
    BOOST_REQUIRE(make_list(dir / "a.csv", r).has_value());
    BOOST_REQUIRE(make_list(dir / "b.csv", r).has_value());
    BOOST_TEST(sanaq::test::read_file(dir / "a.csv") == sanaq::test::read_file(dir / "b.csv"));
}

BOOST_AUTO_TEST_CASE(the_same_people_the_tablets_enumerate) {
    MakeListRequest r{.kit_number = "KIT-0042", .persons = 600, .seed = 3};
    auto list = simulated_list(r);
    BOOST_REQUIRE(list.has_value());
    auto pop = kit_population(3, "KIT-0042", 600);
    std::set<std::string> enumerated;
    for (const auto& p : pop.persons) enumerated.insert(p.uuid);
    BOOST_TEST(list->kit.institution.bin == simulated_kit(3, "KIT-0042").institution.bin);
    for (const auto& t : list->truth)
        BOOST_TEST(enumerated.contains(t.person_uuid) == !t.not_enumerated, "line " << t.line);
    for (const auto& u : list->unlisted_uuids) BOOST_TEST(enumerated.contains(u));
    BOOST_TEST(list->institution_persons > 0);
    BOOST_TEST(list->institution_persons <= 600);

    auto wrong = simulated_list({.kit_number = "KIT-0042", .persons = 10, .seed = 3, .expected_bin = "990140000007"});
    BOOST_TEST(!wrong.has_value());
}

BOOST_AUTO_TEST_CASE(written_lists_read_back_in_every_language_and_format) {
    sanaq::test::TempDir dir;
    for (std::string lang : {"kk", "ru", "en"})
        for (int full : {0, 1})
            for (std::string ext : {".csv", ".xlsx"}) {
                MakeListRequest r{.kit_number = "KIT-0100", .persons = 300, .seed = 5, .lang = lang, .full_name_column = full};
                auto path = dir / ("list-" + lang + std::to_string(full) + ext);
                auto made = make_list(path, r);
                BOOST_REQUIRE(made.has_value());
                auto table = tables::read_table(path);
                BOOST_REQUIRE(table.has_value());
                auto p = read_list(*table, {.mapping = std::nullopt, .as_of = made->as_of});
                BOOST_REQUIRE(p.has_value());
                const std::string what = lang + std::to_string(full) + ext;
                BOOST_TEST(p->file_problems.empty(), what);
                BOOST_TEST(p->unknown_columns.empty(), what);
                BOOST_TEST(p->mapping.header_line == 5, what);
                BOOST_REQUIRE_EQUAL(p->rows.size(), made->truth.size());
                for (std::size_t i = 0; i < p->rows.size(); ++i) {
                    const auto& row = p->rows[i];
                    const auto& t = made->truth[i];
                    BOOST_TEST(row.entry.line == t.line);
                    BOOST_TEST(row.entry.category.has_value(), what << " line " << t.line);
                    BOOST_TEST(row.entry.sex.has_value(), what << " line " << t.line);
                    bool clean = !t.name_noise && !t.iin_missing && !t.iin_mistyped && !t.birth_date_wrong && !t.duplicate;
                    if (clean && !t.true_iin.empty()) {
                        BOOST_TEST(row.entry.iin == t.true_iin);
                        BOOST_TEST(row.entry.birth_date == t.true_birth_date);
                    }
                    if (t.iin_mistyped && !iin_bin_check_digit_ok(row.entry.iin))
                        BOOST_TEST(has_code(row, ProblemCode::IinCheckDigit));
                }
            }
}

BOOST_AUTO_TEST_CASE(noise_rates_match_the_request) {
    MakeListRequest r{.kit_number = "KIT-9000", .persons = 20000, .seed = 77};
    r.noise = {.unlisted = 0.05, .not_enumerated = 0.04, .name_noise = 0.10, .iin_missing = 0.03,
               .iin_mistyped = 0.02, .birth_date_wrong = 0.02, .listed_twice = 0.01};
    auto list = simulated_list(r);
    BOOST_REQUIRE(list.has_value());
    double inst = static_cast<double>(list->institution_persons);
    BOOST_TEST(inst > 5000);
    auto share = [](double n, double of) { return n / of; };
    BOOST_TEST(share(static_cast<double>(list->unlisted_uuids.size()), inst) == 0.05, boost::test_tools::tolerance(0.2));
    double rows = 0, not_enum = 0, dup = 0, name = 0, iin_missing = 0, iin_mistyped = 0, date = 0, first = 0;
    for (const auto& t : list->truth) {
        ++rows;
        if (t.duplicate) {
            ++dup;
            continue;   // second copies carry their own noise half the time
        }
        ++first;
        not_enum += t.not_enumerated;
        name += t.name_noise;
        iin_missing += t.iin_missing;
        iin_mistyped += t.iin_mistyped;
        date += t.birth_date_wrong;
    }
    double listed_enumerated = first - not_enum;
    BOOST_TEST(share(not_enum, listed_enumerated) == 0.04, boost::test_tools::tolerance(0.2));
    BOOST_TEST(share(dup, first) == 0.01, boost::test_tools::tolerance(0.3));
    BOOST_TEST(share(name, first) == 0.10, boost::test_tools::tolerance(0.2));
    BOOST_TEST(share(iin_missing, first) == 0.03, boost::test_tools::tolerance(0.25));
    BOOST_TEST(share(iin_mistyped, first) == 0.02 * 0.97, boost::test_tools::tolerance(0.3));
    BOOST_TEST(share(date, first) == 0.02, boost::test_tools::tolerance(0.3));

    // The reader finds the planted problems: duplicates, IIN slips, birth dates against the IIN.
    auto table = tables::parse_table(
        [&] {
            std::vector<std::vector<std::string>> all = list->title_rows;
            all.push_back(list->header);
            all.insert(all.end(), list->rows.begin(), list->rows.end());
            return csv(all);
        }(),
        "list.csv");
    BOOST_REQUIRE(table.has_value());
    auto p = read_list(*table, {.mapping = std::nullopt, .as_of = list->as_of});
    BOOST_REQUIRE(p.has_value());
    BOOST_REQUIRE_EQUAL(p->rows.size(), list->truth.size());
    int dup_found = 0, dup_planted = 0, date_flagged = 0, date_planted = 0;
    for (std::size_t i = 0; i < p->rows.size(); ++i) {
        const auto& t = list->truth[i];
        const auto& row = p->rows[i];
        if (t.duplicate) {
            ++dup_planted;
            dup_found += has_code(row, ProblemCode::DuplicateIin) || has_code(row, ProblemCode::DuplicatePerson);
        }
        if (t.birth_date_wrong && !t.iin_missing && !t.iin_mistyped && !t.true_iin.empty()) {
            ++date_planted;
            date_flagged += has_code(row, ProblemCode::IinBirthDateMismatch);
        }
    }
    // A copy whose name, IIN and date were all re-typed differently can escape: most do not.
    BOOST_TEST(dup_found >= dup_planted * 8 / 10);
    BOOST_TEST(date_flagged == date_planted);
    BOOST_TEST(p->importable_count() > p->rejected_count() * 20);
}

BOOST_AUTO_TEST_CASE(no_noise_means_a_clean_list) {
    MakeListRequest r{.kit_number = "KIT-0001", .persons = 500, .seed = 9, .lang = "ru", .full_name_column = 0};
    r.noise = {0, 0, 0, 0, 0, 0, 0};
    auto list = simulated_list(r);
    BOOST_REQUIRE(list.has_value());
    BOOST_TEST(list->unlisted_uuids.empty());
    BOOST_TEST(static_cast<std::int64_t>(list->truth.size()) == list->institution_persons);
    auto table = tables::parse_table(
        [&] {
            std::vector<std::vector<std::string>> all{list->header};
            all.insert(all.end(), list->rows.begin(), list->rows.end());
            return csv(all);
        }(),
        "list.csv");
    auto p = read_list(*table, {.mapping = std::nullopt, .as_of = list->as_of});
    BOOST_REQUIRE(p.has_value());
    BOOST_TEST(p->rejected_count() == 0);
}

BOOST_AUTO_TEST_CASE(only_csv_and_xlsx) {
    sanaq::test::TempDir dir;
    auto made = make_list(dir / "list.ods", {.kit_number = "KIT-1", .persons = 10});
    BOOST_TEST(!made.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
