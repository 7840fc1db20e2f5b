#include "ui/common/button_labels.h"

#include <glib-object.h>

#include <wx/button.h>
#include <wx/eventfilter.h>
#include <wx/infobar.h>
#include <wx/intl.h>
#include <wx/stockitem.h>
#include <wx/window.h>

namespace sanaq::ui {
namespace {

/// "&Save && close" as GTK writes it: "_Save & close" (a literal "_" doubled).
wxString gtk_mnemonics(const wxString& label) {
    wxString out;
    for (std::size_t i = 0; i < label.length(); ++i) {
        const wxUniChar c = label[i];
        if (c == '_') {
            out += "__";
        } else if (c == '&') {
            if (i + 1 < label.length() && label[i + 1] == '&') {
                out += '&';
                ++i;
            } else {
                out += '_';
            }
        } else {
            out += c;
        }
    }
    return out;
}

GObject* gtk_object(wxButton* button) { return static_cast<GObject*>(static_cast<void*>(button->GetHandle())); }

bool uses_stock(wxButton* button) {
#ifdef __WXGTK__
    gboolean stock = FALSE;
    if (GObject* widget = gtk_object(button)) g_object_get(widget, "use-stock", &stock, nullptr);
    return stock;
#else
    (void)button;
    return false;
#endif
}

void restore_one(wxButton* button) {
#ifdef __WXGTK__
    if (!wxIsStockID(button->GetId()) || button->GetLabel().empty() || !uses_stock(button)) return;
    GObject* widget = gtk_object(button);
    // utf8_str() may point into the string's own conversion cache: the string must outlive it.
    const wxString label = gtk_mnemonics(button->GetLabel());
    const wxScopedCharBuffer text = label.utf8_str();
    g_object_set(widget, "use-stock", FALSE, "use-underline", TRUE, "label", text.data(), nullptr);
#else
    (void)button;
#endif
}

/// Sees every window being shown; cheap for everything else (one comparison).
class ButtonLabelFilter : public wxEventFilter {
public:
    int FilterEvent(wxEvent& event) override {
        if (event.GetEventType() == wxEVT_SHOW && static_cast<wxShowEvent&>(event).IsShown())
            if (auto* window = dynamic_cast<wxWindow*>(event.GetEventObject()); window && window->IsTopLevel())
                restore_button_labels(window);
        return Event_Skip;
    }
};

}  // namespace

void restore_button_labels(wxWindow* window) {
    if (!window) return;
    if (auto* button = dynamic_cast<wxButton*>(window)) restore_one(button);
    for (wxWindow* child : window->GetChildren()) restore_button_labels(child);
}

int buttons_showing_stock_labels(wxWindow* window) {
    if (!window) return 0;
    int n = 0;
    if (auto* button = dynamic_cast<wxButton*>(window); button && uses_stock(button)) ++n;
    for (wxWindow* child : window->GetChildren()) n += buttons_showing_stock_labels(child);
    return n;
}

wxString shown_button_label(wxButton* button) {
#ifdef __WXGTK__
    gchar* text = nullptr;
    if (GObject* widget = gtk_object(button)) g_object_get(widget, "label", &text, nullptr);
    const wxString out = text ? wxString::FromUTF8(text) : wxString();
    g_free(text);
    return out;
#else
    return button ? button->GetLabel() : wxString();
#endif
}

void keep_own_button_labels() {
    static ButtonLabelFilter* filter = [] {
        auto* f = new ButtonLabelFilter;  // lives as long as the process: filters cannot be owned by wx
        wxEvtHandler::AddFilter(f);
        return f;
    }();
    (void)filter;
}

wxInfoBar* make_notice_bar(wxWindow* parent) {
    auto* bar = new wxInfoBar(parent);
    // A button of our own replaces the default close button (which GTK would label itself).
    bar->AddButton(wxID_CLOSE, wxStripMenuCodes(_("&Close")));
    return bar;
}

}  // namespace sanaq::ui
