#include "core/domain/census_calendar.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>

#include "core/domain/clock.h"

namespace sanaq {

std::string CensusRound::reference_moment() const {
    if (reference_date.empty()) return {};
    return reference_date + "T" + (reference_time.empty() ? std::string("00:00") : reference_time) + ":00" +
           (utc_offset.empty() ? std::string("+00:00") : utc_offset);
}

namespace {
bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int number(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}
bool valid_time(std::string_view t) {
    return t.size() == 5 && t[2] == ':' && digits(t.substr(0, 2)) && digits(t.substr(3, 2)) &&
           number(t.substr(0, 2)) < 24 && number(t.substr(3, 2)) < 60;
}
bool valid_offset(std::string_view o) {
    if (o.size() != 6 || (o[0] != '+' && o[0] != '-') || o[3] != ':' || !digits(o.substr(1, 2)) || !digits(o.substr(4, 2)))
        return false;
    const int minutes = number(o.substr(1, 2)) * 60 + number(o.substr(4, 2));
    if (minutes % 15 != 0) return false;
    return o[0] == '+' ? minutes <= 14 * 60 : minutes <= 12 * 60;
}
/// Signed minutes east of UTC of a valid offset.
int offset_minutes(std::string_view o) {
    const int minutes = number(o.substr(1, 2)) * 60 + number(o.substr(4, 2));
    return o[0] == '-' ? -minutes : minutes;
}
bool no_control_characters(std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}
}  // namespace

Status check_census_round(const CensusRound& round) {
    if (round.name.empty() || round.name.size() > 32 || !no_control_characters(round.name))
        return fail(ErrorCode::InvalidInput, N_("The census round needs a name of 1 to 32 characters, such as 2026."));
    if (!is_iso_date(round.reference_date))
        return fail(ErrorCode::InvalidInput, N_("The reference date {} is not a date (YYYY-MM-DD)."), {round.reference_date});
    if (!valid_time(round.reference_time))
        return fail(ErrorCode::InvalidInput, N_("The reference time {} is not a time of day (HH:MM)."), {round.reference_time});
    if (!valid_offset(round.utc_offset))
        return fail(ErrorCode::InvalidInput,
                    N_("The time zone {} is not a UTC offset between -12:00 and +14:00 (such as +05:00)."), {round.utc_offset});
    return {};
}

std::optional<CensusRound> parse_census_round(const std::string& name, const std::string& moment) {
    CensusRound round;
    round.name = name;
    if (moment.empty()) return round;
    // YYYY-MM-DDTHH:MM:SS±HH:MM
    if (moment.size() != 25 || moment[10] != 'T' || moment[16] != ':') return std::nullopt;
    round.reference_date = moment.substr(0, 10);
    round.reference_time = moment.substr(11, 5);
    round.utc_offset = moment.substr(19, 6);
    if (!is_iso_date(round.reference_date) || !valid_time(round.reference_time) || !valid_offset(round.utc_offset))
        return std::nullopt;
    return round;
}

bool CensusCalendar::empty() const {
    return list_date.empty() && region_list_dates.empty() && online_from.empty() && online_to.empty() &&
           tablet_from.empty() && tablet_to.empty() && end_date.empty() && order_number.empty() &&
           order_date.empty();
}

Status check_census_calendar(const CensusCalendar& c) {
    SANAQ_TRY(check_census_round(c.round));
    // Each date's own check first, so the message names the field a person typed wrong.
    const std::pair<const std::string*, const char*> dates[] = {
        {&c.list_date, N_("The stage-1 list date {} is not a date (YYYY-MM-DD).")},
        {&c.online_from, N_("The start of the online enumeration {} is not a date (YYYY-MM-DD).")},
        {&c.online_to, N_("The end of the online enumeration {} is not a date (YYYY-MM-DD).")},
        {&c.tablet_from, N_("The start of the enumeration on tablets {} is not a date (YYYY-MM-DD).")},
        {&c.tablet_to, N_("The end of the enumeration on tablets {} is not a date (YYYY-MM-DD).")},
        {&c.end_date, N_("The census end date {} is not a date (YYYY-MM-DD).")},
        {&c.order_date, N_("The order date {} is not a date (YYYY-MM-DD).")},
    };
    for (const auto& [date, message] : dates)
        if (!date->empty() && !is_iso_date(*date)) return fail(ErrorCode::InvalidInput, message, {*date});
    std::set<std::string> regions;
    for (const auto& r : c.region_list_dates) {
        if (r.region.size() != 2 || !digits(r.region) || r.region == "00")
            return fail(ErrorCode::InvalidInput,
                        N_("The region {} is not a KATO region code (the first two digits of a KATO code)."), {r.region});
        if (!regions.insert(r.region).second)
            return fail(ErrorCode::InvalidInput, N_("The region {} has two list dates; keep one."), {r.region});
        if (!is_iso_date(r.date))
            return fail(ErrorCode::InvalidInput, N_("The stage-1 list date {} is not a date (YYYY-MM-DD)."), {r.date});
    }
    // ISO dates compare as text in the order of time.
    auto before = [](const std::string& a, const std::string& b) { return !a.empty() && !b.empty() && a < b; };
    const std::string& ref = c.round.reference_date;
    if (before(c.online_to, c.online_from))
        return fail(ErrorCode::InvalidInput, N_("The online enumeration ends on {} before it starts on {}."),
                    {c.online_to, c.online_from});
    if (before(c.tablet_to, c.tablet_from))
        return fail(ErrorCode::InvalidInput, N_("The enumeration on tablets ends on {} before it starts on {}."),
                    {c.tablet_to, c.tablet_from});
    if (before(c.online_from, ref))
        return fail(ErrorCode::InvalidInput, N_("The online enumeration starts on {}, before the reference date {}."),
                    {c.online_from, ref});
    if (before(c.tablet_from, ref))
        return fail(ErrorCode::InvalidInput, N_("The enumeration on tablets starts on {}, before the reference date {}."),
                    {c.tablet_from, ref});
    for (const auto* window_end : {&c.online_to, &c.tablet_to, &c.online_from, &c.tablet_from})
        if (before(c.end_date, *window_end))
            return fail(ErrorCode::InvalidInput, N_("The census ends on {}, before its enumeration windows close ({})."),
                        {c.end_date, *window_end});
    if (before(ref, c.list_date))
        return fail(ErrorCode::InvalidInput, N_("The stage-1 lists are drawn up as of {}, after the reference date {}."),
                    {c.list_date, ref});
    for (const auto& r : c.region_list_dates)
        if (before(ref, r.date))
            return fail(ErrorCode::InvalidInput, N_("The stage-1 lists are drawn up as of {}, after the reference date {}."),
                        {r.date, ref});
    if (c.order_number.size() > 64 || !no_control_characters(c.order_number))
        return fail(ErrorCode::InvalidInput, N_("The order number takes at most 64 characters on one line."));
    return {};
}

std::string list_date_for(const CensusCalendar& calendar, std::string_view kato_code) {
    if (kato_code.size() >= 2) {
        const std::string_view region = kato_code.substr(0, 2);
        for (const auto& r : calendar.region_list_dates)
            if (r.region == region) return r.date;
    }
    return calendar.list_date;
}

std::string kit_due_date(const CensusCalendar& calendar) {
    const auto end = parse_date(calendar.end_date);
    if (!end) return {};
    const std::chrono::year_month_day due{std::chrono::sys_days{*end} + std::chrono::days{kKitReturnGraceDays}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(due.year()), static_cast<unsigned>(due.month()),
                  static_cast<unsigned>(due.day()));
    return buf;
}

const char* milestone_code(CalendarMilestone m) {
    switch (m) {
        case CalendarMilestone::ListDate: return "list_date";
        case CalendarMilestone::Reference: return "reference";
        case CalendarMilestone::OnlineFrom: return "online_from";
        case CalendarMilestone::OnlineTo: return "online_to";
        case CalendarMilestone::TabletFrom: return "tablet_from";
        case CalendarMilestone::TabletTo: return "tablet_to";
        case CalendarMilestone::End: return "end";
    }
    return "";
}

const char* milestone_label(CalendarMilestone m) {
    switch (m) {
        case CalendarMilestone::ListDate: return N_("Stage-1 lists as of");
        case CalendarMilestone::Reference: return N_("Reference moment");
        case CalendarMilestone::OnlineFrom: return N_("Online enumeration starts");
        case CalendarMilestone::OnlineTo: return N_("Online enumeration ends");
        case CalendarMilestone::TabletFrom: return N_("Enumeration on tablets starts");
        case CalendarMilestone::TabletTo: return N_("Enumeration on tablets ends");
        case CalendarMilestone::End: return N_("Census ends");
    }
    return "";
}

std::optional<NextMilestone> next_milestone(const CensusCalendar& c, const std::string& today) {
    if (!is_iso_date(today)) return std::nullopt;
    const std::pair<CalendarMilestone, const std::string*> dates[] = {
        {CalendarMilestone::ListDate, &c.list_date},     {CalendarMilestone::Reference, &c.round.reference_date},
        {CalendarMilestone::OnlineFrom, &c.online_from}, {CalendarMilestone::OnlineTo, &c.online_to},
        {CalendarMilestone::TabletFrom, &c.tablet_from}, {CalendarMilestone::TabletTo, &c.tablet_to},
        {CalendarMilestone::End, &c.end_date},
    };
    std::optional<NextMilestone> next;
    for (const auto& [milestone, date] : dates) {
        if (!is_iso_date(*date) || *date < today) continue;
        if (!next || *date < next->date) next = NextMilestone{milestone, *date, days_between(today, *date)};
    }
    return next;
}

const char* calendar_warning_code(CalendarWarning w) {
    return w == CalendarWarning::OtherRound ? "other_round" : "outside_tablet_window";
}

std::vector<PackageCalendarWarning> package_calendar_warnings(const CensusCalendar& c, std::string_view census_round,
                                                              std::string_view exported_at_utc) {
    std::vector<PackageCalendarWarning> out;
    if (!c.round.name.empty() && census_round != c.round.name)
        out.push_back({CalendarWarning::OtherRound, c.round.name});
    if (c.tablet_from.empty() && c.tablet_to.empty()) return out;
    const auto exported = parse_utc(exported_at_utc);
    if (!exported) return out;
    // The window's dates are in the zone of the reference moment (the capital's time).
    const int offset = valid_offset(c.round.utc_offset) ? offset_minutes(c.round.utc_offset) : 0;
    const auto local = std::chrono::floor<std::chrono::days>(*exported + std::chrono::minutes{offset});
    const std::chrono::year_month_day ymd{local};
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    const std::string day = date;
    if ((!c.tablet_from.empty() && day < c.tablet_from) || (!c.tablet_to.empty() && day > c.tablet_to))
        out.push_back({CalendarWarning::OutsideTabletWindow,
                       (c.tablet_from.empty() ? "…" : c.tablet_from) + " – " + (c.tablet_to.empty() ? "…" : c.tablet_to)});
    return out;
}

Error calendar_warning_message(CalendarWarning kind, std::string_view census_round, std::string_view exported_at_utc,
                               std::string_view expected) {
    if (kind == CalendarWarning::OtherRound)
        return Error::make(ErrorCode::InvalidInput,
                           N_("The package belongs to census round {}; this station works for round {}."),
                           {std::string(census_round), std::string(expected)});
    return Error::make(ErrorCode::InvalidInput, N_("The package was exported at {}, outside the tablet window {}."),
                       {std::string(exported_at_utc), std::string(expected)});
}

}  // namespace sanaq
