#pragma once
// The benchmark register shared by bench_workspace_open and fill_fleet_workspace: `institutions`
// institutions, `staff` responsible employees spread over them, `kits` kits with every component,
// each issued once (open issue), a quarter of them due before the benchmark's "today".
#include <cstdio>
#include <string>
#include <vector>

#include "core/domain/identifiers.h"
#include "core/ports/store.h"

namespace sanaq::test {

/// A valid 12-digit IIN/BIN: two digits of `prefix`, a salt digit, `n` on eight digits, check digit.
inline std::string fleet_id12(int prefix, int n) {
    char first11[16];
    for (int salt = 0;; ++salt) {
        std::snprintf(first11, sizeof first11, "%02d%01d%08d", prefix, salt % 10, n);
        if (auto d = iin_bin_check_digit(first11)) return std::string(first11) + std::to_string(*d);
    }
}

struct FleetSize {
    int kits = 30000;
    int institutions = 300;
    int staff = 3000;
    int batch = 5000;  // kits per write transaction
    /// Every n-th kit (0 = none) comes partly back: charger and stylus missing, the case damaged.
    int partly_returned_every = 0;
};

/// Fills an open store (institutions, staff, then kits + issues in batches). Returns the first error.
inline Status fill_fleet(Store& store, const FleetSize& size) {
    std::vector<std::int64_t> employee_ids;
    if (auto ok = store.write([&](StoreSession& tx) -> Status {
            for (int i = 0; i < size.institutions; ++i) {
                Institution in;
                in.bin = fleet_id12(99, i);
                in.name_kk = "Мекеме " + std::to_string(i);
                in.name_ru = "Учреждение " + std::to_string(i);
                in.type = InstitutionType::BoardingSchoolOrphans;
                in.kato = {"191010000", "2022"};
                in.address = "Конаев";
                SANAQ_TRY(tx.institutions().insert(in));
            }
            for (int i = 0; i < size.staff; ++i) {
                auto id = tx.staff().insert({0, fleet_id12(99, i % size.institutions), fleet_id12(85, i),
                                             "Сотрудник " + std::to_string(i), "ответственный", "+7 700 000 00 00"});
                SANAQ_TRY(id);
                employee_ids.push_back(*id);
            }
            return {};
        });
        !ok)
        return ok;
    for (int from = 0; from < size.kits; from += size.batch) {
        if (auto ok = store.write([&](StoreSession& tx) -> Status {
                for (int i = from; i < std::min(size.kits, from + size.batch); ++i) {
                    char number[16];
                    std::snprintf(number, sizeof number, "KIT-%05d", i);
                    auto kit = make_kit(number,
                                        Tablet{i % 2 ? "Samsung Galaxy Tab A8" : "Lenovo Tab M10",
                                               "R9TS" + std::to_string(100000 + i), "", "USB" + std::to_string(100000 + i)},
                                        {{ComponentType::Charger, "CH" + std::to_string(i)}});
                    kit.state = KitState::Issued;
                    SANAQ_TRY(tx.kits().insert(kit));
                    KitIssue issue;
                    issue.kit_number = number;
                    issue.employee_id = employee_ids[static_cast<std::size_t>(i % size.staff)];
                    issue.issue_act = "SQ-I-2026-" + std::to_string(100000 + i);
                    issue.issued_at_utc = "2026-09-01T05:00:00Z";
                    issue.due_date = i % 4 ? "2026-12-31" : "2026-09-20";
                    SANAQ_TRY(tx.custody().open_issue(issue));
                    if (size.partly_returned_every > 0 && i % size.partly_returned_every == 0) {
                        kit.state = KitState::PartlyReturned;
                        for (auto& c : kit.components) {
                            if (c.type == ComponentType::Charger || c.type == ComponentType::Stylus)
                                c.status = ComponentStatus::Missing;
                            if (c.type == ComponentType::ProtectiveCase) c.status = ComponentStatus::Damaged;
                        }
                        SANAQ_TRY(tx.kits().update(kit));
                    }
                }
                return {};
            });
            !ok)
            return ok;
    }
    return {};
}

}  // namespace sanaq::test
