#pragma once
// The peak resident memory of a running process, from the kernel's own account: VmHWM in
// /proc/<pid>/status ("high water mark"). The receiver runs as a child of the test, so its peak
// is what a hostile request made it take — nothing of the test process is in it.
#include <sys/types.h>

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

namespace sanaq::test {

inline std::int64_t peak_resident_bytes(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("VmHWM:")) return std::stoll(line.substr(6)) * 1024;   // "VmHWM:   12345 kB"
    throw std::runtime_error("no VmHWM for process " + std::to_string(pid));
}

inline constexpr std::int64_t kMiB = std::int64_t{1} << 20;

}  // namespace sanaq::test
