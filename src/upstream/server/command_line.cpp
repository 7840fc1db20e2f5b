#include "upstream/server/command_line.h"

#include <charconv>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace sanaq::upstream::receiver {
namespace {

template <class T>
std::optional<T> parse_number(std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<double> parse_share(std::string_view text) {
    // from_chars for double is in libstdc++ 11+; a share is a plain decimal in [0, 1].
    double value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !(value >= 0.0 && value <= 1.0))
        return std::nullopt;
    return value;
}

}  // namespace

std::string usage_text() {
    return R"(usage:
  sanaq-upstream --listen HOST:PORT --cert server.pem --key server.key --client-ca ca.pem --store DIR
                 [--receipt-key receipt.key] [--server-name NAME] [--port-file FILE]
                 [--body-budget-mib N] [fault options]
  sanaq-upstream --store DIR stats [--json]
  sanaq-upstream --conformance https://HOST:PORT --client-cert ws.pem --client-key ws.key --ca ca.pem
                 [--receipt-pub receipt.pub] [--json]
  sanaq-upstream --help

The reference receiver of the upstream batch protocol (src/upstream/README.md): HTTPS with a
required client certificate issued by --client-ca; PUT /v1/batches/{uuid}; accepted batches are
kept in DIR. PORT 0 picks a free port; the line "listening on HOST:PORT" is printed once bound.
Without --receipt-key, DIR/receipt.key is made on first start and its public half written to
DIR/receipt.pub. Runs until SIGTERM or SIGINT.

--body-budget-mib N: request bodies (compressed and inflated) held at once by all requests
together, in MiB (default 128); a request that does not fit is answered 503 with Retry-After.

stats: batches held, households and persons in them, distinct record UUIDs, and how many
(uuid, revision) pairs arrived in more than one batch (0 when delivery is exactly once).

--conformance: puts a receiver under test through the spec with a workstation certificate its
client CA issued: the test vectors' records as a valid batch (201 with a receipt by the rule, 200
with the same receipt, 409 for other content under the UUID) and one request for each refusal of
the checks table; prints each answer against the spec's status and error code (or one JSON
document with --json) and exits 0 when every answer is the spec's, 1 when one differs.

fault options (for testing clients; each PUT draws from a generator seeded by --seed):
  --fail-share X            answer 500 to a share X (0..1) of PUTs, before storing
  --unavailable N           answer 503 to the first N PUTs ...
  --retry-after S           ... with "Retry-After: S" (default 1)
  --stall-ms MS             wait MS milliseconds before answering each PUT
  --drop-mid-body-share X   read about half the body, then close the connection unanswered
  --lose-answer-share X     store and commit the batch, then close the connection unanswered
  --seed N                  seed of the fault generator (default: random)
)";
}

namespace {

std::expected<Command, std::string> parse_conformance(const std::vector<std::string_view>& args) {
    ConformanceCommand c;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--json") {
            c.json = true;
            continue;
        }
        if (i + 1 >= args.size()) return std::unexpected(fmt::format("{} needs a value", a));
        std::string_view v = args[++i];
        if (a == "--conformance") c.url = v;
        else if (a == "--client-cert") c.client_certificate = v;
        else if (a == "--client-key") c.client_key = v;
        else if (a == "--ca") c.ca = v;
        else if (a == "--receipt-pub") c.receipt_public_key = std::filesystem::path(v);
        else return std::unexpected(fmt::format("{} does not go with --conformance", a));
    }
    if (c.client_certificate.empty() || c.client_key.empty() || c.ca.empty())
        return std::unexpected("--conformance needs --client-cert, --client-key and --ca");
    return c;
}

}  // namespace

std::expected<Command, std::string> parse_command_line(int argc, const char* const* argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    for (auto a : args)
        if (a == "--help" || a == "-h") return HelpCommand{};
    for (auto a : args)
        if (a == "--conformance") return parse_conformance(args);
    ServeCommand serve;
    bool stats = false, json = false;
    bool have_listen = false;
    std::optional<std::filesystem::path> store;
    std::vector<std::string> serve_only;   // options that make no sense with "stats"

    auto unexpected = [](std::string text) { return std::unexpected(std::move(text)); };
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--help" || a == "-h") return HelpCommand{};
        if (a == "stats") {
            stats = true;
            continue;
        }
        if (a == "--json") {
            json = true;
            continue;
        }
        if (!a.starts_with("--")) return unexpected(fmt::format("unexpected argument '{}'", a));
        if (i + 1 >= args.size()) return unexpected(fmt::format("{} needs a value", a));
        std::string_view v = args[++i];
        if (a != "--store") serve_only.emplace_back(a);

        if (a == "--store") {
            store = std::filesystem::path(v);
        } else if (a == "--listen") {
            auto colon = v.rfind(':');
            auto port = colon == std::string_view::npos ? std::nullopt
                                                         : parse_number<std::uint16_t>(v.substr(colon + 1));
            if (!port || colon == 0) return unexpected(fmt::format("--listen wants HOST:PORT, not '{}'", v));
            serve.host = std::string(v.substr(0, colon));
            serve.port = *port;
            have_listen = true;
        } else if (a == "--cert") {
            serve.certificate = v;
        } else if (a == "--key") {
            serve.private_key = v;
        } else if (a == "--client-ca") {
            serve.client_ca = v;
        } else if (a == "--receipt-key") {
            serve.receipt_key = std::filesystem::path(v);
        } else if (a == "--server-name") {
            if (v.empty()) return unexpected("--server-name must not be empty");
            serve.server_name = v;
        } else if (a == "--port-file") {
            serve.port_file = std::filesystem::path(v);
        } else if (a == "--body-budget-mib") {
            auto n = parse_number<std::size_t>(v);
            if (!n || *n < 1 || *n > (std::size_t{1} << 20))
                return unexpected(fmt::format("--body-budget-mib wants a whole number of MiB >= 1, not '{}'", v));
            serve.body_budget_bytes = *n << 20;
        } else if (a == "--fail-share" || a == "--drop-mid-body-share" || a == "--lose-answer-share") {
            auto share = parse_share(v);
            if (!share) return unexpected(fmt::format("{} wants a share between 0 and 1, not '{}'", a, v));
            (a == "--fail-share"            ? serve.faults.fail_share
             : a == "--drop-mid-body-share" ? serve.faults.drop_mid_body_share
                                            : serve.faults.lose_answer_share) = *share;
        } else if (a == "--unavailable" || a == "--retry-after" || a == "--stall-ms") {
            auto n = parse_number<int>(v);
            if (!n || *n < 0) return unexpected(fmt::format("{} wants a whole number >= 0, not '{}'", a, v));
            (a == "--unavailable"   ? serve.faults.unavailable
             : a == "--retry-after" ? serve.faults.retry_after_seconds
                                    : serve.faults.stall_ms) = *n;
        } else if (a == "--seed") {
            auto n = parse_number<std::uint64_t>(v);
            if (!n) return unexpected(fmt::format("--seed wants a whole number, not '{}'", v));
            serve.faults.seed = *n;
        } else {
            return unexpected(fmt::format("unknown option {}", a));
        }
    }

    if (!store) return unexpected("--store DIR is required");
    if (stats) {
        if (!serve_only.empty()) return unexpected(fmt::format("{} does not go with stats", serve_only.front()));
        return StatsCommand{*store, json};
    }
    if (json) return unexpected("--json goes with stats only");
    if (!have_listen) return unexpected("--listen HOST:PORT is required");
    if (serve.certificate.empty() || serve.private_key.empty() || serve.client_ca.empty())
        return unexpected("--cert, --key and --client-ca are required");
    serve.store = *store;
    return serve;
}

}  // namespace sanaq::upstream::receiver
