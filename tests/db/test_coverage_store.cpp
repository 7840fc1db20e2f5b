// The coverage side of the store against a real workspace: list versions and entries,
// column mappings, the enumerated persons as reconciliation reads them, runs and per-person
// results, the coverage figures, progress and drill-down, and the review queue with decisions.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "db/repositories/repositories.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

const std::string kBinA = with_check_digit("99034000111");   // KATO 191010000 (district 1910, region 19)
const std::string kBinB = with_check_digit("99034000222");   // KATO 191020000 (district 1910)
const std::string kBinC = with_check_digit("99034000333");   // KATO 751010000 (district 7510, region 75)
const std::string kBinD = with_check_digit("99034000444");   // registered, never sends a list

Institution institution(const std::string& bin, const std::string& name, const std::string& kato) {
    auto i = sample_institution(bin, name);
    i.kato = KatoCode{kato, "2022"};
    return i;
}

StoredList make_list(const std::string& bin, const std::string& as_of, int version, const std::string& source = "list.csv") {
    StoredList l;
    l.institution_bin = bin;
    l.as_of = as_of;
    l.version = version;
    l.source_name = source;
    l.imported_at_utc = "2026-09-02T04:00:00Z";
    l.imported_by = "officer.one";
    l.rows_read = 5;
    l.rows_imported = 4;
    l.rows_rejected = 1;
    l.rows_with_warnings = 2;
    l.mapping_json = R"({"surname":"Тегі"})";
    l.encoding = "windows-1251";
    return l;
}

ListedPerson entry(const std::string& record_id, int line, const std::string& surname, const std::string& iin = "") {
    ListedPerson p;
    p.record_id = record_id;
    p.line = line;
    p.number = std::to_string(line);
    p.iin = iin;
    p.iin_valid = !iin.empty();
    p.surname = surname;
    p.name = "Айгерім";
    p.patronymic = "Серікқызы";
    p.sex = "F";
    p.birth_date = "2011-03-0" + std::to_string(line % 9 + 1);
    p.category = "temporary";
    p.note = "бөлме " + std::to_string(line);
    p.warnings = line % 2 ? "iin_birth_date_mismatch" : "";
    return p;
}

ReconciledPerson result(char side, const std::string& record_id, const std::string& bin, const std::string& outcome,
                        const std::string& counterpart = "", const std::string& day = "") {
    ReconciledPerson r;
    r.side = side;
    r.record_id = record_id;
    r.institution_bin = bin;
    r.kato = "191010000";
    r.outcome = outcome;
    r.counterpart_id = counterpart;
    r.score = counterpart.empty() ? 0.0 : 0.875;
    r.levels = counterpart.empty() ? "" : "exact,exact,near,missing";
    r.enumerated_on = day;
    return r;
}

ReviewItem proposal(const std::string& first, const std::string& second, const std::string& bin, double score,
                    ReviewKind kind = ReviewKind::Pair) {
    ReviewItem i;
    i.kind = kind;
    i.first_id = first;
    i.second_id = second;
    i.institution_bin = bin;
    i.score = score;
    i.levels = "exact,near,exact,missing";
    i.conflict = false;
    i.first_seen_at_utc = "2026-10-06T08:00:00Z";
    return i;
}

ReviewDecision decision(const ReviewItem& item, ReviewVerdict verdict, bool needs_confirmation,
                        const std::string& by = "super.one") {
    ReviewDecision d;
    d.review_id = item.id;
    d.first_id = item.first_id;
    d.second_id = item.second_id;
    d.verdict = verdict;
    d.reason = "одна и та же по документам";
    d.decided_by = by;
    d.decided_at_utc = "2026-10-07T09:00:00Z";
    d.needs_confirmation = needs_confirmation;
    return d;
}

/// Four institutions in the register (three districts of two regions), D without a list.
struct Register : FreshWorkspace {
    Register() {
        in_write(*ws, [](StoreSession& tx) {
            must(tx.institutions().insert(institution(kBinA, "Школа-интернат №3", "191010000")));
            must(tx.institutions().insert(institution(kBinB, "Детский дом №1", "191020000")));
            must(tx.institutions().insert(institution(kBinC, "Воинская часть 5512", "751010000")));
            must(tx.institutions().insert(institution(kBinD, "Больница", "751010000")));
        });
    }
};

std::vector<std::string> ids_of(const std::vector<ReviewItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.first_id + "/" + i.second_id);
    return out;
}

/// A household of an institution (bin "" = an address) and a person in it.
Household household_at(const std::string& uuid, const std::string& bin, const std::string& kato) {
    auto h = sample_household(uuid);
    h.institution_bin = bin;
    h.kato = kato;
    if (bin.empty()) {
        h.place = HouseholdPlace::Address;
        h.institution_type = "";
        h.street = "Абая";
        h.house = "1";
    }
    return h;
}

Person person_in(const std::string& uuid, const std::string& household, const std::string& surname,
                 const std::string& iin) {
    auto p = sample_person(uuid, household);
    p.surname = surname;
    p.iin = iin;
    return p;
}

RecordProvenance pulled(const std::string& kit, const std::string& at_utc) {
    auto from = sample_provenance("pkg-" + kit, kit);
    from.pulled_at_utc = at_utc;
    return from;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(coverage_store)

// ---- lists ----------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_list_round_trips_with_its_entries_in_line_order, Register) {
    std::int64_t id = 0;
    const std::vector<ListedPerson> rows = {entry("L:" + kBinA + ":line:3", 3, "Әбенова"),
                                            entry("L:" + kBinA + ":" + with_check_digit("11030160012"), 1,
                                                  "Серікова", with_check_digit("11030160012")),
                                            entry("L:" + kBinA + ":abc123", 2, "Жанбулатова")};
    in_write(*ws, [&](StoreSession& tx) {
        id = must(tx.lists().insert(make_list(kBinA, "2026-09-01", 1, "интернат.xlsx"), rows));
    });
    BOOST_TEST(id > 0);
    in_read(*ws, [&](StoreSession& tx) {
        auto l = must(tx.lists().find(id));
        BOOST_REQUIRE(l.has_value());
        BOOST_TEST(l->id == id);
        BOOST_TEST(l->institution_bin == kBinA);
        BOOST_TEST(l->as_of == "2026-09-01");
        BOOST_TEST(l->version == 1);
        BOOST_TEST(l->source_name == "интернат.xlsx");
        BOOST_TEST(l->imported_at_utc == "2026-09-02T04:00:00Z");
        BOOST_TEST(l->imported_by == "officer.one");
        BOOST_TEST(l->rows_read == 5);
        BOOST_TEST(l->rows_imported == 4);
        BOOST_TEST(l->rows_rejected == 1);
        BOOST_TEST(l->rows_with_warnings == 2);
        BOOST_TEST(l->mapping_json == R"({"surname":"Тегі"})");
        BOOST_TEST(l->encoding == "windows-1251");
        BOOST_TEST(!must(tx.lists().find(id + 100)).has_value());

        const auto got = must(tx.lists().entries(id));
        BOOST_REQUIRE(got.size() == 3u);
        BOOST_TEST(got[0].line == 1);
        BOOST_TEST(got[1].line == 2);
        BOOST_TEST(got[2].line == 3);
        const auto& e = got[0];
        const auto& want = rows[1];
        BOOST_TEST(e.id > 0);
        BOOST_TEST(e.list_id == id);
        BOOST_TEST(e.record_id == want.record_id);
        BOOST_TEST(e.number == "1");
        BOOST_TEST(e.iin == want.iin);
        BOOST_TEST(e.iin_valid);
        BOOST_TEST(!got[1].iin_valid);
        BOOST_TEST(e.surname == "Серікова");
        BOOST_TEST(e.name == "Айгерім");
        BOOST_TEST(e.patronymic == "Серікқызы");
        BOOST_TEST(e.sex == "F");
        BOOST_TEST(e.birth_date == want.birth_date);
        BOOST_TEST(e.category == "temporary");
        BOOST_TEST(e.note == "бөлме 1");
        BOOST_TEST(e.warnings == "iin_birth_date_mismatch");
        BOOST_TEST(got[1].warnings == "");
        BOOST_TEST(must(tx.lists().entries(id + 100)).empty());
    });
}

BOOST_FIXTURE_TEST_CASE(a_taken_version_or_an_unknown_institution_is_refused, Register) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.lists().insert(make_list(kBinA, "2026-09-01", 1), std::vector<ListedPerson>{entry("L:a:1", 1, "А")}));
    });
    must(ws->write([](StoreSession& tx) -> Status {
        auto again = tx.lists().insert(make_list(kBinA, "2026-09-01", 1), std::vector<ListedPerson>{entry("L:a:2", 1, "Б")});
        BOOST_REQUIRE(!again);
        BOOST_TEST((again.error().code == ErrorCode::AlreadyExists));
        BOOST_TEST(again.error().args.at(0) == "1");
        BOOST_TEST(again.error().args.at(1) == kBinA);
        BOOST_TEST(again.error().args.at(2) == "2026-09-01");
        auto unknown = tx.lists().insert(make_list(with_check_digit("99034000999"), "2026-09-01", 1), {});
        BOOST_REQUIRE(!unknown);
        BOOST_TEST((unknown.error().code == ErrorCode::NotFound));
        // Another as_of date or version of the same institution is fine.
        return drop_value(tx.lists().insert(make_list(kBinA, "2026-09-01", 2), {}));
    }));
    in_read(*ws, [](StoreSession& tx) {
        const auto all = must(tx.lists().versions(""));
        BOOST_TEST(all.size() == 2u);
        BOOST_TEST(must(tx.lists().entries(all.back().id)).size() == 1u);
        BOOST_TEST(must(tx.lists().entries(all.back().id))[0].surname == "А");
    });
}

BOOST_FIXTURE_TEST_CASE(versions_current_and_next_version, Register) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.lists().insert(make_list(kBinA, "2026-09-01", 1), {}));
        must(tx.lists().insert(make_list(kBinA, "2026-08-20", 5), {}));
        must(tx.lists().insert(make_list(kBinA, "2026-09-15", 1), {}));
        must(tx.lists().insert(make_list(kBinA, "2026-09-01", 2), {}));
        must(tx.lists().insert(make_list(kBinC, "2026-09-03", 1), {}));
        must(tx.lists().insert(make_list(kBinB, "2026-09-02", 1), {}));
        must(tx.lists().insert(make_list(kBinB, "2026-09-02", 2), {}));
    });
    in_read(*ws, [](StoreSession& tx) {
        std::vector<std::string> order;
        for (const auto& l : must(tx.lists().versions(kBinA))) order.push_back(l.as_of + "/" + std::to_string(l.version));
        BOOST_TEST((order == std::vector<std::string>{"2026-09-15/1", "2026-09-01/2", "2026-09-01/1", "2026-08-20/5"}));
        BOOST_TEST(must(tx.lists().versions("")).size() == 7u);
        BOOST_TEST(must(tx.lists().versions("")).front().as_of == "2026-09-15");
        BOOST_TEST(must(tx.lists().versions(kBinD)).empty());

        // The latest as_of wins over a higher version of an older date.
        auto a = must(tx.lists().current(kBinA));
        BOOST_REQUIRE(a.has_value());
        BOOST_TEST(a->as_of == "2026-09-15");
        BOOST_TEST(a->version == 1);
        auto b = must(tx.lists().current(kBinB));
        BOOST_REQUIRE(b.has_value());
        BOOST_TEST(b->version == 2);
        BOOST_TEST(!must(tx.lists().current(kBinD)).has_value());

        const auto current = must(tx.lists().current_lists());
        BOOST_REQUIRE(current.size() == 3u);
        std::vector<std::string> bins;
        for (const auto& l : current) bins.push_back(l.institution_bin);
        std::vector<std::string> sorted = {kBinA, kBinB, kBinC};
        std::sort(sorted.begin(), sorted.end());
        BOOST_TEST(bins == sorted);
        for (const auto& l : current) {
            const auto expected = must(tx.lists().current(l.institution_bin));
            BOOST_TEST(l.id == expected->id);
        }

        BOOST_TEST(must(tx.lists().next_version(kBinA, "2026-09-01")) == 3);
        BOOST_TEST(must(tx.lists().next_version(kBinA, "2026-08-20")) == 6);
        BOOST_TEST(must(tx.lists().next_version(kBinA, "2026-10-01")) == 1);
        BOOST_TEST(must(tx.lists().next_version(kBinD, "2026-09-01")) == 1);
    });
}

BOOST_FIXTURE_TEST_CASE(find_current_entry_looks_only_at_current_versions, Register) {
    const std::string kept = "L:" + kBinA + ":kept", dropped = "L:" + kBinA + ":dropped", other = "L:" + kBinB + ":b";
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.lists().insert(make_list(kBinA, "2026-09-01", 1),
                               std::vector<ListedPerson>{entry(kept, 1, "Старая"), entry(dropped, 2, "Выбывшая")}));
        must(tx.lists().insert(make_list(kBinA, "2026-09-01", 2), std::vector<ListedPerson>{entry(kept, 4, "Новая")}));
        must(tx.lists().insert(make_list(kBinB, "2026-09-01", 1), std::vector<ListedPerson>{entry(other, 1, "Б")}));
    });
    in_read(*ws, [&](StoreSession& tx) {
        auto e = must(tx.lists().find_current_entry(kept));
        BOOST_REQUIRE(e.has_value());
        BOOST_TEST(e->surname == "Новая");
        BOOST_TEST(e->line == 4);
        BOOST_TEST(e->list_id == must(tx.lists().current(kBinA))->id);
        BOOST_TEST(!must(tx.lists().find_current_entry(dropped)).has_value());
        BOOST_TEST(must(tx.lists().find_current_entry(other))->surname == "Б");
        BOOST_TEST(!must(tx.lists().find_current_entry("L:nobody")).has_value());
    });
}

BOOST_FIXTURE_TEST_CASE(mappings_are_saved_per_institution_and_name_and_replaced, Register) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.lists().save_mapping(kBinA, "default", R"({"v":1})", "2026-09-01T04:00:00Z", "officer.one"));
        must(tx.lists().save_mapping(kBinA, "бухгалтерия", R"({"v":2})", "2026-09-01T04:00:00Z", "officer.one"));
        must(tx.lists().save_mapping(kBinB, "default", R"({"v":3})", "2026-09-01T04:00:00Z", "officer.one"));
        must(tx.lists().save_mapping(kBinA, "default", R"({"v":4})", "2026-09-02T04:00:00Z", "officer.two"));
    });
    in_read(*ws, [](StoreSession& tx) {
        BOOST_TEST(*must(tx.lists().find_mapping(kBinA, "default")) == R"({"v":4})");
        BOOST_TEST(*must(tx.lists().find_mapping(kBinB, "default")) == R"({"v":3})");
        BOOST_TEST(!must(tx.lists().find_mapping(kBinA, "other")).has_value());
        BOOST_TEST(!must(tx.lists().find_mapping(kBinC, "default")).has_value());
        const auto a = must(tx.lists().mappings(kBinA));
        BOOST_REQUIRE(a.size() == 2u);
        BOOST_TEST(a[0].first == "default");
        BOOST_TEST(a[0].second == R"({"v":4})");
        BOOST_TEST(a[1].first == "бухгалтерия");
        BOOST_TEST(a[1].second == R"({"v":2})");
        BOOST_TEST(must(tx.lists().mappings(kBinC)).empty());
    });
}

// ---- enumerated persons -------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(scan_enumerated_streams_persons_with_their_household, Register) {
    const std::string iin1 = with_check_digit("10051560012"), iin2 = with_check_digit("09120260034");
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.census().upsert(household_at("h-a", kBinA, "191010000"), pulled("KIT-1", "2026-10-05T06:00:00Z")));
        must(tx.census().upsert(household_at("h-addr", "", "191010100"), pulled("KIT-2", "2026-10-06T23:59:59Z")));
        must(tx.census().upsert(person_in("p-1", "h-a", "Жанбулатов", iin1), pulled("KIT-1", "2026-10-05T06:00:00Z")));
        must(tx.census().upsert(person_in("p-2", "h-addr", "Серікова", iin2), pulled("KIT-2", "2026-10-06T23:59:59Z")));
        // Its household comes in another package: no institution, no KATO yet.
        must(tx.census().upsert(person_in("p-3", "h-later", "Омаров", ""), pulled("KIT-3", "2026-10-07T01:00:00Z")));
        must(tx.census().upsert(household_at("h-b", kBinB, "191020000"), pulled("KIT-1", "2026-10-05T06:00:00Z")));
        must(tx.census().upsert(person_in("p-4", "h-b", "Ахметов", ""), pulled("KIT-1", "2026-10-05T06:00:00Z")));
        must(tx.census().upsert(person_in("p-5", "h-a", "Нұрланова", ""), pulled("KIT-4", "2026-10-08T06:00:00Z")));
    });
    in_read(*ws, [&](StoreSession& tx) {
        std::vector<EnumeratedPerson> all;
        must(tx.reconciliation().scan_enumerated("", [&](EnumeratedPerson&& p) { all.push_back(std::move(p)); }));
        BOOST_REQUIRE(all.size() == 5u);
        std::vector<std::string> order;
        for (const auto& p : all) order.push_back(p.uuid);
        BOOST_TEST((order == std::vector<std::string>{"p-1", "p-2", "p-3", "p-4", "p-5"}));  // storage order
        const auto& p1 = all[0];
        BOOST_TEST(p1.iin == iin1);
        BOOST_TEST(p1.surname == "Жанбулатов");
        BOOST_TEST(p1.name == "Нұрлан");
        BOOST_TEST(p1.patronymic == "Қайратұлы");
        BOOST_TEST(p1.sex == "M");
        BOOST_TEST(p1.birth_date == "2010-05-15");
        BOOST_TEST(p1.institution_bin == kBinA);
        BOOST_TEST(p1.kato == "191010000");
        BOOST_TEST(p1.kit_number == "KIT-1");
        BOOST_TEST(p1.package_uuid == "pkg-KIT-1");
        BOOST_TEST(p1.pulled_on == "2026-10-05");
        BOOST_TEST(all[1].institution_bin == "");
        BOOST_TEST(all[1].kato == "191010100");
        BOOST_TEST(all[1].pulled_on == "2026-10-06");
        BOOST_TEST(all[2].institution_bin == "");
        BOOST_TEST(all[2].kato == "");
        BOOST_TEST(all[2].kit_number == "KIT-3");

        std::vector<std::string> at_a;
        must(tx.reconciliation().scan_enumerated(kBinA, [&](EnumeratedPerson&& p) {
            BOOST_TEST(p.institution_bin == kBinA);
            at_a.push_back(p.uuid);
        }));
        BOOST_TEST((at_a == std::vector<std::string>{"p-1", "p-5"}));
        int at_d = 0;
        must(tx.reconciliation().scan_enumerated(kBinD, [&](EnumeratedPerson&&) { ++at_d; }));
        BOOST_TEST(at_d == 0);

        auto found = must(tx.reconciliation().find_enumerated("p-4"));
        BOOST_REQUIRE(found.has_value());
        BOOST_TEST(found->institution_bin == kBinB);
        BOOST_TEST(found->kato == "191020000");
        BOOST_TEST(found->surname == "Ахметов");
        BOOST_TEST(found->pulled_on == "2026-10-05");
        BOOST_TEST(!must(tx.reconciliation().find_enumerated("p-404")).has_value());
    });
    // The household arrives; a newer revision moves p-5 to B.
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.census().upsert(household_at("h-later", kBinC, "751010000"), pulled("KIT-3", "2026-10-09T01:00:00Z")));
        auto moved = person_in("p-5", "h-b", "Нұрланова", "");
        moved.revision = 2;
        must(tx.census().upsert(moved, pulled("KIT-4", "2026-10-09T06:00:00Z")));
    });
    in_read(*ws, [&](StoreSession& tx) {
        std::vector<std::string> at_b, at_c;
        must(tx.reconciliation().scan_enumerated(kBinB, [&](EnumeratedPerson&& p) { at_b.push_back(p.uuid); }));
        must(tx.reconciliation().scan_enumerated(kBinC, [&](EnumeratedPerson&& p) { at_c.push_back(p.uuid); }));
        BOOST_TEST((std::set<std::string>(at_b.begin(), at_b.end()) == std::set<std::string>{"p-4", "p-5"}));
        BOOST_TEST((at_c == std::vector<std::string>{"p-3"}));
        BOOST_TEST(must(tx.reconciliation().find_enumerated("p-5"))->pulled_on == "2026-10-09");
    });
}

// ---- runs and results ---------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(runs_begin_finish_and_the_last_finished_one, FreshWorkspace) {
    ReconcileRun run;
    run.started_at_utc = "2026-10-06T08:00:00Z";
    run.user = "super.one";
    in_write(*ws, [&](StoreSession& tx) {
        BOOST_TEST(!must(tx.reconciliation().last_run()).has_value());
        run.id = must(tx.reconciliation().begin_run(run));
        BOOST_TEST(run.id > 0);
        BOOST_TEST(!must(tx.reconciliation().last_run()).has_value());  // not finished
        run.finished_at_utc = "2026-10-06T08:00:42Z";
        run.listed = 1000;
        run.enumerated = 1200;
        run.matched = 900;
        run.review = 30;
        run.conflict = 5;
        run.missing = 65;
        run.extra = 250;
        run.duplicate = 12;
        run.pairs_compared = 1234567;
        run.decisions_applied = 7;
        run.seconds = 41.75;
        must(tx.reconciliation().finish_run(run));
    });
    ReconcileRun second;
    in_write(*ws, [&](StoreSession& tx) {
        auto last = must(tx.reconciliation().last_run());
        BOOST_REQUIRE(last.has_value());
        BOOST_TEST(last->id == run.id);
        BOOST_TEST(last->started_at_utc == "2026-10-06T08:00:00Z");
        BOOST_TEST(last->finished_at_utc == "2026-10-06T08:00:42Z");
        BOOST_TEST(last->user == "super.one");
        BOOST_TEST(last->listed == 1000);
        BOOST_TEST(last->enumerated == 1200);
        BOOST_TEST(last->matched == 900);
        BOOST_TEST(last->review == 30);
        BOOST_TEST(last->conflict == 5);
        BOOST_TEST(last->missing == 65);
        BOOST_TEST(last->extra == 250);
        BOOST_TEST(last->duplicate == 12);
        BOOST_TEST(last->pairs_compared == 1234567);
        BOOST_TEST(last->decisions_applied == 7);
        BOOST_TEST(last->seconds == 41.75);
        // A second run in progress (or cancelled) does not replace it.
        second.started_at_utc = "2026-10-07T08:00:00Z";
        second.user = "super.two";
        second.id = must(tx.reconciliation().begin_run(second));
        BOOST_TEST(second.id > run.id);
        BOOST_TEST(must(tx.reconciliation().last_run())->id == run.id);
        ReconcileRun ghost;
        ghost.id = second.id + 10;
        ghost.finished_at_utc = "x";
        auto missing = tx.reconciliation().finish_run(ghost);
        BOOST_REQUIRE(!missing);
        BOOST_TEST((missing.error().code == ErrorCode::NotFound));
        second.finished_at_utc = "2026-10-07T08:01:00Z";
        must(tx.reconciliation().finish_run(second));
        BOOST_TEST(must(tx.reconciliation().last_run())->user == "super.two");
    });
}

BOOST_FIXTURE_TEST_CASE(results_are_replaced_found_and_updated, FreshWorkspace) {
    in_write(*ws, [](StoreSession& tx) {
        auto l = result('L', "L:a:1", kBinA, "matched", "p-1", "2026-10-05");
        l.by_supervisor = true;
        std::vector<ReconciledPerson> first = {l, result('E', "p-1", kBinA, "matched", "L:a:1", "2026-10-05"),
                                               result('L', "L:a:2", kBinA, "missing"),
                                               result('E', "p-9", "", "extra", "", "2026-10-06")};
        must(tx.reconciliation().replace_results(first));
    });
    in_read(*ws, [](StoreSession& tx) {
        auto l = must(tx.reconciliation().find_result('L', "L:a:1"));
        BOOST_REQUIRE(l.has_value());
        BOOST_TEST(l->side == 'L');
        BOOST_TEST(l->record_id == "L:a:1");
        BOOST_TEST(l->institution_bin == kBinA);
        BOOST_TEST(l->kato == "191010000");
        BOOST_TEST(l->outcome == "matched");
        BOOST_TEST(l->counterpart_id == "p-1");
        BOOST_TEST(l->score == 0.875);
        BOOST_TEST(l->levels == "exact,exact,near,missing");
        BOOST_TEST(l->by_supervisor);
        BOOST_TEST(l->enumerated_on == "2026-10-05");
        auto e = must(tx.reconciliation().find_result('E', "p-1"));
        BOOST_REQUIRE(e.has_value());
        BOOST_TEST(e->side == 'E');
        BOOST_TEST(!e->by_supervisor);
        BOOST_TEST(!must(tx.reconciliation().find_result('E', "L:a:1")).has_value());  // the side counts
        BOOST_TEST(must(tx.reconciliation().find_result('E', "p-9"))->institution_bin == "");
    });
    in_write(*ws, [](StoreSession& tx) {
        std::vector<ReconciledPerson> second = {result('L', "L:a:2", kBinA, "review", "p-7"),
                                                result('E', "p-7", kBinA, "review", "L:a:2", "2026-10-08")};
        must(tx.reconciliation().replace_results(second));
        // A supervisor's decision takes effect at once.
        auto r = *must(tx.reconciliation().find_result('L', "L:a:2"));
        r.outcome = "matched";
        r.by_supervisor = true;
        r.enumerated_on = "2026-10-08";
        must(tx.reconciliation().update_result(r));
        // A person the run stored no row for (enumerated at an address, matched to nobody) gets one.
        must(tx.reconciliation().update_result(result('E', "p-addr", "", "duplicate", "p-7")));
        BOOST_TEST(must(tx.reconciliation().find_result('E', "p-addr"))->outcome == "duplicate");
        // Merging: one row kept as is, one changed, one new, one gone.
        std::vector<ReconciledPerson> third = {result('L', "L:a:2", kBinA, "matched", "p-7"),
                                               result('E', "p-7", kBinA, "extra", "", "2026-10-08"),
                                               result('E', "p-8", kBinA, "extra", "", "2026-10-09")};
        third[0].by_supervisor = true;
        third[0].enumerated_on = "2026-10-08";
        must(tx.reconciliation().replace_results(third));
        BOOST_TEST(!must(tx.reconciliation().find_result('E', "p-addr")).has_value());
        BOOST_TEST(must(tx.reconciliation().find_result('E', "p-7"))->outcome == "extra");
        BOOST_TEST(must(tx.reconciliation().find_result('E', "p-8"))->enumerated_on == "2026-10-09");
        // Back to what the checks below expect: the decided pair, p-7 still "review".
        third[1].outcome = "review";
        third[1].counterpart_id = "L:a:2";
        third.pop_back();
        must(tx.reconciliation().replace_results(third));
    });
    in_read(*ws, [](StoreSession& tx) {
        BOOST_TEST(!must(tx.reconciliation().find_result('L', "L:a:1")).has_value());
        BOOST_TEST(!must(tx.reconciliation().find_result('E', "p-9")).has_value());
        auto r = must(tx.reconciliation().find_result('L', "L:a:2"));
        BOOST_REQUIRE(r.has_value());
        BOOST_TEST(r->outcome == "matched");
        BOOST_TEST(r->by_supervisor);
        BOOST_TEST(r->counterpart_id == "p-7");
        BOOST_TEST(r->enumerated_on == "2026-10-08");
        BOOST_TEST(must(tx.reconciliation().find_result('E', "p-7"))->outcome == "review");
    });
    // A side other than L/E is refused and nothing is replaced.
    auto bad = ws->write([](StoreSession& tx) -> Status {
        return tx.reconciliation().replace_results(std::vector<ReconciledPerson>{result('X', "p-1", "", "extra")});
    });
    BOOST_TEST(!bad);
    in_read(*ws, [](StoreSession& tx) { BOOST_TEST(must(tx.reconciliation().find_result('E', "p-7")).has_value()); });
}

// ---- coverage, progress, people -----------------------------------------------------------

/// Lists for A (3 persons), B (two versions, the current with 2), C (1); results of one run.
struct Reconciled : Register {
    Reconciled() {
        in_write(*ws, [](StoreSession& tx) {
            must(tx.lists().insert(make_list(kBinA, "2026-09-01", 1),
                                   std::vector<ListedPerson>{entry("L:a:3", 3, "Третья"), entry("L:a:1", 1, "Первая"),
                                                             entry("L:a:2", 2, "Вторая")}));
            must(tx.lists().insert(make_list(kBinB, "2026-09-01", 1),
                                   std::vector<ListedPerson>{entry("L:b:1", 1, "Б1"), entry("L:b:2", 2, "Б2"),
                                                             entry("L:b:old", 3, "Б3")}));
            must(tx.lists().insert(make_list(kBinB, "2026-09-01", 2),
                                   std::vector<ListedPerson>{entry("L:b:1", 1, "Б1"), entry("L:b:2", 2, "Б2")}));
            must(tx.lists().insert(make_list(kBinC, "2026-09-03", 1),
                                   std::vector<ListedPerson>{entry("L:c:1", 1, "В1")}));
            // Enumerated persons the drill-down shows.
            must(tx.census().upsert(household_at("h-a", kBinA, "191010000"), pulled("KIT-7", "2026-10-05T06:00:00Z")));
            must(tx.census().upsert(person_in("p-a1", "h-a", "Первая", with_check_digit("11030160012")),
                                    pulled("KIT-7", "2026-10-05T06:00:00Z")));
            must(tx.census().upsert(person_in("p-a2", "h-a", "Вторая-бис", ""), pulled("KIT-7", "2026-10-05T06:00:00Z")));
            must(tx.census().upsert(person_in("p-x", "h-a", "Лишний", ""), pulled("KIT-8", "2026-10-06T06:00:00Z")));
            must(tx.census().upsert(person_in("p-dup", "h-a", "Первая", with_check_digit("11030160012")),
                                    pulled("KIT-8", "2026-10-06T06:00:00Z")));

            std::vector<ReconciledPerson> rs = {
                // A: 1 matched, 1 review, line 3 not reconciled (no row); extra, duplicate.
                result('L', "L:a:1", kBinA, "matched", "p-a1", "2026-10-05"),
                result('E', "p-a1", kBinA, "matched", "L:a:1", "2026-10-05"),
                result('L', "L:a:2", kBinA, "review", "p-a2"),
                result('E', "p-a2", kBinA, "review", "L:a:2", "2026-10-05"),
                result('E', "p-x", kBinA, "extra", "", "2026-10-06"),
                result('E', "p-dup", kBinA, "duplicate", "p-a1", "2026-10-06"),
                // B: one matched to a person enumerated at an address, one conflict, one missing
                // (an old version's entry still has a result row: it is not on the current list
                // but its result counts for the institution like the run said).
                result('L', "L:b:1", kBinB, "matched", "p-addr", "2026-10-07"),
                result('L', "L:b:2", kBinB, "conflict", "p-b2"),
                result('E', "p-b2", kBinB, "conflict", "L:b:2", "2026-10-07"),
                // C: missing; two extras on the 5th.
                result('L', "L:c:1", kBinC, "missing"),
                result('E', "p-c1", kBinC, "extra", "", "2026-10-05"),
                result('E', "p-c2", kBinC, "extra", "", "2026-10-05"),
                // D has no list: never counted. Address persons: institution ''.
                result('E', "p-d1", kBinD, "extra", "", "2026-10-05"),
                result('E', "p-addr", "", "matched", "L:b:1", "2026-10-07"),
                result('E', "p-addr2", "", "extra", "", "2026-10-04"),
            };
            must(tx.reconciliation().replace_results(rs));
        });
    }
};

BOOST_FIXTURE_TEST_CASE(coverage_per_institution_from_current_lists, Reconciled) {
    in_read(*ws, [](StoreSession& tx) {
        const auto rows = must(tx.reconciliation().coverage(CoverageLevel::Institution));
        BOOST_REQUIRE(rows.size() == 3u);  // D has no list
        std::map<std::string, CoverageRow> by;
        for (const auto& r : rows) by[r.key] = r;
        BOOST_TEST(rows[0].key < rows[1].key);
        BOOST_TEST(rows[1].key < rows[2].key);
        const auto& a = by.at(kBinA);
        BOOST_TEST(a.name_ru == "Школа-интернат №3");
        BOOST_TEST(a.name_kk == "Школа-интернат №3 (kk)");
        BOOST_TEST(a.kato == "191010000");
        BOOST_TEST(a.institutions == 1);
        BOOST_TEST(a.listed == 3);
        BOOST_TEST(a.enumerated == 4);
        BOOST_TEST(a.matched == 1);
        BOOST_TEST(a.review == 1);
        BOOST_TEST(a.conflict == 0);
        BOOST_TEST(a.missing == 0);
        BOOST_TEST(a.extra == 1);
        BOOST_TEST(a.duplicates == 1);
        BOOST_TEST(a.coverage_percent() == 100.0 / 3);
        const auto& b = by.at(kBinB);
        BOOST_TEST(b.listed == 2);  // the current version only
        BOOST_TEST(b.enumerated == 1);
        BOOST_TEST(b.matched == 1);
        BOOST_TEST(b.conflict == 1);
        BOOST_TEST(b.extra == 0);
        const auto& c = by.at(kBinC);
        BOOST_TEST(c.name_ru == "Воинская часть 5512");
        BOOST_TEST(c.kato == "751010000");
        BOOST_TEST(c.listed == 1);
        BOOST_TEST(c.missing == 1);
        BOOST_TEST(c.matched == 0);
        BOOST_TEST(c.enumerated == 2);
        BOOST_TEST(c.extra == 2);
        BOOST_TEST(c.duplicates == 0);
    });
}

BOOST_FIXTURE_TEST_CASE(coverage_by_district_and_region_sums_institutions, Reconciled) {
    in_read(*ws, [](StoreSession& tx) {
        const auto districts = must(tx.reconciliation().coverage(CoverageLevel::District));
        BOOST_REQUIRE(districts.size() == 2u);
        BOOST_TEST(districts[0].key == "1910");
        BOOST_TEST(districts[0].institutions == 2);
        BOOST_TEST(districts[0].name_ru == "");
        BOOST_TEST(districts[0].name_kk == "");
        BOOST_TEST(districts[0].listed == 5);
        BOOST_TEST(districts[0].enumerated == 5);
        BOOST_TEST(districts[0].matched == 2);
        BOOST_TEST(districts[0].review == 1);
        BOOST_TEST(districts[0].conflict == 1);
        BOOST_TEST(districts[0].extra == 1);
        BOOST_TEST(districts[0].duplicates == 1);
        BOOST_TEST(districts[1].key == "7510");
        BOOST_TEST(districts[1].institutions == 1);
        BOOST_TEST(districts[1].listed == 1);
        BOOST_TEST(districts[1].extra == 2);
        BOOST_TEST(districts[1].missing == 1);

        const auto regions = must(tx.reconciliation().coverage(CoverageLevel::Region));
        BOOST_REQUIRE(regions.size() == 2u);
        BOOST_TEST(regions[0].key == "19");
        BOOST_TEST(regions[0].institutions == 2);
        BOOST_TEST(regions[0].listed == 5);
        BOOST_TEST(regions[1].key == "75");
        BOOST_TEST(regions[1].institutions == 1);
        BOOST_TEST(regions[1].enumerated == 2);
    });
}

BOOST_FIXTURE_TEST_CASE(coverage_never_groups_codes_of_two_kato_editions_together, Reconciled) {
    // B keeps its code but says it is of the 2013 edition: the same digits are another
    // territory's there, so B is a group of its own at both levels.
    in_write(*ws, [](StoreSession& tx) {
        auto b = *must(tx.institutions().find(kBinB));
        b.kato.classifier_version = "2013";
        must(tx.institutions().update(b));
    });
    in_read(*ws, [](StoreSession& tx) {
        const auto districts = must(tx.reconciliation().coverage(CoverageLevel::District));
        BOOST_REQUIRE(districts.size() == 3u);
        BOOST_TEST(districts[0].key == "1910");
        BOOST_TEST(districts[0].kato_version == "2013");
        BOOST_TEST(districts[0].institutions == 1);
        BOOST_TEST(districts[0].listed == 2);
        BOOST_TEST(districts[1].key == "1910");
        BOOST_TEST(districts[1].kato_version == "2022");
        BOOST_TEST(districts[1].institutions == 1);
        BOOST_TEST(districts[1].listed == 3);
        BOOST_TEST(districts[2].key == "7510");
        BOOST_TEST(districts[2].kato_version == "2022");

        const auto regions = must(tx.reconciliation().coverage(CoverageLevel::Region));
        BOOST_REQUIRE(regions.size() == 3u);
        BOOST_TEST(regions[0].key == "19");
        BOOST_TEST(regions[0].kato_version == "2013");
        BOOST_TEST(regions[1].key == "19");
        BOOST_TEST(regions[1].kato_version == "2022");
        BOOST_TEST(regions[1].institutions == 1);
    });
}

BOOST_FIXTURE_TEST_CASE(territory_rows_carry_the_names_of_their_edition, Reconciled) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.territories().replace({"2022", "kato.xlsx", "2026-09-01T00:00:00Z", "admin", 2},
                                      {{"2022", "191000000", "2", "Қонаев қ.ә.", "г.а. Конаев", ""},
                                       {"2022", "191010000", "4", "Қонаев қ.", "г. Конаев", ""}}));
    });
    in_read(*ws, [](StoreSession& tx) {
        const auto districts = must(tx.reconciliation().coverage(CoverageLevel::District));
        BOOST_REQUIRE(districts.size() == 2u);
        BOOST_TEST(districts[0].name_kk == "Қонаев қ.ә.");
        BOOST_TEST(districts[0].name_ru == "г.а. Конаев");
        BOOST_TEST(districts[1].key == "7510");
        BOOST_TEST(districts[1].name_ru == "");  // not in the classifier: the code alone

        // Regions come from the table shipped with the program when the classifier lacks them.
        const auto regions = must(tx.reconciliation().coverage(CoverageLevel::Region));
        BOOST_REQUIRE(regions.size() == 2u);
        BOOST_TEST(regions[0].name_ru == "Алматинская область");
        BOOST_TEST(regions[0].name_kk == "Алматы облысы");
        BOOST_TEST(regions[1].name_ru == "город Алматы");
    });
}

BOOST_AUTO_TEST_CASE(grouping_keys_on_edition_and_prefix) {
    auto row = [](std::string kato, std::string edition, std::int64_t listed) {
        CoverageRow r;
        r.key = "BIN";
        r.institutions = 1;
        r.kato = std::move(kato);
        r.kato_version = std::move(edition);
        r.listed = listed;
        return r;
    };
    // Zhetysu (33) exists only in 2022; Almaty region's 2013 codes covered what is Zhetysu now.
    const auto out = db::coverage_at_level({row("191010000", "2013", 4), row("331010000", "2022", 5),
                                            row("191010000", "2022", 6), row("195010000", "2013", 1)},
                                           CoverageLevel::Region, [](std::string_view edition, std::string_view prefix) {
                                               return std::optional{std::pair{std::string(edition) + "/" + std::string(prefix),
                                                                              std::string(prefix)}};
                                           });
    BOOST_REQUIRE(out.size() == 3u);
    BOOST_TEST(out[0].kato_version == "2013");
    BOOST_TEST(out[0].key == "19");
    BOOST_TEST(out[0].listed == 5);
    BOOST_TEST(out[0].institutions == 2);
    BOOST_TEST(out[0].name_kk == "2013/19");
    BOOST_TEST(out[1].kato_version == "2022");
    BOOST_TEST(out[1].key == "19");
    BOOST_TEST(out[1].listed == 6);
    BOOST_TEST(out[2].key == "33");
    BOOST_TEST(out[2].name_kk == "2022/33");
}

BOOST_FIXTURE_TEST_CASE(coverage_is_empty_without_lists, Register) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.reconciliation().replace_results(std::vector<ReconciledPerson>{result('E', "p-1", kBinA, "extra", "", "2026-10-05")}));
    });
    in_read(*ws, [](StoreSession& tx) {
        BOOST_TEST(must(tx.reconciliation().coverage(CoverageLevel::Institution)).empty());
        BOOST_TEST(must(tx.reconciliation().coverage(CoverageLevel::Region)).empty());
        BOOST_TEST(must(tx.reconciliation().progress("")).empty());
        BOOST_TEST(must(tx.reconciliation().people(kBinA)).size() == 1u);  // the extra, no listed side
    });
}

BOOST_FIXTURE_TEST_CASE(progress_day_by_day, Reconciled) {
    in_read(*ws, [](StoreSession& tx) {
        // Institutions with lists (A, B, C): enumerated per day; matched listed persons by the
        // day their counterpart was pulled, cumulated. D's and address persons are left out.
        const auto all = must(tx.reconciliation().progress(""));
        BOOST_REQUIRE(all.size() == 3u);
        BOOST_TEST(all[0].day == "2026-10-05");
        BOOST_TEST(all[0].enumerated == 4);  // p-a1, p-a2, p-c1, p-c2
        BOOST_TEST(all[0].matched_cumulative == 1);
        BOOST_TEST(all[1].day == "2026-10-06");
        BOOST_TEST(all[1].enumerated == 2);
        BOOST_TEST(all[1].matched_cumulative == 1);
        BOOST_TEST(all[2].day == "2026-10-07");
        BOOST_TEST(all[2].enumerated == 1);  // p-b2
        BOOST_TEST(all[2].matched_cumulative == 2);

        const auto b = must(tx.reconciliation().progress(kBinB));
        BOOST_REQUIRE(b.size() == 1u);
        BOOST_TEST(b[0].day == "2026-10-07");
        BOOST_TEST(b[0].enumerated == 1);
        BOOST_TEST(b[0].matched_cumulative == 1);
        const auto d = must(tx.reconciliation().progress(kBinD));  // one institution asked by name
        BOOST_REQUIRE(d.size() == 1u);
        BOOST_TEST(d[0].enumerated == 1);
        BOOST_TEST(d[0].matched_cumulative == 0);
    });
}

BOOST_FIXTURE_TEST_CASE(people_listed_first_by_line_then_extras_and_duplicates, Reconciled) {
    std::int64_t about_a2 = 0, about_dup = 0;
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.reviews().merge_proposals(std::vector<ReviewItem>{proposal("L:a:2", "p-a2", kBinA, 0.8),
                                                                  proposal("p-a1", "p-dup", kBinA, 0.99, ReviewKind::Duplicate),
                                                                  proposal("L:a:1", "p-other", kBinA, 0.7)},
                                          1));
        for (const auto& i : must(tx.reviews().items(ReviewState::Open, kBinA))) {
            if (i.first_id == "L:a:2") about_a2 = i.id;
            if (i.second_id == "p-dup") about_dup = i.id;
            if (i.first_id == "L:a:1") must(tx.reviews().set_state(i.id, ReviewState::Decided));  // not open: not shown
        }
    });
    in_read(*ws, [&](StoreSession& tx) {
        const auto people = must(tx.reconciliation().people(kBinA));
        BOOST_REQUIRE(people.size() == 5u);
        const auto& first = people[0];
        BOOST_TEST(first.listed_line == 1);
        BOOST_TEST(first.listed_id == "L:a:1");
        BOOST_TEST(first.listed_surname == "Первая");
        BOOST_TEST(first.listed_name == "Айгерім");
        BOOST_TEST(first.outcome == "matched");
        BOOST_TEST(first.enumerated_id == "p-a1");
        BOOST_TEST(first.enumerated_surname == "Первая");
        BOOST_TEST(first.enumerated_name == "Нұрлан");
        BOOST_TEST(first.enumerated_patronymic == "Қайратұлы");
        BOOST_TEST(first.enumerated_iin == with_check_digit("11030160012"));
        BOOST_TEST(first.enumerated_birth_date == "2010-05-15");
        BOOST_TEST(first.kit_number == "KIT-7");
        BOOST_TEST(first.score == 0.875);
        BOOST_TEST(first.levels == "exact,exact,near,missing");
        BOOST_TEST(first.review_id == 0);
        const auto& second = people[1];
        BOOST_TEST(second.listed_line == 2);
        BOOST_TEST(second.outcome == "review");
        BOOST_TEST(second.enumerated_surname == "Вторая-бис");
        BOOST_TEST(second.review_id == about_a2);
        const auto& third = people[2];  // listed after the run: not reconciled yet
        BOOST_TEST(third.listed_line == 3);
        BOOST_TEST(third.outcome == "");
        BOOST_TEST(third.enumerated_id == "");
        BOOST_TEST(third.kit_number == "");
        BOOST_TEST(third.review_id == 0);
        const auto& extra = people[3];
        BOOST_TEST(extra.outcome == "extra");
        BOOST_TEST(extra.listed_id == "");
        BOOST_TEST(extra.listed_line == 0);
        BOOST_TEST(extra.enumerated_id == "p-x");
        BOOST_TEST(extra.enumerated_surname == "Лишний");
        BOOST_TEST(extra.kit_number == "KIT-8");
        const auto& dup = people[4];
        BOOST_TEST(dup.outcome == "duplicate");
        BOOST_TEST(dup.enumerated_id == "p-dup");
        BOOST_TEST(dup.review_id == about_dup);

        // B: the current version's two entries; the conflict's enumerated side; no extras.
        const auto b = must(tx.reconciliation().people(kBinB));
        BOOST_REQUIRE(b.size() == 2u);
        BOOST_TEST(b[0].outcome == "matched");
        BOOST_TEST(b[0].enumerated_id == "p-addr");
        BOOST_TEST(b[0].enumerated_surname == "");  // not among the stored persons here
        BOOST_TEST(b[1].outcome == "conflict");
        BOOST_TEST(must(tx.reconciliation().people(kBinD)).size() == 1u);
        BOOST_TEST(must(tx.reconciliation().people(with_check_digit("99034000999"))).empty());
    });
}

// ---- review queue -------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(merge_proposals_opens_updates_keeps_decisions_and_retires, FreshWorkspace) {
    auto state_of = [](StoreSession& tx, const std::string& first) {
        for (const auto& i : must(tx.reviews().items(std::nullopt, ""))) if (i.first_id == first) return i;
        BOOST_FAIL("no item " + first);
        return ReviewItem{};
    };
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.reviews().merge_proposals(std::vector<ReviewItem>{proposal("L:a", "p-a", kBinA, 0.81),
                                                                  proposal("L:b", "p-b", kBinA, 0.82),
                                                                  proposal("L:c", "p-c", kBinA, 0.83)},
                                          1));
        const auto all = must(tx.reviews().items(std::nullopt, ""));
        BOOST_REQUIRE(all.size() == 3u);
        for (const auto& i : all) {
            BOOST_TEST((i.state == ReviewState::Open));
            BOOST_TEST(i.last_run_id == 1);
            BOOST_TEST(i.first_seen_at_utc == "2026-10-06T08:00:00Z");
        }
        must(tx.reviews().set_state(state_of(tx, "L:b").id, ReviewState::Decided));
        must(tx.reviews().set_state(state_of(tx, "L:c").id, ReviewState::AwaitingConfirmation));
    });
    in_write(*ws, [&](StoreSession& tx) {
        auto b = proposal("L:b", "p-b", kBinA, 0.91);
        auto c = proposal("L:c", "p-c", kBinA, 0.92);
        c.levels = "near,near,near,near";
        c.conflict = true;
        auto d = proposal("L:d", "p-d", kBinA, 0.84);
        d.first_seen_at_utc = "2026-10-07T08:00:00Z";
        b.first_seen_at_utc = "2026-10-07T08:00:00Z";  // a known item keeps when it was first seen
        must(tx.reviews().merge_proposals(std::vector<ReviewItem>{b, c, d}, 2));
        const auto ia = state_of(tx, "L:a");
        BOOST_TEST((ia.state == ReviewState::Gone));
        BOOST_TEST(ia.last_run_id == 1);
        const auto ib = state_of(tx, "L:b");
        BOOST_TEST((ib.state == ReviewState::Decided));
        BOOST_TEST(ib.score == 0.91);
        BOOST_TEST(ib.last_run_id == 2);
        BOOST_TEST(ib.first_seen_at_utc == "2026-10-06T08:00:00Z");
        const auto ic = state_of(tx, "L:c");
        BOOST_TEST((ic.state == ReviewState::AwaitingConfirmation));
        BOOST_TEST(ic.score == 0.92);
        BOOST_TEST(ic.levels == "near,near,near,near");
        BOOST_TEST(ic.conflict);
        const auto id = state_of(tx, "L:d");
        BOOST_TEST((id.state == ReviewState::Open));
        BOOST_TEST(id.first_seen_at_utc == "2026-10-07T08:00:00Z");
        BOOST_TEST(must(tx.reviews().count(ReviewState::Open)) == 1);
        BOOST_TEST(must(tx.reviews().count(ReviewState::Gone)) == 1);
    });
    in_write(*ws, [&](StoreSession& tx) {
        // The gone pair comes back; decided and awaiting items not proposed keep their state.
        must(tx.reviews().merge_proposals(std::vector<ReviewItem>{proposal("L:a", "p-a", kBinA, 0.77)}, 3));
        const auto ia = state_of(tx, "L:a");
        BOOST_TEST((ia.state == ReviewState::Open));
        BOOST_TEST(ia.score == 0.77);
        BOOST_TEST(ia.last_run_id == 3);
        BOOST_TEST((state_of(tx, "L:b").state == ReviewState::Decided));
        BOOST_TEST((state_of(tx, "L:c").state == ReviewState::AwaitingConfirmation));
        BOOST_TEST((state_of(tx, "L:d").state == ReviewState::Gone));
        BOOST_TEST(must(tx.reviews().items(std::nullopt, "")).size() == 4u);
        // An empty proposal retires every open item.
        must(tx.reviews().merge_proposals({}, 4));
        BOOST_TEST(must(tx.reviews().count(ReviewState::Open)) == 0);
        BOOST_TEST(must(tx.reviews().count(ReviewState::Gone)) == 2);
        BOOST_TEST(must(tx.reviews().count(ReviewState::Decided)) == 1);
        BOOST_TEST(must(tx.reviews().count(ReviewState::AwaitingConfirmation)) == 1);
    });
}

BOOST_FIXTURE_TEST_CASE(items_by_institution_then_descending_score_with_filters, FreshWorkspace) {
    std::vector<ReviewItem> p = {proposal("L:c1", "p-1", kBinC, 0.70), proposal("L:a1", "p-2", kBinA, 0.75),
                                 proposal("L:a2", "p-3", kBinA, 0.95), proposal("L:b1", "p-4", kBinB, 0.80),
                                 proposal("L:a3", "p-5", kBinA, 0.75),
                                 proposal("p-6", "p-7", kBinA, 0.99, ReviewKind::Duplicate)};
    in_write(*ws, [&](StoreSession& tx) { must(tx.reviews().merge_proposals(p, 9)); });
    in_write(*ws, [&](StoreSession& tx) {
        auto all = must(tx.reviews().items(std::nullopt, ""));
        std::vector<std::string> expected_bins;
        for (const auto& i : all) expected_bins.push_back(i.institution_bin);
        BOOST_TEST(std::is_sorted(expected_bins.begin(), expected_bins.end()));
        auto a = must(tx.reviews().items(ReviewState::Open, kBinA));
        BOOST_TEST((ids_of(a) == std::vector<std::string>{"p-6/p-7", "L:a2/p-3", "L:a1/p-2", "L:a3/p-5"}));  // ties by id
        BOOST_TEST((a[0].kind == ReviewKind::Duplicate));
        BOOST_TEST((a[1].kind == ReviewKind::Pair));
        BOOST_TEST(a[1].levels == "exact,near,exact,missing");
        BOOST_TEST(a[1].institution_bin == kBinA);

        auto found = must(tx.reviews().find(a[0].id));
        BOOST_REQUIRE(found.has_value());
        BOOST_TEST(found->first_id == "p-6");
        BOOST_TEST(found->second_id == "p-7");
        BOOST_TEST(found->score == 0.99);
        BOOST_TEST(!must(tx.reviews().find(a[0].id + 1000)).has_value());

        must(tx.reviews().set_state(a[1].id, ReviewState::Decided));
        BOOST_TEST(must(tx.reviews().items(ReviewState::Open, kBinA)).size() == 3u);
        BOOST_TEST(must(tx.reviews().items(ReviewState::Decided, "")).size() == 1u);
        BOOST_TEST(must(tx.reviews().items(ReviewState::Decided, kBinB)).empty());
        BOOST_TEST(must(tx.reviews().items(std::nullopt, kBinA)).size() == 4u);
        BOOST_TEST(must(tx.reviews().count(ReviewState::Open)) == 5);
        BOOST_TEST(must(tx.reviews().count(ReviewState::Decided)) == 1);
        auto unknown = tx.reviews().set_state(a[0].id + 1000, ReviewState::Gone);
        BOOST_REQUIRE(!unknown);
        BOOST_TEST((unknown.error().code == ErrorCode::NotFound));
    });
}

BOOST_FIXTURE_TEST_CASE(decisions_four_eyes_and_the_effective_ones, FreshWorkspace) {
    std::vector<ReviewItem> items;
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.reviews().merge_proposals(std::vector<ReviewItem>{proposal("L:x", "p-x", kBinA, 0.8),
                                                                  proposal("L:y", "p-y", kBinA, 0.7),
                                                                  proposal("p-1", "p-2", kBinA, 0.9, ReviewKind::Duplicate)},
                                          1));
        items = must(tx.reviews().items(std::nullopt, ""));
    });
    BOOST_REQUIRE(items.size() == 3u);
    const auto& dup = items[0];
    const auto& x = items[1];
    const auto& y = items[2];
    BOOST_REQUIRE(x.first_id == "L:x");
    std::int64_t x1 = 0, x2 = 0, y1 = 0, d1 = 0;
    in_write(*ws, [&](StoreSession& tx) {
        x1 = must(tx.reviews().add_decision(decision(x, ReviewVerdict::Match, false)));
        x2 = must(tx.reviews().add_decision(decision(x, ReviewVerdict::NonMatch, true, "super.two")));  // pending
        y1 = must(tx.reviews().add_decision(decision(y, ReviewVerdict::Match, true)));                   // pending
        d1 = must(tx.reviews().add_decision(decision(dup, ReviewVerdict::Duplicate, false)));
        auto orphan = decision(x, ReviewVerdict::Match, false);
        orphan.review_id = 999;
        auto refused = tx.reviews().add_decision(orphan);
        BOOST_REQUIRE(!refused);
        BOOST_TEST((refused.error().code == ErrorCode::NotFound));
    });
    BOOST_TEST(x1 < x2);
    in_read(*ws, [&](StoreSession& tx) {
        const auto of_x = must(tx.reviews().decisions(x.id));
        BOOST_REQUIRE(of_x.size() == 2u);
        BOOST_TEST(of_x[0].id == x1);
        BOOST_TEST(of_x[1].id == x2);
        BOOST_TEST(of_x[0].review_id == x.id);
        BOOST_TEST(of_x[0].first_id == "L:x");
        BOOST_TEST(of_x[0].second_id == "p-x");
        BOOST_TEST((of_x[0].verdict == ReviewVerdict::Match));
        BOOST_TEST(of_x[0].reason == "одна и та же по документам");
        BOOST_TEST(of_x[0].decided_by == "super.one");
        BOOST_TEST(of_x[0].decided_at_utc == "2026-10-07T09:00:00Z");
        BOOST_TEST(of_x[0].confirmed_by == "");
        BOOST_TEST(!of_x[0].needs_confirmation);
        BOOST_TEST(of_x[1].needs_confirmation);
        BOOST_TEST(!of_x[1].effective());

        // x: the pending NonMatch does not count yet, the earlier Match does; y: nothing yet.
        const auto eff = must(tx.reviews().effective_decisions());
        BOOST_REQUIRE(eff.size() == 2u);
        BOOST_TEST(eff[0].id == x1);
        BOOST_TEST(eff[1].id == d1);
        BOOST_TEST((eff[1].verdict == ReviewVerdict::Duplicate));
    });
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.reviews().confirm_decision(x2, "super.three", "2026-10-08T10:00:00Z"));
        must(tx.reviews().confirm_decision(y1, "super.three", "2026-10-08T10:05:00Z"));
        auto unknown = tx.reviews().confirm_decision(x2 + 1000, "super.three", "2026-10-08T10:00:00Z");
        BOOST_REQUIRE(!unknown);
        BOOST_TEST((unknown.error().code == ErrorCode::NotFound));
    });
    in_read(*ws, [&](StoreSession& tx) {
        const auto eff = must(tx.reviews().effective_decisions());
        std::vector<std::int64_t> ids;
        for (const auto& d : eff) ids.push_back(d.id);
        BOOST_TEST((ids == std::vector<std::int64_t>{x2, y1, d1}));  // by id
        BOOST_TEST(eff[0].confirmed_by == "super.three");
        BOOST_TEST(eff[0].confirmed_at_utc == "2026-10-08T10:00:00Z");
        BOOST_TEST((eff[0].verdict == ReviewVerdict::NonMatch));
        BOOST_TEST(must(tx.reviews().decisions(y.id)).size() == 1u);
        BOOST_TEST(must(tx.reviews().decisions(999)).empty());
    });
}

// ---- damage -------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(unknown_stored_codes_read_as_a_damaged_file, Register) {
    std::int64_t item = 0;
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.lists().insert(make_list(kBinA, "2026-09-01", 1), std::vector<ListedPerson>{entry("L:x", 1, "Икс")}));
        must(tx.reviews().merge_proposals(std::vector<ReviewItem>{proposal("L:x", "p-x", kBinA, 0.8)}, 1));
        item = must(tx.reviews().items(std::nullopt, ""))[0].id;
        auto d = decision(*must(tx.reviews().find(item)), ReviewVerdict::Match, false);
        must(tx.reviews().add_decision(d));
        must(tx.reconciliation().replace_results(std::vector<ReconciledPerson>{result('E', "p-x", kBinA, "extra")}));
    });
    auto expect_damaged = [&](auto&& read) {
        auto r = ws->read([&](StoreSession& tx) -> Status { return read(tx); });
        BOOST_REQUIRE(!r);
        BOOST_TEST((r.error().code == ErrorCode::WorkspaceDamaged));
    };
    const auto coverage = [](StoreSession& tx) { return drop_value(tx.reconciliation().coverage(CoverageLevel::Institution)); };
    const auto find_item = [&](StoreSession& tx) { return drop_value(tx.reviews().find(item)); };
    must(ws->read(coverage));
    must(ws->read(find_item));
    close();
    raw()->exec("UPDATE review_items SET kind = 'triple'; UPDATE review_decisions SET verdict = 'maybe';"
                "UPDATE reconcile_results SET side = 'Q';");
    reopen();
    expect_damaged(find_item);
    expect_damaged([&](StoreSession& tx) { return drop_value(tx.reviews().items(std::nullopt, "")); });
    expect_damaged([&](StoreSession& tx) { return drop_value(tx.reviews().effective_decisions()); });
    expect_damaged([&](StoreSession& tx) { return drop_value(tx.reviews().decisions(item)); });
    expect_damaged(coverage);
    close();
    raw()->exec("UPDATE review_items SET kind = 'pair', state = 'lost';");
    reopen();
    expect_damaged(find_item);
}

BOOST_FIXTURE_TEST_CASE(coverage_data_never_in_clear_on_disk, Reconciled) {
    in_write(*ws, [](StoreSession& tx) {
        must(tx.lists().save_mapping(kBinA, "default", R"({"surname":"Тегі-маркер"})", "2026-09-01T04:00:00Z",
                                     "officer.one"));
    });
    close();
    for (const auto& file : std::filesystem::directory_iterator(dir)) {
        if (!file.is_regular_file()) continue;
        std::ifstream in(file.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (const std::string& needle : {std::string("Третья"), std::string("Тегі-маркер"), std::string("L:a:1"),
                                         std::string("p-dup")})
            BOOST_TEST(bytes.find(needle) == std::string::npos, file.path().filename().string() << " holds " << needle);
    }
}

BOOST_AUTO_TEST_SUITE_END()
