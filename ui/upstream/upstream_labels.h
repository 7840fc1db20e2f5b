#pragma once
// Short texts for the Upstream screen: a batch's state, its problem in a person's words, its
// number in short, the configuration line and the outbox counts. The core gives msgids
// (batch_state_label, upstream::failure_message); these put them in the interface language.
#include <cstdint>
#include <optional>
#include <string>

#include <wx/colour.h>
#include <wx/string.h>

#include "core/domain/upstream.h"
#include "upstream/client/outbox.h"

namespace sanaq::ui {

/// A stored UTC time as the workstation's local time ("" stays "").
wxString upstream_time_text(const std::string& iso_utc);
/// "queued", "held", ... in the interface language.
wxString batch_state_text(BatchState state);
/// The problem of a batch's last attempt in a person's words ("" when the last attempt went well).
wxString batch_problem_text(const UpstreamBatch& batch);
/// Up to the end of the first sentence (". "), for a list column; the whole text when it has one.
wxString first_sentence(const wxString& text);
/// The first eight characters of a batch UUID: enough to tell the batches of one workstation apart.
wxString short_batch_id(const std::string& uuid);
/// "accepted at" for an accepted batch, "next try" for a queued one, else what it waits for.
wxString batch_when_text(const UpstreamBatch& batch);
/// Text colour of a batch's row: red for held, amber for one that failed or waits for release.
std::optional<wxColour> batch_colour(const UpstreamBatch& batch);
/// Everything about one batch, one fact a line, for the details pane.
wxString batch_details_text(const UpstreamBatch& batch);
/// Where the batches go and with which certificate; or that an administrator must set it up.
wxString upstream_config_text(const std::optional<upstream::ConfigSummary>& config);
/// "2026-11-22 14:14:03" or "nothing has been accepted yet".
wxString last_success_text(const OutboxStats& stats);
/// "{} batches" and the like, with the plural the language wants.
wxString batches_text(std::int64_t batches);
wxString persons_text(std::int64_t persons);
wxString households_text(std::int64_t households);

}  // namespace sanaq::ui
