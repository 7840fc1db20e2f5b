#include "openssl_tool.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.h"
#include "support/receiver_fixture.h"

extern char** environ;

namespace sanaq::test {
namespace {

namespace fs = std::filesystem;

pid_t spawn_openssl(const std::vector<std::string>& args, const fs::path& output) {
    std::vector<std::string> all{"openssl"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start openssl");
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

fs::path log_file(const std::string& what) {
    static int counter = 0;
    fs::path dir = TestPki::instance().dir() / "logs";
    fs::create_directories(dir);
    return dir / ("openssl-" + what + "-" + std::to_string(++counter) + ".log");
}

}  // namespace

int run_openssl(const std::vector<std::string>& args, std::string* output) {
    fs::path log = log_file(args.empty() ? "run" : args.front());
    int rc = wait_for(spawn_openssl(args, log));
    if (output) *output = read_file(log);
    return rc;
}


void make_rsa_server_certificate(const fs::path& dir) {
    const auto& pki = TestPki::instance();
    {
        std::ofstream ext(dir / "rsa-server.cnf");
        ext << "[server_ext]\nbasicConstraints = critical, CA:FALSE\n"
               "keyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n"
               "subjectAltName = DNS:localhost, IP:127.0.0.1\n";
    }
    std::string out;
    if (run_openssl({"req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout",
                     (dir / "rsa-server.key").string(), "-out", (dir / "rsa-server.csr").string()},
                    &out) != 0)
        throw std::runtime_error("openssl req failed: " + out);
    if (run_openssl({"x509", "-req", "-in", (dir / "rsa-server.csr").string(), "-CA", pki.ca_pem().string(), "-CAkey",
                     pki.file("ca.key").string(), "-set_serial", "4242", "-days", "30", "-sha256", "-extfile",
                     (dir / "rsa-server.cnf").string(), "-extensions", "server_ext", "-out",
                     (dir / "rsa-server.pem").string()},
                    &out) != 0)
        throw std::runtime_error("openssl x509 failed: " + out);
}

OpensslServer::OpensslServer(int port, const std::vector<std::string>& args) : port_(port) {
    std::vector<std::string> all{"s_server", "-accept", "127.0.0.1:" + std::to_string(port), "-www"};
    all.insert(all.end(), args.begin(), args.end());
    pid_ = spawn_openssl(all, log_file("s_server"));
    for (int i = 0; i < 200 && !accepts(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!accepts(port)) throw std::runtime_error("openssl s_server did not start");
}

OpensslServer::~OpensslServer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    wait_for(pid_);
}

}  // namespace sanaq::test
