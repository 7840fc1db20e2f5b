// XLSX: the first visible sheet of a workbook, read in memory (Poco::Zip + Poco SAX). Nothing
// extracted from the archive ever touches the disk: workbooks can hold personal data.
#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/SAX/XMLReader.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <streambuf>

#include "core/domain/identifiers.h"
#include "tables/detail/budget.h"
#include "tables/detail/readers.h"
#include "tables/detail/text.h"
#include "tables/limits.h"

namespace sanaq::tables::detail {
namespace {

// Excel's own limits: a row or column past them is a damaged sheet, not a large one. The budgets
// of what is read (bytes unpacked, rows, cells, text) are in tables/limits.h.
constexpr int kExcelRows = 1048576;
constexpr int kExcelColumns = 16384;
// How much of the "mimetype" part is looked at (it names the format in a few dozen bytes).
constexpr std::size_t kMimetypeBytes = 4096;

// A budget of tables/limits.h exceeded while unpacking or parsing: the message for the user.
struct OverBudget : std::exception {
    explicit OverBudget(Error e) : error(std::move(e)) {}
    const char* what() const noexcept override { return "over budget"; }
    Error error;
};

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// An element or attribute name without its prefix: "x:c" -> "c". Writers differ in prefixes
// (Excel none, some generators "x:"), and Strict OOXML even in namespace URIs, so the reader
// goes by local names; resolving namespaces in the parser also costs a third of the time.
std::string_view local_name(std::string_view qname) {
    auto colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

// The value of the attribute with this local name, or "". `prefixed_only` asks for "r:id"-like
// names (the relationship id on <sheet>), not a plain "id".
std::string attribute(const Poco::XML::Attributes& attrs, std::string_view name, bool prefixed_only = false) {
    for (int i = 0; i < attrs.getLength(); ++i) {
        std::string_view qname = attrs.getQName(i);
        if (local_name(qname) == name && (!prefixed_only || qname.size() != name.size()))
            return attrs.getValue(i);
    }
    return {};
}

// Parses a part as it inflates (the XML is never held whole): no namespace processing (see
// local_name), no external entities.
void parse_xml(std::istream& xml, Poco::XML::ContentHandler& handler) {
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACE_PREFIXES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setContentHandler(&handler);
    Poco::XML::InputSource source(xml);
    parser.parse(&source);
}

// Joins a relationship target to the folder of the part that names it ("/xl/x.xml" is absolute).
std::string resolve_target(std::string_view base_dir, std::string_view target) {
    std::string joined = !target.empty() && target[0] == '/' ? std::string(target.substr(1))
                                                             : std::string(base_dir) + std::string(target);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= joined.size()) {
        std::size_t slash = joined.find('/', start);
        if (slash == std::string::npos) slash = joined.size();
        std::string part = joined.substr(start, slash - start);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string folder_of(std::string_view part) {
    auto slash = part.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// ---- relationships and workbook ---------------------------------------------------------------

struct Relationship {
    std::string id, type, target;
};

class RelsHandler : public Poco::XML::DefaultHandler {
public:
    std::vector<Relationship> rels;
    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                      const Poco::XML::XMLString& qname, const Poco::XML::Attributes& attrs) override {
        std::string_view local = local_name(qname);
        if (local == "Relationship" && rels.size() < kMaxZipEntries)  // more name nothing a reader needs
            rels.push_back({attribute(attrs, "Id"), attribute(attrs, "Type"), attribute(attrs, "Target")});
    }
};

struct SheetEntry {
    std::string name, rel_id, state;
};

class WorkbookHandler : public Poco::XML::DefaultHandler {
public:
    std::vector<SheetEntry> sheets;
    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                      const Poco::XML::XMLString& qname, const Poco::XML::Attributes& attrs) override {
        std::string_view local = local_name(qname);
        if (local == "sheet" && sheets.size() < kMaxZipEntries)
            sheets.push_back({attribute(attrs, "name"), attribute(attrs, "id", true), attribute(attrs, "state")});
    }
};

// ---- text runs (shared strings and inline strings) ---------------------------------------------

// Collects the text of <t> elements inside <si> or <is>, skipping phonetic runs (<rPh>).
struct RunCollector {
    int phonetic_depth = 0;
    bool in_t = false;
    std::string text;

    void start(std::string_view local) {
        if (local == "rPh") ++phonetic_depth;
        else if (local == "t" && phonetic_depth == 0) in_t = true;
    }
    void end(std::string_view local) {
        if (local == "rPh") --phonetic_depth;
        else if (local == "t") in_t = false;
    }
    void chars(const char* ch, int start, int length) {
        if (in_t) text.append(ch + start, static_cast<std::size_t>(length));
    }
    std::string take() {
        std::string out = decode_ooxml_escapes(text);
        text.clear();
        in_t = false;
        phonetic_depth = 0;
        return out;
    }
};

class SharedStringsHandler : public Poco::XML::DefaultHandler {
public:
    explicit SharedStringsHandler(TableBudget& budget) : budget_(budget) {}

    std::vector<std::string> strings;
    bool stopped() const { return budget_.exceeded(); }

    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                      const Poco::XML::XMLString& qname, const Poco::XML::Attributes&) override {
        if (stopped()) return;
        std::string_view local = local_name(qname);
        if (local == "si") {
            in_si_ = true;
            runs_.take();
        } else if (in_si_) {
            runs_.start(local);
        }
    }
    void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                    const Poco::XML::XMLString& qname) override {
        if (stopped()) return;
        std::string_view local = local_name(qname);
        if (local == "si") {
            strings.push_back(runs_.take());
            // Each string costs its bookkeeping too: a million empty <si/> is no free pool.
            pool_bytes_ += strings.back().size() + sizeof(std::string);
            in_si_ = false;
        } else if (in_si_) {
            runs_.end(local);
        }
    }
    void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
        if (stopped() || !in_si_) return;
        runs_.chars(ch, start, length);
        // The pool is held once; its text has the same budget as the cells' text.
        budget_.admit_pool(pool_bytes_ + runs_.text.size());
    }

private:
    TableBudget& budget_;
    std::size_t pool_bytes_ = 0;
    bool in_si_ = false;
    RunCollector runs_;
};

// ---- the sheet -----------------------------------------------------------------------------------

class SheetHandler : public Poco::XML::DefaultHandler {
public:
    SheetHandler(const std::vector<std::string>& shared, TableBudget& budget) : shared_(shared), budget_(budget) {}

    std::vector<std::vector<std::string>> rows;
    std::optional<std::string> problem;  // first structural problem (message detail)
    bool stopped() const { return problem.has_value() || budget_.exceeded(); }

    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                      const Poco::XML::XMLString& qname, const Poco::XML::Attributes& attrs) override {
        std::string_view local = local_name(qname);
        if (stopped()) return;
        if (local == "sheetData") {
            in_data_ = true;
        } else if (!in_data_) {
            return;
        } else if (local == "row") {
            int r = parse_positive(attribute(attrs, "r"));
            row_ = r > 0 && r - 1 > row_ ? r - 1 : row_ + 1;
            column_ = -1;
            if (row_ >= kExcelRows) problem = "row number beyond Excel's limit";
        } else if (local == "c") {
            in_cell_ = true;
            type_ = attribute(attrs, "t");
            std::string ref = attribute(attrs, "r");
            int col = ref.empty() ? column_ + 1 : column_index(ref);
            if (col < 0 || col >= kExcelColumns) {
                problem = "bad cell reference " + ref.substr(0, 16);
                return;
            }
            column_ = col;
            if (row_ < 0) row_ = 0;  // a cell outside any <row>: treat as the first row
            value_.clear();
            inline_text_.clear();
            inline_.take();
        } else if (in_cell_ && local == "v") {
            in_v_ = true;
        } else if (in_cell_ && local == "is") {
            in_is_ = true;
        } else if (in_is_) {
            inline_.start(local);
        }
    }

    void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                    const Poco::XML::XMLString& qname) override {
        std::string_view local = local_name(qname);
        if (stopped() || !in_data_) return;
        if (local == "sheetData") {
            in_data_ = false;
        } else if (local == "c" && in_cell_) {
            in_cell_ = false;
            store(cell_text());
            if (stopped()) return;
        } else if (local == "v") {
            in_v_ = false;
        } else if (local == "is") {
            in_is_ = false;
            inline_text_ = inline_.take();
        } else if (in_is_) {
            inline_.end(local);
        }
    }

    void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
        if (stopped()) return;
        std::size_t bytes = 0;
        if (in_v_) {
            value_.append(ch + start, static_cast<std::size_t>(length));
            bytes = value_.size();
        } else if (in_is_) {
            inline_.chars(ch, start, length);
            bytes = inline_.text.size();
        }
        // A cell that can only be over the length budget stops the reading before it grows on.
        if (bytes > 0)
            budget_.admit_growing_cell(static_cast<std::size_t>(std::max(row_, 0)), static_cast<std::size_t>(column_),
                                   bytes);
    }

private:

    static int parse_positive(std::string_view s) {
        if (s.empty() || s.size() > 9 || !is_ascii_digits(s)) return 0;
        return std::stoi(std::string(s));
    }

    // The cell's text: a view into the shared-string pool (not copied before the budget
    // admits it: one long string used by many cells is the classic bomb) or into scratch_.
    std::string_view cell_text() {
        if (type_ == "s") {
            std::string v = trim(value_);
            if (!is_ascii_digits(v) || v.size() > 9 || static_cast<std::size_t>(std::stoul(v)) >= shared_.size()) {
                problem = "shared string index " + v.substr(0, 16) + " out of range";
                return {};
            }
            return shared_[std::stoul(v)];
        }
        if (type_ == "inlineStr") {
            scratch_ = std::move(inline_text_);
            inline_text_.clear();
        } else if (type_ == "b") {
            std::string v = trim(value_);
            scratch_ = v == "1" ? "TRUE" : v == "0" ? "FALSE" : v;
        } else if (type_ == "str" || type_ == "e" || type_ == "d") {
            scratch_ = value_;
        } else {
            scratch_ = format_xlsx_number(value_);  // "n" or no type
        }
        return scratch_;
    }

    void store(std::string_view text) {
        if (stopped() || text.empty()) return;  // styled empty cells do not widen the table
        auto r = static_cast<std::size_t>(row_);
        auto c = static_cast<std::size_t>(column_);
        std::size_t width = r < rows.size() ? rows[r].size() : 0;
        if (!budget_.admit(r, c, c >= width ? c + 1 - width : 0, text)) return;
        if (r >= rows.size()) rows.resize(r + 1);
        auto& row = rows[r];
        if (c >= row.size()) row.resize(c + 1);
        row[c] = is_valid_utf8(text) ? std::string(text) : sanitize_utf8(text);
    }

    const std::vector<std::string>& shared_;
    TableBudget& budget_;
    bool in_data_ = false, in_cell_ = false, in_v_ = false, in_is_ = false;
    int row_ = -1, column_ = -1;
    std::string type_, value_, inline_text_, scratch_;
    RunCollector inline_;
};

// ---- the archive ---------------------------------------------------------------------------------

// How often a ZIP signature occurs in the bytes: an upper bound of the entries the ZIP library
// will make objects for, known before it parses anything.
std::size_t count_signature(std::string_view bytes, std::string_view signature) {
    std::size_t count = 0;
    for (std::size_t at = bytes.find(signature); at != std::string_view::npos; at = bytes.find(signature, at + 1))
        ++count;
    return count;
}

// Hands a part to its reader as it inflates, counting against the workbook's budgets: all parts
// together at most kMaxUnpackedBytes, each at most kMaxPackingRatio times its compressed size.
// Past a budget, or when the reader has stopped (its own budget), it ends the stream early; the
// caller then reports the budget, not the XML error the cut causes.
class BudgetedPart : public std::streambuf {
public:
    enum class Over { None, Unpacked, Ratio, Token };

    BudgetedPart(std::istream& inflated, std::uintmax_t& unpacked_total, std::uintmax_t compressed,
                 std::function<bool()> reader_stopped)
        : in_(inflated), total_(unpacked_total), compressed_(std::max<std::uintmax_t>(compressed, 1)),
          reader_stopped_(std::move(reader_stopped)) {}

    Over over() const { return over_; }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        if (over_ != Over::None || (reader_stopped_ && reader_stopped_())) return traits_type::eof();
        in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        auto got = static_cast<std::size_t>(in_.gcount());
        if (got == 0) return traits_type::eof();
        part_ += got;
        total_ += got;
        if (total_ > kMaxUnpackedBytes) over_ = Over::Unpacked;
        else if (part_ > kRatioFloorBytes && part_ / compressed_ >= kMaxPackingRatio) over_ = Over::Ratio;
        else if (!closes_tags(buffer_.data(), got)) over_ = Over::Token;
        if (over_ != Over::None) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

private:
    // The XML parser holds a whole start tag (name and attributes) in memory before it reports
    // it; text comes in pieces. A real part never goes kMaxTokenBytes without a '>'.
    bool closes_tags(const char* data, std::size_t size) {
        const char* end = data + size;
        for (const char* p = data; p < end;) {
            const void* gt = std::memchr(p, '>', static_cast<std::size_t>(end - p));
            if (!gt) {
                since_gt_ += static_cast<std::size_t>(end - p);
                break;
            }
            since_gt_ = 0;
            p = static_cast<const char*>(gt) + 1;
        }
        return since_gt_ <= kMaxTokenBytes;
    }

    static constexpr std::size_t kMaxTokenBytes = std::size_t{1} << 20;
    std::size_t since_gt_ = 0;
    std::istream& in_;
    std::uintmax_t& total_;
    std::uintmax_t compressed_;
    std::uintmax_t part_ = 0;
    std::function<bool()> reader_stopped_;
    Over over_ = Over::None;
    std::array<char, 65536> buffer_{};
};

class Archive {
public:
    Archive(std::string_view bytes, std::string name)
        : name_(std::move(name)), bytes_(bytes.size()), stream_(bytes.data(), bytes.size()), archive_(checked(bytes, stream_, name_)) {}

    bool has(const std::string& part) const { return find(part) != archive_.headerEnd(); }

    // Streams the part into `handler`; false when the part is absent. Throws Poco exceptions on
    // damage, OverBudget past a budget. `reader_stopped` ends the stream early (the reader's own
    // budget is exceeded, or it found a problem).
    bool parse(const std::string& part, Poco::XML::ContentHandler& handler,
               std::function<bool()> reader_stopped = {}) {
        auto it = find(part);
        if (it == archive_.headerEnd()) return false;
        const auto& header = it->second;
        check_declared(header, part);
        stream_.clear();
        Poco::Zip::ZipInputStream zip(stream_, header, true);
        std::uintmax_t compressed = header.getCompressedSize() > 0 ? header.getCompressedSize() : bytes_;
        BudgetedPart budgeted(zip, unpacked_, compressed, reader_stopped);
        std::istream xml(&budgeted);
        try {
            parse_xml(xml, handler);
        } catch (const Poco::Exception&) {
            throw_if_over(budgeted, part);
            if (reader_stopped && reader_stopped()) return true;  // cut short on purpose
            throw;
        }
        throw_if_over(budgeted, part);
        if (reader_stopped && reader_stopped()) return true;
        if (zip.bad()) throw Poco::DataException("cannot inflate " + part);
        if (!zip.crcValid()) throw Poco::DataException("CRC mismatch in " + part);
        return true;
    }

    // The first `max` bytes of a small part (the mimetype); nullopt when absent.
    std::optional<std::string> read_prefix(const std::string& part, std::size_t max) {
        auto it = find(part);
        if (it == archive_.headerEnd()) return std::nullopt;
        check_declared(it->second, part);
        stream_.clear();
        Poco::Zip::ZipInputStream zip(stream_, it->second, true);
        std::string out(max, '\0');
        zip.read(out.data(), static_cast<std::streamsize>(max));
        out.resize(static_cast<std::size_t>(zip.gcount()));
        return out;
    }

private:
    // Before the ZIP library parses the directory: each entry costs it memory.
    static Poco::MemoryInputStream& checked(std::string_view bytes, Poco::MemoryInputStream& stream,
                                            const std::string& name) {
        if (std::max(count_signature(bytes, "PK\x03\x04"), count_signature(bytes, "PK\x01\x02")) > kMaxZipEntries)
            throw OverBudget(Error::make_n(ErrorCode::InvalidInput,
                                           N_n("The workbook {} holds more than {} part; it is not read.",
                                               "The workbook {} holds more than {} parts; it is not read."),
                                           static_cast<long>(kMaxZipEntries), {name, std::to_string(kMaxZipEntries)}));
        return stream;
    }

    void check_declared(const Poco::Zip::ZipLocalFileHeader& header, const std::string& part) const {
        if (header.isEncrypted()) throw Poco::DataException("encrypted entry " + part);
        if (!header.hasSupportedCompressionMethod()) throw Poco::DataException("unsupported compression in " + part);
        // What the directory declares is checked first; what actually inflates is counted.
        if (header.getUncompressedSize() > kMaxUnpackedBytes) throw over_unpacked();
    }

    void throw_if_over(const BudgetedPart& budgeted, const std::string& part) const {
        if (budgeted.over() == BudgetedPart::Over::Unpacked) throw over_unpacked();
        if (budgeted.over() == BudgetedPart::Over::Token)
            throw Poco::DataException("an XML tag longer than 1 MiB in " + part);
        if (budgeted.over() == BudgetedPart::Over::Ratio)
            throw OverBudget(Error::make_n(ErrorCode::InvalidInput,
                                           N_n("The part {} of the workbook {} unpacks to more than {} time its packed "
                                               "size, as ZIP bombs do; the workbook is not read.",
                                               "The part {} of the workbook {} unpacks to more than {} times its packed "
                                               "size, as ZIP bombs do; the workbook is not read."),
                                           static_cast<long>(kMaxPackingRatio), {part, name_, std::to_string(kMaxPackingRatio)}));

    }

    OverBudget over_unpacked() const {
        return OverBudget(Error::make(ErrorCode::InvalidInput,
                                      N_("The workbook {} unpacks to more than {} MB; it is not read."),
                                      {name_, std::to_string(kMaxUnpackedBytes >> 20)}));
    }

    Poco::Zip::ZipArchive::FileHeaders::const_iterator find(const std::string& part) const {
        auto it = archive_.findHeader(part);
        if (it != archive_.headerEnd()) return it;
        // Some writers differ in case or use backslashes.
        std::string wanted = ascii_lower(part);
        for (auto i = archive_.headerBegin(); i != archive_.headerEnd(); ++i) {
            std::string name = ascii_lower(i->first);
            std::replace(name.begin(), name.end(), '\\', '/');
            if (!name.empty() && name[0] == '/') name.erase(0, 1);
            if (name == wanted) return i;
        }
        return archive_.headerEnd();
    }

    std::string name_;
    std::uintmax_t bytes_;
    std::uintmax_t unpacked_ = 0;  // all parts read so far
    Poco::MemoryInputStream stream_;
    Poco::Zip::ZipArchive archive_;
};

std::vector<Relationship> read_rels(Archive& archive, const std::string& part) {
    RelsHandler handler;
    archive.parse(part, handler);
    return handler.rels;
}

}  // namespace

int column_index(std::string_view ref) {
    int col = 0;
    std::size_t i = 0;
    for (; i < ref.size(); ++i) {
        char c = ref[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        col = col * 26 + (c - 'A' + 1);
        if (col > kExcelColumns) return -1;
    }
    return i == 0 ? -1 : col - 1;
}

std::string decode_ooxml_escapes(std::string_view text) {
    if (text.find("_x") == std::string_view::npos) return std::string(text);
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            int v = 0;
            bool ok = true;
            for (std::size_t k = 2; k < 6; ++k) {
                int h = hex(text[i + k]);
                if (h < 0) ok = false;
                v = v * 16 + h;
            }
            if (ok && (v < 0xD800 || v > 0xDFFF)) {
                char32_t cp = static_cast<char32_t>(v);
                if (cp < 0x80) {
                    out += static_cast<char>(cp);
                } else if (cp < 0x800) {
                    out += static_cast<char>(0xC0 | (cp >> 6));
                    out += static_cast<char>(0x80 | (cp & 0x3F));
                } else {
                    out += static_cast<char>(0xE0 | (cp >> 12));
                    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                    out += static_cast<char>(0x80 | (cp & 0x3F));
                }
                i += 6;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::string format_xlsx_number(std::string_view value) {
    std::string v = trim(value);
    // sign, integer digits, fraction digits, exponent
    std::size_t i = 0;
    bool negative = false;
    if (i < v.size() && (v[i] == '-' || v[i] == '+')) negative = v[i++] == '-';
    std::string digits;
    long point = 0;  // position of the decimal point within `digits`
    std::size_t int_digits = 0, frac_digits = 0;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
        digits += v[i++];
        ++int_digits;
    }
    if (i < v.size() && v[i] == '.') {
        ++i;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
            digits += v[i++];
            ++frac_digits;
        }
    }
    if (int_digits + frac_digits == 0) return v;
    long exponent = 0;
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < v.size() && (v[i] == '-' || v[i] == '+')) exp_negative = v[i++] == '-';
        std::size_t exp_start = i;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9' && i - exp_start < 4) exponent = exponent * 10 + (v[i++] - '0');
        if (i == exp_start) return v;
        if (exp_negative) exponent = -exponent;
    }
    if (i != v.size()) return v;  // not a plain number: keep the text

    point = static_cast<long>(int_digits) + exponent;
    // Drop leading zeros (moving the point) and trailing zeros (keeping it).
    std::size_t lead = digits.find_first_not_of('0');
    if (lead == std::string::npos) return "0";
    digits.erase(0, lead);
    point -= static_cast<long>(lead);
    digits.erase(digits.find_last_not_of('0') + 1);

    bool integer = point >= static_cast<long>(digits.size());
    if (!integer && digits.size() > 15) {
        // Round to Excel's 15 significant digits: binary noise like 0.30000000000000004 goes away.
        bool round_up = digits[15] >= '5';
        digits.resize(15);
        if (round_up) {
            std::size_t k = digits.size();
            while (k > 0) {
                if (digits[k - 1] == '9') {
                    digits[k - 1] = '0';
                    --k;
                } else {
                    ++digits[k - 1];
                    break;
                }
            }
            if (k == 0) {
                digits.insert(digits.begin(), '1');
                ++point;
            }
        }
        digits.erase(digits.find_last_not_of('0') + 1);
        if (digits.empty()) return "0";
    }
    if (point > 400 || point < -400) return v;  // absurd exponents: keep the text as written

    std::string out = negative ? "-" : "";
    if (point >= static_cast<long>(digits.size())) {
        out += digits;
        out.append(static_cast<std::size_t>(point) - digits.size(), '0');
    } else if (point <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-point), '0');
        out += digits;
    } else {
        out += digits.substr(0, static_cast<std::size_t>(point));
        out += '.';
        out += digits.substr(static_cast<std::size_t>(point));
    }
    return out;
}

Result<Table> parse_xlsx(std::string_view bytes, const std::string& name) {
    auto damaged = [&](const std::string& detail) {
        return fail(ErrorCode::InvalidInput,
                    N_("The workbook {} is damaged and cannot be read; open it in Excel or LibreOffice "
                       "and save it again."),
                    {name}, detail);
    };
    TableBudget budget(name);
    try {
        Archive archive(bytes, name);
        if (auto mimetype = archive.read_prefix("mimetype", kMimetypeBytes)) {
            if (mimetype->find("opendocument.spreadsheet") != std::string::npos)
                return fail(ErrorCode::InvalidInput,
                            N_("The file {} is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV."),
                            {name});
        }
        // The workbook part: named by the package relationships, conventionally xl/workbook.xml.
        std::string workbook_part;
        for (const auto& rel : read_rels(archive, "_rels/.rels"))
            if (ends_with(rel.type, "/officeDocument")) workbook_part = resolve_target("", rel.target);
        if (workbook_part.empty() || !archive.has(workbook_part)) workbook_part = "xl/workbook.xml";
        WorkbookHandler workbook;
        if (!archive.parse(workbook_part, workbook))
            return fail(ErrorCode::InvalidInput,
                        N_("The file {} is a ZIP archive but not an XLSX workbook."), {name});

        std::string base = folder_of(workbook_part);
        std::string rels_part = base + "_rels/" + workbook_part.substr(base.size()) + ".rels";
        std::map<std::string, std::string> targets;
        std::string shared_part;
        for (const auto& rel : read_rels(archive, rels_part)) {
            targets[rel.id] = resolve_target(base, rel.target);
            if (ends_with(rel.type, "/sharedStrings")) shared_part = resolve_target(base, rel.target);
        }
        if (shared_part.empty() && archive.has(base + "sharedStrings.xml")) shared_part = base + "sharedStrings.xml";

        // The first visible sheet (a workbook can keep helper sheets hidden in front).
        const SheetEntry* sheet = nullptr;
        for (const auto& s : workbook.sheets)
            if (s.state != "hidden" && s.state != "veryHidden") {
                sheet = &s;
                break;
            }
        if (!sheet && !workbook.sheets.empty()) sheet = &workbook.sheets.front();
        if (!sheet) return damaged("no sheets in " + workbook_part);
        std::string sheet_part;
        if (auto t = targets.find(sheet->rel_id); t != targets.end()) sheet_part = t->second;
        if (sheet_part.empty() || !archive.has(sheet_part)) {
            // A workbook without relationships: fall back to the conventional name of sheet 1.
            if (workbook.sheets.size() >= 1 && archive.has(base + "worksheets/sheet1.xml"))
                sheet_part = base + "worksheets/sheet1.xml";
            else
                return damaged("sheet part of '" + sheet->name + "' is missing");
        }

        SharedStringsHandler shared(budget);
        if (!shared_part.empty()) archive.parse(shared_part, shared, [&] { return shared.stopped(); });
        if (budget.error()) return std::unexpected(*budget.error());

        SheetHandler handler(shared.strings, budget);
        if (!archive.parse(sheet_part, handler, [&] { return handler.stopped(); }))
            return damaged("sheet part missing: " + sheet_part);
        if (budget.error()) return std::unexpected(*budget.error());
        if (handler.problem) return damaged(*handler.problem);

        Table table;
        table.encoding = std::string(kXlsxSource);
        table.delimiter = '\0';
        table.rows = std::move(handler.rows);
        while (!table.rows.empty() && table.rows.back().empty()) table.rows.pop_back();
        if (table.rows.empty())
            return fail(ErrorCode::InvalidInput, N_("The first sheet of the workbook {} is empty."), {name});
        return table;
    } catch (const OverBudget& e) {
        return std::unexpected(e.error);
    } catch (const Poco::Exception& e) {
        return damaged(e.displayText());
    } catch (const std::exception& e) {
        return damaged(e.what());
    }
}

}  // namespace sanaq::tables::detail
