// Coverage reconciliation against a real SQLCipher workspace: a simulated kit's packages pulled,
// the simulator's list of the same institution imported (noise included), reconciliation checked
// against the generator's truth; decisions surviving re-runs and new list versions; four-eyes;
// exports audited; a cancelled run keeping the previous results.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "census_sim/census_sim.h"
#include "census_sim/simulated_list.h"
#include "core/package/folder_storage.h"
#include "core/usecases/audit_review.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "core/usecases/settings.h"
#include "coverage/coverage_report.h"
#include "coverage/list_import.h"
#include "coverage/reconcile_run.h"
#include "coverage/review.h"
#include "support/staffed_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kSeed = 7;
constexpr const char* kKit = "KIT-1001";

struct CoverageFixture : test::StaffedWorkspace {
    Session officer = as("officer", Role::Officer);
    Session supervisor = as("supervisor", Role::Supervisor);
    census_sim::SimulatedKit sim = census_sim::simulated_kit(kSeed, kKit);
    std::int64_t persons;

    explicit CoverageFixture(std::int64_t persons_ = 400) : persons(persons_) {
        check(issue_kits(officer, {{kKit}, employee_iin, 0, 0, "", ""}));
        auto keys = department_public_keys(officer);
        check(keys);
        census_sim::MakePackagesRequest r;
        r.kit_number = kKit;
        r.department_public_file_text = *keys;
        r.persons = persons;
        r.packages = 2;
        r.seed = kSeed;
        auto made = census_sim::make_packages(dir / "tablet", r);
        check(made);
        check(enroll_device_key(officer, kKit, made->device_public_pem));
        package::FolderTabletStorage tablet(dir / "tablet");
        check(pull_tablet(officer, tablet));
        // The institution the simulated kit enumerated, registered as an officer would.
        check(add_institution(officer, sim.institution));
    }

    census_sim::SimulatedList make_list(const fs::path& path, census_sim::ListNoise noise = {}) {
        census_sim::MakeListRequest r;
        r.kit_number = kKit;
        r.persons = persons;
        r.seed = kSeed;
        r.noise = noise;
        r.lang = "ru";
        auto list = census_sim::make_list(path, r);
        check(list);
        return *list;
    }

    StoredList import(const fs::path& path) {
        auto preview = preview_list_import(officer, {path, sim.institution.bin});
        check(preview);
        auto stored = import_list(officer, *preview);
        check(stored);
        return *stored;
    }

    ReconcileSummary reconcile() {
        auto s = run_reconciliation(officer);
        check(s);
        return *s;
    }

    std::vector<PersonOutcome> people() {
        auto p = coverage_people(officer, sim.institution.bin);
        check(p);
        return *p;
    }
};

std::int64_t audit_count(Session& s, const std::string& prefix) {
    auto entries = list_audit(s, {.action_prefix = prefix});
    return entries ? static_cast<std::int64_t>(entries->size()) : -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(coverage)

BOOST_AUTO_TEST_CASE(a_noisy_list_reconciles_against_the_pulled_records_as_the_generator_says) {
    CoverageFixture f;
    const auto list = f.make_list(f.dir / "list.csv");
    auto preview = preview_list_import(f.officer, {f.dir / "list.csv", f.sim.institution.bin});
    BOOST_REQUIRE(preview);
    BOOST_TEST(preview->preview.usable());
    BOOST_TEST(!preview->previous.has_value());
    auto stored = import_list(f.officer, *preview);
    BOOST_REQUIRE(stored);
    BOOST_TEST(stored->version == 1);
    BOOST_TEST(stored->rows_imported == preview->preview.importable_count());

    const auto summary = f.reconcile();
    BOOST_TEST(summary.institutions == 1);
    BOOST_TEST(summary.run.listed == stored->rows_imported);
    BOOST_TEST(summary.run.enumerated == f.persons);

    // Truth by line: who each listed row is.
    std::map<int, const census_sim::ListRowTruth*> truth;
    for (const auto& t : list.truth) truth[t.line] = &t;
    std::set<std::string> unlisted(list.unlisted_uuids.begin(), list.unlisted_uuids.end());

    int matched = 0, right = 0, wrong = 0, missing_right = 0, missing_total = 0, extra_right = 0;
    for (const auto& p : f.people()) {
        if (p.listed_line) {
            const auto* t = truth.at(p.listed_line);
            if (t->not_enumerated) {
                ++missing_total;
                missing_right += p.outcome == "missing";
            }
            if (p.outcome == "matched") {
                ++matched;
                (p.enumerated_id == t->person_uuid ? right : wrong)++;
            }
        } else if (p.outcome == "extra") {
            extra_right += unlisted.contains(p.enumerated_id);
        }
    }
    BOOST_TEST_MESSAGE("matched " << matched << " right " << right << " wrong " << wrong << " missing " << missing_right
                                  << "/" << missing_total << " extra found " << extra_right << "/" << unlisted.size());
    BOOST_TEST(matched > 0);
    BOOST_TEST(wrong == 0);                       // precision: a matched pair is the same person
    BOOST_TEST(missing_right == missing_total);   // listed, never enumerated -> missing
    BOOST_TEST(extra_right == static_cast<int>(unlisted.size()));   // enumerated, left off -> extra

    auto report = coverage_report(f.officer, CoverageLevel::Institution);
    BOOST_REQUIRE(report);
    // The stage-1 register adds a row of zeros for each institution that sent no list.
    for (const auto& r : report->rows)
        if (r.key != f.sim.institution.bin) BOOST_TEST((r.listed == 0 && r.list_status == ListStatus::Pending));
    std::erase_if(report->rows, [&](const CoverageRow& r) { return r.key != f.sim.institution.bin; });
    BOOST_REQUIRE_EQUAL(report->rows.size(), 1u);
    const auto& row = report->rows.front();
    BOOST_TEST(row.key == f.sim.institution.bin);
    BOOST_TEST(row.listed == stored->rows_imported);
    BOOST_TEST(row.matched == matched);
    BOOST_TEST(row.coverage_percent() > 80.0);
    BOOST_TEST(row.coverage_percent() <= 100.0);
    BOOST_TEST(report->run.has_value());
    BOOST_TEST(!report->progress.empty());
    BOOST_TEST(report->progress.back().matched_cumulative == matched);

    auto district = coverage_report(f.officer, CoverageLevel::District);
    BOOST_REQUIRE(district);
    BOOST_REQUIRE_EQUAL(district->rows.size(), 1u);
    BOOST_TEST(district->rows.front().key == f.sim.institution.kato.code.substr(0, 4));
    BOOST_TEST(district->rows.front().listed == row.listed);
    BOOST_TEST(audit_count(f.supervisor, "reconcile") == 1);
    BOOST_TEST(audit_count(f.supervisor, "list.import") == 1);
}

BOOST_AUTO_TEST_CASE(decisions_survive_a_rerun_and_a_new_list_version) {
    CoverageFixture f;
    census_sim::ListNoise noisy;
    noisy.name_noise = 0.6;
    noisy.iin_missing = 0.5;
    noisy.birth_date_wrong = 0.3;
    f.make_list(f.dir / "noisy.csv", noisy);
    auto preview = preview_list_import(f.officer, {f.dir / "noisy.csv", f.sim.institution.bin});
    BOOST_REQUIRE(preview);
    BOOST_REQUIRE(import_list(f.officer, *preview));
    const auto first = f.reconcile();
    BOOST_TEST_MESSAGE("review items: " << first.review_open);
    BOOST_REQUIRE(first.review_open > 0);

    auto queue = review_queue(f.supervisor);
    BOOST_REQUIRE(queue);
    const auto pair = std::find_if(queue->begin(), queue->end(), [](const ReviewItem& i) { return i.kind == ReviewKind::Pair; });
    BOOST_REQUIRE(pair != queue->end());
    const ReviewItem item = *pair;
    auto c = review_case(f.supervisor, item.id);
    BOOST_REQUIRE(c);
    BOOST_TEST(c->listed.has_value());
    BOOST_TEST(c->second.has_value());
    BOOST_TEST(c->fields.size() == matching::kFieldCount);
    BOOST_TEST(std::any_of(c->fields.begin(), c->fields.end(), [](const ReviewField& x) { return x.differs; }));

    // Officers may not decide; an empty reason is refused; a duplicate verdict on a pair is refused.
    BOOST_TEST(!decide_review(f.officer, item.id, ReviewVerdict::Match, "same person"));
    BOOST_TEST(!decide_review(f.supervisor, item.id, ReviewVerdict::Match, ""));
    BOOST_TEST(!decide_review(f.supervisor, item.id, ReviewVerdict::Duplicate, "x"));

    auto d = decide_review(f.supervisor, item.id, ReviewVerdict::NonMatch, "different mother's name on the sheet");
    BOOST_REQUIRE(d);
    BOOST_TEST(d->effective());
    auto after = review_queue(f.supervisor);
    BOOST_TEST(std::none_of(after->begin(), after->end(), [&](const ReviewItem& i) { return i.id == item.id; }));
    auto is_paired = [&] {
        for (const auto& p : f.people())
            if (p.listed_id == item.first_id) return p.enumerated_id == item.second_id;
        return false;
    };
    BOOST_TEST(!is_paired());   // took effect at once

    f.reconcile();
    BOOST_TEST(!is_paired());   // and on a re-run
    auto decided = review_queue(f.supervisor, ReviewState::Decided);
    BOOST_REQUIRE(decided);
    BOOST_TEST(decided->size() == 1u);

    // The same list again as a new version: unchanged, and the decision still holds.
    auto again = preview_list_import(f.officer, {f.dir / "noisy.csv", f.sim.institution.bin});
    BOOST_REQUIRE(again);
    BOOST_REQUIRE(again->diff.has_value());
    BOOST_TEST(again->diff->empty());
    auto v2 = import_list(f.officer, *again);
    BOOST_REQUIRE(v2);
    BOOST_TEST(v2->version == 2);
    f.reconcile();
    BOOST_TEST(!is_paired());

    // Match the next open pair: it becomes matched by a supervisor and stays so.
    auto open = review_queue(f.supervisor);
    BOOST_REQUIRE(open);
    const auto next = std::find_if(open->begin(), open->end(), [](const ReviewItem& i) { return i.kind == ReviewKind::Pair; });
    if (next != open->end()) {
        BOOST_REQUIRE(decide_review(f.supervisor, next->id, ReviewVerdict::Match, "confirmed with the institution"));
        f.reconcile();
        bool found = false;
        for (const auto& p : f.people())
            if (p.listed_id == next->first_id) {
                found = true;
                BOOST_TEST(p.outcome == "matched");
                BOOST_TEST(p.by_supervisor);
                BOOST_TEST(p.enumerated_id == next->second_id);
            }
        BOOST_TEST(found);
    }
    BOOST_TEST(audit_count(f.supervisor, "review.decide") >= 1);
}

BOOST_AUTO_TEST_CASE(four_eyes_needs_a_second_supervisor) {
    CoverageFixture f;
    census_sim::ListNoise noisy;
    noisy.name_noise = 0.6;
    noisy.iin_missing = 0.5;
    noisy.birth_date_wrong = 0.3;
    f.make_list(f.dir / "noisy.csv", noisy);
    f.import(f.dir / "noisy.csv");
    f.reconcile();
    Session admin = f.as("admin", Role::Administrator);
    BOOST_TEST(!set_four_eyes_required(f.supervisor, true));   // a setting: administrators
    BOOST_REQUIRE(set_four_eyes_required(admin, true));
    BOOST_REQUIRE(add_user(admin, {"supervisor2", "", Role::Supervisor, test::kPassword}));
    Session second = f.as("supervisor2", Role::Supervisor);

    auto queue = review_queue(f.supervisor);
    BOOST_REQUIRE(queue);
    BOOST_REQUIRE(!queue->empty());
    const ReviewItem item = queue->front();
    auto d = decide_review(f.supervisor, item.id, ReviewVerdict::NonMatch, "not the same person");
    BOOST_REQUIRE(d);
    BOOST_TEST(!d->effective());
    auto waiting = review_queue(f.supervisor, ReviewState::AwaitingConfirmation);
    BOOST_REQUIRE(waiting);
    BOOST_TEST(waiting->size() == 1u);

    auto self = confirm_review(f.supervisor, item.id);
    BOOST_REQUIRE(!self);
    BOOST_TEST((self.error().code == ErrorCode::RefusedByState));
    // A re-run keeps it waiting, and the undecided pair is still proposed rather than lost.
    const auto rerun = f.reconcile();
    BOOST_TEST(rerun.awaiting_confirmation == 1);
    auto confirmed = confirm_review(second, item.id);
    BOOST_REQUIRE(confirmed);
    BOOST_TEST(confirmed->effective());
    BOOST_TEST(confirmed->confirmed_by == "supervisor2");
    auto decided = review_queue(f.supervisor, ReviewState::Decided);
    BOOST_TEST(decided->size() == 1u);
    BOOST_TEST(!confirm_review(second, item.id));   // nothing left to confirm
    BOOST_TEST(audit_count(f.supervisor, "review.confirm") == 1);
}

BOOST_AUTO_TEST_CASE(a_list_without_a_date_is_as_of_the_stage_1_date_of_its_region) {
    CoverageFixture f(50);
    f.make_list(f.dir / "list.csv");
    const std::string region = f.sim.institution.kato.region();
    Session admin = f.as("admin", Role::Administrator);
    CensusCalendar calendar;
    calendar.round = {"2021", "2021-09-01", "00:00", "+06:00"};
    calendar.list_date = "2021-06-01";
    BOOST_REQUIRE(set_census_calendar(admin, calendar));
    auto preview = preview_list_import(f.officer, {f.dir / "list.csv", f.sim.institution.bin});
    BOOST_REQUIRE(preview);
    BOOST_TEST(preview->request.as_of == "2021-06-01");  // the default, not today
    // The institution's region has an order of its own.
    calendar.region_list_dates = {{region, "2021-07-01"}, {region == "75" ? "11" : "75", "2021-05-01"}};
    BOOST_REQUIRE(set_census_calendar(admin, calendar));
    preview = preview_list_import(f.officer, {f.dir / "list.csv", f.sim.institution.bin});
    BOOST_REQUIRE(preview);
    BOOST_TEST(preview->request.as_of == "2021-07-01");
    // A date given wins.
    preview = preview_list_import(f.officer, {f.dir / "list.csv", f.sim.institution.bin, "2021-06-15"});
    BOOST_REQUIRE(preview);
    BOOST_TEST(preview->request.as_of == "2021-06-15");
}

BOOST_AUTO_TEST_CASE(bad_lists_are_refused_with_reasons_and_store_nothing) {
    CoverageFixture f(50);
    // An institution that is not registered.
    f.make_list(f.dir / "list.csv");
    auto unknown = preview_list_import(f.officer, {f.dir / "list.csv", make_bin(2010, 1, 555)});
    BOOST_REQUIRE(!unknown);
    BOOST_TEST((unknown.error().code == ErrorCode::NotFound));
    // A file with no recognisable header.
    { std::ofstream(f.dir / "junk.csv") << "a;b;c\n1;2;3\n"; }
    auto junk = preview_list_import(f.officer, {f.dir / "junk.csv", f.sim.institution.bin});
    BOOST_REQUIRE(!junk);
    BOOST_TEST((junk.error().code == ErrorCode::InvalidInput));
    // Rows with errors: the preview says which; the rejected rows export is audited.
    {
        std::ofstream out(f.dir / "bad.csv");
        out << "\xEF\xBB\xBF" "ИИН;Фамилия;Имя;Дата рождения\n";
        out << "850314300123;;Айгерим;14.03.1985\n";   // no surname: an error
        out << ";Ким;Сергей;\n";                       // neither IIN nor birth date: an error
        out << ";Ким;Сергей;01.02.1990\n";             // fine
    }
    auto bad = preview_list_import(f.officer, {f.dir / "bad.csv", f.sim.institution.bin});
    BOOST_REQUIRE(bad);
    BOOST_TEST(bad->preview.rejected_count() == 2);
    BOOST_TEST(bad->preview.importable_count() == 1);
    BOOST_REQUIRE(export_rejected_rows(f.officer, *bad, f.dir / "rejected.csv"));
    BOOST_TEST(fs::exists(f.dir / "rejected.csv"));
    BOOST_TEST(audit_count(f.supervisor, "list.export_rejected") == 1);
    auto versions = list_versions(f.officer, f.sim.institution.bin);
    BOOST_REQUIRE(versions);
    BOOST_TEST(versions->empty());   // previews store nothing
    auto stored = import_list(f.officer, *bad);
    BOOST_REQUIRE(stored);
    BOOST_TEST(stored->rows_imported == 1);
    BOOST_TEST(stored->rows_rejected == 2);
}

BOOST_AUTO_TEST_CASE(a_cancelled_run_keeps_the_previous_results_and_exports_are_audited) {
    CoverageFixture f(120);
    f.make_list(f.dir / "list.csv");
    f.import(f.dir / "list.csv");
    const auto first = f.reconcile();
    const auto before = f.people();
    ReconcileRunOptions cancel;
    cancel.cancel_requested = [] { return true; };
    auto cancelled = run_reconciliation(f.officer, cancel);
    BOOST_REQUIRE(!cancelled);
    BOOST_TEST((cancelled.error().code == ErrorCode::Cancelled));
    auto report = coverage_report(f.officer, CoverageLevel::Institution);
    BOOST_REQUIRE(report);
    BOOST_TEST(report->run->id == first.run.id);
    BOOST_TEST(f.people().size() == before.size());

    // A cancel that arrives while the results are being written still wins: the write is rolled back.
    ReconcileRunOptions late;
    bool writing = false;
    late.on_progress = [&](const ReconcileProgress& p) {
        writing = writing || (p.stage == ReconcileProgress::Stage::Storing && p.fraction > 0);
    };
    late.cancel_requested = [&] { return writing; };
    auto cancelled_late = run_reconciliation(f.officer, late);
    BOOST_REQUIRE(!cancelled_late);
    BOOST_TEST((cancelled_late.error().code == ErrorCode::Cancelled));
    BOOST_TEST(writing);
    report = coverage_report(f.officer, CoverageLevel::Institution);
    BOOST_REQUIRE(report);
    BOOST_TEST(report->run->id == first.run.id);
    BOOST_TEST(f.people().size() == before.size());

    // Personal data leave the store only on request, audited; custodians may not.
    Session custodian = f.as("custodian", Role::Custodian);
    BOOST_TEST(!export_records(custodian, f.dir / "x.csv", ""));
    BOOST_TEST(!fs::exists(f.dir / "x.csv"));
    auto n = export_records(f.officer, f.dir / "records.xlsx", f.sim.institution.bin);
    BOOST_REQUIRE(n);
    BOOST_TEST(*n > 0);
    BOOST_TEST(*n <= f.persons);
    BOOST_TEST(fs::exists(f.dir / "records.xlsx"));
    BOOST_TEST(audit_count(f.supervisor, "records.export") == 1);
    BOOST_TEST(!export_records(f.officer, f.dir / "records.txt", ""));   // .csv or .xlsx only
    auto rows = export_coverage_people(f.officer, f.sim.institution.bin, f.dir / "people.csv",
                                       [](const char* s) { return std::string(s); });
    BOOST_REQUIRE(rows);
    BOOST_TEST(*rows == static_cast<std::int64_t>(before.size()));
    BOOST_TEST(audit_count(f.supervisor, "coverage.export_people") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
