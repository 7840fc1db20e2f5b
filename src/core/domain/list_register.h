#pragma once
// The stage-1 register: which institutions owe the department a list of their residents, by what
// day, how many people each expects to list, and — from the lists that came — whether each did.
// The joint orders (seeds/) have every institution where people are enumerated on site draw up
// its list as of the stage-1 list date and hand it over; nothing in them names the number of days,
// so the default deadline is this program's (kListDeadlineDays), and any institution's own can be
// set. Plain values; the use cases are src/coverage/list_register.h.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/domain/census_calendar.h"
#include "core/domain/institution.h"

namespace sanaq {

/// Days after the stage-1 list date that a list is due when the register names no deadline of its
/// own: two weeks to draw up, sign and carry a list, well before the census starts (the orders
/// put the list date three months ahead of the reference moment).
inline constexpr int kListDeadlineDays = 14;

/// What the register records of one institution (dept part; not personal data).
struct ListDuty {
    std::string institution_bin;
    bool owes = true;               // whether it owes a stage-1 list at all
    std::string deadline;           // YYYY-MM-DD; empty: the default (default_list_deadline)
    std::optional<std::int64_t> expected;  // the headcount it expects to list; unknown when empty
    std::string updated_at_utc;
    std::string updated_by;
    bool operator==(const ListDuty&) const = default;
};

/// Checks the BIN, the deadline (a real date) and the headcount (0..1,000,000).
Result<ListDuty> validate(ListDuty duty);

/// An institution's list as the register sees it.
enum class ListStatus {
    Received,  // a list came on or before the deadline
    Late,      // it came, after the deadline
    Missing,   // the deadline has passed and nothing came
    Pending,   // nothing yet, the deadline not reached (or not known)
    NotOwed,   // the institution owes no list
};
inline constexpr int kListStatusCount = 5;
std::string_view list_status_code(ListStatus status);  // "received", ... (CLI, JSON, files)
std::optional<ListStatus> parse_list_status(std::string_view code);
const char* list_status_label(ListStatus status);      // msgid

/// The default deadline of an institution with this KATO code: its stage-1 list date plus
/// kListDeadlineDays; empty when the calendar has no list date.
std::string default_list_deadline(const CensusCalendar& calendar, std::string_view kato_code);

/// Derives the status. `received_on`: the day (YYYY-MM-DD, the census's zone) the institution's
/// first list came, empty when none did; `today` the same zone's date. A list that came on the
/// deadline is on time; the deadline's own day is still pending.
ListStatus list_status(bool owes, const std::string& deadline, const std::string& received_on,
                       const std::string& today);

/// The day, in the census round's zone (`utc_offset` "+05:00"; UTC when empty or malformed), of a
/// stored UTC time; empty when the time does not parse.
std::string date_in_zone(std::string_view utc_time, std::string_view utc_offset);

/// One row of the register: the institution, its duty and what came.
struct RegisterRow {
    Institution institution;
    ListDuty duty;                  // as stored, or the default duty (owes, no deadline)
    bool stored = false;            // false: the register has no row of its own yet
    std::string deadline;           // the effective one: the duty's, else the default
    bool default_deadline = false;  // the deadline is the calendar's default
    std::string received_on;        // the first list's day; empty when none
    /// The latest list version's person count; unknown (a member who reads only the
    /// department's summary sees the listed count there) when empty.
    std::int64_t listed = 0;
    ListStatus status = ListStatus::Pending;
};

/// "Lists: received N of M, late L, missing K": over the institutions that owe a list. Late lists
/// came too and count among the received.
struct RegisterTally {
    std::int64_t owing = 0, received = 0, late = 0, missing = 0, pending = 0;
    void add(ListStatus status);
};

}  // namespace sanaq
