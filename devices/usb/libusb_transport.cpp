#include "usb/libusb_transport.h"

#include <climits>

#include <libusb.h>

namespace sanaq::usb {

using mtp::TransferError;
using mtp::TransferErrorKind;

mtp::TransferError classify_libusb_error(int code) {
    std::string detail = std::string("libusb: ") + libusb_error_name(code);
    switch (code) {
        case LIBUSB_ERROR_NO_DEVICE: return {TransferErrorKind::Unplugged, detail};
        case LIBUSB_ERROR_TIMEOUT: return {TransferErrorKind::Timeout, detail};
        case LIBUSB_ERROR_PIPE: return {TransferErrorKind::Stall, detail};
        default: return {TransferErrorKind::Other, detail};
    }
}

LibusbTransport::LibusbTransport(libusb_context* context, libusb_device_handle* handle, MtpEndpoints endpoints,
                                 std::string description)
    : context_(context), handle_(handle), endpoints_(endpoints), description_(std::move(description)) {}

LibusbTransport::~LibusbTransport() {
    if (handle_) {
        libusb_release_interface(handle_, endpoints_.interface_number);
        libusb_close(handle_);
    }
    if (context_) libusb_exit(context_);
}

mtp::TransferResult<void> LibusbTransport::write(std::string_view bytes, unsigned timeout_ms) {
    unsigned char zlp = 0;
    std::size_t offset = 0;
    do {  // libusb takes an int length: split only absurdly large writes
        const std::size_t n = std::min<std::size_t>(bytes.size() - offset, INT_MAX / 2 / endpoints_.max_packet * endpoints_.max_packet);
        int transferred = 0;
        auto* data = n ? reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data() + offset)) : &zlp;
        const int r = libusb_bulk_transfer(handle_, endpoints_.bulk_out, data, static_cast<int>(n), &transferred, timeout_ms);
        if (r != 0) return std::unexpected(classify_libusb_error(r));
        if (static_cast<std::size_t>(transferred) != n)
            return std::unexpected(TransferError{TransferErrorKind::Other, "short bulk write"});
        offset += n;
    } while (offset < bytes.size());
    return {};
}

mtp::TransferResult<std::size_t> LibusbTransport::read(char* buffer, std::size_t capacity, unsigned timeout_ms) {
    int transferred = 0;
    const int length = static_cast<int>(std::min<std::size_t>(capacity, INT_MAX / 2 / endpoints_.max_packet * endpoints_.max_packet));
    const int r = libusb_bulk_transfer(handle_, endpoints_.bulk_in, reinterpret_cast<unsigned char*>(buffer), length,
                                       &transferred, timeout_ms);
    if (r != 0) return std::unexpected(classify_libusb_error(r));
    return static_cast<std::size_t>(transferred);
}

mtp::TransferResult<void> LibusbTransport::clear_halt(mtp::Endpoint endpoint) {
    const std::uint8_t ep = endpoint == mtp::Endpoint::BulkIn    ? endpoints_.bulk_in
                            : endpoint == mtp::Endpoint::BulkOut ? endpoints_.bulk_out
                                                                 : endpoints_.interrupt_in;
    const int r = libusb_clear_halt(handle_, ep);
    if (r != 0) return std::unexpected(classify_libusb_error(r));
    return {};
}

mtp::TransferResult<std::size_t> LibusbTransport::read_interrupt(char* buffer, std::size_t capacity, unsigned timeout_ms) {
    if (endpoints_.interrupt_in == 0) return std::unexpected(TransferError{TransferErrorKind::Timeout, "no interrupt endpoint"});
    int transferred = 0;
    const int r = libusb_interrupt_transfer(handle_, endpoints_.interrupt_in, reinterpret_cast<unsigned char*>(buffer),
                                            static_cast<int>(std::min<std::size_t>(capacity, 4096)), &transferred, timeout_ms);
    if (r != 0) return std::unexpected(classify_libusb_error(r));
    return static_cast<std::size_t>(transferred);
}

}  // namespace sanaq::usb
