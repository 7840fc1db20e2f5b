#include "ui/kits/outstanding_report.h"

#include <wx/intl.h>

#include "ui/app/ui_language.h"
#include "ui/common/text.h"

namespace sanaq::ui {

std::vector<std::string> outstanding_report_header() {
    return {to_utf8(_("Kit")),    to_utf8(_("State")),    to_utf8(_("BIN")),      to_utf8(_("Institution")),
            to_utf8(_("Holder")), to_utf8(_("Phone")),    to_utf8(_("Issued")),   to_utf8(_("Due")),
            to_utf8(_("Days out")), to_utf8(_("Overdue")), to_utf8(_("Owed"))};
}

std::vector<std::vector<std::string>> outstanding_report_rows(
    const std::vector<OutstandingKit>& rows, const std::vector<HeldPaper>& paper) {
    std::vector<std::vector<std::string>> cells;
    for (const auto& r : rows) {
        std::string owed;
        for (auto c : r.owed) owed += (owed.empty() ? "" : ", ") + to_utf8(tr_label(component_label(c)));
        cells.push_back({r.kit.number, to_utf8(tr_label(kit_state_label(r.kit.state))), r.institution.bin,
                         to_utf8(institution_name(r.institution)), r.holder.full_name, r.holder.phone,
                         r.issue.issued_at_utc.substr(0, 10), r.issue.due_date, std::to_string(r.days_out),
                         // TRANSLATORS: cell of the outstanding report for a kit past its return date.
                         r.overdue ? to_utf8(_("overdue")) : std::string(), owed});
    }
    if (paper.empty()) return cells;
    cells.push_back({});
    cells.push_back({to_utf8(_("Holder")), to_utf8(_("Phone")), to_utf8(_("BIN")),
                     to_utf8(_("Institution")), to_utf8(_("Paper census tool")),
                     to_utf8(_("Handed")), to_utf8(_("Used")), to_utf8(_("Returned")),
                     to_utf8(_("Balance"))});
    for (const auto& h : paper)
        for (const auto& b : h.items)
            if (b.balance() != 0)
                cells.push_back({h.holder.full_name, h.holder.phone, h.institution.bin,
                                 to_utf8(institution_name(h.institution)),
                                 to_utf8(tr_label(paper_item_label(b.item))),
                                 std::to_string(b.handed), std::to_string(b.used),
                                 std::to_string(b.returned), std::to_string(b.balance())});
    return cells;
}

}  // namespace sanaq::ui
