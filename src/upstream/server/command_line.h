#pragma once
// sanaq-upstream's command line: serve (the default), print the store's statistics, or check
// another receiver against the spec (--conformance).
#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>

#include "upstream/server/conformance.h"
#include "upstream/server/faults.h"

namespace sanaq::upstream::receiver {

struct ServeCommand {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;                // 0: an ephemeral port, announced on stdout
    std::filesystem::path certificate;     // the server's certificate chain (PEM)
    std::filesystem::path private_key;     // its key (PEM)
    std::filesystem::path client_ca;       // the CA that issues workstation certificates (PEM)
    std::filesystem::path store;
    std::optional<std::filesystem::path> receipt_key;   // else <store>/receipt.key, made on first start
    std::string server_name = "sanaq-upstream";         // the receipts' "server"
    std::optional<std::filesystem::path> port_file;
    std::size_t body_budget_bytes = std::size_t{128} << 20;   // bodies held at once (body_budget.h)
    FaultOptions faults;
};

struct StatsCommand {
    std::filesystem::path store;
    bool json = false;
};

struct HelpCommand {};

using Command = std::variant<ServeCommand, StatsCommand, HelpCommand, ConformanceCommand>;

/// A usage error's text on failure (the caller prints it with the usage and exits 2).
std::expected<Command, std::string> parse_command_line(int argc, const char* const* argv);
std::string usage_text();

}  // namespace sanaq::upstream::receiver
