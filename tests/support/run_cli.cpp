#include "support/run_cli.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "support/temp_dir.h"

extern char** environ;

namespace sanaq::test {

std::vector<std::string> cli_environment(const std::filesystem::path& home,
                                         const std::map<std::string, std::string>& env) {
    std::map<std::string, std::string> e = {{"PATH", "/usr/bin:/bin"}, {"HOME", home.string()},
                                            {"SANAQ_KDF_PROFILE", "test"}, {"LANG", "C.UTF-8"}};
    if (const char* v = std::getenv("SANAQ_LOCALE_DIR")) e["SANAQ_LOCALE_DIR"] = v;
    if (const char* v = std::getenv("TMPDIR")) e["TMPDIR"] = v;
    for (const auto& [k, v] : env) e[k] = v;
    std::vector<std::string> strings;
    for (const auto& [k, v] : e) strings.push_back(k + "=" + v);
    return strings;
}

namespace {
CliRun spawn_and_wait(const std::string& binary, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env, int kill_after_ms, int signal = SIGKILL);
}  // namespace

CliRun run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    return spawn_and_wait(SANAQ_CLI_PATH, args, env, -1);
}

CliRun run_tablet_sim(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    return spawn_and_wait(SANAQ_TABLET_SIM_PATH, args, env, -1);
}

CliRun run_program(const std::string& binary, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env) {
    return spawn_and_wait(binary, args, env, -1);
}

CliRun run_cli_killed_after(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                            int kill_after_ms) {
    return spawn_and_wait(SANAQ_CLI_PATH, args, env, kill_after_ms);
}

CliRun run_cli_interrupted_after(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                                 int interrupt_after_ms) {
    return spawn_and_wait(SANAQ_CLI_PATH, args, env, interrupt_after_ms, SIGINT);
}

namespace {
CliRun spawn_and_wait(const std::string& binary, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env, int kill_after_ms, int signal) {
    TempDir io("sanaq-cli-io");
    const auto out_path = io / "out", err_path = io / "err";
    auto env_strings = cli_environment(io.path(), env);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = {binary};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    // A new session: no controlling terminal, so a missing password cannot hang on a prompt.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &fa, &attr, argv.data(), envp.data()) != 0)
        throw std::runtime_error("cannot start " + argv_strings[0]);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    int status = 0;
    bool ended = false;
    if (kill_after_ms >= 0) {
        // Poll so a run that ends early is not killed after the fact (its pid could be reused).
        for (int waited = 0; waited < kill_after_ms && !ended; waited += 5) {
            ended = waitpid(pid, &status, WNOHANG) == pid;
            if (!ended) usleep(5000);
        }
        if (!ended) kill(pid, signal);
    }
    if (!ended) waitpid(pid, &status, 0);
    CliRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.out = read_file(out_path);
    run.err = read_file(err_path);
    return run;
}
}  // namespace

}  // namespace sanaq::test
