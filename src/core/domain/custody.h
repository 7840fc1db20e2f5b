#pragma once
// Who holds which kit since when: the register behind the outstanding report.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/institution.h"
#include "core/domain/kit.h"

namespace sanaq {

/// One hand-over of a kit to an employee, open until everything has come back.
struct KitIssue {
    std::int64_t id = 0;
    std::string kit_number;
    std::int64_t employee_id = 0;
    std::string issue_act;         // act number
    std::string issued_at_utc;
    std::string due_date;          // YYYY-MM-DD, may be empty
    std::optional<std::string> closed_at_utc;   // when the last item came back
    std::vector<std::string> return_acts;
};

/// A row of the outstanding report: a kit still (partly) with somebody.
struct OutstandingKit {
    Kit kit;
    KitIssue issue;
    ResponsibleEmployee holder;
    Institution institution;
    std::vector<ComponentType> owed;   // components not yet returned
    bool overdue = false;              // due date passed (workstation's local date)
    int days_out = 0;
};

}  // namespace sanaq
