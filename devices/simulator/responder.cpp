#include "simulator/responder.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace sanaq::sim {

namespace fs = std::filesystem;
using namespace sanaq::mtp;

MtpResponder::MtpResponder(fs::path root, ResponderOptions options)
    : root_(std::move(root)), options_(std::move(options)) {
    if (options_.max_packet == 0) options_.max_packet = 512;
}

MtpResponder::~MtpResponder() {
    for (auto& s : in_) close_segment_file(s);
    if (out_file_) std::fclose(out_file_);
}

void MtpResponder::close_segment_file(Segment& s) {
    if (s.file) std::fclose(s.file);
    s.file = nullptr;
}

void MtpResponder::unplug() {
    std::lock_guard lock(mutex_);
    unplugged_ = true;
    for (auto& s : in_) close_segment_file(s);
    in_.clear();
}

bool MtpResponder::unplugged() const {
    std::lock_guard lock(mutex_);
    return unplugged_;
}

void MtpResponder::set_faults(const ResponderFaults& faults) {
    std::lock_guard lock(mutex_);
    options_.faults = faults;
    // Offsets count from now, so a test can arm a fault after setting up the session.
    auto rebase = [&](std::optional<std::uint64_t>& at) {
        if (at) *at += in_sent_;
    };
    rebase(options_.faults.stall_in_at);
    rebase(options_.faults.stop_at);
    rebase(options_.faults.unplug_at);
    stall_done_ = false;
    stopped_ = false;
}

std::uint64_t MtpResponder::in_bytes_sent() const {
    std::lock_guard lock(mutex_);
    return in_sent_;
}

std::uint64_t MtpResponder::out_bytes_received() const {
    std::lock_guard lock(mutex_);
    return out_received_;
}

DeviceStatus MtpResponder::clear_halt(Endpoint endpoint) {
    std::lock_guard lock(mutex_);
    if (unplugged_) return DeviceStatus::Unplugged;
    if (endpoint == Endpoint::BulkIn) stalled_in_ = false;
    return DeviceStatus::Ok;
}

// --- IN: device -> host ---------------------------------------------------------------------------

InTransfer MtpResponder::host_read(char* buffer, std::size_t capacity) {
    std::lock_guard lock(mutex_);
    if (unplugged_) return {DeviceStatus::Unplugged, 0};
    if (stalled_in_) return {DeviceStatus::Stall, 0};
    if (stopped_) return {DeviceStatus::Nothing, 0};
    if (zlp_pending_) {
        zlp_pending_ = false;
        return {DeviceStatus::Ok, 0};
    }
    const auto& f = options_.faults;
    const std::size_t mps = options_.max_packet;
    std::size_t got = 0;
    bool ended = false;  // the device ended the transfer (short packet or ZLP)
    while (got < capacity && !in_.empty()) {
        std::uint64_t limit = capacity - got;
        // Faults strike at an exact IN byte offset: deliver up to it, then fail the next transfer.
        struct Strike { std::optional<std::uint64_t> at; int kind; };
        const Strike strikes[] = {{stall_done_ ? std::nullopt : f.stall_in_at, 0}, {f.stop_at, 1}, {f.unplug_at, 2}};
        bool struck = false;
        for (const auto& s : strikes) {
            if (!s.at) continue;
            if (in_sent_ >= *s.at) {
                if (got > 0) { struck = true; break; }
                if (s.kind == 0) {
                    stall_done_ = true;
                    stalled_in_ = true;
                    return {DeviceStatus::Stall, 0};
                }
                if (s.kind == 1) {
                    stopped_ = true;
                    return {DeviceStatus::Nothing, 0};
                }
                unplugged_ = true;
                for (auto& seg : in_) close_segment_file(seg);
                in_.clear();
                return {DeviceStatus::Unplugged, 0};
            }
            limit = std::min<std::uint64_t>(limit, *s.at - in_sent_);
        }
        if (struck) break;
        Segment& s = in_.front();
        std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(limit, s.length - s.sent));
        std::size_t copied = 0;
        if (s.sent < s.bytes.size()) {
            copied = std::min<std::size_t>(n, s.bytes.size() - static_cast<std::size_t>(s.sent));
            std::memcpy(buffer + got, s.bytes.data() + s.sent, copied);
        }
        if (copied < n && s.file) {
            const std::size_t want = n - copied;
            const std::size_t r = std::fread(buffer + got + copied, 1, want, s.file);
            if (r < want) std::memset(buffer + got + copied + r, 0, want - r);  // file shrank: pad
            s.file_left -= std::min<std::uint64_t>(s.file_left, want);
        }
        got += n;
        s.sent += n;
        in_sent_ += n;
        if (s.sent == s.length) {
            const bool short_end = s.length % mps != 0;
            const bool ends = s.ends_transfer;
            close_segment_file(s);
            in_.pop_front();
            if (ends) {
                if (short_end) {  // a short packet ends the host's transfer
                    ended = true;
                    break;
                }
                if (!f.omit_zlp) {
                    if (got == capacity) zlp_pending_ = true;  // the ZLP becomes a transfer of its own
                    ended = true;
                    break;
                }
                // No ZLP: the host keeps reading into the next container (glued response).
            }
        }
    }
    if (got == 0 && !ended) return {DeviceStatus::Nothing, 0};
    return {DeviceStatus::Ok, got};
}

void MtpResponder::push_data_header(std::string header, std::uint64_t payload) {
    (void)payload;
    Segment s;
    s.bytes = std::move(header);
    s.length = s.bytes.size();
    s.ends_transfer = true;
    in_.push_back(std::move(s));
}

void MtpResponder::send_data(std::uint16_t code, std::uint32_t tid, std::string payload) {
    std::string header = encode_data_header(code, tid, payload.size());
    Segment s;
    if (options_.faults.split_headers) {
        push_data_header(std::move(header), payload.size());
        if (payload.empty()) return;
        s.bytes = std::move(payload);
    } else {
        s.bytes = std::move(header);
        s.bytes += payload;
    }
    s.length = s.bytes.size();
    in_.push_back(std::move(s));
}

void MtpResponder::send_file(std::uint16_t code, std::uint32_t tid, const fs::path& file) {
    std::error_code ec;
    const std::uint64_t size = fs::file_size(file, ec);
    std::FILE* f = ec ? nullptr : std::fopen(file.c_str(), "rb");
    if (!f) {
        respond(rc::GeneralError, tid);
        return;
    }
    std::string header = encode_data_header(code, tid, size);
    Segment s;
    if (options_.faults.split_headers) {
        push_data_header(std::move(header), size);
        if (size == 0) {
            std::fclose(f);
            return;
        }
    } else {
        s.bytes = std::move(header);
    }
    s.file = f;
    s.file_left = size;
    s.length = s.bytes.size() + size;
    in_.push_back(std::move(s));
}

void MtpResponder::respond(std::uint16_t code, std::uint32_t tid, std::vector<std::uint32_t> params) {
    Segment s;
    s.bytes = encode_container({ContainerType::Response, code, tid, std::move(params)});
    s.length = s.bytes.size();
    in_.push_back(std::move(s));
}

// --- OUT: host -> device ------------------------------------------------------------------------------

DeviceStatus MtpResponder::host_write(std::string_view bytes) {
    std::lock_guard lock(mutex_);
    if (unplugged_) return DeviceStatus::Unplugged;
    if (stopped_) return DeviceStatus::Nothing;
    out_received_ += bytes.size();
    handle_out_bytes(bytes);  // a ZLP (empty write) ends a transfer and carries nothing
    return DeviceStatus::Ok;
}

void MtpResponder::handle_out_bytes(std::string_view b) {
    while (!b.empty()) {
        if (!out_header_) {
            const std::size_t take = std::min(kHeaderSize - out_buf_.size(), b.size());
            out_buf_.append(b.substr(0, take));
            b.remove_prefix(take);
            if (out_buf_.size() < kHeaderSize) return;
            auto h = decode_header(out_buf_);
            if (!h) {  // garbage: drop it, as a confused device would
                out_buf_.clear();
                continue;
            }
            out_header_ = *h;
            if (h->type == ContainerType::Data) {
                out_buf_.clear();
                out_data_left_ = h->length - kHeaderSize;
                if (awaiting_data_ && awaiting_data_->code == op::SendObject && announced_file_) {
                    out_file_ = std::fopen((root_ / *announced_file_).c_str(), "wb");
                }
                if (out_data_left_ == 0) finish_data_phase();
                continue;
            }
        }
        if (out_header_->type == ContainerType::Data) {
            const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(out_data_left_, b.size()));
            if (out_file_) {
                std::fwrite(b.data(), 1, take, out_file_);
            } else if (out_buf_.size() < (1u << 20)) {
                out_buf_.append(b.substr(0, take));
            }
            b.remove_prefix(take);
            out_data_left_ -= take;
            if (out_data_left_ == 0) finish_data_phase();
            continue;
        }
        const std::size_t need = out_header_->length - out_buf_.size();
        const std::size_t take = std::min(need, b.size());
        out_buf_.append(b.substr(0, take));
        b.remove_prefix(take);
        if (out_buf_.size() == out_header_->length) {
            auto c = decode_container(out_buf_);
            out_buf_.clear();
            out_header_.reset();
            if (c && c->type == ContainerType::Command) handle_command(*c);
        }
    }
    // A command container of exactly 12 bytes is complete as soon as its header is.
    if (out_header_ && out_header_->type == ContainerType::Command && out_buf_.size() == out_header_->length) {
        auto c = decode_container(out_buf_);
        out_buf_.clear();
        out_header_.reset();
        if (c) handle_command(*c);
    }
}

void MtpResponder::finish_data_phase() {
    out_header_.reset();
    auto pending = awaiting_data_;
    awaiting_data_.reset();
    std::string payload = std::move(out_buf_);
    out_buf_.clear();
    if (!pending) return;
    if (pending->code == op::SendObject) {
        if (!out_file_) {
            respond(rc::NoValidObjectInfo, pending->tid);
            return;
        }
        std::fclose(out_file_);
        out_file_ = nullptr;
        announced_file_.reset();
        respond(rc::OK, pending->tid);
        return;
    }
    // SendObjectInfo
    auto info = decode_object_info(payload);
    const std::uint32_t parent = pending->params.size() > 1 ? pending->params[1] : 0;
    if (!info || info->filename.empty() || info->filename.find('/') != std::string::npos ||
        info->filename == "." || info->filename == "..") {
        respond(rc::InvalidParameter, pending->tid);
        return;
    }
    fs::path parent_rel;
    if (parent != kRootParent && parent != 0) {
        auto p = path_for(parent);
        if (!p || !fs::is_directory(root_ / *p)) {
            respond(rc::InvalidParentObject, pending->tid);
            return;
        }
        parent_rel = *p;
    }
    const fs::path rel = parent_rel / fs::u8path(info->filename);
    if (info->is_folder()) {
        std::error_code ec;
        fs::create_directory(root_ / rel, ec);
        if (ec) {
            respond(rc::AccessDenied, pending->tid);
            return;
        }
        announced_file_.reset();
    } else {
        announced_file_ = rel;
    }
    const std::uint32_t handle = handle_for(rel);
    respond(rc::OK, pending->tid, {kSimStorageId, parent, handle});
}

void MtpResponder::handle_command(const Container& c) {
    const auto p = [&](std::size_t i) { return i < c.params.size() ? c.params[i] : 0u; };
    switch (c.code) {
        case op::GetDeviceInfo: {
            DeviceInfo info;
            info.operations = {op::GetDeviceInfo,  op::OpenSession,   op::CloseSession,
                               op::GetStorageIDs,  op::GetObjectHandles, op::GetObjectInfo,
                               op::GetObject,      op::DeleteObject,  op::SendObjectInfo,
                               op::SendObject};
            info.playback_formats = {format::Undefined, format::Association};
            info.capture_formats = {format::Undefined, format::Association};
            info.manufacturer = options_.manufacturer;
            info.model = options_.model;
            info.device_version = "1.0";
            info.serial_number = options_.serial;
            send_data(c.code, c.transaction_id, encode_device_info(info));
            respond(rc::OK, c.transaction_id);
            return;
        }
        case op::OpenSession:
            if (session_open_) {
                respond(rc::SessionAlreadyOpen, c.transaction_id, {p(0)});
                return;
            }
            session_open_ = true;
            respond(rc::OK, c.transaction_id);
            return;
        case op::CloseSession:
            session_open_ = false;
            respond(rc::OK, c.transaction_id);
            return;
        default: break;
    }
    if (!session_open_) {
        respond(rc::SessionNotOpen, c.transaction_id);
        return;
    }
    switch (c.code) {
        case op::GetStorageIDs:
            send_data(c.code, c.transaction_id, encode_u32_array({kSimStorageId}));
            respond(rc::OK, c.transaction_id);
            return;
        case op::GetObjectHandles: {
            if (p(0) != kSimStorageId && p(0) != kAllStorages) {
                respond(rc::InvalidStorageID, c.transaction_id);
                return;
            }
            const std::uint32_t parent = c.params.size() > 2 ? p(2) : 0;
            if (parent != 0 && parent != kRootParent) {
                auto path = path_for(parent);
                if (!path || !fs::is_directory(root_ / *path)) {
                    respond(rc::InvalidParentObject, c.transaction_id);
                    return;
                }
            }
            send_data(c.code, c.transaction_id, encode_u32_array(children(parent)));
            respond(rc::OK, c.transaction_id);
            return;
        }
        case op::GetObjectInfo: {
            auto info = object_info(p(0));
            if (!info) {
                respond(rc::InvalidObjectHandle, c.transaction_id);
                return;
            }
            send_data(c.code, c.transaction_id, encode_object_info(*info));
            respond(rc::OK, c.transaction_id);
            return;
        }
        case op::GetObject: {
            auto path = path_for(p(0));
            if (!path || !fs::is_regular_file(root_ / *path)) {
                respond(rc::InvalidObjectHandle, c.transaction_id);
                return;
            }
            send_file(c.code, c.transaction_id, root_ / *path);
            respond(rc::OK, c.transaction_id);
            return;
        }
        case op::DeleteObject: {
            auto path = path_for(p(0));
            if (!path) {
                respond(rc::InvalidObjectHandle, c.transaction_id);
                return;
            }
            std::error_code ec;
            fs::remove(root_ / *path, ec);  // a non-empty folder is refused, as on Android
            if (ec) {
                respond(rc::AccessDenied, c.transaction_id);
                return;
            }
            handles_.erase(*path);
            paths_.erase(p(0));
            respond(rc::OK, c.transaction_id);
            return;
        }
        case op::SendObjectInfo:
        case op::SendObject:
            awaiting_data_ = PendingData{c.code, c.transaction_id, c.params};
            return;  // the response follows the data phase
        default:
            respond(rc::OperationNotSupported, c.transaction_id);
            return;
    }
}

// --- objects --------------------------------------------------------------------------------------

std::uint32_t MtpResponder::handle_for(const fs::path& relative) {
    if (auto it = handles_.find(relative); it != handles_.end()) return it->second;
    const std::uint32_t h = next_handle_++;
    handles_[relative] = h;
    paths_[h] = relative;
    return h;
}

std::optional<fs::path> MtpResponder::path_for(std::uint32_t handle) const {
    auto it = paths_.find(handle);
    if (it == paths_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::uint32_t> MtpResponder::children(std::uint32_t parent) {
    std::vector<std::uint32_t> out;
    std::error_code ec;
    if (parent == 0) {  // every object of the storage
        std::set<fs::path> all;
        for (fs::recursive_directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec))
            all.insert(fs::relative(it->path(), root_));
        for (const auto& rel : all) out.push_back(handle_for(rel));
        return out;
    }
    fs::path rel;
    if (parent != kRootParent) rel = *path_for(parent);
    std::set<fs::path> names;
    for (fs::directory_iterator it(root_ / rel, ec), end; !ec && it != end; it.increment(ec))
        names.insert(it->path().filename());
    for (const auto& name : names) out.push_back(handle_for(rel / name));
    return out;
}

std::optional<ObjectInfo> MtpResponder::object_info(std::uint32_t handle) {
    auto rel = path_for(handle);
    if (!rel) return std::nullopt;
    const fs::path full = root_ / *rel;
    std::error_code ec;
    auto status = fs::status(full, ec);
    if (ec || !fs::exists(status)) return std::nullopt;
    ObjectInfo info;
    info.storage_id = kSimStorageId;
    info.filename = rel->filename().string();
    const fs::path parent_rel = rel->parent_path();
    info.parent = parent_rel.empty() ? 0 : handle_for(parent_rel);
    if (fs::is_directory(status)) {
        info.format = format::Association;
        info.association_type = kAssociationGenericFolder;
    } else {
        const auto size = fs::file_size(full, ec);
        info.compressed_size = size > 0xFFFFFFFEull ? 0xFFFFFFFFu : static_cast<std::uint32_t>(size);
    }
    return info;
}

}  // namespace sanaq::sim
