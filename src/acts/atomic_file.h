#pragma once
// A file that appears at its final path complete or not at all: it is written to a temporary
// sibling (same folder, so the rename stays on one file system), flushed to disk and renamed
// into place. Dropping it uncommitted removes the temporary file.
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace sanaq::acts {

class AtomicFile {
public:
    /// Creates `.<name>.tmp-XXXXXX` beside `out`. Io error naming `out` when the folder is
    /// missing or not writable, or `out` is a folder.
    static Result<AtomicFile> create(const std::filesystem::path& out);

    AtomicFile(AtomicFile&& other) noexcept;
    AtomicFile& operator=(AtomicFile&&) = delete;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    std::FILE* stream() { return file_; }
    /// Notes a write failure seen by whoever fills the stream; commit() then fails.
    void set_failed(std::string detail);
    bool failed() const { return !failure_.empty(); }
    /// Flushes, fsyncs, closes and renames into place; on any failure the temporary file is
    /// removed, `out` is left as it was, and an Io error names `out`.
    Status commit();
    /// Closes and removes the temporary file (also done by the destructor).
    void discard();

    const std::filesystem::path& target() const { return target_; }

private:
    AtomicFile() = default;
    std::filesystem::path target_;
    std::filesystem::path temp_;
    std::FILE* file_ = nullptr;
    std::string failure_;
};

}  // namespace sanaq::acts
