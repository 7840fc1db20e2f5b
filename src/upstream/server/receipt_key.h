#pragma once
// The receiver's receipt key (Ed25519): the one given with --receipt-key, else <store>/receipt.key,
// made on first start with its public half beside it in <store>/receipt.pub — the file a
// workstation is configured with (`upstream configure --receipt-key`).
#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"

namespace sanaq::upstream::receiver {

/// The private key in PEM; InvalidInput when the file is not an Ed25519 private key.
Result<std::string> load_or_make_receipt_key(const std::optional<std::filesystem::path>& given,
                                             const std::filesystem::path& store);

}  // namespace sanaq::upstream::receiver
