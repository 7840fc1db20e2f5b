#pragma once
// Used by every writer of user-visible or state files (acts, exports, key slots).
// "No half files": a writer fills a temporary file beside the target, which is synced and then
// renamed over the target. The temporary file is created owner-only (0600) and removed on failure.
#include <filesystem>
#include <functional>
#include <string_view>

#include "core/error.h"

namespace sanaq::io {

/// Calls `write(temp_path)` with a fresh, empty, owner-only file in the target's folder; when it
/// succeeds, syncs the file and renames it to `target` (replacing an existing file).
Status write_atomically(const std::filesystem::path& target,
                        const std::function<Status(const std::filesystem::path& temp)>& write);

/// The common case: the whole content at once (key slots, small state files).
Status write_file_atomically(const std::filesystem::path& target, std::string_view content);

}  // namespace sanaq::io
