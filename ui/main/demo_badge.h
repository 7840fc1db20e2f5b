#pragma once
// The "DEMO DATA" mark in the status bar of a demo workspace: nobody should mistake invented
// institutions and people for real ones, on screen or on a screenshot.
#include <wx/stattext.h>

namespace sanaq::ui {

class DemoBadge : public wxStaticText {
public:
    explicit DemoBadge(wxWindow* parent);
    void apply_texts();
};

}  // namespace sanaq::ui
