#pragma once
// Puts an Appearance (preferences.h) into force for the whole application:
//  - larger fonts: the toolkit's default font is scaled, so every window made afterwards — the
//    main window, every dialog, the toolkit's own message boxes and file choosers — lays out with
//    it (wxGTK reads it for every control that has no font of its own). Where the toolkit offers no
//    such setting, the main window's font is scaled and its children inherit it.
//  - high contrast: black windows with yellow text (every window as it is shown or created),
//    the colours that carry meaning swapped for ones readable on black (common/palette.h), and a
//    thick focus outline.
// Windows already on screen keep their layout: the main window rebuilds itself after a change.
#include <wx/toplevel.h>
#include <wx/window.h>

#include "ui/app/preferences.h"

namespace sanaq::ui {

const Appearance& current_appearance();
void apply_appearance(const Appearance& appearance);
/// Lets go of the event filter that paints new windows (the application is ending).
void end_appearance();
/// True when the toolkit's default font carries the scale (wxGTK); otherwise windows scale their
/// own font with scaled_font().
bool toolkit_font_scaled();
/// `font` at the current appearance's size when the toolkit does not scale fonts itself.
wxFont scaled_font(const wxFont& font);

/// Paints `window` and everything in it in the high-contrast colours — nothing when high contrast
/// is off. A window given a colour of its own (from common/palette.h) keeps it.
void paint_for_contrast(wxWindow* window);
/// Everything a window needs after it is built under the current appearance: the high-contrast
/// colours, and one-line text fields a line of the larger font high (laid out again). Every
/// top-level window gets it as it is shown; the main window calls it after each rebuild.
void adapt_to_appearance(wxTopLevelWindow* window);
/// Gives `window` and everything in it their default colours back (high contrast turned off).
void unpaint(wxWindow* window);

}  // namespace sanaq::ui
