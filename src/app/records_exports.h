#pragma once
// Enumerated persons to a CSV or XLSX file, from either program: the role, the reading with its
// progress, a cancel honoured before anything is recorded, the `records.export` entry naming the
// file's absolute path, then the file (src/coverage/README.md: exports after their entry).
#include <cstdint>
#include <filesystem>
#include <string>

#include "app/job.h"
#include "core/usecases/session.h"

namespace sanaq::app {

/// The stage of a records export's progress (msgid): persons read so far, total unknown.
inline constexpr const char* kReadingRecordsStage = N_("Reading the records");

/// Every enumerated person (one institution's when `bin` is not empty) to `path` (.csv or .xlsx).
/// A cancel during the reading returns cancelled_error() with no entry and no file; once the entry
/// is recorded the file is written. Returns the number of persons written.
Result<std::int64_t> export_records(Session& session, const std::filesystem::path& path, const std::string& bin,
                                    const JobProgressFn& progress, const CancelToken& cancel);

}  // namespace sanaq::app
