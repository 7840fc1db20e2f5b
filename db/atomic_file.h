#pragma once
// Replacing a small file so that a crash leaves either the old or the new content, never a mix:
// temp file in the same folder, fsync, rename over the target, fsync the folder.
#include <filesystem>
#include <string_view>

#include "core/error.h"

namespace sanaq::db {

/// Io error naming the file when any step fails; the temp file is removed then. Mode 0600.
Status write_file_atomically(const std::filesystem::path& file, std::string_view content);

}  // namespace sanaq::db
