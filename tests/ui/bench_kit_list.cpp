// Figures for the issue "30,000 kits with components and 30,000 issue records — listing and
// filtering in the GUI under 100 ms after opening". Not a test: ctest never runs it, and nothing
// here asserts a time.
//   xvfb-run -a -s "-screen 0 1280x900x24" bench_ui_kit_list [kits] [--lang kk|ru|en]
// A workspace in a temporary folder (test KDF) holding the db benchmark's register
// (tests/db/fleet.h): `kits` kits (default 30,000) with their components, every one issued (as
// many open issues), 300 institutions, 3,000 responsible employees. Then the real MainFrame,
// signed in as the workspace's administrator, and for each step the best of 5 after a warm-up:
//   - a KitsPanel made (as MainFrame makes it), until the first screenful is ready to paint;
//   - switching to the Kits screen from another (MainFrame::show_screen re-reads the register);
//   - a text filter applied (KitsPanel::refresh, what the debounce timer calls after 300 ms);
//   - "Outstanding only" switched on (every kit is outstanding), alone and with a filter;
//   - scrolling to the last row (EnsureVisible), in the register and in the outstanding report;
// and, to tell the store's share from the window's, the outstanding_kits() use case alone.
// "Ready to paint": pending events handled, idle processed (the generic list lays itself out on
// idle), the list painted (Update), and every visible row's texts asked for as a paint asks.
#include <algorithm>
#include <chrono>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <wx/app.h>
#include <wx/checkbox.h>
#include <wx/frame.h>
#include <wx/init.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include "core/domain/clock.h"
#include "core/usecases/custody.h"
#include "core/usecases/users.h"
#include "db/fleet.h"
#include "db/kdf.h"
#include "db/workspace.h"
#include "support/temp_dir.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/kits/kit_list_view.h"
#include "ui/kits/kits_panel.h"
#include "ui/main/main_frame.h"

using namespace sanaq;
using Stopwatch = std::chrono::steady_clock;

namespace {

constexpr int kRuns = 5;
const std::string kUser = "bench.admin";
const std::string kPassword = "benchmark password";

class BenchApp : public wxApp {
public:
    bool OnInit() override { return true; }  // no command line parsing: the arguments are ours
};

double ms_since(Stopwatch::time_point start) { return std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count(); }

[[noreturn]] void fail(const char* what, const Error& error) {
    std::fprintf(stderr, "%s failed: %s (%s)\n", what, error.message_id.c_str(), error.detail.c_str());
    std::exit(1);
}

/// Until the list's first screenful could be painted: see the header comment.
void until_painted(ui::KitListView* list) {
    wxTheApp->Yield(true);
    wxTheApp->ProcessIdle();
    list->Update();
    const long top = std::max(0L, list->GetTopItem());
    const long end = std::min<long>(list->GetItemCount(), top + list->GetCountPerPage() + 1);
    for (long row = top; row < end; ++row)
        for (int column = 0; column < list->GetColumnCount(); ++column) (void)list->GetItemText(row, column);
}

void idle_for(std::chrono::milliseconds duration) {
    const auto end = Stopwatch::now() + duration;
    while (Stopwatch::now() < end) {
        wxTheApp->Yield(true);
        wxMilliSleep(5);
    }
}

/// One line of figures: `prepare` (untimed), then `step` timed; one warm-up, kRuns counted.
/// `list` says which list to wait for (it may be made by `step`).
void measure(const char* name, const std::function<ui::KitListView*()>& list, const std::function<void()>& prepare,
             const std::function<void()>& step) {
    std::vector<double> runs;
    int reads = 0;
    for (int i = 0; i <= kRuns; ++i) {
        prepare();
        if (list()) until_painted(list());
        const int reads_before = list() ? list()->fetches() : 0;
        const auto start = Stopwatch::now();
        step();
        until_painted(list());
        const double ms = ms_since(start);
        if (i == 0) continue;  // warm-up
        runs.push_back(ms);
        reads = list()->fetches() - reads_before;
    }
    std::vector<double> sorted = runs;
    std::sort(sorted.begin(), sorted.end());
    std::printf("%-44s best %7.1f ms  median %7.1f ms  (rows %ld, store reads %d; runs:", name, sorted.front(),
                sorted[sorted.size() / 2], list()->rows(), reads);
    for (double r : runs) std::printf(" %.1f", r);
    std::printf(")\n");
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    test::FleetSize size;
    std::string lang = "kk";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--lang" && i + 1 < argc) lang = argv[++i];
        else if (std::atoi(argv[i]) > 0) size.kits = std::atoi(argv[i]);
        else {
            std::fprintf(stderr, "usage: bench_ui_kit_list [kits=30000] [--lang kk|ru|en]  (under xvfb-run -a)\n");
            return 2;
        }
    }
    ::setenv("SANAQ_KDF_PROFILE", "test", 1);
    std::setlocale(LC_CTYPE, "C.UTF-8");  // as StationApp does

    // 1. The workspace, filled through the repositories (tests/db/fleet.h), then closed.
    test::TempDir tmp("sanaq-bench-ui");
    const auto dir = tmp / "ws";
    {
        const auto start = Stopwatch::now();
        auto ws = db::Workspace::create(dir, kUser, kPassword, db::test_kdf());
        if (!ws) fail("create", ws.error());
        SystemClock clock;
        Session admin{**ws, **ws, clock, Actor{kUser, Role::Administrator}};
        if (auto ok = record_workspace_created(admin, "Benchmark administrator"); !ok) fail("record_workspace_created", ok.error());
        if (auto ok = test::fill_fleet(**ws, size); !ok) fail("fill", ok.error());
        if (auto ok = (*ws)->checkpoint(); !ok) fail("checkpoint", ok.error());
        std::printf("register: %d kits with components, %d open issues, %d institutions, %d staff (filled in %.0f ms)\n",
                    size.kits, size.kits, size.institutions, size.staff, ms_since(start));
    }

    // 2. wx, as the application starts it.
    int wx_argc = 1;
    char arg0[] = "bench_ui_kit_list";
    char* wx_argv[] = {arg0, nullptr};
    wxApp::SetInstance(new BenchApp());
    if (!wxEntryStart(wx_argc, wx_argv)) {
        std::fprintf(stderr, "wxWidgets could not start (no display? run under xvfb-run -a)\n");
        return 1;
    }
    wxTheApp->CallOnInit();
    delete wxLog::SetActiveTarget(new wxLogStderr());  // no modal log boxes in a benchmark
    ui::apply_ui_language(lang);

    // 3. Open (as the sign-in does, minus the KDF), then the main window: the cold figure.
    auto start = Stopwatch::now();
    auto opened = ui::OpenWorkspace::open(dir, kUser, kPassword);
    if (!opened) fail("open", opened.error());
    std::shared_ptr<ui::OpenWorkspace> workspace = std::move(*opened);
    const double open_ms = ms_since(start);
    start = Stopwatch::now();
    auto* frame = new ui::MainFrame(workspace, {});
    frame->Show();
    ui::KitsPanel* kits = frame->kits_panel();
    ui::KitListView* list = kits->list();
    until_painted(list);
    std::printf("language %s, window %dx%d, list shows %d rows a screen\n", lang.c_str(), frame->GetSize().x,
                frame->GetSize().y, list->GetCountPerPage());
    std::printf("%-44s %7.1f ms (once, cold)\n", "OpenWorkspace::open (test KDF)", open_ms);
    std::printf("%-44s %7.1f ms (once, cold; %ld rows, store reads %d)\n", "MainFrame built until first page painted",
                ms_since(start), list->rows(), list->fetches());
    idle_for(std::chrono::milliseconds(300));  // let the window manager and first paints settle

    const auto reset = [&] {
        kits->filter_field()->ChangeValue(wxEmptyString);
        kits->outstanding_box()->SetValue(false);
        kits->refresh();
    };

    // A KitsPanel of its own in a frame the size of the main window's screen area.
    auto* host = new wxFrame(nullptr, wxID_ANY, "host", wxDefaultPosition, frame->GetSize());
    host->SetSizer(new wxBoxSizer(wxVERTICAL));
    host->Show();
    ui::KitsPanel* fresh = nullptr;
    ui::KitListView* fresh_list = nullptr;
    measure("KitsPanel constructed -> first page painted", [&] { return fresh_list; },
            [&] {
                if (fresh) {
                    fresh->Destroy();
                    idle_for(std::chrono::milliseconds(20));
                }
                fresh = nullptr;
                fresh_list = nullptr;
            },
            [&] {
                fresh = new ui::KitsPanel(host, workspace);
                host->GetSizer()->Add(fresh, 1, wxEXPAND);
                host->Layout();
                fresh_list = fresh->list();
            });
    host->Destroy();
    fresh = nullptr;
    idle_for(std::chrono::milliseconds(50));

    const auto main_list = [&] { return list; };
    measure("switch to Kits screen -> first page painted", main_list,
            [&] { frame->show_screen(ui::MainFrame::Screen::Institutions); }, [&] { frame->show_screen(ui::MainFrame::Screen::Kits); });
    measure("text filter \"KIT-2999\" (10 kits)", main_list, reset, [&] {
        kits->filter_field()->ChangeValue("KIT-2999");
        kits->refresh();
    });
    measure("text filter \"Lenovo\" (half the kits)", main_list, reset, [&] {
        kits->filter_field()->ChangeValue("Lenovo");
        kits->refresh();
    });
    measure("\"Outstanding only\" on (every kit)", main_list, reset, [&] {
        kits->outstanding_box()->SetValue(true);
        kits->refresh();
    });
    measure("\"Outstanding only\" + filter \"KIT-2999\"", main_list, reset, [&] {
        kits->outstanding_box()->SetValue(true);
        kits->filter_field()->ChangeValue("KIT-2999");
        kits->refresh();
    });
    measure("register: scroll to the last row", main_list,
            [&] {
                reset();
                list->EnsureVisible(0);
            },
            [&] { list->EnsureVisible(list->rows() - 1); });
    measure("outstanding: scroll to the last row", main_list,
            [&] {
                reset();
                kits->outstanding_box()->SetValue(true);
                kits->refresh();
                list->EnsureVisible(0);
            },
            [&] { list->EnsureVisible(list->rows() - 1); });

    // What of the outstanding figures is the store's: the use case alone, no window involved.
    {
        std::vector<double> runs;
        std::size_t rows = 0;
        for (int i = 0; i <= kRuns; ++i) {
            const auto start = Stopwatch::now();
            auto all = outstanding_kits(workspace->session());
            if (!all) fail("outstanding_kits", all.error());
            if (i > 0) runs.push_back(ms_since(start));
            rows = all->size();
        }
        std::sort(runs.begin(), runs.end());
        std::printf("%-44s best %7.1f ms  median %7.1f ms  (%zu rows; no window)\n", "  of which outstanding_kits() alone", runs.front(),
                    runs[runs.size() / 2], rows);
    }

    frame->Destroy();
    idle_for(std::chrono::milliseconds(100));
    workspace.reset();
    wxEntryCleanup();
    return 0;
}
