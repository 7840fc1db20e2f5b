#pragma once
// Shared helpers of the list tests.
#include <fstream>
#include <iconv.h>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.h"
#include "tables/table.h"
#include "lists/list_reader.h"

namespace sanaq {
inline std::ostream& boost_test_print_type(std::ostream& os, ErrorCode code) { return os << error_code_name(code); }
}  // namespace sanaq
namespace sanaq::lists {
inline std::ostream& boost_test_print_type(std::ostream& os, ProblemCode code) { return os << problem_code_name(code); }
inline std::ostream& boost_test_print_type(std::ostream& os, ListField f) { return os << list_field_code(f); }
inline std::ostream& boost_test_print_type(std::ostream& os, ListCategory c) { return os << list_category_code(c); }
inline std::ostream& boost_test_print_type(std::ostream& os, Sex s) { return os << sex_code(s); }
}  // namespace sanaq::lists

namespace sanaq::test::lists {

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

/// UTF-8 to a code page with glibc iconv (independent of the library's ICU decoder).
inline std::string iconv_from_utf8(const std::string& utf8, const char* charset) {
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv_open");
    std::string in = utf8, out(utf8.size() * 4 + 16, '\0');
    char* ip = in.data();
    char* op = out.data();
    std::size_t il = in.size(), ol = out.size();
    if (iconv(cd, &ip, &il, &op, &ol) == static_cast<std::size_t>(-1)) {
        iconv_close(cd);
        throw std::runtime_error("iconv");
    }
    iconv_close(cd);
    out.resize(out.size() - ol);
    return out;
}

/// A CSV text from rows (';', CRLF, no quoting: test data has no ';').
inline std::string csv(const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) out += (i ? ";" : "") + row[i];
        out += "\r\n";
    }
    return out;
}

inline sanaq::lists::ListPreview read(const std::string& bytes, const std::string& name = "list.csv",
                                      sanaq::lists::ListReadOptions options = {}) {
    if (options.as_of.empty()) options.as_of = "2026-10-01";
    auto table = sanaq::tables::parse_table(bytes, name);
    if (!table) throw std::runtime_error("parse_table: " + table.error().message_id);
    auto preview = sanaq::lists::read_list(*table, options);
    if (!preview) throw std::runtime_error("read_list: " + preview.error().message_id);
    return *preview;
}

inline std::vector<sanaq::lists::ProblemCode> codes(const sanaq::lists::PreviewRow& row) {
    std::vector<sanaq::lists::ProblemCode> out;
    for (const auto& p : row.problems) out.push_back(p.code);
    return out;
}

inline bool has_code(const sanaq::lists::PreviewRow& row, sanaq::lists::ProblemCode code) {
    for (const auto& p : row.problems)
        if (p.code == code) return true;
    return false;
}

// Valid IINs (check digits computed with core): born 1990-05-01 male, 2001-03-15 female,
// 1985-12-31 male, 2005-02-20 male (leading zero).
inline const std::string kIinA = "900501300011";
inline const std::string kIinB = "010315600013";
inline const std::string kIinC = "851231300015";
inline const std::string kIinD = "050220500018";

}  // namespace sanaq::test::lists
