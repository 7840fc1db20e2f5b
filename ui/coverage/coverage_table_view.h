#pragma once
// The coverage table: one row per institution, district or region, and the total last. A virtual
// list (a region has thousands of institutions); a click on a column header sorts by it.
#include <optional>
#include <vector>

#include <wx/listctrl.h>

#include "core/domain/coverage.h"

namespace sanaq::ui {

class CoverageTableView : public wxListCtrl {
public:
    /// Coverage comes right after the name: it is the figure people look for, and it stays in view
    /// however long the other headings are in the interface language.
    enum Column {
        kName, kKey, kCoverage, kListed, kEnumerated, kMatched,
        kByTabletUsb, kByOnline, kByVpnTablet, kFromAdminRecords,   // the matched by channel and source
        kMissing, kExtra, kDuplicates, kReview, kColumnCount
    };

    explicit CoverageTableView(wxWindow* parent);
    /// Shows the report's rows (kept by the caller) and its total; null clears.
    void set_report(const CoverageReport* report);
    /// The report row shown at `item`; null for the total line or out of range.
    const CoverageRow* row_at(long item) const;
    const CoverageRow* selected_row() const;
    /// Selects the row with this key; false when it is not shown.
    bool select_key(const std::string& key);
    void sort_by(int column);

    /// The listed persons awaiting a supervisor: review and conflict together.
    static std::int64_t under_review(const CoverageRow& row) { return row.review + row.conflict; }

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    void set_headers();
    void order();
    wxString cell(const CoverageRow& row, long column) const;

    const CoverageReport* report_ = nullptr;
    std::vector<const CoverageRow*> rows_;
    int sort_column_ = kName;
    bool ascending_ = true;
    mutable wxItemAttr total_attr_;
};

}  // namespace sanaq::ui
