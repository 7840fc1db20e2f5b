// Coverage reconciliation through the GUI, on a fresh demo workspace: an officer pulls the
// demo tablets (so enumerated records exist), imports the list of the institution KIT-0006 was
// issued to through the Lists screen's wizard (preview of every row, the column editor, the
// rejected rows exported, the columns saved), imports a corrected version (the changes page), runs
// the reconciliation from the Coverage screen on a worker thread and finds the institution with a
// plausible coverage, opens its people (the personal-data warning first); a supervisor then decides
// the first review item with the M key and sees it leave the queue, and with four eyes on cannot
// confirm their own decision. Screenshots of each screen in Kazakh and Russian (and English).
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <future>

#include "census_sim/census_sim.h"
#include "census_sim/simulated_list.h"
#include "core/usecases/registry.h"
#include "coverage/coverage_report.h"
#include "coverage/list_import.h"
#include "coverage/review.h"
#include "tables/table.h"
#include "support/temp_dir.h"
#include "support/job_expectations.h"
#include "ui/app/ui_language.h"
#include "ui/common/confirm_dialog.h"
#include "ui/common/reason_dialog.h"
#include "ui/coverage/coverage_bar_chart.h"
#include "ui/coverage/coverage_panel.h"
#include "ui/coverage/coverage_people_dialog.h"
#include "ui/coverage/coverage_table_view.h"
#include "ui/coverage/progress_chart.h"
#include "ui/devices/devices_panel.h"
#include "ui/lists/column_mapping_dialog.h"
#include "ui/lists/list_diff_view.h"
#include "ui/lists/list_import_wizard.h"
#include "ui/lists/list_preview_view.h"
#include "ui/lists/lists_panel.h"
#include "ui/main/main_frame.h"
#include "ui/review/review_panel.h"
#include "ui/review/review_queue_view.h"
#include "ui/station_fixture.h"
#include "ui/uncertain_list.h"
#include "ui/ui_driver.h"

namespace sanaq::test {
namespace {

// The demo workspace's tablet of KIT-0006 (ui/app/demo_workspace.cpp): the same seed and person
// count make the list of the same people. Its institution is registered; its list is not imported
// (KIT-0001's is, so the coverage table has two institutions).
constexpr std::uint64_t kSeed = 2027;
constexpr std::int64_t kPersons = 240;
constexpr const char* kKit = "KIT-0006";

std::string utf8(const wxString& s) { return s.utf8_string(); }

/// The simulated kit's institution joins the register: lists are imported for registered ones.
std::string register_simulated_institution(Session& officer) {
    const auto kit = census_sim::simulated_kit(kSeed, kKit);
    if (auto found = find_institution(officer, kit.institution.bin); found) return kit.institution.bin;  // there already
    auto added = add_institution(officer, kit.institution);
    BOOST_REQUIRE_MESSAGE(added, "add_institution: " << added.error().message_id);
    return kit.institution.bin;
}

void pull_demo_tablets(ui::MainFrame* frame) {
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* devices = frame->devices_panel();
    BOOST_REQUIRE(devices);
    devices->pull_all();
    BOOST_REQUIRE(pump_until([&] { return !devices->pulling(); }, 120s));
    for (const auto& r : devices->last_results()) {
        BOOST_REQUIRE(r);
        BOOST_CHECK((r->outcome == PullOutcome::Complete));
    }
}

int choice_index_containing(wxChoice* choice, const std::string& text) {
    for (unsigned i = 0; i < choice->GetCount(); ++i)
        if (utf8(choice->GetString(i)).find(text) != std::string::npos) return static_cast<int>(i);
    return -1;
}

struct ImportRun {
    std::filesystem::path file;
    std::string as_of;
    std::string shots;               // screenshot name prefix ("61")
    bool edit_columns = false;       // open the column editor and read again with its mapping
    bool save_columns = false;       // save them as "default"
    bool expect_changes = false;     // a previous version exists: the changes page
    std::filesystem::path rejected;  // where the rejected rows go (when there are any)
};

struct ImportResult {
    int importable = 0;
    int rejected = 0;
    std::optional<StoredList> stored;
};

/// The wizard from the Lists screen's button, step by step as a user would go through it.
ImportResult import_through_wizard(ui::ListsPanel* lists, const std::string& bin, const ImportRun& run,
                                   const std::string& lang) {
    ImportResult out;
    ModalScript script(120s);
    script.when<ui::ListImportWizard>("list import wizard", [&](ui::ListImportWizard& w) {
        BOOST_CHECK_EQUAL(w.step(), ui::ListImportWizard::kSource);
        const int i = choice_index_containing(w.institution_choice(), bin);
        BOOST_REQUIRE_MESSAGE(i >= 0, "the institution is in the wizard's choice");
        choose(w.institution_choice(), i);
        type(w.file_field(), wxString::FromUTF8(run.file.string()));
        wxDateTime as_of;
        BOOST_REQUIRE(as_of.ParseISODate(wxString::FromUTF8(run.as_of)));
        w.as_of_field()->SetValue(as_of);
        screenshot(&w, lang, run.shots + "-import-source");

        // Next reads the file on a worker thread; the dialog keeps answering meanwhile.
        BOOST_REQUIRE(press(w.next_button()));
        BOOST_CHECK(w.busy());
        BOOST_REQUIRE(pump_until([&] { return !w.busy(); }, 60s));
        BOOST_REQUIRE_MESSAGE(w.step() == ui::ListImportWizard::kPreview, "preview: " << utf8(w.error_label()->GetLabel()));
        BOOST_REQUIRE(w.preview());
        const auto& p = w.preview()->preview;
        BOOST_CHECK(p.usable());
        BOOST_CHECK(p.unknown_columns.empty());
        out.importable = p.importable_count();
        out.rejected = p.rejected_count();
        BOOST_CHECK_GT(out.importable, 50);
        BOOST_CHECK_EQUAL(w.rows_list()->GetItemCount(), static_cast<long>(p.rows.size()));
        BOOST_CHECK(!w.counts_label()->GetLabel().empty());
        BOOST_CHECK(!w.file_problems_label()->IsShown());
        // Every row with a problem is on colour; the problems column says what.
        for (long r = 0; r < w.rows_list()->GetItemCount(); ++r) {
            const lists::PreviewRow* row = w.rows_list()->row_at(r);
            BOOST_REQUIRE(row);
            if (!row->problems.empty()) {
                BOOST_CHECK(!w.rows_list()->GetItemText(r, 2).empty());  // Problems
                break;
            }
        }
        screenshot(&w, lang, run.shots + "-import-preview");
        if (p.warning_count() > 0) {
            choose(w.row_filter(), 2);  // rows with warnings only, on amber
            BOOST_CHECK_EQUAL(w.rows_list()->GetItemCount(), p.warning_count());
            // The selected row's problems in full under the list.
            w.rows_list()->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            pump_for(50ms);
            BOOST_CHECK(!w.row_detail_label()->GetLabel().empty());
            screenshot(&w, lang, run.shots + "-import-warnings");
            choose(w.row_filter(), 0);
        }

        if (run.edit_columns) {
            // The column editor shows the mapping the reader found; reading again with it (now "by
            // hand") gives the same rows.
            auto table = tables::read_table(run.file);
            BOOST_REQUIRE(table);
            std::vector<std::vector<std::string>> top(table->rows.begin(),
                                                      table->rows.begin() + std::min<std::size_t>(table->rows.size(), 60));
            ui::ColumnMappingDialog editor(&w, top, p.mapping);
            const auto& order = ui::ColumnMappingDialog::field_order();
            for (const auto& [column, field] : p.mapping.columns) {
                BOOST_REQUIRE_LT(column, editor.field_choices().size());
                const auto at = std::find(order.begin(), order.end(), field) - order.begin();
                BOOST_CHECK_EQUAL(editor.field_choices()[column]->GetSelection(), static_cast<int>(at) + 1);
            }
            BOOST_CHECK(editor.mapping() == p.mapping);
            editor.Show();
            screenshot(&editor, lang, run.shots + "-import-columns");
            editor.Hide();
            w.use_mapping(editor.mapping());
            BOOST_REQUIRE(pump_until([&] { return !w.busy(); }, 60s));
            BOOST_REQUIRE(w.preview());
            BOOST_CHECK(!w.preview()->preview.mapping_detected);
            BOOST_CHECK_EQUAL(w.preview()->preview.importable_count(), out.importable);
        }
        if (out.rejected > 0) {
            choose(w.row_filter(), 1);  // rejected rows only
            BOOST_CHECK_EQUAL(w.rows_list()->GetItemCount(), out.rejected);
            choose(w.row_filter(), 0);
            BOOST_REQUIRE(w.export_rejected_button()->IsEnabled());
            if (!run.rejected.empty()) {
                auto ok = w.export_rejected_to(run.rejected);
                BOOST_CHECK_MESSAGE(ok, "export_rejected_to");
                BOOST_CHECK(std::filesystem::exists(run.rejected));
            }
            // The way out is plain: import the valid rows, or cancel to fix the file.
            BOOST_CHECK(utf8(w.finish_button()->GetLabel()).find(std::to_string(out.importable)) != std::string::npos);
            BOOST_CHECK(w.cancel_button()->GetLabel() == _("Cancel to &fix the file"));
            choose(w.row_filter(), 1);
            screenshot(&w, lang, run.shots + "-import-rejected");
            choose(w.row_filter(), 0);
        }
        if (run.save_columns) type(w.save_mapping_field(), "default");

        if (run.expect_changes) {
            BOOST_REQUIRE(w.preview()->previous);
            BOOST_REQUIRE(w.preview()->diff);
            BOOST_REQUIRE(press(w.next_button()));
            BOOST_CHECK_EQUAL(w.step(), ui::ListImportWizard::kChanges);
            const auto& d = *w.preview()->diff;
            BOOST_CHECK_EQUAL(w.diff_list()->GetItemCount(),
                              static_cast<long>(d.added.size() + d.removed.size() + d.changed.size()));
            BOOST_CHECK(!d.empty());
            BOOST_CHECK(!d.changed.empty());
            BOOST_CHECK(!w.diff_summary_label()->GetLabel().empty());
            screenshot(&w, lang, run.shots + "-import-changes");
        } else {
            BOOST_CHECK(!w.preview()->previous);
            BOOST_CHECK(!w.next_button()->IsEnabled());  // no changes page for a first version
        }
        BOOST_REQUIRE(press(w.finish_button()));
        BOOST_REQUIRE(pump_until([&] { return !w.busy(); }, 60s));
        BOOST_CHECK_MESSAGE(w.imported(), "import refused: " << utf8(w.error_label()->GetLabel()));
        out.stored = w.imported();
    });
    BOOST_REQUIRE(press(lists->import_button()));
    BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), script.report());
    return out;
}

bool in_queue(const std::vector<ReviewItem>& queue, std::int64_t id) {
    return std::ranges::any_of(queue, [&](const ReviewItem& i) { return i.id == id; });
}

/// Decides the review panel's selected item with a key and a reason, as a supervisor would.
void decide_with_key(ui::ReviewPanel* review, int key, const std::string& reason, const std::string& lang = {},
                     const std::string& shot = {}) {
    ModalScript script;
    script.when<ui::ReasonDialog>("reason", [&](ui::ReasonDialog& d) {
        type(d.reason_field(), wxString::FromUTF8(reason));
        if (!shot.empty()) screenshot(&d, lang, shot);
        BOOST_REQUIRE(press(&d, wxID_OK));
    });
    review->queue_list()->SetFocus();
    hook_key(review->queue_list(), key);
    BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), script.report());
}

void walk_through_coverage(const std::string& lang, bool four_eyes) {
    ui::apply_ui_language(lang);
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    TempDir files{"sanaq-ui-lists"};
    const std::string bin = register_simulated_institution(run.session());
    pull_demo_tablets(frame);

    // --- Lists: the officer imports the institution's list, then a corrected version ----------
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Lists));
    ui::ListsPanel* lists = frame->lists_panel();
    BOOST_REQUIRE(lists);
    const std::size_t versions_before = lists->versions().size();  // the demo's list of KIT-0001
    BOOST_CHECK(std::ranges::none_of(lists->versions(), [&](const StoredList& v) { return v.institution_bin == bin; }));
    census_sim::MakeListRequest first{.kit_number = kKit, .persons = kPersons, .seed = kSeed, .lang = "ru", .full_name_column = 0};
    first.noise.listed_twice = 0.05;  // people listed twice: rows rejected for a repeated IIN
    auto made = census_sim::make_list(files / "list-v1.xlsx", first);
    BOOST_REQUIRE_MESSAGE(made, "make_list");
    ImportRun v1{files / "list-v1.xlsx", made->as_of, "81", true, true, false, files / "rejected.xlsx"};
    const ImportResult one = import_through_wizard(lists, bin, v1, lang);
    BOOST_REQUIRE(one.stored);
    BOOST_CHECK_EQUAL(one.stored->version, 1);
    BOOST_CHECK_EQUAL(one.stored->rows_imported, one.importable);
    BOOST_CHECK_EQUAL(one.stored->rows_rejected, one.rejected);
    BOOST_CHECK_GT(one.rejected, 0);  // the repeated IINs: the rejected rows went to a file
    BOOST_CHECK(std::filesystem::exists(files / "rejected.xlsx"));
    BOOST_REQUIRE_EQUAL(lists->versions().size(), versions_before + 1);
    BOOST_CHECK_EQUAL(lists->versions_list()->GetItemCount(), static_cast<int>(versions_before + 1));
    auto saved = saved_mappings(run.session(), bin);
    BOOST_REQUIRE(saved);
    BOOST_CHECK(std::ranges::find(*saved, "default") != saved->end());

    // The institution sends its list again, and this time some rows are uncertain: pairs for a
    // supervisor.
    const std::string as_of_v2 = write_uncertain_list(files / "list-v2.csv", first, 8);
    ImportRun v2{files / "list-v2.csv", as_of_v2, "84", false, false, true, {}};
    const ImportResult two = import_through_wizard(lists, bin, v2, lang);
    BOOST_REQUIRE(two.stored);
    BOOST_CHECK_EQUAL(two.stored->version, 2);
    BOOST_CHECK_EQUAL(lists->versions().size(), versions_before + 2);
    BOOST_CHECK_EQUAL(lists->versions().front().version, 2);  // newest first
    BOOST_CHECK_EQUAL(lists->versions().front().institution_bin, bin);
    screenshot(frame, lang, "80-lists");

    // --- Coverage: reconcile on a worker thread, then the table, the charts, the people --------
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Coverage));
    ui::CoveragePanel* coverage = frame->coverage_panel();
    BOOST_REQUIRE(coverage);
    BOOST_REQUIRE(pump_until([&] { return !coverage->loading(); }, 60s));
    BOOST_REQUIRE(coverage->reconcile());
    BOOST_CHECK(coverage->reconciling());
    BOOST_CHECK(!coverage->reconcile());  // one run at a time
    BOOST_CHECK(!coverage->reconcile_button()->IsEnabled());
    BOOST_CHECK(coverage->cancel_button()->IsEnabled());
    // The UI thread stays free: the screens' own connection answers meanwhile.
    BOOST_CHECK(list_versions(run.session(), bin).has_value());
    BOOST_REQUIRE(pump_until([&] { return !coverage->reconciling(); }, 300s));
    BOOST_REQUIRE(coverage->last_reconcile());
    BOOST_REQUIRE_MESSAGE(*coverage->last_reconcile(), "reconciliation: " << utf8(coverage->last_notice()));
    const ReconcileSummary& summary = **coverage->last_reconcile();
    BOOST_TEST_MESSAGE("reconciled: " << utf8(coverage->last_notice()));
    BOOST_CHECK_GE(summary.run.listed, two.importable);
    BOOST_CHECK_EQUAL(summary.institutions, 2);
    BOOST_CHECK_GT(summary.run.matched, 0);
    BOOST_CHECK(coverage->reconcile_button()->IsEnabled());
    expect_every_listed_person_has_one_outcome(run.session(), "officer");
    BOOST_REQUIRE(pump_until([&] { return !coverage->loading(); }, 60s));
    BOOST_REQUIRE(coverage->report());
    const CoverageReport& report = *coverage->report();
    BOOST_REQUIRE(report.run);
    const auto row = std::ranges::find_if(report.rows, [&](const CoverageRow& r) { return r.key == bin; });
    BOOST_REQUIRE_MESSAGE(row != report.rows.end(), "the institution has a coverage row");
    BOOST_CHECK_EQUAL(row->listed, two.importable);
    BOOST_CHECK_GT(row->coverage_percent(), 60.0);
    BOOST_CHECK_LE(row->coverage_percent(), 100.0);
    // In the table, with its percentage, and the total last.
    ui::CoverageTableView* table = coverage->table();
    const long rows = table->GetItemCount();
    BOOST_REQUIRE_EQUAL(rows, static_cast<long>(report.rows.size()) + 1);
    long at = -1;
    for (long i = 0; i + 1 < rows; ++i)
        if (table->row_at(i)->key == bin) at = i;
    BOOST_REQUIRE(at >= 0);
    BOOST_CHECK(utf8(table->GetItemText(at, ui::CoverageTableView::kCoverage)).find('%') != std::string::npos);
    BOOST_CHECK(table->GetItemText(rows - 1, ui::CoverageTableView::kName) == _("Total"));
    BOOST_CHECK_EQUAL(coverage->bar_chart()->bars().size(), report.rows.size());
    BOOST_CHECK(!coverage->progress_chart()->points().empty());
    BOOST_CHECK(!coverage->run_label()->GetLabel().empty());
    screenshot(frame, lang, "85-coverage");

    // People counted elsewhere: the listed people no tablet brought answered online, says the
    // census database's file; imported on a worker with progress, they are covered, not missing.
    BOOST_REQUIRE(coverage->import_channels_button()->IsShown());
    BOOST_CHECK(coverage->import_channels_button()->IsEnabled());
    {
        std::ofstream(files / "junk-channels.csv") << "IIN;Surname;Given name\n900101300017;Ли;Ерлан\n";
        BOOST_REQUIRE(coverage->import_channels_from(files / "junk-channels.csv"));
        BOOST_CHECK(!coverage->reconcile());  // one job at a time
        BOOST_REQUIRE(pump_until([&] { return !coverage->importing_channels(); }, 60s));
        BOOST_REQUIRE(coverage->last_channel_import());
        BOOST_CHECK(!*coverage->last_channel_import());  // refused with the reason, nothing stored
        BOOST_CHECK(!utf8(coverage->last_notice()).empty());
    }
    auto people_before = coverage_people(run.session(), bin);
    BOOST_REQUIRE(people_before);
    std::int64_t online = 0;
    {
        std::ofstream out(files / "channels.csv");
        out << "ИИН;Фамилия;Имя;Отчество;Дата рождения;Канал;Код подтверждения;БИН учреждения\n";
        for (const auto& p : *people_before)
            if (p.outcome == "missing" && !p.listed_birth_date.empty())
                out << p.listed_iin << ';' << p.listed_surname << ';' << p.listed_name << ';' << p.listed_patronymic
                    << ';' << p.listed_birth_date << ";online;GUI-" << ++online << ';' << bin << '\n';
    }
    BOOST_REQUIRE_GT(online, 0);
    const std::int64_t missing_before = row->missing;
    BOOST_REQUIRE(coverage->import_channels_from(files / "channels.csv"));
    BOOST_REQUIRE(pump_until([&] { return !coverage->importing_channels(); }, 120s));
    BOOST_REQUIRE(coverage->last_channel_import());
    BOOST_REQUIRE_MESSAGE(*coverage->last_channel_import(), "channels: " << utf8(coverage->last_notice()));
    BOOST_CHECK_EQUAL((*coverage->last_channel_import())->stored.rows_imported, online);
    BOOST_REQUIRE(coverage->reconcile());
    BOOST_REQUIRE(pump_until([&] { return !coverage->reconciling(); }, 300s));
    BOOST_REQUIRE(pump_until([&] { return !coverage->loading(); }, 60s));
    {
        const auto after = std::ranges::find_if(coverage->report()->rows, [&](const CoverageRow& r) { return r.key == bin; });
        BOOST_REQUIRE(after != coverage->report()->rows.end());
        BOOST_CHECK_EQUAL(after->missing, missing_before - online);
        BOOST_CHECK_EQUAL(after->matched_by_channel[static_cast<std::size_t>(EnumerationChannel::Online)], online);
        long line = -1;
        for (long i = 0; i + 1 < table->GetItemCount(); ++i)
            if (table->row_at(i)->key == bin) line = i;
        BOOST_REQUIRE(line >= 0);
        BOOST_CHECK_EQUAL(utf8(table->GetItemText(line, ui::CoverageTableView::kByOnline)), std::to_string(online));
    }
    screenshot(frame, lang, "85-coverage-channels");

    // Cancel right away: nothing is stored, the figures stay those of the run before.
    // The run is held as it starts matching until Cancel is pressed, so it cannot finish first.
    const std::int64_t run_id = report.run->id;
    std::promise<void> cancel_pressed;
    std::shared_future<void> pressed = cancel_pressed.get_future().share();
    coverage->set_stage_observer([pressed](ReconcileProgress::Stage stage) {
        if (stage == ReconcileProgress::Stage::Matching) pressed.wait_for(120s);
    });
    BOOST_REQUIRE(coverage->reconcile());
    coverage->set_stage_observer(nullptr);
    BOOST_REQUIRE(press(coverage->cancel_button()));
    cancel_pressed.set_value();
    BOOST_CHECK(!coverage->cancel_button()->IsEnabled());
    BOOST_REQUIRE(pump_until([&] { return !coverage->reconciling(); }, 120s));
    BOOST_REQUIRE(coverage->last_reconcile());
    BOOST_REQUIRE(!*coverage->last_reconcile());
    BOOST_CHECK(coverage->last_reconcile()->error().code == ErrorCode::Cancelled);
    auto unchanged = coverage_report(run.session(), CoverageLevel::Institution);
    BOOST_REQUIRE(unchanged && unchanged->run);
    BOOST_CHECK_EQUAL(unchanged->run->id, run_id);
    BOOST_CHECK(coverage->reconcile_button()->IsEnabled());

    coverage->set_level(CoverageLevel::District);
    BOOST_REQUIRE(pump_until([&] { return !coverage->loading(); }, 60s));
    BOOST_REQUIRE(coverage->report());
    BOOST_CHECK(coverage->report()->level == CoverageLevel::District);
    BOOST_CHECK(!coverage->report()->rows.empty());
    screenshot(frame, lang, "86-coverage-districts");
    coverage->set_level(CoverageLevel::Institution);
    BOOST_REQUIRE(pump_until([&] { return !coverage->loading(); }, 60s));

    // Exports: the table as XLSX, the report as PDF (both languages; when the catalogs are built).
    BOOST_CHECK_MESSAGE(coverage->export_xlsx_to(files / "coverage.xlsx"), "export_xlsx_to");
    BOOST_CHECK(std::filesystem::exists(files / "coverage.xlsx"));
    std::filesystem::create_directories(files / "sub");
    const auto pdf = files / "sub" / ".." / "coverage.pdf";
    coverage->export_pdf_to(pdf);
    BOOST_REQUIRE(pump_until([&] { return !coverage->writing_pdf(); }, 60s));
    BOOST_TEST_MESSAGE("coverage PDF: " << utf8(coverage->last_notice()));

    // Drill-down: Enter (item activated) on the institution's row opens its people.
    BOOST_REQUIRE(table->select_key(bin));
    ModalScript people;
    people.when<ui::CoveragePeopleDialog>("people", [&](ui::CoveragePeopleDialog& d) {
        BOOST_REQUIRE(pump_until([&] { return !d.loading(); }, 60s));
        BOOST_REQUIRE(!d.people().empty());
        BOOST_CHECK_EQUAL(d.people_list()->GetItemCount(), static_cast<long>(d.people().size()));
        BOOST_CHECK(std::ranges::any_of(d.people(), [](const PersonOutcome& p) { return p.outcome == "matched"; }));
        screenshot(&d, lang, "87-coverage-people");
        // Personal data: a warning first; Cancel there writes nothing.
        ModalScript warning;
        warning.when<ui::ConfirmDialog>("personal data warning", [&](ui::ConfirmDialog& c) {
            screenshot(&c, lang, "88-export-people-warning");
            BOOST_REQUIRE(press(c.no_button()));
        });
        BOOST_REQUIRE(press(d.export_button()));
        BOOST_CHECK_MESSAGE(warning.finished() && warning.failures().empty(), warning.report());
        BOOST_CHECK(d.status_label()->GetLabel().empty());
        auto written = d.export_to(files / "people.xlsx");
        BOOST_CHECK_MESSAGE(written, "export_to");
        if (written) BOOST_CHECK_GT(*written, 0);
        BOOST_REQUIRE(press(d.close_button()));
    });
    wxListEvent activated(wxEVT_LIST_ITEM_ACTIVATED, table->GetId());
    activated.SetEventObject(table);
    activated.m_itemIndex = at;
    table->GetEventHandler()->ProcessEvent(activated);
    BOOST_CHECK_MESSAGE(people.finished() && people.failures().empty(), people.report());

    // Officers see the queue but do not decide.
    BOOST_REQUIRE(frame->review_panel());
    BOOST_CHECK(!frame->review_panel()->match_button()->IsShown());

    // --- Review: the supervisor decides with the keyboard --------------------------------------
    frame = run.switch_user("supervisor");
    // What the officer's jobs left, read by a role that may read the trail, as tests/cli does.
    expect_list_version_stored(run.session(), bin, 1, one.stored->rows_imported, one.stored->rows_rejected);
    expect_coverage_export_recorded_under_its_absolute_path(run.session(), pdf, "pdf");
    expect_coverage_export_recorded_under_its_absolute_path(run.session(), files / "coverage.xlsx", "xlsx");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Review));
    ui::ReviewPanel* review = frame->review_panel();
    BOOST_REQUIRE(review);
    BOOST_REQUIRE_MESSAGE(review->queue().size() >= 2, "the reconciliation proposed items to review");
    const ReviewItem first_item = review->queue().front();
    BOOST_REQUIRE(review->current_case());
    BOOST_CHECK_EQUAL(review->current_case()->item.id, first_item.id);
    BOOST_CHECK(!review->current_case()->fields.empty());
    BOOST_CHECK_EQUAL(review->fields_list()->GetItemCount(), static_cast<int>(review->current_case()->fields.size()));
    BOOST_CHECK(review->match_button()->IsEnabled());
    screenshot(frame, lang, "89-review");

    decide_with_key(review, 'M', "The same person: the patronymic and the year are wrong on the list", lang,
                    "90-review-reason");
    BOOST_CHECK_MESSAGE(!in_queue(review->queue(), first_item.id), "the decided item left the queue; " << utf8(review->last_notice()));
    BOOST_REQUIRE(review->current_case());
    BOOST_CHECK_NE(review->current_case()->item.id, first_item.id);  // on to the next one
    auto decided = review_queue(run.session(), ReviewState::Decided);
    BOOST_REQUIRE(decided);
    BOOST_CHECK(in_queue(*decided, first_item.id));
    screenshot(frame, lang, "91-review-decided");

    if (!four_eyes) return;
    // Four eyes (the administrator's setting): the decision waits, and its own author may not
    // confirm it — the core says so, the screen shows it.
    // The administrator signs in to switch it on (their own member key signs the setting), then
    // the supervisor comes back to the review screen.
    frame = run.switch_user("admin");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(set_four_eyes_required(run.session(), true));
    frame = run.switch_user("supervisor");
    BOOST_REQUIRE(frame);
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Review));
    review = frame->review_panel();
    BOOST_REQUIRE(review);
    BOOST_REQUIRE(pump_until([&] { return !review->queue().empty(); }, 60s));
    BOOST_CHECK(review->four_eyes());
    const std::int64_t second_item = review->current_case()->item.id;
    decide_with_key(review, 'N', "Different people: other date of birth and patronymic");
    BOOST_CHECK(!in_queue(review->queue(), second_item));
    review->show_state(ReviewState::AwaitingConfirmation);
    BOOST_REQUIRE(review->select_item(second_item));
    pump_for(100ms);
    BOOST_REQUIRE(review->confirm_button()->IsShown());
    BOOST_REQUIRE(press(review->confirm_button()));
    BOOST_CHECK_MESSAGE(review->last_notice_is_error(), "refused: " << utf8(review->last_notice()));
    auto waiting = review_queue(run.session(), ReviewState::AwaitingConfirmation);
    BOOST_REQUIRE(waiting);
    BOOST_CHECK(in_queue(*waiting, second_item));
    screenshot(frame, lang, "92-review-own-decision-refused");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ui_coverage)  // one CTest entry: test_ui.coverage (tests/ui/CMakeLists.txt)

BOOST_AUTO_TEST_CASE(lists_coverage_and_review_through_the_gui, *boost::unit_test::timeout(600)) {
    walk_through_coverage("en", true);
}

BOOST_AUTO_TEST_CASE(coverage_screens_in_russian, *boost::unit_test::timeout(600)) { walk_through_coverage("ru", false); }

BOOST_AUTO_TEST_CASE(coverage_screens_in_kazakh, *boost::unit_test::timeout(600)) { walk_through_coverage("kk", false); }

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
