#pragma once
// The statistics bureau's KATO classifier file (XLSX, or CSV saved from it) read into checked
// territory entries. Its columns: te (the 9-digit code), ab, cd, ef, hij (the code's levels),
// k (a kind), name_kaz, name_rus, nn (a note). The file comes from outside and is untrusted: it is
// read within read_table's budgets, and within the entry and time budgets below. Spec: README.md
// beside this file ("KATO classifier").
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/territories.h"
#include "core/error.h"
#include "tables/table.h"

namespace sanaq::tables {

/// Entries of one edition: the real classifier has about 15,000; a file claiming far more is not one.
inline constexpr std::size_t kMaxClassifierEntries = 60000;
/// Time to check the entries of one file, past reading it (milliseconds on a real file).
inline constexpr std::chrono::seconds kClassifierTimeBudget{30};

struct KatoClassifier {
    std::vector<KatoTerritory> entries;  // every entry, checked, in file order (edition set)
    std::vector<Error> problems;         // InvalidInput, one per bad row ("Row {}: ..."); none to store
    int header_line = 0;                 // 1-based
};

/// Finds the header (the first row among the first 20 naming te, name_kaz and name_rus; case and
/// spaces do not count), then checks every non-empty row below: te 9 digits, ab/cd/ef/hij (where
/// given) its digits, a name in at least one language, no code twice, and a region the edition
/// has (a 2022 file given as 2013 fails on Abai, Zhetysu and Ulytau). Fails (InvalidInput) with
/// no header, an unknown edition, more than kMaxClassifierEntries entries, or past `budget`.
Result<KatoClassifier> parse_kato_classifier(const Table& table, std::string_view edition,
                                             std::chrono::milliseconds budget = kClassifierTimeBudget);

}  // namespace sanaq::tables
