#pragma once
// The receiving side of PUT /v1/batches/{uuid} (src/upstream/README.md, "Request" and
// "Responses"): the checks in the spec's order, the idempotent store, the signed receipt, and
// the deliberate faults of a test run. One log line per request on stderr — never record content.
#include <cstddef>
#include <string>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "upstream/server/body_budget.h"
#include "upstream/server/faults.h"
#include "upstream/server/receiver_store.h"

namespace sanaq::upstream::receiver {

inline constexpr std::size_t kMaxCompressedBody = 64u << 20;   // Content-Length limit (413 above)
inline constexpr std::size_t kMaxInflatedBody = 512u << 20;    // inflated limit (413 above)
inline constexpr int kBusyRetryAfterSeconds = 2;                 // 503 when the body budget is full

/// What every request handler shares; outlives the HTTP server.
struct ReceiverSetup {
    ReceiverStore& store;
    std::string receipt_key_pem;
    std::string server_name;
    FaultPlan& faults;
    BodyBudget& budget;   // bodies held at once, by all requests together
};

class BatchRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit BatchRequestHandlerFactory(ReceiverSetup& setup) : setup_(setup) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    ReceiverSetup& setup_;
};

}  // namespace sanaq::upstream::receiver
