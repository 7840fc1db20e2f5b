#pragma once
// A simulated region for matching tests and the benchmark: census_sim's people enumerated by
// their kits, and institutions' lists of the same people typed again with realistic noise.
// Every record carries the generator's truth (which person it is), so precision and recall can
// be measured.
#include <cstdint>
#include <vector>

#include "matching/matcher.h"

namespace sanaq::matching::testing {

struct NoiseOptions {
    std::uint64_t seed = 7;
    int kits = 10;                    // one institution each
    std::int64_t persons_per_kit = 500;
    double missing = 0.03;            // listed, never enumerated
    double extra = 0.03;              // enumerated, not on the list
    double duplicate = 0.01;          // enumerated a second time (half in another institution)
    double conflict = 0.003;          // the list row carries the person's IIN with someone else's name and birth date
    double list_typing = 1.0;         // scales the list's typing noise (0: a clean copy)
};

struct NoisyWorld {
    std::vector<MatchRecord> listed, enumerated;
    std::vector<std::int64_t> listed_truth, enumerated_truth;   // person ordinal
    std::vector<std::pair<std::uint32_t, std::uint32_t>> duplicates;   // enumerated (original, copy)
    std::vector<std::uint32_t> conflicts;    // listed indices
    std::vector<std::uint32_t> missing;      // listed indices not enumerated
    std::vector<std::uint32_t> extra;        // enumerated indices not listed
};

NoisyWorld make_noisy_world(const NoiseOptions& options);

}  // namespace sanaq::matching::testing
