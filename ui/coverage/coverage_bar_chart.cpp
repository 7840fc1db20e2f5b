#include "ui/coverage/coverage_bar_chart.h"

#include <algorithm>

#include <wx/dc.h>
#include <wx/dcclient.h>
#include <wx/settings.h>

#include "ui/coverage/coverage_labels.h"
#include "ui/common/palette.h"

namespace sanaq::ui {

CoverageBarChart::CoverageBarChart(wxWindow* parent)
    : wxScrolledCanvas(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxBORDER_THEME) {
    SetBackgroundColour(palette::surface());
    SetScrollRate(0, row_height());
    Bind(wxEVT_LEFT_DOWN, &CoverageBarChart::clicked, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

int CoverageBarChart::row_height() const { return GetCharHeight() + FromDIP(8); }

void CoverageBarChart::set_bars(std::vector<Bar> bars) {
    std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
        if ((a.listed > 0) != (b.listed > 0)) return a.listed > 0;
        return a.percent < b.percent;
    });
    bars_ = std::move(bars);
    SetVirtualSize(-1, static_cast<int>(bars_.size()) * row_height() + FromDIP(8));
    Refresh();
}

void CoverageBarChart::OnDraw(wxDC& dc) {
    const wxSize client = GetClientSize();
    const int width = client.x;
    const int h = row_height();
    const int pad = FromDIP(6);
    dc.SetFont(GetFont());
    if (bars_.empty()) {
        dc.SetTextForeground(palette::muted_text());
        dc.DrawText(_("No figures yet: run the reconciliation."), pad, pad);
        return;
    }
    // Names take about two fifths of the width; the bar the rest, the percentage at its end.
    const int label_width = std::max(FromDIP(80), width * 2 / 5);
    const int percent_width = dc.GetTextExtent("100.0 %").x + pad;
    const int bar_left = label_width + pad;
    const int bar_span = std::max(FromDIP(20), width - bar_left - percent_width - pad);

    // Only the rows in view are drawn.
    int first = 0, last = static_cast<int>(bars_.size());
    int view_x = 0, view_y = 0;
    GetViewStart(&view_x, &view_y);
    int ppu_x = 0, ppu_y = 0;
    GetScrollPixelsPerUnit(&ppu_x, &ppu_y);
    const int top = view_y * std::max(1, ppu_y);
    first = std::max(0, top / h - 1);
    last = std::min(last, (top + client.y) / h + 2);

    const wxColour text = palette::surface_text();
    const wxColour grid = palette::grid_line();
    for (int i = first; i < last; ++i) {
        const Bar& b = bars_[static_cast<std::size_t>(i)];
        const int y = pad / 2 + i * h;
        // The name, cut with an ellipsis to its room.
        wxString label = b.label;
        if (dc.GetTextExtent(label).x > label_width) {
            const wxString dots = wxString::FromUTF8("\xE2\x80\xA6");
            while (label.length() > 1 && dc.GetTextExtent(label + dots).x > label_width) label.RemoveLast();
            label += dots;
        }
        dc.SetTextForeground(text);
        dc.DrawText(label, pad / 2, y + (h - dc.GetCharHeight()) / 2);
        // The 100 % frame, then the bar.
        dc.SetPen(wxPen(grid));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.DrawRectangle(bar_left, y + 3, bar_span, h - 6);
        const int filled = static_cast<int>(bar_span * std::clamp(b.percent, 0.0, 100.0) / 100.0);
        if (b.listed > 0 && filled > 0) {
            const wxColour colour = coverage_colour(b.percent);
            dc.SetPen(wxPen(colour));
            dc.SetBrush(wxBrush(colour));
            dc.DrawRectangle(bar_left, y + 3, filled, h - 6);
        }
        dc.DrawText(b.listed > 0 ? percent_text(b.percent) : wxString::FromUTF8("\xE2\x80\x94"), bar_left + bar_span + pad,
                    y + (h - dc.GetCharHeight()) / 2);
    }
}

void CoverageBarChart::clicked(wxMouseEvent& event) {
    const wxPoint at = CalcUnscrolledPosition(event.GetPosition());
    const int i = (at.y - FromDIP(6) / 2) / row_height();
    if (i >= 0 && i < static_cast<int>(bars_.size()) && on_pick) on_pick(bars_[static_cast<std::size_t>(i)].key);
    event.Skip();
}

}  // namespace sanaq::ui
