#pragma once
// Buttons with a standard id (OK, Cancel, Close …) keep the label we gave them, in the station's
// language.
//
// wxGTK hands a button whose label is the stock label of its id over to GTK's stock items, and GTK
// translates those in the process's locale, not in the language chosen at sign-in: a Kazakh
// session on a Russian (or C) desktop showed "Cancel" and "Close". Once installed, every window
// shown has such buttons put back to their own (translated) label.
class wxButton;
class wxInfoBar;
class wxWindow;
class wxString;

namespace sanaq::ui {

/// Installs the application-wide filter (once; later calls do nothing).
void keep_own_button_labels();
/// Puts the stock buttons under `window` back to their own labels now.
void restore_button_labels(wxWindow* window);
/// How many buttons under `window` GTK labels with its own stock item (for tests: 0 once shown).
int buttons_showing_stock_labels(wxWindow* window);
/// The text GTK shows on `button` (mnemonic as "_"), for tests.
wxString shown_button_label(wxButton* button);
/// A notice bar whose close button says "Close" in the station's language (GTK's own would follow
/// the desktop's locale).
wxInfoBar* make_notice_bar(wxWindow* parent);

}  // namespace sanaq::ui
