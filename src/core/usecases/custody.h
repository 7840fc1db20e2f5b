#pragma once
// Handing kits to an institution's responsible employee and taking them back, each under an act.
#include <vector>

#include "core/usecases/session.h"

namespace sanaq {

struct IssueRequest {
    std::vector<std::string> kits;     // one act may cover several kits
    std::string employee_iin;          // the responsible employee who receives them
    int explanations = 0;              // paper census tools handed with the kits
    int certificates = 0;
    std::string due_date;              // agreed return date YYYY-MM-DD; optional
    std::string note;
};
/// Issues the kits under one act. Refuses a kit that is not in stock (already issued, partly
/// returned, under repair, written off) or has a missing/damaged part, and paper beyond stock.
Result<Act> issue_kits(Session& session, const IssueRequest& request);

struct CheckIn {
    ComponentType component = ComponentType::Tablet;
    LineOutcome outcome = LineOutcome::ReturnedInOrder;  // ReturnedInOrder, Damaged or Missing
    std::string note;
};
struct ReturnRequest {
    std::string kit;
    /// Outcomes for the parts the holder still owes; parts not named come back in order.
    std::vector<CheckIn> check_ins;
    int explanations_returned = 0;
    int certificates_returned = 0;
    int certificates_used = 0;
    std::string note;
};
/// Checks a kit in part by part under a return act. Anything missing keeps the kit outstanding
/// (partly returned) with the missing parts listed; a later return takes only what is still owed.
Result<Act> return_kit(Session& session, const ReturnRequest& request);

/// Parts a holder still owes for an outstanding kit (every part while issued).
std::vector<ComponentType> owed_components(const Kit& kit);

Result<std::vector<OutstandingKit>> outstanding_kits(Session& session);
Result<Act> find_act(Session& session, std::string_view number);
Result<std::vector<ActSummary>> list_acts(Session& session, std::string_view kit_number);
/// Records that an act was printed or saved to a file (acts carry personal data).
Status record_act_export(Session& session, const Act& act, std::string_view destination);

/// The department's details for acts (settings); empty strings where not set.
Result<Department> department_details(Session& session);
Status set_department_details(Session& session, const Department& department);

}  // namespace sanaq
