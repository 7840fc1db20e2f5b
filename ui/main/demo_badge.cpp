#include "ui/main/demo_badge.h"

namespace sanaq::ui {

DemoBadge::DemoBadge(wxWindow* parent)
    : wxStaticText(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL | wxST_NO_AUTORESIZE) {
    SetFont(GetFont().Bold());
    apply_texts();
}

void DemoBadge::apply_texts() {
    // Here rather than once: a change of appearance takes every window's colours back first.
    SetBackgroundColour(wxColour(0xe6, 0x7e, 0x00));
    SetForegroundColour(*wxWHITE);
    // TRANSLATORS: badge in the status bar of a workspace filled with invented demo data.
    SetLabel(_("DEMO DATA"));
    SetToolTip(_("This workspace holds invented demo data. Do not enter real census data here."));
}

}  // namespace sanaq::ui
