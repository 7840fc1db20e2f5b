#pragma once
// Where the counts a screen shows come from (db/README.md, "Department summaries").
#include <string>

namespace sanaq {

/// In a workspace with per-role keys a role that does not open the census part (an
/// administrator) sees the coverage and outbox counts that a census holder's session stored in
/// the department's part, as they were when stored; everyone else sees them counted now.
struct CountsSource {
    bool summary = false;   // false: counted now from the records
    std::string as_of_utc;  // summary: when a census holder stored it ("" = none has yet)
    friend bool operator==(const CountsSource&, const CountsSource&) = default;
};

}  // namespace sanaq
