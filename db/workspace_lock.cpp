#include "db/workspace_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>
#include <string>

#include "core/domain/clock.h"

namespace sanaq::db {
namespace {

std::string host_name() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown host";
    return buf;
}

std::map<std::string, std::string> read_holder(int fd) {
    std::string text(4096, '\0');
    ssize_t n = ::pread(fd, text.data(), text.size(), 0);
    text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        auto eq = line.find('=');
        if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
}

}  // namespace

WorkspaceLock& WorkspaceLock::operator=(WorkspaceLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

WorkspaceLock::~WorkspaceLock() {
    // Closing the descriptor drops the flock. The file stays: deleting it would let a third
    // instance lock a fresh inode while a second still waits on the old one.
    if (fd_ >= 0) ::close(fd_);
}

Result<WorkspaceLock> WorkspaceLock::acquire(const std::filesystem::path& dir) {
    const auto path = dir / kLockFileName;
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(ErrorCode::Io, N_("Could not write the file {}."), {path.string()}, std::strerror(errno));
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) continue;
        const int err = errno;
        if (err != EWOULDBLOCK) {
            ::close(fd);
            return fail(ErrorCode::Io, N_("Could not write the file {}."), {path.string()}, std::strerror(err));
        }
        auto holder = read_holder(fd);
        ::close(fd);
        auto get = [&](const char* key) {
            auto it = holder.find(key);
            return it == holder.end() || it->second.empty() ? std::string("?") : it->second;
        };
        return fail(ErrorCode::WorkspaceLocked,
                    N_("The workspace {} is in use by another Sanaq Station (process {} on {}, since {})."),
                    {dir.string(), get("pid"), get("host"), get("started_utc")});
    }
    const std::string content = "pid=" + std::to_string(::getpid()) + "\nhost=" + host_name() +
                                "\nstarted_utc=" + iso_utc(std::chrono::system_clock::now()) + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, content.data(), content.size(), 0) != static_cast<ssize_t>(content.size())) {
        const int err = errno;
        ::close(fd);
        return fail(ErrorCode::Io, N_("Could not write the file {}."), {path.string()}, std::strerror(err));
    }
    return WorkspaceLock(fd);
}

}  // namespace sanaq::db
