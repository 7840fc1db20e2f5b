#pragma once
// A BulkTransport wired straight to an MtpResponder in the same process: no USB, no copies beyond
// the one into the initiator's buffer. Used by the demo workspace and the protocol benchmark.
// Nothing to read means the device will never answer (it works synchronously), so that is
// reported as a timeout at once instead of after waiting.
#include <memory>

#include "mtp/transport.h"
#include "simulator/responder.h"

namespace sanaq::sim {

class InProcessTransport : public mtp::BulkTransport {
public:
    explicit InProcessTransport(std::shared_ptr<MtpResponder> responder) : responder_(std::move(responder)) {}

    std::size_t max_packet_size() const override { return responder_->options().max_packet; }
    mtp::TransferResult<void> write(std::string_view bytes, unsigned timeout_ms) override;
    mtp::TransferResult<std::size_t> read(char* buffer, std::size_t capacity, unsigned timeout_ms) override;
    mtp::TransferResult<void> clear_halt(mtp::Endpoint endpoint) override;
    mtp::TransferResult<std::size_t> read_interrupt(char* buffer, std::size_t capacity, unsigned timeout_ms) override;
    std::string describe() const override { return "simulated tablet " + responder_->options().serial; }

    MtpResponder& responder() { return *responder_; }

private:
    std::shared_ptr<MtpResponder> responder_;
};

}  // namespace sanaq::sim
