#pragma once
// Time as the census uses it: every record carries UTC and the workstation's local time.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sanaq {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
public:
    std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

/// A moment in UTC to the second: what every stored, sent and received time is. On disk and on
/// the wire it is ISO 8601 text, `YYYY-MM-DDTHH:MM:SSZ` (iso_utc); parse_utc is its one reader,
/// so times are compared as times, never as text.
using UtcTime = std::chrono::sys_seconds;

/// Reads `YYYY-MM-DDTHH:MM:SSZ` exactly (the stores' and the package format's form); nullopt for
/// anything else: another length or separator, a local offset, an impossible date or hour.
std::optional<UtcTime> parse_utc(std::string_view text);
/// Reads a calendar date `YYYY-MM-DD`; nullopt for anything else or a date that does not exist.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

std::string iso_utc(std::chrono::system_clock::time_point t);    // 2026-11-22T09:14:03Z
std::string iso_local(std::chrono::system_clock::time_point t);  // 2026-11-22T14:14:03+05:00
std::string local_date(std::chrono::system_clock::time_point t); // 2026-11-22
/// Days from date a to date b (YYYY-MM-DD); 0 when either does not parse.
int days_between(const std::string& a, const std::string& b);
bool is_iso_date(const std::string& date);

}  // namespace sanaq
