// Each part of a key-hierarchy workspace holds exactly its own tables, and a part file holding
// anything else — a planted trigger, a view, a shadow table, changed SQL — is refused.
#include <boost/test/unit_test.hpp>

#include <set>

#include "db/migrations/migrations.h"
#include "db/part_schema.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;
using db::Part;

namespace {

struct PartFiles {
    TempDir tmp{"sanaq-parts"};
    std::unique_ptr<db::Database> open(const std::string& name) {
        return must(db::Database::open(tmp.path() / name, nullptr, db::Database::Mode::Create));
    }
};

void expect_damaged(const Status& s, std::string_view detail_part) {
    BOOST_REQUIRE(!s.has_value());
    BOOST_TEST((s.error().code == ErrorCode::WorkspaceDamaged));
    BOOST_TEST(s.error().detail.find(detail_part) != std::string::npos, s.error().detail);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(part_schema)

BOOST_AUTO_TEST_CASE(every_table_of_the_migrations_lands_in_exactly_one_part) {
    TempDir tmp{"sanaq-parts"};
    auto legacy = must(db::Database::open(tmp.path() / "legacy.db", nullptr, db::Database::Mode::Create));
    must(db::migrate(*legacy));
    auto& q = legacy->query("SELECT name FROM sqlite_master WHERE type = 'table'");
    int tables = 0;
    while (q.step()) {
        const auto name = q.text(0);
        int homes = 0;
        for (Part p : {Part::Common, Part::Census, Part::Dept})
            for (const auto& t : db::part_tables(p)) homes += t == name;
        BOOST_TEST(homes == 1, name << " is in " << homes << " parts");
        ++tables;
    }
    BOOST_TEST(tables > 30);
    // The administrator-readable parts never hold census records.
    for (const char* census_table : {"persons", "households", "list_entries", "upstream_batch_bodies"}) {
        const auto& common = db::part_tables(Part::Common);
        const auto& dept = db::part_tables(Part::Dept);
        BOOST_TEST((std::find(common.begin(), common.end(), census_table) == common.end()));
        BOOST_TEST((std::find(dept.begin(), dept.end(), census_table) == dept.end()));
    }
}

BOOST_FIXTURE_TEST_CASE(a_new_part_file_passes_its_own_check_and_no_other, PartFiles) {
    for (Part p : {Part::Common, Part::Census, Part::Dept}) {
        auto db = open(std::string(db::part_name(p)) + ".db");
        must(db::create_part_schema(*db, "main", p));
        must(db::check_part_schema(*db, "main", p, db->file()));
        BOOST_TEST(db::schema_version(*db) == db::latest_schema_version());
        for (Part other : {Part::Common, Part::Census, Part::Dept})
            if (other != p) BOOST_TEST(!db::check_part_schema(*db, "main", other, db->file()).has_value());
    }
}

BOOST_FIXTURE_TEST_CASE(an_attached_part_gets_its_tables_in_its_own_file, PartFiles) {
    auto common = open("common.db");
    must(db::create_part_schema(*common, "main", Part::Common));
    const auto census_file = tmp.path() / "census.db";
    common->query("ATTACH DATABASE ? AS census", census_file.string()).run();
    must(db::create_part_schema(*common, "census", Part::Census));
    must(db::check_part_schema(*common, "census", Part::Census, census_file));
    must(db::check_part_schema(*common, "main", Part::Common, common->file()));
    // Unqualified names find the attached tables, as the repositories write them.
    common->exec("INSERT INTO institutions(bin, name_kk, name_ru, type, kato, kato_version, address)"
                 " VALUES ('1', 'a', 'a', 'school', '1', '2022', '');");
    common->exec("INSERT INTO institution_lists(institution_bin, as_of, version, source_name, imported_at_utc,"
                 " imported_by, rows_read, rows_imported, rows_rejected, rows_with_warnings, mapping_json, encoding)"
                 " VALUES ('1', '2026-06-01', 1, 'f', 't', 'u', 0, 0, 0, 0, '{}', 'utf-8');");
    auto& count = common->query("SELECT count(*) FROM census.institution_lists");
    BOOST_REQUIRE(count.step());
    BOOST_TEST(count.int64(0) == 1);
    common->reset_cached();
    auto& none = common->query("SELECT count(*) FROM sqlite_master WHERE name = 'institution_lists'");
    BOOST_REQUIRE(none.step());
    BOOST_TEST(none.int64(0) == 0);  // not in the common file
    common->reset_cached();
}

BOOST_FIXTURE_TEST_CASE(planted_objects_and_changed_sql_are_refused, PartFiles) {
    const std::pair<const char*, const char*> plants[] = {
        {"CREATE TRIGGER copy_out AFTER INSERT ON audit_entries BEGIN DELETE FROM audit_head; END;", "copy_out"},
        {"CREATE VIEW people AS SELECT * FROM users;", "people"},
        // A shadow of a census table in common would catch an officer's unqualified writes.
        {"CREATE TABLE persons(x);", "persons"},
        {"CREATE INDEX users_by_role ON users(role);", "users_by_role"},
    };
    for (const auto& [sql, name] : plants) {
        auto db = open(std::string("common-") + name + ".db");
        must(db::create_part_schema(*db, "main", Part::Common));
        db->exec(sql);
        expect_damaged(db::check_part_schema(*db, "main", Part::Common, db->file()), name);
    }
    auto dropped = open("dropped.db");
    must(db::create_part_schema(*dropped, "main", Part::Dept));
    dropped->exec("DROP TABLE dept_settings;");
    expect_damaged(db::check_part_schema(*dropped, "main", Part::Dept, dropped->file()), "missing");
}

BOOST_FIXTURE_TEST_CASE(a_census_file_from_before_the_channel_files_gets_their_tables, PartFiles) {
    // As a version before m010 made it: everything but the channel files and the results' traits.
    auto older = open("census-older.db");
    must(db::create_part_schema(*older, "main", Part::Census));
    older->exec("DROP TABLE channel_records; DROP TABLE channel_files; DROP TABLE reconcile_traits;");
    must(db::check_part_schema(*older, "main", Part::Census, older->file()));
    auto& q = older->query(
        "SELECT count(*) FROM sqlite_master WHERE name IN ('channel_files', 'channel_records', 'reconcile_traits')");
    BOOST_REQUIRE(q.step());
    BOOST_TEST(q.int64(0) == 3);
    older->reset_cached();
    // A channel table planted in common is refused like any other.
    auto common = open("common-channels.db");
    must(db::create_part_schema(*common, "main", Part::Common));
    common->exec("CREATE TABLE channel_files(x);");
    expect_damaged(db::check_part_schema(*common, "main", Part::Common, common->file()), "channel_files");
}

BOOST_FIXTURE_TEST_CASE(a_dept_file_from_before_the_summaries_gets_them_and_nothing_else, PartFiles) {
    // As an earlier version made it: everything but the two summary tables.
    auto older = open("dept-older.db");
    must(db::create_part_schema(*older, "main", Part::Dept));
    older->exec("DROP TABLE coverage_summary; DROP TABLE outbox_summary;");
    must(db::check_part_schema(*older, "main", Part::Dept, older->file()));
    must(db::check_part_schema(*older, "main", Part::Dept, older->file()));
    auto& q = older->query("SELECT count(*) FROM sqlite_master WHERE name IN ('coverage_summary', 'outbox_summary')");
    BOOST_REQUIRE(q.step());
    BOOST_TEST(q.int64(0) == 2);
    older->reset_cached();

    // Anything else that differs is refused as before, and nothing is added to it.
    auto planted = open("dept-planted.db");
    must(db::create_part_schema(*planted, "main", Part::Dept));
    planted->exec("DROP TABLE coverage_summary; DROP TABLE outbox_summary; CREATE TABLE persons(x);");
    expect_damaged(db::check_part_schema(*planted, "main", Part::Dept, planted->file()), "persons");
    auto& none = planted->query("SELECT count(*) FROM sqlite_master WHERE name = 'coverage_summary'");
    BOOST_REQUIRE(none.step());
    BOOST_TEST(none.int64(0) == 0);
    planted->reset_cached();
    // Only the tables added later are given this way.
    auto common = open("common-without-users.db");
    must(db::create_part_schema(*common, "main", Part::Common));
    common->exec("DROP TABLE paper_stock;");
    expect_damaged(db::check_part_schema(*common, "main", Part::Common, common->file()), "missing");
}

BOOST_FIXTURE_TEST_CASE(a_common_file_from_before_the_commit_marker_gets_it_and_nothing_else, PartFiles) {
    auto older = open("common-older.db");
    must(db::create_part_schema(*older, "main", Part::Common));
    older->exec("DROP TABLE cross_commits;");
    must(db::check_part_schema(*older, "main", Part::Common, older->file()));
    auto& q = older->query("SELECT count(*) FROM sqlite_master WHERE name = 'cross_commits'");
    BOOST_REQUIRE(q.step());
    BOOST_TEST(q.int64(0) == 1);
    older->reset_cached();

    auto planted = open("common-planted.db");
    must(db::create_part_schema(*planted, "main", Part::Common));
    planted->exec("DROP TABLE cross_commits; CREATE TABLE persons(x);");
    expect_damaged(db::check_part_schema(*planted, "main", Part::Common, planted->file()), "persons");
    auto& none = planted->query("SELECT count(*) FROM sqlite_master WHERE name = 'cross_commits'");
    BOOST_REQUIRE(none.step());
    BOOST_TEST(none.int64(0) == 0);
    planted->reset_cached();
}

BOOST_FIXTURE_TEST_CASE(a_common_file_from_before_the_calendar_warnings_gets_them, PartFiles) {
    // Made after the commit marker, before 009: it has cross_commits and lacks the warnings.
    auto older = open("common-before-009.db");
    must(db::create_part_schema(*older, "main", Part::Common));
    older->exec("DROP TABLE pull_calendar_warnings;");
    must(db::check_part_schema(*older, "main", Part::Common, older->file()));
    auto& q = older->query("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'pull_calendar_warnings'");
    BOOST_REQUIRE(q.step());
    BOOST_TEST(q.int64(0) == 2);  // the table and its index
    older->reset_cached();
    must(db::check_part_schema(*older, "main", Part::Common, older->file()));  // and opens again
    // Both later tables missing: both given.
    auto oldest = open("common-before-both.db");
    must(db::create_part_schema(*oldest, "main", Part::Common));
    oldest->exec("DROP TABLE pull_calendar_warnings; DROP TABLE cross_commits;");
    must(db::check_part_schema(*oldest, "main", Part::Common, oldest->file()));
}

BOOST_AUTO_TEST_CASE(the_summaries_hold_no_personal_data) {
    for (const auto& o : db::expected_part_schema(Part::Dept))
        for (const char* column : {"iin", "surname", "uuid", "record_id", "birth_date", "patronymic"})
            BOOST_TEST(o.sql.find(column) == std::string::npos, o.name << " has " << column);
}

BOOST_AUTO_TEST_CASE(census_lists_keep_their_institution_without_a_cross_file_key) {
    for (const auto& o : db::expected_part_schema(Part::Census))
        if (o.name == "institution_lists") BOOST_TEST(o.sql.find("REFERENCES institutions") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
