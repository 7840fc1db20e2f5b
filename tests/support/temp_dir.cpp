#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>

namespace sanaq::test {

TempDir::TempDir(const std::string& prefix) {
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (int i = 0; i < 100; ++i) {
        auto candidate = base / (prefix + "-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    if (std::getenv("SANAQ_KEEP_TEST_DIRS")) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool any_file_contains(const std::filesystem::path& root, const std::string& needle, std::string* where) {
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(
             root, std::filesystem::directory_options::skip_permission_denied, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (!it->is_regular_file(ec)) continue;
        if (read_file(it->path()).find(needle) != std::string::npos) {
            if (where) *where = it->path().string();
            return true;
        }
    }
    return false;
}

std::filesystem::path source_dir() {
    const char* v = std::getenv("SANAQ_SOURCE_DIR");
    return v ? v : ".";
}
std::filesystem::path binary_dir() {
    const char* v = std::getenv("SANAQ_BINARY_DIR");
    return v ? v : ".";
}

}  // namespace sanaq::test
