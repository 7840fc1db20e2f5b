#pragma once
// What the database benchmarks share (bench_backup, bench_rekey): a timer printing wall and CPU
// seconds, and a population of persons in households of three as tablets send them.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "core/ports/store.h"

namespace sanaq::test {

using BenchClock = std::chrono::steady_clock;

template <class R>
void check(const R& r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "%s failed: %s (%s)\n", what, r.error().message_id.c_str(),
                     r.error().detail.c_str());
        std::exit(1);
    }
}

inline double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

inline double seconds_since(BenchClock::time_point t) {
    return std::chrono::duration<double>(BenchClock::now() - t).count();
}

struct Timer {
    const char* what;
    BenchClock::time_point start = BenchClock::now();
    double cpu = cpu_seconds();
    void done(const std::string& extra = {}) const {
        std::printf("%-52s %8.2f s wall %8.2f s CPU  %s\n", what, seconds_since(start),
                    cpu_seconds() - cpu, extra.c_str());
        std::fflush(stdout);
    }
};

inline std::string uuid(std::mt19937_64& rng) {
    static const char* hex = "0123456789abcdef";
    std::string s(36, '-');
    std::uint64_t w = rng();
    for (int i = 0, bit = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) continue;
        if (bit == 64) w = rng(), bit = 0;
        s[static_cast<std::size_t>(i)] = hex[(w >> bit) & 0xf];
        bit += 4;
    }
    return s;
}

inline const char* const kSurnames[] = {"Жанбулатов", "Серікова",  "Ахметов",
                                        "Иванова",    "Нұрланұлы", "Қасымов"};
inline const char* const kNames[] = {"Нұрлан", "Айгерім", "Бауыржан", "Мария", "Әсем", "Дәурен"};

/// One package's worth of persons (households of three) in one write transaction.
inline Status store_persons(Store& store, std::mt19937_64& rng, int count, int& household_no) {
    return store.write([&](StoreSession& s) -> Status {
        for (int n = 0; n < count; ++household_no) {
            Household h;
            h.uuid = uuid(rng);
            h.revision = 1;
            h.place = HouseholdPlace::Address;
            h.kato = "191010000";
            h.kato_version = "2022";
            h.street = "Абай даңғылы";
            h.house = std::to_string(household_no % 300);
            h.answers_json = R"({"h1":"apartment","h2":3,"h3":"central_heating","h4":"own"})";
            const RecordProvenance from{"pkg-" + std::to_string(household_no / 2000),
                                        "KIT-" + std::to_string(household_no % 1000), 0,
                                        "2026-10-05T06:00:00Z"};
            SANAQ_TRY(s.census().upsert(h, from));
            for (int m = 0; m < 3 && n < count; ++m, ++n) {
                Person p;
                p.uuid = uuid(rng);
                p.revision = 1;
                p.household_uuid = h.uuid;
                char iin[16];
                std::snprintf(iin, sizeof iin, "%06d3%05d", static_cast<int>(rng() % 1000000),
                              static_cast<int>(rng() % 100000));
                p.iin = iin;
                p.surname = kSurnames[rng() % 6];
                p.name = kNames[rng() % 6];
                p.patronymic = "Серікұлы";
                p.sex = Sex::Male;
                p.birth_date = "1990-01-01";
                p.answers_json =
                    R"({"q7":"kazakh","q8":"kazakh","q9":["russian","english"],"q12":"higher",)"
                    R"("q15":"employed","q16":"public_sector","q21":"citizen_kz","q22":"islam","q30":2})";
                SANAQ_TRY(s.census().upsert(p, from));
            }
        }
        return {};
    });
}

}  // namespace sanaq::test
