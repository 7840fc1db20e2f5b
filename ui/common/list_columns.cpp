#include "ui/common/list_columns.h"

#include <algorithm>

namespace sanaq::ui {

void append_fitted_column(wxListCtrl* list, const wxString& header, int min_width, const std::vector<wxString>& samples,
                          wxListColumnFormat format) {
    const int padding = list->FromDIP(24);  // cell margins and the header's sort arrow room
    int width = list->FromDIP(min_width);
    width = std::max(width, list->GetTextExtent(header).x + padding);
    for (const auto& text : samples) width = std::max(width, list->GetTextExtent(text).x + padding);
    list->AppendColumn(header, format, width);
}

void stretch_column(wxListCtrl* list, int column, int min_width) {
    auto fit = [list, column, min_width] {
        int others = 0;
        for (int c = 0; c < list->GetColumnCount(); ++c)
            if (c != column) others += list->GetColumnWidth(c);
        // Room for a vertical scroll bar, so that a long list does not bring a horizontal one.
        const int room = list->GetClientSize().x - others - list->FromDIP(20);
        const int width = std::max(list->FromDIP(min_width), room);
        if (list->GetColumnWidth(column) != width) list->SetColumnWidth(column, width);
    };
    list->Bind(wxEVT_SIZE, [list, fit](wxSizeEvent& e) {
        e.Skip();
        list->CallAfter(fit);  // after the list has its new size
    });
}

}  // namespace sanaq::ui
