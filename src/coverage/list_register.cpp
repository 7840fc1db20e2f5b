#include "coverage/list_register.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/usecases/settings.h"
#include "tables/table.h"

namespace sanaq {
namespace {

struct Came {
    std::string first_imported_at_utc;  // the first version's import: when the list came
    std::int64_t listed = 0;            // the current version's persons
};

/// What came, per BIN, from the lists themselves (a census holder).
Result<std::map<std::string, Came>> lists_that_came(StoreSession& tx) {
    std::map<std::string, Came> came;
    auto versions = tx.lists().versions("");
    SANAQ_TRY(versions);
    for (const auto& v : *versions) {
        auto& c = came[v.institution_bin];
        if (c.first_imported_at_utc.empty() || parse_utc(v.imported_at_utc) < parse_utc(c.first_imported_at_utc))
            c.first_imported_at_utc = v.imported_at_utc;
    }
    auto current = tx.lists().current_lists();
    SANAQ_TRY(current);
    for (const auto& l : *current) came[l.institution_bin].listed = l.rows_imported;
    return came;
}

bool is_xlsx(const std::filesystem::path& p) { return p.extension() == ".xlsx" || p.extension() == ".XLSX"; }
bool is_csv(const std::filesystem::path& p) { return p.extension() == ".csv" || p.extension() == ".CSV"; }

}  // namespace

Result<ListRegister> list_register(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewCoverage));
    ListRegister reg;
    auto st = session.store.read([&](StoreSession& tx) -> Status {
        if (!tx.list_register().available())
            return fail(ErrorCode::PermissionDenied,
                        N_("The register of lists is kept in the department's part, which your role "
                           "does not open."));
        auto calendar = load_census_calendar(tx);
        SANAQ_TRY(calendar);
        reg.today = date_in_zone(iso_utc(session.clock.now()), calendar->round.utc_offset);
        auto institutions = tx.institutions().list();
        SANAQ_TRY(institutions);
        auto duties = tx.list_register().list();
        SANAQ_TRY(duties);
        std::map<std::string, ListDuty> duty_of;
        for (auto& d : *duties) duty_of.emplace(d.institution_bin, std::move(d));
        auto source = tx.reconciliation().counts_source();
        SANAQ_TRY(source);
        reg.source = *source;
        std::map<std::string, Came> came;
        if (source->summary) {
            // The summary has a row per institution with a current list, and no day it came.
            auto rows = tx.reconciliation().coverage(CoverageLevel::Institution);
            SANAQ_TRY(rows);
            for (const auto& r : *rows) came[r.key].listed = r.listed;
        } else {
            auto c = lists_that_came(tx);
            SANAQ_TRY(c);
            came = std::move(*c);
        }
        for (auto [key, out] : {std::pair{setting::kDepartmentNameKk, &reg.department_kk},
                                std::pair{setting::kDepartmentNameRu, &reg.department_ru}}) {
            auto v = tx.settings().get(key);
            SANAQ_TRY(v);
            if (*v) *out = **v;
        }
        for (auto& inst : *institutions) {
            RegisterRow row;
            row.institution = std::move(inst);
            const auto& bin = row.institution.bin;
            if (auto d = duty_of.find(bin); d != duty_of.end()) {
                row.duty = d->second;
                row.stored = true;
            } else {
                row.duty.institution_bin = bin;
            }
            row.deadline = row.duty.deadline;
            if (row.deadline.empty()) {
                row.deadline = default_list_deadline(*calendar, row.institution.kato.code);
                row.default_deadline = true;
            }
            if (auto c = came.find(bin); c != came.end()) {
                row.listed = c->second.listed;
                row.received_on = c->second.first_imported_at_utc.empty()
                                      ? std::string()
                                      : date_in_zone(c->second.first_imported_at_utc,
                                                     calendar->round.utc_offset);
                row.status = list_status(row.duty.owes, source->summary ? std::string() : row.deadline,
                                         source->summary ? reg.today : row.received_on, reg.today);
            } else {
                row.status = list_status(row.duty.owes, row.deadline, "", reg.today);
            }
            reg.tally.add(row.status);
            reg.rows.push_back(std::move(row));
        }
        return {};
    });
    SANAQ_TRY(st);
    return reg;
}

Status set_list_duty(Session& session, ListDuty duty) {
    SANAQ_TRY(require(session.actor, Operation::EditInstitutions));
    auto valid = validate(std::move(duty));
    SANAQ_TRY(valid);
    valid->updated_at_utc = iso_utc(session.clock.now());
    valid->updated_by = session.actor.user;
    return session.store.write([&](StoreSession& tx) -> Status {
        if (!tx.list_register().available())
            return fail(ErrorCode::PermissionDenied,
                        N_("The register of lists is kept in the department's part, which your role "
                           "does not open."));
        auto inst = tx.institutions().find(valid->institution_bin);
        SANAQ_TRY(inst);
        if (!*inst)
            return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {valid->institution_bin});
        SANAQ_TRY(tx.list_register().put(*valid));
        nlohmann::json details{{"owes", valid->owes}, {"deadline", valid->deadline}};
        details["expected"] = valid->expected ? nlohmann::json(*valid->expected) : nlohmann::json();
        return record(tx, session, {"register.set", "institution", valid->institution_bin, "", details.dump()});
    });
}

std::vector<RegisterRow> rows_with_status(const ListRegister& reg, std::optional<ListStatus> status) {
    std::vector<RegisterRow> out;
    for (const auto& r : reg.rows)
        if (!status || r.status == *status) out.push_back(r);
    return out;
}

std::vector<RegisterRow> not_sent(const ListRegister& reg) {
    std::vector<RegisterRow> out;
    for (const auto& r : reg.rows)
        if (r.status == ListStatus::Missing) out.push_back(r);
    for (const auto& r : reg.rows)
        if (r.status == ListStatus::Pending) out.push_back(r);
    return out;
}

RegisterTable register_table(const std::vector<RegisterRow>& rows,
                             const std::function<std::string(const char*)>& tr, bool kazakh_names) {
    RegisterTable t;
    t.header = {tr(N_("BIN")),      tr(N_("Institution")), tr(N_("KATO")),   tr(N_("Deadline")),
                tr(N_("Status")),   tr(N_("Received on")), tr(N_("Listed")), tr(N_("Expected"))};
    for (const auto& r : rows) {
        const auto& i = r.institution;
        std::string name = kazakh_names ? (!i.name_kk.empty() ? i.name_kk : i.name_ru)
                                        : (!i.name_ru.empty() ? i.name_ru : i.name_kk);
        t.rows.push_back({i.bin, std::move(name), i.kato.code, r.deadline, tr(list_status_label(r.status)),
                          r.received_on, std::to_string(r.listed),
                          r.duty.expected ? std::to_string(*r.duty.expected) : std::string()});
    }
    return t;
}

Status record_register_export(Session& session, const std::filesystem::path& path, const std::string& format) {
    SANAQ_TRY(require(session.actor, Operation::ExportReports));
    const auto file = std::filesystem::absolute(path).lexically_normal();
    return session.store.write([&](StoreSession& tx) -> Status {
        return record(tx, session, {"register.export", "report", "register", "",
                                    nlohmann::json{{"file", file.string()}, {"format", format}}.dump()});
    });
}

Status export_register_table(Session& session, const ListRegister& reg, const std::filesystem::path& path,
                             const std::function<std::string(const char*)>& tr, bool kazakh_names) {
    SANAQ_TRY(require(session.actor, Operation::ExportReports));
    if (!is_xlsx(path) && !is_csv(path))
        return fail(ErrorCode::InvalidInput,
                    N_("Export to a .csv or .xlsx file (the name decides the format): {}"), {path.string()});
    // On the trail before the file exists, like every export.
    SANAQ_TRY(record_register_export(session, path, is_xlsx(path) ? "xlsx" : "csv"));
    const auto t = register_table(not_sent(reg), tr, kazakh_names);
    if (is_xlsx(path)) return tables::write_xlsx(path, t.header, t.rows, tr(N_("Lists not sent")));
    return tables::write_csv(path, t.header, t.rows);
}

}  // namespace sanaq
