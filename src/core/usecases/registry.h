#pragma once
// Institutions and their responsible employees.
#include <vector>

#include "core/usecases/session.h"

namespace sanaq {

Status add_institution(Session& session, Institution institution);
Status update_institution(Session& session, Institution institution);
Result<std::vector<Institution>> list_institutions(Session& session);
Result<Institution> find_institution(Session& session, std::string_view bin);

/// Adds a responsible employee to an existing institution; returns the stored record.
Result<ResponsibleEmployee> add_staff(Session& session, ResponsibleEmployee employee);
/// Staff of one institution (or all). Roles without ViewStaffIin get the IIN masked.
Result<std::vector<ResponsibleEmployee>> list_staff(Session& session, std::string_view institution_bin);
Result<ResponsibleEmployee> find_staff_by_iin(Session& session, std::string_view iin);
/// Records (or, all empty, clears) the head's order that appointed the employee with this IIN and
/// the day they were trained. EditStaff; audited by record id. Returns the stored record.
Result<ResponsibleEmployee> record_appointment(Session& session, std::string_view iin,
                                               std::string order_number, std::string order_date,
                                               std::string trained_on);

}  // namespace sanaq
