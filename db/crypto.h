#pragma once
// The store's view of the shared cryptographic building blocks (src/crypto, sanaq::crypto). The
// key types are named here because most of db/ holds a SecretKey; the operations are called as
// crypto::… where they are used. What is db's own is only the errors: randomness and key sealing
// failing become the store's Result, with the words the user sees.
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "crypto/crypto.h"

namespace sanaq::db {

using crypto::copy_key;
using crypto::GcmSealed;
using crypto::SecretKey;
using crypto::wipe;

/// A fresh 256-bit key from the CSPRNG.
Result<SecretKey> random_key();
Result<std::vector<unsigned char>> random_bytes(std::size_t count);

/// AES-256-GCM with a 12-byte nonce and a 16-byte tag, a failure told as the store's error.
Result<GcmSealed> aes256gcm_seal(const SecretKey& key, const std::vector<unsigned char>& nonce,
                                 const unsigned char* plain, std::size_t plain_size, std::string_view aad);

}  // namespace sanaq::db
