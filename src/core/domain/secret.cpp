#include "core/domain/secret.h"

#include <openssl/crypto.h>

namespace sanaq {

void wipe_text(std::string& text) noexcept {
    // The whole buffer: a string that shrank still holds the old bytes past its size.
    if (text.capacity() > 0) OPENSSL_cleanse(text.data(), text.capacity());
    text.clear();
}

}  // namespace sanaq
