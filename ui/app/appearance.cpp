#include "ui/app/appearance.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>

#include <wx/eventfilter.h>
#include <wx/app.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/toplevel.h>

#include "ui/common/palette.h"

#ifdef __WXGTK__
#include <dlfcn.h>
#endif

namespace sanaq::ui {
namespace {

Appearance g_appearance;
bool g_toolkit_font = false;

#ifdef __WXGTK__
// wx has no API for GTK's default font or for style sheets, and the GTK headers are not a build
// dependency of wxGTK applications: the few GObject/GTK calls are looked up in the libgtk-3 that
// wxGTK has already loaded. When a symbol is missing nothing changes and the fallbacks apply.
namespace gtk {
template <class F>
F symbol(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_DEFAULT, name));
}
using GetDefault = void* (*)();
using ObjectProperty = void (*)(void*, const char*, ...);
using Free = void (*)(void*);
using CssNew = void* (*)();
using CssLoad = int (*)(void*, const char*, long, void**);
using AddProvider = void (*)(void*, void*, unsigned);
using RemoveProvider = void (*)(void*, void*);

std::string g_base_font;  // the desktop's font before we touched it, e.g. "Cantarell 11"
void* g_css = nullptr;    // our focus-outline style sheet while it is installed

/// Sets GTK's default font to the desktop's at `percent`; false when GTK is not reachable.
bool set_font_percent(int percent) {
    auto settings_default = symbol<GetDefault>("gtk_settings_get_default");
    auto get = symbol<ObjectProperty>("g_object_get");
    auto set = symbol<ObjectProperty>("g_object_set");
    auto free = symbol<Free>("g_free");
    if (!settings_default || !get || !set || !free) return false;
    void* settings = settings_default();
    if (!settings) return false;
    if (g_base_font.empty()) {
        char* name = nullptr;
        get(settings, "gtk-font-name", &name, static_cast<void*>(nullptr));
        if (name) g_base_font = name;
        free(name);
    }
    // A Pango description: "Family [Style ...] Size".
    const auto space = g_base_font.rfind(' ');
    if (space == std::string::npos) return false;
    char* end = nullptr;
    const double size = std::strtod(g_base_font.c_str() + space + 1, &end);
    if (size <= 0 || !end || *end) return false;
    const std::string font = g_base_font.substr(0, space) + " " + std::to_string(size * percent / 100.0);
    set(settings, "gtk-font-name", percent == 100 ? g_base_font.c_str() : font.c_str(), static_cast<void*>(nullptr));
    return true;
}

/// A thick focus outline on every GTK widget (the themes' dotted line is hard to find).
void set_focus_outline(bool on, const wxColour& colour, int width) {
    auto screen_default = symbol<GetDefault>("gdk_screen_get_default");
    auto add = symbol<AddProvider>("gtk_style_context_add_provider_for_screen");
    auto remove = symbol<RemoveProvider>("gtk_style_context_remove_provider_for_screen");
    auto css_new = symbol<CssNew>("gtk_css_provider_new");
    auto css_load = symbol<CssLoad>("gtk_css_provider_load_from_data");
    auto unref = symbol<Free>("g_object_unref");
    if (!screen_default || !add || !remove || !css_new || !css_load || !unref) return;
    void* screen = screen_default();
    if (!screen) return;
    if (g_css) {
        remove(screen, g_css);
        unref(g_css);
        g_css = nullptr;
    }
    if (!on) return;
    const std::string css = "*:focus { outline-style: solid; outline-width: " + std::to_string(width) +
                            "px; outline-offset: 1px; outline-color: " +
                            colour.GetAsString(wxC2S_HTML_SYNTAX).utf8_string() + "; }";
    g_css = css_new();
    if (!g_css) return;
    css_load(g_css, css.c_str(), -1, nullptr);
    add(screen, g_css, 800 /* GTK_STYLE_PROVIDER_PRIORITY_USER */);
}
}  // namespace gtk
#endif

double luminance(const wxColour& c) {
    return (0.2126 * c.Red() + 0.7152 * c.Green() + 0.0722 * c.Blue()) / 255.0;
}

/// Light backgrounds go black and dark text goes yellow, whoever set them (wx's own list sets a
/// white background of its own); the dark rows and light texts of the high-contrast palette stay.
void paint_one(wxWindow* w) {
    // A generic list's header and rows are its own children: the list itself says how they look.
    if (dynamic_cast<wxListCtrl*>(w->GetParent())) return;
    if (!w->UseBackgroundColour() || luminance(w->GetBackgroundColour()) > 0.35)
        w->SetBackgroundColour(palette::contrast_background());
    if (!w->UseForegroundColour() || luminance(w->GetForegroundColour()) < 0.45)
        w->SetForegroundColour(palette::contrast_text());
    // The header is drawn by the theme on a light button face: dark text reads there.
    if (auto* list = dynamic_cast<wxListCtrl*>(w)) {
        // The list keeps its rows' colour in a window of its own, which the system may have reset
        // while the list's own colour stayed: set it through, whatever the list believes.
        list->SetBackgroundColour(wxNullColour);
        list->SetBackgroundColour(palette::contrast_background());
        wxItemAttr header;
        header.SetTextColour(*wxBLACK);
        list->SetHeaderAttr(header);
    }
}

/// With a larger toolkit font wxGTK asks GTK for a one-line text field's height and gets less
/// than a line of the new font: give such fields a line and their padding. True when one changed.
bool heighten_text_fields(wxWindow* w) {
    bool changed = false;
    if (auto* text = dynamic_cast<wxTextCtrl*>(w); text && !text->IsMultiLine()) {
        const int want = text->GetCharHeight() + text->FromDIP(12);
        if (text->GetBestSize().y < want && text->GetMinSize().y < want) {
            text->SetMinSize(wxSize(text->GetMinSize().x, want));
            changed = true;
        }
    }
    for (wxWindow* child : w->GetChildren())
        if (!child->IsTopLevel()) changed = heighten_text_fields(child) || changed;
    return changed;
}

/// Adapts every top-level window as it is shown, and paints every window as it is created, while
/// the appearance is not the usual one. Installed while it is needed.
class AppearanceFilter : public wxEventFilter {
public:
    AppearanceFilter() { wxEvtHandler::AddFilter(this); }
    ~AppearanceFilter() override { wxEvtHandler::RemoveFilter(this); }
    int FilterEvent(wxEvent& event) override {
        const wxEventType type = event.GetEventType();
        if (type == wxEVT_SHOW) {
            auto* tlw = dynamic_cast<wxTopLevelWindow*>(event.GetEventObject());
            if (tlw && static_cast<wxShowEvent&>(event).IsShown()) adapt_to_appearance(tlw);
        } else if (type == wxEVT_CREATE && palette::high_contrast()) {
            if (auto* w = dynamic_cast<wxWindow*>(event.GetEventObject())) paint_one(w);
        } else if (type == wxEVT_SYS_COLOUR_CHANGED && palette::high_contrast() && !repaint_pending_) {
            // A theme or font change makes some windows (the generic list) take the system's
            // colours back: paint everything again once the toolkit has finished telling them.
            repaint_pending_ = true;
            wxTheApp->CallAfter([this] {
                repaint_pending_ = false;
                for (wxWindow* w : wxTopLevelWindows) paint_for_contrast(w);
            });
        }
        return Event_Skip;
    }

private:
    bool repaint_pending_ = false;
};
std::unique_ptr<AppearanceFilter> g_filter;

}  // namespace

const Appearance& current_appearance() { return g_appearance; }

void apply_appearance(const Appearance& appearance) {
    g_appearance = appearance;
    palette::set_high_contrast(appearance.high_contrast);
    g_toolkit_font = false;
#ifdef __WXGTK__
    g_toolkit_font = gtk::set_font_percent(appearance.font_percent);
    const bool outline = appearance.high_contrast || appearance.font_percent > 100;
    gtk::set_focus_outline(outline, palette::focus(), appearance.high_contrast ? 4 : 3);
#endif
    const bool usual = appearance == Appearance{};
    if (!usual && !g_filter) g_filter = std::make_unique<AppearanceFilter>();
    if (usual) g_filter.reset();
}

void end_appearance() { g_filter.reset(); }

bool toolkit_font_scaled() { return g_toolkit_font; }

wxFont scaled_font(const wxFont& font) {
    if (g_toolkit_font || g_appearance.font_percent == 100) return font;
    return font.Scaled(static_cast<float>(g_appearance.font_percent) / 100.0f);
}

void paint_for_contrast(wxWindow* window) {
    if (!window || !palette::high_contrast()) return;
    paint_one(window);
    if (!dynamic_cast<wxListCtrl*>(window))
        for (wxWindow* child : window->GetChildren()) paint_for_contrast(child);
    window->Refresh();
}

/// Scrolled panels measure their content again after their fields grew.
void refit_scrolled(wxWindow* w) {
    for (wxWindow* child : w->GetChildren()) {
        if (child->IsTopLevel()) continue;
        refit_scrolled(child);
        if (auto* scrolled = dynamic_cast<wxScrolledWindow*>(child)) {
            scrolled->Layout();
            scrolled->FitInside();
        }
    }
}

void adapt_to_appearance(wxTopLevelWindow* window) {
    if (!window) return;
    paint_for_contrast(window);
    if (g_appearance.font_percent == 100 || !heighten_text_fields(window)) return;
    window->Layout();
    refit_scrolled(window);
    // A dialog grows to what its controls now need; a main window keeps its size.
    if (dynamic_cast<wxDialog*>(window) && window->GetSizer()) {
        const wxSize need = window->GetSizer()->ComputeFittingWindowSize(window);
        const wxSize now = window->GetSize();
        if (need.x > now.x || need.y > now.y) window->SetSize(wxSize(std::max(need.x, now.x), std::max(need.y, now.y)));
        window->Layout();
    }
}

void unpaint(wxWindow* window) {
    if (!window) return;
    window->SetBackgroundColour(wxNullColour);
    window->SetForegroundColour(wxNullColour);
    if (!dynamic_cast<wxListCtrl*>(window))
        for (wxWindow* child : window->GetChildren()) unpaint(child);
    window->Refresh();
}

}  // namespace sanaq::ui
