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

/// What a gzip stream inflates to, found by inflating it through a small fixed window and
/// keeping nothing but a count and a SHA-256: a receiver learns a body's inflated size and digest
/// before it spends a byte of memory on the inflated body (a bomb costs it CPU, never memory).
struct GzipMeasure {
    enum class Verdict { Complete, TooLarge, NotGzip };
    Verdict verdict = Verdict::NotGzip;
    std::size_t inflated_size = 0;   // Complete: the exact size; TooLarge: how far it got
    std::string sha256_hex;          // Complete only: lowercase hex of the inflated bytes
};
/// Stops as soon as the output passes `max_size` (TooLarge); NotGzip when the input is not one
/// complete gzip stream.
GzipMeasure gzip_measure(std::string_view bytes, std::size_t max_size);

/// Inflates a stream gzip_measure found Complete into exactly `size` bytes, allocated once (no
/// doubling, no zero fill). Nullopt when the stream does not inflate to exactly `size` bytes.
std::optional<std::string> gzip_decompress_sized(std::string_view bytes, std::size_t size);

}  // namespace sanaq::upstream
