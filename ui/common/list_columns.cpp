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

}  // namespace sanaq::ui
