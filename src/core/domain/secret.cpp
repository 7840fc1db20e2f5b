#include "core/domain/secret.h"

#include "crypto/crypto.h"

namespace sanaq {

void wipe_text(std::string& text) noexcept {
    crypto::wipe(text);
}

}  // namespace sanaq
