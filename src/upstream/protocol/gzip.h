#pragma once
// gzip (RFC 1952) for batch bodies on the wire, through zlib.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sanaq::upstream {

/// Level 1 by default: a batch is mostly names and codes, and level 1 makes it ~7x smaller
/// (level 6: ~9x) in half of level 6's time (tests/upstream/bench_forward.cpp measures it).
std::string gzip_compress(std::string_view bytes, int level = 1);
/// The same bytes into `out` (replacing its content). `out` keeps its capacity from call to call,
/// so a caller compressing one batch after another reuses one buffer.
void gzip_compress_into(std::string& out, std::string_view bytes, int level = 1);
/// Nullopt when the input is not a complete gzip stream or inflates beyond `max_size`
/// (a receiver must not be made to inflate a bomb). `too_large`, when given, tells the two apart
/// (the receiver answers 413 for one and 400 for the other).
std::optional<std::string> gzip_decompress(std::string_view bytes, std::size_t max_size,
                                           bool* too_large = nullptr);

}  // namespace sanaq::upstream
