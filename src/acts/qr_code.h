#pragma once
// QR code as a plain module matrix (libqrencode inside; no cairo in this header), so documents
// and the GUI can draw it however they like.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq::acts {

struct QrMatrix {
    int size = 0;                  // modules per side, without the quiet zone
    std::vector<unsigned char> dark;  // size*size, row-major, 1 = dark module

    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
};

/// Encodes `payload` as 8-bit data at error-correction level M (15 %), the smallest version that
/// fits. Fails with InvalidInput when the payload is empty or too long for a QR code.
Result<QrMatrix> encode_qr(std::string_view payload);

/// Modules of white border a reader needs around the symbol (ISO/IEC 18004).
inline constexpr int kQrQuietZone = 4;

}  // namespace sanaq::acts
