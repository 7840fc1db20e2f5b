#include "support/receiver_fixture.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

extern char** environ;

namespace sanaq::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<char*> c_argv(std::vector<std::string>& args) {
    std::vector<char*> out;
    for (auto& a : args) out.push_back(a.data());
    out.push_back(nullptr);
    return out;
}

// Starts `args` with stdout into a new pipe (returned, read end) and stderr into `stderr_path`;
// no other descriptor of the test process leaks into the child.
pid_t spawn(std::vector<std::string> args, int* stdout_read, const fs::path& stderr_path) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    auto argv = c_argv(args);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        throw std::runtime_error("cannot start " + args[0]);
    }
    *stdout_read = fds[0];
    return pid;
}

// The whole stdout of a short-lived child, and its exit status.
int run(std::vector<std::string> args, std::string* out, const fs::path& stderr_path) {
    int fd = -1;
    pid_t pid = spawn(std::move(args), &fd, stderr_path);
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0 && out) out->append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

fs::path logs_dir() {
    fs::path dir = TestPki::instance().dir() / "logs";
    fs::create_directories(dir);
    return dir;
}

fs::path next_log(const std::string& what) {
    static std::atomic<int> counter{0};
    return logs_dir() / (what + "-" + std::to_string(++counter) + ".log");
}

}  // namespace

fs::path receiver_binary() { return SANAQ_UPSTREAM_BINARY; }

TestPki::TestPki() {
    // A receiver that drops a connection on purpose must not kill the test process with SIGPIPE
    // on the next write to it (OpenSSL writes to sockets without MSG_NOSIGNAL).
    ::signal(SIGPIPE, SIG_IGN);
    fs::path script = source_dir() / "installer" / "make-test-pki.sh";
    if (!fs::exists(script)) script = fs::path(SANAQ_TEST_SOURCE_ROOT) / "installer" / "make-test-pki.sh";
    std::string out;
    int rc = run({"/bin/bash", script.string(), dir_.path().string()}, &out, dir_.path() / "make-test-pki.log");
    if (rc != 0 || !fs::exists(file("receipt.pub")))
        throw std::runtime_error("make-test-pki.sh failed: " + read_file(dir_.path() / "make-test-pki.log"));
}

const TestPki& TestPki::instance() {
    static TestPki pki;
    return pki;
}

std::string TestPki::p12_password() const {
    const char* v = std::getenv("SANAQ_TEST_P12_PASSWORD");
    return v && *v ? v : "sanaq-test";
}

ReceiverProcess::ReceiverProcess(const fs::path& store, const std::vector<std::string>& extra_args)
    : store_(store), log_path_(next_log("receiver")) {
    const auto& pki = TestPki::instance();
    std::vector<std::string> args{receiver_binary().string(), "--listen", "127.0.0.1:0",
                                  "--cert", pki.server_pem().string(), "--key", pki.server_key().string(),
                                  "--client-ca", pki.ca_pem().string(), "--store", store.string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    int fd = -1;
    pid_ = spawn(args, &fd, log_path_);

    // Wait for "listening on 127.0.0.1:<port>\n".
    std::string line;
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
        if (::poll(&p, 1, std::max(left, 1)) <= 0) continue;
        char buffer[256];
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) break;   // the receiver exited
        line.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    const std::string prefix = "listening on ";
    auto colon = line.rfind(':');
    if (!line.starts_with(prefix) || colon == std::string::npos) {
        kill();
        throw std::runtime_error("sanaq-upstream did not start: " + log());
    }
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
}

ReceiverProcess::~ReceiverProcess() {
    try {
        stop();
    } catch (...) {
    }
}

std::string ReceiverProcess::url() const { return "https://localhost:" + std::to_string(port_); }

std::string ReceiverProcess::log() const { return read_file(log_path_); }

bool ReceiverProcess::running() {
    if (pid_ < 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        pid_ = -1;
        return false;
    }
    return true;
}

int ReceiverProcess::wait_for_exit() {
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (running()) {
        if (Clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            deadline = Clock::now() + std::chrono::seconds(10);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return exit_status_;
}

int ReceiverProcess::stop() {
    if (pid_ >= 0) ::kill(pid_, SIGTERM);
    return wait_for_exit();
}

void ReceiverProcess::kill() {
    if (pid_ >= 0) ::kill(pid_, SIGKILL);
    wait_for_exit();
}

ReceiverStats receiver_stats(const fs::path& store) {
    std::string out;
    fs::path err = next_log("stats");
    int rc = run({receiver_binary().string(), "--store", store.string(), "stats", "--json"}, &out, err);
    if (rc != 0) throw std::runtime_error("sanaq-upstream stats failed: " + read_file(err));
    auto j = nlohmann::json::parse(out);
    ReceiverStats s;
    s.batches = j.at("batches").get<std::int64_t>();
    s.households = j.at("households").get<std::int64_t>();
    s.persons = j.at("persons").get<std::int64_t>();
    s.distinct_records = j.at("distinct_records").get<std::int64_t>();
    s.records_received_more_than_once = j.at("records_received_more_than_once").get<std::int64_t>();
    return s;
}

ConformanceRun run_conformance(const ReceiverProcess& receiver, const std::vector<std::string>& extra) {
    const auto& pki = TestPki::instance();
    std::vector<std::string> args{receiver_binary().string(), "--conformance", receiver.url(), "--client-cert",
                                  pki.client_pem().string(), "--client-key", pki.client_key().string(), "--ca",
                                  pki.ca_pem().string(), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string out;
    ConformanceRun r;
    r.exit_code = run(args, &out, next_log("conformance"));
    r.report = nlohmann::json::parse(out, nullptr, false);
    return r;
}

int free_loopback_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

}  // namespace sanaq::test
