// The department's summaries in a workspace with per-role keys: an officer reconciles, decides,
// imports a list, forms, sends, discards and pulls; the administrator — who never holds census —
// then reads the same coverage figures and outbox counts the officer saw, with the time they were
// stored, and still nothing about persons. Custodians read neither; the single-key layout counts
// from the records as before.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <sstream>

#include "core/domain/clock.h"
#include "per_role_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
using db::Part;

namespace {

const std::string kBinA =
    with_check_digit("99034000111");  // KATO 191010000 (district 1910, region 19)
const std::string kBinB = with_check_digit("99034000222");  // KATO 191020000 (district 1910)
const std::string kBinC = with_check_digit("99034000333");  // KATO 751010000 (region 75)

std::string now_utc() { return iso_utc(std::chrono::system_clock::now()); }

Institution institution(const std::string& bin, const std::string& name, const std::string& kato) {
    auto i = sample_institution(bin, name);
    i.kato = KatoCode{kato, "2022"};
    return i;
}

StoredList list_of(const std::string& bin, int version = 1) {
    StoredList l;
    l.institution_bin = bin;
    l.as_of = "2026-10-01";
    l.version = version;
    l.source_name = "list.csv";
    l.imported_at_utc = "2026-10-01T04:00:00Z";
    l.imported_by = kOfficer;
    l.mapping_json = "{}";
    l.encoding = "utf-8";
    return l;
}

std::vector<ListedPerson> entries(const std::string& prefix, int n) {
    std::vector<ListedPerson> out;
    for (int i = 1; i <= n; ++i) {
        ListedPerson p;
        p.record_id = prefix + std::to_string(i);
        p.line = i;
        p.surname = "Тегі" + std::to_string(i);
        p.sex = "F";
        out.push_back(std::move(p));
    }
    return out;
}

ReconciledPerson result(char side, const std::string& id, const std::string& bin,
                        const std::string& outcome, const std::string& day = "",
                        const std::string& counterpart = "") {
    ReconciledPerson r;
    r.side = side;
    r.record_id = id;
    r.institution_bin = bin;
    r.outcome = outcome;
    r.enumerated_on = day;
    r.counterpart_id = counterpart;
    return r;
}

UpstreamBatch batch(const std::string& uuid, std::int64_t households, std::int64_t persons) {
    UpstreamBatch b;
    b.uuid = uuid;
    b.state = BatchState::Queued;
    b.created_at_utc = "2026-10-03T08:00:00Z";
    b.created_by = kOfficer;
    b.households = households;
    b.persons = persons;
    b.digest = std::string(64, 'd');
    b.compressed_size = 4;
    return b;
}
const std::string kBody = "gzip";

/// Everything a row shows, in one line: a difference names itself in the failure.
std::string text(const CoverageRow& r) {
    std::ostringstream o;
    o << r.key << " " << r.name_ru << " " << r.kato << " i" << r.institutions << " l" << r.listed
      << " e" << r.enumerated << " m" << r.matched << " r" << r.review << " c" << r.conflict
      << " mi" << r.missing << " x" << r.extra << " d" << r.duplicates;
    return o.str();
}
std::string text(const std::vector<CoverageRow>& rows) {
    std::string out;
    for (const auto& r : rows) out += text(r) + "\n";
    return out;
}
std::string text(const std::vector<ProgressPoint>& points) {
    std::string out;
    for (const auto& p : points)
        out += p.day + " " + std::to_string(p.enumerated) + " " +
               std::to_string(p.matched_cumulative) + "\n";
    return out;
}
std::string text(const std::optional<ReconcileRun>& r) {
    if (!r) return "none";
    std::ostringstream o;
    o << r->id << " " << r->started_at_utc << " " << r->finished_at_utc << " " << r->user << " "
      << r->listed << " " << r->enumerated << " " << r->matched << " " << r->review << " "
      << r->conflict << " " << r->missing << " " << r->extra << " " << r->duplicate << " "
      << r->pairs_compared << " " << r->decisions_applied << " " << r->seconds;
    return o.str();
}
std::string text(const OutboxStats& s) {
    std::ostringstream o;
    o << "pending " << s.pending_households << "/" << s.pending_persons << " awaiting "
      << s.batches_awaiting_release << " queued " << s.batches_queued << " accepted "
      << s.batches_accepted << " held " << s.batches_held << " discarded " << s.batches_discarded
      << " persons queued " << s.persons_queued << " accepted " << s.persons_accepted << " last "
      << s.last_accepted_at_utc;
    return o.str();
}

/// What the coverage and upstream screens read, in one read transaction of whoever is signed in.
struct Figures {
    std::vector<CoverageRow> institutions, districts, regions;
    std::vector<ProgressPoint> progress;
    std::optional<ReconcileRun> run;
    CountsSource coverage_source;
    OutboxStats outbox;
};

struct OfficerAndAdministrator : PerRoleFixture {
    OfficerAndAdministrator() { sign_in(kOfficer); }  // makes census

    Result<Figures> figures() { return figures_of(*ws); }
    static Result<Figures> figures_of(db::Workspace& ws) {
        Figures f;
        auto st = ws.read([&](StoreSession& tx) -> Status {
            auto& r = tx.reconciliation();
            for (auto [level, out] : {std::pair{CoverageLevel::Institution, &f.institutions},
                                      std::pair{CoverageLevel::District, &f.districts},
                                      std::pair{CoverageLevel::Region, &f.regions}}) {
                auto rows = r.coverage(level);
                SANAQ_TRY(rows);
                *out = std::move(*rows);
            }
            auto progress = r.progress("");
            SANAQ_TRY(progress);
            f.progress = std::move(*progress);
            auto run = r.last_run();
            SANAQ_TRY(run);
            f.run = std::move(*run);
            auto source = r.counts_source();
            SANAQ_TRY(source);
            f.coverage_source = *source;
            auto stats = tx.outbox().stats();
            SANAQ_TRY(stats);
            f.outbox = *stats;
            return {};
        });
        SANAQ_TRY(st);
        return f;
    }

    /// A package of the officer's pull: households and persons with their received_packages row.
    void ingest(const std::string& package, const std::vector<Household>& households,
                const std::vector<Person>& persons, std::int64_t sequence) {
        in_write(*ws, [&](StoreSession& tx) {
            const auto from = sample_provenance(package, "KIT-0001");
            for (const auto& h : households) must(tx.census().upsert(h, from));
            for (const auto& p : persons) must(tx.census().upsert(p, from));
            must(tx.packages().insert(sample_received(package, "KIT-0001", "device-1", sequence)));
        });
    }

    std::vector<BatchMember> pending_members(std::size_t households, std::size_t persons) {
        std::vector<BatchMember> out;
        in_read(*ws, [&](StoreSession& tx) {
            for (const auto& h : must(tx.outbox().pending_households(0, households)))
                out.push_back({RecordKind::Household, h.row_id, h.record.uuid, h.record.revision});
            for (const auto& p : must(tx.outbox().pending_persons(0, persons)))
                out.push_back({RecordKind::Person, p.row_id, p.record.uuid, p.record.revision});
        });
        return out;
    }
};

void expect_same_counts(const Figures& admin, const Figures& officer) {
    BOOST_TEST(text(admin.institutions) == text(officer.institutions));
    BOOST_TEST(text(admin.districts) == text(officer.districts));
    BOOST_TEST(text(admin.regions) == text(officer.regions));
    BOOST_TEST(text(admin.progress) == text(officer.progress));
    BOOST_TEST(text(admin.run) == text(officer.run));
    BOOST_TEST(text(admin.outbox) == text(officer.outbox));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(department_summaries)

BOOST_FIXTURE_TEST_CASE(the_administrator_reads_the_officers_counts_as_of_when_they_were_stored,
                        OfficerAndAdministrator) {
    const std::string before = now_utc();
    // Registers (common), three households of two persons pulled, lists of A and B.
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.institutions().insert(institution(kBinA, "Мектеп-интернат А", "191010000")));
        must(tx.institutions().insert(institution(kBinB, "Балалар үйі Б", "191020000")));
        must(tx.institutions().insert(institution(kBinC, "Колледж В", "751010000")));
    });
    std::vector<Household> households;
    std::vector<Person> persons;
    for (int h = 1; h <= 3; ++h) {
        households.push_back(sample_household("hh-" + std::to_string(h)));
        for (int p = 2 * h - 1; p <= 2 * h; ++p)
            persons.push_back(sample_person("p-" + std::to_string(p), "hh-" + std::to_string(h)));
    }
    ingest("pkg-1", households, persons, 1);
    in_write(*ws, [&](StoreSession& tx) {
        const auto a = entries("a", 3);
        const auto b = entries("b", 2);
        must(tx.lists().insert(list_of(kBinA), a));
        must(tx.lists().insert(list_of(kBinB), b));
    });

    // A reconciliation: its results, then a supervisor's decision taking effect before the next.
    ReconcileRun run;
    run.started_at_utc = "2026-10-03T06:00:00Z";
    run.user = kOfficer;
    run.listed = 5;
    run.enumerated = 4;
    run.matched = 2;
    run.review = 1;
    run.conflict = 1;
    run.missing = 1;
    run.extra = 2;
    run.duplicate = 1;
    run.pairs_compared = 17;
    run.seconds = 0.25;
    in_write(*ws, [&](StoreSession& tx) {
        run.id = must(tx.reconciliation().begin_run(run));
        must(tx.reconciliation().replace_results(std::vector<ReconciledPerson>{
            result('L', "a1", kBinA, "matched", "2026-10-01", "p-1"),
            result('L', "a2", kBinA, "missing"), result('L', "a3", kBinA, "review"),
            result('E', "p-1", kBinA, "matched", "2026-10-01", "a1"),
            result('E', "p-2", kBinA, "extra", "2026-10-02"),
            result('E', "p-3", kBinB, "duplicate", "2026-10-02"),
            result('E', "p-4", "", "extra", "2026-10-02"),
            result('L', "b1", kBinB, "matched", "2026-10-02", "p-5"),
            result('E', "p-5", kBinB, "matched", "2026-10-02", "b1"),
            result('L', "b2", kBinB, "conflict")}));
        run.finished_at_utc = "2026-10-03T06:00:01Z";
        must(tx.reconciliation().finish_run(run));
    });
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.reconciliation().update_result(
            result('L', "a2", kBinA, "matched", "2026-10-02", "p-2")));
        must(tx.reconciliation().update_result(
            result('E', "p-2", kBinA, "matched", "2026-10-02", "a2")));
        // A person enumerated at an address moves to an institution with a list.
        must(tx.reconciliation().update_result(result('E', "p-4", kBinB, "extra", "2026-10-02")));
        // A list for C after the run: listed, not looked for yet.
        must(tx.lists().insert(list_of(kBinC), entries("c", 4)));
    });

    // The outbox: a batch formed and accepted, one formed and discarded (its records pending
    // again).
    in_write(*ws, [&](StoreSession& tx) {
        auto members = std::vector<BatchMember>{};
        must(tx.outbox().insert_batch(batch("b-1", 1, 2), kBody, members));
    });
    const auto first = pending_members(1, 2);
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.outbox().insert_batch(batch("b-2", 1, 2), kBody, first));
        auto b = must(tx.outbox().find_batch("b-2"));
        BOOST_REQUIRE(b.has_value());
        b->state = BatchState::Accepted;
        b->accepted_at_utc = "2026-10-03T08:05:00Z";
        must(tx.outbox().update_batch(*b));
    });
    const auto second = pending_members(1, 3);
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.outbox().insert_batch(batch("b-3", 1, 3), kBody, second));
    });
    in_write(*ws, [&](StoreSession& tx) {
        auto b = must(tx.outbox().find_batch("b-3"));
        b->state = BatchState::Discarded;
        must(tx.outbox().update_batch(*b));
        must(tx.outbox().release_members("b-3"));
    });
    const auto officer_before_pull = must(figures());
    BOOST_TEST(!officer_before_pull.coverage_source.summary);
    BOOST_TEST(!officer_before_pull.outbox.source.summary);
    BOOST_TEST(officer_before_pull.outbox.pending_persons == 4);  // p-3 .. p-6
    BOOST_TEST(officer_before_pull.outbox.persons_accepted == 2);
    // A: a2 matched by the decision; B: the person from the address counted there now; C: listed
    // only.
    BOOST_TEST(text(officer_before_pull.institutions) ==
               text(std::vector<CoverageRow>{
                   {kBinA, "", "Мектеп-интернат А", "191010000", 1, 3, 2, 2, 1, 0, 0, 0, 0},
                   {kBinB, "", "Балалар үйі Б", "191020000", 1, 2, 3, 1, 0, 1, 0, 1, 1},
                   {kBinC, "", "Колледж В", "751010000", 1, 4, 0, 0, 0, 0, 0, 0, 0}}));
    BOOST_TEST(text(officer_before_pull.progress) == "2026-10-01 1 1\n2026-10-02 4 3\n");

    sign_in(kAdmin);
    const auto admin_before_pull = must(figures());
    expect_same_counts(admin_before_pull, officer_before_pull);

    // A pull brings a new person and a new revision of one already accepted upstream: both
    // pending. The transaction after the pull's closing one counts them for the summary (a
    // transaction that writes dept writes nothing of common but the audit trail).
    sign_in(kOfficer);
    ingest("pkg-2", {}, {sample_person("p-1", "hh-1", 2), sample_person("p-7", "hh-3")}, 2);
    PullRecord pull;
    pull.kit_number = "KIT-0001";
    pull.started_at_utc = "2026-10-04T06:00:00Z";
    pull.user = kOfficer;
    in_write(*ws, [&](StoreSession& tx) {
        pull.id = must(tx.packages().begin_pull(pull));
        pull.finished_at_utc = "2026-10-04T06:01:00Z";
        pull.outcome = PullOutcome::Complete;
        must(tx.packages().finish_pull(pull));
    });
    in_write(*ws, [&](StoreSession& tx) { must(tx.packages().count_pulled()); });
    const auto officer = must(figures());
    BOOST_TEST(officer.outbox.pending_persons == 6);

    sign_in(kAdmin);
    const std::string after = now_utc();
    const auto admin = must(figures());
    expect_same_counts(admin, officer);
    BOOST_TEST(admin.coverage_source.summary);
    BOOST_TEST(admin.outbox.source.summary);
    for (const auto& as_of : {admin.coverage_source.as_of_utc, admin.outbox.source.as_of_utc}) {
        BOOST_TEST(as_of.size() == 20u, as_of);
        BOOST_TEST((before <= as_of && as_of <= after),
                   before << " <= " << as_of << " <= " << after);
    }
    // The institutions' names come from the register the administrator holds.
    BOOST_TEST(admin.institutions.at(0).name_ru == "Мектеп-интернат А");

    // Nothing about persons: the drill-down, results, lists and batches still refuse.
    expect_code(
        ws->read([&](StoreSession& tx) { return drop_value(tx.reconciliation().people(kBinA)); }),
        ErrorCode::PermissionDenied);
    expect_code(ws->read([&](StoreSession& tx) {
        return drop_value(tx.reconciliation().find_result('L', "a1"));
    }),
                ErrorCode::PermissionDenied);
    expect_code(ws->read([&](StoreSession& tx) { return drop_value(tx.lists().current_lists()); }),
                ErrorCode::PermissionDenied);
    expect_code(ws->read([&](StoreSession& tx) {
        return drop_value(tx.outbox().batches(std::nullopt, 5));
    }),
                ErrorCode::PermissionDenied);
    expect_code(census_stats(), ErrorCode::PermissionDenied);

    // A custodian holds neither census nor dept: the counts refuse too.
    sign_in(kCustodian);
    expect_code(drop_value(figures()), ErrorCode::PermissionDenied);
    expect_code(ws->read([&](StoreSession& tx) { return drop_value(tx.outbox().stats()); }),
                ErrorCode::PermissionDenied);
}

BOOST_FIXTURE_TEST_CASE(before_any_census_holder_stored_them_the_administrator_sees_no_time,
                        PerRoleFixture) {
    auto f = must(OfficerAndAdministrator::figures_of(*ws));
    BOOST_TEST(f.coverage_source.summary);
    BOOST_TEST(f.coverage_source.as_of_utc.empty());
    BOOST_TEST(f.outbox.source.summary);
    BOOST_TEST(f.outbox.source.as_of_utc.empty());
    BOOST_TEST(f.institutions.empty());
    BOOST_TEST(!f.run.has_value());
}

BOOST_FIXTURE_TEST_CASE(outbox_counts_whose_census_changed_behind_them_are_counted_again,
                        OfficerAndAdministrator) {
    std::vector<Person> persons{sample_person("p-1", "hh-1"), sample_person("p-2", "hh-1")};
    ingest("pkg-1", {sample_household("hh-1")}, persons, 1);
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.outbox().insert_batch(batch("b-1", 0, 0), kBody, {}));
    });
    // A transaction whose dept half was lost (the files commit one after the other): the stored
    // counts are wrong and their census mark is not census's any more.
    ws.reset();
    {
        const auto dept_key = db::copy_key(keys_of(kOfficer).parts.at(Part::Dept));
        auto raw = must(
            db::Database::open(dir / "dept.1.db", &dept_key, db::Database::Mode::OpenExisting));
        raw->exec("UPDATE outbox_summary SET pending_persons = 999, batches_seen = 0;");
    }
    sign_in(kOfficer);
    const auto members = pending_members(1, 1);
    in_write(*ws, [&](StoreSession& tx) {
        must(tx.outbox().insert_batch(batch("b-2", 1, 1), kBody, members));
    });
    const auto officer = must(figures());
    BOOST_TEST(officer.outbox.pending_persons == 1);
    sign_in(kAdmin);
    BOOST_TEST(text(must(figures()).outbox) == text(officer.outbox));
}

BOOST_AUTO_TEST_CASE(the_single_key_layout_counts_from_the_records_for_every_role) {
    FreshWorkspace f;
    in_read(*f.ws, [](StoreSession& tx) {
        BOOST_TEST(!must(tx.reconciliation().counts_source()).summary);
        BOOST_TEST(!must(tx.outbox().stats()).source.summary);
    });
}

BOOST_AUTO_TEST_SUITE_END()
