#pragma once
// The receiver's TLS context: TLS 1.2 or 1.3, no renegotiation, no TLS compression, and a client
// certificate required and verified against the client CA — a client without one, with one from
// another CA, or with one outside its validity fails the handshake.
#include <filesystem>

#include <Poco/Net/Context.h>

#include "core/error.h"

namespace sanaq::upstream::receiver {

Result<Poco::Net::Context::Ptr> make_server_context(const std::filesystem::path& certificate,
                                                    const std::filesystem::path& private_key,
                                                    const std::filesystem::path& client_ca);

}  // namespace sanaq::upstream::receiver
