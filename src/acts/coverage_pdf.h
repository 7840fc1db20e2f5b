#pragma once
// The coverage report as a PDF ("export ... to a PDF report in Kazakh and Russian"):
// per language part, the department, when the report was made and from which reconciliation,
// the coverage table (one row per institution, district or region, the total last), a bar chart
// of coverage per row and a line chart of progress by day. A4 landscape. Every word comes from the
// catalogs: pass catalogs loaded for "kk" and "ru" (i18n::Catalog::load(dir, "kk")), whatever the
// UI language is. Prints the report it is given; reads no store.
//
// The layout is described in acts/README.md.
#include <cstdint>
#include <filesystem>
#include <string>

#include "acts/document.h"
#include "acts/page_image.h"
#include "core/domain/coverage.h"
#include "core/error.h"
#include "core/i18n/catalog.h"

namespace sanaq::acts {

/// Which languages the report prints in: one, or both (the Kazakh part, then the Russian one, each
/// starting on a new page).
enum class ReportLanguages { Kazakh, Russian, Both };

/// Writes the report as a PDF. Atomic like write_act_pdf: `out` is either the old file or the
/// complete new report. Errors: ErrorCode::Io naming `out` (or its missing folder).
Status write_coverage_pdf(const CoverageReport& report, const std::filesystem::path& out, const i18n::Catalog& kk,
                          const i18n::Catalog& ru, ReportLanguages langs = ReportLanguages::Both);

/// Number of pages write_coverage_pdf would produce (all parts together).
Result<int> coverage_page_count(const CoverageReport& report, const i18n::Catalog& kk, const i18n::Catalog& ru,
                                ReportLanguages langs);

/// The same drawing as the PDF, page `index` (0-based, over all parts) at `dpi` (10..600), on white
/// (see PageImage). Landscape: lround(297 mm and 210 mm in inches * dpi), 1754 x 1240 at 150 dpi.
Result<PageImage> render_coverage_page(const CoverageReport& report, int index, double dpi, const i18n::Catalog& kk,
                                       const i18n::Catalog& ru, ReportLanguages langs);

/// The report as a layout-engine document (what the three functions above draw).
Document coverage_document(const CoverageReport& report, const i18n::Catalog& kk, const i18n::Catalog& ru,
                           ReportLanguages langs);

/// Coverage as printed: matched / listed × 100 with one decimal and a decimal comma ("87,3"); never
/// "100,0" while someone listed is not matched; "—" without listed persons.
std::string format_coverage_percent(std::int64_t matched, std::int64_t listed);

/// "2026-09-20T10:15:30Z" -> "20.09.2026 10:15 UTC"; anything else is returned unchanged.
std::string format_utc_time(std::string_view iso_utc);

/// How many rows the bar chart shows at most: with more, the ones with the lowest coverage.
inline constexpr std::size_t kCoverageChartRows = 30;

}  // namespace sanaq::acts
