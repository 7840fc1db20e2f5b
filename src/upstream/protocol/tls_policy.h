#pragma once
// The TLS both ends of the upstream protocol accept (README.md, "Transport"): TLS 1.2 at least,
// 1.3 preferred (OpenSSL picks the highest both support); forward-secret ECDHE key exchange and
// AEAD ciphers only. No RSA key exchange, no CBC, no SHA-1 MACs: a recorded session must stay
// sealed even if a server key leaks later, and CBC's padding oracles stay out of reach.
namespace sanaq::upstream {

/// OpenSSL cipher list for TLS 1.2 (SSL_CTX_set_cipher_list), in preference order.
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";

/// OpenSSL TLS 1.3 suites (SSL_CTX_set_ciphersuites): every TLS 1.3 suite is AEAD with ECDHE or
/// DHE key exchange; listed so a changed library default cannot widen them.
inline constexpr const char* kTls13Ciphersuites =
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

}  // namespace sanaq::upstream
