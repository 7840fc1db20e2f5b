// Each migration N is applied to a database at N-1 holding representative rows: the rows
// survive and what N adds works. Databases here are real SQLCipher files under a random key.
#include <boost/test/unit_test.hpp>

#include <set>

#include "core/domain/audit.h"
#include "db/migrations/migrations.h"
#include "db/repositories/session.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

struct MigrationFixture {
    TempDir tmp{"sanaq-db-mig"};
    db::SecretKey key = must(db::random_key());
    std::unique_ptr<db::Database> db =
        must(db::Database::open(tmp / "workspace.db", &key, db::Database::Mode::Create));

    /// Runs repository work in one transaction, as Workspace::write does.
    void in_transaction(const std::function<void(db::SqlStoreSession&)>& work) {
        db::SqlStoreSession session(*db);
        db->exec("BEGIN IMMEDIATE;");
        work(session);
        db->reset_cached();
        db->exec("COMMIT;");
    }
    std::int64_t count(const std::string& table) {
        auto& st = db->cached("SELECT count(*) FROM " + table);
        st.step();
        const auto n = st.int64(0);
        st.reset();
        return n;
    }
    bool has_table(const std::string& name) {
        auto& st = db->query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name);
        const bool found = st.step();
        st.reset();
        return found;
    }
};

const std::string kBin = with_check_digit("99034000111");
const std::string kIin = with_check_digit("85071530012");

void seed_version_1(db::SqlStoreSession& s) {
    User u;
    u.name = "zhanar.admin";
    u.full_name = "Жанар Әбенова";
    u.role = Role::Administrator;
    u.created_at_utc = "2026-09-01T03:00:00Z";
    must(s.users().insert(u));
    must(s.settings().set("census.round", "2026"));
    must(s.audit().append(draft_entry("zhanar.admin", "workspace.create", "")));
    must(s.audit().append(draft_entry("zhanar.admin", "user.add", "zhanar.admin")));
}

void check_version_1_rows(db::SqlStoreSession& s) {
    auto u = must(s.users().find("zhanar.admin"));
    BOOST_REQUIRE(u.has_value());
    BOOST_TEST(u->full_name == "Жанар Әбенова");
    BOOST_TEST((u->role == Role::Administrator));
    BOOST_TEST(*must(s.settings().get("census.round")) == "2026");
    const auto entries = must(s.audit().all_in_storage_order());
    BOOST_TEST(entries.size() == 2u);
    BOOST_TEST(verify_chain(entries, must(s.audit().head())).intact());
}

void seed_version_2(db::SqlStoreSession& s) {
    must(s.institutions().insert(sample_institution(kBin, "Школа-интернат №3")));
    must(s.staff().insert(sample_employee(kBin, kIin, "Серікова Айгерім")));
}

void check_version_2_rows(db::SqlStoreSession& s) {
    auto i = must(s.institutions().find(kBin));
    BOOST_REQUIRE(i.has_value());
    BOOST_TEST(i->name_ru == "Школа-интернат №3");
    BOOST_TEST(i->kato.classifier_version == "2022");
    auto e = must(s.staff().find_by_iin(kIin));
    BOOST_REQUIRE(e.has_value());
    BOOST_TEST(e->full_name == "Серікова Айгерім");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(migrations)

BOOST_AUTO_TEST_CASE(the_list_is_contiguous_and_documented) {
    int expected = 1;
    for (const auto& m : db::all_migrations()) {
        BOOST_TEST(m.version == expected++);
        BOOST_TEST(std::string(m.name).size() > 0u);
        BOOST_TEST(std::string(m.why).size() > 10u);
        BOOST_TEST(std::string(m.sql).size() > 10u);
    }
    BOOST_TEST(db::latest_schema_version() == 13);
}

BOOST_AUTO_TEST_CASE(migration_1_on_an_empty_database) {
    MigrationFixture f;
    BOOST_TEST(db::schema_version(*f.db) == 0);
    must(db::migrate(*f.db, 1));
    BOOST_TEST(db::schema_version(*f.db) == 1);
    BOOST_TEST(f.has_table("users"));
    BOOST_TEST(!f.has_table("institutions"));
    f.in_transaction(seed_version_1);
    f.in_transaction(check_version_1_rows);
    BOOST_TEST(f.count("audit_head") == 1);
}

BOOST_AUTO_TEST_CASE(migration_2_keeps_accounts_settings_and_audit) {
    MigrationFixture f;
    must(db::migrate(*f.db, 1));
    f.in_transaction(seed_version_1);
    must(db::migrate(*f.db, 2));
    BOOST_TEST(db::schema_version(*f.db) == 2);
    f.in_transaction(check_version_1_rows);
    // What 002 adds works, including its constraints.
    f.in_transaction(seed_version_2);
    f.in_transaction(check_version_2_rows);
    f.in_transaction([](db::SqlStoreSession& s) {
        auto orphan = s.staff().insert(sample_employee(with_check_digit("99034000222"), with_check_digit("90010130055"), "X"));
        BOOST_REQUIRE(!orphan);
        BOOST_TEST((orphan.error().code == ErrorCode::NotFound));
    });
    BOOST_TEST(!f.has_table("kits"));
}

BOOST_AUTO_TEST_CASE(migration_3_keeps_everything_before_it) {
    MigrationFixture f;
    must(db::migrate(*f.db, 2));
    f.in_transaction(seed_version_1);
    f.in_transaction(seed_version_2);
    must(db::migrate(*f.db, 3));
    BOOST_TEST(db::schema_version(*f.db) == 3);
    f.in_transaction(check_version_1_rows);
    f.in_transaction(check_version_2_rows);
    // Kits, custody, acts and paper stock work on the migrated file.
    f.in_transaction([](db::SqlStoreSession& s) {
        must(s.kits().insert(sample_kit("KIT-0001", "0001")));
        auto employee = must(s.staff().find_by_iin(kIin));
        BOOST_REQUIRE(employee.has_value());
        const auto number = must(s.acts().next_number(ActKind::Issue, 2026));
        BOOST_TEST(number == "SQ-I-2026-000001");
        KitIssue issue;
        issue.kit_number = "KIT-0001";
        issue.employee_id = employee->id;
        issue.issue_act = number;
        issue.issued_at_utc = "2026-09-01T05:00:00Z";
        must(s.custody().open_issue(issue));
        must(s.paper().adjust(PaperItem::CompletionCertificates, 500));
        BOOST_TEST(must(s.paper().on_hand(PaperItem::CompletionCertificates)) == 500);
        const auto out = must(s.custody().outstanding("2026-09-10"));
        BOOST_TEST(out.size() == 1u);
    });
    BOOST_TEST(f.count("paper_stock") == 2);
}

BOOST_AUTO_TEST_CASE(migration_4_keeps_everything_before_it) {
    MigrationFixture f;
    must(db::migrate(*f.db, 3));
    f.in_transaction(seed_version_1);
    f.in_transaction(seed_version_2);
    f.in_transaction([](db::SqlStoreSession& s) { must(s.kits().insert(sample_kit("KIT-0001", "0001"))); });
    BOOST_TEST(!f.has_table("persons"));
    must(db::migrate(*f.db, 4));
    BOOST_TEST(db::schema_version(*f.db) == 4);
    f.in_transaction(check_version_1_rows);
    f.in_transaction(check_version_2_rows);
    // Device keys (against the kit registered at version 3), packages, pulls, quarantine and
    // records work on the migrated file.
    f.in_transaction([](db::SqlStoreSession& s) {
        BOOST_TEST(must(s.kits().find("KIT-0001")).has_value());
        const std::string device = std::string(64, 'd');
        must(s.device_keys().enroll(DeviceKey{"KIT-0001", device, "PEM", "2026-09-01T05:00:00Z", "zhanar.admin"}));
        BOOST_TEST(must(s.device_keys().by_device_id(device))->kit_number == "KIT-0001");
        const auto pull = must(s.packages().begin_pull(PullRecord{}));
        auto received = sample_received("pkg-1", "KIT-0001", device, 1);
        received.pull_id = pull;
        must(s.packages().insert(received));
        const auto from = sample_provenance("pkg-1", "KIT-0001");
        BOOST_TEST((must(s.census().upsert(sample_household("hh-1"), from)) == UpsertOutcome::Inserted));
        BOOST_TEST((must(s.census().upsert(sample_person("p-1", "hh-1"), from)) == UpsertOutcome::Inserted));
        BOOST_TEST((must(s.census().upsert(sample_person("p-1", "hh-1", 2), from)) == UpsertOutcome::Superseded));
        const auto stats = must(s.census().stats());
        BOOST_TEST(stats.persons == 1);
        BOOST_TEST(stats.households == 1);
        BOOST_TEST(stats.packages == 1);
        BOOST_TEST(stats.kits == 1);
    });
    // The quarantine (its digests since 007) on the file brought up to date.
    must(db::migrate(*f.db));
    f.in_transaction([](db::SqlStoreSession& s) {
        QuarantinedPackage q;
        q.reason = QuarantineReason::WrongDeviceKey;
        const auto id = must(s.packages().quarantine(q, "bytes"));
        BOOST_TEST(must(s.packages().quarantined_bytes(id)) == "bytes");
    });
    // The indexes the reconciliation relies on are there.
    for (const char* index : {"persons_by_uuid_key", "persons_by_household",
                              "households_by_uuid_key", "households_by_institution", "households_by_kato",
                              "received_packages_by_device"}) {
        auto& st = f.db->query("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", std::string(index));
        BOOST_TEST(st.step(), index);
        st.reset();
    }
}

BOOST_AUTO_TEST_CASE(migration_5_keeps_census_records_and_adds_coverage) {
    MigrationFixture f;
    must(db::migrate(*f.db, 4));
    f.in_transaction(seed_version_1);
    f.in_transaction(seed_version_2);
    f.in_transaction([](db::SqlStoreSession& s) {
        must(s.kits().insert(sample_kit("KIT-0001", "0001")));
        auto received = sample_received("pkg-1", "KIT-0001", std::string(64, 'd'), 1);
        must(s.packages().insert(received));
        const auto from = sample_provenance("pkg-1", "KIT-0001");
        must(s.census().upsert(sample_household("hh-1"), from));  // at kBin's institution
        must(s.census().upsert(sample_person("p-1", "hh-1"), from));
        must(s.census().upsert(sample_person("p-2", "hh-1", 3), from));
    });
    BOOST_TEST(!f.has_table("institution_lists"));
    must(db::migrate(*f.db, 5));
    BOOST_TEST(db::schema_version(*f.db) == 5);
    f.in_transaction(check_version_1_rows);
    f.in_transaction(check_version_2_rows);
    f.in_transaction([](db::SqlStoreSession& s) {
        // What version 4 stored reads as before, and reconciliation sees it.
        auto p = must(s.census().find_person("p-2"));
        BOOST_REQUIRE(p.has_value());
        BOOST_TEST(p->revision == 3);
        BOOST_TEST(p->surname == "Жанбулатов");
        BOOST_TEST(must(s.packages().find("pkg-1")).has_value());
        const auto stats = must(s.census().stats());
        BOOST_TEST(stats.persons == 2);
        std::vector<std::string> seen;
        must(s.reconciliation().scan_enumerated(kBin, [&](EnumeratedPerson&& e) {
            BOOST_TEST(e.kit_number == "KIT-0001");
            BOOST_TEST(e.pulled_on == "2026-10-05");
            seen.push_back(e.uuid);
        }));
        BOOST_TEST((seen == std::vector<std::string>{"p-1", "p-2"}));
        // What 005 adds works against the institution registered at version 2.
        StoredList list;
        list.institution_bin = kBin;
        list.as_of = "2026-09-01";
        ListedPerson entry;
        entry.record_id = "L:" + kBin + ":1";
        entry.line = 1;
        entry.surname = "Жанбулатов";
        const auto id = must(s.lists().insert(list, std::vector<ListedPerson>{entry}));
        BOOST_TEST(must(s.lists().current(kBin))->id == id);
        ReconciledPerson r;
        r.side = 'L';
        r.record_id = entry.record_id;
        r.institution_bin = kBin;
        r.outcome = "matched";
        r.counterpart_id = "p-1";
        r.enumerated_on = "2026-10-05";
        must(s.reconciliation().replace_results(std::vector<ReconciledPerson>{r}));
        const auto rows = must(s.reconciliation().coverage(CoverageLevel::Institution));
        BOOST_REQUIRE(rows.size() == 1u);
        BOOST_TEST(rows[0].name_ru == "Школа-интернат №3");
        BOOST_TEST(rows[0].matched == 1);
        const auto people = must(s.reconciliation().people(kBin));
        BOOST_REQUIRE(people.size() == 1u);
        BOOST_TEST(people[0].enumerated_surname == "Жанбулатов");
        ReviewItem item;
        item.first_id = entry.record_id;
        item.second_id = "p-2";
        must(s.reviews().merge_proposals(std::vector<ReviewItem>{item}, 1));
        BOOST_TEST(must(s.reviews().count(ReviewState::Open)) == 1);
    });
    for (const char* index : {"list_entries_by_list", "list_entries_by_record", "reconcile_results_by_record",
                              "reconcile_results_by_institution", "review_items_by_second", "review_items_by_state",
                              "review_decisions_by_item", "review_decisions_by_pair"}) {
        auto& st = f.db->query("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", std::string(index));
        BOOST_TEST(st.step(), index);
        st.reset();
    }
}

BOOST_AUTO_TEST_CASE(migration_6_keeps_census_records_pending_and_adds_the_outbox) {
    MigrationFixture f;
    must(db::migrate(*f.db, 5));
    f.in_transaction(seed_version_1);
    f.in_transaction([](db::SqlStoreSession& s) {
        const auto from = sample_provenance("pkg-1", "KIT-0001");
        must(s.census().upsert(sample_household("hh-1"), from));
        must(s.census().upsert(sample_person("p-1", "hh-1"), from));
        must(s.census().upsert(sample_person("p-2", "hh-1", 3), from));
    });
    BOOST_TEST(!f.has_table("upstream_batches"));
    must(db::migrate(*f.db, 6));
    BOOST_TEST(db::schema_version(*f.db) == 6);
    f.in_transaction(check_version_1_rows);
    f.in_transaction([](db::SqlStoreSession& s) {
        // Everything stored before the outbox existed is pending, at its stored revision.
        const auto households = must(s.outbox().pending_households(0, 10));
        BOOST_REQUIRE(households.size() == 1u);
        BOOST_TEST(households[0].record.uuid == "hh-1");
        const auto persons = must(s.outbox().pending_persons(0, 10));
        BOOST_REQUIRE(persons.size() == 2u);
        BOOST_TEST(persons[1].record.uuid == "p-2");
        BOOST_TEST(persons[1].record.revision == 3);
        BOOST_TEST(persons[1].from.package_uuid == "pkg-1");
        // What 006 adds works.
        UpstreamBatch b;
        b.uuid = "b-1";
        b.created_at_utc = "2026-10-06T08:00:00Z";
        b.compressed_size = 3;
        const std::vector<BatchMember> members{{RecordKind::Household, households[0].row_id, "hh-1", 1},
                                               {RecordKind::Person, persons[1].row_id, "p-2", 3}};
        must(s.outbox().insert_batch(b, "abc", members));
        BOOST_TEST(must(s.outbox().batch_body("b-1")) == "abc");
        BOOST_TEST(must(s.outbox().pending_persons(0, 10)).size() == 1u);
        const auto stats = must(s.outbox().stats());
        BOOST_TEST(stats.batches_queued == 1);
        BOOST_TEST(stats.pending_households == 0);
        BOOST_TEST(stats.pending_persons == 1);
        BOOST_TEST(must(s.outbox().mark_of(RecordKind::Person, "p-2"))->batch_uuid == "b-1");
    });
    for (const char* index : {"upstream_batches_by_state", "upstream_members_by_record"}) {
        auto& st = f.db->query("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", std::string(index));
        BOOST_TEST(st.step(), index);
        st.reset();
    }
}

BOOST_AUTO_TEST_CASE(history_records_every_step_and_migrating_again_is_a_no_op) {
    MigrationFixture f;
    must(db::migrate(*f.db, 1));
    must(db::migrate(*f.db));
    must(db::migrate(*f.db));
    BOOST_TEST(f.count("schema_history") == db::latest_schema_version());
    auto& st = f.db->cached("SELECT version, name FROM schema_history ORDER BY version");
    std::size_t i = 0;
    while (st.step()) {
        BOOST_REQUIRE(i < db::all_migrations().size());
        BOOST_TEST(st.integer(0) == db::all_migrations()[i].version);
        BOOST_TEST(st.text(1) == db::all_migrations()[i].name);
        ++i;
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_newer_version_is_refused_untouched) {
    MigrationFixture f;
    must(db::migrate(*f.db));
    f.db->exec("PRAGMA user_version = 42;");
    auto r = db::migrate(*f.db);
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(r.error().message_id.find("newer version of Sanaq Station") != std::string::npos);
    BOOST_TEST(r.error().args.at(1) == "42");
    BOOST_TEST(db::schema_version(*f.db) == 42);
}

BOOST_AUTO_TEST_CASE(an_old_workspace_is_migrated_on_open_with_a_backup) {
    // A workspace whose database stopped at version 2 (as an older program left it).
    FreshWorkspace w;
    w.close();
    {
        auto raw = w.raw();
        raw->exec("DROP TABLE upstream_batch_members; DROP TABLE upstream_batch_bodies; DROP TABLE upstream_batches;"
                  "DROP TABLE review_decisions; DROP TABLE review_items; DROP TABLE reconcile_results;"
                  "DROP TABLE reconcile_runs; DROP TABLE column_mappings; DROP TABLE list_entries;"
                  "DROP TABLE institution_lists;"
                  "DROP TABLE persons; DROP TABLE households; DROP TABLE quarantined_chunks;"
                  "DROP TABLE quarantined_packages; DROP TABLE received_packages; DROP TABLE pulls;"
                  "DROP TABLE device_keys; DROP TABLE act_number_counters; DROP TABLE act_kits; DROP TABLE acts; DROP TABLE kit_issue_returns;"
                  "DROP TABLE kit_issues; DROP TABLE paper_stock; DROP TABLE kit_components; DROP TABLE kits;"
                  "DELETE FROM schema_history WHERE version >= 3; PRAGMA user_version = 2;");
    }
    w.reopen();
    BOOST_TEST(w.ws->schema_version() == db::latest_schema_version());
    BOOST_TEST(std::filesystem::exists(w.dir / "workspace.db.schema-2.bak"));
    must(w.ws->write([](StoreSession& s) -> Status { return s.kits().insert(sample_kit("KIT-0002", "0002")); }));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(migration_7_keeps_quarantined_packages_and_adds_their_digests) {
    MigrationFixture f;
    must(db::migrate(*f.db, 6));
    // An entry as version 6 wrote it.
    f.db->query("INSERT INTO quarantined_packages (id, file_name, package_uuid, kit_number, device_id, reason, detail, "
                "source, quarantined_at_utc, size, resolved, resolution) VALUES (NULL, 'old.sqpkg', '', '', '', "
                "'malformed', '', 'folder', '2026-10-01T00:00:00Z', 5, 0, '')")
        .run();
    const auto old_id = f.db->last_insert_rowid();
    f.db->query("INSERT INTO quarantined_chunks (package_id, position, bytes) VALUES (?, 0, 'bytes')", old_id).run();
    must(db::migrate(*f.db));
    BOOST_TEST(db::schema_version(*f.db) == db::latest_schema_version());
    BOOST_TEST(f.has_table("quarantine_digests"));
    f.in_transaction([&](db::SqlStoreSession& s) {
        auto old = must(s.packages().find_quarantined(old_id));
        BOOST_REQUIRE(old.has_value());
        BOOST_TEST(old->file_size == 5);
        BOOST_TEST(old->sha256.empty());
        BOOST_TEST(must(s.packages().quarantined_bytes(old_id)) == "bytes");
        // A streamed entry keeps its digest and the whole file's size; an open entry is found by it.
        QuarantinedPackage q;
        q.file_name = "junk.sqpkg";
        q.file_size = 300 << 20;
        const auto id = must(s.packages().begin_quarantine(q));
        must(s.packages().add_quarantined_bytes(id, std::string(1500000, 'x')));
        must(s.packages().add_quarantined_bytes(id, "tail"));
        must(s.packages().finish_quarantine(id, 1500004, "abc123"));
        auto kept = must(s.packages().find_quarantined(id));
        BOOST_TEST(kept->size == 1500004);
        BOOST_TEST(kept->file_size == 300 << 20);
        BOOST_TEST(kept->sha256 == "abc123");
        BOOST_TEST(must(s.packages().quarantined_bytes(id)).size() == 1500004u);
        BOOST_TEST((must(s.packages().open_quarantine_with_digest("abc123", 0)) == std::optional<std::int64_t>(id)));
        BOOST_TEST(!must(s.packages().open_quarantine_with_digest("abc123", id)).has_value());
        must(s.packages().resolve_quarantined(id, "dismissed: checked"));
        BOOST_TEST(!must(s.packages().open_quarantine_with_digest("abc123", 0)).has_value());
    });
    // Set back to 6 (as a restore of an older backup may leave it), the step runs again cleanly.
    f.db->exec("DELETE FROM schema_history WHERE version >= 7; PRAGMA user_version = 6;");
    must(db::migrate(*f.db));
    BOOST_TEST(db::schema_version(*f.db) == db::latest_schema_version());
}

BOOST_AUTO_TEST_CASE(migration_13_keeps_the_stock_and_starts_every_holder_at_zero) {
    MigrationFixture f;
    must(db::migrate(*f.db, 10));
    BOOST_TEST(!f.has_table("paper_movements"));
    std::int64_t employee = 0;
    f.in_transaction([&](db::SqlStoreSession& s) {
        seed_version_1(s);
        seed_version_2(s);
        must(s.paper().adjust(PaperItem::Explanations, 40));
        employee = must(s.staff().list("")).front().id;
    });
    must(db::migrate(*f.db));
    BOOST_TEST(f.has_table("paper_movements"));
    f.in_transaction([&](db::SqlStoreSession& s) {
        BOOST_TEST(must(s.paper().on_hand(PaperItem::Explanations)) == 40);
        BOOST_TEST(must(s.paper().account_of(employee))[0].handed == 0);
        BOOST_TEST(must(s.paper().holders()).empty());
        must(s.paper().record_movement({employee, PaperItem::Explanations, PaperMovementKind::Issued, 4,
                                        "SQ-I-2026-000001", "2026-10-01T00:00:00Z"}));
        BOOST_TEST(must(s.paper().account_of(employee))[0].balance() == 4);
    });
}
