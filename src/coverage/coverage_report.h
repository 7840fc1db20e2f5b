#pragma once
// Coverage figures from the last reconciliation: per institution, district and
// region, progress over the days of the census, and the drill-down to the people.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/domain/coverage.h"
#include "core/usecases/session.h"

namespace sanaq {

/// ViewCoverage. An empty report (no rows, no run) before the first reconciliation.
Result<CoverageReport> coverage_report(Session& session, CoverageLevel level);

/// One institution's persons with their outcomes. ViewCensusData (personal data).
Result<std::vector<PersonOutcome>> coverage_people(Session& session, const std::string& bin);

/// Table form of the report for exports and the CLI: header and rows, labels rendered by
/// `tr` (msgid -> text in the export's language).
struct CoverageTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;   // the total last
};
/// Territory rows read "<code> <name>" with the name in `language` (kk, ru, en; "" = the current
/// catalog's), the code alone where no name is known, and "(KATO 2013)" after a row of another
/// edition than the current one.
CoverageTable coverage_table(const CoverageReport& report, const std::function<std::string(const char*)>& tr,
                             std::string_view language = {});
/// The report's total by resident category (permanent, temporary, temporarily absent, not
/// given): listed, matched, missing, coverage.
CoverageTable coverage_residence_table(const CoverageReport& report,
                                       const std::function<std::string(const char*)>& tr);

/// Writes the report as XLSX (coverage sheet) — ExportReports, audited.
Status export_coverage_xlsx(Session& session, const CoverageReport& report, const std::filesystem::path& path,
                            const std::function<std::string(const char*)>& tr, std::string_view language = {});
/// Audits an export of the coverage report made elsewhere (the PDF, written by sanaq_acts), under
/// the file's absolute, normal path. ExportReports.
Status record_coverage_export(Session& session, const std::filesystem::path& path, const std::string& format);

/// One institution's persons with their outcomes to .csv/.xlsx: personal data, ExportRecords,
/// audited before the file is written. Returns the number of rows.
Result<std::int64_t> export_coverage_people(Session& session, const std::string& bin,
                                            const std::filesystem::path& path,
                                            const std::function<std::string(const char*)>& tr);

/// How a records export reports and stops (the application layer's job fills it from its
/// progress and cancel; a plain call leaves it empty).
struct RecordsExportControl {
    /// Called every few thousand persons read, and once with the total.
    std::function<void(std::int64_t persons_read)> on_read;
    /// Asked after the reading, before the audit entry: true stops the export with nothing
    /// recorded and no file.
    std::function<bool()> stop_requested;
};

/// Every enumerated person (one institution's when `bin` is not empty) to .csv/.xlsx: personal
/// data leaving the encrypted store, so ExportRecords and an audit entry naming the file (its
/// absolute, normal path) and the count, written before the file. Returns the number of persons.
Result<std::int64_t> export_records(Session& session, const std::filesystem::path& path, const std::string& bin,
                                    const RecordsExportControl& control = {});

}  // namespace sanaq
