#pragma once
// Time as the census uses it: every record carries UTC and the workstation's local time.
#include <chrono>
#include <string>

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

std::string iso_utc(std::chrono::system_clock::time_point t);    // 2026-11-22T09:14:03Z
std::string iso_local(std::chrono::system_clock::time_point t);  // 2026-11-22T14:14:03+05:00
std::string local_date(std::chrono::system_clock::time_point t); // 2026-11-22
/// Days from date a to date b (YYYY-MM-DD); 0 when either does not parse.
int days_between(const std::string& a, const std::string& b);
bool is_iso_date(const std::string& date);

}  // namespace sanaq
