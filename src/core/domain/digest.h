#pragma once
#include <string>
#include <string_view>

namespace sanaq {
/// SHA-256 of the bytes, lowercase hex (OpenSSL underneath; no wx, no SQL).
std::string sha256_hex(std::string_view bytes);
}  // namespace sanaq
