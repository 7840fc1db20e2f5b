#include "hostile_lists.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <unordered_set>

#include "core/usecases/demo.h"

namespace sanaq::test::inputs {
namespace {

constexpr const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
    R"(</Relationships>)";
constexpr const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="Список" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(</Relationships>)";
constexpr const char* kSheetOpen =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
constexpr const char* kSheetClose = "</sheetData></worksheet>";

// A part made on the fly: head, `chunks` copies of `chunk`, tail — never held whole in the test.
class RepeatedPart : public std::streambuf {
public:
    RepeatedPart(std::string head, std::string chunk, std::size_t chunks, std::string tail)
        : head_(std::move(head)), chunk_(std::move(chunk)), tail_(std::move(tail)), chunks_left_(chunks) {}

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        std::string* next = nullptr;
        if (stage_ == 0) {
            next = &head_;
            stage_ = 1;
        } else if (stage_ == 1 && chunks_left_ > 0) {
            --chunks_left_;
            next = &chunk_;
        } else if (stage_ == 1) {
            next = &tail_;
            stage_ = 2;
        } else {
            return traits_type::eof();
        }
        if (next->empty()) return underflow();
        setg(next->data(), next->data(), next->data() + next->size());
        return traits_type::to_int_type(*gptr());
    }

private:
    std::string head_, chunk_, tail_;
    std::size_t chunks_left_;
    int stage_ = 0;
};

void add(Poco::Zip::Compress& zip, std::istream& content, const std::string& name) {
    zip.addFile(content, Poco::DateTime(2026, 11, 1), Poco::Path(name, Poco::Path::PATH_UNIX));
}

void add(Poco::Zip::Compress& zip, const std::string& content, const std::string& name) {
    std::istringstream in(content);
    add(zip, in, name);
}

std::string xml_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else out += c;
    }
    return out;
}

std::string column_name(std::size_t index) {
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

std::string workbook(const std::string& shared_strings, std::istream& sheet, std::size_t extra_parts = 0) {
    std::stringstream out(std::ios::in | std::ios::out | std::ios::binary);
    Poco::Zip::Compress zip(out, true);
    add(zip, kRootRels, "_rels/.rels");
    add(zip, kWorkbook, "xl/workbook.xml");
    add(zip, kWorkbookRels, "xl/_rels/workbook.xml.rels");
    add(zip, shared_strings, "xl/sharedStrings.xml");
    add(zip, sheet, "xl/worksheets/sheet1.xml");
    for (std::size_t i = 0; i < extra_parts; ++i) add(zip, "x", "xl/media/p" + std::to_string(i) + ".bin");
    zip.close();
    return out.str();
}

const std::string kNoSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst count="0" uniqueCount="0"/>)";
const std::string kOneCellSheet = std::string(kSheetOpen) +
                                  R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c></row>)" + kSheetClose;

// Letters from a small generator: deflate packs them only a few to one, so a budget other than
// the packing ratio is the one that speaks.
std::string letters(std::size_t count) {
    std::string out;
    out.reserve(count);
    std::uint32_t x = 2463534242u;
    while (out.size() < count) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out += static_cast<char>('a' + x % 26);
    }
    return out;
}

const char* const kSurnames[] = {"Ахметов", "Сейітқали", "Иванов", "Нұрланов", "Ким", "Петров", "Оспанов", "Жұмабаев"};
const char* const kNames[] = {"Ерлан", "Айгүл", "Сергей", "Дана", "Асқар", "Мария", "Нұрлан", "Әлия"};

}  // namespace

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string list_header_csv() { return "Фамилия;Имя;ИИН;Дата рождения\r\n"; }

std::string list_rows_csv(std::size_t rows) {
    std::string out;
    out.reserve(rows * 60);
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < rows; ++i) {
        // Distinct (date, serial) pairs give distinct valid IINs.
        int year = 1950 + static_cast<int>(i / 9000 % 50), month = 1 + static_cast<int>(i % 12),
            day = 1 + static_cast<int>(i / 12 % 28);
        bool male = i % 2 == 0;
        // make_iin skips serials without a check digit, so two rows may meet: take the next one.
        std::string iin;
        for (int serial = static_cast<int>(i % 9000) + 1; !seen.insert(iin = make_iin(year, month, day, male, serial)).second;)
            ++serial;
        char date[16];
        std::snprintf(date, sizeof date, "%02d.%02d.%04d", day, month, year);
        out += std::string(kSurnames[i % 8]) + ";" + kNames[(i / 8) % 8] + ";" + iin + ";" + date + "\r\n";
    }
    return out;
}

std::string shared_string_bomb_xlsx(std::size_t string_chars, std::size_t cells) {
    std::string shared = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                         R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">)"
                         "<si><t>" + letters(string_chars) + "</t></si></sst>";
    // Ten cells to a row, without references (each follows the previous one).
    std::string sheet = kSheetOpen;
    for (std::size_t c = 0; c < cells; ++c) {
        if (c % 10 == 0) sheet += "<row>";
        sheet += R"(<c t="s"><v>0</v></c>)";
        if (c % 10 == 9 || c + 1 == cells) sheet += "</row>";
    }
    sheet += kSheetClose;
    std::istringstream in(sheet);
    return workbook(shared, in);
}

std::string deflate_bomb_xlsx(std::size_t inflated_bytes) {
    std::string head = std::string(kSheetOpen) +
                       R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c>)"
                       R"(<c r="B1" t="inlineStr"><is><t>ИИН</t></is></c></row>)";
    // Empty comments: valid XML that a parser skips, and that deflate packs a thousand to one.
    std::string chunk;
    while (chunk.size() + 7 <= 65536) chunk += "<!---->";
    RepeatedPart part(head, chunk, inflated_bytes / chunk.size(), kSheetClose);
    std::istream in(&part);
    return workbook(kNoSharedStrings, in);
}

std::string list_xlsx(const std::vector<std::vector<std::string>>& rows) {
    std::string sheet = kSheetOpen;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        sheet += "<row r=\"" + std::to_string(r + 1) + "\">";
        for (std::size_t c = 0; c < rows[r].size(); ++c)
            sheet += "<c r=\"" + column_name(c) + std::to_string(r + 1) + "\" t=\"inlineStr\"><is><t>" +
                     xml_escape(rows[r][c]) + "</t></is></c>";
        sheet += "</row>";
    }
    sheet += kSheetClose;
    std::istringstream in(sheet);
    return workbook(kNoSharedStrings, in);
}

std::string many_parts_xlsx(std::size_t parts) {
    std::istringstream sheet(kOneCellSheet);
    return workbook(kNoSharedStrings, sheet, parts);
}

std::string long_tag_xlsx(std::size_t tag_bytes) {
    const std::string attribute = letters(tag_bytes);
    std::istringstream sheet(std::string(kSheetOpen) + R"(<row r="1"><c r="A1" t="inlineStr" x=")" + attribute +
                             R"("><is><t>Фамилия</t></is></c></row>)" + kSheetClose);
    return workbook(kNoSharedStrings, sheet);
}

std::string large_pool_xlsx(std::size_t strings) {
    std::string shared = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst>)";
    for (std::size_t i = 0; i < strings; ++i) shared += "<si><t>" + std::to_string(i * 7919 % 1000003) + "</t></si>";
    shared += "</sst>";
    std::istringstream sheet(std::string(kSheetOpen) + R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)" + kSheetClose);
    return workbook(shared, sheet);
}

}  // namespace sanaq::test::inputs
