#include "ui/layout_check.h"

#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/frame.h>
#include <wx/panel.h>
#include <wx/radiobut.h>
#include <wx/scrolwin.h>
#include <wx/splitter.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/window.h>

namespace sanaq::test {
namespace {

// Containers whose children are laid out by our sizers: the ones worth looking into. A list
// control's header or a date picker's button are the toolkit's business.
bool lays_out_children(wxWindow* w) {
    if (dynamic_cast<wxScrollHelperBase*>(w)) return false;  // scrolls: larger content is reachable
    return dynamic_cast<wxPanel*>(w) || dynamic_cast<wxTopLevelWindow*>(w) ||
           dynamic_cast<wxBookCtrlBase*>(w) || dynamic_cast<wxSplitterWindow*>(w) ||
           dynamic_cast<wxStaticBox*>(w);
}

wxString name_of(wxWindow* w) {
    wxString label = w->GetLabel();
    label.Replace("&", "");
    if (label.length() > 40) label = label.Left(40) + "...";
    return w->GetClassInfo()->GetClassName() + wxString(" '") + label + "'";
}

// A label or button given less width than its text needs (a box sizer shrinks items below their
// minimum when the row is too long): GTK then cuts the text. Labels made to end in "..." are not.
bool squeezed(wxWindow* w) {
    const bool text_control =
        dynamic_cast<wxButton*>(w) || dynamic_cast<wxCheckBox*>(w) ||
        dynamic_cast<wxRadioButton*>(w) ||
        (dynamic_cast<wxStaticText*>(w) && !w->HasFlag(wxST_ELLIPSIZE_START) &&
         !w->HasFlag(wxST_ELLIPSIZE_MIDDLE) && !w->HasFlag(wxST_ELLIPSIZE_END));
    return text_control && !w->GetLabel().empty() && w->GetSize().x + 2 < w->GetBestSize().x;
}

void look_into(wxWindow* parent, std::vector<std::string>& cut) {
    // A book sizes its pages itself, and only the current one is on screen.
    if (auto* book = dynamic_cast<wxBookCtrlBase*>(parent)) {
        if (wxWindow* page = book->GetCurrentPage(); page && lays_out_children(page))
            look_into(page, cut);
        return;
    }
    const wxSize room = parent->GetClientSize();
    for (wxWindow* child : parent->GetChildren()) {
        // A frame's client area ends above its status bar: the bar is not cut off.
        if (!child->IsShown() || child->IsTopLevel() || dynamic_cast<wxStatusBar*>(child)) continue;
        const wxRect r = child->GetRect();
        if (squeezed(child)) {
            cut.push_back((name_of(child) +
                           wxString::Format(" squeezed to %d of the %d it needs (in ", r.width,
                                            child->GetBestSize().x) +
                           name_of(parent) + ")")
                              .utf8_string());
            continue;
        }
        // A pixel of slack: GTK rounds allocations at fractional scales.
        if (r.GetRight() + 1 > room.x + 1 || r.GetBottom() + 1 > room.y + 1) {
            cut.push_back((name_of(child) +
                           wxString::Format(" reaches %d x %d > %d x %d (in ", r.GetRight() + 1,
                                            r.GetBottom() + 1, room.x, room.y) +
                           name_of(parent) + ")")
                              .utf8_string());
        }
        if (lays_out_children(child)) look_into(child, cut);
    }
}

}  // namespace

std::vector<std::string> controls_cut_off(wxWindow* root) {
    std::vector<std::string> cut;
    if (root && root->IsShown()) look_into(root, cut);
    return cut;
}

}  // namespace sanaq::test
