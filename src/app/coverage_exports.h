#pragma once
// The coverage report as a printed PDF, from either program: its audit entry first, then the file
// (src/coverage/README.md: an export that leaves the workspace is on the trail before it exists).
#include <filesystem>

#include "acts/coverage_pdf.h"
#include "coverage/list_register.h"
#include "core/usecases/session.h"

namespace sanaq::app {

/// Checks the role, loads the Kazakh and Russian catalogs (an act-like report prints in the state
/// languages whatever the interface language), records `coverage.export`, then writes `path`.
/// Nothing is recorded when the role or a catalog is missing; a write that fails after the entry
/// leaves the entry (the attempt is what the trail records) and returns the error.
Status export_coverage_pdf(Session& session, const CoverageReport& report, const std::filesystem::path& path,
                           acts::ReportLanguages languages = acts::ReportLanguages::Both);

/// "Who has not sent" of the stage-1 register as a PDF, under the same rule: the role, the
/// catalogs, `register.export` on the trail, then the file.
Status export_register_pdf(Session& session, const ListRegister& reg, const std::filesystem::path& path,
                           acts::ReportLanguages languages = acts::ReportLanguages::Both);

}  // namespace sanaq::app
