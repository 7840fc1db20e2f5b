// Reconciliation: outcomes per person, supervisors' decisions, and a generated region with
// realistic noise measured against the generator's truth.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <iostream>

#include "matching/reconcile.h"
#include "noisy_population.h"

using namespace sanaq;
using namespace sanaq::matching;

namespace {

MatchRecord person(std::string id, std::string iin, std::string surname, std::string name, std::string patronymic,
                   Sex sex, std::string birth, std::string bin = "110240012345") {
    MatchRecord r;
    r.id = std::move(id);
    r.iin = std::move(iin);
    r.surname = std::move(surname);
    r.name = std::move(name);
    r.patronymic = std::move(patronymic);
    r.sex = sex;
    r.birth_date = std::move(birth);
    r.institution_bin = std::move(bin);
    r.kato = "751110000";
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reconcile_outcomes)

BOOST_AUTO_TEST_CASE(each_person_gets_one_outcome) {
    const std::vector<MatchRecord> listed = {
        person("L1", "950312400127", "Жанбулатова", "Әйгерім", "Серікқызы", Sex::Female, "1995-03-12"),
        person("L2", "", "Иванов", "Сергей", "Петрович", Sex::Male, "1980-05-20"),
        person("L3", "010101500123", "Омаров", "Ерлан", "Нұрланұлы", Sex::Male, "2001-01-01"),   // not enumerated
        person("L4", "870606300456", "Ахметов", "Бауыржан", "Серікұлы", Sex::Male, "1987-06-06"),
    };
    const std::vector<MatchRecord> enumerated = {
        person("E1", "950312400127", "ЖАНБУЛАТОВ", "АЙГЕРИМ", "СЕРИККЫЗЫ", Sex::Female, "1995-03-12"),
        person("E2", "800520300111", "Сергей", "Иванов", "Петрович", Sex::Male, "1980-05-20"),   // swapped order
        person("E3", "990909400777", "Петрова", "Анна", "Ивановна", Sex::Female, "1999-09-09"),   // not listed
        person("E4", "870606300456", "Смағұлов", "Данияр", "Асқарұлы", Sex::Male, "1979-02-14"),  // IIN of L4, someone else
        person("E5", "950312400127", "Жанбулатова", "Айгерим", "Серікқызы", Sex::Female, "1995-03-12",
               "120340098765"),   // E1's person again, in another institution
    };
    const Reconciliation r = reconcile(listed, enumerated);
    BOOST_TEST((r.listed[0].outcome == Outcome::Matched));
    BOOST_TEST(r.listed[0].counterpart == 0);
    BOOST_TEST((r.listed[1].outcome == Outcome::Matched));
    BOOST_TEST(r.listed[1].counterpart == 1);
    BOOST_TEST((r.listed[1].comparison.level(Field::Surname) == Level::Swapped));
    BOOST_TEST((r.listed[2].outcome == Outcome::Missing));
    BOOST_TEST((r.listed[3].outcome == Outcome::Conflict));
    BOOST_TEST(r.listed[3].counterpart == 3);
    BOOST_TEST((r.enumerated[2].outcome == Outcome::Extra));
    BOOST_TEST((r.enumerated[4].outcome == Outcome::Duplicate));
    BOOST_TEST(r.enumerated[4].counterpart == 0);
    BOOST_TEST(r.stats.of(Outcome::Matched) == 2u);
    BOOST_TEST(r.stats.of(Outcome::Duplicate) == 1u);
}

BOOST_AUTO_TEST_CASE(supervisor_decisions_override_the_scores) {
    const std::vector<MatchRecord> listed = {
        person("L1", "", "Омарова", "Салтанат", "Серікқызы", Sex::Female, "1990-01-01"),
        person("L2", "", "Ким", "Ольга", "", Sex::Female, "1975-04-04"),
    };
    const std::vector<MatchRecord> enumerated = {
        person("E1", "", "Омарова", "Салтанат", "Серікқызы", Sex::Female, "1990-01-01"),
        person("E2", "", "Пак", "Ольга", "", Sex::Female, "1975-04-04"),   // married name: below auto
        person("E3", "", "Омарова", "Салтанат", "Серікқызы", Sex::Female, "1990-01-01", "120340098765"),
    };
    const Reconciliation before = reconcile(listed, enumerated);
    BOOST_TEST((before.listed[0].outcome == Outcome::Matched));
    BOOST_TEST((before.listed[1].outcome != Outcome::Matched));
    BOOST_TEST((before.enumerated[2].outcome == Outcome::Duplicate));

    const std::vector<SupervisorDecision> decisions = {
        {"L1", "E1", Verdict::NonMatch},     // namesakes: not the same woman
        {"L2", "E2", Verdict::Match},
        {"E1", "E3", Verdict::NotDuplicate},
    };
    const Reconciliation after = reconcile(listed, enumerated, decisions);
    BOOST_TEST((after.listed[1].outcome == Outcome::Matched));
    BOOST_TEST(after.listed[1].by_supervisor);
    BOOST_TEST(after.listed[0].counterpart != 0);   // may still pair with E3, never with E1
    BOOST_TEST((after.enumerated[2].outcome != Outcome::Duplicate || after.enumerated[2].counterpart != 0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(reconcile_generated)

BOOST_AUTO_TEST_CASE(a_noisy_region_is_reconciled_with_high_precision_and_recall) {
    testing::NoiseOptions o;
    o.kits = 20;
    o.persons_per_kit = 500;
    const testing::NoisyWorld w = testing::make_noisy_world(o);
    const auto t0 = std::chrono::steady_clock::now();
    const Reconciliation r = reconcile(w.listed, w.enumerated);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::size_t auto_matched = 0, auto_right = 0, reviewed = 0, review_right = 0, true_pairs = 0;
    std::vector<bool> enumerated_truth_seen;
    {
        std::int64_t max_truth = 0;
        for (auto t : w.enumerated_truth) max_truth = std::max(max_truth, t);
        enumerated_truth_seen.assign(static_cast<std::size_t>(max_truth) + 1, false);
        for (auto t : w.enumerated_truth) enumerated_truth_seen[static_cast<std::size_t>(t)] = true;
    }
    for (std::size_t i = 0; i < w.listed.size(); ++i) {
        const auto t = static_cast<std::size_t>(w.listed_truth[i]);
        if (t < enumerated_truth_seen.size() && enumerated_truth_seen[t]) ++true_pairs;
        const PersonResult& p = r.listed[i];
        const bool right = p.counterpart >= 0 && w.enumerated_truth[static_cast<std::size_t>(p.counterpart)] == w.listed_truth[i];
        if (p.outcome == Outcome::Matched) {
            ++auto_matched;
            auto_right += right;
        } else if (p.outcome == Outcome::Review || p.outcome == Outcome::Conflict) {
            ++reviewed;
            review_right += right;
        }
    }
    const double precision = double(auto_right) / double(auto_matched);
    const double recall = double(auto_right) / double(true_pairs);
    const double recall_after_review = double(auto_right + review_right) / double(true_pairs);

    std::size_t dup_found = 0;
    for (auto [orig, copy] : w.duplicates) {
        const PersonResult& a = r.enumerated[orig];
        const PersonResult& b = r.enumerated[copy];
        if ((b.outcome == Outcome::Duplicate && b.counterpart == static_cast<std::int32_t>(orig)) ||
            (a.outcome == Outcome::Duplicate && a.counterpart == static_cast<std::int32_t>(copy)))
            ++dup_found;
    }
    std::size_t false_dups = 0;
    for (std::size_t e = 0; e < r.enumerated.size(); ++e)
        if (r.enumerated[e].outcome == Outcome::Duplicate &&
            w.enumerated_truth[e] != w.enumerated_truth[static_cast<std::size_t>(r.enumerated[e].counterpart)])
            ++false_dups;
    std::size_t conflicts_found = 0;
    for (auto i : w.conflicts) conflicts_found += r.listed[i].outcome == Outcome::Conflict;
    std::size_t missing_found = 0, extra_found = 0;
    for (auto i : w.missing) missing_found += r.listed[i].outcome == Outcome::Missing;
    for (auto e : w.extra) extra_found += r.enumerated[e].outcome == Outcome::Extra;

    BOOST_TEST_MESSAGE("listed " << w.listed.size() << ", enumerated " << w.enumerated.size() << " in " << seconds << " s; pairs "
                       << r.stats.pairs_compared << " + " << r.stats.duplicate_pairs_compared << " (dups), skipped blocks "
                       << r.stats.oversized_blocks_skipped);
    BOOST_TEST_MESSAGE("auto " << auto_matched << " precision " << precision << " recall " << recall << "; review "
                       << reviewed << " (right " << review_right << "), recall after review " << recall_after_review);
    BOOST_TEST_MESSAGE("duplicates " << dup_found << "/" << w.duplicates.size() << " (false " << false_dups << "), conflicts "
                       << conflicts_found << "/" << w.conflicts.size() << ", missing " << missing_found << "/" << w.missing.size()
                       << ", extra " << extra_found << "/" << w.extra.size());

    BOOST_TEST(precision >= 0.999);
    BOOST_TEST(recall >= 0.97);
    BOOST_TEST(recall_after_review >= 0.995);
    BOOST_TEST(dup_found >= w.duplicates.size() * 95 / 100);
    BOOST_TEST(false_dups <= w.duplicates.size() / 20);
    BOOST_TEST(!w.conflicts.empty());
    BOOST_TEST(conflicts_found >= w.conflicts.size() * 9 / 10);
    BOOST_TEST(missing_found >= w.missing.size() * 95 / 100);
    BOOST_TEST(extra_found >= w.extra.size() * 95 / 100);
}

BOOST_AUTO_TEST_SUITE_END()
