#pragma once
// Consecutive failed sign-ins per key slot id (login-failures.json; no names, no passwords), so
// each further guess waits longer: first failure no delay, then 1 s, 2 s, 4 s, … capped at 30 s.
// Offline guessing against a copied keyslots.json is what the Argon2id cost is for; this only
// slows guessing at the workstation itself.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sanaq::db {

inline constexpr std::string_view kLoginFailuresFileName = "login-failures.json";

/// The wait after the n-th consecutive failure (n >= 1): 0, 1, 2, 4, 8, 16, 30, 30, … seconds.
std::chrono::seconds failure_delay(int consecutive_failures);

class LoginFailures {
public:
    /// Absent or unreadable → no failures recorded (a damaged counter file must not lock anyone out).
    static LoginFailures load(const std::filesystem::path& dir);

    int count(std::string_view slot_id) const;
    /// Counts one more failure and returns the new number.
    int record_failure(std::string_view slot_id, const std::string& at_utc);
    /// True when something was recorded for the slot (so the file needs writing).
    bool reset(std::string_view slot_id);
    Status save() const;

    static constexpr std::size_t kMaxEntries = 256;  // oldest dropped: probing cannot grow the file

private:
    struct Entry {
        int count = 0;
        std::string last_utc;
    };
    std::filesystem::path file_;
    std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace sanaq::db
