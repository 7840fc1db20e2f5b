#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace sanaq::io {
namespace {

namespace fs = std::filesystem;

Status sync_path(const fs::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return fail(ErrorCode::Io, N_("Could not write the file {}."), {path.string()}, std::strerror(errno));
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0 && (flags & O_DIRECTORY) == 0)
        return fail(ErrorCode::Io, N_("Could not write the file {}."), {path.string()}, std::strerror(saved));
    return {};
}

}  // namespace

Status write_atomically(const fs::path& target, const std::function<Status(const fs::path& temp)>& write) {
    if (target.filename().empty())
        return fail(ErrorCode::InvalidInput, N_("{} is not a file name."), {target.string()});
    fs::path folder = target.parent_path();
    if (folder.empty()) folder = ".";
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return fail(ErrorCode::Io, N_("The folder {} does not exist."), {folder.string()});

    std::string pattern = (folder / ("." + target.filename().string() + ".part-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());  // creates the file 0600
    if (fd < 0)
        return fail(ErrorCode::Io, N_("Could not write the file {}."), {target.string()}, std::strerror(errno));
    ::close(fd);
    fs::path temp(name.data());

    auto discard = [&](Error e) -> Status {
        std::error_code ignored;
        fs::remove(temp, ignored);
        return std::unexpected(std::move(e));
    };
    if (auto st = write(temp); !st) return discard(st.error());
    if (auto st = sync_path(temp, O_RDONLY); !st) return discard(st.error());
    fs::rename(temp, target, ec);
    if (ec)
        return discard(Error::make(ErrorCode::Io, N_("Could not write the file {}."), {target.string()},
                                   ec.message()));
    (void)sync_path(folder, O_RDONLY | O_DIRECTORY);  // best effort: make the rename durable
    return {};
}

Status write_file_atomically(const fs::path& target, std::string_view content) {
    return write_atomically(target, [&](const fs::path& temp) -> Status {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) return fail(ErrorCode::Io, N_("Could not write the file {}."), {target.string()}, std::strerror(errno));
        return {};
    });
}

}  // namespace sanaq::io
