#include "support/measured_run.h"

#include "support/run_cli.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.h"

namespace sanaq::test {

MeasuredRun run_sanaq_measured(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                               long address_space_mib, int kill_after_seconds) {
    TempDir io("sanaq-measured-io");
    const auto out_path = io / "out", err_path = io / "err";
    auto env_strings = cli_environment(io.path(), env);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = {SANAQ_CLI_PATH};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    const auto started = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec.
        int in = open("/dev/null", O_RDONLY);
        int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0) _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        setsid();  // no controlling terminal: a missing password cannot hang on a prompt
        rlimit as{};
        as.rlim_cur = as.rlim_max = static_cast<rlim_t>(address_space_mib) << 20;
        setrlimit(RLIMIT_AS, &as);
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    MeasuredRun run;
    int status = 0;
    rusage usage{};
    const auto deadline = started + std::chrono::seconds(kill_after_seconds);
    for (;;) {
        pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) break;
        if (std::chrono::steady_clock::now() > deadline && !run.killed_by_timer) {
            kill(pid, SIGKILL);
            run.killed_by_timer = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.peak_rss_kib = usage.ru_maxrss;
    run.out = read_file(out_path);
    run.err = read_file(err_path);
    return run;
}

}  // namespace sanaq::test
