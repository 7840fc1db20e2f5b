#include "upstream/client/upstream_settings.h"
#include "crypto/crypto.h"

#include <charconv>

namespace sanaq::upstream {
namespace {

constexpr std::string_view kUrl = "upstream.url";
constexpr std::string_view kCa = "upstream.ca_pem";
constexpr std::string_view kP12 = "upstream.client_p12";   // base64
constexpr std::string_view kP12Password = "upstream.client_p12_password";
constexpr std::string_view kReceiptKey = "upstream.receipt_key_pem";
constexpr std::string_view kProxy = "upstream.proxy";
constexpr std::string_view kRelease = "upstream.release_required";
constexpr std::string_view kMaxBatch = "upstream.max_batch";

}  // namespace

Result<std::optional<UpstreamSettings>> load_upstream_settings(StoreSession& tx) {
    auto get = [&](std::string_view key) -> Result<std::string> {
        auto v = tx.settings().get(key);
        SANAQ_TRY(v);
        return v->value_or("");
    };
    auto url = get(kUrl);
    SANAQ_TRY(url);
    if (url->empty()) return std::optional<UpstreamSettings>{};
    UpstreamSettings s;
    s.url = *url;
    for (auto [key, field] : {std::pair{kCa, &s.ca_pem}, {kP12Password, &s.client_p12_password},
                              {kReceiptKey, &s.receipt_public_pem}, {kProxy, &s.proxy_url}}) {
        auto v = get(key);
        SANAQ_TRY(v);
        *field = *v;
    }
    auto p12 = get(kP12);
    SANAQ_TRY(p12);
    s.client_p12 = crypto::from_base64(*p12).value_or("");
    auto release = get(kRelease);
    SANAQ_TRY(release);
    s.release_required = *release == "1";
    auto max_batch = get(kMaxBatch);
    SANAQ_TRY(max_batch);
    int n = 0;
    if (std::from_chars(max_batch->data(), max_batch->data() + max_batch->size(), n).ec == std::errc{} && n > 0)
        s.max_batch = n;
    return std::optional<UpstreamSettings>{std::move(s)};
}

Status save_upstream_settings(StoreSession& tx, const UpstreamSettings& s) {
    const std::pair<std::string_view, std::string> values[] = {
        {kUrl, s.url},
        {kCa, s.ca_pem},
        {kP12, crypto::to_base64(s.client_p12)},
        {kP12Password, s.client_p12_password},
        {kReceiptKey, s.receipt_public_pem},
        {kProxy, s.proxy_url},
        {kRelease, s.release_required ? "1" : "0"},
        {kMaxBatch, std::to_string(s.max_batch)},
    };
    for (const auto& [key, value] : values)
        SANAQ_TRY(tx.settings().set(key, value));
    return {};
}

}  // namespace sanaq::upstream
