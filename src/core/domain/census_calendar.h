#pragma once
// The census round and its calendar as the joint orders of the census state them: the reference
// moment, the date the stage-1 lists are drawn up as of (a region's order may name its own), the
// online and tablet windows, the end of the census and the order the dates come from. Dates are
// calendar dates in the zone of the reference moment (the capital's time), never the workstation's.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq {

/// The census round this workspace works for: its name (what tablets write into every package's
/// `census_round`, e.g. "2026") and its reference moment — the instant the census counts the
/// population at, by law 00:00 of the census day in the capital's time zone. The moment is kept as
/// local wall time plus that zone's UTC offset, so it reads the same on any workstation whatever
/// the workstation's own zone (Kazakhstan: +06:00 for the 2021 census, +05:00 since March 2024).
struct CensusRound {
    std::string name;             // "2026"; 1..32 characters, no control characters
    std::string reference_date;   // YYYY-MM-DD (the census day)
    std::string reference_time;   // HH:MM (normally 00:00)
    std::string utc_offset;       // "+05:00": the zone the moment is stated in
    bool empty() const { return name.empty() && reference_date.empty(); }
    /// "2026-10-01T00:00:00+05:00" (the stored form; empty when no date is set).
    std::string reference_moment() const;
};

/// Checks the name, the date, the time and the offset (-12:00..+14:00, whole quarter hours).
Status check_census_round(const CensusRound& round);
/// Parses the stored form back (empty round for an empty string); nullopt when malformed.
std::optional<CensusRound> parse_census_round(const std::string& name, const std::string& moment);

/// A region whose order draws up its stage-1 lists as of another date than the default (the
/// regions' joint orders differ: 1 June 2021 in one, 1 July 2021 in another).
struct RegionListDate {
    std::string region;  // the KATO region code: the first two digits of a 9-digit KATO code
    std::string date;    // YYYY-MM-DD
    bool operator==(const RegionListDate&) const = default;
};

/// Every date but the round's may be empty (not known yet); what is set is checked against the rest.
struct CensusCalendar {
    CensusRound round;
    std::string list_date;                       // stage 1: lists as of this date (default)
    std::vector<RegionListDate> region_list_dates;
    std::string online_from, online_to;          // enumeration online (sanaq.gov.kz)
    std::string tablet_from, tablet_to;          // enumeration by interviewers on tablets
    std::string end_date;                        // the census ends; kits come back
    std::string order_number, order_date;        // the legal basis: the joint order's number and date
    bool empty() const;
};

/// Days after the census end that kits may still come back. The joint orders say the tablets
/// return "at the end of the census" and give no grace period, so it is none.
inline constexpr int kKitReturnGraceDays = 0;

/// Checks the round and the calendar: real dates, each window from <= to, the windows not before
/// the reference date, the end not before either window's end, list dates not after the reference
/// date, region codes of two digits (each once), an order number of at most 64 characters.
Status check_census_calendar(const CensusCalendar& calendar);

/// The stage-1 list date for an institution with this KATO code: its region's override, else the
/// default; empty when neither is set.
std::string list_date_for(const CensusCalendar& calendar, std::string_view kato_code);
/// The default due date of a kit issued now: the census end plus the grace; empty when no end.
std::string kit_due_date(const CensusCalendar& calendar);

enum class CalendarMilestone { ListDate, Reference, OnlineFrom, OnlineTo, TabletFrom, TabletTo, End };
const char* milestone_code(CalendarMilestone m);  // "list_date", "reference", ... (JSON)
const char* milestone_label(CalendarMilestone m); // msgid
struct NextMilestone {
    CalendarMilestone milestone;
    std::string date;
    int days = 0;  // from today; 0 = today
};
/// The first calendar date on or after `today` (YYYY-MM-DD); nullopt when all have passed or none
/// is set. Ties go in the order of the census (lists, reference, online, tablets, end).
std::optional<NextMilestone> next_milestone(const CensusCalendar& calendar, const std::string& today);

/// What a pull notes about a package against the calendar — never a reason to refuse it.
enum class CalendarWarning { OtherRound, OutsideTabletWindow };
const char* calendar_warning_code(CalendarWarning w);  // "other_round", "outside_tablet_window"
struct PackageCalendarWarning {
    CalendarWarning kind;
    std::string expected;  // the station's round, or the tablet window "from – to"
};
/// For people: names the package's round or export time and what the calendar expected.
Error calendar_warning_message(CalendarWarning kind, std::string_view census_round, std::string_view exported_at_utc,
                               std::string_view expected);
/// A package's `census_round` that is not the station's, or an `exported_at` (UTC) whose date in
/// the calendar's zone lies outside the tablet window. Nothing when the calendar does not say.
std::vector<PackageCalendarWarning> package_calendar_warnings(const CensusCalendar& calendar,
                                                              std::string_view census_round,
                                                              std::string_view exported_at_utc);

}  // namespace sanaq
