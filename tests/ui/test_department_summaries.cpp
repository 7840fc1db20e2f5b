// The administrator of a workspace with per-role keys (their password never opens census): the
// Dashboard's coverage and upstream tiles, the Coverage screen and the Upstream screen show the
// counts an officer's session stored in the department's summary, each saying "as of" when, in
// Russian; no figure fails to read. The officer, who counts from the records, sees no such note.
// Screenshots as 27-summaries*.png.
#include <wx/button.h>
#include <wx/frame.h>
#include <wx/notebook.h>
#include <wx/textctrl.h>

#include <boost/test/unit_test.hpp>

#include "core/usecases/users.h"
#include "db/workspace.h"
#include "support/passwords.h"
#include "support/temp_dir.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/common/counts_source_text.h"
#include "ui/common/wrapping_text.h"
#include "ui/coverage/coverage_panel.h"
#include "ui/coverage/coverage_table_view.h"
#include "ui/dashboard/dashboard_panel.h"
#include "ui/dashboard/dashboard_tile.h"
#include "ui/ui_driver.h"
#include "ui/upstream/batch_list_view.h"
#include "ui/upstream/upstream_panel.h"

namespace sanaq::test {
namespace {

namespace fs = std::filesystem;
const std::string kBin = "990340001118";

std::string utf8(const wxString& s) { return s.utf8_string(); }

void must(const Status& s) {
    BOOST_REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().message_id + " " + s.error().detail));
}

/// A per-role workspace where the officer registered an institution with a list of three,
/// reconciled it (two found) and formed a batch of one person: what the summaries then hold.
void make_workspace(const fs::path& dir) {
    {
        auto ws = db::Workspace::create_per_role(dir, "admin", kPassword, db::test_kdf());
        BOOST_REQUIRE(ws);
        SystemClock clock;
        Session admin{**ws, **ws, clock, Actor{"admin", Role::Administrator}};
        must(record_workspace_created(admin, "Администратор"));
        BOOST_REQUIRE(add_user(admin, {"officer", "", Role::Officer, kPassword}));
    }
    auto ws = db::Workspace::open(dir, "officer", kPassword,
                                  db::OpenOptions{false, db::test_kdf()});  // makes census
    BOOST_REQUIRE(ws);
    must((*ws)->write([](StoreSession& tx) -> Status {
        Institution i;
        i.bin = kBin;
        i.name_kk = "№1 мектеп-интернат";
        i.name_ru = "Школа-интернат №1";
        i.type = InstitutionType::ChildrensHome;
        i.kato = KatoCode{"591010000", "2022"};
        return tx.institutions().insert(i);
    }));
    // The register (common) and the census half in transactions of their own: only the audit
    // trail may be written in common beside a part (db/README.md "Transactions").
    must((*ws)->write([](StoreSession& tx) -> Status {
        StoredList l;
        l.institution_bin = kBin;
        l.as_of = "2026-10-01";
        l.source_name = "list.csv";
        l.imported_at_utc = "2026-10-01T04:00:00Z";
        l.imported_by = "officer";
        l.mapping_json = "{}";
        l.encoding = "utf-8";
        std::vector<ListedPerson> entries(3);
        for (int n = 0; n < 3; ++n) {
            entries[n].record_id = "L" + std::to_string(n);
            entries[n].line = n + 1;
            entries[n].sex = "F";
        }
        SANAQ_TRY(tx.lists().insert(l, entries));
        ReconcileRun run;
        run.started_at_utc = "2026-10-02T06:00:00Z";
        run.user = "officer";
        run.listed = 3;
        run.enumerated = 2;
        run.matched = 2;
        run.missing = 1;
        auto id = tx.reconciliation().begin_run(run);
        SANAQ_TRY(id);
        run.id = *id;
        std::vector<ReconciledPerson> results;
        for (auto [side, rid, outcome, day] :
             {std::tuple{'L', "L0", "matched", "2026-10-01"},
              std::tuple{'L', "L1", "matched", "2026-10-02"}, std::tuple{'L', "L2", "missing", ""},
              std::tuple{'E', "E0", "matched", "2026-10-01"},
              std::tuple{'E', "E1", "matched", "2026-10-02"}}) {
            ReconciledPerson r;
            r.side = side;
            r.record_id = rid;
            r.institution_bin = kBin;
            r.outcome = outcome;
            r.enumerated_on = day;
            results.push_back(r);
        }
        SANAQ_TRY(tx.reconciliation().replace_results(results));
        run.finished_at_utc = "2026-10-02T06:00:01Z";
        SANAQ_TRY(tx.reconciliation().finish_run(run));
        UpstreamBatch b;
        b.uuid = "5f0c2b1e-8d4a-4c1b-9e3f-000000000001";
        b.created_at_utc = "2026-10-02T07:00:00Z";
        b.created_by = "officer";
        b.persons = 1;
        b.digest = std::string(64, 'd');
        b.compressed_size = 4;
        return tx.outbox().insert_batch(b, "gzip", {});
    }));
}

/// The three screens as the main window shows them, one page each.
struct Screens {
    wxFrame* frame = nullptr;
    wxNotebook* pages = nullptr;
    ui::DashboardPanel* dashboard = nullptr;
    ui::CoveragePanel* coverage = nullptr;
    ui::UpstreamPanel* upstream = nullptr;

    explicit Screens(std::shared_ptr<ui::OpenWorkspace> workspace) {
        frame =
            new wxFrame(nullptr, wxID_ANY, "Sanaq Station", wxDefaultPosition, wxSize(1100, 760));
        pages = new wxNotebook(frame, wxID_ANY);
        dashboard = new ui::DashboardPanel(pages, workspace);
        coverage = new ui::CoveragePanel(pages, workspace);
        upstream = new ui::UpstreamPanel(pages, workspace);
        pages->AddPage(dashboard, _("Dashboard"));
        pages->AddPage(coverage, _("Coverage"));
        pages->AddPage(upstream, _("Upstream"));
        frame->Show();
        BOOST_REQUIRE(pump_until(
            [&] { return !dashboard->loading() && !coverage->loading() && !upstream->loading(); },
            30s));
        BOOST_REQUIRE(dashboard->figures());
    }
    void screenshots(const std::string& lang) {
        for (std::size_t page = 0; page < pages->GetPageCount(); ++page) {
            pages->SetSelection(page);
            pages->GetPage(page)->Layout();
            pump_for(200ms);
            screenshot(frame, lang, "27-summaries-administrator-" + std::to_string(page + 1));
        }
    }
    ~Screens() {
        frame->Destroy();
        pump_for(100ms);
    }
};

void administrator_and_officer(const std::string& lang) {
    ui::apply_ui_language(lang);
    TempDir tmp{"sanaq-ui-summaries"};
    const fs::path dir = tmp.path() / "ws";
    make_workspace(dir);

    {
        auto opened = ui::OpenWorkspace::open(dir, "admin", kPassword);
        BOOST_REQUIRE_MESSAGE(opened, (opened ? "" : opened.error().detail));
        std::shared_ptr<ui::OpenWorkspace> workspace = std::move(*opened);
        Screens s(workspace);

        // Every figure read: before the summaries these were "kept in a part ... not open".
        const auto& f = *s.dashboard->figures();
        for (const auto& p : f.problems) BOOST_ERROR("a figure failed: " << p.message_id);
        BOOST_REQUIRE(f.coverage && f.upstream);
        BOOST_TEST(f.coverage->source.summary);
        BOOST_TEST(!f.coverage->source.as_of_utc.empty());
        BOOST_TEST(f.coverage->total.listed == 3);
        BOOST_TEST(f.coverage->total.matched == 2);
        BOOST_TEST(f.upstream->stats.persons_queued == 1);
        // "As of 12:40", in the interface language.
        const wxString as_of = ui::counts_as_of_text(f.coverage->source);
        BOOST_TEST(!utf8(as_of).starts_with("As of"), utf8(as_of));
        BOOST_TEST(
            as_of.Contains(ui::as_of_time_text(f.coverage->source.as_of_utc, wxDateTime::Now())));
        BOOST_TEST(s.dashboard->coverage_tile()->lines().Contains(as_of),
                   utf8(s.dashboard->coverage_tile()->lines()));
        BOOST_TEST(s.dashboard->coverage_tile()->value().Contains("66"),
                   utf8(s.dashboard->coverage_tile()->value()));
        BOOST_TEST(s.dashboard->upstream_tile()->lines().Contains(
            ui::counts_as_of_text(f.upstream->stats.source)));

        // The Coverage screen: the institution's row, and the note above the table.
        BOOST_TEST(s.coverage->table()->GetItemCount() >= 1);
        // The summary carries no channel breakdowns: shown as unknown, not as zero.
        BOOST_TEST(utf8(s.coverage->table()->GetItemText(0, ui::CoverageTableView::kByOnline)) == "—");
        BOOST_TEST(s.coverage->source_label()->IsShown());
        BOOST_TEST(s.coverage->source_label()->text() ==
                   ui::counts_source_note(f.coverage->source));
        BOOST_TEST(!s.coverage->people_button()->IsShown());

        // The Upstream screen: the counts and the note; the batches are census's.
        BOOST_TEST(s.upstream->source_label()->IsShown());
        BOOST_TEST(s.upstream->batch_list()->batches().empty());
        BOOST_TEST(s.upstream->details_field()->GetValue() ==
                   _("The batches themselves are kept with the census records, which your role "
                     "does not open."));
        s.screenshots(lang);
    }

    // The officer counts from the records: no note.
    auto opened = ui::OpenWorkspace::open(dir, "officer", kPassword);
    BOOST_REQUIRE(opened);
    std::shared_ptr<ui::OpenWorkspace> workspace = std::move(*opened);
    Screens s(workspace);
    BOOST_TEST(!s.dashboard->figures()->coverage->source.summary);
    BOOST_TEST(!s.coverage->source_label()->IsShown());
    BOOST_TEST(!s.upstream->source_label()->IsShown());
    BOOST_TEST(s.dashboard->figures()->coverage->total.matched == 2);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_department_summaries)

BOOST_AUTO_TEST_CASE(the_administrator_sees_the_officers_counts_as_of_when_they_were_stored) {
    for (const char* lang : {"kk", "ru"}) {
        BOOST_TEST_CONTEXT(lang) { administrator_and_officer(lang); }
    }
    ui::apply_ui_language("en");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
