#include "ui/common/palette.h"

#include <wx/settings.h>

namespace sanaq::ui::palette {
namespace {
bool g_high_contrast = false;
wxColour pick(bool hc, const wxColour& contrast, const wxColour& normal) { return hc ? contrast : normal; }
}  // namespace

bool high_contrast() { return g_high_contrast; }
void set_high_contrast(bool on) { g_high_contrast = on; }

wxColour error_text() { return pick(g_high_contrast, wxColour(0xff, 0x8c, 0x8c), wxColour(0xb0, 0x00, 0x20)); }
wxColour ok_text() { return pick(g_high_contrast, wxColour(0x8c, 0xff, 0x8c), wxColour(0x1b, 0x5e, 0x20)); }
wxColour warning_text() { return pick(g_high_contrast, wxColour(0xff, 0xc0, 0x40), wxColour(0x80, 0x50, 0x00)); }
wxColour muted_text() {
    return pick(g_high_contrast, wxColour(0xd0, 0xd0, 0xd0), wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
}

wxColour error_row() { return pick(g_high_contrast, wxColour(0x60, 0x00, 0x00), wxColour(0xff, 0xd8, 0xd8)); }
wxColour warning_row() { return pick(g_high_contrast, wxColour(0x50, 0x3c, 0x00), wxColour(0xff, 0xef, 0xc4)); }
wxColour added_row() { return pick(g_high_contrast, wxColour(0x00, 0x40, 0x00), wxColour(0xdc, 0xf2, 0xdc)); }
wxColour info_row() { return pick(g_high_contrast, wxColour(0x00, 0x28, 0x58), wxColour(0xdc, 0xe8, 0xf8)); }
wxColour neutral_row() { return pick(g_high_contrast, wxColour(0x30, 0x30, 0x30), wxColour(0xe8, 0xe8, 0xe8)); }

wxColour surface() { return pick(g_high_contrast, *wxBLACK, wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX)); }
wxColour surface_text() {
    return pick(g_high_contrast, contrast_text(), wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOXTEXT));
}
wxColour grid_line() { return pick(g_high_contrast, wxColour(0x90, 0x90, 0x90), wxColour(0xd0, 0xd0, 0xd0)); }
wxColour focus() { return pick(g_high_contrast, wxColour(0x00, 0xff, 0xff), wxColour(0x1c, 0x71, 0xd8)); }

wxColour coverage_low() { return pick(g_high_contrast, wxColour(0xff, 0x60, 0x50), wxColour(0xd0, 0x40, 0x30)); }
wxColour coverage_mid() { return pick(g_high_contrast, wxColour(0xff, 0xc0, 0x30), wxColour(0xe0, 0xa0, 0x20)); }
wxColour coverage_high() { return pick(g_high_contrast, wxColour(0x50, 0xe0, 0x70), wxColour(0x3a, 0x9a, 0x50)); }

wxColour contrast_background() { return *wxBLACK; }
wxColour contrast_text() { return wxColour(0xff, 0xff, 0x00); }

}  // namespace sanaq::ui::palette
