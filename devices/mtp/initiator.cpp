#include "mtp/initiator.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include <fmt/format.h>

namespace sanaq::mtp {
namespace {

constexpr std::size_t kMaxDataset = 16u << 20;  // a dataset (not an object) larger than this is nonsense
constexpr int kMaxStrayZlps = 4;

std::string hex16(std::uint16_t v) { return fmt::format("0x{:04X}", v); }

}  // namespace

std::string operation_name(std::uint16_t code) {
    switch (code) {
        case op::GetDeviceInfo: return "GetDeviceInfo";
        case op::OpenSession: return "OpenSession";
        case op::CloseSession: return "CloseSession";
        case op::GetStorageIDs: return "GetStorageIDs";
        case op::GetObjectHandles: return "GetObjectHandles";
        case op::GetObjectInfo: return "GetObjectInfo";
        case op::GetObject: return "GetObject";
        case op::DeleteObject: return "DeleteObject";
        case op::SendObjectInfo: return "SendObjectInfo";
        case op::SendObject: return "SendObject";
        default: return hex16(code);
    }
}

MtpInitiator::MtpInitiator(BulkTransport& transport, InitiatorOptions options)
    : transport_(transport), options_(options) {
    packet_ = transport_.max_packet_size() ? transport_.max_packet_size() : 512;
    std::size_t chunk = options_.chunk_bytes / packet_ * packet_;
    options_.chunk_bytes = std::max(chunk, 4 * packet_);
    rx_.resize(options_.chunk_bytes);
}

Status MtpInitiator::refuse_if_broken() const {
    if (!broken_) return {};
    return fail(ErrorCode::DeviceUnavailable,
                N_("The connection to the tablet was interrupted earlier. Unplug the tablet, plug it in "
                   "again and repeat the pull."));
}

std::unexpected<Error> MtpInitiator::transport_failure(const TransferError& e, std::string_view doing) {
    broken_ = true;
    session_open_ = false;
    std::string detail = fmt::format("{} during {}", e.detail, doing);
    switch (e.kind) {
        case TransferErrorKind::Unplugged:
            return fail(ErrorCode::DeviceUnavailable,
                        N_("The tablet was disconnected in the middle of a transfer. Plug it in again, "
                           "unlock it and repeat the pull."),
                        {}, detail);
        case TransferErrorKind::Timeout:
            return fail(ErrorCode::DeviceUnavailable,
                        N_("The tablet stopped answering. Make sure it is switched on and unlocked and "
                           "the cable is firmly in, then unplug it, plug it in again and repeat the pull."),
                        {}, detail);
        case TransferErrorKind::Stall:
            return fail(ErrorCode::DeviceUnavailable,
                        N_("The tablet kept refusing the transfer (its USB endpoint stalled). Unplug it, "
                           "plug it in again and repeat the pull."),
                        {}, detail);
        case TransferErrorKind::Other: break;
    }
    return fail(ErrorCode::DeviceUnavailable,
                N_("The USB transfer with the tablet failed. Try another cable or USB port, plug the "
                   "tablet in again and repeat the pull."),
                {}, detail);
}

std::unexpected<Error> MtpInitiator::protocol_failure(std::string detail) {
    broken_ = true;
    session_open_ = false;
    return fail(ErrorCode::DeviceUnavailable,
                N_("The tablet sent a reply that does not follow the MTP protocol. Unplug it, plug it "
                   "in again and repeat the pull; if it happens again, restart the tablet."),
                {}, fmt::format("{} (during {})", detail, doing_));
}

Status MtpInitiator::write_transfer(std::string_view bytes, bool end_of_transfer) {
    for (;;) {
        auto w = transport_.write(bytes, options_.timeout_ms);
        if (w) break;
        if (w.error().kind == TransferErrorKind::Stall && stalls_left_-- > 0) {
            if (auto c = transport_.clear_halt(Endpoint::BulkOut); !c) return transport_failure(c.error(), doing_);
            continue;
        }
        return transport_failure(w.error(), doing_);
    }
    // A transfer that fills its last packet exactly needs a ZLP, or the device keeps waiting.
    if (end_of_transfer && !bytes.empty() && bytes.size() % packet_ == 0) return write_transfer({}, false);
    return {};
}

Status MtpInitiator::send_data_phase(std::uint16_t code, std::uint32_t tid, std::string_view payload) {
    // Pieces are whole multiples of the packet size except the last, so the device sees one transfer.
    const std::size_t chunk = options_.chunk_bytes;
    std::string first = encode_data_header(code, tid, payload.size());
    const std::size_t take = std::min(payload.size(), chunk - kHeaderSize);
    first.append(payload.substr(0, take));
    std::size_t offset = take;
    const bool single = offset == payload.size();
    SANAQ_TRY(write_transfer(first, single));
    while (offset < payload.size()) {
        const std::size_t n = std::min(chunk, payload.size() - offset);
        const bool last = offset + n == payload.size();
        SANAQ_TRY(write_transfer(payload.substr(offset, n), last));
        offset += n;
    }
    return {};
}

Result<std::size_t> MtpInitiator::fill_once() {
    if (rx_begin_ == rx_end_) rx_begin_ = rx_end_ = 0;
    std::size_t space = (rx_.size() - rx_end_) / packet_ * packet_;
    if (space < packet_) {
        std::memmove(rx_.data(), rx_.data() + rx_begin_, rx_end_ - rx_begin_);
        rx_end_ -= rx_begin_;
        rx_begin_ = 0;
        space = (rx_.size() - rx_end_) / packet_ * packet_;
    }
    for (;;) {
        auto r = transport_.read(rx_.data() + rx_end_, space, options_.timeout_ms);
        if (r) {
            rx_end_ += *r;
            return *r;
        }
        if (r.error().kind == TransferErrorKind::Stall && stalls_left_-- > 0) {
            if (auto c = transport_.clear_halt(Endpoint::BulkIn); !c) return transport_failure(c.error(), doing_);
            continue;
        }
        return transport_failure(r.error(), doing_);
    }
}

Result<ContainerHeader> MtpInitiator::next_header() {
    int zlps = 0;
    while (rx_end_ - rx_begin_ < kHeaderSize) {
        auto n = fill_once();
        SANAQ_TRY(n);
        // A zero-length read here is the ZLP that ended the previous data phase.
        if (*n == 0 && ++zlps > kMaxStrayZlps) return protocol_failure("zero-length packets instead of a container");
    }
    auto h = decode_header({rx_.data() + rx_begin_, kHeaderSize});
    if (!h) return protocol_failure(h.error().what);
    return *h;
}

Status MtpInitiator::receive_payload(std::uint64_t length, DataIn data_in, std::uint16_t) {
    std::uint64_t remaining = length;
    std::uint64_t done = 0;
    int zlps = 0;
    if (data_in.buffer && length > kMaxDataset) return protocol_failure("dataset of " + std::to_string(length) + " bytes");
    if (data_in.buffer) data_in.buffer->reserve(static_cast<std::size_t>(length));
    while (remaining > 0) {
        if (rx_begin_ == rx_end_) {
            auto n = fill_once();
            SANAQ_TRY(n);
            if (*n == 0 && ++zlps > kMaxStrayZlps) return protocol_failure("zero-length packets inside a data phase");
            continue;
        }
        const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, rx_end_ - rx_begin_));
        const std::string_view piece(rx_.data() + rx_begin_, take);
        rx_begin_ += take;
        remaining -= take;
        done += take;
        if (sink_error_) continue;  // draining after a cancel
        if (data_in.buffer) {
            data_in.buffer->append(piece);
        } else if (data_in.sink) {
            if (auto s = (*data_in.sink)(piece); !s) {
                sink_error_ = s.error();
                if (remaining > options_.drain_limit) {
                    // Too much left to read out: give up the connection instead of making the
                    // person wait; the next pull starts a new session.
                    broken_ = true;
                    session_open_ = false;
                    return {};
                }
                continue;
            }
        }
        if (data_in.progress && *data_in.progress) (*data_in.progress)(done, length);
    }
    return {};
}

Result<Container> MtpInitiator::receive_response(const ContainerHeader& header) {
    if (header.length > kHeaderSize + 4 * kMaxParams)
        return protocol_failure("response container of " + std::to_string(header.length) + " bytes");
    int zlps = 0;
    while (rx_end_ - rx_begin_ < header.length) {
        auto n = fill_once();
        SANAQ_TRY(n);
        if (*n == 0 && ++zlps > kMaxStrayZlps) return protocol_failure("zero-length packets inside a response");
    }
    auto c = decode_container({rx_.data() + rx_begin_, header.length});
    if (!c) return protocol_failure(c.error().what);
    rx_begin_ += header.length;
    return *c;
}

Result<Container> MtpInitiator::transact(std::uint16_t code, const std::vector<std::uint32_t>& params,
                                         std::string_view data_out, bool has_data_out, DataIn data_in) {
    SANAQ_TRY(refuse_if_broken());
    const std::string name = operation_name(code);
    doing_ = name;
    stalls_left_ = options_.stall_retries;
    sink_error_.reset();
    std::uint32_t tid = 0;
    if (code == op::OpenSession) {
        next_tid_ = 1;  // OpenSession carries transaction id 0; the session's first is 1
    } else if (session_open_) {
        tid = next_tid_++;
    }
    SANAQ_TRY(write_transfer(encode_container({ContainerType::Command, code, tid, params}), true));
    if (has_data_out) {
        SANAQ_TRY(send_data_phase(code, tid, data_out));
    }
    auto h = next_header();
    SANAQ_TRY(h);
    if (h->type == ContainerType::Data) {
        if (!data_in.sink && !data_in.buffer) return protocol_failure("a data phase the operation does not have");
        if (h->transaction_id != tid || h->code != code)
            return protocol_failure(fmt::format("data container for {} transaction {}", operation_name(h->code),
                                                h->transaction_id));
        if (h->length == 0xFFFFFFFFu) return protocol_failure("objects of 4 GiB or more are not supported");
        rx_begin_ += kHeaderSize;
        SANAQ_TRY(receive_payload(h->length - kHeaderSize, data_in, code));
        if (broken_) return std::unexpected(*sink_error_);  // cancelled with too much left to drain
        h = next_header();
        SANAQ_TRY(h);
    }
    if (h->type != ContainerType::Response)
        return protocol_failure(fmt::format("container type {} where the response was expected",
                                            static_cast<int>(h->type)));
    auto response = receive_response(*h);
    if (!response) return response;
    if (response->transaction_id != tid)
        return protocol_failure(fmt::format("response to transaction {} while {} was running",
                                            response->transaction_id, tid));
    if (sink_error_) return std::unexpected(*sink_error_);
    return response;
}

namespace {

Status check_response(const Container& r, std::uint16_t code) {
    switch (r.code) {
        case rc::OK: return {};
        case rc::StoreFull:
            return fail(ErrorCode::Io,
                        N_("The tablet's storage is full, so nothing could be written to it. Free some "
                           "space on the tablet and pull again."));
        case rc::DeviceBusy:
            return fail(ErrorCode::DeviceBusy, N_("The tablet is busy. Wait a moment and pull again."));
        case rc::InvalidObjectHandle:
            return fail(ErrorCode::NotFound,
                        N_("A file disappeared from the tablet while it was being read. Pull again."), {},
                        operation_name(code));
        case rc::AccessDenied:
            return fail(ErrorCode::Io,
                        N_("The tablet refused access to its storage. Unlock the tablet, choose \"File "
                           "transfer\" in its USB notification and pull again."),
                        {}, operation_name(code));
        default: break;
    }
    return fail(ErrorCode::Io,
                N_("The tablet answered {} with MTP error {}. Pull again; if it happens again, restart "
                   "the tablet."),
                {operation_name(code), hex16(r.code)});
}

}  // namespace

Result<DeviceInfo> MtpInitiator::get_device_info() {
    std::string data;
    auto r = transact(op::GetDeviceInfo, {}, {}, false, {nullptr, &data, nullptr});
    SANAQ_TRY(r);
    SANAQ_TRY(check_response(*r, op::GetDeviceInfo));
    auto info = decode_device_info(data);
    if (!info) return protocol_failure(info.error().what);
    return *info;
}

Status MtpInitiator::open_session(std::uint32_t session_id) {
    auto r = transact(op::OpenSession, {session_id}, {}, false, {});
    SANAQ_TRY(r);
    if (r->code != rc::SessionAlreadyOpen) {
        SANAQ_TRY(check_response(*r, op::OpenSession));
    }
    session_open_ = true;
    return {};
}

Status MtpInitiator::close_session() {
    if (!session_open_) return {};
    auto r = transact(op::CloseSession, {}, {}, false, {});
    session_open_ = false;
    SANAQ_TRY(r);
    return check_response(*r, op::CloseSession);
}

Result<std::vector<std::uint32_t>> MtpInitiator::get_storage_ids() {
    std::string data;
    auto r = transact(op::GetStorageIDs, {}, {}, false, {nullptr, &data, nullptr});
    SANAQ_TRY(r);
    SANAQ_TRY(check_response(*r, op::GetStorageIDs));
    auto ids = decode_u32_array(data);
    if (!ids) return protocol_failure(ids.error().what);
    return *ids;
}

Result<std::vector<std::uint32_t>> MtpInitiator::get_object_handles(std::uint32_t storage, std::uint32_t parent,
                                                                    std::uint16_t format) {
    std::string data;
    auto r = transact(op::GetObjectHandles, {storage, format, parent}, {}, false, {nullptr, &data, nullptr});
    SANAQ_TRY(r);
    SANAQ_TRY(check_response(*r, op::GetObjectHandles));
    auto ids = decode_u32_array(data);
    if (!ids) return protocol_failure(ids.error().what);
    return *ids;
}

Result<ObjectInfo> MtpInitiator::get_object_info(std::uint32_t handle) {
    std::string data;
    auto r = transact(op::GetObjectInfo, {handle}, {}, false, {nullptr, &data, nullptr});
    SANAQ_TRY(r);
    SANAQ_TRY(check_response(*r, op::GetObjectInfo));
    auto info = decode_object_info(data);
    if (!info) return protocol_failure(info.error().what);
    return *info;
}

Status MtpInitiator::get_object(std::uint32_t handle, const ByteSink& sink, const TransferProgress& progress) {
    auto r = transact(op::GetObject, {handle}, {}, false, {&sink, nullptr, &progress});
    SANAQ_TRY(r);
    return check_response(*r, op::GetObject);
}

Result<std::uint32_t> MtpInitiator::send_object_info(std::uint32_t storage, std::uint32_t parent,
                                                     const ObjectInfo& info) {
    const std::string dataset = encode_object_info(info);
    auto r = transact(op::SendObjectInfo, {storage, parent}, dataset, true, {});
    SANAQ_TRY(r);
    SANAQ_TRY(check_response(*r, op::SendObjectInfo));
    if (r->params.size() < 3) return protocol_failure("SendObjectInfo response without the new object's handle");
    return r->params[2];
}

Status MtpInitiator::send_object(std::string_view bytes) {
    auto r = transact(op::SendObject, {}, bytes, true, {});
    SANAQ_TRY(r);
    return check_response(*r, op::SendObject);
}

Status MtpInitiator::delete_object(std::uint32_t handle) {
    auto r = transact(op::DeleteObject, {handle, 0}, {}, false, {});
    SANAQ_TRY(r);
    return check_response(*r, op::DeleteObject);
}

}  // namespace sanaq::mtp
