#include "forked_read.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include "tables/table.h"

namespace sanaq::test::inputs {
namespace {

constexpr char kSep = '\x1e';

void write_all(int fd, const std::string& text) {
    for (std::size_t at = 0; at < text.size();) {
        ssize_t n = write(fd, text.data() + at, text.size() - at);
        if (n <= 0) return;
        at += static_cast<std::size_t>(n);
    }
}

}  // namespace

ForkedRead read_in_child(const std::function<std::string()>& make, const std::string& name) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    const auto started = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        close(fds[0]);
        rlimit as{};
        as.rlim_cur = as.rlim_max = rlim_t{2048} << 20;  // a bomb that still works fails, not the machine
        setrlimit(RLIMIT_AS, &as);
        std::string report;
        try {
            auto table = tables::parse_table(make(), name);
            if (table) {
                report = "ok";
            } else {
                // A counted error reports its plural msgid: the budgets are counts above one.
                const auto& e = table.error();
                report = "error" + std::string(1, kSep) + (e.counted() ? e.plural_id : e.message_id) + kSep + e.detail;

                for (const auto& a : table.error().args) report += kSep + a;
            }
        } catch (const std::exception& e) {
            report = std::string("exception") + kSep + e.what();
        }
        write_all(fds[1], report);
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    std::string report;
    char buffer[4096];
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) report.append(buffer, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    ForkedRead result;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.peak_rss_kib = usage.ru_maxrss;
    std::vector<std::string> parts;
    for (std::size_t from = 0;;) {
        std::size_t sep = report.find(kSep, from);
        parts.push_back(report.substr(from, sep - from));
        if (sep == std::string::npos) break;
        from = sep + 1;
    }
    result.ok = parts[0] == "ok";
    if (parts[0] == "error" && parts.size() >= 3) {
        result.message_id = parts[1];
        result.detail = parts[2];
        result.args.assign(parts.begin() + 3, parts.end());
    } else if (parts[0] == "exception" && parts.size() >= 2) {
        result.detail = parts[1];
    }
    return result;
}

}  // namespace sanaq::test::inputs
