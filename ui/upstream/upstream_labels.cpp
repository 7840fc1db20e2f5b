#include "ui/upstream/upstream_labels.h"

#include <wx/intl.h>

#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/devices/devices_panel.h"
#include "ui/common/palette.h"

namespace sanaq::ui {

wxString upstream_time_text(const std::string& iso_utc) {
    return iso_utc.empty() ? wxString() : utc_time_text(iso_utc);
}

wxString batch_state_text(BatchState state) { return tr_label(batch_state_label(state)); }

wxString batch_problem_text(const UpstreamBatch& batch) {
    // An accepted or discarded batch has no problem left, whatever its last attempt met.
    if (batch.last_error_code.empty() || batch.state == BatchState::Accepted || batch.state == BatchState::Discarded)
        return {};
    return tr_label(upstream::failure_message(batch.last_error_code));
}

wxString first_sentence(const wxString& text) {
    const int end = text.Find(". ");
    return end == wxNOT_FOUND ? text : text.Left(static_cast<size_t>(end) + 1);
}

wxString short_batch_id(const std::string& uuid) { return from_utf8(uuid.substr(0, 8)); }

wxString batch_when_text(const UpstreamBatch& batch) {
    switch (batch.state) {
        case BatchState::Accepted: return upstream_time_text(batch.accepted_at_utc);
        case BatchState::Queued:
            // TRANSLATORS: Upstream screen, "Accepted / next try" column: a queued batch goes at the next send.
            return batch.next_attempt_at_utc.empty() ? _("at the next send") : upstream_time_text(batch.next_attempt_at_utc);
        // TRANSLATORS: Upstream screen, "Accepted / next try" column: a supervisor must release it first.
        case BatchState::AwaitingRelease: return _("after release");
        // TRANSLATORS: Upstream screen, "Accepted / next try" column of a held batch: retry or discard it.
        case BatchState::Held: return _("when retried");
        case BatchState::Discarded: return {};
    }
    return {};
}

std::optional<wxColour> batch_colour(const UpstreamBatch& batch) {
    if (batch.state == BatchState::Held) return palette::error_text();
    if (batch.state == BatchState::AwaitingRelease) return palette::warning_text();
    if (batch.state == BatchState::Queued && !batch.last_error_code.empty()) return palette::warning_text();
    if (batch.state == BatchState::Discarded) return palette::muted_text();
    return std::nullopt;
}

wxString batch_details_text(const UpstreamBatch& b) {
    wxString out;
    auto line = [&](const wxString& text) { out += text + "\n"; };
    line(format_text(_("Batch {}: {}"), {from_utf8(b.uuid), batch_state_text(b.state)}));
    line(format_text(_("Formed {} by {}: {} and {}; {} KB to send."),
                     {upstream_time_text(b.created_at_utc), from_utf8(b.created_by), households_text(b.households),
                      persons_text(b.persons), count_text((b.compressed_size + 1023) / 1024)}));
    if (!b.released_by.empty())
        line(format_text(_("Released {} by {}."), {upstream_time_text(b.released_at_utc), from_utf8(b.released_by)}));
    if (b.attempts > 0)
        line(format_text(wxPLURAL("{} attempt, the last {}.", "{} attempts, the last {}.", b.attempts),
                         {count_text(b.attempts), upstream_time_text(b.last_attempt_at_utc)}));
    else
        line(_("Not sent yet."));
    if (b.state == BatchState::Queued && !b.next_attempt_at_utc.empty())
        line(format_text(_("Next try: {}."), {upstream_time_text(b.next_attempt_at_utc)}));
    const wxString problem = batch_problem_text(b);
    if (!problem.empty()) line(format_text(_("Problem: {}"), {problem}));
    // The server's or the TLS library's own words: for the administrator and the census database's operators.
    if (!b.last_error.empty() && !problem.empty())
        line(format_text(_("Technical detail: {}"), {from_utf8(b.last_error)}));
    if (b.state == BatchState::Accepted) {
        line(format_text(_("Accepted {}; the receipt:"), {upstream_time_text(b.accepted_at_utc)}));
        line(from_utf8(b.receipt_json));
    }
    line(format_text(_("Content digest (SHA-256): {}"), {from_utf8(b.digest)}));
    return out;
}

wxString upstream_config_text(const std::optional<upstream::ConfigSummary>& config) {
    if (!config)
        return _("Sending to the census database is not set up on this workstation. An administrator sets it up "
                 "with the command \"sanaq upstream configure\".");
    wxString text;
    if (config->workstation.empty())  // the stored PKCS#12 no longer opens
        text = format_text(_("Sends to {}, but the client certificate cannot be read. An administrator runs "
                             "\"sanaq upstream configure\" again."),
                           {from_utf8(config->url)});
    else
        text = format_text(_("Sends to {} as workstation {}; its certificate is valid until {}."),
                           {from_utf8(config->url), from_utf8(config->workstation),
                            upstream_time_text(config->certificate_not_after)});
    if (config->release_required) text += " " + _("A supervisor releases each batch before it goes.");
    return text;
}

wxString last_success_text(const OutboxStats& stats) {
    return stats.last_accepted_at_utc.empty() ? _("nothing has been accepted yet") : upstream_time_text(stats.last_accepted_at_utc);
}

wxString batches_text(std::int64_t n) {
    return format_text(wxPLURAL("{} batch", "{} batches", static_cast<unsigned long>(n)), {count_text(n)});
}

wxString persons_text(std::int64_t n) {
    return format_text(wxPLURAL("{} person", "{} persons", static_cast<unsigned long>(n)), {count_text(n)});
}

wxString households_text(std::int64_t n) {
    return format_text(wxPLURAL("{} household", "{} households", static_cast<unsigned long>(n)), {count_text(n)});
}

}  // namespace sanaq::ui
