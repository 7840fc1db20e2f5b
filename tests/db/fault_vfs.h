#pragma once
// A VFS over SQLite's default one that makes writes or syncs of chosen files fail, to see what a
// commit across attached files leaves behind when one file's I/O fails (tests/db/test_attach.cpp).
// While a FaultVfs lives it is SQLite's default VFS, so Database::open and ATTACH go through it;
// every connection opened through it must be closed before it is destroyed.
#include <atomic>
#include <string>

struct sqlite3_vfs;

namespace sanaq::test {

class FaultVfs {
public:
    /// Exit: the process ends (_exit(0)) at the first write to the file, as a crash or power cut
    /// would end it there (for a forked child, tests/db/test_commit_marker.cpp).
    enum class Fault { None, Write, Sync, Exit };

    FaultVfs();
    ~FaultVfs();
    FaultVfs(const FaultVfs&) = delete;
    FaultVfs& operator=(const FaultVfs&) = delete;

    /// From now on, xWrite (Fault::Write: SQLITE_IOERR_WRITE) or xSync (Fault::Sync:
    /// SQLITE_IOERR_FSYNC) fails for every open file whose full name ends with `name_suffix`.
    void arm(Fault fault, std::string name_suffix);
    void disarm() { arm(Fault::None, {}); }
    /// How many calls failed since the last arm().
    int failures() const { return failures_.load(); }

    // For the C callbacks.
    bool should_fail(Fault op, const char* file_name);

private:
    sqlite3_vfs* base_ = nullptr;
    sqlite3_vfs* vfs_ = nullptr;
    Fault fault_ = Fault::None;
    std::string suffix_;
    std::atomic<int> failures_{0};
};

}  // namespace sanaq::test
