#include "coverage/coverage_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/domain/territories.h"
#include "core/i18n/catalog.h"
#include "coverage/list_register.h"
#include "tables/table.h"
#include "matching/reconcile.h"

namespace sanaq {
namespace {

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

bool is_xlsx(const std::filesystem::path& p) { return p.extension() == ".xlsx" || p.extension() == ".XLSX"; }
bool is_csv(const std::filesystem::path& p) { return p.extension() == ".csv" || p.extension() == ".CSV"; }

Status write_table(const std::filesystem::path& path, const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows, std::string_view sheet) {
    if (is_xlsx(path)) return tables::write_xlsx(path, header, rows, sheet);
    return tables::write_csv(path, header, rows);
}

Status check_table_extension(const std::filesystem::path& path) {
    if (is_xlsx(path) || is_csv(path)) return {};
    return fail(ErrorCode::InvalidInput, N_("Export to a .csv or .xlsx file (the name decides the format): {}"),
                {path.string()});
}

}  // namespace

Result<CoverageReport> coverage_report(Session& session, CoverageLevel level) {
    SANAQ_TRY(require(session.actor, Operation::ViewCoverage));
    CoverageReport report;
    report.level = level;
    report.generated_at_utc = iso_utc(session.clock.now());
    auto st = session.store.read([&](StoreSession& tx) -> Status {
        auto run = tx.reconciliation().last_run();
        SANAQ_TRY(run);
        report.run = *run;
        auto rows = tx.reconciliation().coverage(level);
        SANAQ_TRY(rows);
        report.rows = std::move(*rows);
        auto progress = tx.reconciliation().progress("");
        SANAQ_TRY(progress);
        report.progress = std::move(*progress);
        auto source = tx.reconciliation().counts_source();
        SANAQ_TRY(source);
        report.source = std::move(*source);
        for (auto [key, out] : {std::pair{setting::kDepartmentNameKk, &report.department_kk},
                                std::pair{setting::kDepartmentNameRu, &report.department_ru}}) {
            auto v = tx.settings().get(key);
            SANAQ_TRY(v);
            if (*v) *out = **v;
        }
        return {};
    });
    SANAQ_TRY(st);
    if (level == CoverageLevel::Institution) {
        // Every institution of the register has a row, the ones that sent nothing too (listed 0,
        // their status missing or pending): an institution without a list is the one to chase.
        // A reader without the register (no dept) sees the rows of lists as before.
        if (auto reg = list_register(session)) {
            std::map<std::string, const RegisterRow*> by_bin;
            for (const auto& r : reg->rows) by_bin.emplace(r.institution.bin, &r);
            for (auto& row : report.rows)
                if (auto it = by_bin.find(row.key); it != by_bin.end()) {
                    row.list_status = it->second->status;
                    by_bin.erase(it);
                }
            for (const auto& [bin, r] : by_bin) {
                if (r->status == ListStatus::NotOwed || r->status == ListStatus::Received ||
                    r->status == ListStatus::Late)
                    continue;  // owes nothing, or its list is counted in the rows above
                CoverageRow row;
                row.key = bin;
                row.name_kk = r->institution.name_kk;
                row.name_ru = r->institution.name_ru;
                row.kato = r->institution.kato.code;
                row.list_status = r->status;
                report.rows.push_back(std::move(row));
            }
            std::sort(report.rows.begin(), report.rows.end(),
                      [](const CoverageRow& a, const CoverageRow& b) { return a.key < b.key; });
        }
    }
    for (const auto& r : report.rows) report.total.add_counts(r);
    return report;
}

Result<std::vector<PersonOutcome>> coverage_people(Session& session, const std::string& bin) {
    SANAQ_TRY(require(session.actor, Operation::ViewCensusData));
    return query<std::vector<PersonOutcome>>(session.store, [&](StoreSession& tx) -> Result<std::vector<PersonOutcome>> {
        auto inst = tx.institutions().find(bin);
        SANAQ_TRY(inst);
        if (!*inst) return fail(ErrorCode::NotFound, N_("Institution with BIN {} is not registered."), {bin});
        return tx.reconciliation().people(bin);
    });
}

CoverageTable coverage_table(const CoverageReport& report, const std::function<std::string(const char*)>& tr,
                             std::string_view language) {
    CoverageTable t;
    const bool inst = report.level == CoverageLevel::Institution;
    t.header = {inst ? tr(N_("BIN")) : tr(N_("KATO")),
                inst ? tr(N_("Institution")) : tr(N_("Institutions")),
                tr(N_("Listed")), tr(N_("Enumerated")), tr(N_("Matched"))};
    // The matched persons by the channel that counted them, and those whose answers came from
    // the institution's administrative records: "missing" is counted by no channel at all.
    for (std::size_t c = 0; c < kEnumerationChannelCount; ++c)
        t.header.push_back(tr(enumeration_channel_label(static_cast<EnumerationChannel>(c))));
    t.header.push_back(tr(N_("From administrative records")));
    for (const char* h : {N_("Missing"), N_("Extra"), N_("Counted twice"), N_("Under review"), N_("Coverage, %")})
        t.header.push_back(tr(h));
    // Last, so that the columns before it keep their places: the register's status of the list.
    if (inst) t.header.push_back(tr(N_("List")));
    auto row = [&](const CoverageRow& r, std::string key, std::string name) {
        std::vector<std::string> out{std::move(key), std::move(name), std::to_string(r.listed),
                                     std::to_string(r.enumerated), std::to_string(r.matched)};
        for (auto n : r.matched_by_channel) out.push_back(std::to_string(n));
        out.push_back(std::to_string(r.matched_by_source[static_cast<std::size_t>(RecordSource::AdministrationRecords)]));
        for (auto n : {r.missing, r.extra, r.duplicates, r.review + r.conflict}) out.push_back(std::to_string(n));
        out.push_back(percent(r.coverage_percent()));
        if (inst) out.push_back(r.list_status ? tr(list_status_label(*r.list_status)) : std::string());
        return out;
    };
    const std::string lang = language.empty() ? i18n::current().language() : std::string(language);
    for (const auto& r : report.rows) {
        if (inst) {
            t.rows.push_back(row(r, r.key, !r.name_ru.empty() ? r.name_ru : r.name_kk));
            continue;
        }
        // A territory by its code and name in the output's language (the code alone where the
        // name is not known), and its edition when it is not the current one.
        std::string key = r.key;
        if (const std::string name = territory_name(r.name_kk, r.name_ru, lang); !name.empty()) key += " " + name;
        if (!r.kato_version.empty() && r.kato_version != kKatoCurrentVersion)
            key = i18n::format_message(tr(N_("{} (KATO {})")), {key, r.kato_version});
        t.rows.push_back(row(r, std::move(key), std::to_string(r.institutions)));
    }
    t.rows.push_back(row(report.total, tr(N_("Total")), inst ? std::string() : std::to_string(report.total.institutions)));
    return t;
}

CoverageTable coverage_residence_table(const CoverageReport& report,
                                       const std::function<std::string(const char*)>& tr) {
    CoverageTable t;
    t.header = {tr(N_("Resident category")), tr(N_("Listed")), tr(N_("Matched")), tr(N_("Missing")),
                tr(N_("Coverage, %"))};
    for (std::size_t i = 0; i < report.total.by_residence.size(); ++i) {
        const auto& c = report.total.by_residence[i];
        const char* label = i < 3 ? residence_label(static_cast<Residence>(i)) : N_("Category not given");
        const double pct = c.listed ? 100.0 * static_cast<double>(c.matched) / static_cast<double>(c.listed) : 0.0;
        t.rows.push_back({tr(label), std::to_string(c.listed), std::to_string(c.matched), std::to_string(c.missing),
                          percent(pct)});
    }
    return t;
}

Status export_coverage_xlsx(Session& session, const CoverageReport& report, const std::filesystem::path& path,
                            const std::function<std::string(const char*)>& tr, std::string_view language) {
    SANAQ_TRY(require(session.actor, Operation::ExportReports));
    SANAQ_TRY(check_table_extension(path));
    SANAQ_TRY(record_coverage_export(session, path, is_xlsx(path) ? "xlsx" : "csv"));
    CoverageTable t = coverage_table(report, tr, language);
    // The breakdown by resident category below the coverage rows, after an empty row.
    const CoverageTable residence = coverage_residence_table(report, tr);
    t.rows.emplace_back();
    t.rows.push_back(residence.header);
    for (const auto& r : residence.rows) t.rows.push_back(r);
    return write_table(path, t.header, t.rows, tr(N_("Coverage")));
}

Status record_coverage_export(Session& session, const std::filesystem::path& path, const std::string& format) {
    SANAQ_TRY(require(session.actor, Operation::ExportReports));
    // The trail names the file as it will be found later, whatever folder the program ran in.
    const auto file = std::filesystem::absolute(path).lexically_normal();
    return session.store.write([&](StoreSession& tx) -> Status {
        return record(tx, session, {"coverage.export", "report", "coverage", "",
                                    nlohmann::json{{"file", file.string()}, {"format", format}}.dump()});
    });
}

Result<std::int64_t> export_coverage_people(Session& session, const std::string& bin, const std::filesystem::path& path,
                                            const std::function<std::string(const char*)>& tr) {
    SANAQ_TRY(require(session.actor, Operation::ExportRecords));
    SANAQ_TRY(check_table_extension(path));
    auto people = coverage_people(session, bin);
    SANAQ_TRY(people);
    std::vector<std::string> header{tr(N_("Outcome")),   tr(N_("Line")),      tr(N_("IIN (list)")),
                                    tr(N_("Surname (list)")), tr(N_("Name (list)")), tr(N_("Patronymic (list)")),
                                    tr(N_("Birth date (list)")), tr(N_("IIN (enumerated)")), tr(N_("Surname (enumerated)")),
                                    tr(N_("Name (enumerated)")), tr(N_("Patronymic (enumerated)")),
                                    tr(N_("Birth date (enumerated)")), tr(N_("Kit")), tr(N_("Score"))};
    std::vector<std::vector<std::string>> rows;
    rows.reserve(people->size());
    for (const auto& p : *people) {
        const char* label = N_("not reconciled yet");
        for (int o = 0; o < 6; ++o)
            if (p.outcome == matching::outcome_code(static_cast<matching::Outcome>(o)))
                label = matching::outcome_label(static_cast<matching::Outcome>(o));
        rows.push_back({tr(label), p.listed_line ? std::to_string(p.listed_line) : std::string(), p.listed_iin,
                        p.listed_surname, p.listed_name, p.listed_patronymic, p.listed_birth_date, p.enumerated_iin,
                        p.enumerated_surname, p.enumerated_name, p.enumerated_patronymic, p.enumerated_birth_date,
                        p.kit_number, p.score ? percent(p.score) : std::string()});
    }
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        return record(tx, session, {"coverage.export_people", "institution", bin, "",
                                    nlohmann::json{{"file", path.string()}, {"rows", rows.size()}}.dump()});
    });
    SANAQ_TRY(st);
    SANAQ_TRY(write_table(path, header, rows, tr(N_("People"))));
    return static_cast<std::int64_t>(rows.size());
}

Result<std::int64_t> export_records(Session& session, const std::filesystem::path& requested, const std::string& bin,
                                    const RecordsExportControl& control) {
    SANAQ_TRY(require(session.actor, Operation::ExportRecords));
    SANAQ_TRY(check_table_extension(requested));
    // The trail names the file as it will be found later, whatever folder the program ran in.
    const auto path = std::filesystem::absolute(requested).lexically_normal();
    // Column names are stable codes: this file is for other programs as much as for people.
    const std::vector<std::string> header{"uuid", "iin", "surname", "name", "patronymic", "sex", "birth_date",
                                          "institution_bin", "kato", "kit_number", "package_uuid", "pulled_on"};
    constexpr std::int64_t kReportEvery = 5000;
    std::vector<std::vector<std::string>> rows;
    auto st = session.store.read([&](StoreSession& tx) -> Status {
        if (!bin.empty()) {
            auto inst = tx.institutions().find(bin);
            SANAQ_TRY(inst);
            if (!*inst) return fail(ErrorCode::NotFound, N_("Institution with BIN {} is not registered."), {bin});
        }
        return tx.reconciliation().scan_enumerated(bin, [&](EnumeratedPerson&& p) {
            rows.push_back({std::move(p.uuid), std::move(p.iin), std::move(p.surname), std::move(p.name),
                            std::move(p.patronymic), std::move(p.sex), std::move(p.birth_date),
                            std::move(p.institution_bin), std::move(p.kato), std::move(p.kit_number),
                            std::move(p.package_uuid), std::move(p.pulled_on)});
            const auto read = static_cast<std::int64_t>(rows.size());
            if (control.on_read && read % kReportEvery == 0) control.on_read(read);
        });
    });
    SANAQ_TRY(st);
    const auto persons = static_cast<std::int64_t>(rows.size());
    if (control.on_read) control.on_read(persons);
    if (control.stop_requested && control.stop_requested())
        return fail(ErrorCode::Cancelled, N_("Stopped; nothing of it was stored."));  // as app::cancelled_error()
    // Logged before the file exists: personal data never leave the store unrecorded.
    st = session.store.write([&](StoreSession& tx) -> Status {
        return record(tx, session, {"records.export", "census", bin.empty() ? "all" : bin, "",
                                    nlohmann::json{{"file", path.string()}, {"persons", persons}}.dump()});
    });
    SANAQ_TRY(st);
    SANAQ_TRY(write_table(path, header, rows, "persons"));
    return persons;
}

}  // namespace sanaq
