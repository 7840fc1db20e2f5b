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
        SANAQ_TRY(tx.settings().set("department.name_ru", "Департамент статистики"));
        SANAQ_TRY(tx.kits().insert(make_kit("KIT-SPEC-1", Tablet{"Tab", "SER-1", "", "USB-1"})));
        // Coverage (schema 5): an institution's list, one result, one review item.
        Institution school;
        school.bin = "990340001114";
        school.name_kk = school.name_ru = "Школа-интернат";
        school.kato = KatoCode{"191010000", "2022"};
        SANAQ_TRY(tx.institutions().insert(school));
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
        SANAQ_TRY(tx.lists().insert(list, std::vector<ListedPerson>{first, second}));
        ReconciledPerson missing;
        missing.side = 'L';
        missing.record_id = first.record_id;
        missing.institution_bin = school.bin;
        missing.outcome = "missing";
        SANAQ_TRY(tx.reconciliation().replace_results(std::vector<ReconciledPerson>{missing}));
        ReviewItem item;
        item.kind = ReviewKind::Pair;
        item.first_id = second.record_id;
        item.second_id = "7d1f3c2a-5b6e-4c8d-9e0f-000000000101";
        item.score = 0.8;
        SANAQ_TRY(tx.reviews().merge_proposals(std::vector<ReviewItem>{item}, 1));
        // Upstream outbox (schema 6): one household and one person in a batch with its body.
        Household household;
        household.uuid = "0b9c6f1e-1c9a-4f7e-9d2a-000000000001";
        household.place = HouseholdPlace::Institution;
        household.institution_bin = school.bin;
        Person person;
        person.uuid = item.second_id;
        person.household_uuid = household.uuid;
        person.surname = "Жанбулатов";
        const RecordProvenance from{"pkg-spec-1", "KIT-SPEC-1", 0, "2026-10-05T06:00:00Z"};
        SANAQ_TRY(tx.census().upsert(household, from));
        SANAQ_TRY(tx.census().upsert(person, from));
        UpstreamBatch batch;
        batch.uuid = "5a0c1e2f-0000-4000-8000-000000000001";
        batch.state = BatchState::Queued;
        batch.created_at_utc = "2026-10-06T08:00:00Z";
        batch.created_by = "spec.reader";
        batch.households = batch.persons = 1;
        const std::string body = "spec body bytes";
        batch.body_size = 100;
        batch.compressed_size = static_cast<std::int64_t>(body.size());
        const std::vector<BatchMember> members{{RecordKind::Household, 1, household.uuid, 1},
                                               {RecordKind::Person, 1, person.uuid, 1}};
        return tx.outbox().insert_batch(batch, body, members);
    });
    if (!ok) return 1;
    // Signed in once more: the document then holds the user's enrolment for the conversion to
    // per-role keys, which the reader checks from the README too.
    ws->reset();
    auto again = db::Workspace::open(argv[1], argv[2], argv[3], db::OpenOptions{false, db::test_kdf()});
    return again ? 0 : 1;
}
