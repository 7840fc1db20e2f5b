#include "app/upstream_sending.h"

#include <mutex>

namespace sanaq::app {
namespace {

std::mutex g_transports_mutex;
upstream::TransportFactory& transports() {
    static upstream::TransportFactory factory = upstream::make_https_transport;
    return factory;
}

}  // namespace

upstream::TransportFactory upstream_transports() {
    std::lock_guard lock(g_transports_mutex);
    return transports();
}

upstream::TransportFactory replace_upstream_transports(upstream::TransportFactory factory) {
    std::lock_guard lock(g_transports_mutex);
    auto previous = std::move(transports());
    transports() = factory ? std::move(factory) : upstream::TransportFactory(upstream::make_https_transport);
    return previous;
}

Result<upstream::SendReport> send_upstream(Session& session, upstream::SendOptions options,
                                           const upstream::SendProgressFn& progress, const CancelToken& cancel) {
    options.cancel = &cancel.flag();
    options.progress = progress;
    return upstream::send_upstream(session, options, upstream_transports());
}

}  // namespace sanaq::app
