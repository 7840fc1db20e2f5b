#include "inventory/table.h"

#include <fstream>
#include <iterator>
#include <system_error>

#include "inventory/detail/readers.h"
#include "inventory/detail/text.h"

namespace sanaq::inventory {
namespace {

namespace fs = std::filesystem;

// Far above any inventory or list of respondents; protects the workstation's memory.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{512} << 20;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

Result<Table> parse_table(std::string_view bytes, const fs::path& name) {
    const std::string shown = name.string();
    if (bytes.empty()) return fail(ErrorCode::InvalidInput, N_("The file {} is empty."), {shown});
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
    if (!ec && size > kMaxFileBytes)
        return fail(ErrorCode::InvalidInput, N_("The file {} is too large to read (more than {} MB)."),
                    {path.string(), std::to_string(kMaxFileBytes >> 20)});
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()});
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()});
    return parse_table(bytes, path);
}

}  // namespace sanaq::inventory
