#pragma once
// Where the workstation sends and with what identity. Kept in the encrypted store's settings
// (the client key's PKCS#12 and its password never touch the disk elsewhere).
#include <optional>
#include <string>

#include "core/ports/store.h"
#include "upstream/protocol/identity.h"

namespace sanaq::upstream {

struct UpstreamSettings {
    std::string url;                  // https://host[:port][/prefix]
    std::string ca_pem;               // the pinned CA of the census database's servers
    std::string client_p12;           // PKCS#12 bytes: this workstation's certificate and key
    std::string client_p12_password;
    std::string receipt_public_pem;   // the receiver's receipt key; "" = receipts not checked
    std::string proxy_url;            // "" = direct
    bool release_required = false;    // four-eyes: a supervisor releases batches before they go
    int max_batch = 20000;            // records per batch
};

/// Nullopt when upstream forwarding was never configured.
Result<std::optional<UpstreamSettings>> load_upstream_settings(StoreSession& tx);
Status save_upstream_settings(StoreSession& tx, const UpstreamSettings& settings);

}  // namespace sanaq::upstream
