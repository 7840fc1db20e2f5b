#include "tables/helpers.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <iconv.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace sanaq::test::tables {

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string iconv_from_utf8(const std::string& utf8, const char* charset) {
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error(std::string("iconv_open ") + charset);
    std::string in = utf8;
    std::string out(in.size() * 4 + 16, '\0');
    char* src = in.data();
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1)) throw std::runtime_error(std::string("iconv to ") + charset);
    out.resize(out.size() - dst_left);
    return out;
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts, bool seekable) {
    std::stringstream out(std::ios::in | std::ios::out | std::ios::binary);
    Poco::Zip::Compress compress(out, seekable);
    for (const auto& [name, content] : parts) {
        std::istringstream in(content);
        compress.addFile(in, Poco::DateTime(2024, 5, 1), Poco::Path(name, Poco::Path::PATH_UNIX));
    }
    compress.close();
    return out.str();
}

std::string unzip_part(const std::string& zip, const std::string& part) {
    std::istringstream in(zip);
    Poco::Zip::ZipArchive archive(in);
    auto it = archive.findHeader(part);
    if (it == archive.headerEnd()) return {};
    in.clear();
    Poco::Zip::ZipInputStream entry(in, it->second, true);
    return std::string((std::istreambuf_iterator<char>(entry)), std::istreambuf_iterator<char>());
}

std::vector<std::string> message_ids(const std::vector<Error>& errors) {
    std::vector<std::string> ids;
    for (const auto& e : errors) ids.push_back(e.message_id);
    return ids;
}

bool has_message(const std::vector<Error>& errors, const std::string& message_id) {
    return std::any_of(errors.begin(), errors.end(), [&](const Error& e) { return e.message_id == message_id; });
}

}  // namespace sanaq::test::tables
