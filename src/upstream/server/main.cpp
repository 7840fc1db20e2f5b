// sanaq-upstream — the reference receiver of the upstream batch protocol (../README.md).
// Composition root: reads the command line, opens the store, sets up TLS and the HTTP server,
// and serves until SIGTERM or SIGINT; or prints the store's statistics.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include <fmt/format.h>

#include "core/i18n/catalog.h"
#include "core/io/atomic_file.h"
#include "core/io/process_hardening.h"
#include "upstream/server/batch_request.h"
#include "upstream/server/command_line.h"
#include "upstream/server/receipt_key.h"
#include "upstream/server/receiver_store.h"
#include "upstream/server/tls_context.h"

namespace {

using namespace sanaq;
using namespace sanaq::upstream::receiver;

int report(const Error& error) {
    // The receiver speaks English: the identity catalog, which also picks a counted message's form.
    const std::string text = i18n::render(error, i18n::Catalog{});

    fmt::print(stderr, "sanaq-upstream: {}\n", text);
    return exit_code(error.code);
}

int stats(const StatsCommand& cmd) {
    auto s = read_store_stats(cmd.store);
    if (!s) return report(s.error());
    if (cmd.json)
        fmt::print("{{\"batches\":{},\"households\":{},\"persons\":{},\"distinct_records\":{},"
                   "\"records_received_more_than_once\":{}}}\n",
                   s->batches, s->households, s->persons, s->distinct_records, s->records_received_more_than_once);
    else
        fmt::print("batches: {}\nhouseholds: {}\npersons: {}\ndistinct records: {}\n"
                   "records received more than once: {}\n",
                   s->batches, s->households, s->persons, s->distinct_records, s->records_received_more_than_once);
    return 0;
}

std::string describe(const FaultOptions& f) {
    if (!f.any()) return "none";
    std::string out;
    if (f.fail_share > 0) out += fmt::format(" fail-share={}", f.fail_share);
    if (f.unavailable > 0) out += fmt::format(" unavailable={} retry-after={}", f.unavailable, f.retry_after_seconds);
    if (f.stall_ms > 0) out += fmt::format(" stall-ms={}", f.stall_ms);
    if (f.drop_mid_body_share > 0) out += fmt::format(" drop-mid-body-share={}", f.drop_mid_body_share);
    if (f.lose_answer_share > 0) out += fmt::format(" lose-answer-share={}", f.lose_answer_share);
    if (f.seed) out += fmt::format(" seed={}", *f.seed);
    return out.substr(1);
}

int serve(const ServeCommand& cmd) {
    // Signals: SIGTERM/SIGINT are taken by sigwait below (blocked before any thread starts, so
    // every thread inherits the mask); a peer gone mid-write must not kill the process.
    ::signal(SIGPIPE, SIG_IGN);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto store = ReceiverStore::open(cmd.store);
    if (!store) return report(store.error());
    auto receipt_key = load_or_make_receipt_key(cmd.receipt_key, cmd.store);
    if (!receipt_key) return report(receipt_key.error());
    auto context = make_server_context(cmd.certificate, cmd.private_key, cmd.client_ca);
    if (!context) return report(context.error());

    FaultPlan faults(cmd.faults);
    BodyBudget budget(cmd.body_budget_bytes);
    ReceiverSetup setup{**store, *receipt_key, cmd.server_name, faults, budget};

    Poco::Net::SecureServerSocket socket(*context);
    try {
        socket.bind(Poco::Net::SocketAddress(cmd.host, cmd.port), true);
        socket.listen(64);
    } catch (const Poco::Exception& e) {
        return report(Error::make(ErrorCode::Io, N_("Cannot listen on {}:{}."), {cmd.host, std::to_string(cmd.port)},
                                  e.displayText()));
    }
    auto address = socket.address();

    auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
    params->setSoftwareVersion("sanaq-upstream");
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(10, 0));
    params->setTimeout(Poco::Timespan(60, 0));   // per receive while reading a request
    Poco::ThreadPool threads(2, 16);
    Poco::Net::HTTPServer server(new BatchRequestHandlerFactory(setup), threads, socket, params);
    server.start();

    if (cmd.port_file) {
        if (auto st = io::write_file_atomically(*cmd.port_file, std::to_string(address.port()) + "\n"); !st) {
            server.stopAll(true);
            threads.joinAll();
            return report(st.error());
        }
    }
    fmt::print(stderr, "sanaq-upstream: store {} ({} batches held), server name {}, body budget {} MiB, faults: {}\n",
               cmd.store.string(), (*store)->size(), cmd.server_name, cmd.body_budget_bytes >> 20,
               describe(cmd.faults));
    std::fflush(stderr);
    fmt::print("listening on {}\n", address.toString());
    std::fflush(stdout);

    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    fmt::print(stderr, "sanaq-upstream: {} received, stopping\n", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
    server.stopAll(false);   // lets requests being answered finish, closes idle connections
    threads.joinAll();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // Before the receipt key is read: no core file, no ptrace by another process of the account.
    if (auto ok = sanaq::io::forbid_core_dumps(); !ok) fmt::print(stderr, "sanaq-upstream: {}\n", ok.error().detail);
    auto command = parse_command_line(argc, argv);
    if (!command) {
        fmt::print(stderr, "sanaq-upstream: {}\n\n{}", command.error(), usage_text());
        return 2;
    }
    if (std::holds_alternative<HelpCommand>(*command)) {
        fmt::print("{}", usage_text());
        return 0;
    }
    if (auto* s = std::get_if<StatsCommand>(&*command)) return stats(*s);

    Poco::Net::initializeSSL();
    if (auto* c = std::get_if<ConformanceCommand>(&*command)) {
        std::string error;
        auto cases = run_conformance(*c, error);
        int rc = report_conformance(*c, cases, error);
        Poco::Net::uninitializeSSL();
        return rc;
    }
    int rc = 1;
    try {
        rc = serve(std::get<ServeCommand>(*command));
    } catch (const Poco::Exception& e) {
        fmt::print(stderr, "sanaq-upstream: {}\n", e.displayText());
    } catch (const std::exception& e) {
        fmt::print(stderr, "sanaq-upstream: {}\n", e.what());
    }
    Poco::Net::uninitializeSSL();
    return rc;
}
