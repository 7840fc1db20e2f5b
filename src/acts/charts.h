#pragma once
// Drawing of the document engine's charts (BarChart, LineChart from document.h). Internal to
// sanaq_acts: the engine (document.cpp) hands the chart code a Canvas that measures and draws
// text with Pango and lines with cairo — or only measures, when pages are being counted — so no
// cairo or pango type appears here. Lengths are points, y grows downwards.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "acts/document.h"

namespace sanaq::acts::charts {

struct Rgb {
    double r = 0, g = 0, b = 0;
};

class Canvas {
public:
    virtual ~Canvas() = default;
    /// Natural width of `text` on one line.
    virtual double text_width(std::string_view text, double size_pt, bool bold) = 0;
    /// Height of one line of text at that size.
    virtual double line_height(double size_pt, bool bold) = 0;
    /// One line of text in the box [x, x + width) with its top at y, aligned in the box and cut
    /// with "…" when longer than the box.
    virtual void text(std::string_view text, double x, double y, double width, double size_pt, bool bold,
                      Align align, Rgb colour) = 0;
    virtual void line(double x0, double y0, double x1, double y1, double width, Rgb colour, bool dashed = false) = 0;
    virtual void fill_rect(double x, double y, double w, double h, Rgb colour) = 0;
    virtual void polyline(const std::vector<std::pair<double, double>>& points, double width, Rgb colour) = 0;
    virtual void dot(double x, double y, double radius, Rgb colour) = 0;
};

/// Caption type size (as a Heading) and the space it takes.
inline constexpr double kCaptionPt = 10.5;

// ---- bar chart -------------------------------------------------------------------------------
/// Height of the caption and the scale above the bars, plus the space under the last bar.
double bar_chart_overhead(Canvas& canvas, const BarChart& chart);
/// Height taken by each bar.
double bar_pitch();
/// Draws the caption, the scale and bars [first, first + count) at (x, y), `width` wide; returns
/// the height drawn.
double draw_bar_chart(Canvas& canvas, const BarChart& chart, std::size_t first, std::size_t count, double x,
                      double y, double width);

// ---- line chart ------------------------------------------------------------------------------
/// Draws the chart at (x, y) in a box `width` × chart.height_pt.
void draw_line_chart(Canvas& canvas, const LineChart& chart, double x, double y, double width);

/// Round tick spacing for a 0..max axis with about `target` intervals: 1, 2, 2.5 or 5 × 10^k,
/// never below `minimum`.
double nice_step(double max, int target, double minimum = 1);

}  // namespace sanaq::acts::charts
