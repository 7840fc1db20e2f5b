#pragma once
// Report-list columns wide enough for their header and their longest fixed text in the current
// language: Russian and Kazakh labels run longer than the English ones the widths were set for.
#include <vector>

#include <wx/listctrl.h>

namespace sanaq::ui {

/// Appends a column at least `min_width` (DIP) wide, widened to fit `header` and each of `samples`.
void append_fitted_column(wxListCtrl* list, const wxString& header, int min_width,
                          const std::vector<wxString>& samples = {}, wxListColumnFormat format = wxLIST_FORMAT_LEFT);

/// Keeps `column` as wide as the room the other columns leave (at least `min_width` DIP): a name
/// column that takes what is left, so the figures stay in view in every language.
void stretch_column(wxListCtrl* list, int column, int min_width);

}  // namespace sanaq::ui
