// The pull job (src/app/tablet_pulls.h) both programs run: tablets pulled one after another, one
// that cannot be opened reported while the next is still pulled, a cancel that starts no further
// tablet — against a real SQLCipher workspace and simulated tablets.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "app/tablet_pulls.h"
#include "support/job_expectations.h"
#include "support/pull_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

struct TwoTablets : test::PullWorkspace {
    census_sim::MadePackages first = make(dir / "kit-1001", "KIT-1001", 30, 2);
    census_sim::MadePackages second = make(dir / "kit-1002", "KIT-1002", 40, 1);
    app::Tablets tablets{nullptr, {dir / "kit-1001", dir / "kit-1002"}};

    TwoTablets() {
        enroll(first, "KIT-1001");
        enroll(second, "KIT-1002");
    }
    /// Both tablets as the Devices screen names its rows: by USB serial, not opened yet.
    std::vector<app::TabletToPull> both() const {
        std::vector<app::TabletToPull> chosen;
        for (const auto& folder : {dir / "kit-1001", dir / "kit-1002"}) {
            const auto serial = app::Tablets::simulated_serial(folder);
            chosen.push_back({serial, serial, nullptr, std::nullopt});
        }
        return chosen;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(tablet_pulls, TwoTablets)

BOOST_AUTO_TEST_CASE(each_tablet_is_pulled_in_turn_with_its_progress) {
    std::vector<std::size_t> tablets_seen;
    auto pulls = app::pull_tablets(officer, tablets, both(), [&](const app::TabletPullProgress& p) {
        BOOST_TEST(p.tablets == 2u);
        if (tablets_seen.empty() || tablets_seen.back() != p.tablet) tablets_seen.push_back(p.tablet);
    });
    BOOST_REQUIRE_EQUAL(pulls.size(), 2u);
    for (const auto& pull : pulls) BOOST_REQUIRE_MESSAGE(pull.outcome, pull.label);
    BOOST_TEST(tablets_seen == (std::vector<std::size_t>{0, 1}));
    BOOST_TEST(!app::first_failure(pulls).has_value());
    test::expect_kit_pulled_once(officer, "KIT-1001", 2, 30);
    test::expect_kit_pulled_once(officer, "KIT-1002", 1, 40);
}

BOOST_AUTO_TEST_CASE(a_tablet_gone_before_its_turn_is_reported_and_the_next_is_pulled) {
    auto chosen = both();
    tablets.remove_simulated(dir / "kit-1001");  // plugged out after the screen listed it
    auto pulls = app::pull_tablets(officer, tablets, std::move(chosen));
    BOOST_REQUIRE_EQUAL(pulls.size(), 2u);
    BOOST_TEST(!pulls[0].outcome.has_value());
    BOOST_REQUIRE(pulls[1].outcome);
    BOOST_TEST(pulls[1].outcome->persons_stored == 40);
    const auto failed = app::first_failure(pulls);
    BOOST_REQUIRE(failed);
    BOOST_TEST(failed->message_id == pulls[0].outcome.error().message_id);
    test::expect_kit_pulled_once(officer, "KIT-1002", 1, 40);
}

BOOST_AUTO_TEST_CASE(a_cancel_keeps_the_package_being_read_out_and_starts_no_further_tablet) {
    app::CancelToken cancel;
    auto pulls = app::pull_tablets(officer, tablets, both(), [&](const app::TabletPullProgress&) { cancel.cancel(); },
                                   cancel);
    BOOST_REQUIRE_EQUAL(pulls.size(), 1u);  // the second tablet was not started
    BOOST_REQUIRE(pulls[0].outcome);
    BOOST_TEST((pulls[0].outcome->outcome == PullOutcome::Cancelled));
    BOOST_TEST(pulls[0].outcome->persons_stored == 0);
    BOOST_REQUIRE(app::first_failure(pulls));
    auto stats = census_stats(officer);
    BOOST_REQUIRE(stats);
    BOOST_TEST(stats->persons == 0);
}

BOOST_AUTO_TEST_SUITE_END()
