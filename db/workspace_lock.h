#pragma once
// One Sanaq Station per workspace: an exclusive flock() on workspace.lock, held for the life of
// the Workspace. flock (not fcntl) so a second open in the same process is refused too. The file
// names the holder (pid, host, start time) for the message the next one sees.
#include <filesystem>

#include "core/error.h"

namespace sanaq::db {

inline constexpr std::string_view kLockFileName = "workspace.lock";

class WorkspaceLock {
public:
    /// WorkspaceLocked naming the holder when another instance has it; Io when the file cannot be made.
    static Result<WorkspaceLock> acquire(const std::filesystem::path& dir);

    WorkspaceLock() = default;
    ~WorkspaceLock();
    WorkspaceLock(WorkspaceLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    WorkspaceLock& operator=(WorkspaceLock&& other) noexcept;
    WorkspaceLock(const WorkspaceLock&) = delete;
    WorkspaceLock& operator=(const WorkspaceLock&) = delete;

    bool held() const { return fd_ >= 0; }

private:
    explicit WorkspaceLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace sanaq::db
