#pragma once
// A small paginated-document engine for official printouts (acts now, the outstanding-kits report
// later): A4 portrait, blocks laid out top to bottom, tables that break across pages with their
// header repeated, a footer with "page X of Y" on every page. Text is set with Pango (fonts
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

using Block = std::variant<Letterhead, Title, LeftRight, Paragraph, Heading, Fields, Table, Signatures, Spacer>;

/// A run of pages in one language; every part starts on a new page.
struct Part {
    std::string language;      // BCP 47 tag for shaping and font choice: "kk", "ru", "en"
    std::string outline;       // bookmark title of the part in the PDF
    std::string footer_left;   // e.g. "Act No. SQ-I-2026-000001"
    std::string page_pattern;  // translated "Page {} of {}"; numbers count over the whole document
    std::vector<Block> blocks;
};

struct Document {
    std::string title;    // PDF metadata
    std::string author;
    std::string subject;
    std::string created_utc;  // ISO 8601; PDF creation date when set (keeps reprints identical)
    std::vector<Part> parts;
};

/// A4 portrait in points, and the dpi-dependent pixel size of a rendered page.
inline constexpr double kPageWidthPt = 595.2756;   // 210 mm
inline constexpr double kPageHeightPt = 841.8898;  // 297 mm
int page_pixels(double length_pt, double dpi);      // lround(length_pt * dpi / 72)

/// Lays the document out and counts its pages.
Result<int> page_count(const Document& doc);

/// Writes the document as a PDF, atomically: a temporary file beside `out`, renamed into place.
/// On failure `out` is untouched and no temporary file is left (ErrorCode::Io naming `out`).
Status write_pdf(const Document& doc, const std::filesystem::path& out);

/// Draws page `index` (0-based) at `dpi` (10..600) on a white background.
/// InvalidInput for an index outside [0, page_count) or a dpi outside the range.
Result<PageImage> render_page(const Document& doc, int index, double dpi);

}  // namespace sanaq::acts
