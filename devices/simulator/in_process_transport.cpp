#include "simulator/in_process_transport.h"

namespace sanaq::sim {

using mtp::TransferError;
using mtp::TransferErrorKind;

namespace {
std::unexpected<TransferError> failure(DeviceStatus s) {
    switch (s) {
        case DeviceStatus::Unplugged: return std::unexpected(TransferError{TransferErrorKind::Unplugged, "simulated unplug"});
        case DeviceStatus::Stall: return std::unexpected(TransferError{TransferErrorKind::Stall, "simulated stall"});
        case DeviceStatus::Nothing: break;
        case DeviceStatus::Ok: break;
    }
    return std::unexpected(TransferError{TransferErrorKind::Timeout, "simulated device does not answer"});
}
}  // namespace

mtp::TransferResult<void> InProcessTransport::write(std::string_view bytes, unsigned) {
    auto s = responder_->host_write(bytes);
    if (s != DeviceStatus::Ok) return failure(s);
    return {};
}

mtp::TransferResult<std::size_t> InProcessTransport::read(char* buffer, std::size_t capacity, unsigned) {
    auto r = responder_->host_read(buffer, capacity);
    if (r.status != DeviceStatus::Ok) return failure(r.status);
    return r.length;
}

mtp::TransferResult<void> InProcessTransport::clear_halt(mtp::Endpoint endpoint) {
    auto s = responder_->clear_halt(endpoint);
    if (s != DeviceStatus::Ok) return failure(s);
    return {};
}

mtp::TransferResult<std::size_t> InProcessTransport::read_interrupt(char*, std::size_t, unsigned) {
    if (responder_->unplugged()) return failure(DeviceStatus::Unplugged);
    return failure(DeviceStatus::Nothing);  // the simulator raises no events
}

}  // namespace sanaq::sim
