#pragma once
// The stage-1 register (core/domain/list_register.h): for every institution whether it owes the
// department a list, by when, how many people it expects, and — from the lists imported — whether
// it came on time, late, or not at all. Below the CLI and the GUI; exports in both languages.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/counts_source.h"
#include "core/domain/list_register.h"
#include "core/usecases/session.h"

namespace sanaq {

struct ListRegister {
    std::vector<RegisterRow> rows;  // every registered institution, by Russian name
    RegisterTally tally;
    std::string today;              // the census zone's date the statuses are derived for
    /// Where "came" is read from: the lists themselves, or — a member without census (an
    /// administrator with per-role keys) — the department's summary, which knows that a list came
    /// but not on which day, so such a list reads as received, never late.
    CountsSource source;
    std::string department_kk, department_ru;
};

/// ViewCoverage. Every institution, with its stored duty or the default one (owes a list, due
/// on the calendar's list date plus kListDeadlineDays).
Result<ListRegister> list_register(Session& session);
/// Sets one institution's duty (owes, deadline — empty for the default —, expected headcount).
/// EditInstitutions; audited ("register.set", no personal data).
Status set_list_duty(Session& session, ListDuty duty);

/// Rows of the register with this status (all when nullopt).
std::vector<RegisterRow> rows_with_status(const ListRegister& reg, std::optional<ListStatus> status);
/// The rows that have not sent: missing, then late ones are not in it (they came); pending
/// ones are, since nothing has come yet. What the "who has not sent" report lists.
std::vector<RegisterRow> not_sent(const ListRegister& reg);

/// Table form of `rows` for the exports and the CLI, labels rendered by `tr`.
struct RegisterTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};
RegisterTable register_table(const std::vector<RegisterRow>& rows,
                             const std::function<std::string(const char*)>& tr, bool kazakh_names);

/// "Who has not sent" to .xlsx/.csv: ExportReports, audited ("register.export") before the
/// file is written.
Status export_register_table(Session& session, const ListRegister& reg, const std::filesystem::path& path,
                             const std::function<std::string(const char*)>& tr, bool kazakh_names);
/// Audits an export made elsewhere (the PDF, written by sanaq_acts). ExportReports.
Status record_register_export(Session& session, const std::filesystem::path& path, const std::string& format);

}  // namespace sanaq
