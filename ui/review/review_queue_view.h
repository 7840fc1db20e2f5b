#pragma once
// The supervisors' review queue as a virtual list: item, institution, kind, score, conflict, state.
#include <functional>
#include <string>
#include <vector>

#include <wx/listctrl.h>

#include "core/domain/coverage.h"

namespace sanaq::ui {

class ReviewQueueView : public wxListCtrl {
public:
    explicit ReviewQueueView(wxWindow* parent);
    void set_items(std::vector<ReviewItem> items);
    const std::vector<ReviewItem>& items() const { return items_; }
    const ReviewItem* item_at(long index) const;
    long selected_index() const;
    void select_index(long index);
    /// Names the institution of a BIN (the panel knows the register).
    std::function<wxString(const std::string& bin)> institution_name;

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    std::vector<ReviewItem> items_;
    mutable wxItemAttr conflict_attr_;
};

}  // namespace sanaq::ui
