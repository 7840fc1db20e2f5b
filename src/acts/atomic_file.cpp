#include "acts/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <vector>

namespace sanaq::acts {
namespace {

// The mode a plain fopen() would give, without the racy umask(0)/umask(old) dance.
mode_t default_file_mode() {
    mode_t mask = 022;
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("Umask:", 0) == 0) {
            mask = static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
            break;
        }
    return 0666 & ~mask;
}

auto io_error(const std::filesystem::path& out, std::string detail) {
    return fail(ErrorCode::Io, N_("The file {} could not be written."), {out.string()}, std::move(detail));
}

}  // namespace

Result<AtomicFile> AtomicFile::create(const std::filesystem::path& out) {
    if (out.empty() || !out.has_filename())
        return io_error(out, "no file name");
    std::error_code ec;
    if (std::filesystem::is_directory(out, ec))
        return io_error(out, "it is a folder");
    const auto folder = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
    std::string pattern = (folder / ("." + out.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) return io_error(out, std::strerror(errno));
    ::fchmod(fd, default_file_mode());
    AtomicFile f;
    f.target_ = out;
    f.temp_ = name.data();
    f.file_ = ::fdopen(fd, "wb");
    if (!f.file_) {
        const int err = errno;
        ::close(fd);
        std::filesystem::remove(f.temp_, ec);
        f.temp_.clear();
        return io_error(out, std::strerror(err));
    }
    return f;
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : target_(std::move(other.target_)), temp_(std::move(other.temp_)), file_(other.file_),
      failure_(std::move(other.failure_)) {
    other.file_ = nullptr;
    other.temp_.clear();
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::set_failed(std::string detail) {
    if (failure_.empty()) failure_ = detail.empty() ? "write failed" : std::move(detail);
}

void AtomicFile::discard() {
    if (file_) {
        std::fclose(file_);
        file_ = nullptr;
    }
    if (!temp_.empty()) {
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
        temp_.clear();
    }
}

Status AtomicFile::commit() {
    if (!file_ || temp_.empty()) return io_error(target_, "already closed");
    if (!failed() && std::fflush(file_) != 0) set_failed(std::strerror(errno));
    if (!failed() && std::ferror(file_)) set_failed("write error");
    if (!failed() && ::fsync(::fileno(file_)) != 0) set_failed(std::strerror(errno));
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (!failed() && closed != 0) set_failed(std::strerror(errno));
    if (!failed()) {
        std::error_code ec;
        std::filesystem::rename(temp_, target_, ec);
        if (ec) set_failed(ec.message());
    }
    if (failed()) {
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
        temp_.clear();
        return io_error(target_, failure_);
    }
    temp_.clear();
    // Make the rename itself durable.
    const auto folder = target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
    const int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

}  // namespace sanaq::acts
