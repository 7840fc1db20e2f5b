#pragma once
// BulkTransport over libusb: synchronous bulk transfers on a claimed MTP interface.
// libusb errors are classified for the initiator: NO_DEVICE → Unplugged, TIMEOUT → Timeout,
// PIPE → Stall (the initiator clears the halt and retries), anything else → Other.
#include <cstdint>
#include <string>

#include "mtp/transport.h"

struct libusb_context;
struct libusb_device_handle;

namespace sanaq::usb {

struct MtpEndpoints {
    int interface_number = 0;
    int alt_setting = 0;
    std::uint8_t bulk_in = 0x81;
    std::uint8_t bulk_out = 0x02;
    std::uint8_t interrupt_in = 0x83;
    std::size_t max_packet = 512;
};

class LibusbTransport : public mtp::BulkTransport {
public:
    /// Takes ownership of the context and the handle (the interface is already claimed):
    /// the destructor releases the interface, closes the handle and exits the context.
    LibusbTransport(libusb_context* context, libusb_device_handle* handle, MtpEndpoints endpoints,
                    std::string description);
    ~LibusbTransport() override;
    LibusbTransport(const LibusbTransport&) = delete;
    LibusbTransport& operator=(const LibusbTransport&) = delete;

    std::size_t max_packet_size() const override { return endpoints_.max_packet; }
    mtp::TransferResult<void> write(std::string_view bytes, unsigned timeout_ms) override;
    mtp::TransferResult<std::size_t> read(char* buffer, std::size_t capacity, unsigned timeout_ms) override;
    mtp::TransferResult<void> clear_halt(mtp::Endpoint endpoint) override;
    mtp::TransferResult<std::size_t> read_interrupt(char* buffer, std::size_t capacity, unsigned timeout_ms) override;
    std::string describe() const override { return description_; }

private:
    libusb_context* context_;
    libusb_device_handle* handle_;
    MtpEndpoints endpoints_;
    std::string description_;
};

/// The classification of a libusb error code (exposed for tests).
mtp::TransferError classify_libusb_error(int code);

}  // namespace sanaq::usb
