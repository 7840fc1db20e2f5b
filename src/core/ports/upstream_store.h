#pragma once
// Store port for the upstream outbox. Implemented by db/ (migration m006). Called
// inside Store::write/read like every other repository.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"
#include "core/domain/upstream.h"
#include "core/error.h"

namespace sanaq {

struct PendingHousehold {
    std::int64_t row_id = 0;
    Household record;
    RecordProvenance from;
};
struct PendingPerson {
    std::int64_t row_id = 0;
    Person record;
    RecordProvenance from;
};

class OutboxRepository {
public:
    virtual ~OutboxRepository() = default;
    /// Records whose current revision is in no live (not discarded) batch, by row id, starting
    /// after `after_row_id`, at most `limit`. The caller walks the table with the last row id it
    /// got, so forming many batches reads each record once.
    virtual Result<std::vector<PendingHousehold>> pending_households(std::int64_t after_row_id,
                                                                     std::size_t limit) = 0;
    virtual Result<std::vector<PendingPerson>> pending_persons(std::int64_t after_row_id,
                                                               std::size_t limit) = 0;
    /// The pending persons of one stored household (persons.household_id), by row id, after
    /// `after_row_id`, at most `limit`: what goes in a batch with that household.
    virtual Result<std::vector<PendingPerson>> pending_persons_of_household(std::int64_t household_row_id,
                                                                            std::int64_t after_row_id,
                                                                            std::size_t limit) = 0;
    /// Stores a formed batch, its compressed body and its members. AlreadyExists on the UUID.
    virtual Status insert_batch(const UpstreamBatch& batch, std::string_view compressed_body,
                                std::span<const BatchMember> members) = 0;
    virtual Result<std::optional<UpstreamBatch>> find_batch(std::string_view uuid) = 0;
    virtual Result<std::string> batch_body(std::string_view uuid) = 0;   // NotFound if absent
    /// Newest first; only one state's when given; at most `limit` (0 = all).
    virtual Result<std::vector<UpstreamBatch>> batches(std::optional<BatchState> state,
                                                       std::size_t limit) = 0;
    /// Queued batches whose next attempt is due at `now_utc` ("" next attempt = due), oldest first.
    virtual Result<std::vector<UpstreamBatch>> due_batches(std::string_view now_utc) = 0;
    /// Replaces the mutable fields (state, release, attempts, errors, acceptance, receipt).
    virtual Status update_batch(const UpstreamBatch& batch) = 0;
    /// Drops a batch's members (its records become pending again); the caller sets the state.
    virtual Status release_members(std::string_view uuid) = 0;
    /// The latest live batch that carried this record, if any.
    virtual Result<std::optional<SendingMark>> mark_of(RecordKind kind, std::string_view uuid) = 0;
    /// Counted now; or — per-role keys, a session without the census part (an administrator) —
    /// the department's summary (`source` says which, and as of when). The batches themselves
    /// are census's: everything else here refuses in such a session (PermissionDenied).
    virtual Result<OutboxStats> stats() = 0;
};

}  // namespace sanaq
