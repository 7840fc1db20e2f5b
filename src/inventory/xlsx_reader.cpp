// XLSX: the first visible sheet of a workbook, read in memory (Poco::Zip + Poco SAX). Nothing
// extracted from the archive ever touches the disk: workbooks can hold personal data.
#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/SAX/XMLReader.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "core/domain/identifiers.h"
#include "inventory/detail/readers.h"
#include "inventory/detail/text.h"

namespace sanaq::inventory::detail {
namespace {

// Limits against zip bombs and padded sheets; far above any real inventory or list of respondents.
constexpr std::size_t kMaxPartBytes = std::size_t{1} << 30;  // one uncompressed XML part
constexpr std::size_t kMaxCells = std::size_t{40} << 20;     // cells held in the table, gaps included
constexpr int kMaxRows = 1048576;                              // Excel's own limits
constexpr int kMaxColumns = 16384;

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

// Parses XML from memory: no namespace processing (see local_name), no external entities.
void parse_xml(std::string_view xml, Poco::XML::ContentHandler& handler) {
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACE_PREFIXES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setContentHandler(&handler);
    parser.parseMemoryNP(xml.data(), xml.size());
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
        if (local == "Relationship")
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
        if (local == "sheet")
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
    std::vector<std::string> strings;
    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                      const Poco::XML::XMLString& qname, const Poco::XML::Attributes&) override {
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
        std::string_view local = local_name(qname);
        if (local == "si") {
            strings.push_back(runs_.take());
            in_si_ = false;
        } else if (in_si_) {
            runs_.end(local);
        }
    }
    void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
        if (in_si_) runs_.chars(ch, start, length);
    }

private:
    bool in_si_ = false;
    RunCollector runs_;
};

// ---- the sheet -----------------------------------------------------------------------------------

class SheetHandler : public Poco::XML::DefaultHandler {
public:
    explicit SheetHandler(const std::vector<std::string>& shared) : shared_(shared) {}

    std::vector<std::vector<std::string>> rows;
    std::optional<std::string> problem;  // first structural problem (message detail)
    bool too_large = false;

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
            if (row_ >= kMaxRows) problem = "row number beyond Excel's limit";
        } else if (local == "c") {
            in_cell_ = true;
            type_ = attribute(attrs, "t");
            std::string ref = attribute(attrs, "r");
            int col = ref.empty() ? column_ + 1 : column_index(ref);
            if (col < 0 || col >= kMaxColumns) {
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
        if (in_v_) value_.append(ch + start, static_cast<std::size_t>(length));
        else if (in_is_) inline_.chars(ch, start, length);
    }

private:
    bool stopped() const { return problem.has_value() || too_large; }

    static int parse_positive(std::string_view s) {
        if (s.empty() || s.size() > 9 || !is_ascii_digits(s)) return 0;
        return std::stoi(std::string(s));
    }

    std::string cell_text() {
        if (type_ == "s") {
            std::string v = trim(value_);
            if (!is_ascii_digits(v) || v.size() > 9 || static_cast<std::size_t>(std::stoul(v)) >= shared_.size()) {
                problem = "shared string index " + v.substr(0, 16) + " out of range";
                return {};
            }
            return shared_[std::stoul(v)];
        }
        if (type_ == "inlineStr") {
            std::string out = std::move(inline_text_);
            inline_text_.clear();
            return out;
        }
        if (type_ == "b") {
            std::string v = trim(value_);
            return v == "1" ? "TRUE" : v == "0" ? "FALSE" : v;
        }
        if (type_ == "str" || type_ == "e" || type_ == "d") return value_;
        return format_xlsx_number(value_);  // "n" or no type
    }

    void store(std::string text) {
        if (stopped() || text.empty()) return;  // styled empty cells do not widen the table
        auto r = static_cast<std::size_t>(row_);
        auto c = static_cast<std::size_t>(column_);
        if (r >= rows.size()) rows.resize(r + 1);
        auto& row = rows[r];
        if (c >= row.size()) {
            cells_ += c + 1 - row.size();
            if (cells_ > kMaxCells) {
                too_large = true;
                return;
            }
            row.resize(c + 1);
        }
        row[c] = is_valid_utf8(text) ? std::move(text) : sanitize_utf8(text);
    }

    const std::vector<std::string>& shared_;
    bool in_data_ = false, in_cell_ = false, in_v_ = false, in_is_ = false;
    int row_ = -1, column_ = -1;
    std::size_t cells_ = 0;
    std::string type_, value_, inline_text_;
    RunCollector inline_;
};

// ---- the archive ---------------------------------------------------------------------------------

class Archive {
public:
    explicit Archive(std::string_view bytes) : stream_(bytes.data(), bytes.size()), archive_(stream_) {}

    bool has(const std::string& part) const { return find(part) != archive_.headerEnd(); }

    // The uncompressed part; nullopt when absent. Throws on damage or when it is too large.
    std::optional<std::string> read(const std::string& part) {
        auto it = find(part);
        if (it == archive_.headerEnd()) return std::nullopt;
        const auto& header = it->second;
        if (header.isEncrypted()) throw Poco::DataException("encrypted entry " + part);
        if (!header.hasSupportedCompressionMethod()) throw Poco::DataException("unsupported compression in " + part);
        if (header.getUncompressedSize() > kMaxPartBytes) throw Poco::DataException("part too large: " + part);
        stream_.clear();
        Poco::Zip::ZipInputStream zip(stream_, header, true);
        std::string out;
        std::array<char, 65536> buffer{};
        while (zip) {
            zip.read(buffer.data(), buffer.size());
            out.append(buffer.data(), static_cast<std::size_t>(zip.gcount()));
            if (out.size() > kMaxPartBytes) throw Poco::DataException("part too large: " + part);
        }
        if (zip.bad() || !zip.eof()) throw Poco::DataException("cannot inflate " + part);
        if (!zip.crcValid()) throw Poco::DataException("CRC mismatch in " + part);
        return out;
    }

private:
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

    Poco::MemoryInputStream stream_;
    Poco::Zip::ZipArchive archive_;
};

std::vector<Relationship> read_rels(Archive& archive, const std::string& part) {
    RelsHandler handler;
    if (auto xml = archive.read(part)) parse_xml(*xml, handler);
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
        if (col > kMaxColumns) return -1;
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
    try {
        Archive archive(bytes);
        if (auto mimetype = archive.read("mimetype")) {
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
        auto workbook_xml = archive.read(workbook_part);
        if (!workbook_xml)
            return fail(ErrorCode::InvalidInput,
                        N_("The file {} is a ZIP archive but not an XLSX workbook."), {name});

        WorkbookHandler workbook;
        parse_xml(*workbook_xml, workbook);
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

        SharedStringsHandler shared;
        if (!shared_part.empty())
            if (auto xml = archive.read(shared_part)) parse_xml(*xml, shared);

        auto sheet_xml = archive.read(sheet_part);
        if (!sheet_xml) return damaged("sheet part missing: " + sheet_part);
        SheetHandler handler(shared.strings);
        parse_xml(*sheet_xml, handler);
        if (handler.too_large)
            return fail(ErrorCode::InvalidInput,
                        N_("The first sheet of {} is too large to read (more than {} cells)."),
                        {name, std::to_string(kMaxCells)});
        if (handler.problem) return damaged(*handler.problem);

        Table table;
        table.encoding = std::string(kXlsxSource);
        table.delimiter = '\0';
        table.rows = std::move(handler.rows);
        while (!table.rows.empty() && table.rows.back().empty()) table.rows.pop_back();
        if (table.rows.empty())
            return fail(ErrorCode::InvalidInput, N_("The first sheet of the workbook {} is empty."), {name});
        return table;
    } catch (const Poco::Exception& e) {
        return damaged(e.displayText());
    } catch (const std::exception& e) {
        return damaged(e.what());
    }
}

}  // namespace sanaq::inventory::detail
