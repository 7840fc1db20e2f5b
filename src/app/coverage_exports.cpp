#include "app/coverage_exports.h"

#include "core/domain/role.h"
#include "core/i18n/state_languages.h"
#include "acts/register_pdf.h"
#include "core/domain/clock.h"
#include "coverage/coverage_report.h"

namespace sanaq::app {

Status export_coverage_pdf(Session& session, const CoverageReport& report, const std::filesystem::path& path,
                           acts::ReportLanguages languages) {
    SANAQ_TRY(require(session.actor, Operation::ExportReports));
    auto catalogs = i18n::load_state_languages();
    SANAQ_TRY(catalogs);
    const auto absolute = std::filesystem::absolute(path).lexically_normal();
    SANAQ_TRY(record_coverage_export(session, absolute, "pdf"));
    return acts::write_coverage_pdf(report, absolute, catalogs->kk, catalogs->ru, languages);
}

Status export_register_pdf(Session& session, const ListRegister& reg, const std::filesystem::path& path,
                           acts::ReportLanguages languages) {
    SANAQ_TRY(require(session.actor, Operation::ExportReports));
    auto catalogs = i18n::load_state_languages();
    SANAQ_TRY(catalogs);
    const auto absolute = std::filesystem::absolute(path).lexically_normal();
    SANAQ_TRY(record_register_export(session, absolute, "pdf"));
    acts::RegisterReport report{not_sent(reg), reg.tally, reg.today, iso_utc(session.clock.now()),
                                reg.department_kk, reg.department_ru};
    return acts::write_register_pdf(report, absolute, catalogs->kk, catalogs->ru, languages);
}

}  // namespace sanaq::app
