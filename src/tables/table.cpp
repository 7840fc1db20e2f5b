#include "tables/table.h"

#include <array>
#include <fstream>
#include <system_error>

#include "tables/detail/readers.h"
#include "tables/detail/text.h"
#include "tables/limits.h"

namespace sanaq::tables {
namespace {

namespace fs = std::filesystem;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::unexpected<Error> too_large(const std::string& shown) {
    return fail(ErrorCode::InvalidInput, N_("The file {} is too large to read (more than {} MB)."),
                {shown, std::to_string(kMaxFileBytes >> 20)});
}

}  // namespace

Result<Table> parse_table(std::string_view bytes, const fs::path& name) {
    const std::string shown = name.string();
    if (bytes.empty()) return fail(ErrorCode::InvalidInput, N_("The file {} is empty."), {shown});
    if (bytes.size() > kMaxFileBytes) return too_large(shown);
    if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06"))
        return detail::parse_xlsx(bytes, shown);
    if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return fail(ErrorCode::InvalidInput,
                    N_("The file {} is an old Excel workbook (.xls) or a password-protected one; save it "
                       "as .xlsx without a password, or as CSV."),
                    {shown});
    std::string ext = detail::ascii_lower(name.extension().string());
    if (ext == ".xlsx" || ext == ".xlsm" || ext == ".xltx" || ext == ".xltm")
        return fail(ErrorCode::InvalidInput,
                    N_("The workbook {} is damaged and cannot be read; open it in Excel or LibreOffice "
                       "and save it again."),
                    {shown}, "no ZIP signature");
    return detail::parse_csv(bytes, shown);
}

Result<Table> read_table(const fs::path& path) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return fail(ErrorCode::NotFound, N_("The file {} does not exist."), {path.string()});
    if (fs::is_directory(status))
        return fail(ErrorCode::InvalidInput, N_("{} is a folder, not a file."), {path.string()});
    auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxFileBytes) return too_large(path.string());
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()});
    // Read at most one byte past the budget: the size above is only a hint (a device, a pipe or a
    // file still growing has none, or another one by now).
    std::string bytes;
    if (!ec) bytes.reserve(static_cast<std::size_t>(size) + 1);
    std::array<char, 1 << 16> buffer{};
    while (in && bytes.size() <= kMaxFileBytes) {
        in.read(buffer.data(), buffer.size());
        bytes.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()});
    if (bytes.size() > kMaxFileBytes) return too_large(path.string());
    return parse_table(bytes, path);
}

}  // namespace sanaq::tables
