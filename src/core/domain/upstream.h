#pragma once
// Forwarding to the census database: the outbox of batches and every record's sending
// mark. A batch is formed once, its exact bytes kept in the store, and sent (again and again if
// need be) under the same UUID until the server gives a receipt — so a record goes up exactly
// once per revision whatever the network does. The wire format is in src/upstream/README.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/domain/counts_source.h"

namespace sanaq {

enum class BatchState {
    AwaitingRelease,   // formed; a supervisor must release it first (four-eyes setting)
    Queued,            // ready to send, or waiting for its next attempt after a temporary failure
    Accepted,          // the server gave a receipt (201, or 200 for a batch it already held)
    Held,              // a permanent refusal (409 or another 4xx): a person must look
    Discarded,         // given up by a person; its records are pending again
};
std::string_view batch_state_code(BatchState state);   // "awaiting_release", "queued", ...
std::optional<BatchState> parse_batch_state(std::string_view code);
const char* batch_state_label(BatchState state);       // msgid for display

enum class RecordKind { Household, Person };
std::string_view record_kind_code(RecordKind kind);    // "household", "person"

/// One batch in the outbox. Its body (gzip of the JSON-lines text) is stored beside it and never
/// changes once formed.
struct UpstreamBatch {
    std::string uuid;
    BatchState state = BatchState::Queued;
    std::string created_at_utc;
    std::string created_by;
    std::int64_t households = 0;
    std::int64_t persons = 0;
    std::string digest;                // SHA-256 of the uncompressed body, lower-case hex
    std::string signature;             // base64, by the workstation's client-certificate key
    std::int64_t body_size = 0;        // uncompressed bytes
    std::int64_t compressed_size = 0;  // bytes on the wire
    std::string released_by;           // four-eyes: who released it ("" when not required)
    std::string released_at_utc;
    int attempts = 0;
    std::string last_attempt_at_utc;
    std::string next_attempt_at_utc;   // "" = as soon as possible
    std::string last_error_code;       // upstream::error code of the last failure ("" = none)
    std::string last_error;            // its detail, as the client or the server put it
    std::string accepted_at_utc;       // when the receipt came
    std::string receipt_json;          // the server's signed receipt, verbatim
};

/// A record placed in a batch at one revision.
struct BatchMember {
    RecordKind kind = RecordKind::Person;
    std::int64_t row_id = 0;     // the record's row in the store (stable across revisions)
    std::string uuid;
    int revision = 1;
};

/// A record's sending mark: the batch that carried its current (or latest sent) revision.
struct SendingMark {
    std::string batch_uuid;
    int revision = 0;
    BatchState state = BatchState::Queued;
    std::string sent_at_utc;     // the batch's accepted_at_utc ("" until accepted)
    std::string receipt_json;
};

/// What the outbox holds, for `upstream status` and the Upstream screen.
struct OutboxStats {
    std::int64_t pending_households = 0;   // not yet in a live batch at their current revision
    std::int64_t pending_persons = 0;
    std::int64_t batches_awaiting_release = 0;
    std::int64_t batches_queued = 0;
    std::int64_t batches_accepted = 0;
    std::int64_t batches_held = 0;
    std::int64_t batches_discarded = 0;
    std::int64_t persons_queued = 0;       // in awaiting-release or queued batches
    std::int64_t persons_accepted = 0;
    std::string last_accepted_at_utc;      // "" when nothing has gone yet
    CountsSource source;                   // counted now, or the department's summary as of when
};

}  // namespace sanaq
