#include "core/package/folder_storage.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <cstdint>
#include <system_error>

#include "core/io/atomic_file.h"

namespace sanaq::package {

namespace fs = std::filesystem;

namespace {
constexpr const char* kOutbox = "Documents/Sanaq/outbox";
constexpr const char* kReceipts = "Documents/Sanaq/receipts";
constexpr const char* kDeviceKey = "Documents/Sanaq/device-key.pem";
constexpr std::size_t kPiece = 1 << 20;

bool safe_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\\') == std::string::npos && name.find('\0') == std::string::npos;
}
}  // namespace

FolderTabletStorage::FolderTabletStorage(fs::path root) : root_(std::move(root)) {}

std::string FolderTabletStorage::describe() const { return root_.string(); }

Result<std::vector<TabletFile>> FolderTabletStorage::list_outbox() {
    std::vector<TabletFile> files;
    fs::path outbox = root_ / kOutbox;
    std::error_code ec;
    if (!fs::exists(root_, ec))
        return fail(ErrorCode::NotFound, N_("The folder {} does not exist."), {root_.string()});
    if (!fs::is_directory(outbox, ec)) return files;
    for (fs::directory_iterator it(outbox, ec), end; !ec && it != end; it.increment(ec)) {
        const auto& entry = *it;
        std::string name = entry.path().filename().string();
        if (name.size() <= 6 || name.compare(name.size() - 6, 6, ".sqpkg") != 0 || name[0] == '.') continue;
        std::error_code fec;
        if (!entry.is_regular_file(fec)) continue;
        auto size = entry.file_size(fec);
        if (fec) continue;
        files.push_back(TabletFile{name, static_cast<std::uint64_t>(size), entry.path().string()});
    }
    if (ec)
        return fail(ErrorCode::Io, N_("Could not read the folder {}."), {outbox.string()}, ec.message());
    std::sort(files.begin(), files.end(), [](const TabletFile& a, const TabletFile& b) { return a.name < b.name; });
    return files;
}

Result<std::string> FolderTabletStorage::read_device_key() {
    fs::path path = root_ / kDeviceKey;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::NotFound, N_("The tablet folder {} has no device key file ({})."),
                    {root_.string(), kDeviceKey});
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > 64 * 1024)
        return fail(ErrorCode::InvalidInput, N_("The device key file {} is too large to be a key."), {path.string()});
    return text;
}

Status FolderTabletStorage::read_file(const TabletFile& file, const ByteSink& sink) {
    return read_prefix(file, UINT64_MAX, sink);
}

Status FolderTabletStorage::read_prefix(const TabletFile& file, std::uint64_t max_bytes, const ByteSink& sink) {
    if (!safe_name(file.name)) return fail(ErrorCode::InvalidInput, N_("{} is not a file name."), {file.name});
    fs::path path = root_ / kOutbox / file.name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()}, std::strerror(errno));
    std::string buf(kPiece, '\0');
    std::uint64_t left = max_bytes;
    while (in && left > 0) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), left));
        in.read(buf.data(), static_cast<std::streamsize>(want));
        auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0) break;
        left -= n;
        SANAQ_TRY(sink(std::string_view(buf.data(), n)));
    }
    if (in.bad()) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()}, std::strerror(errno));
    return {};
}

Status FolderTabletStorage::write_receipt(const std::string& name, std::string_view bytes) {
    if (!safe_name(name)) return fail(ErrorCode::InvalidInput, N_("{} is not a file name."), {name});
    fs::path folder = root_ / kReceipts;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return fail(ErrorCode::Io, N_("Could not create the folder {}."), {folder.string()}, ec.message());
    return io::write_file_atomically(folder / name, bytes);
}

}  // namespace sanaq::package
