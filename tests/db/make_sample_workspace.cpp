// Makes a small closed workspace for read_workspace_independently.py (argv: folder user password).
#include <cstdio>
#include <vector>

#include "db/workspace.h"

using namespace sanaq;

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: make_sample_workspace FOLDER USER PASSWORD\n");
        return 2;
    }
    auto ws = db::Workspace::create(argv[1], argv[2], argv[3], db::test_kdf());
    if (!ws) {
        std::fprintf(stderr, "%s (%s)\n", ws.error().message_id.c_str(), ws.error().detail.c_str());
        return 1;
    }
    auto ok = (*ws)->write([](StoreSession& tx) -> Status {
        if (auto r = tx.settings().set("department.name_ru", "Департамент статистики"); !r) return r;
        if (auto r = tx.kits().insert(make_kit("KIT-SPEC-1", Tablet{"Tab", "SER-1", "", "USB-1"})); !r) return r;
        // Coverage (schema 5): an institution's list, one result, one review item.
        Institution school;
        school.bin = "990340001114";
        school.name_kk = school.name_ru = "Школа-интернат";
        school.kato = KatoCode{"191010000", "2022"};
        if (auto r = tx.institutions().insert(school); !r) return r;
        StoredList list;
        list.institution_bin = school.bin;
        list.as_of = "2026-09-01";
        ListedPerson first, second;
        first.record_id = "L:990340001114:line:1";
        first.line = 1;
        first.surname = "Серікова";
        second.record_id = "L:990340001114:line:2";
        second.line = 2;
        second.surname = "Жанбулатов";
        if (auto r = tx.lists().insert(list, std::vector<ListedPerson>{first, second}); !r)
            return std::unexpected(r.error());
        ReconciledPerson missing;
        missing.side = 'L';
        missing.record_id = first.record_id;
        missing.institution_bin = school.bin;
        missing.outcome = "missing";
        if (auto r = tx.reconciliation().replace_results(std::vector<ReconciledPerson>{missing}); !r) return r;
        ReviewItem item;
        item.kind = ReviewKind::Pair;
        item.first_id = second.record_id;
        item.second_id = "7d1f3c2a-5b6e-4c8d-9e0f-000000000101";
        item.score = 0.8;
        return tx.reviews().merge_proposals(std::vector<ReviewItem>{item}, 1);
    });
    return ok ? 0 : 1;
}
