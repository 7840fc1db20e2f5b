#pragma once
// The USB pipes an MTP initiator needs, whatever carries them: libusb (devices/usb), the
// in-process simulator (devices/simulator), a test double. One call is one USB transfer:
//  - write() sends bytes as one bulk-OUT transfer; a zero-length write is a zero-length packet.
//    The caller decides about ZLPs; the transport never adds one.
//  - read() receives one bulk-IN transfer: it returns when `capacity` bytes arrived or the device
//    ended its transfer with a short or zero-length packet (a 0-byte result is a ZLP).
//    `capacity` must be a multiple of max_packet_size().
// Failures are classified so the initiator can decide between clear-halt-and-retry and giving up.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace sanaq::mtp {

enum class TransferErrorKind {
    Unplugged,  // the device is gone (LIBUSB_ERROR_NO_DEVICE)
    Timeout,    // nothing arrived (or nothing was taken) within the timeout
    Stall,      // the endpoint is halted (LIBUSB_ERROR_PIPE); clear_halt() may recover it
    Other,      // any other transport failure (I/O error, overflow, ...)
};

struct TransferError {
    TransferErrorKind kind = TransferErrorKind::Other;
    std::string detail;  // technical English, e.g. "libusb: LIBUSB_ERROR_IO"
};

template <class T>
using TransferResult = std::expected<T, TransferError>;

enum class Endpoint { BulkIn, BulkOut, Interrupt };

class BulkTransport {
public:
    virtual ~BulkTransport() = default;
    virtual std::size_t max_packet_size() const = 0;
    virtual TransferResult<void> write(std::string_view bytes, unsigned timeout_ms) = 0;
    virtual TransferResult<std::size_t> read(char* buffer, std::size_t capacity, unsigned timeout_ms) = 0;
    virtual TransferResult<void> clear_halt(Endpoint endpoint) = 0;
    /// Reads one event from the interrupt endpoint (events are informational to us).
    virtual TransferResult<std::size_t> read_interrupt(char* buffer, std::size_t capacity, unsigned timeout_ms) = 0;
    /// "USB 1-4", "simulated tablet": for messages and logs.
    virtual std::string describe() const = 0;
};

}  // namespace sanaq::mtp
