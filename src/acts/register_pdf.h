#pragma once
// "Who has not sent": the stage-1 register's institutions whose list has not come, as a PDF in
// Kazakh and Russian (one part per language, like the coverage report). A4 landscape; every word
// from the catalogs. Prints what it is given; reads no store.
#include <filesystem>
#include <string>
#include <vector>

#include "acts/coverage_pdf.h"
#include "core/domain/list_register.h"

namespace sanaq::acts {

struct RegisterReport {
    std::vector<RegisterRow> rows;  // the institutions to list (missing first, then pending)
    RegisterTally tally;            // over the whole register
    std::string today;              // the date the statuses are for (YYYY-MM-DD)
    std::string generated_at_utc;
    std::string department_kk, department_ru;
};

Document register_document(const RegisterReport& report, const i18n::Catalog& kk, const i18n::Catalog& ru,
                           ReportLanguages langs);
/// Atomic like write_coverage_pdf. Errors: ErrorCode::Io naming `out`.
Status write_register_pdf(const RegisterReport& report, const std::filesystem::path& out, const i18n::Catalog& kk,
                          const i18n::Catalog& ru, ReportLanguages langs);

}  // namespace sanaq::acts
