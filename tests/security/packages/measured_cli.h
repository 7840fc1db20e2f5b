#pragma once
// Runs the real `sanaq` binary in a child process and reports, besides its exit code and output,
// its peak resident memory (ru_maxrss from wait4): how the memory of a hostile package is measured.
#include <map>
#include <string>
#include <vector>

namespace sanaq::test {

struct MeasuredRun {
    int exit_code = -1;
    std::string out;
    std::string err;
    long peak_rss_kib = 0;   // the child's own peak, not the test's
};

/// SANAQ_CLI_PATH with `args`; `env` is added to a minimal environment that carries
/// SANAQ_KDF_PROFILE=test and the locale folder (as tests/cli/run_cli.h).
MeasuredRun run_measured(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

}  // namespace sanaq::test
