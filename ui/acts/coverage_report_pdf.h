#pragma once
// The coverage report as a PDF in Kazakh and Russian, whatever the interface language — drawn by
// acts::write_coverage_pdf with both core catalogs, like the acts. Kept here so that only ui/acts
// knows the acts library.
#include <filesystem>

#include "core/domain/coverage.h"
#include "core/error.h"

namespace sanaq::ui {

/// Writes the report (both languages). Refused when a catalog is missing (a broken install), as
/// saving an act is. Touches neither wx nor the store: call it off the UI thread; the caller
/// records the export (record_coverage_export) once the file exists.
Status write_coverage_report_pdf(const CoverageReport& report, const std::filesystem::path& path);

}  // namespace sanaq::ui
