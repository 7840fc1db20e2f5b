#include "core/domain/clock.h"

#include <cstdio>
#include <ctime>

namespace sanaq {

std::string iso_utc(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string iso_local(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    const long off = tm.tm_gmtoff;
    char zone[32];
    std::snprintf(zone, sizeof zone, "%c%02ld:%02ld", off < 0 ? '-' : '+', std::labs(off) / 3600,
                  (std::labs(off) % 3600) / 60);
    return std::string(buf) + zone;
}

std::string local_date(std::chrono::system_clock::time_point t) { return iso_local(t).substr(0, 10); }

bool is_iso_date(const std::string& d) {
    int y, m, day;
    char tail;
    if (d.size() != 10 || std::sscanf(d.c_str(), "%4d-%2d-%2d%c", &y, &m, &day, &tail) != 3) return false;
    using namespace std::chrono;
    return year_month_day{year{y}, month{unsigned(m)}, std::chrono::day{unsigned(day)}}.ok();
}

int days_between(const std::string& a, const std::string& b) {
    if (!is_iso_date(a) || !is_iso_date(b)) return 0;
    using namespace std::chrono;
    auto parse = [](const std::string& s) {
        int y, m, d;
        std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d);
        return sys_days{year_month_day{year{y}, month{unsigned(m)}, day{unsigned(d)}}};
    };
    return static_cast<int>((parse(b) - parse(a)).count());
}

}  // namespace sanaq
