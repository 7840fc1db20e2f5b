#include "fault_vfs.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace sanaq::test {
namespace {

// Our file: the base VFS's file object follows it in the same allocation (szOsFile covers both).
struct FaultFile {
    sqlite3_file base;
    FaultVfs* owner;
    const char* name;  // valid until xClose (SQLite's promise for xOpen's zName)
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

FaultFile* self(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f); }
sqlite3_file* real(sqlite3_file* f) { return self(f)->real(); }

int x_close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) { return real(f)->pMethods->xRead(real(f), buf, n, off); }
int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    if (self(f)->owner->should_fail(FaultVfs::Fault::Exit, self(f)->name)) ::_exit(0);
    if (self(f)->owner->should_fail(FaultVfs::Fault::Write, self(f)->name)) return SQLITE_IOERR_WRITE;
    return real(f)->pMethods->xWrite(real(f), buf, n, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
int x_sync(sqlite3_file* f, int flags) {
    if (self(f)->owner->should_fail(FaultVfs::Fault::Sync, self(f)->name)) return SQLITE_IOERR_FSYNC;
    return real(f)->pMethods->xSync(real(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int x_unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int x_check_reserved(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_device_characteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** p) {
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, p);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) { return real(f)->pMethods->xShmLock(real(f), offset, n, flags); }
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** p) { return real(f)->pMethods->xFetch(real(f), off, n, p); }
int x_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return real(f)->pMethods->xUnfetch(real(f), off, p); }

// Version 3 like the unix VFS's files (WAL needs the xShm* methods).
const sqlite3_io_methods kMethods = {
    3,           x_close,       x_read,      x_write,        x_truncate,       x_sync,
    x_file_size, x_lock,        x_unlock,    x_check_reserved, x_file_control, x_sector_size,
    x_device_characteristics, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch, x_unfetch,
};

// The registered VFS: SQLite's default one with xOpen wrapped. Its other methods are the base's
// own, called with our sqlite3_vfs: the unix VFS uses its pAppData only in xOpen, which we forward
// with the base VFS itself.
struct Box {
    sqlite3_vfs vfs;
    sqlite3_vfs* base;
    FaultVfs* owner;
};

int x_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* box = static_cast<Box*>(vfs->pAppData);
    auto* f = self(file);
    f->owner = box->owner;
    f->name = name ? name : "";
    f->base.pMethods = nullptr;
    const int rc = box->base->xOpen(box->base, name, f->real(), flags, out_flags);
    // SQLite calls xClose only when pMethods is set, so set it only when the base opened the file.
    if (f->real()->pMethods) f->base.pMethods = &kMethods;
    return rc;
}

}  // namespace

FaultVfs::FaultVfs() {
    base_ = sqlite3_vfs_find(nullptr);
    if (!base_) throw std::runtime_error("no default SQLite VFS");
    auto* box = new Box{*base_, base_, this};
    box->vfs.zName = "sanaq-fault";
    box->vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + base_->szOsFile;
    box->vfs.pNext = nullptr;
    box->vfs.pAppData = box;
    box->vfs.xOpen = x_open;
    vfs_ = &box->vfs;
    if (sqlite3_vfs_register(vfs_, 1) != SQLITE_OK) {
        delete box;
        throw std::runtime_error("sqlite3_vfs_register failed");
    }
}

FaultVfs::~FaultVfs() {
    sqlite3_vfs_unregister(vfs_);
    sqlite3_vfs_register(base_, 1);  // the default again, as before
    delete static_cast<Box*>(vfs_->pAppData);
}

void FaultVfs::arm(Fault fault, std::string name_suffix) {
    fault_ = fault;
    suffix_ = std::move(name_suffix);
    failures_ = 0;
}

bool FaultVfs::should_fail(Fault op, const char* file_name) {
    if (fault_ != op) return false;
    const std::string_view name(file_name);
    if (name.size() < suffix_.size() || name.substr(name.size() - suffix_.size()) != suffix_) return false;
    ++failures_;
    return true;
}

}  // namespace sanaq::test
