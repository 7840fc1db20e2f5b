#pragma once
// Workspace-wide settings other than the department's details (see custody.h).
#include <optional>
#include <string>

#include "core/domain/census_calendar.h"
#include "core/usecases/session.h"

namespace sanaq {

inline constexpr int kDefaultIdleLockMinutes = 10;
/// Minutes of inactivity after which the GUI locks itself (0 = never).
Result<int> idle_lock_minutes(Session& session);
Status set_idle_lock_minutes(Session& session, int minutes);

/// Everyone may read it (packages, coverage and acts refer to it); empty fields when not set.
Result<CensusRound> census_round(Session& session);
/// ManageSettings; audited. Checks the date, the time and the offset (-12:00..+14:00, whole
/// quarter hours).
Status set_census_round(Session& session, const CensusRound& round);

/// The round's calendar (core/domain/census_calendar.h), kept in common beside the round as one
/// signed setting that names its round: a calendar written for another round reads as empty, so
/// renaming the round never carries the old dates over. Everyone may read it (list imports, kit
/// issues, pulls, the dashboard and acts use it); empty dates when not set.
Result<CensusCalendar> census_calendar(Session& session);
/// The same inside a transaction the caller holds (issuing kits, pulling).
Result<CensusRound> load_census_round(StoreSession& tx);
Result<CensusCalendar> load_census_calendar(StoreSession& tx);
/// ManageSettings; audited with every date. Sets the round with it (check_census_calendar).
Status set_census_calendar(Session& session, const CensusCalendar& calendar);
/// The calendar's stored form (JSON) and back; nullopt when the text is not one.
std::string calendar_json(const CensusCalendar& calendar);
std::optional<CensusCalendar> parse_calendar_json(const CensusRound& round, const std::string& text);

}  // namespace sanaq
