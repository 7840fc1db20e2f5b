#pragma once
// An institution's list with some rows made uncertain, so that a reconciliation has pairs for a
// supervisor to decide (the coverage screens' test and the department's day).
#include <filesystem>
#include <string>

#include "census_sim/simulated_list.h"

namespace sanaq::test {

/// The same list with `n` clean rows made uncertain — no IIN, another patronymic, the year of birth
/// one digit off — so that they score between the review and the auto-match thresholds (src/matching
/// README: about +22 against +30), and a note added to the next clean row (a changed entry).
/// Written as CSV; returns the list's as-of date.
std::string write_uncertain_list(const std::filesystem::path& path, const census_sim::MakeListRequest& request, int n);

}  // namespace sanaq::test
