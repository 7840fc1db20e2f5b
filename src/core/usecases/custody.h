#pragma once
// Handing kits to an institution's responsible employee and taking them back, each under an act.
#include <array>
#include <iterator>
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
    int explanations_used = 0;  // explanations forms the holder filled in and left with respondents
    /// The holder's paper does not add up (used + returned ≠ handed) and the officer closes the
    /// return anyway: the act and the audit trail record the discrepancy.
    bool accept_discrepancy = false;
};
/// Checks a kit in part by part under a return act. Anything missing keeps the kit outstanding
/// (partly returned) with the missing parts listed; a later return takes only what is still owed.
Result<Act> return_kit(Session& session, const ReturnRequest& request);

/// Paper census tools without a kit: handed to a holder (a responsible employee) under an issue
/// act, or brought back under a return act. Both go through the holder's paper account.
struct PaperIssueRequest {
    std::string employee_iin;
    int explanations = 0;
    int certificates = 0;
    std::string note;
    /// The holder by register id instead of IIN (the GUI's choice: a custodian sees IINs masked).
    std::int64_t employee_id = 0;
};
/// Refuses paper beyond stock, naming what is on hand.
Result<Act> issue_paper(Session& session, const PaperIssueRequest& request);

struct PaperReturnRequest {
    std::string employee_iin;
    int explanations_returned = 0;
    int explanations_used = 0;
    int certificates_returned = 0;
    int certificates_used = 0;
    std::string note;
    bool accept_discrepancy = false;  // as ReturnRequest::accept_discrepancy
    std::int64_t employee_id = 0;     // as PaperIssueRequest::employee_id
};
/// Refuses to take back (or count as used) more than the holder holds. A return (of paper, or of
/// a kit) after which the holder has no kit left out settles their account: when used + returned
/// does not come to what was handed it is refused (RefusedByState) unless `accept_discrepancy`,
/// and then the act and the audit trail carry the discrepancy. While a kit is still out, what is
/// not back simply stays with the holder.
Result<Act> return_paper(Session& session, const PaperReturnRequest& request);
/// The msgid of that refusal (args: the item, handed, used, returned, not accounted for), so a
/// caller can offer the confirmation.
extern const char* const kPaperDoesNotAddUp;

/// One holder's paper account (every item), by IIN or by the kit they hold.
Result<HeldPaper> paper_held(Session& session, std::string_view employee_iin);
Result<HeldPaper> paper_held(Session& session, std::int64_t employee_id);
Result<HeldPaper> paper_held_with_kit(Session& session, std::string_view kit_number);
/// Every holder who still holds paper: the paper side of the outstanding report.
Result<std::vector<HeldPaper>> paper_outstanding(Session& session);

/// The account after a return of `returned` and `used` copies (indexed as kAllPaperItems).
using PaperCounts = std::array<int, std::size(kAllPaperItems)>;
std::vector<PaperBalance> paper_after_return(std::vector<PaperBalance> account, const PaperCounts& returned,
                                             const PaperCounts& used);
/// used + returned = handed for every item: nothing is left unaccounted for.
bool paper_adds_up(const std::vector<PaperBalance>& account);

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
