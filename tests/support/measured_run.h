#pragma once
// Runs the real `sanaq` binary in a child process and measures what it cost: peak resident
// memory (ru_maxrss from wait4) and wall time. The child gets an address-space ceiling and a
// kill timer, so a bomb that still works against the code cannot take the build machine down
// with it — it fails the test instead.
#include <map>
#include <string>
#include <vector>

namespace sanaq::test {

struct MeasuredRun {
    int exit_code = -1;        // 128 + signal when killed
    std::string out, err;
    long peak_rss_kib = 0;     // the child's peak resident set
    double seconds = 0;        // wall time
    bool killed_by_timer = false;
};

/// The test CLI (`sanaq-test`, as run_cli) with `args`, SANAQ_KDF_PROFILE=test, LANG C.UTF-8 and `env`. The child may map
/// at most `address_space_mib` and runs at most `kill_after_seconds`.
MeasuredRun run_sanaq_measured(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                               long address_space_mib = 4096, int kill_after_seconds = 180);

}  // namespace sanaq::test
