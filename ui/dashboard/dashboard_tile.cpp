#include "ui/dashboard/dashboard_tile.h"

#include <wx/dcbuffer.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/common/palette.h"

namespace sanaq::ui {

DashboardTile::DashboardTile(wxWindow* parent, Tone tone)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE | wxFULL_REPAINT_ON_RESIZE), tone_(tone) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    // As wide as about twenty letters of the current font: larger fonts make larger tiles.
    width_ = GetTextExtent("MMMMMMMMMMMMMMMMMM").x;
    const int pad = GetTextExtent("M").x;
    caption_ = new wxStaticText(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE);
    caption_->SetFont(GetFont().Bold());
    value_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    value_->SetFont(GetFont().Bold().Scaled(2.4f));
    lines_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(caption_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);
    column->Add(value_, 0, wxLEFT | wxRIGHT, pad);
    column->Add(lines_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, pad);
    SetSizer(column);
    SetMinSize(wxSize(width_ + 2 * pad, -1));
    apply_colours();

    Bind(wxEVT_PAINT, &DashboardTile::paint, this);
    Bind(wxEVT_KEY_DOWN, &DashboardTile::key, this);
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& e) { Refresh(); e.Skip(); });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) { Refresh(); e.Skip(); });
    // A click anywhere on the tile, its texts included.
    for (wxWindow* w : {static_cast<wxWindow*>(this), static_cast<wxWindow*>(caption_), static_cast<wxWindow*>(value_),
                        static_cast<wxWindow*>(lines_)}) {
        w->Bind(wxEVT_LEFT_UP, [this](wxMouseEvent&) {
            SetFocus();
            activate();
        });
        w->SetCursor(wxCursor(wxCURSOR_HAND));
    }
}

void DashboardTile::set_content(const wxString& caption, const wxString& value, const std::vector<wxString>& lines) {
    // Wrapped with some slack: GTK measures text a little wider than wx and would wrap it again.
    const int wrap = width_ * 9 / 10;
    caption_->SetLabel(caption);
    caption_->Wrap(wrap);
    value_->SetLabel(value);
    wxString text;
    for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
    lines_->SetLabel(text);
    lines_->Wrap(wrap);
    lines_->Show(!text.empty());
    SetName(caption + ": " + value);  // what accessibility tools read for the tile
    SetToolTip(text.empty() ? caption : caption + "\n" + text);
    InvalidateBestSize();
    Layout();
}

void DashboardTile::set_tone(Tone tone) {
    tone_ = tone;
    apply_colours();
    Refresh();
}

void DashboardTile::activate() {
    if (on_activate) on_activate();
}

wxString DashboardTile::caption() const { return caption_->GetLabel(); }
wxString DashboardTile::value() const { return value_->GetLabel(); }
wxString DashboardTile::lines() const { return lines_->GetLabel(); }

void DashboardTile::apply_colours() {
    wxColour back = palette::surface();
    if (tone_ == Tone::Warning) back = palette::warning_row();
    if (tone_ == Tone::Alert) back = palette::error_row();
    SetBackgroundColour(back);
    for (auto* t : {caption_, value_, lines_}) {
        t->SetBackgroundColour(back);
        t->SetForegroundColour(palette::surface_text());
    }
    if (tone_ == Tone::Alert) value_->SetForegroundColour(palette::error_text());
    if (tone_ == Tone::Warning) value_->SetForegroundColour(palette::warning_text());
}

void DashboardTile::paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    const wxRect all = GetClientRect();
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    const bool focused = HasFocus();
    const int width = focused ? FromDIP(palette::high_contrast() ? 5 : 3) : FromDIP(1);
    dc.SetPen(wxPen(focused ? palette::focus() : palette::grid_line(), width));
    dc.SetBrush(*wxTRANSPARENT_BRUSH);
    wxRect frame = all;
    frame.Deflate(width / 2);
    dc.DrawRectangle(frame);
}

void DashboardTile::key(wxKeyEvent& event) {
    switch (event.GetKeyCode()) {
        case WXK_RETURN:
        case WXK_NUMPAD_ENTER:
        case WXK_SPACE:
            activate();
            return;
        default:
            event.Skip();
    }
}

}  // namespace sanaq::ui
