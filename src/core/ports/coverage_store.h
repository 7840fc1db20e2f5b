#pragma once
// Store ports for coverage reconciliation: institutions' lists and their versions,
// saved column mappings, the per-person results of the last reconciliation with the coverage
// figures aggregated from them, and the supervisors' review queue with its decisions.
// Implemented by db/ (SQLCipher, migration m005); called inside Store::write/read like the rest.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/domain/coverage.h"
#include "core/error.h"

namespace sanaq {

class ListRepository {
public:
    virtual ~ListRepository() = default;
    /// Stores one version with its entries and returns the list's id. AlreadyExists when
    /// (BIN, as_of, version) is taken; NotFound for an unregistered institution.
    virtual Result<std::int64_t> insert(const StoredList& list, std::span<const ListedPerson> entries) = 0;
    virtual Result<std::optional<StoredList>> find(std::int64_t id) = 0;
    /// Every version of one institution's lists (all institutions' when `bin` is empty), newest
    /// first: by as_of descending, then version descending.
    virtual Result<std::vector<StoredList>> versions(std::string_view bin) = 0;
    /// The version reconciliation uses: the latest as_of, and within it the highest version.
    virtual Result<std::optional<StoredList>> current(std::string_view bin) = 0;
    /// The current version of every institution that has a list, by BIN.
    virtual Result<std::vector<StoredList>> current_lists() = 0;
    /// 1 + the highest version stored for (BIN, as_of), 1 when none.
    virtual Result<int> next_version(std::string_view bin, std::string_view as_of) = 0;
    /// A version's entries in line order.
    virtual Result<std::vector<ListedPerson>> entries(std::int64_t list_id) = 0;
    /// The entry with this record_id in its institution's current list.
    virtual Result<std::optional<ListedPerson>> find_current_entry(std::string_view record_id) = 0;

    /// Saved column mappings per institution, by a name the user chose ("default" when none).
    virtual Status save_mapping(std::string_view bin, std::string_view name, std::string_view mapping_json,
                                std::string_view saved_at_utc, std::string_view saved_by) = 0;
    virtual Result<std::optional<std::string>> find_mapping(std::string_view bin, std::string_view name) = 0;
    /// (name, mapping_json) of one institution's mappings, by name.
    virtual Result<std::vector<std::pair<std::string, std::string>>> mappings(std::string_view bin) = 0;
};

/// The channel files of the census database (people counted online or by tablets synced over
/// VPN), versioned per source. Census part: they hold personal data.
class ChannelRepository {
public:
    virtual ~ChannelRepository() = default;
    /// Stores one version with its records; AlreadyExists when (source, version) is taken.
    virtual Result<std::int64_t> insert(const ChannelFile& file, std::span<const ChannelRecord> records) = 0;
    /// Every version of one source (all sources when empty), newest first.
    virtual Result<std::vector<ChannelFile>> versions(std::string_view source) = 0;
    /// The highest version of every source, by source.
    virtual Result<std::vector<ChannelFile>> current_files() = 0;
    /// 1 + the highest version of the source, 1 when none.
    virtual Result<int> next_version(std::string_view source) = 0;
    /// A version's records in line order.
    virtual Result<std::vector<ChannelRecord>> records(std::int64_t file_id) = 0;
    /// The records of every source's current version, streamed (a million never sit twice).
    virtual Status scan_current(const std::function<void(ChannelRecord&&)>& visit) = 0;
};

class ReconciliationRepository {
public:
    virtual ~ReconciliationRepository() = default;
    /// Every stored person with their household's institution and KATO and the day their
    /// revision was pulled; only those enumerated at one institution when `bin` is not empty.
    /// Streams in storage order so a million persons never sit in memory twice.
    virtual Status scan_enumerated(std::string_view bin, const std::function<void(EnumeratedPerson&&)>& visit) = 0;
    virtual Result<std::optional<EnumeratedPerson>> find_enumerated(std::string_view uuid) = 0;

    virtual Result<std::int64_t> begin_run(const ReconcileRun& run) = 0;   // returns its id
    virtual Status finish_run(const ReconcileRun& run) = 0;                 // by id
    virtual Result<std::optional<ReconcileRun>> last_run() = 0;             // the last finished one
    /// Replaces every stored per-person result with these (one run's).
    virtual Status replace_results(std::span<const ReconciledPerson> results) = 0;
    virtual Result<std::optional<ReconciledPerson>> find_result(char side, std::string_view record_id) = 0;
    /// Changes (or adds) one person's outcome: a supervisor's decision taking effect before the
    /// next run. By (side, record_id).
    virtual Status update_result(const ReconciledPerson& result) = 0;
    /// Replaces every stored result's traits (channel, source, resident category) with these.
    virtual Status replace_traits(std::span<const ResultTraits> traits) = 0;
    /// (replace_results stores what changed: a re-run that changes nothing writes nothing.)

    /// Coverage rows at that level over institutions with a current list; names from the
    /// institution register. Rows by key.
    virtual Result<std::vector<CoverageRow>> coverage(CoverageLevel level) = 0;
    /// Day by day, over one institution (or all when `bin` is empty).
    virtual Result<std::vector<ProgressPoint>> progress(std::string_view bin) = 0;
    /// One institution's persons with their outcomes: the listed ones (matched or not) and the
    /// enumerated ones there that no listed person took. Listed first, by line.
    virtual Result<std::vector<PersonOutcome>> people(std::string_view bin) = 0;
    /// Where coverage(), progress() and last_run() take their figures from: the results
    /// themselves, or — per-role keys, a session without the census part (an administrator) —
    /// the department's summary, as of when a census holder stored it. people() and everything
    /// else about persons refuses there (PermissionDenied).
    virtual Result<CountsSource> counts_source() = 0;
};

class ReviewRepository {
public:
    virtual ~ReviewRepository() = default;
    /// Records the pairs a run proposes: new pairs come in Open; known ones get the new score,
    /// levels and run id (Gone ones reopen unless decided); Open items this run did not propose
    /// become Gone. Decided and awaiting items keep their state.
    virtual Status merge_proposals(std::span<const ReviewItem> proposed, std::int64_t run_id) = 0;
    /// Items in `state` (every state when nullopt), of one institution when `bin` is not empty;
    /// lowest score first is not useful to people — by institution, then descending score.
    virtual Result<std::vector<ReviewItem>> items(std::optional<ReviewState> state, std::string_view bin) = 0;
    virtual Result<std::optional<ReviewItem>> find(std::int64_t id) = 0;
    virtual Status set_state(std::int64_t id, ReviewState state) = 0;
    virtual Result<std::int64_t> count(ReviewState state) = 0;

    virtual Result<std::int64_t> add_decision(const ReviewDecision& decision) = 0;   // returns its id
    virtual Status confirm_decision(std::int64_t decision_id, std::string_view by, std::string_view at_utc) = 0;
    /// One item's decisions, oldest first.
    virtual Result<std::vector<ReviewDecision>> decisions(std::int64_t review_id) = 0;
    /// For each pair the latest effective decision (what reconciliation applies), by id.
    virtual Result<std::vector<ReviewDecision>> effective_decisions() = 0;
};

}  // namespace sanaq
