#pragma once
// Every row of a list file as the reader saw it, with its problems: rows that cannot be imported
// on red, rows with warnings on amber. A virtual list (a ministry's list has tens of thousands of
// rows), filtered to all rows, the rejected ones or those with warnings.
#include <cstddef>
#include <vector>

#include <wx/listctrl.h>

#include "lists/list_reader.h"

namespace sanaq::ui {

class ListPreviewView : public wxListCtrl {
public:
    enum class Filter { All, Rejected, Warnings };

    explicit ListPreviewView(wxWindow* parent);
    /// Shows `preview` with its `index` (both kept by the caller; null clears the list). The index
    /// is made off the UI thread: filtering tens of thousands of rows here would stall it.
    void set_preview(const lists::ListPreview* preview, const lists::PreviewIndex* index, Filter filter = Filter::All);
    void set_filter(Filter filter);
    /// The preview row shown at `item`, or null.
    const lists::PreviewRow* row_at(long item) const;

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    wxString cell_text(const lists::PreviewRow& row, lists::ListField field, const std::string& value) const;

    const lists::ListPreview* preview_ = nullptr;
    const lists::PreviewIndex* index_ = nullptr;
    Filter filter_ = Filter::All;
    const std::vector<std::size_t>* shown_ = nullptr;  // the filter's rows; null: every row
    mutable wxItemAttr error_attr_, warning_attr_;
};

}  // namespace sanaq::ui
