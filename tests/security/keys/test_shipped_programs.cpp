// The programs a department installs: they never write or open a key slot weaker than their floor
// whatever the environment says, and no crash of theirs leaves memory in a core file.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/io/process_hardening.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"

extern char** environ;

namespace sanaq::test {
namespace {

const std::string kAdmin = "aigerim.admin";
const std::string kAdminPassword = "correct horse battery";

bool binary_defines(const std::string& binary, const std::string& symbol) {
    const std::string command = "nm --defined-only '" + binary + "' 2>/dev/null | grep -q ' " + symbol + "$'";
    return std::system(command.c_str()) == 0;
}

/// "Max core file size" of a running process: soft and hard, as /proc/<pid>/limits shows them.
std::optional<std::string> core_limit_of(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("Max core file size")) return line;
    return std::nullopt;
}

bool core_limit_is_zero(const std::string& line) {
    std::istringstream words(line.substr(std::string("Max core file size").size()));
    std::string soft, hard;
    words >> soft >> hard;
    return soft == "0" && hard == "0";
}

pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& extra_env) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setsid();
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<char*> argv, envp;
        std::vector<std::string> a = args;
        for (auto& s : a) argv.push_back(s.data());
        argv.push_back(nullptr);
        for (auto& s : env_strings) envp.push_back(s.data());
        envp.push_back(nullptr);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    return pid;
}

/// The pid of a running process whose executable is `binary` (a grandchild, e.g. under xvfb-run).
std::optional<pid_t> find_process(const std::string& binary, std::chrono::seconds within) {
    const auto wanted = std::filesystem::canonical(binary);
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
        for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
            const auto name = entry.path().filename().string();
            if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
            std::error_code ec;
            const auto exe = std::filesystem::read_symlink(entry.path() / "exe", ec);
            if (!ec && exe == wanted) return static_cast<pid_t>(std::stol(name));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::nullopt;
}

void stop(pid_t pid) {
    ::kill(pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
        if (::waitpid(pid, nullptr, WNOHANG) == pid) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shipped_programs)

BOOST_AUTO_TEST_CASE(only_the_test_programs_contain_the_weak_kdf) {
    BOOST_TEST(binary_defines(SANAQ_TEST_CLI, "sanaq_weak_kdf_allowed"), "the checker itself finds the symbol");
    BOOST_TEST(!binary_defines(SANAQ_SHIPPED_CLI, "sanaq_weak_kdf_allowed"));
    BOOST_TEST(!binary_defines(SANAQ_UPSTREAM_BINARY, "sanaq_weak_kdf_allowed"));
#ifdef SANAQ_STATION_BINARY
    BOOST_TEST(!binary_defines(SANAQ_STATION_BINARY, "sanaq_weak_kdf_allowed"));
#endif
}

BOOST_AUTO_TEST_CASE(the_shipped_cli_ignores_the_weak_kdf_environment) {
    TempDir tmp("sanaq-sec-kdf");
    const auto ws = (tmp / "ws").string();
    const auto made = run_program(SANAQ_SHIPPED_CLI, {"--workspace", ws, "init", "--admin", kAdmin},
                                  {{"SANAQ_KDF_PROFILE", "test"}, {"SANAQ_NEW_PASSWORD", kAdminPassword}});
    BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
    const auto slots = nlohmann::json::parse(read_file(tmp / "ws" / "keyslots.json"));
    const auto& kdf = slots.at("slots").at(0).at("kdf");
    BOOST_TEST(kdf.at("t_cost").get<int>() >= 3);
    BOOST_TEST(kdf.at("m_cost_kib").get<int>() >= 64 * 1024);
}

BOOST_AUTO_TEST_CASE(the_shipped_cli_refuses_a_slot_below_its_floor) {
    TempDir tmp("sanaq-sec-kdf");
    const auto ws = (tmp / "ws").string();
    const auto made = run_cli({"--workspace", ws, "init", "--admin", kAdmin}, {{"SANAQ_NEW_PASSWORD", kAdminPassword}});
    BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
    BOOST_TEST(run_cli({"--workspace", ws, "--user", kAdmin, "audit", "verify"}, {{"SANAQ_PASSWORD", kAdminPassword}})
                   .exit_code == 0);
    const auto refused = run_program(SANAQ_SHIPPED_CLI, {"--workspace", ws, "--user", kAdmin, "audit", "verify"},
                                     {{"SANAQ_PASSWORD", kAdminPassword}, {"SANAQ_KDF_PROFILE", "test"}});
    BOOST_TEST(refused.exit_code != 0);
    BOOST_TEST(refused.err.find("keyslots.json") != std::string::npos, refused.err);
}

BOOST_AUTO_TEST_CASE(forbidding_core_dumps_holds_in_the_process) {
    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        if (!io::forbid_core_dumps()) ::_exit(2);
        rlimit limit{};
        ::getrlimit(RLIMIT_CORE, &limit);
        const rlimit raise{RLIM_INFINITY, RLIM_INFINITY};
        const bool raised = ::setrlimit(RLIMIT_CORE, &raise) == 0 && ::getuid() != 0;  // root may raise it
        ::_exit(limit.rlim_cur == 0 && limit.rlim_max == 0 && ::prctl(PR_GET_DUMPABLE) == 0 && !raised ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

// The CLI waiting for its password (read from a FIFO nobody has written yet): the moment a
// secret arrives, the process already has no core file to leave.
BOOST_AUTO_TEST_CASE(the_cli_runs_without_core_dumps) {
    TempDir tmp("sanaq-sec-core");
    const auto fifo = tmp / "password";
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const pid_t pid = spawn({SANAQ_SHIPPED_CLI, "--workspace", (tmp / "ws").string(), "--user", kAdmin,
                             "--password-file", fifo.string(), "audit", "verify"},
                            {});
    // Generous: main() sets the limit before it parses a word; the FIFO then holds it at the password.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto limit = core_limit_of(pid);
    const bool waiting = ::waitpid(pid, nullptr, WNOHANG) == 0;
    stop(pid);
    BOOST_REQUIRE_MESSAGE(waiting, "the CLI should still be waiting for its password");
    BOOST_REQUIRE(limit.has_value());
    BOOST_TEST(core_limit_is_zero(*limit), *limit);
}

BOOST_AUTO_TEST_CASE(the_receiver_runs_without_core_dumps) {
    TempDir tmp("sanaq-sec-core");
    const auto pki = tmp / "pki";
    const std::string make = "bash '" + std::string(SANAQ_TEST_SOURCE_ROOT) + "/installer/make-test-pki.sh' '" +
                             pki.string() + "' >/dev/null 2>&1";
    BOOST_REQUIRE(std::system(make.c_str()) == 0);
    const pid_t pid = spawn({SANAQ_UPSTREAM_BINARY, "--listen", "127.0.0.1:0", "--cert", (pki / "server.pem").string(),
                             "--key", (pki / "server.key").string(), "--client-ca", (pki / "ca.pem").string(),
                             "--receipt-key", (pki / "receipt.key").string(), "--store", (tmp / "store").string()},
                            {});
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto limit = core_limit_of(pid);
    const bool running = ::waitpid(pid, nullptr, WNOHANG) == 0;
    stop(pid);
    BOOST_REQUIRE(running);
    BOOST_REQUIRE(limit.has_value());
    BOOST_TEST(core_limit_is_zero(*limit), *limit);
}

#ifdef SANAQ_STATION_BINARY
BOOST_AUTO_TEST_CASE(the_station_runs_without_core_dumps) {
    TempDir tmp("sanaq-sec-core");
    const pid_t runner = spawn({"/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1280x900x24", SANAQ_STATION_BINARY,
                                "--workspace", (tmp / "ws").string()},
                               {"HOME=" + tmp.path().string(), "SANAQ_CONFIG_DIR=" + (tmp / "config").string()});
    const auto pid = find_process(SANAQ_STATION_BINARY, std::chrono::seconds(60));
    std::optional<std::string> limit;
    // Found as soon as it is exec'd; the dynamic loader then takes a while before main's first line.
    if (pid) std::this_thread::sleep_for(std::chrono::seconds(3));
    if (pid) limit = core_limit_of(*pid);
    if (pid) ::kill(*pid, SIGTERM);
    stop(runner);
    BOOST_REQUIRE_MESSAGE(pid.has_value(), "sanaq-station did not start under xvfb-run");
    BOOST_REQUIRE(limit.has_value());
    BOOST_TEST(core_limit_is_zero(*limit), *limit);
}
#endif

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test
