#pragma once
// Who holds which kit since when: the register behind the outstanding report.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

/// How paper moves between the department and a holder: the ledger behind a holder's balance.
enum class PaperMovementKind { Issued, Used, Returned };
inline std::string_view paper_movement_code(PaperMovementKind kind) {
    switch (kind) {
        case PaperMovementKind::Issued: return "issued";
        case PaperMovementKind::Used: return "used";
        case PaperMovementKind::Returned: return "returned";
    }
    return "issued";
}
inline std::optional<PaperMovementKind> parse_paper_movement(std::string_view code) {
    for (auto kind : {PaperMovementKind::Issued, PaperMovementKind::Used, PaperMovementKind::Returned})
        if (paper_movement_code(kind) == code) return kind;
    return std::nullopt;
}

/// One line of the ledger, under the act that moved the paper.
struct PaperMovement {
    std::int64_t employee_id = 0;
    PaperItem item = PaperItem::Explanations;
    PaperMovementKind kind = PaperMovementKind::Issued;
    int count = 0;  // > 0
    std::string act_number;
    std::string at_utc;
};

/// A holder's paper: one balance per item (every item, in kAllPaperItems order).
struct HeldPaper {
    ResponsibleEmployee holder;
    Institution institution;
    std::vector<PaperBalance> items;
    bool holds_any() const {
        for (const auto& b : items)
            if (b.balance() != 0) return true;
        return false;
    }
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
