#pragma once
// The supervisors' review queue: uncertain pairs side by side with the score and
// its reasons; decisions with a reason, audited, optionally four-eyes (a decision counts once a
// second supervisor confirms it). A decision takes effect at once in the stored results and on
// every later reconciliation.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/coverage.h"
#include "core/usecases/session.h"
#include "matching/matcher.h"

namespace sanaq {

/// Open items (the queue) or those in `state`; one institution's when `bin` is not empty.
/// ViewCensusData.
Result<std::vector<ReviewItem>> review_queue(Session& session, std::optional<ReviewState> state = ReviewState::Open,
                                             const std::string& bin = {});

/// A field of the two records side by side.
struct ReviewField {
    matching::Field field;
    std::string first, second;        // as written on each side
    matching::Level level = matching::Level::Missing;
    double weight = 0;                // its part of the score
    bool differs = false;             // not Exact/Missing: highlight it
};

struct ReviewCase {
    ReviewItem item;
    std::optional<ListedPerson> listed;            // Pair items
    std::optional<EnumeratedPerson> first, second; // first: Duplicate items; second: both kinds
    std::vector<ReviewField> fields;               // in matching::Field order
    double auto_match_at = 0, review_at = 0;       // the item kind's thresholds (duplicates: duplicate_at, duplicate_review_at)
    std::vector<ReviewDecision> decisions;         // oldest first
};
/// ViewCensusData.
Result<ReviewCase> review_case(Session& session, std::int64_t id);

/// Decides an item (DecideReview; reason required). Pair items take Match or NonMatch, duplicate
/// items Duplicate or NonMatch (Match is read as Duplicate there). With four-eyes on, the item
/// waits for confirmation and nothing changes in the results yet.
Result<ReviewDecision> decide_review(Session& session, std::int64_t id, ReviewVerdict verdict, const std::string& reason);
/// A second supervisor confirms the item's pending decision (not the one who made it).
Result<ReviewDecision> confirm_review(Session& session, std::int64_t id);

/// Whether decisions need a second supervisor (setting "review.four_eyes"); changing it is
/// ManageSettings, audited.
Result<bool> four_eyes_required(Session& session);
Status set_four_eyes_required(Session& session, bool required);

}  // namespace sanaq
