#pragma once
// The colours that carry meaning on screen (a refusal in red, a warning in amber, a row that needs
// attention), in one place so the high-contrast mode can swap them all: on black, dark reds and
// pale backgrounds are unreadable. Windows take these instead of literal wxColour values.
#include <wx/colour.h>

namespace sanaq::ui::palette {

/// Whether the high-contrast palette is in force (ui/app/appearance.h sets it).
bool high_contrast();
void set_high_contrast(bool on);

// Text
wxColour error_text();     // a refusal, a failure
wxColour ok_text();        // done, saved
wxColour warning_text();   // needs a look soon
wxColour muted_text();     // settled, discarded, hints
// Row backgrounds of lists (the text stays the list's own colour)
wxColour error_row();
wxColour warning_row();
wxColour added_row();
wxColour info_row();
wxColour neutral_row();
// Surfaces for custom-drawn windows (charts, tiles)
wxColour surface();        // a list's or a chart's background
wxColour surface_text();
wxColour grid_line();
wxColour focus();          // keyboard focus outline
// Coverage: below 80 %, below 95 %, from 95 %
wxColour coverage_low();
wxColour coverage_mid();
wxColour coverage_high();

// High contrast only: the plain window colours every window gets.
wxColour contrast_background();  // black
wxColour contrast_text();        // yellow

}  // namespace sanaq::ui::palette
