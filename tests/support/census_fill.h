#pragma once
// Enumerated people in bulk, for benchmarks that need a store at a department's scale: kits of
// 1,000 simulated persons with their households (census_sim::kit_population, so answers, names
// and body sizes are realistic) written through the census repository, ~20,000 records per write
// transaction. Header-only: the benchmarks that use it already link sanaq_census_sim.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "census_sim/census_sim.h"
#include "core/domain/clock.h"
#include "core/ports/store.h"

namespace sanaq::test {

struct CensusFill {
    std::int64_t persons = 1'000'000;
    std::int64_t persons_per_kit = 1000;
    int first_kit = 10000;  // kit numbers KIT-<first_kit + k>, five digits
    std::size_t records_per_transaction = 20000;
};

struct CensusFilled {
    std::int64_t persons = 0;
    std::int64_t households = 0;
};

/// Writes `fill.persons` simulated persons and their households into `store`. The first error stops it.
inline Result<CensusFilled> fill_census(Store& store, const CensusFill& fill) {
    CensusFilled made;
    const std::string pulled_at = iso_utc(std::chrono::system_clock::now());
    std::size_t in_transaction = 0;
    std::vector<census_sim::Population> pending;
    std::vector<RecordProvenance> pending_from;
    auto flush = [&]() -> Status {
        auto ok = store.write([&](StoreSession& s) -> Status {
            for (std::size_t k = 0; k < pending.size(); ++k) {
                for (const auto& h : pending[k].households)
                    SANAQ_TRY(s.census().upsert(h, pending_from[k]));
                for (const auto& p : pending[k].persons)
                    SANAQ_TRY(s.census().upsert(p, pending_from[k]));
            }
            return {};
        });
        pending.clear();
        pending_from.clear();
        in_transaction = 0;
        return ok;
    };
    for (int kit = 0; made.persons < fill.persons; ++kit) {
        char kit_number[16];
        std::snprintf(kit_number, sizeof kit_number, "KIT-%05d", fill.first_kit + kit);
        auto pop = census_sim::kit_population(2026, kit_number, std::min(fill.persons_per_kit, fill.persons - made.persons));
        made.persons += static_cast<std::int64_t>(pop.persons.size());
        made.households += static_cast<std::int64_t>(pop.households.size());
        in_transaction += pop.households.size() + pop.persons.size();
        char package_uuid[40];
        std::snprintf(package_uuid, sizeof package_uuid, "00000000-0000-4000-8000-%012d", kit);
        pending_from.push_back({package_uuid, kit_number, 0, pulled_at});
        pending.push_back(std::move(pop));
        if (in_transaction >= fill.records_per_transaction)
            SANAQ_TRY(flush());
    }
    if (!pending.empty())
        SANAQ_TRY(flush());
    return made;
}

}  // namespace sanaq::test
