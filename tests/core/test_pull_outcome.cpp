// A pull's outcome as stored text: the codes workspaces already hold read back as the same
// outcome, and a code this version does not know is no outcome at all (never a guess).
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "core/domain/package.h"

using namespace sanaq;

BOOST_AUTO_TEST_SUITE(pull_outcome)

BOOST_AUTO_TEST_CASE(every_outcome_round_trips_through_its_code) {
    std::set<std::string> codes;
    for (auto outcome : {PullOutcome::Complete, PullOutcome::Interrupted, PullOutcome::Cancelled,
                         PullOutcome::Failed}) {
        const std::string code = pull_outcome_code(outcome);
        BOOST_TEST(codes.insert(code).second, "two outcomes share the code " << code);
        const auto back = parse_pull_outcome(code);
        BOOST_REQUIRE(back.has_value());
        BOOST_TEST((*back == outcome));
    }
}

BOOST_AUTO_TEST_CASE(the_codes_are_the_text_existing_workspaces_hold) {
    BOOST_TEST(std::string(pull_outcome_code(PullOutcome::Complete)) == "complete");
    BOOST_TEST(std::string(pull_outcome_code(PullOutcome::Interrupted)) == "interrupted");
    BOOST_TEST(std::string(pull_outcome_code(PullOutcome::Cancelled)) == "cancelled");
    BOOST_TEST(std::string(pull_outcome_code(PullOutcome::Failed)) == "failed");
}

BOOST_AUTO_TEST_CASE(an_unknown_code_is_no_outcome) {
    for (const char* code : {"", "Complete", "complete ", "done", "0", "interrupted\n"})
        BOOST_TEST(!parse_pull_outcome(code).has_value(),
                   "'" << code << "' was read as an outcome");
}

BOOST_AUTO_TEST_SUITE_END()
