#pragma once
// One tile of the dashboard: a caption, a big number and a few lines under it. The whole tile is
// one keyboard stop (Tab), shows a thick outline when it has the focus, and Enter, Space or a click
// opens what it summarises.
#include <functional>
#include <vector>

#include <wx/window.h>

class wxStaticText;

namespace sanaq::ui {

class DashboardTile : public wxWindow {
public:
    enum class Tone { Plain, Warning, Alert };

    DashboardTile(wxWindow* parent, Tone tone = Tone::Plain);

    void set_content(const wxString& caption, const wxString& value, const std::vector<wxString>& lines);
    void set_tone(Tone tone);
    Tone tone() const { return tone_; }
    /// Opens the detail; what Enter, Space and a click do.
    void activate();

    std::function<void()> on_activate;

    wxString caption() const;
    wxString value() const;
    wxString lines() const;

    bool AcceptsFocus() const override { return true; }
    bool AcceptsFocusFromKeyboard() const override { return true; }

private:
    void apply_colours();
    void paint(wxPaintEvent& event);
    void key(wxKeyEvent& event);

    Tone tone_;
    wxStaticText* caption_ = nullptr;
    wxStaticText* value_ = nullptr;
    wxStaticText* lines_ = nullptr;
    int width_ = 0;
};

}  // namespace sanaq::ui
