#pragma once
// Workspace-wide settings other than the department's details (see custody.h).
#include <optional>
#include <string>

#include "core/usecases/session.h"

namespace sanaq {

inline constexpr int kDefaultIdleLockMinutes = 10;
/// Minutes of inactivity after which the GUI locks itself (0 = never).
Result<int> idle_lock_minutes(Session& session);
Status set_idle_lock_minutes(Session& session, int minutes);

/// The census round this workspace works for: its name (what tablets write into every package's
/// `census_round`, e.g. "2026") and its reference moment — the instant the census counts the
/// population at, by law 00:00 of the census day in the capital's time zone. The moment is kept as
/// local wall time plus that zone's UTC offset, so it reads the same on any workstation whatever
/// the workstation's own zone.
struct CensusRound {
    std::string name;             // "2026"; 1..32 characters, no control characters
    std::string reference_date;   // YYYY-MM-DD (the census day)
    std::string reference_time;   // HH:MM (normally 00:00)
    std::string utc_offset;       // "+05:00": the zone the moment is stated in
    bool empty() const { return name.empty() && reference_date.empty(); }
    /// "2026-10-01T00:00:00+05:00" (the stored form; empty when no date is set).
    std::string reference_moment() const;
};

/// Everyone may read it (packages, coverage and acts refer to it); empty fields when not set.
Result<CensusRound> census_round(Session& session);
/// ManageSettings; audited. Checks the date, the time and the offset (-12:00..+14:00, whole
/// quarter hours).
Status set_census_round(Session& session, const CensusRound& round);
/// Parses the stored form back (empty round for an empty string); nullopt when malformed.
std::optional<CensusRound> parse_census_round(const std::string& name, const std::string& moment);

}  // namespace sanaq
