#include "ui/common/page_bitmap.h"

#include <cstdint>
#include <algorithm>
#include <cstring>

namespace sanaq::ui {

wxImage page_to_image(const acts::PageImage& page) {
    wxImage image(page.width, page.height, false);
    unsigned char* rgb = image.GetData();
    for (int y = 0; y < page.height; ++y) {
        const unsigned char* row = page.argb.data() + static_cast<std::size_t>(y) * page.stride;
        for (int x = 0; x < page.width; ++x) {
            std::uint32_t word;
            std::memcpy(&word, row + 4 * x, 4);  // one native-endian 0xAARRGGBB word
            const unsigned a = word >> 24;
            const unsigned r = (word >> 16) & 0xff, g = (word >> 8) & 0xff, b = word & 0xff;
            // Premultiplied over white: out = c·α + 255·(1 − α) = stored + (255 − α).
            const unsigned white = 255 - a;
            *rgb++ = static_cast<unsigned char>(std::min(255u, r + white));
            *rgb++ = static_cast<unsigned char>(std::min(255u, g + white));
            *rgb++ = static_cast<unsigned char>(std::min(255u, b + white));
        }
    }
    return image;
}

}  // namespace sanaq::ui
