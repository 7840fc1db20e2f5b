#pragma once
// What a new version of an institution's list changes against the current one: the people added,
// removed, and those whose entry changed with the fields that changed ("Surname: A -> B").
#include <vector>

#include <wx/listctrl.h>

#include "lists/list_diff.h"

namespace sanaq::ui {

class ListDiffView : public wxListCtrl {
public:
    explicit ListDiffView(wxWindow* parent);
    /// Shows `diff` (kept by the caller; null clears the list): changed first, then added, removed.
    void set_diff(const lists::ListDiff* diff);

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    enum class Kind { Added, Removed, Changed };
    struct Row {
        Kind kind;
        const lists::ListEntry* entry;          // the new entry (added, changed) or the old one (removed)
        const lists::ChangedEntry* change;      // changed only
    };
    std::vector<Row> rows_;
    mutable wxItemAttr added_attr_, removed_attr_, changed_attr_;
};

/// An entry's value of `field` as text (sex and category in words).
wxString entry_field_text(const lists::ListEntry& entry, lists::EntryField field);

}  // namespace sanaq::ui
