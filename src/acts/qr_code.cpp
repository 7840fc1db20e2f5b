#include "acts/qr_code.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace sanaq::acts {

Result<QrMatrix> encode_qr(std::string_view payload) {
    if (payload.empty())
        return fail(ErrorCode::InvalidInput, N_("There is nothing to put in the QR code."));
    const std::string data(payload);
    // QRcode_encodeData takes the bytes as they are (no NUL termination games, no Kanji mode).
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()),
                          0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) {
        const int err = errno;
        return fail(ErrorCode::InvalidInput, N_("The QR code could not be made (data size in bytes: {})."),

                    {std::to_string(data.size())}, std::strerror(err));
    }
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1u;
    return m;
}

}  // namespace sanaq::acts
