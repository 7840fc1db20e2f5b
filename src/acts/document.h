#pragma once
// A small paginated-document engine for official printouts (acts, the coverage report, the
// outstanding-kits report later): A4 portrait or landscape, blocks laid out top to bottom, tables
// that break across pages with their header repeated, bar and line charts, a footer with
// "page X of Y" on every page. Text is set with Pango (fonts
// "Noto Sans", then "DejaVu Sans": both cover Kazakh Cyrillic) and drawn with cairo either into
// a PDF or onto an image for a preview. Layout is done in points with unhinted font metrics, so
// the PDF and the preview break lines and pages at exactly the same places.
//
// Everything in a Document is already in its final language: translating is the caller's job.
// No cairo or pango type appears in this header.
#include <filesystem>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "acts/page_image.h"
#include "core/error.h"

namespace sanaq::acts {

enum class Align { Left, Centre, Right, Justify };

/// The band at the top of a part's first page: issuer lines on the left, a QR code with a
/// caption under it on the right (no QR when `qr_payload` is empty).
struct Letterhead {
    std::vector<std::string> lines;  // the first one is set in bold
    std::string qr_payload;
    std::string qr_caption;
};

/// The document's title, centred: bold large text, then an optional smaller subtitle.
struct Title {
    std::string text;
    std::string subtitle;
};

/// One line with a left and a right part (e.g. "No. 17" ... "15.03.2026").
struct LeftRight {
    std::string left;
    std::string right;
};

/// Running text; wraps, and breaks across pages between lines when it must.
struct Paragraph {
    std::string text;
    bool bold = false;
    double size_pt = 10;
    Align align = Align::Justify;
};

/// A section heading; never left alone at the foot of a page.
struct Heading {
    std::string text;
};

/// Label/value pairs in a bordered two-column grid, in captioned groups.
struct FieldGroup {
    std::string caption;
    std::vector<std::pair<std::string, std::string>> fields;
};
struct Fields {
    std::vector<FieldGroup> groups;
    double label_share = 0.30;  // width of the label column as a share of the text width
};

/// A bordered table. Columns get widths in proportion to `weight`. Rows that do not fit move to
/// the next page under a repeated header. In a `group` column a value equal to the one in the row
/// above is shown only once per page, and a heavier rule separates groups (e.g. kits).
struct Column {
    std::string header;
    double weight = 1;
    Align align = Align::Left;
    bool group = false;
};
struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;  // each row has columns.size() cells; "\n" breaks a line
    bool bold_last_row = false;  // a total: set in bold under a heavier rule
};

/// Signature blocks side by side, kept together on one page with the paragraph `lead` above them
/// (e.g. "drawn up in two copies"), so signatures never stand alone on a page. Their signature
/// rules line up across the sides.
struct SignatureSide {
    std::string caption;             // "Handed over"
    std::vector<std::string> lines;  // organisation, position...
    std::string name;                // printed next to the signature rule
    std::string signature_label;     // "(signature)" under the rule
    std::string name_label;          // "(full name)" under the name
    std::string date_label;          // "Date" before a blank to fill in
    std::string seal_label;          // e.g. "Place of seal"; empty for none
};
struct Signatures {
    std::vector<SignatureSide> sides;
    std::string lead;
};

/// Vertical white space, in points.
struct Spacer {
    double pt = 6;
};

/// A horizontal bar chart under a caption (set like a Heading): one bar per item on a 0..`max`
/// scale with grid lines every `tick`, the label on the left (cut with "…" when too long) and
/// `value_text` at the bar's end; an optional dashed reference line (e.g. the overall figure) with
/// its label under the axis. Kept whole on one page when it fits on one; otherwise the bars go on
/// over the next pages under the repeated caption and scale.
struct Bar {
    std::string label;
    double value = 0;
    std::string value_text;
};
struct BarChart {
    std::string caption;
    std::vector<Bar> bars;
    double max = 100;
    double tick = 10;
    double reference = -1;  // none when < 0
    std::string reference_label;
};

/// A line chart under a caption (set like a Heading): a series of (x, y) points joined by a line,
/// an optional horizontal reference line (e.g. a target), a legend; y runs from 0 with round
/// ticks. Kept whole on one page.
struct LineChart {
    std::string caption;
    std::vector<std::pair<double, double>> points;         // x ascending
    std::vector<std::pair<double, std::string>> x_labels;  // positions on the x axis, e.g. dates
    std::string series_label;                              // legend of the line
    double reference = -1;                                 // y of the reference line; none when < 0
    std::string reference_label;                           // printed on the reference line and in the legend
    double height_pt = 230;                                // caption and legend included
};

using Block = std::variant<Letterhead, Title, LeftRight, Paragraph, Heading, Fields, Table, Signatures, Spacer,
                           BarChart, LineChart>;

/// A run of pages in one language; every part starts on a new page.
struct Part {
    std::string language;      // BCP 47 tag for shaping and font choice: "kk", "ru", "en"
    std::string outline;       // bookmark title of the part in the PDF
    std::string footer_left;   // e.g. "Act No. SQ-I-2026-000001"
    std::string page_pattern;  // translated "Page {} of {}"; numbers count over the whole document
    std::vector<Block> blocks;
};

enum class Orientation { Portrait, Landscape };

struct Document {
    Orientation orientation = Orientation::Portrait;  // A4, every page the same way
    std::string title;    // PDF metadata
    std::string author;
    std::string subject;
    std::string created_utc;  // ISO 8601; PDF creation date when set (keeps reprints identical)
    std::vector<Part> parts;
};

/// A4 portrait in points, and the dpi-dependent pixel size of a rendered page. Landscape pages
/// swap the two.
inline constexpr double kPageWidthPt = 595.2756;   // 210 mm
inline constexpr double kPageHeightPt = 841.8898;  // 297 mm
int page_pixels(double length_pt, double dpi);      // lround(length_pt * dpi / 72)

/// Lays the document out and counts its pages.
Result<int> page_count(const Document& doc);

/// Writes the document as a PDF, atomically: a temporary file beside `out`, renamed into place.
/// On failure `out` is untouched and no temporary file is left (ErrorCode::Io naming `out`).
Status write_pdf(const Document& doc, const std::filesystem::path& out);

/// Draws page `index` (0-based) at `dpi` (10..600) on a white background; a landscape page is
/// wider than high.
/// InvalidInput for an index outside [0, page_count) or a dpi outside the range.
Result<PageImage> render_page(const Document& doc, int index, double dpi);

}  // namespace sanaq::acts
