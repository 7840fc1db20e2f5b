#pragma once
// Shared helpers of the table library's tests: byte files, code-page conversion (glibc iconv, so the
// library's ICU decoding is checked against an independent converter), hand-made ZIP archives.
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/domain/kit.h"
#include "core/error.h"

namespace sanaq {
/// Lets Boost.Test print error codes in failed checks (found by ADL).
inline std::ostream& boost_test_print_type(std::ostream& os, ErrorCode code) { return os << error_code_name(code); }
inline std::ostream& boost_test_print_type(std::ostream& os, KitState state) { return os << kit_state_code(state); }
}  // namespace sanaq

namespace sanaq::test::tables {

void write_bytes(const std::filesystem::path& path, const std::string& bytes);
/// UTF-8 to the given charset ("CP1251", "KOI8-R", "UTF-16LE") with glibc iconv.
std::string iconv_from_utf8(const std::string& utf8, const char* charset);
/// A ZIP archive of the given parts, built with Poco::Zip::Compress. `seekable` false makes Poco
/// write data descriptors after each entry (as streaming writers do).
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts, bool seekable = true);
/// One part of a ZIP archive held in memory ("" when absent), read with Poco::Zip.
std::string unzip_part(const std::string& zip, const std::string& part);
/// The message ids of a list of errors, for readable checks.
std::vector<std::string> message_ids(const std::vector<Error>& errors);
bool has_message(const std::vector<Error>& errors, const std::string& message_id);

}  // namespace sanaq::test::tables
