#pragma once
// A rendered page for on-screen preview.
#include <filesystem>
#include <vector>

#include "core/error.h"

namespace sanaq::acts {

/// Pixels in cairo's CAIRO_FORMAT_ARGB32: each pixel is one native-endian 32-bit word 0xAARRGGBB
/// with premultiplied alpha (so on x86/ARM little-endian the bytes in memory are B, G, R, A).
/// Rows are `stride` bytes apart (stride >= 4 * width; the padding bytes are meaningless);
/// argb.size() == stride * height. Pages are drawn on opaque white, so alpha is always 255 and
/// premultiplication changes nothing — the rows can be taken as xRGB.
struct PageImage {
    int width = 0;
    int height = 0;
    int stride = 0;
    std::vector<unsigned char> argb;
};

/// Saves an image as PNG (for tests, tools and "save preview"); Io error naming `out`.
Status write_png(const PageImage& image, const std::filesystem::path& out);

}  // namespace sanaq::acts
