// libFuzzer target for the PTP/MTP codec: arbitrary bytes as a container, an ObjectInfo, a
// DeviceInfo and a u32 array must be rejected or parsed — never overrun, never crash — and what
// parses must re-encode to something that parses the same. Built and run by run_fuzz_container.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mtp/container.h"

using namespace sanaq::mtp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (auto h = decode_header(bytes)) {
        if (h->length < kHeaderSize) std::abort();
    }
    if (auto c = decode_container(bytes)) {
        if (c->params.size() > kMaxParams) std::abort();
        const auto again = encode_container(*c);
        if (again != bytes) std::abort();  // a valid container has exactly one encoding
    }
    if (auto info = decode_object_info(bytes)) {
        auto round = decode_object_info(encode_object_info(*info));
        if (!round || round->filename != info->filename || round->parent != info->parent) std::abort();
    }
    if (auto d = decode_device_info(bytes)) {
        auto round = decode_device_info(encode_device_info(*d));
        if (!round || round->serial_number != d->serial_number) std::abort();
    }
    if (auto ids = decode_u32_array(bytes)) {
        if (ids->size() * 4 + 4 > size) std::abort();
    }
    (void)utf16_to_utf8(std::u16string_view(reinterpret_cast<const char16_t*>(data), size / 2));
    (void)utf8_to_utf16(bytes);
    return 0;
}
