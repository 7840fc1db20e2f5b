#pragma once
// What a user with larger text would find cut off: controls that reach past the edge of the
// window holding them (a row of filters wider than the screen, a button half outside its dialog).
#include <string>
#include <vector>

class wxWindow;

namespace sanaq::test {

/// Each shown control under `root` that extends past its parent's client area, as
/// "Class 'label' right edge 1420 > 1240 (in Parent)". Scrolled areas are not looked into
/// (their content may be larger: it scrolls), nor are composite controls' own parts.
std::vector<std::string> controls_cut_off(wxWindow* root);

}  // namespace sanaq::test
