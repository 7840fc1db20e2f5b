#pragma once
// Reconciliation of institutions' lists against enumerated records (README.md, "Reconciliation"):
// blocking, scoring of candidate pairs, one-to-one assignment, duplicate enumerations, and
// supervisors' decisions that override the scores.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "matching/matcher.h"

namespace sanaq::matching {

/// The blocks a record falls into. Only records sharing a block are ever compared.
enum class BlockingKey : std::uint8_t {
    Iin,                   // the 12 digits
    SurnameBirthDate,      // surname stem's first 4 letters + full birth date
    NamesBirthYear,        // both name stems' first 4 letters, in either order, + birth year
    NamesMonthDay,         // both name stems' first 4 letters, in either order, + birth month and day
    InstitutionBirthDate,  // institution + full birth date
    InstitutionNamesSex,   // institution + both name stems (either order) + sex
};
inline constexpr std::size_t kBlockingKeyCount = 6;
const char* blocking_key_code(BlockingKey key);

/// Up to kBlockingKeyCount keys of one record (a key whose fields are missing is left out).
struct BlockKeys {
    std::uint64_t keys[kBlockingKeyCount];
    std::uint8_t count = 0;
};
BlockKeys blocking_keys(const PreparedRecord& record);

enum class Outcome : std::uint8_t {
    Matched,     // auto-match, or a supervisor said "match"
    Review,      // the best candidate scored between the review and auto-match thresholds
    Conflict,    // paired through an equal IIN while the names or the birth date disagree
    Missing,     // listed, not enumerated
    Extra,       // enumerated, not listed
    Duplicate,   // enumerated again: the same person as `counterpart` (another enumerated record)
};
const char* outcome_label(Outcome outcome);   // msgid
const char* outcome_code(Outcome outcome);    // "matched", "review", ...

/// A supervisor's decision about two records, by their stable ids. It overrides the score on
/// every later run: Match/NonMatch name a listed and an enumerated record; Duplicate/NotDuplicate
/// name two enumerated records.
enum class Verdict : std::uint8_t { Match, NonMatch, Duplicate, NotDuplicate };
struct SupervisorDecision {
    std::string first_id;    // listed record (Match, NonMatch) or enumerated record
    std::string second_id;   // enumerated record
    Verdict verdict = Verdict::Match;
};

struct PersonResult {
    Outcome outcome = Outcome::Missing;
    /// Matched/Review/Conflict: index of the paired record on the other side. Duplicate: index of
    /// the enumerated record this one repeats. Missing/Extra: -1.
    std::int32_t counterpart = -1;
    Comparison comparison;         // with the counterpart (explain() it); empty when none
    bool by_supervisor = false;    // a supervisor's decision, not the score, settled it
};

struct ReconcileStats {
    std::uint64_t pairs_compared = 0;          // listed × enumerated comparisons
    std::uint64_t duplicate_pairs_compared = 0;   // enumerated × enumerated comparisons
    std::uint64_t oversized_blocks_skipped = 0;   // block look-ups skipped as too large
    std::uint64_t candidate_pairs_kept = 0;       // scored at or above review (or a conflict)
    std::uint64_t count[6] = {};               // persons per Outcome, both sides together
    std::uint64_t of(Outcome o) const { return count[static_cast<std::size_t>(o)]; }
};

/// Two enumerated records alike enough to ask a supervisor (scoring between review_at and
/// duplicate_at) that nothing else links: for the review queue's "counted twice?" items.
struct PossibleDuplicate {
    std::uint32_t a = 0, b = 0;   // enumerated indexes, a < b
    Comparison comparison;
};

struct Reconciliation {
    std::vector<PersonResult> listed;       // one per listed record, in input order
    std::vector<PersonResult> enumerated;   // one per enumerated record, in input order
    /// Pairs where at most one record is paired with a listed person and neither is already a
    /// duplicate; ordered by descending score.
    std::vector<PossibleDuplicate> possible_duplicates;
    ReconcileStats stats;
};

struct ReconcileOptions {
    MatchParameters params = MatchParameters::defaults();
    /// A block with more records than this on the indexed side is not used for look-ups (it would
    /// not discriminate and would cost its square); the other keys still find the pairs.
    std::size_t max_block = 500;
    bool find_duplicates = true;   // compare enumerated records among themselves
    unsigned threads = 0;          // 0: the machine's hardware concurrency
};

/// Reconciles the listed persons of one or many institutions with the enumerated persons.
/// Cost: O(n log n) for the index plus the pairs inside blocks (bounded by max_block per key).
/// Assignment is one-to-one and greedy: supervisor matches first, then pairs by descending
/// score (ties by input order), each taken when neither record is taken yet.
Reconciliation reconcile(std::span<const MatchRecord> listed, std::span<const MatchRecord> enumerated,
                         std::span<const SupervisorDecision> decisions = {},
                         const ReconcileOptions& options = {});

}  // namespace sanaq::matching
