#pragma once
// Pulling packages off a tablet (or a folder copy of its storage) into the store. For each
// package: stream it, verify the manifest's signature against the kit's enrolled device key,
// decrypt, validate, store its records in ONE transaction, and only after the commit write the
// signed receipt back. A pull interrupted at any byte keeps nothing of the package it was
// reading; a pull repeated stores nothing twice.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/package/package_reader.h"
#include "core/ports/tablet.h"
#include "core/usecases/session.h"

namespace sanaq {

struct PullProgress {
    std::string file;                 // the package being read
    std::size_t index = 0, count = 0; // 1-based package index of count
    std::uint64_t file_bytes = 0, file_size = 0;
    std::uint64_t total_bytes = 0, total_size = 0;
    double bytes_per_second = 0;
};

struct PullOptions {
    /// Called from the pulling thread; keep it quick (the GUI marshals to its main thread).
    std::function<void(const PullProgress&)> on_progress;
    /// Polled between pieces; true stops the pull (the current package keeps nothing).
    std::function<bool()> cancel_requested;
    /// The size budget of one package file (src/core/package/README.md, "Size budget"); tests lower
    /// it.
    std::uint64_t max_package_size = package::kMaxPackageSize;
};

enum class PackageStatus { Received, AlreadyReceived, Quarantined };
const char* package_status_code(PackageStatus status);   // "received", "already_received", "quarantined"

struct PackageOutcome {
    std::string file_name;
    std::string package_uuid;
    PackageStatus status = PackageStatus::Received;
    std::optional<QuarantineReason> reason;   // when quarantined
    std::optional<Error> error;               // why, for people
    std::int64_t households = 0, persons = 0; // records newly stored or superseding
    std::int64_t ignored_older = 0, warnings = 0;
    bool receipt_written = false;
    std::vector<Error> calendar_warnings;     // another round, outside the tablet window (stored anyway)
};

struct PullSummary {
    std::int64_t pull_id = 0;
    std::string source;
    std::string kit_number;                   // as identified (may be empty)
    std::string holder;                       // full name of who holds the kit now
    std::int64_t packages_received = 0, packages_already = 0, packages_quarantined = 0;
    std::int64_t households_stored = 0, persons_stored = 0;
    std::int64_t records_superseded = 0, records_ignored_older = 0, warnings = 0;
    std::int64_t bytes = 0;
    std::int64_t packages_left = 0;           // still on the tablet without a receipt
    std::vector<Error> gaps;                  // "Packages 14–16 from tablet KIT-0042 never arrived."
    std::int64_t clock_skew_seconds = 0;      // largest device-clock lead seen (0 = none flagged)
    PullOutcome outcome = PullOutcome::Complete;   // Interrupted or Cancelled when it stopped
    std::optional<Error> stopped_by;          // why an interrupted/cancelled pull stopped
    std::vector<PackageOutcome> packages;
    /// Packages of another census round or exported outside the tablet window: stored all the
    /// same, and these notes kept with the pull (pull_calendar_warnings).
    std::vector<PullCalendarWarning> calendar_warnings;
};

/// Pulls every package in the tablet's outbox. Errors only when nothing could start (no
/// permission, the outbox cannot be listed); a tablet lost mid-way gives a summary with
/// outcome Interrupted and `stopped_by` set, and what committed before stays committed.
Result<PullSummary> pull_tablet(Session& session, TabletStorage& tablet, const PullOptions& options = {});

/// Retries a quarantined package from its kept bytes (after the cause was fixed, e.g. the device
/// key was enrolled late). Stored: the quarantine entry is resolved; the receipt goes to the
/// tablet at its next pull (as "already received").
Result<PackageOutcome> retry_quarantined(Session& session, std::int64_t id);
Status dismiss_quarantined(Session& session, std::int64_t id, const std::string& reason);
Result<std::vector<QuarantinedPackage>> list_quarantine(Session& session, bool include_resolved);

Result<std::vector<PullRecord>> pull_history(Session& session, const std::string& kit_number, std::size_t limit);
/// What a pull noted against the census calendar (everyone who sees the pull history).
Result<std::vector<PullCalendarWarning>> pull_calendar_warnings(Session& session, std::int64_t pull_id);
Result<std::vector<ReceivedPackage>> received_packages(Session& session, const std::string& kit_number);
Result<CensusStats> census_stats(Session& session);

/// A pull that did not finish, left packages on the tablet, or found sequence numbers missing:
/// what the return gate stops and what the screens mark.
bool left_work_behind(const PullRecord& pull);

/// The return gate: whether a kit's last pull left packages unsent or missing. Empty when the
/// kit may be checked in; otherwise the reason, for the message and the override.
Result<std::optional<Error>> return_gate(StoreSession& tx, const std::string& kit_number);
/// A supervisor lets the next return of this kit through the gate, with a reason (audited).
Status override_return_gate(Session& session, const std::string& kit_number, const std::string& reason);

}  // namespace sanaq
