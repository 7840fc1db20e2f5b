#pragma once
// Coverage reconciliation as the store keeps it: institutions' lists as stored
// versions, the outcome of the last reconciliation per person, the supervisors' review queue and
// decisions, and the coverage figures aggregated from them. Plain values; the matching itself is
// src/matching, reading list files src/lists, the use cases src/coverage.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"
#include "core/domain/counts_source.h"
#include "core/domain/list_register.h"

namespace sanaq {

/// One version of one institution's list, as stored.
struct StoredList {
    std::int64_t id = 0;
    std::string institution_bin;
    std::string as_of;                 // YYYY-MM-DD
    int version = 1;                   // 1, 2, ... per institution and as-of date
    std::string source_name;           // the file's name (no directory)
    std::string imported_at_utc;
    std::string imported_by;           // user name
    std::int64_t rows_read = 0;        // rows in the file with something in a known column
    std::int64_t rows_imported = 0;    // stored entries
    std::int64_t rows_rejected = 0;    // rows left out for an error
    std::int64_t rows_with_warnings = 0;
    std::string mapping_json;          // lists::ColumnMapping::to_json() as used
    std::string encoding;              // of the file: "utf-8", "utf-8-bom", "windows-1251", "xlsx"
};

/// One person on a stored list.
struct ListedPerson {
    std::int64_t id = 0;               // row id in the store
    std::int64_t list_id = 0;
    /// Stable across versions of the institution's list, so supervisors' decisions survive a
    /// corrected list: "L:<BIN>:<IIN>" for a valid IIN, else "L:<BIN>:<hex of person_key>", else
    /// "L:<BIN>:line:<line>"; a repeat of a key gets "#2", "#3" appended.
    std::string record_id;
    int line = 0;                      // 1-based row in the file
    std::string number;                // the list's own "№"
    std::string iin;
    bool iin_valid = false;
    std::string surname, name, patronymic;
    std::string sex;                   // "M", "F" or ""
    std::string birth_date;            // YYYY-MM-DD or ""
    std::string category;              // lists::list_category_code or ""
    std::string note;
    std::string warnings;              // problem codes of the row's warnings, comma-separated
};

/// An enumerated person as reconciliation reads them: the record and where it was enumerated.
struct EnumeratedPerson {
    std::string uuid;
    std::string iin;
    std::string surname, name, patronymic;
    std::string sex;                   // "M" / "F"
    std::string birth_date;
    std::string institution_bin;       // the household's; "" for address and hotel households
    std::string kato;                  // the household's
    std::string kit_number;
    std::string package_uuid;
    std::string pulled_on;             // YYYY-MM-DD (UTC) of the pull that stored this revision
    std::string source;                // record_source_code
    std::string residence;             // residence_code
};

/// One version of the channel file the census database gives the department: the people it
/// counted itself (online, tablets synced over VPN). Versions per source, as lists per
/// institution: the highest version of a source is the one reconciliation uses.
struct ChannelFile {
    std::int64_t id = 0;
    std::string source;                // who sent it; "census_database" unless named
    int version = 1;
    std::string source_name;           // the file's name (no directory)
    std::string imported_at_utc;
    std::string imported_by;
    std::int64_t rows_read = 0;
    std::int64_t rows_imported = 0;
    std::int64_t rows_rejected = 0;
    std::int64_t rows_with_warnings = 0;
    std::string encoding;
};

/// One person a channel file says the census database counted.
struct ChannelRecord {
    std::int64_t id = 0;
    std::int64_t file_id = 0;
    /// "C:<source>:<confirmation code>", else "C:<source>:<IIN>", else "C:<source>:line:<n>";
    /// repeats get "#2", "#3". Never a UUID, so it cannot meet a pulled person's id.
    std::string record_id;
    int line = 0;
    std::string iin;
    bool iin_valid = false;
    std::string surname, name, patronymic;
    std::string birth_date;            // YYYY-MM-DD or ""
    std::string channel;               // enumeration_channel_code: "online" or "vpn_tablet"
    std::string residence;             // residence_code or "" when the file does not say
    std::string confirmation_code;
    std::string synced_at;             // as the file gives it
    std::string synced_on;             // YYYY-MM-DD of synced_at, "" when unreadable
    std::string institution_bin;       // "" when not known
    std::string kato;                  // "" when not known
    std::string warnings;              // problem codes, comma-separated
};

/// What a stored result's own record is, for the coverage breakdowns: the channel that counted
/// an enumerated record and where its answers came from, and the resident category of either
/// side (a listed person's from the list's category). Codes; "" when not known.
struct ResultTraits {
    char side = 'L';
    std::string record_id;
    std::string channel;               // enumeration_channel_code (enumerated side)
    std::string source;                // record_source_code (enumerated side)
    std::string residence;             // residence_code
};

/// Per-person outcome codes (matching::outcome_code): "matched", "review", "conflict", "missing",
/// "extra", "duplicate".
struct ReconciledPerson {
    char side = 'L';                   // 'L' listed, 'E' enumerated
    std::string record_id;             // ListedPerson::record_id or the person's UUID
    std::string institution_bin;       // listed: the list's; enumerated: the household's (may be "")
    std::string kato;                  // listed: the institution's; enumerated: the household's
    std::string outcome;
    std::string counterpart_id;        // the paired (or repeated) record, "" when none
    double score = 0;                  // with the counterpart
    std::string levels;                // matching level codes per field, comma-separated ("" when none)
    bool by_supervisor = false;
    /// The day the person counts as enumerated: for an enumerated record the day its package was
    /// pulled; for a matched listed person the counterpart's. "" otherwise.
    std::string enumerated_on;
};

struct ReconcileRun {
    std::int64_t id = 0;
    std::string started_at_utc, finished_at_utc;
    std::string user;
    std::int64_t listed = 0, enumerated = 0;
    std::int64_t matched = 0, review = 0, conflict = 0, missing = 0, extra = 0, duplicate = 0;
    std::int64_t pairs_compared = 0;
    std::int64_t decisions_applied = 0;
    double seconds = 0;
};

/// What a row of the coverage table is about.
enum class CoverageLevel { Institution, District, Region };
std::string_view coverage_level_code(CoverageLevel level);   // "institution", "district", "region"
std::optional<CoverageLevel> parse_coverage_level(std::string_view code);
/// The grouping key of a KATO code at that level: district = its first 4 digits, region = 2.
std::string kato_prefix(std::string_view kato, CoverageLevel level);

/// One row of the coverage table. Listed-side counts come from the current list versions;
/// enumerated-side ones from the persons enumerated at the institution (or in the territory).
struct CoverageRow {
    std::string key;                   // BIN, or the KATO prefix (4 or 2 digits)
    std::string name_kk, name_ru;      // institution names; for territories the classifier's ("" when unknown)
    std::string kato;                  // institution's KATO (institution rows)
    std::int64_t institutions = 0;     // with a list, in this row
    std::int64_t listed = 0;
    std::int64_t enumerated = 0;       // enumerated there (duplicates included)
    std::int64_t matched = 0;          // listed persons found enumerated
    std::int64_t review = 0;           // listed persons awaiting a supervisor
    std::int64_t conflict = 0;         // listed persons paired by IIN whose name or date disagree
    std::int64_t missing = 0;          // listed, not enumerated
    std::int64_t extra = 0;            // enumerated there, not listed
    std::int64_t duplicates = 0;       // enumerated records repeating another
    /// Listed persons matched, by the channel that counted their record (EnumerationChannel order).
    std::array<std::int64_t, kEnumerationChannelCount> matched_by_channel{};
    /// Listed persons matched, by where their record's answers came from (RecordSource order).
    std::array<std::int64_t, 2> matched_by_source{};
    /// Listed persons by their resident category: Residence order, then "not given".
    struct ResidenceCounts {
        std::int64_t listed = 0, matched = 0, missing = 0;
    };
    std::array<ResidenceCounts, 4> by_residence{};
    /// The KATO edition of `kato` (institution rows) or of the territory's prefix: territories
    /// group on (edition, prefix), so rows of the 2013 and 2022 editions are never one row. Last,
    /// so the counts above keep their places in an aggregate.
    std::string kato_version;
    /// Institution rows: the stage-1 register's status of the institution's list, when the
    /// reader holds the register (an institution that sent nothing has a row of zeros).
    std::optional<ListStatus> list_status;
    /// Adds another row's counts (institutions and people; not its key or names): totals and
    /// territories are sums of institution rows.
    void add_counts(const CoverageRow& other) {
        institutions += other.institutions;
        listed += other.listed;
        enumerated += other.enumerated;
        matched += other.matched;
        review += other.review;
        conflict += other.conflict;
        missing += other.missing;
        extra += other.extra;
        duplicates += other.duplicates;
        for (std::size_t i = 0; i < matched_by_channel.size(); ++i) matched_by_channel[i] += other.matched_by_channel[i];
        for (std::size_t i = 0; i < matched_by_source.size(); ++i) matched_by_source[i] += other.matched_by_source[i];
        for (std::size_t i = 0; i < by_residence.size(); ++i) {
            by_residence[i].listed += other.by_residence[i].listed;
            by_residence[i].matched += other.by_residence[i].matched;
            by_residence[i].missing += other.by_residence[i].missing;
        }
    }
    /// matched / listed × 100; 0 without listed persons.
    double coverage_percent() const { return listed ? 100.0 * matched / static_cast<double>(listed) : 0.0; }
};

/// Cumulative progress: listed persons matched to records pulled on or before `day`.
struct ProgressPoint {
    std::string day;                   // YYYY-MM-DD
    std::int64_t enumerated = 0;       // records pulled that day (institutions with lists)
    std::int64_t matched_cumulative = 0;
};

/// The coverage report as the CLI, the GUI and the PDF/XLSX exports show it.
struct CoverageReport {
    CoverageLevel level = CoverageLevel::Institution;
    std::vector<CoverageRow> rows;     // institution rows by BIN; territories by KATO prefix
    CoverageRow total;                 // key "" : every row together
    std::vector<ProgressPoint> progress;
    std::optional<ReconcileRun> run;   // the reconciliation the figures come from
    std::string generated_at_utc;
    std::string department_kk, department_ru;
    CountsSource source;               // rows, progress and run: counted now, or the department's summary
};

/// One person of an institution with their outcome, for the drill-down: the listed side and the
/// enumerated side (either may be empty).
struct PersonOutcome {
    std::string outcome;
    std::string listed_id, enumerated_id;
    std::string listed_iin, listed_surname, listed_name, listed_patronymic, listed_birth_date;
    int listed_line = 0;
    std::string enumerated_iin, enumerated_surname, enumerated_name, enumerated_patronymic,
        enumerated_birth_date;
    std::string kit_number;            // enumerated side
    double score = 0;
    std::string levels;
    bool by_supervisor = false;
    std::int64_t review_id = 0;        // open review item about this person, 0 when none
};

/// What a review item asks a supervisor.
enum class ReviewKind {
    Pair,        // is this listed person this enumerated record? (score between review and auto, or a conflict)
    Duplicate,   // are these two enumerated records one person counted twice?
};
std::string_view review_kind_code(ReviewKind kind);   // "pair", "duplicate"
std::optional<ReviewKind> parse_review_kind(std::string_view code);

/// A supervisor's answer. Pair items take Match or NonMatch; duplicate items Duplicate or NonMatch.
enum class ReviewVerdict { Match, NonMatch, Duplicate };
std::string_view review_verdict_code(ReviewVerdict verdict);   // "match", "nonmatch", "duplicate"
std::optional<ReviewVerdict> parse_review_verdict(std::string_view code);
const char* review_verdict_label(ReviewVerdict verdict);        // msgid

enum class ReviewState {
    Open,         // waiting for a decision
    Decided,      // decided (and confirmed where four-eyes is on)
    AwaitingConfirmation,   // four-eyes: decided by one supervisor, waiting for a second
    Gone,         // the last reconciliation no longer proposes this pair and nobody decided it
};
std::string_view review_state_code(ReviewState state);   // "open", "decided", "awaiting_confirmation", "gone"
std::optional<ReviewState> parse_review_state(std::string_view code);

/// One item of the queue, stable across reconciliation runs by (first_id, second_id).
struct ReviewItem {
    std::int64_t id = 0;
    ReviewKind kind = ReviewKind::Pair;
    std::string first_id;              // listed record_id (Pair) or an enumerated UUID (Duplicate)
    std::string second_id;             // enumerated UUID
    std::string institution_bin;       // of the listed side (Pair) or of the first record
    double score = 0;
    std::string levels;                // comma-separated level codes in matching::Field order
    bool conflict = false;             // IIN agrees, names or birth date do not
    ReviewState state = ReviewState::Open;
    std::string first_seen_at_utc;
    std::int64_t last_run_id = 0;      // the last run that proposed it
};

/// A decision about a pair of records. Four-eyes: when the workspace asks for it, a decision
/// counts only once a second supervisor confirmed it.
struct ReviewDecision {
    std::int64_t id = 0;
    std::int64_t review_id = 0;
    std::string first_id, second_id;
    ReviewVerdict verdict = ReviewVerdict::Match;
    std::string reason;
    std::string decided_by, decided_at_utc;
    std::string confirmed_by, confirmed_at_utc;   // "" until confirmed
    bool needs_confirmation = false;   // four-eyes was on when it was made
    bool effective() const { return !needs_confirmation || !confirmed_by.empty(); }
};

}  // namespace sanaq
