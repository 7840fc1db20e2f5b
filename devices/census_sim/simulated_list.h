#pragma once
// An institution's list of respondents (stage 1) for the same people the simulated tablets of a
// kit enumerate (stage 2), with the differences real lists have: people left off, people listed
// but never enumerated, noisy spellings, missing or mistyped IINs, wrong birth-date digits,
// people listed twice. Deterministic by seed. `sanaq-tablet-sim make-list`.
//
// It lives here, not in src/lists: it needs the simulator's population and its internal name
// tables (names.h), and devices may depend on src, never the other way round.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "census_sim/census_sim.h"
#include "core/error.h"

namespace sanaq::census_sim {

/// Shares, each drawn independently per person (per listed row for the IIN/name/date noise).
struct ListNoise {
    double unlisted = 0.03;          // an enumerated institution resident left off the list (an "extra")
    double not_enumerated = 0.03;    // per listed person: one more person listed whom no tablet enumerates ("missing")
    double name_noise = 0.08;        // one spelling change (Kazakh letters as Russian, a Latin look-alike, swapped order, a typo)
    double iin_missing = 0.03;       // the IIN cell left empty
    double iin_mistyped = 0.02;      // two digits swapped or one digit wrong
    double birth_date_wrong = 0.02;  // one digit of the birth date wrong, or day and month swapped
    double listed_twice = 0.01;      // the person appears on a second row too
};

struct MakeListRequest {
    std::string kit_number;
    std::int64_t persons = 100;      // the kit's first `persons` enumerated people (as make_packages)
    std::uint64_t seed = 1;
    std::string expected_bin;        // when set, must be the kit's institution's BIN (a CLI's --institution)
    std::string as_of;               // YYYY-MM-DD; empty: the kit's census reference date
    std::string lang;                // "kk", "ru", "en"; empty: drawn from the seed
    int full_name_column = -1;       // 1: one "ФИО" column, 0: surname/name/patronymic; -1: drawn
    ListNoise noise;
};

/// What the generator knows about one written row (the tests' and benchmarks' truth).
struct ListRowTruth {
    int line = 0;                    // 1-based row in the written file
    std::string person_uuid;         // the enumerated Person; for not_enumerated a uuid no package holds
    bool not_enumerated = false;
    bool duplicate = false;          // the second row of a person listed twice
    bool name_noise = false;
    bool iin_missing = false;
    bool iin_mistyped = false;
    bool birth_date_wrong = false;
    std::string true_iin;            // valid IIN of the person ("" when unknown)
    std::string true_birth_date;     // YYYY-MM-DD ("" when unknown)
};

struct SimulatedList {
    SimulatedKit kit;
    std::string as_of, lang;
    bool full_name_column = false;
    std::vector<std::vector<std::string>> title_rows;   // above the header: title, institution, BIN, blank
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;         // data rows, then a signature row
    std::vector<ListRowTruth> truth;                    // one per data row, same order
    std::vector<std::string> unlisted_uuids;            // enumerated in the institution, not on the list
    std::int64_t institution_persons = 0;               // enumerated people in institution households
};

/// The list, in memory. Only people in the kit's institution households are listed (address and
/// hotel households around it are enumerated by the same tablet but belong to no list).
Result<SimulatedList> simulated_list(const MakeListRequest& request);

/// Writes the list to `path`: .csv (UTF-8 BOM, ';') or .xlsx by extension, title rows above the
/// header as institutions send them. InvalidInput for another extension or a BIN mismatch.
Result<SimulatedList> make_list(const std::filesystem::path& path, const MakeListRequest& request);

}  // namespace sanaq::census_sim
