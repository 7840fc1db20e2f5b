#include "measured_cli.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "support/temp_dir.h"

namespace sanaq::test {

MeasuredRun run_measured(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    TempDir io("sanaq-measured-io");
    const auto out_path = io / "out", err_path = io / "err";
    std::map<std::string, std::string> e = {{"PATH", "/usr/bin:/bin"}, {"HOME", io.path().string()},
                                            {"SANAQ_KDF_PROFILE", "test"}, {"LANG", "C.UTF-8"}};
    if (const char* v = std::getenv("SANAQ_LOCALE_DIR")) e["SANAQ_LOCALE_DIR"] = v;
    if (const char* v = std::getenv("TMPDIR")) e["TMPDIR"] = v;
    for (const auto& [k, v] : env) e[k] = v;
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : e) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = {SANAQ_CLI_PATH};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);   // no terminal: a missing password cannot hang
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &fa, &attr, argv.data(), envp.data()) != 0)
        throw std::runtime_error("cannot start " + argv_strings[0]);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    int status = 0;
    struct rusage usage {};
    if (wait4(pid, &status, 0, &usage) != pid) throw std::runtime_error("wait4 failed");
    MeasuredRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.peak_rss_kib = usage.ru_maxrss;
    run.out = read_file(out_path);
    run.err = read_file(err_path);
    return run;
}

}  // namespace sanaq::test
