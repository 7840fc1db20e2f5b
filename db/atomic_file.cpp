#include "db/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace sanaq::db {
namespace {

Status io_failure(const std::filesystem::path& file, const char* step, int err) {
    return fail(ErrorCode::Io, N_("Could not write the file {}."), {file.string()},
                std::string(step) + ": " + std::strerror(err));
}

}  // namespace

Status write_file_atomically(const std::filesystem::path& file, std::string_view content) {
    const auto folder = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    std::string temp = (folder / ("." + file.filename().string() + ".tmp-XXXXXX")).string();
    int fd = ::mkstemp(temp.data());  // creates with mode 0600
    if (fd < 0) return io_failure(file, "mkstemp", errno);

    auto abandon = [&](const char* step) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return io_failure(file, step, err);
    };
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return abandon("write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return abandon("fsync");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return io_failure(file, "close", err);
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return io_failure(file, "rename", err);
    }
    // The rename is only durable once the folder's entry is on disk too.
    int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return io_failure(file, "open folder", errno);
    const int rc = ::fsync(dir);
    const int err = errno;
    ::close(dir);
    if (rc != 0) return io_failure(file, "fsync folder", err);
    return {};
}

}  // namespace sanaq::db
