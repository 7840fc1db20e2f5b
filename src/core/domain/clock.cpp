#include "core/domain/clock.h"

#include <cstdio>
#include <ctime>

namespace sanaq {

namespace {

/// The decimal number of `text[at, at+len)`, or -1 when any of them is not a digit.
int digits(std::string_view text, std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
    using namespace std::chrono;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<UtcTime> parse_utc(std::string_view text) {
    using namespace std::chrono;
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    const auto date = parse_date(text.substr(0, 10));
    const int h = digits(text, 11, 2), m = digits(text, 14, 2), s = digits(text, 17, 2);
    // 60 is a leap second, which the stores never write; refusing it keeps one reading per text.
    if (!date || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
    return sys_days{*date} + hours{h} + minutes{m} + seconds{s};
}

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

bool is_iso_date(const std::string& d) { return parse_date(d).has_value(); }

int days_between(const std::string& a, const std::string& b) {
    const auto from = parse_date(a), to = parse_date(b);
    if (!from || !to) return 0;
    return static_cast<int>((std::chrono::sys_days{*to} - std::chrono::sys_days{*from}).count());
}

}  // namespace sanaq
