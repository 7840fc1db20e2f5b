#pragma once
// Runs the real `sanaq` binary (and `sanaq-tablet-sim`) as a user would, with a controlled environment.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sanaq::test {

struct CliRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs SANAQ_CLI_PATH with `args`; `env` is added to a minimal environment that always carries
/// SANAQ_KDF_PROFILE=test and the locale folder.
CliRun run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

/// The environment the CLI runs in, as NAME=VALUE: a minimal one (PATH, HOME=`home`, LANG
/// C.UTF-8, SANAQ_KDF_PROFILE=test, the locale folder, TMPDIR) with `env` on top.
std::vector<std::string> cli_environment(const std::filesystem::path& home,
                                         const std::map<std::string, std::string>& env);

/// Runs `sanaq-tablet-sim` (the census simulator's program: simulated tablets and lists) the same
/// way.
CliRun run_tablet_sim(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

/// Runs another program (the shipped `sanaq`, `sanaq-upstream`) the same way.
CliRun run_program(const std::string& binary, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {});

/// The same, but the process is killed with SIGKILL after `kill_after_ms` if still running
/// (exit_code is then 128 + 9): a crash at an arbitrary moment.
CliRun run_cli_killed_after(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                            int kill_after_ms);

/// The same with SIGINT (Ctrl+C) instead: a command that runs until it is interrupted.
CliRun run_cli_interrupted_after(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                                 int interrupt_after_ms);

}  // namespace sanaq::test
