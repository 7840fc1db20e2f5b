#pragma once
// The records of the upstream test vectors (tests/vectors/upstream/batch-v1.json): a household and
// two persons as stored from a tablet — answers in questionnaire order with the tablet's spacing,
// an escaped line break, a TAB, a quote, a backslash, a decimal. Shared by the vector tests and by
// `sanaq-upstream --conformance`, which sends them to a receiver under test.
#include <vector>

#include "core/domain/census.h"

namespace sanaq::upstream {

struct SampleRecords {
    Household household;
    std::vector<Person> persons;
    RecordProvenance from;
};
const SampleRecords& sample_records();

}  // namespace sanaq::upstream
