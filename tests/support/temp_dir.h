#pragma once
// A fresh folder per test under $TMPDIR, removed afterwards unless SANAQ_KEEP_TEST_DIRS is set.
#include <filesystem>
#include <string>

namespace sanaq::test {

class TempDir {
public:
    explicit TempDir(const std::string& prefix = "sanaq-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// Reads a whole file as bytes (for greps over workspace and temp folders).
std::string read_file(const std::filesystem::path& path);
/// True when `needle` occurs in any regular file under `root` (recursively).
bool any_file_contains(const std::filesystem::path& root, const std::string& needle,
                       std::string* where = nullptr);
/// The source tree (SANAQ_SOURCE_DIR from CTest) and build tree (SANAQ_BINARY_DIR).
std::filesystem::path source_dir();
std::filesystem::path binary_dir();

}  // namespace sanaq::test
