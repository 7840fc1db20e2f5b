// The census side of the store against a real workspace: device keys, received and quarantined
// packages (bytes round trip, multi-MB), pulls, and the revision rules of census records.
#include <boost/test/unit_test.hpp>

#include <random>

#include "db/repositories/repositories.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

const std::string kDevA = std::string(63, 'a') + "1";
const std::string kDevB = std::string(63, 'b') + "2";
const std::string kHh = "0b9c6f1e-1c9a-4f7e-9d2a-000000000001";
const std::string kP1 = "7d1f3c2a-5b6e-4c8d-9e0f-000000000101";
const std::string kP2 = "7d1f3c2a-5b6e-4c8d-9e0f-000000000102";

DeviceKey key_of(const std::string& kit, const std::string& device_id) {
    return DeviceKey{kit, device_id, "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA" + device_id.substr(0, 8) +
                                         "\n-----END PUBLIC KEY-----\n",
                     "2026-09-01T05:00:00Z", "zhanar.admin"};
}

struct Kits : FreshWorkspace {
    Kits() {
        in_write(*ws, [](StoreSession& tx) {
            must(tx.kits().insert(sample_kit("KIT-0001", "0001")));
            must(tx.kits().insert(sample_kit("KIT-0002", "0002")));
        });
    }
};

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::string out(n, '\0');
    for (auto& c : out) c = static_cast<char>(gen() & 0xff);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(census_store)

BOOST_FIXTURE_TEST_CASE(device_keys_enrol_replace_and_find, Kits) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.device_keys().enroll(key_of("KIT-0002", kDevB)));
        must(tx.device_keys().enroll(key_of("KIT-0001", kDevA)));
    });
    in_read(*ws, [](StoreSession& tx) {
        auto a = must(tx.device_keys().for_kit("KIT-0001"));
        BOOST_REQUIRE(a.has_value());
        BOOST_TEST(a->device_id == kDevA);
        BOOST_TEST(a->public_key_pem == key_of("KIT-0001", kDevA).public_key_pem);
        BOOST_TEST(a->enrolled_at_utc == "2026-09-01T05:00:00Z");
        BOOST_TEST(a->enrolled_by == "zhanar.admin");
        auto b = must(tx.device_keys().by_device_id(kDevB));
        BOOST_REQUIRE(b.has_value());
        BOOST_TEST(b->kit_number == "KIT-0002");
        BOOST_TEST(!must(tx.device_keys().for_kit("KIT-0404")).has_value());
        BOOST_TEST(!must(tx.device_keys().by_device_id(std::string(64, 'c'))).has_value());
        const auto all = must(tx.device_keys().list());
        BOOST_REQUIRE(all.size() == 2u);
        BOOST_TEST(all[0].kit_number == "KIT-0001");  // by kit number
        BOOST_TEST(all[1].kit_number == "KIT-0002");
    });
    // A kit's key is replaced (a tablet swapped in the kit); the old key no longer finds it.
    const std::string kDevC = std::string(63, 'c') + "3";
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.device_keys().enroll(key_of("KIT-0001", kDevC)));
        BOOST_TEST(must(tx.device_keys().for_kit("KIT-0001"))->device_id == kDevC);
        BOOST_TEST(!must(tx.device_keys().by_device_id(kDevA)).has_value());
        BOOST_TEST(must(tx.device_keys().list()).size() == 2u);
        // Re-enrolling the same key on the same kit is fine.
        must(tx.device_keys().enroll(key_of("KIT-0001", kDevC)));
    });
}

BOOST_FIXTURE_TEST_CASE(one_device_key_cannot_serve_two_kits, Kits) {
    in_write(*ws, [](StoreSession& tx) { must(tx.device_keys().enroll(key_of("KIT-0001", kDevA))); });
    in_write(*ws, [](StoreSession& tx) {
        auto again = tx.device_keys().enroll(key_of("KIT-0002", kDevA));
        BOOST_REQUIRE(!again);
        BOOST_TEST((again.error().code == ErrorCode::AlreadyExists));
        BOOST_TEST(again.error().args.at(1) == "KIT-0001");
        auto unknown = tx.device_keys().enroll(key_of("KIT-0404", kDevB));
        BOOST_REQUIRE(!unknown);
        BOOST_TEST((unknown.error().code == ErrorCode::NotFound));
        BOOST_TEST(!must(tx.device_keys().for_kit("KIT-0002")).has_value());
    });
}

BOOST_FIXTURE_TEST_CASE(received_packages_insert_find_list_and_sequences, Kits) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.packages().insert(sample_received("00000000-0000-4000-8000-000000000003", "KIT-0001", kDevA, 3,
                                                  "2026-10-05T06:00:00Z")));
        must(tx.packages().insert(sample_received("00000000-0000-4000-8000-000000000001", "KIT-0001", kDevA, 1,
                                                  "2026-10-01T06:00:00Z")));
        must(tx.packages().insert(sample_received("00000000-0000-4000-8000-000000000007", "KIT-0002", kDevB, 7,
                                                  "2026-10-03T06:00:00Z")));
        // Two from one pull (same time): storage order decides, newest stored first.
        must(tx.packages().insert(sample_received("00000000-0000-4000-8000-000000000004", "KIT-0001", kDevA, 4,
                                                  "2026-10-05T06:00:00Z")));
        auto dup = tx.packages().insert(sample_received("00000000-0000-4000-8000-000000000001", "KIT-0002", kDevB, 9));
        BOOST_REQUIRE(!dup);
        BOOST_TEST((dup.error().code == ErrorCode::AlreadyExists));
        BOOST_TEST(dup.error().args.at(0) == "00000000-0000-4000-8000-000000000001");
    });
    in_read(*ws, [](StoreSession& tx) {
        const auto expected = sample_received("00000000-0000-4000-8000-000000000003", "KIT-0001", kDevA, 3);
        auto p = must(tx.packages().find("00000000-0000-4000-8000-000000000003"));
        BOOST_REQUIRE(p.has_value());
        BOOST_TEST(p->manifest.package_uuid == expected.manifest.package_uuid);
        BOOST_TEST(p->manifest.format_version == 1);
        BOOST_TEST(p->manifest.device_id == kDevA);
        BOOST_TEST(p->manifest.device_model == "SM-X200");
        BOOST_TEST(p->manifest.usb_serial == "R9TS0001");
        BOOST_TEST(p->manifest.kit_number == "KIT-0001");
        BOOST_TEST(p->manifest.interviewer_iin == expected.manifest.interviewer_iin);
        BOOST_TEST(p->manifest.census_round == "2026");
        BOOST_TEST(p->manifest.sequence == 3);
        BOOST_TEST(p->manifest.exported_at == "2026-10-04T18:30:00Z");
        BOOST_TEST(p->manifest.households == 3);
        BOOST_TEST(p->manifest.persons == 9);
        BOOST_TEST(p->manifest.payload_size == 4321);
        BOOST_TEST(p->manifest.payload_sha256 == std::string(64, 'a'));
        BOOST_TEST(p->pulled_at_utc == "2026-10-05T06:00:00Z");
        BOOST_TEST(p->pulled_by == "officer.one");
        BOOST_TEST(p->pull_id == 1);
        BOOST_TEST(p->holder_employee_id == 7);
        BOOST_TEST(p->households_new == 3);
        BOOST_TEST(p->households_superseded == 0);
        BOOST_TEST(p->households_ignored == 0);
        BOOST_TEST(p->persons_new == 8);
        BOOST_TEST(p->persons_superseded == 1);
        BOOST_TEST(p->persons_ignored == 0);
        BOOST_TEST(p->warnings == 2);
        BOOST_TEST(p->clock_skew_seconds == 40);
        BOOST_TEST(!must(tx.packages().find("00000000-0000-4000-8000-00000000dead")).has_value());

        BOOST_TEST((must(tx.packages().sequences(kDevA)) == std::vector<std::int64_t>{1, 3, 4}));
        BOOST_TEST((must(tx.packages().sequences(kDevB)) == std::vector<std::int64_t>{7}));
        BOOST_TEST(must(tx.packages().sequences(std::string(64, 'f'))).empty());

        std::vector<std::int64_t> order;
        for (const auto& r : must(tx.packages().list(""))) order.push_back(r.manifest.sequence);
        BOOST_TEST((order == std::vector<std::int64_t>{4, 3, 7, 1}));
        order.clear();
        for (const auto& r : must(tx.packages().list("KIT-0001"))) order.push_back(r.manifest.sequence);
        BOOST_TEST((order == std::vector<std::int64_t>{4, 3, 1}));
        BOOST_TEST(must(tx.packages().list("KIT-0404")).empty());
    });
}

BOOST_FIXTURE_TEST_CASE(quarantine_keeps_bytes_and_reason, FreshWorkspace) {
    // 3.5 MiB: four chunks, the last one partial; binary bytes including zeros.
    const std::string big = random_bytes((7u << 20) / 2, 42);
    static const char kSmall[] = "PK\x00\x01 not a package";
    const std::string small(kSmall, sizeof kSmall - 1);
    std::int64_t id_big = 0, id_small = 0, id_empty = 0;
    in_write(*ws, [&](StoreSession& tx) {
        QuarantinedPackage q;
        q.file_name = "0f0e-big.sqpkg";
        q.package_uuid = "00000000-0000-4000-8000-0000000000b1";
        q.kit_number = "KIT-0001";
        q.device_id = kDevA;
        q.reason = QuarantineReason::UnknownDevice;
        q.detail = "no key enrolled for device " + kDevA;
        q.source = "tablet R9TS0001 (MTP)";
        q.quarantined_at_utc = "2026-10-05T06:01:00Z";
        id_big = must(tx.packages().quarantine(q, big));
        q.file_name = "garbage.sqpkg";
        q.package_uuid = "";
        q.reason = QuarantineReason::Malformed;
        q.detail = "bad magic";
        id_small = must(tx.packages().quarantine(q, small));
        q.file_name = "empty.sqpkg";
        q.reason = QuarantineReason::Malformed;
        q.detail = "empty file";
        id_empty = must(tx.packages().quarantine(q, ""));
    });
    BOOST_TEST(id_big > 0);
    BOOST_TEST(id_small > id_big);
    in_read(*ws, [&](StoreSession& tx) {
        BOOST_TEST((must(tx.packages().quarantined_bytes(id_big)) == big));
        BOOST_TEST((must(tx.packages().quarantined_bytes(id_small)) == small));
        BOOST_TEST(must(tx.packages().quarantined_bytes(id_empty)).empty());
        auto missing = tx.packages().quarantined_bytes(id_empty + 100);
        BOOST_REQUIRE(!missing);
        BOOST_TEST((missing.error().code == ErrorCode::NotFound));

        auto q = must(tx.packages().find_quarantined(id_big));
        BOOST_REQUIRE(q.has_value());
        BOOST_TEST(q->id == id_big);
        BOOST_TEST(q->file_name == "0f0e-big.sqpkg");
        BOOST_TEST(q->package_uuid == "00000000-0000-4000-8000-0000000000b1");
        BOOST_TEST(q->kit_number == "KIT-0001");
        BOOST_TEST(q->device_id == kDevA);
        BOOST_TEST((q->reason == QuarantineReason::UnknownDevice));
        BOOST_TEST(q->detail == "no key enrolled for device " + kDevA);
        BOOST_TEST(q->source == "tablet R9TS0001 (MTP)");
        BOOST_TEST(q->quarantined_at_utc == "2026-10-05T06:01:00Z");
        BOOST_TEST(q->size == static_cast<std::int64_t>(big.size()));
        BOOST_TEST(!q->resolved);
        BOOST_TEST(q->resolution == "");
        BOOST_TEST(!must(tx.packages().find_quarantined(id_empty + 100)).has_value());

        const auto open = must(tx.packages().quarantined(false));
        BOOST_REQUIRE(open.size() == 3u);
        BOOST_TEST(open[0].id == id_empty);  // newest first
        BOOST_TEST(open[2].id == id_big);
        BOOST_TEST(must(tx.census().stats()).quarantined_open == 3);
    });
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.packages().resolve_quarantined(id_big, "stored"));
        must(tx.packages().resolve_quarantined(id_empty, "dismissed: empty file"));
        auto none = tx.packages().resolve_quarantined(id_empty + 100, "stored");
        BOOST_REQUIRE(!none);
        BOOST_TEST((none.error().code == ErrorCode::NotFound));
    });
    in_read(*ws, [&](StoreSession& tx) {
        const auto open = must(tx.packages().quarantined(false));
        BOOST_REQUIRE(open.size() == 1u);
        BOOST_TEST(open[0].id == id_small);
        const auto all = must(tx.packages().quarantined(true));
        BOOST_REQUIRE(all.size() == 3u);
        BOOST_TEST(all[0].resolved);
        BOOST_TEST(all[0].resolution == "dismissed: empty file");
        BOOST_TEST(all[2].resolution == "stored");
        BOOST_TEST(must(tx.census().stats()).quarantined_open == 1);
        // Resolved packages keep their bytes (a retry or an inquiry may want them).
        BOOST_TEST((must(tx.packages().quarantined_bytes(id_big)) == big));
    });
    // Stored in 1 MiB chunks, and encrypted with the rest of the store: the bytes are nowhere in clear.
    close();
    {
        auto raw = this->raw();
        auto& st = raw->query("SELECT count(*), max(length(bytes)) FROM quarantined_chunks WHERE package_id = ?", id_big);
        BOOST_REQUIRE(st.step());
        BOOST_TEST(st.int64(0) == 4);
        BOOST_TEST(st.int64(1) == (1 << 20));
        st.reset();
    }
    BOOST_TEST(!any_file_contains(dir, big.substr(1000, 64)));
}

// A pull's outcome is stored as its code, the text workspaces written before hold; a code this
// version does not know was written by something else and is reported, never guessed at.
BOOST_FIXTURE_TEST_CASE(a_pull_outcome_is_stored_as_its_code_and_an_unknown_one_is_damage,
                        FreshWorkspace) {
    in_write(*ws, [&](StoreSession& tx) {
        PullRecord p;
        p.kit_number = "KIT-0001";
        p.started_at_utc = "2026-10-05T06:00:00Z";
        p.user = "officer.one";
        p.outcome = PullOutcome::Cancelled;
        must(tx.packages().begin_pull(p));
    });
    close();
    {
        auto raw = this->raw();
        auto& st = raw->cached("SELECT outcome FROM pulls");
        BOOST_REQUIRE(st.step());
        BOOST_TEST(st.text(0) == "cancelled");
        st.reset();
        raw->exec("UPDATE pulls SET outcome = 'mostly done'");
    }
    reopen();
    auto read = ws->read([](StoreSession& tx) -> Status {
        auto pulls = tx.packages().pulls("", 0);
        SANAQ_TRY(pulls);
        return {};
    });
    BOOST_REQUIRE(!read);
    BOOST_TEST((read.error().code == ErrorCode::WorkspaceDamaged), read.error().detail);
}

BOOST_FIXTURE_TEST_CASE(pulls_history_per_kit_newest_first, FreshWorkspace) {
    std::int64_t first = 0, second = 0, third = 0;
    in_write(*ws, [&](StoreSession& tx) {
        PullRecord p;
        p.kit_number = "KIT-0001";
        p.source = "tablet R9TS0001 (MTP)";
        p.usb_serial = "R9TS0001";
        p.started_at_utc = "2026-10-05T06:00:00Z";
        p.user = "officer.one";
        p.outcome = PullOutcome::Interrupted;
        first = must(tx.packages().begin_pull(p));
        p.kit_number = "";
        p.source = "folder /media/usb/outbox";
        p.usb_serial = "";
        second = must(tx.packages().begin_pull(p));
        p.kit_number = "KIT-0001";
        third = must(tx.packages().begin_pull(p));
    });
    BOOST_TEST(second > first);
    BOOST_TEST(third > second);
    in_write(*ws, [&](StoreSession& tx) {
        PullRecord done;
        done.id = first;
        done.kit_number = "KIT-0001";
        done.source = "tablet R9TS0001 (MTP)";
        done.usb_serial = "R9TS0001";
        done.started_at_utc = "2026-10-05T06:00:00Z";
        done.finished_at_utc = "2026-10-05T06:03:10Z";
        done.user = "officer.one";
        done.outcome = PullOutcome::Complete;
        done.packages_received = 5;
        done.packages_already = 2;
        done.packages_quarantined = 1;
        done.households = 40;
        done.persons = 130;
        done.bytes = 7654321;
        done.packages_left = 1;
        done.missing_sequences = "14-16, 20";
        done.clock_skew_seconds = 3600;
        must(tx.packages().finish_pull(done));
        done.id = third + 50;
        auto none = tx.packages().finish_pull(done);
        BOOST_REQUIRE(!none);
        BOOST_TEST((none.error().code == ErrorCode::NotFound));
    });
    in_read(*ws, [&](StoreSession& tx) {
        const auto all = must(tx.packages().pulls("", 0));
        BOOST_REQUIRE(all.size() == 3u);
        BOOST_TEST(all[0].id == third);
        BOOST_TEST(all[2].id == first);
        const auto kit = must(tx.packages().pulls("KIT-0001", 0));
        BOOST_REQUIRE(kit.size() == 2u);
        BOOST_TEST(kit[0].id == third);
        const auto& p = kit[1];
        BOOST_TEST(p.id == first);
        BOOST_TEST(p.source == "tablet R9TS0001 (MTP)");
        BOOST_TEST(p.usb_serial == "R9TS0001");
        BOOST_TEST(p.started_at_utc == "2026-10-05T06:00:00Z");
        BOOST_TEST(p.finished_at_utc == "2026-10-05T06:03:10Z");
        BOOST_TEST(p.user == "officer.one");
        BOOST_TEST((p.outcome == PullOutcome::Complete));
        BOOST_TEST(p.packages_received == 5);
        BOOST_TEST(p.packages_already == 2);
        BOOST_TEST(p.packages_quarantined == 1);
        BOOST_TEST(p.households == 40);
        BOOST_TEST(p.persons == 130);
        BOOST_TEST(p.bytes == 7654321);
        BOOST_TEST(p.packages_left == 1);
        BOOST_TEST(p.missing_sequences == "14-16, 20");
        BOOST_TEST(p.clock_skew_seconds == 3600);
        const auto one = must(tx.packages().pulls("KIT-0001", 1));
        BOOST_REQUIRE(one.size() == 1u);
        BOOST_TEST(one[0].id == third);
        BOOST_TEST(must(tx.packages().pulls("KIT-0404", 0)).empty());
    });
}

BOOST_FIXTURE_TEST_CASE(records_round_trip_with_provenance, FreshWorkspace) {
    const auto hh = sample_household(kHh);
    auto p1 = sample_person(kP1, kHh);
    auto p2 = sample_person(kP2, kHh);
    p2.iin = "";  // unknown IIN is stored as is
    p2.sex = Sex::Female;
    p2.name = "Әсем";
    p2.residence = Residence::TemporarilyAbsent;
    p2.source = RecordSource::Interview;
    p2.birth_date = "";
    in_write(*ws, [&](StoreSession& tx) {
        const auto from = sample_provenance("pkg-1", "KIT-0001", 7);
        BOOST_TEST((must(tx.census().upsert(hh, from)) == UpsertOutcome::Inserted));
        BOOST_TEST((must(tx.census().upsert(p1, from)) == UpsertOutcome::Inserted));
        BOOST_TEST((must(tx.census().upsert(p2, from)) == UpsertOutcome::Inserted));
    });
    in_read(*ws, [&](StoreSession& tx) {
        auto h = must(tx.census().find_household(kHh));
        BOOST_REQUIRE(h.has_value());
        BOOST_TEST(h->uuid == kHh);
        BOOST_TEST(h->revision == 1);
        BOOST_TEST((h->place == HouseholdPlace::Institution));
        BOOST_TEST(h->kato == "191010000");
        BOOST_TEST(h->kato_version == "2022");
        BOOST_TEST(h->institution_bin == hh.institution_bin);
        BOOST_TEST(h->institution_type == "boarding_school");
        BOOST_TEST(h->household_number == "12");
        BOOST_TEST(h->answers_json == hh.answers_json);
        BOOST_TEST(h->street == "");
        auto a = must(tx.census().find_person(kP1));
        BOOST_REQUIRE(a.has_value());
        BOOST_TEST(a->uuid == kP1);
        BOOST_TEST(a->household_uuid == kHh);
        BOOST_TEST(a->iin == p1.iin);
        BOOST_TEST(a->surname == "Жанбулатов");
        BOOST_TEST(a->name == "Нұрлан");
        BOOST_TEST(a->patronymic == "Қайратұлы");
        BOOST_TEST((a->sex == Sex::Male));
        BOOST_TEST(a->birth_date == "2010-05-15");
        BOOST_TEST(a->relationship == "other");
        BOOST_TEST((a->residence == Residence::Temporary));
        BOOST_TEST((a->source == RecordSource::AdministrationRecords));
        BOOST_TEST(a->answers_json == p1.answers_json);
        auto b = must(tx.census().find_person(kP2));
        BOOST_REQUIRE(b.has_value());
        BOOST_TEST(b->iin == "");
        BOOST_TEST((b->sex == Sex::Female));
        BOOST_TEST(b->name == "Әсем");
        BOOST_TEST((b->residence == Residence::TemporarilyAbsent));
        BOOST_TEST((b->source == RecordSource::Interview));
        auto from = must(tx.census().person_provenance(kP1));
        BOOST_REQUIRE(from.has_value());
        BOOST_TEST(from->package_uuid == "pkg-1");
        BOOST_TEST(from->kit_number == "KIT-0001");
        BOOST_TEST(from->holder_employee_id == 7);
        BOOST_TEST(from->pulled_at_utc == "2026-10-05T06:00:00Z");
        BOOST_TEST(!must(tx.census().find_person("nope")).has_value());
        BOOST_TEST(!must(tx.census().find_household("nope")).has_value());
        BOOST_TEST(!must(tx.census().person_provenance("nope")).has_value());
    });
}

BOOST_FIXTURE_TEST_CASE(revision_rules, FreshWorkspace) {
    const auto first = sample_provenance("pkg-1", "KIT-0001", 7);
    const auto later = RecordProvenance{"pkg-2", "KIT-0002", 9, "2026-10-09T08:00:00Z"};
    in_write(*ws, [&](StoreSession& tx) {
        BOOST_TEST((must(tx.census().upsert(sample_household(kHh, 2), first)) == UpsertOutcome::Inserted));
        BOOST_TEST((must(tx.census().upsert(sample_person(kP1, kHh, 2), first)) == UpsertOutcome::Inserted));
    });
    // Equal revision (a replay): Unchanged, nothing written — not even the provenance.
    in_write(*ws, [&](StoreSession& tx) {
        auto replay = sample_person(kP1, kHh, 2);
        replay.surname = "Жанбулат";
        BOOST_TEST((must(tx.census().upsert(replay, later)) == UpsertOutcome::Unchanged));
        auto hh = sample_household(kHh, 2);
        hh.household_number = "99";
        BOOST_TEST((must(tx.census().upsert(hh, later)) == UpsertOutcome::Unchanged));
        BOOST_TEST(must(tx.census().find_person(kP1))->surname == "Жанбулатов");
        BOOST_TEST(must(tx.census().person_provenance(kP1))->package_uuid == "pkg-1");
        BOOST_TEST(must(tx.census().find_household(kHh))->household_number == "12");
    });
    // Lower revision: IgnoredOlder, nothing written.
    in_write(*ws, [&](StoreSession& tx) {
        auto older = sample_person(kP1, kHh, 1);
        older.surname = "Старый";
        BOOST_TEST((must(tx.census().upsert(older, later)) == UpsertOutcome::IgnoredOlder));
        auto hh = sample_household(kHh, 1);
        hh.kato = "000000000";
        BOOST_TEST((must(tx.census().upsert(hh, later)) == UpsertOutcome::IgnoredOlder));
        BOOST_TEST(must(tx.census().find_person(kP1))->surname == "Жанбулатов");
        BOOST_TEST(must(tx.census().find_person(kP1))->revision == 2);
        BOOST_TEST(must(tx.census().find_household(kHh))->kato == "191010000");
    });
    // Higher revision: Superseded — every field and the provenance replaced.
    in_write(*ws, [&](StoreSession& tx) {
        auto newer = sample_person(kP1, kHh, 5);
        newer.surname = "Жанбулат";
        newer.sex = Sex::Female;
        newer.household_uuid = "moved-household";
        newer.answers_json = R"({"P07":"ru"})";
        BOOST_TEST((must(tx.census().upsert(newer, later)) == UpsertOutcome::Superseded));
        auto hh = sample_household(kHh, 3);
        hh.place = HouseholdPlace::Address;
        hh.institution_bin = "";
        hh.street = "ул. Абая";
        hh.house = "10";
        hh.flat = "4";
        BOOST_TEST((must(tx.census().upsert(hh, later)) == UpsertOutcome::Superseded));
    });
    in_read(*ws, [&](StoreSession& tx) {
        auto p = must(tx.census().find_person(kP1));
        BOOST_REQUIRE(p.has_value());
        BOOST_TEST(p->revision == 5);
        BOOST_TEST(p->surname == "Жанбулат");
        BOOST_TEST((p->sex == Sex::Female));
        BOOST_TEST(p->household_uuid == "moved-household");
        BOOST_TEST(p->answers_json == R"({"P07":"ru"})");
        auto from = must(tx.census().person_provenance(kP1));
        BOOST_TEST(from->package_uuid == "pkg-2");
        BOOST_TEST(from->kit_number == "KIT-0002");
        BOOST_TEST(from->holder_employee_id == 9);
        BOOST_TEST(from->pulled_at_utc == "2026-10-09T08:00:00Z");
        auto h = must(tx.census().find_household(kHh));
        BOOST_TEST(h->revision == 3);
        BOOST_TEST((h->place == HouseholdPlace::Address));
        BOOST_TEST(h->street == "ул. Абая");
        BOOST_TEST(h->flat == "4");
        BOOST_TEST(h->institution_bin == "");
        // Still one row each.
        const auto s = must(tx.census().stats());
        BOOST_TEST(s.households == 1);
        BOOST_TEST(s.persons == 1);
    });
}

BOOST_AUTO_TEST_CASE(record_key_is_fnv1a_64) {
    // The stored uuid_key (README.md, 004): reference values of FNV-1a 64.
    BOOST_TEST(static_cast<std::uint64_t>(db::record_key("")) == 0xcbf29ce484222325ULL);
    BOOST_TEST(static_cast<std::uint64_t>(db::record_key("a")) == 0xaf63dc4c8601ec8cULL);
    BOOST_TEST(static_cast<std::uint64_t>(db::record_key("foobar")) == 0x85944171f73967e8ULL);
}

BOOST_FIXTURE_TEST_CASE(persons_find_their_household_whatever_the_order, FreshWorkspace) {
    // A person may arrive before its household (an earlier package); the household link
    // (persons.household_id, what persons_by_household indexes) is made when the household comes.
    const std::string kHh2 = "0b9c6f1e-1c9a-4f7e-9d2a-000000000002";
    in_write(*ws, [&](StoreSession& tx) {
        const auto from = sample_provenance("pkg-1", "KIT-0001");
        must(tx.census().upsert(sample_person(kP1, kHh), from));
        must(tx.census().upsert(sample_household(kHh2), from));
        must(tx.census().upsert(sample_person(kP2, kHh2), from));
    });
    in_write(*ws, [&](StoreSession& tx) { must(tx.census().upsert(sample_household(kHh), sample_provenance("pkg-2", "KIT-0001"))); });
    // A newer revision moves P2 to the first household.
    in_write(*ws, [&](StoreSession& tx) {
        BOOST_TEST((must(tx.census().upsert(sample_person(kP2, kHh, 2), sample_provenance("pkg-3", "KIT-0001"))) ==
                    UpsertOutcome::Superseded));
    });
    close();
    auto raw = this->raw();
    auto& st = raw->cached("SELECT p.uuid, h.uuid FROM persons p LEFT JOIN households h ON h.id = p.household_id "
                           "ORDER BY p.uuid");
    BOOST_REQUIRE(st.step());
    BOOST_TEST(st.text(0) == kP1);
    BOOST_TEST(st.text(1) == kHh);
    BOOST_REQUIRE(st.step());
    BOOST_TEST(st.text(0) == kP2);
    BOOST_TEST(st.text(1) == kHh);
    BOOST_TEST(!st.step());
    st.reset();
}

BOOST_FIXTURE_TEST_CASE(a_rolled_back_household_is_not_linked_later, FreshWorkspace) {
    // The repository remembers household ids for one transaction; a rollback hands the id of a
    // rolled-back household out again, so what it remembered must not survive the rollback.
    const std::string kHh2 = "0b9c6f1e-1c9a-4f7e-9d2a-000000000002";
    auto r = ws->write([&](StoreSession& tx) -> Status {
        must(tx.census().upsert(sample_household(kHh), sample_provenance("pkg-1", "KIT-0001")));
        return fail(ErrorCode::Cancelled, "cancelled");
    });
    BOOST_REQUIRE(!r);
    in_write(*ws, [&](StoreSession& tx) {
        const auto from = sample_provenance("pkg-2", "KIT-0001");
        must(tx.census().upsert(sample_household(kHh2), from));  // gets the rolled-back id
        must(tx.census().upsert(sample_person(kP1, kHh), from));  // its household is not stored
    });
    close();
    auto raw = this->raw();
    auto& st = raw->cached("SELECT household_id IS NULL FROM persons");
    BOOST_REQUIRE(st.step());
    BOOST_TEST(st.int64(0) == 1);
    st.reset();
}

BOOST_FIXTURE_TEST_CASE(a_failed_package_leaves_no_records, FreshWorkspace) {
    // One transaction per package: when the work fails half-way, none of its rows stay.
    auto r = ws->write([&](StoreSession& tx) -> Status {
        const auto from = sample_provenance("pkg-1", "KIT-0001");
        must(tx.census().upsert(sample_household(kHh), from));
        must(tx.census().upsert(sample_person(kP1, kHh), from));
        must(tx.packages().insert(sample_received("pkg-1", "KIT-0001", kDevA, 1)));
        return fail(ErrorCode::Cancelled, "cancelled");
    });
    BOOST_REQUIRE(!r);
    in_read(*ws, [&](StoreSession& tx) {
        const auto s = must(tx.census().stats());
        BOOST_TEST(s.households == 0);
        BOOST_TEST(s.persons == 0);
        BOOST_TEST(s.packages == 0);
    });
    // The same records then go in as new.
    in_write(*ws, [&](StoreSession& tx) {
        BOOST_TEST((must(tx.census().upsert(sample_person(kP1, kHh), sample_provenance("pkg-1", "KIT-0001"))) ==
                    UpsertOutcome::Inserted));
    });
}

BOOST_FIXTURE_TEST_CASE(stats_and_persons_per_kit, FreshWorkspace) {
    in_write(*ws, [&](StoreSession& tx) {
        for (int k = 1; k <= 2; ++k) {
            const std::string kit = "KIT-000" + std::to_string(k);
            const std::string pkg = "pkg-" + std::to_string(k);
            const auto from = sample_provenance(pkg, kit);
            for (int h = 0; h < 3; ++h) {
                const std::string hu = pkg + "-hh-" + std::to_string(h);
                must(tx.census().upsert(sample_household(hu), from));
                for (int p = 0; p < k * 2; ++p)
                    must(tx.census().upsert(sample_person(hu + "-p-" + std::to_string(p), hu), from));
            }
            must(tx.packages().insert(sample_received(pkg, kit, k == 1 ? kDevA : kDevB, 1)));
        }
        must(tx.packages().insert(sample_received("pkg-3", "KIT-0001", kDevA, 2)));
        QuarantinedPackage q;
        q.reason = QuarantineReason::BadSignature;
        must(tx.packages().quarantine(q, "x"));
    });
    in_read(*ws, [&](StoreSession& tx) {
        const auto s = must(tx.census().stats());
        BOOST_TEST(s.households == 6);
        BOOST_TEST(s.persons == 3 * 2 + 3 * 4);
        BOOST_TEST(s.packages == 3);
        BOOST_TEST(s.quarantined_open == 1);
        BOOST_TEST(s.kits == 2);
    });
}

BOOST_FIXTURE_TEST_CASE(census_data_never_in_clear_on_disk, FreshWorkspace) {
    auto p = sample_person(kP1, kHh);
    p.surname = "Уникальныйфамилиев";
    in_write(*ws, [&](StoreSession& tx) { must(tx.census().upsert(p, sample_provenance("pkg-1", "KIT-0001"))); });
    BOOST_TEST(!any_file_contains(dir, "Уникальныйфамилиев"));
    BOOST_TEST(!any_file_contains(dir, p.iin));
    close();
    BOOST_TEST(!any_file_contains(dir, "Уникальныйфамилиев"));
    BOOST_TEST(!any_file_contains(dir, p.iin));
}

BOOST_AUTO_TEST_SUITE_END()
