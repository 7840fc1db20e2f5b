#include "acts/document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <numbers>
#include <string_view>

#include "core/io/atomic_file.h"
#include "acts/charts.h"
#include "acts/qr_code.h"
#include "core/i18n/catalog.h"

namespace sanaq::acts {
namespace {

// ---- page geometry (points) ------------------------------------------------------------------
constexpr double kMm = 72.0 / 25.4;
constexpr double kTop = 15 * kMm;
constexpr double kQrSize = 26 * kMm;  // the QR box, quiet zone included

// Page size and margins. Portrait: left 25 mm (the binding edge, as on Kazakh office paper),
// right 15 mm; landscape: left 20 mm, right 15 mm. The text stops 20 mm above the bottom edge;
// the footer sits below.
struct Geometry {
    double page_w, page_h, left, width, bottom, footer_rule;
};
Geometry geometry(Orientation o) {
    const bool land = o == Orientation::Landscape;
    const double w = land ? kPageHeightPt : kPageWidthPt;
    const double h = land ? kPageWidthPt : kPageHeightPt;
    const double left = (land ? 20 : 25) * kMm;
    return {w, h, left, w - left - 15 * kMm, h - 20 * kMm, h - 14 * kMm};
}

constexpr const char* kFontFamily = "Noto Sans, DejaVu Sans";
constexpr double kBodyPt = 10;
constexpr double kTablePt = 8.5;
constexpr double kSmallPt = 7;
constexpr double kCellPadX = 3;
constexpr double kCellPadY = 2.5;
constexpr double kRule = 0.5;
constexpr double kGroupRule = 1.2;
constexpr double kHeaderGrey = 0.90;
constexpr double kLabelGrey = 0.30;

struct GDeleter {
    void operator()(gpointer p) const {
        if (p) g_object_unref(p);
    }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GDeleter>;
struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;

// A Pango context independent of any surface: 72 dpi so one Pango point is one cairo unit, no
// hinting and no glyph-position rounding, so text measures the same whatever it is drawn on.
ContextPtr make_context() {
    ContextPtr ctx(pango_font_map_create_context(pango_cairo_font_map_get_default()));
    pango_cairo_context_set_resolution(ctx.get(), 72.0);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx.get(), options);
    cairo_font_options_destroy(options);
#if PANGO_VERSION_CHECK(1, 44, 0)
    pango_context_set_round_glyph_positions(ctx.get(), FALSE);
#endif
    return ctx;
}

PangoAlignment pango_align(Align a) {
    switch (a) {
        case Align::Centre: return PANGO_ALIGN_CENTER;
        case Align::Right: return PANGO_ALIGN_RIGHT;
        case Align::Left:
        case Align::Justify: break;
    }
    return PANGO_ALIGN_LEFT;
}

double to_pt(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

// Lays the document out page by page. With no cairo_t it only measures (to count pages); with
// one it draws either every page (PDF: target < 0) or only page `target` (a preview image).
// It is also the charts' canvas (charts.cpp), drawing only on the pages being drawn.
class Renderer final : public charts::Canvas {
public:
    Renderer(cairo_t* cr, int target, int total_pages, cairo_surface_t* pdf)
        : ctx_(make_context()), cr_(cr), target_(target), total_(total_pages), pdf_(pdf) {}

    void run(const Document& doc) {
        const Geometry g = geometry(doc.orientation);
        left_ = g.left;
        width_ = g.width;
        bottom_ = g.bottom;
        footer_rule_ = g.footer_rule;
        for (std::size_t i = 0; i < doc.parts.size(); ++i) {
            if (i > 0) new_page();
            part_ = &doc.parts[i];
            pango_context_set_language(ctx_.get(), pango_language_from_string(
                                                       part_->language.empty() ? nullptr : part_->language.c_str()));
            if (pdf_ && !part_->outline.empty())
                cairo_pdf_surface_add_outline(pdf_, CAIRO_PDF_OUTLINE_ROOT, part_->outline.c_str(),
                                              ("page=" + std::to_string(page_ + 1)).c_str(),
                                              CAIRO_PDF_OUTLINE_FLAG_OPEN);
            for (const auto& block : part_->blocks) std::visit([this](const auto& b) { place(b); }, block);
        }
        finish_page();
    }
    int pages() const { return page_ + 1; }

private:
    // ---- text --------------------------------------------------------------------------------
    LayoutPtr text(std::string_view s, double size_pt, bool bold, double width, Align align = Align::Left) {
        LayoutPtr layout(pango_layout_new(ctx_.get()));
        PangoFontDescription* font = pango_font_description_from_string(kFontFamily);
        pango_font_description_set_absolute_size(font, size_pt * PANGO_SCALE);
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout.get(), font);
        pango_font_description_free(font);
        pango_layout_set_width(layout.get(), static_cast<int>(std::max(width, 1.0) * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), pango_align(align));
        pango_layout_set_justify(layout.get(), align == Align::Justify);
        if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) {
            pango_layout_set_text(layout.get(), s.data(), static_cast<int>(s.size()));
        } else {  // stored data with broken UTF-8: print U+FFFD rather than let Pango complain
            gchar* valid = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
            pango_layout_set_text(layout.get(), valid, -1);
            g_free(valid);
        }
        return layout;
    }
    static double height(PangoLayout* l) {
        PangoRectangle logical;
        pango_layout_get_extents(l, nullptr, &logical);
        return to_pt(logical.y + logical.height);
    }
    void show(PangoLayout* l, double x, double y, double grey = 0) {
        if (!drawing()) return;
        cairo_set_source_rgb(cr_, grey, grey, grey);
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, l);
    }

    // ---- drawing primitives ------------------------------------------------------------------
    bool drawing() const { return cr_ && (target_ < 0 || page_ == target_); }
    void line(double x0, double y0, double x1, double y1, double w = kRule) {
        if (!drawing()) return;
        cairo_set_source_rgb(cr_, 0, 0, 0);
        cairo_set_line_width(cr_, w);
        cairo_move_to(cr_, x0, y0);
        cairo_line_to(cr_, x1, y1);
        cairo_stroke(cr_);
    }
    void box(double x, double y, double w, double h, double fill_grey = -1) {
        if (!drawing()) return;
        if (fill_grey >= 0) {
            cairo_set_source_rgb(cr_, fill_grey, fill_grey, fill_grey);
            cairo_rectangle(cr_, x, y, w, h);
            cairo_fill(cr_);
        }
        cairo_set_source_rgb(cr_, 0, 0, 0);
        cairo_set_line_width(cr_, kRule);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_stroke(cr_);
    }

    // ---- pages -------------------------------------------------------------------------------
    bool at_top() const { return y_ <= kTop + 0.01; }
    void ensure(double h) {
        if (y_ + h > bottom_ && !at_top()) new_page();
    }
    void new_page() {
        finish_page();
        ++page_;
        y_ = kTop;
    }
    void finish_page() {
        if (!drawing()) return;
        footer();
        if (pdf_) cairo_show_page(cr_);
    }
    void footer() {
        line(left_, footer_rule_, left_ + width_, footer_rule_, 0.4);
        const double y = footer_rule_ + 3;
        auto left = text(part_ ? part_->footer_left : "", kSmallPt + 0.5, false, width_ * 0.6);
        show(left.get(), left_, y, kLabelGrey);
        const std::string pattern = part_ && !part_->page_pattern.empty() ? part_->page_pattern : "{} / {}";
        auto right = text(i18n::format_message(pattern, {std::to_string(page_ + 1), std::to_string(total_)}),
                          kSmallPt + 0.5, false, width_ * 0.4, Align::Right);
        show(right.get(), left_ + width_ * 0.6, y, kLabelGrey);
    }

    // Running text that may continue on the next page, split between lines.
    void flow(PangoLayout* l, double x, double width) {
        const double h = height(l);
        if (y_ + h <= bottom_ || (at_top() && h <= bottom_ - kTop)) {
            ensure(h);
            show(l, x, y_);
            y_ += h;
            return;
        }
        const auto lines = line_ranges(l);
        double offset = 0;
        std::size_t i = 0;
        while (i < lines.size()) {
            std::size_t j = i;
            while (j < lines.size() && lines[j].second - offset <= bottom_ - y_) ++j;
            if (j == i) {
                if (!at_top()) {
                    new_page();
                    continue;
                }
                j = i + 1;  // a single line taller than a page: let it overflow rather than loop
            }
            const double end = lines[j - 1].second;
            if (drawing()) {
                cairo_save(cr_);
                cairo_rectangle(cr_, x - 2, y_, width + 4, end - offset);
                cairo_clip(cr_);
                show(l, x, y_ - offset);
                cairo_restore(cr_);
            }
            y_ += end - offset;
            offset = end;
            i = j;
            if (i < lines.size()) new_page();
        }
    }

    // One bordered table row. When it does not fit in what is left of the page even after the
    // caller's own page break (a cell with pages of text), it is split between text lines: each
    // cell shows the lines that fit, the borders close, and the row goes on under a repeated
    // header (`on_new_page`) on the next page. Nothing is ever cut off.
    struct Cell {
        PangoLayout* layout;
        double x, w;
        double grey = 0;
    };
    static std::vector<std::pair<double, double>> line_ranges(PangoLayout* l) {
        std::vector<std::pair<double, double>> lines;
        PangoLayoutIter* it = pango_layout_get_iter(l);
        do {
            int y0 = 0, y1 = 0;
            pango_layout_iter_get_line_yrange(it, &y0, &y1);
            lines.emplace_back(to_pt(y0), to_pt(y1));
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        return lines;
    }
    void row(const std::vector<Cell>& cells, const std::function<void()>& on_new_page) {
        double h = 0;
        for (const auto& c : cells) h = std::max(h, height(c.layout));
        h += 2 * kCellPadY;
        if (y_ + h <= bottom_) {
            for (const auto& c : cells) {
                box(c.x, y_, c.w, h);
                show(c.layout, c.x + kCellPadX, y_ + kCellPadY, c.grey);
            }
            y_ += h;
            return;
        }
        struct Flow {
            std::vector<std::pair<double, double>> lines;
            std::size_t next = 0;
            double offset = 0;
        };
        std::vector<Flow> flows;
        for (const auto& c : cells) flows.push_back({line_ranges(c.layout)});
        auto remaining = [&] {
            return std::any_of(flows.begin(), flows.end(), [](const Flow& f) { return f.next < f.lines.size(); });
        };
        bool fresh = false;
        while (remaining()) {
            const double avail = bottom_ - y_ - 2 * kCellPadY;
            std::vector<std::size_t> ends;
            double seg = 0;
            bool progress = false;
            for (auto& f : flows) {
                std::size_t j = f.next;
                while (j < f.lines.size() && f.lines[j].second - f.offset <= avail) ++j;
                if (j == f.next && fresh && j < f.lines.size()) ++j;  // a line taller than a page
                progress = progress || j > f.next;
                if (j > f.next) seg = std::max(seg, f.lines[j - 1].second - f.offset);
                ends.push_back(j);
            }
            if (!progress) {
                new_page();
                on_new_page();
                fresh = true;
                continue;
            }
            const double seg_h = seg + 2 * kCellPadY;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const auto& c = cells[i];
                auto& f = flows[i];
                box(c.x, y_, c.w, seg_h);
                if (ends[i] > f.next && drawing()) {
                    cairo_save(cr_);
                    cairo_rectangle(cr_, c.x, y_ + kCellPadY, c.w, f.lines[ends[i] - 1].second - f.offset);
                    cairo_clip(cr_);
                    show(c.layout, c.x + kCellPadX, y_ + kCellPadY - f.offset, c.grey);
                    cairo_restore(cr_);
                }
                if (ends[i] > f.next) f.offset = f.lines[ends[i] - 1].second;
                f.next = ends[i];
            }
            y_ += seg_h;
            if (remaining()) {
                new_page();
                on_new_page();
                fresh = true;
            }
        }
    }

    // ---- blocks ------------------------------------------------------------------------------
    void place(const Spacer& s) {
        if (!at_top()) y_ = std::min(y_ + s.pt, bottom_);
    }

    void place(const Letterhead& b) {
        const bool qr = !b.qr_payload.empty();
        const double left_w = qr ? width_ - kQrSize - 8 * kMm : width_;
        std::vector<LayoutPtr> lines;
        double left_h = 0;
        for (std::size_t i = 0; i < b.lines.size(); ++i) {
            lines.push_back(text(b.lines[i], i == 0 ? kBodyPt : kBodyPt - 1, i == 0, left_w));
            left_h += height(lines.back().get()) + (i == 0 ? 2 : 0);
        }
        LayoutPtr caption = text(b.qr_caption, kSmallPt + 0.5, true, kQrSize + 8 * kMm, Align::Centre);
        const double right_h = qr ? kQrSize + 1 + height(caption.get()) : 0;
        const double h = std::max(left_h, right_h);
        ensure(h);
        double y = y_;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            show(lines[i].get(), left_, y);
            y += height(lines[i].get()) + (i == 0 ? 2 : 0);
        }
        if (qr) {
            const double qx = left_ + width_ - kQrSize;
            draw_qr(b.qr_payload, qx, y_);
            show(caption.get(), qx - 4 * kMm, y_ + kQrSize + 1);
        }
        y_ += h + 10;
    }

    void draw_qr(const std::string& payload, double x, double y) {
        if (!drawing()) return;
        auto m = encode_qr(payload);
        if (!m) return;  // too long for a QR code: the printed act number still identifies it
        const double module = kQrSize / (m->size + 2 * kQrQuietZone);
        const double x0 = x + kQrQuietZone * module;
        const double y0 = y + kQrQuietZone * module;
        cairo_save(cr_);
        cairo_set_source_rgb(cr_, 1, 1, 1);
        cairo_rectangle(cr_, x, y, kQrSize, kQrSize);
        cairo_fill(cr_);
        cairo_set_antialias(cr_, CAIRO_ANTIALIAS_NONE);
        cairo_set_source_rgb(cr_, 0, 0, 0);
        for (int row = 0; row < m->size; ++row) {
            int col = 0;
            while (col < m->size) {
                if (!m->at(col, row)) {
                    ++col;
                    continue;
                }
                int end = col;
                while (end < m->size && m->at(end, row)) ++end;
                cairo_rectangle(cr_, x0 + col * module, y0 + row * module, (end - col) * module, module);
                col = end;
            }
        }
        cairo_fill(cr_);
        cairo_restore(cr_);
    }

    void place(const Title& b) {
        auto t = text(b.text, 15, true, width_, Align::Centre);
        LayoutPtr sub = b.subtitle.empty() ? nullptr : text(b.subtitle, kBodyPt, false, width_, Align::Centre);
        const double h = height(t.get()) + (sub ? 2 + height(sub.get()) : 0);
        ensure(h + 40);
        show(t.get(), left_, y_);
        y_ += height(t.get());
        if (sub) {
            y_ += 2;
            show(sub.get(), left_, y_);
            y_ += height(sub.get());
        }
        y_ += 8;
    }

    void place(const LeftRight& b) {
        auto l = text(b.left, kBodyPt, true, width_ * 0.6);
        auto r = text(b.right, kBodyPt, true, width_ * 0.4, Align::Right);
        const double h = std::max(height(l.get()), height(r.get()));
        ensure(h);
        show(l.get(), left_, y_);
        show(r.get(), left_ + width_ * 0.6, y_);
        y_ += h + 8;
    }

    void place(const Paragraph& b) {
        auto l = text(b.text, b.size_pt, b.bold, width_, b.align);
        pango_layout_set_spacing(l.get(), static_cast<int>(1.5 * PANGO_SCALE));
        flow(l.get(), left_, width_);
        y_ += 5;
    }

    void place(const Heading& b) {
        auto l = text(b.text, kBodyPt + 0.5, true, width_);
        const double h = height(l.get());
        ensure(h + 50);  // keep with at least the first rows of what follows
        if (!at_top()) y_ += 4;
        show(l.get(), left_, y_);
        y_ += h + 4;
    }

    void place(const Fields& b) {
        const double label_w = width_ * b.label_share;
        const double value_w = width_ - label_w;
        for (const auto& group : b.groups) {
            auto caption = text(group.caption, kTablePt + 0.5, true, width_ - 2 * kCellPadX);
            const double caption_h = height(caption.get()) + 2 * kCellPadY;
            struct Row {
                LayoutPtr label, value;
                double h;
            };
            std::vector<Row> rows;
            for (const auto& [label, value] : group.fields) {
                Row r{text(label, kTablePt + 0.5, false, label_w - 2 * kCellPadX),
                      text(value, kTablePt + 0.5, false, value_w - 2 * kCellPadX), 0};
                r.h = std::max(height(r.label.get()), height(r.value.get())) + 2 * kCellPadY;
                rows.push_back(std::move(r));
            }
            auto draw_caption = [&] {
                box(left_, y_, width_, caption_h, kHeaderGrey);
                show(caption.get(), left_ + kCellPadX, y_ + kCellPadY);
                y_ += caption_h;
            };
            ensure(caption_h + (rows.empty() ? 0 : rows.front().h));
            draw_caption();
            for (auto& r : rows) {
                if (y_ + r.h > bottom_ && r.h <= bottom_ - kTop - caption_h) {
                    new_page();
                    draw_caption();
                }
                row({{r.label.get(), left_, label_w, kLabelGrey}, {r.value.get(), left_ + label_w, value_w}},
                    draw_caption);
            }
            y_ += 6;
        }
    }

    void place(const Table& t) {
        if (t.columns.empty()) return;
        double total_weight = 0;
        for (const auto& c : t.columns) total_weight += c.weight;
        std::vector<double> widths, xs;
        double x = left_;
        for (const auto& c : t.columns) {
            xs.push_back(x);
            widths.push_back(width_ * c.weight / total_weight);
            x += widths.back();
        }
        std::vector<LayoutPtr> header;
        double header_h = 0;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            header.push_back(text(t.columns[c].header, kTablePt - 0.5, true, widths[c] - 2 * kCellPadX, Align::Centre));
            header_h = std::max(header_h, height(header.back().get()));
        }
        header_h += 2 * kCellPadY;
        auto draw_header = [&] {
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                box(xs[c], y_, widths[c], header_h, kHeaderGrey);
                show(header[c].get(), xs[c] + kCellPadX, y_ + kCellPadY);
            }
            y_ += header_h;
        };
        auto cell_text = [&](const std::vector<std::string>& row, std::size_t c) -> std::string_view {
            return c < row.size() ? std::string_view(row[c]) : std::string_view();
        };
        auto row_layouts = [&](const std::vector<std::string>& row, bool suppress_groups,
                               const std::vector<std::string>* above) {
            const bool bold = t.bold_last_row && &row == &t.rows.back();
            std::vector<LayoutPtr> cells;
            double h = 0;
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                std::string_view s = cell_text(row, c);
                if (t.columns[c].group && suppress_groups && above && cell_text(*above, c) == s) s = {};
                cells.push_back(text(s, kTablePt, bold, widths[c] - 2 * kCellPadX, t.columns[c].align));
                h = std::max(h, height(cells.back().get()));
            }
            return std::make_pair(std::move(cells), h + 2 * kCellPadY);
        };
        auto group_changed = [&](const std::vector<std::string>& row, const std::vector<std::string>& above) {
            for (std::size_t c = 0; c < t.columns.size(); ++c)
                if (t.columns[c].group && cell_text(row, c) != cell_text(above, c)) return true;
            return false;
        };

        {
            const double first = t.rows.empty() ? 0 : row_layouts(t.rows.front(), false, nullptr).second;
            ensure(header_h + first);
        }
        draw_header();
        bool first_on_page = true;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const std::vector<std::string>* above = r > 0 ? &t.rows[r - 1] : nullptr;
            auto [cells, h] = row_layouts(t.rows[r], !first_on_page, above);
            if (y_ + h > bottom_ && !first_on_page && h <= bottom_ - kTop - header_h) {
                new_page();
                draw_header();
                first_on_page = true;
                std::tie(cells, h) = row_layouts(t.rows[r], false, above);
            }
            if (above && !first_on_page &&
                (group_changed(t.rows[r], *above) || (t.bold_last_row && r + 1 == t.rows.size())))
                line(left_, y_, left_ + width_, y_, kGroupRule);
            std::vector<Cell> row_cells;
            for (std::size_t c = 0; c < t.columns.size(); ++c) row_cells.push_back({cells[c].get(), xs[c], widths[c]});
            row(row_cells, draw_header);
            first_on_page = false;
        }
        y_ += 6;
    }

    // ---- charts (drawn by charts.cpp through the Canvas below) --------------------------------
    void place(const BarChart& b) {
        if (b.bars.empty()) return;
        const double overhead = charts::bar_chart_overhead(*this, b);
        const double pitch = charts::bar_pitch();
        const double page_h = bottom_ - kTop;
        const double whole = overhead + pitch * static_cast<double>(b.bars.size());
        if (whole <= page_h) {
            ensure(whole);
        } else if (y_ + overhead + 5 * pitch > bottom_) {  // too little room for a useful piece
            new_page();
        }
        std::size_t first = 0;
        while (first < b.bars.size()) {
            if (first > 0) new_page();
            const auto fit = static_cast<std::size_t>(std::max(1.0, std::floor((bottom_ - y_ - overhead) / pitch + 1e-6)));
            const std::size_t n = std::min(fit, b.bars.size() - first);
            y_ += charts::draw_bar_chart(*this, b, first, n, left_, y_, width_);
            first += n;
        }
        y_ += 4;
    }

    void place(const LineChart& c) {
        const double h = std::min(c.height_pt, bottom_ - kTop);
        ensure(h);
        LineChart sized = c;
        sized.height_pt = h;
        charts::draw_line_chart(*this, sized, left_, y_, width_);
        y_ += h + 8;
    }

    LayoutPtr one_line(std::string_view s, double size_pt, bool bold) {
        LayoutPtr l = text(s, size_pt, bold, 1);
        pango_layout_set_width(l.get(), -1);
        return l;
    }
    static void set_source(cairo_t* cr, charts::Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

public:
    double text_width(std::string_view s, double size_pt, bool bold) override {
        PangoRectangle logical;
        pango_layout_get_extents(one_line(s, size_pt, bold).get(), nullptr, &logical);
        return to_pt(logical.width);
    }
    double line_height(double size_pt, bool bold) override { return height(one_line("Ag", size_pt, bold).get()); }
    void text(std::string_view s, double x, double y, double width, double size_pt, bool bold, Align align,
              charts::Rgb colour) override {
        if (!drawing()) return;
        auto l = one_line(s, size_pt, bold);
        pango_layout_set_width(l.get(), static_cast<int>(std::max(width, 1.0) * PANGO_SCALE));
        pango_layout_set_alignment(l.get(), pango_align(align));
        pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
        set_source(cr_, colour);
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, l.get());
    }
    void line(double x0, double y0, double x1, double y1, double width, charts::Rgb colour, bool dashed) override {
        if (!drawing()) return;
        cairo_save(cr_);
        set_source(cr_, colour);
        cairo_set_line_width(cr_, width);
        if (dashed) {
            const double dash[] = {4, 2.5};
            cairo_set_dash(cr_, dash, 2, 0);
        }
        cairo_move_to(cr_, x0, y0);
        cairo_line_to(cr_, x1, y1);
        cairo_stroke(cr_);
        cairo_restore(cr_);
    }
    void fill_rect(double x, double y, double w, double h, charts::Rgb colour) override {
        if (!drawing()) return;
        set_source(cr_, colour);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_fill(cr_);
    }
    void polyline(const std::vector<std::pair<double, double>>& points, double width, charts::Rgb colour) override {
        if (!drawing() || points.size() < 2) return;
        cairo_save(cr_);
        set_source(cr_, colour);
        cairo_set_line_width(cr_, width);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        cairo_move_to(cr_, points.front().first, points.front().second);
        for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr_, points[i].first, points[i].second);
        cairo_stroke(cr_);
        cairo_restore(cr_);
    }
    void dot(double x, double y, double radius, charts::Rgb colour) override {
        if (!drawing()) return;
        set_source(cr_, colour);
        cairo_new_sub_path(cr_);
        cairo_arc(cr_, x, y, radius, 0, 2 * std::numbers::pi);
        cairo_fill(cr_);
    }

private:
    // The part of a signature block above the room to sign: caption and organisation lines.
    double signature_head(const SignatureSide& s, double x, double y0, double w, bool draw) {
        double y = y0;
        auto caption = text(s.caption, kBodyPt, true, w);
        if (draw) show(caption.get(), x, y);
        y += height(caption.get()) + 2;
        for (const auto& line_text : s.lines) {
            auto l = text(line_text, kTablePt + 0.5, false, w);
            if (draw) show(l.get(), x, y);
            y += height(l.get());
        }
        return y - y0;
    }

    // The rest: signature and name rules with their captions, the date, the seal mark.
    double signature_foot(const SignatureSide& s, double x, double y0, double w, bool draw) {
        double y = y0 + 22;  // room to sign
        const double sign_w = w * 0.36;
        const double name_x = x + sign_w + 8;
        const double name_w = w - sign_w - 8;
        auto name = text(s.name, kTablePt + 0.5, true, name_w, Align::Centre);
        const double name_h = height(name.get());
        const double rule_y = y + name_h;
        auto sig_label = text(s.signature_label, kSmallPt, false, sign_w, Align::Centre);
        auto name_label = text(s.name_label, kSmallPt, false, name_w, Align::Centre);
        auto date = text(s.date_label, kTablePt + 0.5, false, w * 0.3);
        if (draw) {
            show(name.get(), name_x, rule_y - name_h - 1);
            line(x, rule_y, x + sign_w, rule_y);
            line(name_x, rule_y, name_x + name_w, rule_y);
            show(sig_label.get(), x, rule_y + 1, kLabelGrey);
            show(name_label.get(), name_x, rule_y + 1, kLabelGrey);
        }
        y = rule_y + 1 + std::max(height(sig_label.get()), height(name_label.get())) + 12;
        const double date_h = height(date.get());
        PangoRectangle logical;
        pango_layout_get_extents(date.get(), nullptr, &logical);
        const double date_x = x + to_pt(logical.width) + 6;
        if (draw) {
            show(date.get(), x, y);
            line(date_x, y + date_h - 1, std::min(date_x + w * 0.45, x + w), y + date_h - 1);
        }
        y += date_h + 8;
        if (!s.seal_label.empty()) {
            auto seal = text(s.seal_label, kSmallPt + 0.5, false, w);
            if (draw) show(seal.get(), x, y, kLabelGrey);
            y += height(seal.get());
        }
        return y - y0;
    }

    void place(const Signatures& b) {
        if (b.sides.empty()) return;
        const double gap = 10 * kMm;
        const double n = static_cast<double>(b.sides.size());
        const double w = (width_ - gap * (n - 1)) / n;
        double head = 0, foot = 0;
        for (const auto& s : b.sides) {
            head = std::max(head, signature_head(s, 0, 0, w, false));
            foot = std::max(foot, signature_foot(s, 0, 0, w, false));
        }
        LayoutPtr lead;
        double lead_h = 0;
        if (!b.lead.empty()) {
            lead = text(b.lead, kBodyPt, false, width_, Align::Justify);
            pango_layout_set_spacing(lead.get(), static_cast<int>(1.5 * PANGO_SCALE));
            lead_h = height(lead.get()) + 5;
        }
        ensure(lead_h + 10 + head + foot);
        if (lead) {
            show(lead.get(), left_, y_);
            y_ += lead_h;
        }
        y_ += 10;
        for (std::size_t i = 0; i < b.sides.size(); ++i) {
            const double x = left_ + i * (w + gap);
            signature_head(b.sides[i], x, y_, w, true);
            signature_foot(b.sides[i], x, y_ + head, w, true);
        }
        y_ += head + foot + 6;
    }

    ContextPtr ctx_;
    cairo_t* cr_;
    int target_;
    int total_;
    cairo_surface_t* pdf_;
    const Part* part_ = nullptr;
    int page_ = 0;
    double y_ = kTop;
    double left_ = 0, width_ = 0, bottom_ = 0, footer_rule_ = 0;
};

/// Where cairo streams a document: the temporary file of io::write_atomically. The first
/// failure is kept so the whole write is refused, not just the chunk that failed.
struct StreamTarget {
    std::FILE* file = nullptr;
    std::string failure;
};

cairo_status_t write_to_file(void* closure, const unsigned char* data, unsigned int length) {
    auto* target = static_cast<StreamTarget*>(closure);
    if (!target->failure.empty()) return CAIRO_STATUS_WRITE_ERROR;
    if (std::fwrite(data, 1, length, target->file) != length) {
        target->failure = std::strerror(errno);
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

/// Opens the temporary file, lets `draw` stream into it, and turns any failure into an Io error
/// naming the final file.
Status stream_atomically(const std::filesystem::path& out, const std::function<void(StreamTarget&)>& draw) {
    return io::write_atomically(out, [&](const std::filesystem::path& temp) -> Status {
        StreamTarget target;
        target.file = std::fopen(temp.c_str(), "wb");
        if (!target.file)
            return fail(ErrorCode::Io, N_("The file {} could not be written."), {out.string()}, std::strerror(errno));
        draw(target);
        if (std::fflush(target.file) != 0 && target.failure.empty()) target.failure = std::strerror(errno);
        if (std::fclose(target.file) != 0 && target.failure.empty()) target.failure = std::strerror(errno);
        if (!target.failure.empty())
            return fail(ErrorCode::Io, N_("The file {} could not be written."), {out.string()}, target.failure);
        return {};
    });
}

}  // namespace

int page_pixels(double length_pt, double dpi) { return static_cast<int>(std::lround(length_pt * dpi / 72.0)); }

Result<int> page_count(const Document& doc) {
    Renderer measure(nullptr, -1, 0, nullptr);
    measure.run(doc);
    return measure.pages();
}

Status write_pdf(const Document& doc, const std::filesystem::path& out) {
    const int total = *page_count(doc);
    const Geometry g = geometry(doc.orientation);
    return stream_atomically(out, [&](StreamTarget& file) {
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(write_to_file, &file, g.page_w, g.page_h));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, doc.author.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, doc.subject.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Sanaq Station");
    if (!doc.created_utc.empty())
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, doc.created_utc.c_str());
    {
        CairoPtr cr(cairo_create(surface.get()));
        Renderer renderer(cr.get(), -1, total, surface.get());
        renderer.run(doc);
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS && file.failure.empty())
            file.failure = cairo_status_to_string(cairo_status(cr.get()));
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS && file.failure.empty())
        file.failure = cairo_status_to_string(cairo_surface_status(surface.get()));
    });
}

Result<PageImage> render_page(const Document& doc, int index, double dpi) {
    if (!(dpi >= 10 && dpi <= 600))
        return fail(ErrorCode::InvalidInput, N_("A page can be drawn at 10 to 600 dots per inch, not {}."),
                    {std::to_string(dpi)});
    const int total = *page_count(doc);
    if (index < 0 || index >= total)
        return fail(ErrorCode::InvalidInput, N_("There is no page {}: the document's page count is {}."),

                    {std::to_string(index + 1), std::to_string(total)});
    const Geometry g = geometry(doc.orientation);
    PageImage image;
    image.width = page_pixels(g.page_w, dpi);
    image.height = page_pixels(g.page_h, dpi);
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return fail(ErrorCode::Unexpected, N_("The page could not be drawn."), {},
                    cairo_status_to_string(cairo_surface_status(surface.get())));
    {
        CairoPtr cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_scale(cr.get(), image.width / g.page_w, image.height / g.page_h);
        Renderer renderer(cr.get(), index, total, nullptr);
        renderer.run(doc);
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
            return fail(ErrorCode::Unexpected, N_("The page could not be drawn."), {},
                        cairo_status_to_string(cairo_status(cr.get())));
    }
    cairo_surface_flush(surface.get());
    image.stride = cairo_image_surface_get_stride(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    image.argb.assign(data, data + static_cast<std::size_t>(image.stride) * image.height);
    return image;
}

Status write_png(const PageImage& image, const std::filesystem::path& out) {
    if (image.width <= 0 || image.height <= 0 || image.stride < 4 * image.width ||
        image.argb.size() < static_cast<std::size_t>(image.stride) * image.height ||
        image.stride % 4 != 0)
        return fail(ErrorCode::InvalidInput, N_("The image to save as {} is empty or malformed."), {out.string()});
    return stream_atomically(out, [&](StreamTarget& file) {
        SurfacePtr surface(cairo_image_surface_create_for_data(const_cast<unsigned char*>(image.argb.data()),
                                                               CAIRO_FORMAT_ARGB32, image.width, image.height,
                                                               image.stride));
        const cairo_status_t status = cairo_surface_write_to_png_stream(surface.get(), write_to_file, &file);
        if (status != CAIRO_STATUS_SUCCESS && file.failure.empty()) file.failure = cairo_status_to_string(status);
    });
}

}  // namespace sanaq::acts
