#include "ui/acts/coverage_report_pdf.h"

#include "acts/coverage_pdf.h"
#include "ui/acts/act_catalogs.h"

namespace sanaq::ui {

Status write_coverage_report_pdf(const CoverageReport& report, const std::filesystem::path& path) {
    const ActCatalogs catalogs = load_act_catalogs();
    if (catalogs.problem) return std::unexpected(*catalogs.problem);
    return acts::write_coverage_pdf(report, path, catalogs.kk, catalogs.ru, acts::ReportLanguages::Both);
}

}  // namespace sanaq::ui
