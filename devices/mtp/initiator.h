#pragma once
// The host side of MTP over a BulkTransport: one transaction at a time
// (command → optional data phase → response), with the USB quirks handled here so that every
// transport gets them right:
//  - a write whose length is a multiple of the packet size is followed by a zero-length packet;
//  - a zero-length read where a container was expected is the device's trailing ZLP, skipped;
//  - a device that omits its ZLP glues the response container to the end of the data phase:
//    bytes read past a container's length are kept for the next container;
//  - a header may arrive alone (a short 12-byte transfer) with its data in the next reads;
//  - a stalled endpoint is cleared (CLEAR_FEATURE ENDPOINT_HALT) and the transfer retried;
//  - a timeout or an unplug at any byte ends the transaction with DeviceUnavailable, and the
//    initiator refuses further work (the protocol state is unknown: re-plug and start again).
// Objects stream through one fixed receive buffer to a ByteSink: never held whole in memory.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/ports/tablet.h"
#include "mtp/container.h"
#include "mtp/transport.h"

namespace sanaq::mtp {

struct InitiatorOptions {
    unsigned timeout_ms = 5000;          // per USB transfer
    std::size_t chunk_bytes = 1 << 20;   // receive buffer and write piece size (rounded to packets)
    int stall_retries = 2;               // clear-halt-and-retry attempts per transaction
    std::size_t drain_limit = 4 << 20;   // a cancelled GetObject reads out at most this much to stay in sync
};

/// Bytes of the current object received so far and its size from the data header.
using TransferProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

class MtpInitiator {
public:
    explicit MtpInitiator(BulkTransport& transport, InitiatorOptions options = {});

    Result<DeviceInfo> get_device_info();
    Status open_session(std::uint32_t session_id = 1);
    Status close_session();
    bool session_open() const { return session_open_; }

    Result<std::vector<std::uint32_t>> get_storage_ids();
    /// Handles of the objects directly under `parent` (kRootParent: the storage root).
    Result<std::vector<std::uint32_t>> get_object_handles(std::uint32_t storage, std::uint32_t parent,
                                                          std::uint16_t format = 0);
    Result<ObjectInfo> get_object_info(std::uint32_t handle);
    /// Streams the object to `sink`; a sink error stops the transfer and is returned as is.
    Status get_object(std::uint32_t handle, const ByteSink& sink, const TransferProgress& progress = {});
    /// Announces an object (a file, or a folder when info.format is Association) under `parent`;
    /// returns the handle the device gave it. A file's bytes follow with send_object().
    Result<std::uint32_t> send_object_info(std::uint32_t storage, std::uint32_t parent, const ObjectInfo& info);
    Status send_object(std::string_view bytes);
    Status delete_object(std::uint32_t handle);

    /// True after a transport failure or a protocol violation: nothing more will be attempted.
    bool broken() const { return broken_; }

private:
    struct DataIn {
        const ByteSink* sink = nullptr;            // large data: streamed
        std::string* buffer = nullptr;             // small datasets: collected
        const TransferProgress* progress = nullptr;
    };
    Result<Container> transact(std::uint16_t code, const std::vector<std::uint32_t>& params,
                               std::string_view data_out, bool has_data_out, DataIn data_in);
    Status write_transfer(std::string_view bytes, bool end_of_transfer);
    Status send_data_phase(std::uint16_t code, std::uint32_t tid, std::string_view payload);
    Result<std::size_t> fill_once();  // reads one transfer into the receive buffer
    Result<ContainerHeader> next_header();
    Status receive_payload(std::uint64_t length, DataIn data_in, std::uint16_t code);
    Result<Container> receive_response(const ContainerHeader& header);
    std::unexpected<Error> transport_failure(const TransferError& e, std::string_view doing);
    std::unexpected<Error> protocol_failure(std::string detail);
    Status refuse_if_broken() const;

    BulkTransport& transport_;
    InitiatorOptions options_;
    std::size_t packet_ = 512;
    std::vector<char> rx_;       // one receive buffer, reused for every read
    std::size_t rx_begin_ = 0;   // unread bytes are rx_[rx_begin_, rx_end_)
    std::size_t rx_end_ = 0;
    std::uint32_t next_tid_ = 1;
    bool session_open_ = false;
    bool broken_ = false;
    int stalls_left_ = 0;
    std::string doing_;          // the current operation, for messages
    std::optional<Error> sink_error_;  // the sink stopped the current GetObject
};

/// "GetObject", "SendObject", ... for messages; "0x1234" for codes we do not name.
std::string operation_name(std::uint16_t code);

}  // namespace sanaq::mtp
