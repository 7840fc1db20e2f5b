#include "core/domain/list_register.h"

#include <chrono>
#include <cstdio>

#include "core/domain/clock.h"

namespace sanaq {
namespace {

struct StatusInfo {
    ListStatus status;
    std::string_view code;
    const char* label;
};
constexpr StatusInfo kStatuses[] = {
    {ListStatus::Received, "received", N_("Received")},
    {ListStatus::Late, "late", N_("Received late")},
    {ListStatus::Missing, "missing", N_("Not received")},
    {ListStatus::Pending, "pending", N_("Pending")},
    {ListStatus::NotOwed, "not_owed", N_("Owes no list")},
};
static_assert(std::size(kStatuses) == kListStatusCount);

std::string date_text(std::chrono::sys_days day) {
    const std::chrono::year_month_day d{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

/// "+05:00" → 300; nullopt unless exactly ±HH:MM.
std::optional<int> offset_minutes(std::string_view o) {
    if (o.size() != 6 || (o[0] != '+' && o[0] != '-') || o[3] != ':') return std::nullopt;
    for (int i : {1, 2, 4, 5})
        if (o[i] < '0' || o[i] > '9') return std::nullopt;
    const int minutes = ((o[1] - '0') * 10 + (o[2] - '0')) * 60 + (o[4] - '0') * 10 + (o[5] - '0');
    return o[0] == '-' ? -minutes : minutes;
}

}  // namespace

std::string_view list_status_code(ListStatus status) {
    return kStatuses[static_cast<int>(status)].code;
}
const char* list_status_label(ListStatus status) { return kStatuses[static_cast<int>(status)].label; }

std::optional<ListStatus> parse_list_status(std::string_view code) {
    for (const auto& s : kStatuses)
        if (s.code == code) return s.status;
    return std::nullopt;
}

Result<ListDuty> validate(ListDuty duty) {
    auto bin = validate_bin(duty.institution_bin);
    SANAQ_TRY(bin);
    duty.institution_bin = *bin;
    duty.deadline = trim(duty.deadline);
    if (!duty.deadline.empty() && !parse_date(duty.deadline))
        return fail(ErrorCode::InvalidInput, N_("{} is not a date (YYYY-MM-DD)."), {duty.deadline});
    // A million is more than any institution of the orders holds; beyond it is a typing slip.
    if (duty.expected && (*duty.expected < 0 || *duty.expected > 1'000'000))
        return fail(ErrorCode::InvalidInput,
                    N_("The expected headcount {} is not between 0 and 1000000."),
                    {std::to_string(*duty.expected)});
    return duty;
}

std::string default_list_deadline(const CensusCalendar& calendar, std::string_view kato_code) {
    const auto list_date = parse_date(list_date_for(calendar, kato_code));
    if (!list_date) return {};
    return date_text(std::chrono::sys_days{*list_date} + std::chrono::days{kListDeadlineDays});
}

ListStatus list_status(bool owes, const std::string& deadline, const std::string& received_on,
                       const std::string& today) {
    if (!owes) return ListStatus::NotOwed;
    // Dates compare as dates: both are checked YYYY-MM-DD, whose text order is the calendar's.
    const bool known = parse_date(deadline).has_value();
    if (!received_on.empty())
        return known && received_on > deadline ? ListStatus::Late : ListStatus::Received;
    if (known && parse_date(today) && today > deadline) return ListStatus::Missing;
    return ListStatus::Pending;
}

std::string date_in_zone(std::string_view utc_time, std::string_view utc_offset) {
    const auto t = parse_utc(utc_time);
    if (!t) return {};
    const auto shifted = *t + std::chrono::minutes{offset_minutes(utc_offset).value_or(0)};
    return date_text(std::chrono::floor<std::chrono::days>(shifted));
}

void RegisterTally::add(ListStatus status) {
    if (status == ListStatus::NotOwed) return;
    ++owing;
    switch (status) {
        case ListStatus::Late:
            ++late;
            ++received;
            break;
        case ListStatus::Received:
            ++received;
            break;
        case ListStatus::Missing:
            ++missing;
            break;
        default:
            ++pending;
    }
}

}  // namespace sanaq
