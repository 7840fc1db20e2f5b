#pragma once
// PTP/MTP container and dataset codec: pure functions over bytes, no I/O (fuzzed by
// tests/devices/fuzz_mtp_container.cpp). All integers are little-endian.
//   container = u32 length (header included) | u16 type | u16 code | u32 transaction id | payload
// Command, response and event containers carry up to five u32 parameters as their payload; a data
// container carries a dataset or an object's bytes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mtp/codes.h"

namespace sanaq::mtp {

inline constexpr std::size_t kHeaderSize = 12;
inline constexpr std::size_t kMaxParams = 5;

struct ContainerHeader {
    std::uint32_t length = 0;  // whole container; 0xFFFFFFFF in a data header means "more than 4 GiB"
    ContainerType type = ContainerType::Command;
    std::uint16_t code = 0;
    std::uint32_t transaction_id = 0;
};

/// A command, response or event container (header plus parameters).
struct Container {
    ContainerType type = ContainerType::Command;
    std::uint16_t code = 0;
    std::uint32_t transaction_id = 0;
    std::vector<std::uint32_t> params;
};

/// Why bytes are not a valid container or dataset; `what` is technical English for Error::detail.
struct CodecError {
    std::string what;
};
/// A decoded value or why decoding failed. Deliberately not std::expected: the fuzzer is built with
/// clang 14, whose libstdc++ <expected> is unavailable, and this header must compile there.
template <class T>
class Decoded {
public:
    Decoded(T value) : value_(std::move(value)) {}
    Decoded(CodecError error) : error_(std::move(error)) {}
    explicit operator bool() const { return value_.has_value(); }
    bool has_value() const { return value_.has_value(); }
    T& operator*() { return *value_; }
    const T& operator*() const { return *value_; }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }
    const CodecError& error() const { return error_; }

private:
    std::optional<T> value_;
    CodecError error_;
};

std::string encode_container(const Container& c);
/// The 12-byte header of a data container whose payload has `payload_size` bytes.
std::string encode_data_header(std::uint16_t code, std::uint32_t transaction_id, std::uint64_t payload_size);

/// Parses a header from the first 12 bytes; checks the type is 1..4 and the length is >= 12.
Decoded<ContainerHeader> decode_header(std::string_view bytes);
/// Parses a complete non-data container: exactly `length` bytes, 0..5 parameters.
Decoded<Container> decode_container(std::string_view bytes);

// --- datasets --------------------------------------------------------------------------------

/// Appends little-endian fields and MTP strings (u8 count of UTF-16 code units including the
/// terminating NUL, then UTF-16LE; the empty string is the single byte 0).
class DatasetWriter {
public:
    void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void u16(std::uint16_t v);
    void u32(std::uint32_t v);
    void u64(std::uint64_t v);
    void string(std::string_view utf8);
    void u16_array(const std::vector<std::uint16_t>& v);
    void u32_array(const std::vector<std::uint32_t>& v);
    const std::string& bytes() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

/// Reads the same; every read checks bounds and reports truncation instead of overrunning.
class DatasetReader {
public:
    explicit DatasetReader(std::string_view bytes) : in_(bytes) {}
    Decoded<std::uint8_t> u8();
    Decoded<std::uint16_t> u16();
    Decoded<std::uint32_t> u32();
    Decoded<std::uint64_t> u64();
    Decoded<std::string> string();
    Decoded<std::vector<std::uint16_t>> u16_array();
    Decoded<std::vector<std::uint32_t>> u32_array();
    std::size_t remaining() const { return in_.size() - pos_; }

private:
    std::string_view in_;
    std::size_t pos_ = 0;
};

/// ObjectInfo dataset (PTP 1.1 §5.5.2), the fields in wire order.
struct ObjectInfo {
    std::uint32_t storage_id = 0;
    std::uint16_t format = format::Undefined;
    std::uint16_t protection = 0;
    std::uint32_t compressed_size = 0;  // 0xFFFFFFFF for objects of 4 GiB or more
    std::uint16_t thumb_format = 0;
    std::uint32_t thumb_compressed_size = 0;
    std::uint32_t thumb_width = 0;
    std::uint32_t thumb_height = 0;
    std::uint32_t image_width = 0;
    std::uint32_t image_height = 0;
    std::uint32_t image_bit_depth = 0;
    std::uint32_t parent = 0;
    std::uint16_t association_type = 0;
    std::uint32_t association_desc = 0;
    std::uint32_t sequence_number = 0;
    std::string filename;
    std::string date_created;   // "YYYYMMDDThhmmss"
    std::string date_modified;
    std::string keywords;

    bool is_folder() const { return format == format::Association; }
};
std::string encode_object_info(const ObjectInfo& info);
Decoded<ObjectInfo> decode_object_info(std::string_view bytes);

/// DeviceInfo dataset (PTP 1.1 §5.5.1).
struct DeviceInfo {
    std::uint16_t standard_version = 100;
    std::uint32_t vendor_extension_id = 6;  // Microsoft: the MTP extension
    std::uint16_t vendor_extension_version = 100;
    std::string vendor_extension_desc = "microsoft.com: 1.0;";
    std::uint16_t functional_mode = 0;
    std::vector<std::uint16_t> operations;
    std::vector<std::uint16_t> events;
    std::vector<std::uint16_t> device_properties;
    std::vector<std::uint16_t> capture_formats;
    std::vector<std::uint16_t> playback_formats;
    std::string manufacturer;
    std::string model;
    std::string device_version;
    std::string serial_number;
};
std::string encode_device_info(const DeviceInfo& info);
Decoded<DeviceInfo> decode_device_info(std::string_view bytes);

/// A u32 array dataset (GetStorageIDs, GetObjectHandles).
std::string encode_u32_array(const std::vector<std::uint32_t>& values);
Decoded<std::vector<std::uint32_t>> decode_u32_array(std::string_view bytes);

/// UTF-8 <-> UTF-16 for MTP strings; invalid input is replaced by U+FFFD, never rejected.
std::u16string utf8_to_utf16(std::string_view utf8);
std::string utf16_to_utf8(std::u16string_view utf16);

}  // namespace sanaq::mtp
