#include "acts/charts.h"

#include <algorithm>
#include <cmath>

namespace sanaq::acts::charts {
namespace {

constexpr double kLabelPt = 7.5;  // bar labels, values, legend
constexpr double kScalePt = 7;    // tick labels
constexpr double kBarPitch = 12;
constexpr double kBarHeight = 8;
constexpr double kBottomPad = 8;

constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kGrey{0.30, 0.30, 0.30};
constexpr Rgb kGrid{0.80, 0.80, 0.80};
constexpr Rgb kStripe{0.955, 0.955, 0.955};
constexpr Rgb kBarFill{0.22, 0.45, 0.69};    // a blue that still prints as a mid grey
constexpr Rgb kSeries{0.13, 0.37, 0.62};
constexpr Rgb kReference{0.72, 0.16, 0.12};  // dark red, dashed: reads without colour too

double caption_height(Canvas& c) { return c.line_height(kCaptionPt, true) + 6; }

void caption(Canvas& c, const std::string& text, double x, double y, double width) {
    c.text(text, x, y, width, kCaptionPt, true, Align::Left, kBlack);
}

std::string tick_text(double v) { return std::to_string(std::llround(v)); }

}  // namespace

double nice_step(double max, int target, double minimum) {
    if (!(max > 0) || target < 1) return std::max(minimum, 1e-9);
    const double raw = max / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        const double s = m * mag;
        if (m == 2.5 && minimum >= 1 && std::fmod(s, 1.0) != 0) continue;  // whole numbers only
        if (s >= raw) {
            step = s;
            break;
        }
    }
    return std::max(step, minimum);
}

double bar_pitch() { return kBarPitch; }

double bar_chart_overhead(Canvas& c, const BarChart& chart) {
    const double reference = chart.reference >= 0 ? c.line_height(kLabelPt, false) + 3 : 0;
    return caption_height(c) + c.line_height(kScalePt, false) + 3 + reference + kBottomPad;
}

double draw_bar_chart(Canvas& c, const BarChart& chart, std::size_t first, std::size_t count, double x, double y,
                      double width) {
    const double y0 = y;
    caption(c, chart.caption, x, y, width);
    y += caption_height(c);

    double value_w = 0;
    for (const auto& b : chart.bars) value_w = std::max(value_w, c.text_width(b.value_text, kLabelPt, false));
    value_w += 6;
    const double label_w = std::min(width * 0.36, 290.0);
    const double bx = x + label_w + 6;
    const double bw = std::max(width - label_w - 6 - value_w, 10.0);
    const double max = chart.max > 0 ? chart.max : 1;
    auto xpos = [&](double v) { return bx + bw * std::clamp(v, 0.0, max) / max; };

    // Scale: tick labels above the bars.
    const double scale_h = c.line_height(kScalePt, false) + 3;
    const double tick = chart.tick > 0 ? chart.tick : max;
    const int ticks = static_cast<int>(std::floor(max / tick + 1e-9));
    for (int i = 0; i <= ticks; ++i) {
        const double tx = xpos(i * tick);
        c.text(tick_text(i * tick), tx - 20, y, 40, kScalePt, false, Align::Centre, kGrey);
    }
    y += scale_h;

    const std::size_t end = std::min(chart.bars.size(), first + count);
    const double area_h = static_cast<double>(end - first) * kBarPitch;
    for (std::size_t i = first; i < end; ++i)  // stripes first, so grid and bars lie over them
        if ((i - first) % 2 == 1) c.fill_rect(x, y + (i - first) * kBarPitch, width, kBarPitch, kStripe);
    for (int i = 1; i <= ticks; ++i) c.line(xpos(i * tick), y, xpos(i * tick), y + area_h, 0.4, kGrid);

    const double label_h = c.line_height(kLabelPt, false);
    for (std::size_t i = first; i < end; ++i) {
        const auto& b = chart.bars[i];
        const double row_y = y + (i - first) * kBarPitch;
        const double text_y = row_y + (kBarPitch - label_h) / 2;
        c.text(b.label, x + 2, text_y, label_w - 2, kLabelPt, false, Align::Left, kBlack);
        const double w = xpos(b.value) - bx;
        if (w > 0) c.fill_rect(bx, row_y + (kBarPitch - kBarHeight) / 2, w, kBarHeight, kBarFill);
        c.text(b.value_text, bx + w + 3, text_y, value_w, kLabelPt, false, Align::Left, kBlack);
    }
    c.line(bx, y - 2, bx, y + area_h, 0.6, kBlack);
    c.line(bx, y + area_h, bx + bw, y + area_h, 0.6, kBlack);
    double below = 0;
    if (chart.reference >= 0) {
        const double rx = xpos(chart.reference);
        c.line(rx, y - 2, rx, y + area_h + 3, 1.0, kReference, true);
        const double w = c.text_width(chart.reference_label, kLabelPt, false) + 1;
        const double lx = std::clamp(rx - w / 2, x, x + width - w);
        c.text(chart.reference_label, lx, y + area_h + 3, w, kLabelPt, false, Align::Left, kReference);
        below = c.line_height(kLabelPt, false) + 3;
    }
    return y + area_h + below + kBottomPad - y0;
}

void draw_line_chart(Canvas& c, const LineChart& chart, double x, double y, double width) {
    caption(c, chart.caption, x, y, width);
    double top = y + caption_height(c);

    // Legend: a line sample with the series' name, a dashed one with the reference's.
    const double legend_h = c.line_height(kLabelPt, false);
    double lx = x;
    auto legend = [&](const std::string& label, Rgb colour, bool dashed) {
        if (label.empty()) return;
        const double mid = top + legend_h / 2;
        c.line(lx, mid, lx + 20, mid, dashed ? 1.0 : 1.6, colour, dashed);
        lx += 24;
        const double w = std::min(c.text_width(label, kLabelPt, false), x + width - lx);
        c.text(label, lx, top, w + 1, kLabelPt, false, Align::Left, kBlack);
        lx += w + 18;
    };
    legend(chart.series_label, kSeries, false);
    if (chart.reference >= 0) legend(chart.reference_label, kReference, true);
    top += legend_h + 10;

    // Value axis: 0 .. a round number above both the series and the reference.
    double peak = std::max(chart.reference, 0.0);
    for (const auto& [px, py] : chart.points) peak = std::max(peak, py);
    if (peak <= 0) peak = 1;
    const double step = nice_step(peak * 1.05, 5);
    const double ymax = std::ceil(peak * 1.05 / step) * step;
    const int yticks = static_cast<int>(std::llround(ymax / step));
    double ylabel_w = 0;
    for (int i = 0; i <= yticks; ++i) ylabel_w = std::max(ylabel_w, c.text_width(tick_text(i * step), kScalePt, false));

    const double scale_h = c.line_height(kScalePt, false);
    const double left = x + ylabel_w + 6;
    const double right = x + width - 12;
    const double bottom = y + chart.height_pt - scale_h - 6;
    if (bottom - top < 20 || right - left < 20) return;

    double xmin = chart.points.empty() ? 0 : chart.points.front().first;
    double xmax = chart.points.empty() ? 1 : chart.points.back().first;
    if (xmax <= xmin) {
        xmin -= 1;
        xmax += 1;
    }
    auto px = [&](double v) { return left + (right - left) * (v - xmin) / (xmax - xmin); };
    auto py = [&](double v) { return bottom - (bottom - top) * std::clamp(v, 0.0, ymax) / ymax; };

    for (int i = 0; i <= yticks; ++i) {
        const double ty = py(i * step);
        if (i > 0) c.line(left, ty, right, ty, 0.4, kGrid);
        c.text(tick_text(i * step), x, ty - scale_h / 2, ylabel_w, kScalePt, false, Align::Right, kGrey);
    }

    // Dates under the axis, leaving out those that would run into the previous one.
    double last_right = -1e9;
    for (const auto& [v, label] : chart.x_labels) {
        if (v < xmin || v > xmax) continue;
        const double tx = px(v);
        const double w = c.text_width(label, kScalePt, false);
        const double lx0 = std::clamp(tx - w / 2, x, x + width - w);
        if (lx0 < last_right + 6) continue;
        c.line(tx, bottom, tx, bottom + 3, 0.6, kBlack);
        c.text(label, lx0, bottom + 4, w + 1, kScalePt, false, Align::Left, kGrey);
        last_right = lx0 + w;
    }

    if (chart.reference >= 0) {
        const double ry = py(chart.reference);
        c.line(left, ry, right, ry, 1.0, kReference, true);
        const double w = std::min(c.text_width(chart.reference_label, kLabelPt, false), right - left);
        c.text(chart.reference_label, right - w - 2, ry - legend_h - 1, w + 1, kLabelPt, false, Align::Right,
               kReference);
    }

    std::vector<std::pair<double, double>> line;
    for (const auto& [vx, vy] : chart.points) line.emplace_back(px(vx), py(vy));
    c.polyline(line, 1.6, kSeries);
    if (line.size() <= 62)
        for (const auto& [lx1, ly1] : line) c.dot(lx1, ly1, 1.8, kSeries);

    c.line(left, top - 4, left, bottom, 0.6, kBlack);
    c.line(left, bottom, right, bottom, 0.6, kBlack);
}

}  // namespace sanaq::acts::charts
