#include "ui/common/tab_order.h"

#include <vector>

#include <wx/sizer.h>
#include <wx/window.h>

namespace sanaq::ui {
namespace {

void windows_in(wxSizer* sizer, std::vector<wxWindow*>& out) {
    for (wxSizerItem* item : sizer->GetChildren()) {
        if (item->IsWindow()) out.push_back(item->GetWindow());
        else if (item->IsSizer()) windows_in(item->GetSizer(), out);
    }
}

}  // namespace

void tab_order_as_laid_out(wxSizer* row) {
    std::vector<wxWindow*> windows;
    windows_in(row, windows);
    for (std::size_t i = 1; i < windows.size(); ++i)
        if (windows[i]->GetParent() == windows[i - 1]->GetParent()) windows[i]->MoveAfterInTabOrder(windows[i - 1]);
}

void tab_order_include(wxWindow* window) {
    wxWindow* parent = window->GetParent();
    if (!parent || window->IsTopLevel()) return;
    const wxWindowList& siblings = parent->GetChildren();
    auto here = siblings.Find(window);
    if (here && here->GetPrevious()) window->MoveAfterInTabOrder(here->GetPrevious()->GetData());
    else if (here && here->GetNext()) window->MoveBeforeInTabOrder(here->GetNext()->GetData());
}

}  // namespace sanaq::ui
