#include "mtp/mtp_tablet_storage.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace sanaq::mtp {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        auto slash = path.find('/');
        auto part = path.substr(0, slash);
        if (!part.empty()) parts.push_back(part);
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return parts;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string format_object_ref(std::uint32_t storage, std::uint32_t handle) {
    return fmt::format("{:08x}/{:08x}", storage, handle);
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_object_ref(std::string_view ref) {
    if (ref.size() != 17 || ref[8] != '/') return std::nullopt;
    std::uint32_t storage = 0, handle = 0;
    auto a = std::from_chars(ref.data(), ref.data() + 8, storage, 16);
    auto b = std::from_chars(ref.data() + 9, ref.data() + 17, handle, 16);
    if (a.ec != std::errc{} || a.ptr != ref.data() + 8 || b.ec != std::errc{} || b.ptr != ref.data() + 17)
        return std::nullopt;
    return std::pair{storage, handle};
}

MtpTabletStorage::MtpTabletStorage(std::unique_ptr<BulkTransport> transport, std::string usb_serial,
                                   std::string description, InitiatorOptions options)
    : transport_(std::move(transport)),
      initiator_(*transport_, options),
      serial_(std::move(usb_serial)),
      description_(std::move(description)) {}

MtpTabletStorage::~MtpTabletStorage() {
    if (initiator_.session_open() && !initiator_.broken()) (void)initiator_.close_session();
}

Status MtpTabletStorage::ensure_session() {
    if (initiator_.session_open()) return {};
    if (initiator_.broken()) {
        return fail(ErrorCode::DeviceUnavailable,
                    N_("The connection to the tablet was interrupted earlier. Unplug the tablet, plug it "
                       "in again and repeat the pull."));
    }
    folders_.clear();
    root_.reset();
    auto info = initiator_.get_device_info();
    SANAQ_TRY(info);
    device_info_ = *info;
    return initiator_.open_session(1);
}

Result<DeviceInfo> MtpTabletStorage::device_info() {
    SANAQ_TRY(ensure_session());
    return *device_info_;
}

Result<std::optional<MtpTabletStorage::Location>> MtpTabletStorage::find_child(const Location& parent,
                                                                               std::string_view name) {
    auto handles = initiator_.get_object_handles(parent.storage, parent.handle);
    SANAQ_TRY(handles);
    for (auto h : *handles) {
        auto info = initiator_.get_object_info(h);
        if (!info) {
            if (info.error().code == ErrorCode::NotFound) continue;  // vanished meanwhile
            return std::unexpected(info.error());
        }
        if (info->filename == name) return Location{parent.storage, h};
    }
    return std::optional<Location>{};
}

Result<std::optional<MtpTabletStorage::Location>> MtpTabletStorage::find_sanaq_storage_root() {
    if (root_) return root_;
    auto storages = initiator_.get_storage_ids();
    SANAQ_TRY(storages);
    if (storages->empty()) {
        return fail(ErrorCode::DeviceUnavailable,
                    N_("The tablet shows no storage over USB. Unlock the tablet, choose \"File transfer\" "
                       "in its USB notification and pull again."));
    }
    // The storage that holds Documents/Sanaq; the first one (internal shared storage) otherwise.
    for (auto id : *storages) {
        Location here{id, kRootParent};
        for (auto name : split_path(kSanaqFolder)) {
            auto child = find_child(here, name);
            SANAQ_TRY(child);
            if (!*child) { here.handle = 0; break; }
            here = **child;
        }
        if (here.handle != 0) {
            root_ = Location{id, kRootParent};
            folders_[kSanaqFolder] = here;
            return root_;
        }
    }
    root_ = Location{storages->front(), kRootParent};
    return root_;
}

Result<std::optional<MtpTabletStorage::Location>> MtpTabletStorage::find_path(std::string_view path,
                                                                              bool create_folders) {
    SANAQ_TRY(ensure_session());
    auto root = find_sanaq_storage_root();
    SANAQ_TRY(root);
    Location here = **root;
    std::string so_far;
    for (auto name : split_path(path)) {
        so_far += so_far.empty() ? std::string(name) : "/" + std::string(name);
        if (auto it = folders_.find(so_far); it != folders_.end()) {
            here = it->second;
            continue;
        }
        auto child = find_child(here, name);
        SANAQ_TRY(child);
        if (!*child) {
            if (!create_folders) return std::optional<Location>{};
            ObjectInfo folder;
            folder.storage_id = here.storage;
            folder.format = format::Association;
            folder.association_type = kAssociationGenericFolder;
            folder.parent = here.handle == kRootParent ? 0 : here.handle;
            folder.filename = std::string(name);
            auto handle = initiator_.send_object_info(here.storage, here.handle, folder);
            SANAQ_TRY(handle);
            *child = Location{here.storage, *handle};
        }
        here = **child;
        folders_[so_far] = here;
    }
    return std::optional<Location>{here};
}

Result<std::vector<TabletFile>> MtpTabletStorage::list_outbox() {
    auto outbox = find_path(kOutboxFolder, false);
    SANAQ_TRY(outbox);
    std::vector<TabletFile> files;
    if (!*outbox) return files;
    auto handles = initiator_.get_object_handles((*outbox)->storage, (*outbox)->handle);
    SANAQ_TRY(handles);
    for (auto h : *handles) {
        auto info = initiator_.get_object_info(h);
        if (!info) {
            if (info.error().code == ErrorCode::NotFound) continue;
            return std::unexpected(info.error());
        }
        if (info->is_folder() || !ends_with(info->filename, kPackageSuffix)) continue;
        files.push_back({info->filename, info->compressed_size, format_object_ref((*outbox)->storage, h)});
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return files;
}

Result<std::string> MtpTabletStorage::read_device_key() {
    auto key = find_path(kDeviceKeyFile, false);
    SANAQ_TRY(key);
    if (!*key) {
        return fail(ErrorCode::NotFound,
                    N_("The tablet has no device key file ({}). Open the census app on the tablet once so "
                       "that it creates its key, then try again."),
                    {kDeviceKeyFile});
    }
    std::string pem;
    ByteSink sink = [&](std::string_view piece) -> Status {
        if (pem.size() + piece.size() > (1u << 20)) {
            return fail(ErrorCode::InvalidInput, N_("The device key file on the tablet is too large to be a key."));
        }
        pem.append(piece);
        return {};
    };
    SANAQ_TRY(initiator_.get_object((*key)->handle, sink));
    return pem;
}

Status MtpTabletStorage::read_file(const TabletFile& file, const ByteSink& sink) {
    auto ref = parse_object_ref(file.handle);
    if (!ref) return fail(ErrorCode::Unexpected, "not an MTP object reference", {}, file.handle);
    SANAQ_TRY(ensure_session());
    return initiator_.get_object(ref->second, sink, progress_);
}

Status MtpTabletStorage::write_receipt(const std::string& name, std::string_view bytes) {
    auto folder = find_path(kReceiptsFolder, true);
    SANAQ_TRY(folder);
    const Location receipts = **folder;
    // Replace: delete an older receipt of the same name first (MTP has no overwrite).
    auto existing = find_child(receipts, name);
    SANAQ_TRY(existing);
    if (*existing) {
        SANAQ_TRY(initiator_.delete_object((*existing)->handle));
    }
    ObjectInfo info;
    info.storage_id = receipts.storage;
    info.format = format::Undefined;
    info.compressed_size = static_cast<std::uint32_t>(bytes.size());
    info.parent = receipts.handle;
    info.filename = name;
    auto handle = initiator_.send_object_info(receipts.storage, receipts.handle, info);
    SANAQ_TRY(handle);
    return initiator_.send_object(bytes);
}

}  // namespace sanaq::mtp
