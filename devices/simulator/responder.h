#pragma once
// The device side of MTP: serves a folder laid out like a tablet's shared storage
// (Documents/Sanaq/outbox/*.sqpkg, Documents/Sanaq/device-key.pem, Documents/Sanaq/receipts/)
// as one MTP storage, answering the operations MtpInitiator uses.
//
// It works at USB-transfer granularity, so one responder serves both the in-process transport and
// the umockdev ioctl handler (tests/devices) that hands it libusb's URBs:
//  - host_write() takes the bytes of one bulk-OUT transfer (a zero-length one is a ZLP);
//  - host_read() fills one bulk-IN transfer with USB packet semantics: the transfer ends at a
//    short packet, at a ZLP, or when the host's buffer is full. A reply whose length is a multiple
//    of the packet size is followed by a ZLP unless the omit_zlp fault is set, in which case the
//    next container is glued onto the same transfer — as some real devices do.
// Fault injection reproduces what goes wrong with real tablets and cables. Thread-safe.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "mtp/container.h"
#include "mtp/transport.h"

namespace sanaq::sim {

struct ResponderFaults {
    bool omit_zlp = false;                        // never send a ZLP: glue the response to the data
    bool split_headers = false;                   // send each data header as its own short transfer
    std::optional<std::uint64_t> stall_in_at;     // halt bulk-IN once when this many IN bytes were sent
    std::optional<std::uint64_t> stop_at;         // stop answering (host times out) at this IN offset
    std::optional<std::uint64_t> unplug_at;       // vanish at this IN offset
    bool refuse_claim = false;                    // another program holds the interface (umockdev: EBUSY)
};

struct ResponderOptions {
    std::string serial = "SIM-0001";
    std::string manufacturer = "Sanaq";
    std::string model = "Census Tablet (simulated)";
    std::uint16_t vendor_id = 0x18D1;   // as an Android device
    std::uint16_t product_id = 0x4EE1;  // Android MTP
    bool vendor_class = false;          // present the interface as FF/FF/00 named "MTP" (old Android)
    std::size_t max_packet = 512;       // high-speed bulk
    ResponderFaults faults;
};

enum class DeviceStatus { Ok, Nothing, Stall, Unplugged };

struct InTransfer {
    DeviceStatus status = DeviceStatus::Ok;
    std::size_t length = 0;  // bytes placed in the host's buffer (0 with Ok: a ZLP)
};

class MtpResponder {
public:
    MtpResponder(std::filesystem::path root, ResponderOptions options = {});
    ~MtpResponder();

    DeviceStatus host_write(std::string_view bytes);
    InTransfer host_read(char* buffer, std::size_t capacity);
    DeviceStatus clear_halt(mtp::Endpoint endpoint);

    void unplug();
    bool unplugged() const;
    void set_faults(const ResponderFaults& faults);
    const ResponderOptions& options() const { return options_; }
    std::uint64_t in_bytes_sent() const;
    std::uint64_t out_bytes_received() const;
    const std::filesystem::path& root() const { return root_; }

private:
    struct Segment {
        std::string bytes;                 // header (and small payloads)
        std::FILE* file = nullptr;         // object bytes streamed from disk after `bytes`
        std::uint64_t file_left = 0;
        std::uint64_t length = 0;          // bytes.size() + file bytes
        std::uint64_t sent = 0;
        bool ends_transfer = true;         // the device ends its transfer after this segment
    };
    struct PendingData {
        std::uint16_t code = 0;
        std::uint32_t tid = 0;
        std::vector<std::uint32_t> params;
    };

    void handle_out_bytes(std::string_view bytes);
    void handle_command(const mtp::Container& c);
    void finish_data_phase();
    void respond(std::uint16_t code, std::uint32_t tid, std::vector<std::uint32_t> params = {});
    void send_data(std::uint16_t code, std::uint32_t tid, std::string payload);
    void send_file(std::uint16_t code, std::uint32_t tid, const std::filesystem::path& file);
    void push_data_header(std::string header, std::uint64_t payload);
    void close_segment_file(Segment& s);

    std::uint32_t handle_for(const std::filesystem::path& relative);
    std::optional<std::filesystem::path> path_for(std::uint32_t handle) const;  // relative
    std::vector<std::uint32_t> children(std::uint32_t parent);
    std::optional<mtp::ObjectInfo> object_info(std::uint32_t handle);

    mutable std::mutex mutex_;
    std::filesystem::path root_;
    ResponderOptions options_;
    bool session_open_ = false;
    bool unplugged_ = false;
    bool stopped_ = false;
    bool stalled_in_ = false;
    bool stall_done_ = false;
    bool zlp_pending_ = false;
    std::uint64_t in_sent_ = 0;
    std::uint64_t out_received_ = 0;
    std::deque<Segment> in_;
    // OUT side: the container being received
    std::string out_buf_;                  // command containers and small datasets
    std::optional<mtp::ContainerHeader> out_header_;
    std::uint64_t out_data_left_ = 0;
    std::FILE* out_file_ = nullptr;        // SendObject payload streams here
    std::optional<PendingData> awaiting_data_;
    std::optional<std::filesystem::path> announced_file_;  // after SendObjectInfo, before SendObject
    std::uint32_t announced_handle_ = 0;
    // handles
    std::map<std::uint32_t, std::filesystem::path> paths_;
    std::map<std::filesystem::path, std::uint32_t> handles_;
    std::uint32_t next_handle_ = 1;
};

inline constexpr std::uint32_t kSimStorageId = 0x00010001;

}  // namespace sanaq::sim
