// Figures for the GUI's cold-start target, "cold start to a usable main window with a workspace of
// 1,000,000 people under 2 s". Not a test: ctest never runs it, and nothing here asserts a time.
//   xvfb-run -a -s "-screen 0 1280x900x24" bench_ui_cold_start CACHE_DIR [persons=1000000]
//       [--runs N=3] [--lang kk|ru|en] [--drop-caches]
// The workspace is CACHE_DIR/ws-<persons>, made once and reused: encrypted with the KDF the real
// application uses (db::interactive_kdf), an officer, the benchmark register (tests/db/fleet.h:
// 1,000 kits issued, 300 institutions, 3,000 staff) and `persons` simulated persons with their
// households (tests/support/census_fill.h).
// Each run launches the real sanaq-station as a new process with SANAQ_STARTUP_TIMING=1 (its
// milestones on stderr, ui/common/startup_timing.h), waits for the login dialog, types the user
// name and password with xdotool (the typing is not counted: sign-in is timed from the app's own
// "sign_in_pressed"), and waits until the dashboard is populated and the event loop idle; then
// ends the process. --drop-caches empties the page cache before each run (root; `sync; echo 3 >
// /proc/sys/vm/drop_caches`), else the first run may be cold and the others are warm.
// Key derivation is also timed alone (Argon2id with the workspace's parameters), to tell its share.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/domain/clock.h"
#include "core/usecases/users.h"
#include "db/fleet.h"
#include "db/kdf.h"
#include "db/workspace.h"
#include "support/census_fill.h"
#include "support/temp_dir.h"

extern char** environ;

using namespace sanaq;
namespace fs = std::filesystem;
using Stopwatch = std::chrono::steady_clock;

namespace {

const std::string kAdmin = "bench.admin";
const std::string kUser = "bench.officer";
const std::string kPassword = "benchmark password";

double seconds_of(Stopwatch::time_point t) { return std::chrono::duration<double>(t.time_since_epoch()).count(); }
double ms_since(Stopwatch::time_point start) { return std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count(); }

[[noreturn]] void fail(const char* what, const Error& error) {
    std::fprintf(stderr, "%s failed: %s (%s)\n", what, error.message_id.c_str(), error.detail.c_str());
    std::exit(1);
}

/// CACHE_DIR/ws-<persons>, made unless a finished one is there (the marker is written last).
fs::path ensure_workspace(const fs::path& cache, std::int64_t persons) {
    const fs::path dir = cache / ("ws-" + std::to_string(persons));
    const fs::path ready = cache / ("ws-" + std::to_string(persons) + ".ready");
    if (fs::exists(ready)) {
        std::printf("workspace %s (reused)\n", dir.c_str());
        return dir;
    }
    fs::remove_all(dir);
    fs::create_directories(cache);
    const auto start = Stopwatch::now();
    auto ws = db::Workspace::create(dir, kAdmin, kPassword, db::interactive_kdf());
    if (!ws) fail("create", ws.error());
    SystemClock clock;
    Session admin{**ws, **ws, clock, Actor{kAdmin, Role::Administrator}};
    if (auto ok = record_workspace_created(admin, "Benchmark administrator"); !ok) fail("record_workspace_created", ok.error());
    if (auto ok = add_user(admin, {kUser, "Benchmark officer", Role::Officer, kPassword}); !ok) fail("add_user", ok.error());
    test::FleetSize fleet;
    fleet.kits = 1000;
    if (auto ok = test::fill_fleet(**ws, fleet); !ok) fail("fill_fleet", ok.error());
    test::CensusFill census;
    census.persons = persons;
    auto filled = test::fill_census(**ws, census);
    if (!filled) fail("fill_census", filled.error());
    if (auto ok = (*ws)->checkpoint(); !ok) fail("checkpoint", ok.error());
    ws->reset();
    std::ofstream(ready) << persons << " persons\n";
    std::printf("workspace %s: %lld persons, %lld households, %d kits (made in %.0f s)\n", dir.c_str(),
                static_cast<long long>(filled->persons), static_cast<long long>(filled->households), fleet.kits,
                ms_since(start) / 1000);
    return dir;
}

/// Argon2id alone, with the parameters of the real application's key slots.
void time_key_derivation() {
    const auto params = db::interactive_kdf();
    const std::vector<unsigned char> salt(16, 7);
    std::vector<double> runs;
    for (int i = 0; i < 3; ++i) {
        const auto start = Stopwatch::now();
        if (auto key = db::derive_key(kPassword, salt, params); !key) fail("derive_key", key.error());
        runs.push_back(ms_since(start));
    }
    std::ranges::sort(runs);
    std::printf("key derivation alone (Argon2id t=%u m=%u MiB p=%u): best %.0f ms, median %.0f ms\n", params.t_cost,
                params.m_cost_kib / 1024, params.parallelism, runs.front(), runs[1]);
}

void drop_page_cache() {
    ::sync();
    std::ofstream drop("/proc/sys/vm/drop_caches");
    drop << "3\n";
    drop.flush();
    if (!drop) std::printf("  (could not drop the page cache: not root, or /proc/sys read-only; this run is warm)\n");
}

/// Runs a shell command (xdotool) and says when it failed.
bool shell(const std::string& command) {
    const int rc = std::system(command.c_str());
    if (rc != 0) std::fprintf(stderr, "  command failed (%d): %s\n", rc, command.c_str());
    return rc == 0;
}

struct Run {
    std::map<std::string, double> at;  // milestone -> ms after the launch
    bool complete = false;
};

Run launch_once(const fs::path& workspace, const std::string& lang) {
    test::TempDir config("sanaq-bench-config");  // no remembered user or appearance: a first sign-in
    std::vector<std::string> env_text;
    for (char** e = environ; *e; ++e) {
        const std::string kv = *e;
        if (kv.starts_with("SANAQ_STARTUP_TIMING=") || kv.starts_with("SANAQ_CONFIG_DIR=") || kv.starts_with("SANAQ_KDF_PROFILE="))
            continue;
        env_text.push_back(kv);
    }
    env_text.push_back("SANAQ_STARTUP_TIMING=1");
    env_text.push_back("SANAQ_CONFIG_DIR=" + config.path().string());
    env_text.push_back("SANAQ_NO_DESKTOP_NOTICES=1");
    std::vector<char*> envp;
    for (auto& s : env_text) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string binary = SANAQ_STATION_BINARY, ws_opt = "--workspace", ws_arg = workspace.string(), lang_opt = "--lang",
                lang_arg = lang;
    std::vector<char*> argv{binary.data(), ws_opt.data(), ws_arg.data(), lang_opt.data(), lang_arg.data(), nullptr};

    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) std::exit(1);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    pid_t pid = 0;
    const auto launched = Stopwatch::now();
    if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data()) != 0) {
        std::perror("posix_spawn");
        std::exit(1);
    }
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);

    Run run;
    std::mutex mutex;
    std::thread reader([&] {
        FILE* in = ::fdopen(pipe_fds[0], "r");
        char line[4096];
        while (std::fgets(line, sizeof line, in)) {
            char name[128];
            double t = 0;
            if (std::sscanf(line, "sanaq-startup %127s %lf", name, &t) == 2) {
                std::lock_guard lock(mutex);
                run.at[name] = (t - seconds_of(launched)) * 1000.0;
            } else if (std::getenv("SANAQ_BENCH_VERBOSE")) {
                std::fputs(line, stderr);
            }
        }
        std::fclose(in);
    });
    const auto seen = [&](const char* name) {
        std::lock_guard lock(mutex);
        return run.at.contains(name);
    };
    const auto wait_for = [&](const char* name, std::chrono::seconds limit) {
        const auto end = Stopwatch::now() + limit;
        while (!seen(name) && Stopwatch::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        return seen(name);
    };

    if (wait_for("login_shown", std::chrono::seconds(60))) {
        // The login dialog has focus on the user field (no remembered user): type as a person would.
        const std::string pid_text = std::to_string(pid);
        shell("xdotool search --sync --onlyvisible --pid " + pid_text + " | head -1 | xargs -r -I{} xdotool windowfocus --sync {}");
        shell("xdotool type --delay 2 '" + kUser + "' && xdotool key Tab && xdotool type --delay 2 '" + kPassword +
              "' && xdotool key Return");
        run.complete = wait_for("idle", std::chrono::seconds(120));
    }
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    reader.join();
    return run;
}

void print_run(int number, const char* cache_state, const Run& run) {
    const auto at = [&](const char* name) -> std::optional<double> {
        auto it = run.at.find(name);
        if (it == run.at.end()) return std::nullopt;
        return it->second;
    };
    const auto span = [&](const char* label, const char* from, const char* to) {
        auto a = from ? at(from) : std::optional<double>(0.0);
        auto b = at(to);
        if (a && b) std::printf("  %-52s %8.0f ms\n", label, *b - *a);
        else std::printf("  %-52s %8s\n", label, "-");
    };
    std::printf("run %d (%s page cache)%s\n", number, cache_state, run.complete ? "" : "  INCOMPLETE");
    span("launch -> wx/GTK up (app_init)", nullptr, "app_init");
    span("app_init -> login dialog shown, loop idle", "app_init", "login_shown");
    span("sign in pressed -> workspace open (KDF + SQLCipher)", "sign_in_pressed", "workspace_opened");
    span("workspace open -> main window being built", "workspace_opened", "main_window_building");
    span("main window built and shown", "main_window_building", "main_window_shown");
    span("main window shown -> dashboard populated", "main_window_shown", "dashboard_populated");
    span("dashboard populated -> event loop idle", "dashboard_populated", "idle");
    auto login = at("login_shown"), pressed = at("sign_in_pressed"), idle = at("idle");
    if (login && pressed && idle) {
        std::printf("  %-52s %8.0f ms\n", "launch -> login shown", *login);
        std::printf("  %-52s %8.0f ms\n", "sign in pressed -> dashboard, idle", *idle - *pressed);
        std::printf("  %-52s %8.0f ms   (typing not counted)\n", "TOTAL to a usable main window", *login + *idle - *pressed);
    }
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    fs::path cache;
    std::int64_t persons = 1'000'000;
    int runs = 3;
    std::string lang = "kk";
    bool drop = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
        else if (arg == "--lang" && i + 1 < argc) lang = argv[++i];
        else if (arg == "--drop-caches") drop = true;
        else if (cache.empty() && !arg.starts_with("-")) cache = arg;
        else if (std::atoll(argv[i]) > 0) persons = std::atoll(argv[i]);
        else cache.clear(), i = argc;
    }
    if (cache.empty() || runs < 1) {
        std::fprintf(stderr,
                     "usage: bench_ui_cold_start CACHE_DIR [persons=1000000] [--runs N] [--lang kk|ru|en] [--drop-caches]\n"
                     "       (under xvfb-run -a; needs xdotool)\n");
        return 2;
    }
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "no display: run under xvfb-run -a\n");
        return 2;
    }
    ::unsetenv("SANAQ_KDF_PROFILE");  // the real key derivation, as the application has it
    const fs::path workspace = ensure_workspace(fs::absolute(cache), persons);
    time_key_derivation();
    for (int i = 1; i <= runs; ++i) {
        if (drop) drop_page_cache();
        print_run(i, drop ? "dropped" : (i == 1 ? "as found" : "warm"), launch_once(workspace, lang));
    }
    return 0;
}
