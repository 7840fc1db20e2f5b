#include "ui/coverage/progress_chart.h"

#include <algorithm>

#include <wx/dcbuffer.h>
#include <wx/dcgraph.h>
#include <wx/settings.h>

#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/common/palette.h"

namespace sanaq::ui {

ProgressChart::ProgressChart(wxWindow* parent)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_THEME | wxFULL_REPAINT_ON_RESIZE) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetBackgroundColour(palette::surface());
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

void ProgressChart::set_progress(std::vector<ProgressPoint> points, std::int64_t listed) {
    points_ = std::move(points);
    listed_ = listed;
    Refresh();
}

void ProgressChart::paint() {
    wxAutoBufferedPaintDC paint_dc(this);
    paint_dc.SetBackground(wxBrush(GetBackgroundColour()));
    paint_dc.Clear();
    wxGCDC dc(paint_dc);
    dc.SetFont(GetFont());
    const wxSize size = GetClientSize();
    const int pad = FromDIP(8);
    const wxColour text = palette::surface_text();
    const wxColour grey(0x90, 0x90, 0x90);
    if (points_.empty()) {
        dc.SetTextForeground(palette::muted_text());
        dc.DrawText(_("No enumerated records on the lists yet."), pad, pad);
        return;
    }
    std::int64_t top_value = listed_;
    std::int64_t day_max = 1;
    for (const auto& p : points_) {
        top_value = std::max(top_value, p.matched_cumulative);
        day_max = std::max(day_max, p.enumerated);
    }
    top_value = std::max<std::int64_t>(top_value, 1);

    const int char_h = dc.GetCharHeight();
    const int left = dc.GetTextExtent(count_text(top_value)).x + pad * 2;
    const int right = size.x - pad * 2;
    const int top = pad + char_h + pad / 2;  // room for the legend
    const int bottom = size.y - char_h - pad * 2;
    if (right - left < FromDIP(40) || bottom - top < FromDIP(16)) return;
    const double span_x = static_cast<double>(right - left);
    const double span_y = static_cast<double>(bottom - top);
    const std::size_t n = points_.size();
    auto x_at = [&](std::size_t i) {
        return left + static_cast<int>(n == 1 ? span_x / 2 : span_x * static_cast<double>(i) / static_cast<double>(n - 1));
    };
    auto y_at = [&](std::int64_t v) { return bottom - static_cast<int>(span_y * static_cast<double>(v) / static_cast<double>(top_value)); };

    // Axes and their labels.
    dc.SetPen(wxPen(grey));
    dc.DrawLine(left, top, left, bottom);
    dc.DrawLine(left, bottom, right, bottom);
    dc.SetTextForeground(text);
    const wxString top_label = count_text(top_value);
    dc.DrawText(top_label, left - pad - dc.GetTextExtent(top_label).x, top - char_h / 2);
    dc.DrawText("0", left - pad - dc.GetTextExtent("0").x, bottom - char_h / 2);
    const wxString first_day = from_utf8(points_.front().day);
    const wxString last_day = from_utf8(points_.back().day);
    dc.DrawText(first_day, left, bottom + pad / 2);
    if (n > 1) dc.DrawText(last_day, right - dc.GetTextExtent(last_day).x, bottom + pad / 2);

    // Records pulled each day: thin bars along the bottom, up to a quarter of the height.
    const wxColour day_colour(0xb8, 0xcc, 0xe4);
    dc.SetPen(wxPen(day_colour));
    dc.SetBrush(wxBrush(day_colour));
    const int bar_w = std::clamp(static_cast<int>(span_x / static_cast<double>(std::max<std::size_t>(n, 1)) * 0.5), 2, FromDIP(24));
    for (std::size_t i = 0; i < n; ++i) {
        const int h = static_cast<int>(span_y / 4 * static_cast<double>(points_[i].enumerated) / static_cast<double>(day_max));
        if (h > 0) dc.DrawRectangle(x_at(i) - bar_w / 2, bottom - h, bar_w, h);
    }

    // The target: everybody listed.
    const wxColour target = palette::muted_text();
    if (listed_ > 0) {
        dc.SetPen(wxPen(target, 1, wxPENSTYLE_SHORT_DASH));
        dc.DrawLine(left, y_at(listed_), right, y_at(listed_));
    }
    // Matched so far.
    const wxColour line = palette::high_contrast() ? wxColour(0x40, 0xc0, 0xff) : wxColour(0x1f, 0x6f, 0xb4);
    dc.SetPen(wxPen(line, FromDIP(2)));
    dc.SetBrush(wxBrush(line));
    for (std::size_t i = 1; i < n; ++i)
        dc.DrawLine(x_at(i - 1), y_at(points_[i - 1].matched_cumulative), x_at(i), y_at(points_[i].matched_cumulative));
    for (std::size_t i = 0; i < n; ++i) dc.DrawCircle(x_at(i), y_at(points_[i].matched_cumulative), FromDIP(3));

    // Legend, top left.
    int lx = left;
    auto legend = [&](const wxColour& colour, const wxString& label, bool dashed) {
        dc.SetPen(wxPen(colour, FromDIP(2), dashed ? wxPENSTYLE_SHORT_DASH : wxPENSTYLE_SOLID));
        dc.DrawLine(lx, pad + char_h / 2, lx + FromDIP(18), pad + char_h / 2);
        lx += FromDIP(22);
        dc.DrawText(label, lx, pad);
        lx += dc.GetTextExtent(label).x + FromDIP(14);
    };
    legend(line, _("found on the lists"), false);
    if (listed_ > 0) legend(target, format_text(_("listed: {}"), {count_text(listed_)}), true);
    legend(day_colour, _("pulled per day"), false);
}

}  // namespace sanaq::ui
