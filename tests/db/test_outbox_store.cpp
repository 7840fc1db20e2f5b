// The upstream outbox against a real workspace: the pending walk over households and
// persons, batches with their bodies (multi-MB, in chunks) and members, superseded and released
// records coming back, the mutable fields, due batches, sending marks, stats, the migration from
// schema 5 on an existing workspace file, and no body in clear on disk.
#include <boost/test/unit_test.hpp>

#include <random>

#include "db/migrations/migrations.h"
#include "db/repositories/repositories.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

std::string hh_uuid(int n) {
    char s[40];
    std::snprintf(s, sizeof s, "0b9c6f1e-1c9a-4f7e-9d2a-%012d", n);
    return s;
}
std::string person_uuid(int n) {
    char s[40];
    std::snprintf(s, sizeof s, "7d1f3c2a-5b6e-4c8d-9e0f-%012d", n);
    return s;
}

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::string out(n, '\0');
    for (auto& c : out) c = static_cast<char>(gen() & 0xff);
    return out;
}

/// Every field set, and different from its neighbours, so a swapped column shows.
UpstreamBatch sample_batch(const std::string& uuid, const std::string& created_at_utc,
                           BatchState state = BatchState::Queued, std::int64_t households = 1,
                           std::int64_t persons = 2) {
    UpstreamBatch b;
    b.uuid = uuid;
    b.state = state;
    b.created_at_utc = created_at_utc;
    b.created_by = "officer.one";
    b.households = households;
    b.persons = persons;
    b.digest = std::string(64, 'd');
    b.signature = "c2lnbmF0dXJl";
    b.body_size = 12345;
    b.compressed_size = 4;
    return b;
}

const std::string kBody = "gzip";   // compressed_size 4 in sample_batch

BatchMember member_of(const PendingHousehold& h) {
    return BatchMember{RecordKind::Household, h.row_id, h.record.uuid, h.record.revision};
}
BatchMember member_of(const PendingPerson& p) {
    return BatchMember{RecordKind::Person, p.row_id, p.record.uuid, p.record.revision};
}

/// Three households with two persons each, stored in the order hh1 p1 p2 hh2 p3 p4 hh3 p5 p6
/// (row ids 1..3 and 1..6), from two packages.
struct Records : FreshWorkspace {
    Records() {
        in_write(*ws, [](StoreSession& tx) {
            for (int h = 1; h <= 3; ++h) {
                const auto from = sample_provenance(h < 3 ? "pkg-1" : "pkg-2", h < 3 ? "KIT-0001" : "KIT-0002", h);
                auto hh = sample_household(hh_uuid(h));
                hh.household_number = std::to_string(h);
                must(tx.census().upsert(hh, from));
                for (int p = 2 * h - 1; p <= 2 * h; ++p) {
                    auto person = sample_person(person_uuid(p), hh_uuid(h));
                    person.name = "Имя" + std::to_string(p);
                    must(tx.census().upsert(person, from));
                }
            }
        });
    }

    std::vector<PendingHousehold> pending_households(std::int64_t after = 0, std::size_t limit = 1000) {
        std::vector<PendingHousehold> out;
        in_read(*ws, [&](StoreSession& tx) { out = must(tx.outbox().pending_households(after, limit)); });
        return out;
    }
    std::vector<PendingPerson> pending_persons(std::int64_t after = 0, std::size_t limit = 1000) {
        std::vector<PendingPerson> out;
        in_read(*ws, [&](StoreSession& tx) { out = must(tx.outbox().pending_persons(after, limit)); });
        return out;
    }
    std::vector<std::string> pending_person_uuids() {
        std::vector<std::string> out;
        for (const auto& p : pending_persons()) out.push_back(p.record.uuid);
        return out;
    }
    OutboxStats stats() {
        OutboxStats s;
        in_read(*ws, [&](StoreSession& tx) { s = must(tx.outbox().stats()); });
        return s;
    }
    /// A batch of the given pending households and persons (by index into the current pending lists).
    void form(const std::string& uuid, const std::string& created_at_utc, std::vector<int> households,
              std::vector<int> persons, BatchState state = BatchState::Queued) {
        const auto hh = pending_households();
        const auto pp = pending_persons();
        std::vector<BatchMember> members;
        for (int i : households) members.push_back(member_of(hh.at(static_cast<std::size_t>(i))));
        for (int i : persons) members.push_back(member_of(pp.at(static_cast<std::size_t>(i))));
        in_write(*ws, [&](StoreSession& tx) {
            must(tx.outbox().insert_batch(sample_batch(uuid, created_at_utc, state,
                                                       static_cast<std::int64_t>(households.size()),
                                                       static_cast<std::int64_t>(persons.size())),
                                          kBody, members));
        });
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox_store)

BOOST_FIXTURE_TEST_CASE(pending_records_walk_by_row_id_with_cursor_and_limit, Records) {
    // Every stored record is pending at first, whole: the record and its provenance.
    const auto hh = pending_households();
    BOOST_REQUIRE(hh.size() == 3u);
    for (std::size_t i = 0; i < hh.size(); ++i) {
        BOOST_TEST(hh[i].row_id == static_cast<std::int64_t>(i + 1));
        auto expected = sample_household(hh_uuid(static_cast<int>(i + 1)));
        expected.household_number = std::to_string(i + 1);
        const auto& h = hh[i].record;
        BOOST_TEST(h.uuid == expected.uuid);
        BOOST_TEST(h.revision == 1);
        BOOST_TEST((h.place == expected.place));
        BOOST_TEST(h.kato == expected.kato);
        BOOST_TEST(h.kato_version == expected.kato_version);
        BOOST_TEST(h.institution_bin == expected.institution_bin);
        BOOST_TEST(h.institution_type == expected.institution_type);
        BOOST_TEST(h.household_number == expected.household_number);
        BOOST_TEST(h.answers_json == expected.answers_json);
        BOOST_TEST(hh[i].from.package_uuid == (i < 2 ? "pkg-1" : "pkg-2"));
        BOOST_TEST(hh[i].from.kit_number == (i < 2 ? "KIT-0001" : "KIT-0002"));
        BOOST_TEST(hh[i].from.holder_employee_id == static_cast<std::int64_t>(i + 1));
        BOOST_TEST(hh[i].from.pulled_at_utc == "2026-10-05T06:00:00Z");
    }
    const auto first = pending_persons(0, 4);
    BOOST_REQUIRE(first.size() == 4u);
    for (std::size_t i = 0; i < first.size(); ++i) {
        BOOST_TEST(first[i].row_id == static_cast<std::int64_t>(i + 1));
        BOOST_TEST(first[i].record.uuid == person_uuid(static_cast<int>(i + 1)));
    }
    const auto& p = first[2].record;   // person 3, of household 2
    const auto expected = sample_person(person_uuid(3), hh_uuid(2));
    BOOST_TEST(p.household_uuid == hh_uuid(2));
    BOOST_TEST(p.revision == 1);
    BOOST_TEST(p.iin == expected.iin);
    BOOST_TEST(p.surname == "Жанбулатов");
    BOOST_TEST(p.name == "Имя3");
    BOOST_TEST(p.patronymic == "Қайратұлы");
    BOOST_TEST((p.sex == Sex::Male));
    BOOST_TEST(p.birth_date == "2010-05-15");
    BOOST_TEST(p.relationship == "other");
    BOOST_TEST((p.residence == Residence::Temporary));
    BOOST_TEST((p.source == RecordSource::AdministrationRecords));
    BOOST_TEST(p.answers_json == expected.answers_json);
    BOOST_TEST(first[2].from.package_uuid == "pkg-1");
    BOOST_TEST(first[2].from.holder_employee_id == 2);
    // The cursor: after the last row id seen.
    const auto rest = pending_persons(first.back().row_id, 4);
    BOOST_REQUIRE(rest.size() == 2u);
    BOOST_TEST(rest[0].row_id == 5);
    BOOST_TEST(rest[1].row_id == 6);
    BOOST_TEST(pending_persons(6, 4).empty());
    BOOST_TEST(pending_persons(0, 0).empty());
    BOOST_TEST(pending_households(2, 10).size() == 1u);
    const auto s = stats();
    BOOST_TEST(s.pending_households == 3);
    BOOST_TEST(s.pending_persons == 6);
    BOOST_TEST(s.batches_queued == 0);
    BOOST_TEST(s.last_accepted_at_utc == "");
}

BOOST_FIXTURE_TEST_CASE(a_batch_takes_its_members_out_of_the_pending_walk, Records) {
    form("b-1", "2026-10-06T08:00:00Z", {0, 1}, {0, 1, 3});
    BOOST_TEST(pending_households().size() == 1u);
    BOOST_TEST(pending_households()[0].record.uuid == hh_uuid(3));
    BOOST_TEST((pending_person_uuids() == std::vector<std::string>{person_uuid(3), person_uuid(5), person_uuid(6)}));
    // The cursor skips what is in a batch: after row 1, the next pending person is row 3.
    const auto after = pending_persons(1, 1);
    BOOST_REQUIRE(after.size() == 1u);
    BOOST_TEST(after[0].row_id == 3);
    const auto s = stats();
    BOOST_TEST(s.pending_households == 1);
    BOOST_TEST(s.pending_persons == 3);
    BOOST_TEST(s.batches_queued == 1);
    BOOST_TEST(s.persons_queued == 3);
    // The rest in a second batch: nothing pending.
    form("b-2", "2026-10-06T09:00:00Z", {0}, {0, 1, 2});
    BOOST_TEST(pending_households().empty());
    BOOST_TEST(pending_persons().empty());
    BOOST_TEST(stats().pending_persons == 0);
    BOOST_TEST(stats().persons_queued == 6);
}

BOOST_FIXTURE_TEST_CASE(a_record_superseded_to_a_higher_revision_is_pending_again, Records) {
    form("b-1", "2026-10-06T08:00:00Z", {0, 1, 2}, {0, 1, 2, 3, 4, 5});
    BOOST_TEST(pending_persons().empty());
    in_write(*ws, [](StoreSession& tx) {
        auto p = sample_person(person_uuid(4), hh_uuid(2), 2);
        p.surname = "Жаңатегі";
        BOOST_TEST((must(tx.census().upsert(p, sample_provenance("pkg-3", "KIT-0003"))) == UpsertOutcome::Superseded));
        auto h = sample_household(hh_uuid(1), 3);
        BOOST_TEST((must(tx.census().upsert(h, sample_provenance("pkg-3", "KIT-0003"))) == UpsertOutcome::Superseded));
        // A replay of a revision already in the batch changes nothing.
        BOOST_TEST((must(tx.census().upsert(sample_person(person_uuid(5), hh_uuid(3)), sample_provenance("pkg-1", "KIT-0001"))) ==
                    UpsertOutcome::Unchanged));
    });
    const auto pp = pending_persons();
    BOOST_REQUIRE(pp.size() == 1u);
    BOOST_TEST(pp[0].row_id == 4);   // same row, new revision
    BOOST_TEST(pp[0].record.revision == 2);
    BOOST_TEST(pp[0].record.surname == "Жаңатегі");
    BOOST_TEST(pp[0].from.package_uuid == "pkg-3");
    const auto hh = pending_households();
    BOOST_REQUIRE(hh.size() == 1u);
    BOOST_TEST(hh[0].record.revision == 3);
    auto s = stats();
    BOOST_TEST(s.pending_households == 1);
    BOOST_TEST(s.pending_persons == 1);
    // Until it goes up at that revision; its mark then names the newer batch.
    in_read(*ws, [](StoreSession& tx) {
        auto mark = must(tx.outbox().mark_of(RecordKind::Person, person_uuid(4)));
        BOOST_REQUIRE(mark.has_value());
        BOOST_TEST(mark->batch_uuid == "b-1");
        BOOST_TEST(mark->revision == 1);
    });
    form("b-2", "2026-10-07T08:00:00Z", {0}, {0});
    BOOST_TEST(pending_persons().empty());
    BOOST_TEST(pending_households().empty());
    s = stats();
    BOOST_TEST(s.pending_households == 0);
    BOOST_TEST(s.pending_persons == 0);
    in_read(*ws, [](StoreSession& tx) {
        auto mark = must(tx.outbox().mark_of(RecordKind::Person, person_uuid(4)));
        BOOST_REQUIRE(mark.has_value());
        BOOST_TEST(mark->batch_uuid == "b-2");
        BOOST_TEST(mark->revision == 2);
        BOOST_TEST(must(tx.outbox().mark_of(RecordKind::Household, hh_uuid(1)))->revision == 3);
        BOOST_TEST(must(tx.outbox().mark_of(RecordKind::Person, person_uuid(3)))->batch_uuid == "b-1");
    });
}

BOOST_FIXTURE_TEST_CASE(released_members_are_pending_again, Records) {
    form("b-1", "2026-10-06T08:00:00Z", {0}, {0, 1});
    form("b-2", "2026-10-06T09:00:00Z", {0}, {0, 1});
    BOOST_TEST((pending_person_uuids() == std::vector<std::string>{person_uuid(5), person_uuid(6)}));
    in_write(*ws, [](StoreSession& tx) {
        auto b = *must(tx.outbox().find_batch("b-1"));
        b.state = BatchState::Discarded;
        must(tx.outbox().update_batch(b));
        must(tx.outbox().release_members("b-1"));
        auto unknown = tx.outbox().release_members("b-404");
        BOOST_REQUIRE(!unknown);
        BOOST_TEST((unknown.error().code == ErrorCode::NotFound));
    });
    BOOST_TEST((pending_person_uuids() == std::vector<std::string>{person_uuid(1), person_uuid(2), person_uuid(5),
                                                                    person_uuid(6)}));
    BOOST_TEST(pending_households().size() == 2u);
    in_read(*ws, [](StoreSession& tx) {
        BOOST_TEST(!must(tx.outbox().mark_of(RecordKind::Person, person_uuid(1))).has_value());
        BOOST_TEST(must(tx.outbox().mark_of(RecordKind::Person, person_uuid(3)))->batch_uuid == "b-2");
        // The discarded batch itself stays, with its body.
        BOOST_TEST((must(tx.outbox().find_batch("b-1"))->state == BatchState::Discarded));
        BOOST_TEST(must(tx.outbox().batch_body("b-1")) == kBody);
        const auto s = must(tx.outbox().stats());
        BOOST_TEST(s.batches_discarded == 1);
        BOOST_TEST(s.batches_queued == 1);
        BOOST_TEST(s.persons_queued == 2);
        BOOST_TEST(s.pending_persons == 4);
    });
    // The released records can go up again, in a new batch.
    form("b-3", "2026-10-06T10:00:00Z", {0}, {0, 1});
    BOOST_TEST((pending_person_uuids() == std::vector<std::string>{person_uuid(5), person_uuid(6)}));
    in_read(*ws, [](StoreSession& tx) {
        BOOST_TEST(must(tx.outbox().mark_of(RecordKind::Person, person_uuid(1)))->batch_uuid == "b-3");
    });
}

BOOST_FIXTURE_TEST_CASE(insert_find_and_update_every_field, Records) {
    auto formed = sample_batch("5a0c1e2f-0000-4000-8000-000000000001", "2026-10-06T08:00:00Z",
                               BatchState::AwaitingRelease, 3, 6);
    in_write(*ws, [&](StoreSession& tx) { must(tx.outbox().insert_batch(formed, kBody, {})); });
    in_read(*ws, [&](StoreSession& tx) {
        auto b = must(tx.outbox().find_batch(formed.uuid));
        BOOST_REQUIRE(b.has_value());
        BOOST_TEST(b->uuid == formed.uuid);
        BOOST_TEST((b->state == BatchState::AwaitingRelease));
        BOOST_TEST(b->created_at_utc == "2026-10-06T08:00:00Z");
        BOOST_TEST(b->created_by == "officer.one");
        BOOST_TEST(b->households == 3);
        BOOST_TEST(b->persons == 6);
        BOOST_TEST(b->digest == std::string(64, 'd'));
        BOOST_TEST(b->signature == "c2lnbmF0dXJl");
        BOOST_TEST(b->body_size == 12345);
        BOOST_TEST(b->compressed_size == 4);
        BOOST_TEST(b->released_by == "");
        BOOST_TEST(b->attempts == 0);
        BOOST_TEST(b->next_attempt_at_utc == "");
        BOOST_TEST(b->receipt_json == "");
        BOOST_TEST(!must(tx.outbox().find_batch("5a0c1e2f-0000-4000-8000-00000000dead")).has_value());
    });
    UpstreamBatch changed = formed;
    changed.state = BatchState::Held;
    changed.released_by = "supervisor.two";
    changed.released_at_utc = "2026-10-06T08:30:00Z";
    changed.attempts = 3;
    changed.last_attempt_at_utc = "2026-10-06T09:00:00Z";
    changed.next_attempt_at_utc = "2026-10-06T09:05:00Z";
    changed.last_error_code = "refused";
    changed.last_error = "409: партия противоречит принятой";
    changed.accepted_at_utc = "2026-10-06T09:10:00Z";
    changed.receipt_json = R"({"batch":"5a0c…","accepted":6})";
    // What the batch carries is fixed when it is formed: update leaves it alone.
    changed.created_at_utc = "2030-01-01T00:00:00Z";
    changed.created_by = "somebody.else";
    changed.households = 99;
    changed.persons = 99;
    changed.digest = "x";
    changed.signature = "y";
    changed.body_size = 1;
    changed.compressed_size = 1;
    in_write(*ws, [&](StoreSession& tx) { must(tx.outbox().update_batch(changed)); });
    in_read(*ws, [&](StoreSession& tx) {
        auto b = *must(tx.outbox().find_batch(formed.uuid));
        BOOST_TEST((b.state == BatchState::Held));
        BOOST_TEST(b.released_by == "supervisor.two");
        BOOST_TEST(b.released_at_utc == "2026-10-06T08:30:00Z");
        BOOST_TEST(b.attempts == 3);
        BOOST_TEST(b.last_attempt_at_utc == "2026-10-06T09:00:00Z");
        BOOST_TEST(b.next_attempt_at_utc == "2026-10-06T09:05:00Z");
        BOOST_TEST(b.last_error_code == "refused");
        BOOST_TEST(b.last_error == "409: партия противоречит принятой");
        BOOST_TEST(b.accepted_at_utc == "2026-10-06T09:10:00Z");
        BOOST_TEST(b.receipt_json == changed.receipt_json);
        BOOST_TEST(b.created_at_utc == formed.created_at_utc);
        BOOST_TEST(b.created_by == formed.created_by);
        BOOST_TEST(b.households == 3);
        BOOST_TEST(b.persons == 6);
        BOOST_TEST(b.digest == formed.digest);
        BOOST_TEST(b.signature == formed.signature);
        BOOST_TEST(b.body_size == formed.body_size);
        BOOST_TEST(b.compressed_size == formed.compressed_size);
        BOOST_TEST(must(tx.outbox().batch_body(formed.uuid)) == kBody);
    });
    in_write(*ws, [&](StoreSession& tx) {
        auto unknown = changed;
        unknown.uuid = "5a0c1e2f-0000-4000-8000-00000000dead";
        auto r = tx.outbox().update_batch(unknown);
        BOOST_REQUIRE(!r);
        BOOST_TEST((r.error().code == ErrorCode::NotFound));
        BOOST_TEST(r.error().args.at(0) == unknown.uuid);
    });
}

BOOST_FIXTURE_TEST_CASE(a_taken_uuid_or_a_member_already_in_a_batch_is_refused_whole, Records) {
    form("b-1", "2026-10-06T08:00:00Z", {0}, {0, 1});
    const auto pp = pending_persons();   // persons 3..6
    in_write(*ws, [&](StoreSession& tx) {
        auto dup = tx.outbox().insert_batch(sample_batch("b-1", "2026-10-07T08:00:00Z"), kBody,
                                            std::vector<BatchMember>{member_of(pp[0])});
        BOOST_REQUIRE(!dup);
        BOOST_TEST((dup.error().code == ErrorCode::AlreadyExists));
        BOOST_TEST(dup.error().args.at(0) == "b-1");
        // Person 1 at revision 1 is in b-1 already: nothing of b-2 is kept (not even person 3).
        auto clash = tx.outbox().insert_batch(
            sample_batch("b-2", "2026-10-07T08:00:00Z"), kBody,
            std::vector<BatchMember>{member_of(pp[0]), BatchMember{RecordKind::Person, 1, person_uuid(1), 1}});
        BOOST_REQUIRE(!clash);
        BOOST_TEST((clash.error().code == ErrorCode::AlreadyExists));
        BOOST_TEST((clash.error().args == std::vector<std::string>{person_uuid(1), "1", "b-1"}));
        BOOST_TEST(!must(tx.outbox().find_batch("b-2")).has_value());
        BOOST_TEST(must(tx.outbox().pending_persons(0, 10)).size() == 4u);
        // Twice in one batch.
        auto twice = tx.outbox().insert_batch(sample_batch("b-3", "2026-10-07T08:00:00Z"), kBody,
                                              std::vector<BatchMember>{member_of(pp[0]), member_of(pp[0])});
        BOOST_REQUIRE(!twice);
        BOOST_TEST((twice.error().code == ErrorCode::AlreadyExists));
        BOOST_TEST(!must(tx.outbox().find_batch("b-3")).has_value());
        // A compressed_size that is not the body's length is a caller's bug.
        auto size = tx.outbox().insert_batch(sample_batch("b-4", "2026-10-07T08:00:00Z"), "gzip!", {});
        BOOST_REQUIRE(!size);
        BOOST_TEST((size.error().code == ErrorCode::Unexpected));
        // The transaction is still good: the batch goes in as it should.
        must(tx.outbox().insert_batch(sample_batch("b-5", "2026-10-07T08:00:00Z"), kBody,
                                      std::vector<BatchMember>{member_of(pp[0])}));
    });
    in_read(*ws, [](StoreSession& tx) {
        BOOST_TEST(must(tx.outbox().batches(std::nullopt, 0)).size() == 2u);
        BOOST_TEST(must(tx.outbox().pending_persons(0, 10)).size() == 3u);
        BOOST_TEST(must(tx.outbox().mark_of(RecordKind::Person, person_uuid(3)))->batch_uuid == "b-5");
    });
}

BOOST_FIXTURE_TEST_CASE(batches_newest_first_and_due_batches_oldest_first, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        auto add = [&](const std::string& uuid, const std::string& created, BatchState state, const std::string& next) {
            auto b = sample_batch(uuid, created, state);
            b.next_attempt_at_utc = next;
            must(tx.outbox().insert_batch(b, kBody, {}));
        };
        add("q-late", "2026-10-06T12:00:00Z", BatchState::Queued, "");
        add("q-waiting", "2026-10-06T09:00:00Z", BatchState::Queued, "2026-10-06T13:00:01Z");
        add("q-early", "2026-10-06T08:00:00Z", BatchState::Queued, "2026-10-06T12:59:00Z");
        add("q-now", "2026-10-06T10:00:00Z", BatchState::Queued, "2026-10-06T13:00:00Z");
        add("a-1", "2026-10-06T07:00:00Z", BatchState::AwaitingRelease, "");
        add("ok-1", "2026-10-06T06:00:00Z", BatchState::Accepted, "");
        add("held-1", "2026-10-06T11:00:00Z", BatchState::Held, "");
        add("q-same-time", "2026-10-06T12:00:00Z", BatchState::Queued, "");   // stored after q-late
    });
    in_read(*ws, [](StoreSession& tx) {
        auto uuids = [](const std::vector<UpstreamBatch>& bs) {
            std::vector<std::string> out;
            for (const auto& b : bs) out.push_back(b.uuid);
            return out;
        };
        BOOST_TEST((uuids(must(tx.outbox().due_batches("2026-10-06T13:00:00Z"))) ==
                    std::vector<std::string>{"q-early", "q-now", "q-late", "q-same-time"}));
        BOOST_TEST((uuids(must(tx.outbox().due_batches("2026-10-06T13:00:01Z"))) ==
                    std::vector<std::string>{"q-early", "q-waiting", "q-now", "q-late", "q-same-time"}));
        BOOST_TEST((uuids(must(tx.outbox().due_batches("2026-10-06T00:00:00Z"))) ==
                    std::vector<std::string>{"q-late", "q-same-time"}));
        BOOST_TEST((uuids(must(tx.outbox().batches(std::nullopt, 0))) ==
                    std::vector<std::string>{"q-same-time", "q-late", "held-1", "q-now", "q-waiting", "q-early", "a-1",
                                             "ok-1"}));
        BOOST_TEST((uuids(must(tx.outbox().batches(std::nullopt, 3))) ==
                    std::vector<std::string>{"q-same-time", "q-late", "held-1"}));
        BOOST_TEST((uuids(must(tx.outbox().batches(BatchState::Queued, 2))) ==
                    std::vector<std::string>{"q-same-time", "q-late"}));
        BOOST_TEST((uuids(must(tx.outbox().batches(BatchState::Held, 0))) == std::vector<std::string>{"held-1"}));
        BOOST_TEST(must(tx.outbox().batches(BatchState::Discarded, 0)).empty());
    });
}

BOOST_FIXTURE_TEST_CASE(bodies_round_trip_in_chunks_and_never_in_clear, FreshWorkspace) {
    // 3.5 MiB of incompressible bytes with a marker in the middle, an empty body, a tiny one.
    std::string big = random_bytes(3 * (1 << 20) + (1 << 19), 7);
    const std::string marker = "UPSTREAM-BODY-MARKER-Жанбулатов-850715300125";
    big.replace(2 * (1 << 20) - 10, marker.size(), marker);   // across a chunk boundary
    in_write(*ws, [&](StoreSession& tx) {
        auto b = sample_batch("big", "2026-10-06T08:00:00Z");
        b.compressed_size = static_cast<std::int64_t>(big.size());
        must(tx.outbox().insert_batch(b, big, {}));
        auto e = sample_batch("empty", "2026-10-06T08:00:00Z");
        e.compressed_size = 0;
        must(tx.outbox().insert_batch(e, "", {}));
        must(tx.outbox().insert_batch(sample_batch("tiny", "2026-10-06T08:00:00Z"), kBody, {}));
    });
    in_read(*ws, [&](StoreSession& tx) {
        BOOST_TEST((must(tx.outbox().batch_body("big")) == big));
        BOOST_TEST(must(tx.outbox().batch_body("empty")).empty());
        BOOST_TEST(must(tx.outbox().batch_body("tiny")) == kBody);
        auto none = tx.outbox().batch_body("missing");
        BOOST_REQUIRE(!none);
        BOOST_TEST((none.error().code == ErrorCode::NotFound));
        BOOST_TEST(none.error().args.at(0) == "missing");
    });
    BOOST_TEST(!any_file_contains(dir, marker));
    BOOST_TEST(!any_file_contains(dir, big.substr(1000, 64)));
    close();
    BOOST_TEST(!any_file_contains(dir, marker));
    BOOST_TEST(!any_file_contains(dir, big.substr(1000, 64)));
    {
        auto raw = this->raw();
        auto& st = raw->cached(
            "SELECT count(*), max(length(c.bytes)) FROM upstream_batch_bodies c JOIN upstream_batches b "
            "ON b.id = c.batch_id WHERE b.uuid = 'big'");
        BOOST_REQUIRE(st.step());
        BOOST_TEST(st.int64(0) == 4);
        BOOST_TEST(st.int64(1) == (1 << 20));
        st.reset();
        // A chunk gone or a size that does not add up reads as a damaged file.
        raw->exec("DELETE FROM upstream_batch_bodies WHERE position = 1 AND batch_id = (SELECT id FROM "
                  "upstream_batches WHERE uuid = 'big');"
                  "UPDATE upstream_batches SET compressed_size = 5 WHERE uuid = 'tiny';");
    }
    reopen();
    for (const char* uuid : {"big", "tiny"}) {
        auto r = ws->read([&](StoreSession& tx) { return drop_value(tx.outbox().batch_body(uuid)); });
        BOOST_REQUIRE(!r);
        BOOST_TEST((r.error().code == ErrorCode::WorkspaceDamaged), uuid);
    }
}

BOOST_FIXTURE_TEST_CASE(sending_marks_follow_the_latest_live_batch, Records) {
    in_read(*ws, [](StoreSession& tx) {
        BOOST_TEST(!must(tx.outbox().mark_of(RecordKind::Person, person_uuid(1))).has_value());   // pending
        BOOST_TEST(!must(tx.outbox().mark_of(RecordKind::Person, "no-such-uuid")).has_value());
        // A household's UUID is not a person's.
        BOOST_TEST(!must(tx.outbox().mark_of(RecordKind::Person, hh_uuid(1))).has_value());
    });
    form("b-1", "2026-10-06T08:00:00Z", {0}, {0});
    in_read(*ws, [](StoreSession& tx) {
        auto mark = must(tx.outbox().mark_of(RecordKind::Person, person_uuid(1)));
        BOOST_REQUIRE(mark.has_value());
        BOOST_TEST(mark->batch_uuid == "b-1");
        BOOST_TEST(mark->revision == 1);
        BOOST_TEST((mark->state == BatchState::Queued));
        BOOST_TEST(mark->sent_at_utc == "");
        BOOST_TEST(mark->receipt_json == "");
        BOOST_TEST(must(tx.outbox().mark_of(RecordKind::Household, hh_uuid(1)))->batch_uuid == "b-1");
        BOOST_TEST(!must(tx.outbox().mark_of(RecordKind::Household, hh_uuid(2))).has_value());
    });
    in_write(*ws, [](StoreSession& tx) {
        auto b = *must(tx.outbox().find_batch("b-1"));
        b.state = BatchState::Accepted;
        b.accepted_at_utc = "2026-10-06T08:05:00Z";
        b.receipt_json = R"({"receipt":"signed"})";
        must(tx.outbox().update_batch(b));
    });
    in_read(*ws, [](StoreSession& tx) {
        auto mark = *must(tx.outbox().mark_of(RecordKind::Person, person_uuid(1)));
        BOOST_TEST((mark.state == BatchState::Accepted));
        BOOST_TEST(mark.sent_at_utc == "2026-10-06T08:05:00Z");
        BOOST_TEST(mark.receipt_json == R"({"receipt":"signed"})");
    });
}

BOOST_FIXTURE_TEST_CASE(stats_count_states_pending_and_persons, Records) {
    form("b-acc-1", "2026-10-06T08:00:00Z", {0}, {0, 1}, BatchState::Accepted);
    form("b-acc-2", "2026-10-06T09:00:00Z", {}, {0}, BatchState::Accepted);
    form("b-await", "2026-10-06T10:00:00Z", {0}, {0});
    form("b-queued", "2026-10-06T11:00:00Z", {}, {0});
    in_write(*ws, [](StoreSession& tx) {
        for (const auto& [uuid, state, at] :
             {std::tuple{"b-acc-1", BatchState::Accepted, "2026-10-06T08:10:00Z"},
              std::tuple{"b-acc-2", BatchState::Accepted, "2026-10-06T09:10:00Z"},
              std::tuple{"b-await", BatchState::AwaitingRelease, ""}}) {
            auto b = *must(tx.outbox().find_batch(uuid));
            b.state = state;
            b.accepted_at_utc = at;
            must(tx.outbox().update_batch(b));
        }
        must(tx.outbox().insert_batch(sample_batch("b-held", "2026-10-06T12:00:00Z", BatchState::Held, 0, 7), kBody, {}));
        must(tx.outbox().insert_batch(sample_batch("b-gone", "2026-10-06T12:30:00Z", BatchState::Discarded, 0, 9), kBody,
                                      {}));
    });
    const auto s = stats();
    BOOST_TEST(s.batches_accepted == 2);
    BOOST_TEST(s.batches_awaiting_release == 1);
    BOOST_TEST(s.batches_queued == 1);
    BOOST_TEST(s.batches_held == 1);
    BOOST_TEST(s.batches_discarded == 1);
    BOOST_TEST(s.persons_accepted == 3);
    BOOST_TEST(s.persons_queued == 2);   // awaiting release + queued
    BOOST_TEST(s.last_accepted_at_utc == "2026-10-06T09:10:00Z");
    BOOST_TEST(s.pending_households == 1);
    BOOST_TEST(s.pending_persons == 1);
}

BOOST_FIXTURE_TEST_CASE(an_unknown_stored_state_reads_as_a_damaged_file, Records) {
    form("b-1", "2026-10-06T08:00:00Z", {0}, {0});
    close();
    raw()->exec("UPDATE upstream_batches SET state = 'lost';");
    reopen();
    auto expect_damaged = [&](auto&& read) {
        auto r = ws->read([&](StoreSession& tx) -> Status { return read(tx); });
        BOOST_REQUIRE(!r);
        BOOST_TEST((r.error().code == ErrorCode::WorkspaceDamaged));
    };
    expect_damaged([](StoreSession& tx) { return drop_value(tx.outbox().find_batch("b-1")); });
    expect_damaged([](StoreSession& tx) { return drop_value(tx.outbox().batches(std::nullopt, 0)); });
    expect_damaged([](StoreSession& tx) { return drop_value(tx.outbox().stats()); });
    expect_damaged([](StoreSession& tx) { return drop_value(tx.outbox().mark_of(RecordKind::Person, person_uuid(1))); });
}

BOOST_FIXTURE_TEST_CASE(a_schema_5_workspace_file_is_migrated_to_6_with_its_records_pending, Records) {
    // As the previous version left it: the records, no outbox tables, user_version 5.
    close();
    {
        auto raw = this->raw();
        raw->exec("DROP TABLE upstream_batch_members; DROP TABLE upstream_batch_bodies; DROP TABLE upstream_batches;"
                  "DELETE FROM schema_history WHERE version >= 6; PRAGMA user_version = 5;");
    }
    reopen();
    BOOST_TEST(ws->schema_version() == db::latest_schema_version());
    BOOST_TEST(std::filesystem::exists(dir / "workspace.db.schema-5.bak"));
    BOOST_TEST(pending_households().size() == 3u);
    BOOST_TEST(pending_persons().size() == 6u);
    BOOST_TEST(stats().pending_persons == 6);
    form("b-1", "2026-10-06T08:00:00Z", {0, 1, 2}, {0, 1, 2, 3, 4, 5});
    BOOST_TEST(pending_persons().empty());
    close();
    {
        auto raw = this->raw();
        auto& st = raw->cached("SELECT name FROM schema_history WHERE version = 6");
        BOOST_REQUIRE(st.step());
        BOOST_TEST(st.text(0) == "upstream_outbox");
        st.reset();
    }
}

BOOST_AUTO_TEST_SUITE_END()
