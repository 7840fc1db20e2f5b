#pragma once
// Audit entries as a virtual list: a trail grows by every change, so rows are drawn on demand
// from the entries the filter returned rather than inserted one by one.
#include <vector>

#include <wx/listctrl.h>

#include "core/domain/audit.h"

namespace sanaq::ui {

class AuditListView : public wxListCtrl {
public:
    explicit AuditListView(wxWindow* parent);
    void set_entries(std::vector<AuditEntry> entries);
    const std::vector<AuditEntry>& entries() const { return entries_; }
    /// Marks the entry the verification found broken.
    void set_bad_seq(std::int64_t seq);

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    std::vector<AuditEntry> entries_;
    std::int64_t bad_seq_ = 0;
    mutable wxItemAttr bad_attr_;
};

}  // namespace sanaq::ui
