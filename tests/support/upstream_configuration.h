#pragma once
// What `sanaq upstream configure` would store for a receiver the tests started: the test PKI's CA,
// a client certificate and the receipt key. Shared by the upstream, UI and benchmark suites.
// Header-only: the suites that use it link the upstream client already, and sanaq_test_receiver
// is also linked by suites that do not.
#include <filesystem>
#include <optional>
#include <string>

#include "support/temp_dir.h"
#include "upstream/client/outbox.h"
#include "support/receiver_fixture.h"

namespace sanaq::test {

/// `max_batch` records per batch (nullopt: the workstation's default); `client_p12` another client
/// certificate (default: the valid one).
inline upstream::ConfigureRequest test_upstream_configuration(
    const std::string& url, std::optional<int> max_batch,
    const std::filesystem::path& client_p12 = {}) {
    const TestPki& pki = TestPki::instance();
    upstream::ConfigureRequest request;
    request.url = url;
    request.ca_pem = read_file(pki.ca_pem());
    request.client_p12 = read_file(client_p12.empty() ? pki.client_p12() : client_p12);
    request.client_p12_password = pki.p12_password();
    request.receipt_public_pem = read_file(pki.receipt_pub());
    request.max_batch = max_batch;
    return request;
}

}  // namespace sanaq::test
