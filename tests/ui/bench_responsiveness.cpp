// Figures for the GUI's responsiveness target, "the UI thread is never blocked for more than 50 ms
// during a pull, a reconciliation or a send". Not a test: ctest never runs it, and nothing here
// asserts a time.
//   xvfb-run -a -s "-screen 0 1280x900x24" bench_ui_responsiveness -- [persons=200000]
//       [--packages N=100] [--list-persons N=50000] [--lang kk|ru|en]
// In-process, the real MainFrame over a demo workspace (StationRun; test KDF), signed in as the
// officer, with a UiHeartbeat (ui/common/ui_heartbeat.h) pinging the UI thread every 5 ms. Each
// phase is driven through its screen as tests/ui drives it, and the event loop is pumped as a
// main loop would (wx Yield, 1 ms sleeps) until the work and its aftermath (screen reloads) end:
//   pull       a simulated tablet (census_sim) of `persons` persons in `packages` packages,
//              its key enrolled, pulled from the Devices screen;
//   import     the institution's list of its first `list-persons` people (XLSX, census_sim)
//              through the Lists screen's wizard: read, preview, import;
//   reconcile  from the Coverage screen, then the coverage table read again;
//   send       everything pulled, sent from the Upstream screen to the reference receiver
//              sanaq-upstream over loopback mutual TLS (test PKI), then the status read again.
// For each: duration, pings answered, the longest wait (max gap), the 99th percentile, the
// number of waits over 50 ms, and the longest stalls with the phase step they fell in. On stderr,
// each stall as it ends, with its CLOCK_MONOTONIC time (for cutting a perf profile to it).
#define BOOST_TEST_MODULE bench_ui_responsiveness
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/textctrl.h>

#include "support/receiver_fixture.h"
#include "support/upstream_configuration.h"
#include "census_sim/census_sim.h"
#include "census_sim/simulated_list.h"
#include "core/usecases/devices.h"
#include "core/usecases/registry.h"
#include "support/temp_dir.h"
#include "ui/app/ui_language.h"
#include "ui/common/ui_heartbeat.h"
#include "ui/coverage/coverage_panel.h"
#include "ui/devices/devices_panel.h"
#include "ui/lists/list_import_wizard.h"
#include "ui/lists/lists_panel.h"
#include "ui/main/main_frame.h"
#include "ui/station_fixture.h"
#include "ui/ui_driver.h"
#include "ui/upstream/upstream_panel.h"
#include "upstream/client/outbox.h"

using sanaq::test::WxApplication;
BOOST_TEST_GLOBAL_FIXTURE(WxApplication);

namespace sanaq::test {
namespace {

using Stopwatch = std::chrono::steady_clock;
constexpr std::uint64_t kSeed = 6004;
constexpr const char* kKit = "KIT-0008";  // a demo kit with no tablet of its own

struct Settings {
    std::int64_t persons = 200000;
    int packages = 100;
    std::int64_t list_persons = 50000;
    std::string lang = "en";
};

Settings settings_from_command_line() {
    Settings s;
    const auto& suite = boost::unit_test::framework::master_test_suite();
    for (int i = 1; i < suite.argc; ++i) {
        const std::string arg = suite.argv[i];
        if (arg == "--packages" && i + 1 < suite.argc) s.packages = std::atoi(suite.argv[++i]);
        else if (arg == "--list-persons" && i + 1 < suite.argc) s.list_persons = std::atoll(suite.argv[++i]);
        else if (arg == "--lang" && i + 1 < suite.argc) s.lang = suite.argv[++i];
        else if (std::atoll(suite.argv[i]) > 0) s.persons = std::atoll(suite.argv[i]);
    }
    return s;
}

double ms_since(Stopwatch::time_point start) { return std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count(); }

/// The event loop as the application's main loop runs it, with short sleeps instead of blocking.
bool run_loop_until(const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto end = Stopwatch::now() + limit;
    while (!done()) {
        if (Stopwatch::now() > end) return false;
        wxTheApp->Yield(true);
        wxTheApp->ProcessIdle();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

void run_loop_for(std::chrono::milliseconds duration) {
    const auto end = Stopwatch::now() + duration;
    run_loop_until([&] { return Stopwatch::now() > end; }, std::chrono::seconds(60));
}

void print_phase(const char* name, double ms, const ui::UiHeartbeat::Report& r, const std::string& extra = {}) {
    std::printf("%-10s %9.0f ms  pings %6zu  max gap %7.1f ms  p99 %6.1f ms  >50 ms: %3zu  %s\n", name, ms, r.beats,
                r.max_gap_ms, r.p99_gap_ms, r.stalls, extra.c_str());
    for (const auto& s : r.longest)
        std::printf("             stall %7.1f ms (UI thread CPU %5.1f ms) in %s\n", s.ms, s.cpu_ms, s.where().c_str());
    std::fflush(stdout);
}

int choice_index_containing(wxChoice* choice, const std::string& text) {
    for (unsigned i = 0; i < choice->GetCount(); ++i)
        if (choice->GetString(i).utf8_string().find(text) != std::string::npos) return static_cast<int>(i);
    return -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ui_thread_gaps_during_pull_import_reconcile_and_send, *boost::unit_test::timeout(7200)) {
    const Settings settings = settings_from_command_line();
    ui::apply_ui_language(settings.lang);
    std::printf("bench_ui_responsiveness: %lld persons in %d packages, a list of the first %lld, language %s\n",
                static_cast<long long>(settings.persons), settings.packages, static_cast<long long>(settings.list_persons),
                settings.lang.c_str());
    StationRun run;
    BOOST_REQUIRE(run.start());
    ui::MainFrame* frame = run.sign_in("officer");
    BOOST_REQUIRE(frame);
    ui::UiHeartbeat::Options probe;
    // Each stall's end on CLOCK_MONOTONIC, so that a profile taken with `perf record -k
    // CLOCK_MONOTONIC` can be cut to it (`perf report --time START,END --tid <UI thread>`).
    probe.on_stall = [](const ui::UiHeartbeat::Stall& s) {
        timespec ts{};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        std::fprintf(stderr, "stall %.1f ms (UI thread CPU %.1f ms) in %s, ended at %ld.%06ld\n", s.ms, s.cpu_ms,
                     s.where().c_str(), static_cast<long>(ts.tv_sec), ts.tv_nsec / 1000);
    };
    ui::UiHeartbeat heartbeat(std::move(probe));
    run_loop_for(std::chrono::milliseconds(500));

    heartbeat.reset();
    heartbeat.set_phase("idle dashboard");
    run_loop_for(std::chrono::seconds(2));
    print_phase("idle", 2000, heartbeat.report(), "(the dashboard on view, nothing running)");

    // --- (a) pull ------------------------------------------------------------------------------
    TempDir tmp{"sanaq-bench-ui-resp"};
    // The bench's own setup runs on the UI thread too: named, so its stalls are not the app's.
    heartbeat.set_phase("bench setup: making the tablet");
    {
        const auto start = Stopwatch::now();
        auto department = department_public_keys(run.session());
        BOOST_REQUIRE(department);
        census_sim::MakePackagesRequest request;
        request.kit_number = kKit;
        request.department_public_file_text = *department;
        request.persons = settings.persons;
        request.packages = settings.packages;
        request.seed = kSeed;
        auto made = census_sim::make_packages(tmp / "tablet", request);
        BOOST_REQUIRE_MESSAGE(made, "make_packages");
        BOOST_REQUIRE(enroll_device_key(run.session(), kKit, made->device_public_pem));
        std::printf("(setup: tablet of %lld persons, %lld households made in %.0f ms)\n",
                    static_cast<long long>(made->persons), static_cast<long long>(made->households), ms_since(start));
    }
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Devices));
    ui::DevicesPanel* devices = frame->devices_panel();
    devices->add_simulated_tablet(tmp / "tablet");
    std::optional<std::size_t> row;
    for (std::size_t i = 0; i < devices->tablets().size(); ++i) {
        const auto& t = devices->tablets()[i];
        if (t.identity && t.identity->kit && t.identity->kit->number == kKit) row = i;
    }
    BOOST_REQUIRE(row);
    run_loop_for(std::chrono::milliseconds(300));
    heartbeat.reset();
    heartbeat.set_phase("pull: running");
    auto start = Stopwatch::now();
    BOOST_REQUIRE(devices->pull({*row}));
    BOOST_REQUIRE(run_loop_until([&] { return !devices->pulling(); }, std::chrono::seconds(3600)));
    double ms = ms_since(start);
    heartbeat.set_phase("pull: results shown");
    run_loop_for(std::chrono::milliseconds(1000));
    BOOST_REQUIRE_EQUAL(devices->last_results().size(), 1u);
    BOOST_REQUIRE(devices->last_results().front());
    const auto& pulled = *devices->last_results().front();
    print_phase("pull", ms, heartbeat.report(),
                "(" + std::string(pull_outcome_code(pulled.outcome)) + ", " + std::to_string(pulled.packages_received) + " packages, " +
                    std::to_string(pulled.persons_stored) + " persons, " + std::to_string(devices->progress_updates()) +
                    " progress reports shown)");

    // --- (b) a large list through the Lists wizard, then the reconciliation --------------------
    heartbeat.set_phase("bench setup: writing the list file");
    const auto kit = census_sim::simulated_kit(kSeed, kKit);
    if (!find_institution(run.session(), kit.institution.bin)) BOOST_REQUIRE(add_institution(run.session(), kit.institution));
    census_sim::MakeListRequest list_request{
        .kit_number = kKit, .persons = settings.list_persons, .seed = kSeed, .lang = "ru", .full_name_column = 0};
    auto list = census_sim::make_list(tmp / "list.xlsx", list_request);
    BOOST_REQUIRE_MESSAGE(list, "make_list");
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Lists));
    ui::ListsPanel* lists = frame->lists_panel();
    run_loop_for(std::chrono::milliseconds(300));
    heartbeat.reset();
    std::size_t rows_read = 0;
    std::optional<StoredList> stored;
    ModalScript script(std::chrono::seconds(600));
    script.when<ui::ListImportWizard>("list import wizard", [&](ui::ListImportWizard& w) {
        heartbeat.set_phase("import: reading the file");
        const int i = choice_index_containing(w.institution_choice(), kit.institution.bin);
        BOOST_REQUIRE(i >= 0);
        choose(w.institution_choice(), i);
        type(w.file_field(), wxString::FromUTF8((tmp / "list.xlsx").string()));
        wxDateTime as_of;
        BOOST_REQUIRE(as_of.ParseISODate(wxString::FromUTF8(list->as_of)));
        w.as_of_field()->SetValue(as_of);
        BOOST_REQUIRE(press(w.next_button()));
        BOOST_REQUIRE(run_loop_until([&] { return !w.busy(); }, std::chrono::seconds(600)));
        BOOST_REQUIRE(w.preview());
        rows_read = w.preview()->preview.rows.size();
        heartbeat.set_phase("import: preview shown");
        run_loop_for(std::chrono::milliseconds(500));
        heartbeat.set_phase("import: storing");
        BOOST_REQUIRE(press(w.finish_button()));
        BOOST_REQUIRE(run_loop_until([&] { return !w.busy(); }, std::chrono::seconds(600)));
        stored = w.imported();
    });
    start = Stopwatch::now();
    heartbeat.set_phase("import: wizard opening");
    BOOST_REQUIRE(press(lists->import_button()));
    ms = ms_since(start);
    BOOST_CHECK_MESSAGE(script.finished() && script.failures().empty(), script.report());
    BOOST_REQUIRE(stored);
    heartbeat.set_phase("import: list shown");
    run_loop_for(std::chrono::milliseconds(1000));
    print_phase("import", ms, heartbeat.report(),
                "(" + std::to_string(rows_read) + " rows read, " + std::to_string(stored->rows_imported) + " imported)");

    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Coverage));
    ui::CoveragePanel* coverage = frame->coverage_panel();
    BOOST_REQUIRE(run_loop_until([&] { return !coverage->loading(); }, std::chrono::seconds(600)));
    run_loop_for(std::chrono::milliseconds(300));
    heartbeat.reset();
    heartbeat.set_phase("reconcile: running");
    start = Stopwatch::now();
    BOOST_REQUIRE(coverage->reconcile());
    BOOST_REQUIRE(run_loop_until([&] { return !coverage->reconciling(); }, std::chrono::seconds(3600)));
    heartbeat.set_phase("reconcile: coverage read again");
    BOOST_REQUIRE(run_loop_until([&] { return !coverage->loading(); }, std::chrono::seconds(600)));
    ms = ms_since(start);
    run_loop_for(std::chrono::milliseconds(1000));
    BOOST_REQUIRE(coverage->last_reconcile() && *coverage->last_reconcile());
    const auto& summary = **coverage->last_reconcile();
    print_phase("reconcile", ms, heartbeat.report(),
                "(" + std::to_string(summary.run.listed) + " listed, " + std::to_string(coverage->progress_updates()) +
                    " progress reports shown)");

    // --- (c) send everything to the reference receiver over loopback TLS ------------------------
    heartbeat.set_phase("bench setup: starting the receiver");
    ReceiverProcess receiver(tmp / "census-database", {"--receipt-key", TestPki::instance().receipt_key().string()});
    {
        Session admin{run.session().store, run.session().keys, run.session().clock, Actor{"admin", Role::Administrator}};
        auto configured = upstream::configure_upstream(admin, test_upstream_configuration(receiver.url(), std::nullopt));
        BOOST_REQUIRE_MESSAGE(configured, "configure_upstream");
    }
    BOOST_REQUIRE(frame->show_screen(ui::MainFrame::Screen::Upstream));
    ui::UpstreamPanel* upstream_screen = frame->upstream_panel();
    BOOST_REQUIRE(run_loop_until([&] { return !upstream_screen->loading(); }, std::chrono::seconds(600)));
    run_loop_for(std::chrono::milliseconds(300));
    heartbeat.reset();
    heartbeat.set_phase("send: running");
    start = Stopwatch::now();
    BOOST_REQUIRE(press(upstream_screen->send_button()));
    BOOST_REQUIRE(run_loop_until([&] { return !upstream_screen->sending(); }, std::chrono::seconds(3600)));
    heartbeat.set_phase("send: status read again");
    BOOST_REQUIRE(run_loop_until([&] { return !upstream_screen->loading(); }, std::chrono::seconds(600)));
    ms = ms_since(start);
    run_loop_for(std::chrono::milliseconds(1000));
    BOOST_REQUIRE(upstream_screen->last_send() && *upstream_screen->last_send());
    const auto& sent = **upstream_screen->last_send();
    print_phase("send", ms, heartbeat.report(),
                "(" + std::to_string(sent.batches_accepted) + " batches, " + std::to_string(sent.persons_accepted) +
                    " persons accepted)");
    heartbeat.set_phase("bench teardown: stopping the receiver");
}

}  // namespace sanaq::test
