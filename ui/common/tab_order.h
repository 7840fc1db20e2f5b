#pragma once
// Tab follows creation order in wx, but a wxStdDialogButtonSizer lays its buttons out in the
// platform's order (GTK: Cancel left of OK). This puts the row's windows into the Tab order as
// they stand on screen, so Tab moves left to right whatever the platform.
class wxSizer;
class wxWindow;

namespace sanaq::ui {

/// Call after `row` is realized: its windows follow each other in the Tab order as laid out.
void tab_order_as_laid_out(wxSizer* row);

/// Call when `window` has just been given its children after its parent's Tab order was made.
/// wxGTK hands GTK a focus chain of the children that took the focus when they were added; a
/// window that was empty then (a placeholder page filled later) stays out of it, and Tab never
/// enters it. This re-seats `window` where it is, so the parent's chain is made again.
void tab_order_include(wxWindow* window);

}  // namespace sanaq::ui
