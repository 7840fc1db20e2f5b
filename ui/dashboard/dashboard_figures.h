#pragma once
// What the dashboard shows, read in one go on a worker session (DashboardPanel): no wx here, only
// the core's and the outbox's use cases, each asked only when the role may see its answer.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/census_calendar.h"
#include "core/domain/coverage.h"
#include "core/domain/list_register.h"
#include "core/domain/upstream.h"
#include "core/usecases/session.h"

namespace sanaq::ui {

/// Where a figure or a warning leads.
enum class DashboardLink { PullHistory, Quarantine, OutstandingKits, Coverage, Upstream, Institutions };

struct DashboardFigures {
    std::string today;  // the workstation's local date, YYYY-MM-DD
    /// The next date of the census calendar (every role reads the calendar); none when unset or past.
    std::optional<NextMilestone> next_date;

    struct TodayPull {
        std::string started_at_utc;
        std::string kit_number;      // empty when the tablet was not identified
        std::string holder;          // who holds the kit now ("" when not out)
        std::string institution_kk, institution_ru;
        PullOutcome outcome = PullOutcome::Complete;
        std::int64_t persons = 0, households = 0;
    };
    struct Pulls {
        std::vector<TodayPull> today;   // newest first
        std::int64_t tablets = 0;       // different tablets pulled today
        std::int64_t persons = 0, households = 0;
    };
    std::optional<Pulls> pulls;                  // ViewDevices

    struct Kits {
        std::int64_t outstanding = 0;
        std::int64_t overdue = 0;
        std::vector<std::string> overdue_kits;   // most days out first
    };
    std::optional<Kits> kits;                    // ViewKits

    std::optional<CoverageReport> coverage;      // ViewCoverage; rows lowest coverage first
    /// The stage-1 register's tally (ViewCoverage, and a session that holds the register).
    std::optional<RegisterTally> lists;

    struct Upstream {
        OutboxStats stats;
        bool configured = false;
    };
    std::optional<Upstream> upstream;            // ViewUpstream

    enum class WarningKind { SequenceGap, UnfinishedPull, Quarantined, ClockSkew, HeldBatches, OverdueKits };
    /// One thing a warning names: a kit (or tablet) and what about it, untranslated.
    struct Detail {
        std::string subject;  // "KIT-0042"
        std::string value;    // gap: "14-16"; clock skew: "+3600"; overdue: days out; quarantine: the file
    };
    struct Warning {
        WarningKind kind = WarningKind::SequenceGap;
        DashboardLink link = DashboardLink::PullHistory;
        std::int64_t count = 0;                  // kits, packages or batches concerned
        std::vector<Detail> details;             // the first few, most pressing first
    };
    std::vector<Warning> warnings;               // only kinds with something to say

    std::vector<Error> problems;                 // figures that could not be read (the rest stands)
};

/// Reads every figure the session's role may see (permits()); a figure that fails to read is named
/// in `problems` and the others still come. Runs on a worker session.
DashboardFigures read_dashboard(Session& session);

/// "2026-11-22T09:14:03Z" -> the workstation's local date "2026-11-22" ("" when it does not parse).
std::string local_date_of_utc(const std::string& iso_utc);

}  // namespace sanaq::ui
