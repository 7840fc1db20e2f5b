#pragma once
// The keys of the package format (src/core/package/README.md, "Keys"): a department holds an X25519
// key pair (tablets encrypt payloads to it) and an Ed25519 key pair (it signs receipts); each
// tablet holds an Ed25519 device key (it signs packages). Keys travel as PEM (PKCS#8 private,
// SubjectPublicKeyInfo public). OpenSSL 3 underneath.
#include <string>
#include <string_view>

#include "core/domain/secret.h"
#include "core/error.h"

namespace sanaq::package {

struct KeyPair {
    SecretText private_pem;  // wiped when the pair goes
    std::string public_pem;
};

Result<KeyPair> generate_signing_key();      // Ed25519
Result<KeyPair> generate_encryption_key();   // X25519

/// Hex SHA-256 (64 lower-case digits) of the raw 32-byte public key inside `public_pem`: the
/// device id of a tablet, the fingerprint of a department key. InvalidInput when not a key of
/// the expected kind.
Result<std::string> signing_key_fingerprint(std::string_view public_pem);
Result<std::string> encryption_key_fingerprint(std::string_view public_pem);

/// The department's public file handed to tablets: the X25519 public key then the Ed25519
/// public key, two PEM blocks in one text.
struct DepartmentPublicKeys {
    std::string encryption_public_pem;
    std::string signing_public_pem;
};
std::string department_public_file(const DepartmentPublicKeys& keys);
Result<DepartmentPublicKeys> parse_department_public_file(std::string_view text);

}  // namespace sanaq::package
