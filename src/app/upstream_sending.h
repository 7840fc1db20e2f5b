#pragma once
// Sending the records upstream — `sanaq upstream send` and the Upstream screen's Send now run this
// one job, over transports the application layer makes: the client library no longer decides on
// its own what a send goes over (upstream/client/outbox.h, TransportFactory).
#include "app/job.h"
#include "upstream/client/outbox.h"

namespace sanaq::app {

/// The transport factory of the process: mutual TLS over HTTPS (upstream::make_https_transport)
/// unless replaced. Both programs' sends take their transport from here.
upstream::TransportFactory upstream_transports();
/// Replaces the factory for the whole process and returns the one it replaced; an empty factory
/// puts HTTPS back. For tests (a scripted census database) and diagnostics; a send already
/// running keeps the transport it made.
upstream::TransportFactory replace_upstream_transports(upstream::TransportFactory factory);

/// ForwardUpstream: forms batches and sends the due ones (upstream::send_upstream) over a transport
/// from upstream_transports(). `options.cancel` and `options.progress` are set from `cancel` and
/// `progress`; a cancel keeps every batch already formed, and what was accepted stays accepted.
Result<upstream::SendReport> send_upstream(Session& session, upstream::SendOptions options,
                                           const upstream::SendProgressFn& progress = {},
                                           const CancelToken& cancel = {});

}  // namespace sanaq::app
