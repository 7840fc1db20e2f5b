#pragma once
// The upstream use cases: configure, form batches, send them exactly once, release
// (four-eyes), retry, discard, status. Forming writes each batch with its members and exact
// bytes in one transaction; sending marks a batch accepted in the transaction that stores its
// receipt. A crash anywhere leaves either a batch not yet formed (its records still pending) or a
// formed batch that is sent again under the same UUID — the receiver answers 200 with the same
// receipt — so nothing is lost and nothing is counted twice.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/upstream.h"
#include "core/usecases/session.h"
#include "upstream/client/https_transport.h"
#include "upstream/client/transport.h"
#include "upstream/client/upstream_settings.h"

namespace sanaq::upstream {

/// What `upstream configure` is given. Empty optional fields keep their stored value.
struct ConfigureRequest {
    std::string url;
    std::string ca_pem;
    std::string client_p12;
    std::string client_p12_password;
    std::optional<std::string> receipt_public_pem;
    std::optional<std::string> proxy_url;
    std::optional<bool> release_required;
    std::optional<int> max_batch;
};

/// The configuration as a person sees it (no secrets).
struct ConfigSummary {
    std::string url;
    std::string workstation;              // the client certificate's CN
    std::string certificate_not_after;
    std::string certificate_fingerprint;
    std::string ca_subject;
    bool receipts_verified = false;
    std::string proxy_url;
    bool release_required = false;
    int max_batch = 0;
};

/// ConfigureUpstream. Checks everything it can offline: the URL, the CA, that the password opens
/// the PKCS#12, that the certificate is valid now. Audited (never with the password or key).
Result<ConfigSummary> configure_upstream(Session& session, const ConfigureRequest& request);
/// ConfigureUpstream: only the four-eyes switch.
Status set_release_required(Session& session, bool required);

struct UpstreamStatus {
    OutboxStats stats;
    std::optional<ConfigSummary> config;   // nullopt: not configured
    std::vector<UpstreamBatch> recent;     // newest first; none when stats come from a summary
};
/// ViewUpstream.
Result<UpstreamStatus> upstream_status(Session& session, std::size_t recent = 20);

enum class SendStage { Forming, Sending, Waiting, Done };
struct SendProgress {
    SendStage stage = SendStage::Forming;
    std::int64_t batches_formed = 0;
    std::int64_t persons_formed = 0;
    std::int64_t batches_accepted = 0;
    std::int64_t persons_accepted = 0;
    std::int64_t batches_due = 0;          // to send in this pass
    std::int64_t bytes_sent = 0;
    std::string current_batch;
    std::string waiting_until_utc;         // Waiting
};
using SendProgressFn = std::function<void(const SendProgress&)>;

struct SendOptions {
    int max_batch = 0;                       // records per new batch; 0 = the configured value
    bool form = true;                        // form batches from pending records first
    std::chrono::seconds wait{0};            // keep retrying due batches this long (0 = one pass)
    const std::atomic<bool>* cancel = nullptr;
    SendProgressFn progress;
};

struct BatchAttempt {
    std::string batch_uuid;
    std::int64_t persons = 0;
    SendOutcome outcome;
    std::string next_attempt_at_utc;         // Temporary/NotConnected
};

struct SendReport {
    std::int64_t batches_formed = 0;
    std::int64_t households_formed = 0;
    std::int64_t persons_formed = 0;
    std::int64_t batches_accepted = 0;
    std::int64_t persons_accepted = 0;
    std::int64_t bytes_sent = 0;
    std::int64_t batches_held = 0;           // refused in this run
    std::int64_t batches_left = 0;           // still queued after the run
    std::int64_t batches_awaiting_release = 0;
    std::string next_attempt_at_utc;         // the earliest of the queued ones
    std::vector<BatchAttempt> attempts;
    std::optional<Error> stopped_by;         // why sending stopped early (server unreachable, TLS, …)
    std::string stop_reason;                 // its failure code ("client_certificate_rejected", …), or ""
    bool cancelled = false;
};

/// ForwardUpstream. Forms batches from pending records, then sends every due batch; temporary
/// failures are retried with exponential backoff and jitter (honouring Retry-After) while
/// `wait` lasts. `transport` = nullptr builds the HTTPS transport from the stored settings.
/// Errors: not configured, no receipt key configured, certificate expired/not yet valid, store
/// failures. Nothing reachable (or a certificate the server refuses) is NOT an error: it is in the
/// report (`stopped_by`, `stop_reason`); a refused client certificate ends the run at once, `wait`
/// or not.
Result<SendReport> send_upstream(Session& session, const SendOptions& options, BatchTransport* transport = nullptr);

/// Makes the transport of one send from the stored settings (URL, proxy, the pinned CA, this
/// workstation's certificate and key). The programs take theirs from the application layer
/// (src/app/upstream_sending.h), which decides what a send goes over.
using TransportFactory = std::function<Result<std::unique_ptr<BatchTransport>>(const TransportSettings&)>;
/// As above, the transport made by `make_transport` once the settings are loaded and checked.
Result<SendReport> send_upstream(Session& session, const SendOptions& options, const TransportFactory& make_transport);
/// Mutual TLS over HTTPS (https_transport.h): what a send goes over unless a factory says otherwise.
Result<std::unique_ptr<BatchTransport>> make_https_transport(const TransportSettings& settings);

/// ReleaseBatches: releases the named batches awaiting release (all when `uuids` is empty). A
/// supervisor cannot release a batch they formed. Returns how many were released.
Result<int> release_batches(Session& session, const std::vector<std::string>& uuids);
/// ForwardUpstream: a queued batch is due at once; a held batch is queued again (after the
/// cause was fixed upstream). Audited.
Status retry_batch_now(Session& session, const std::string& uuid);
/// ForwardUpstream, reason required: gives a held or queued batch up; its records become pending
/// and go in a new batch. Audited.
Status discard_batch(Session& session, const std::string& uuid, const std::string& reason);

/// ViewCensusData: the sending mark of one record.
Result<std::optional<SendingMark>> sending_mark(Session& session, RecordKind kind, const std::string& uuid);

/// A person's words for a failure code stored on a batch (msgid, untranslated; no placeholders).
const char* failure_message(const std::string& error_code);

/// The backoff before attempt n+1 after n failures: 2 s × 2^(n-1) capped at 10 min, full jitter
/// (`unit` in [0,1) picks the point), at least 1 s and at least Retry-After when given.
std::chrono::seconds retry_delay(int failures, int retry_after_seconds, double unit);

}  // namespace sanaq::upstream
