#pragma once
// TabletStorage over MTP: finds Documents/Sanaq/... by object names on the tablet's storages,
// streams packages out, writes receipts back. Owns the transport it talks through.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/ports/tablet.h"
#include "mtp/initiator.h"
#include "mtp/transport.h"

namespace sanaq::mtp {

inline constexpr const char* kSanaqFolder = "Documents/Sanaq";
inline constexpr const char* kOutboxFolder = "Documents/Sanaq/outbox";
inline constexpr const char* kReceiptsFolder = "Documents/Sanaq/receipts";
inline constexpr const char* kDeviceKeyFile = "Documents/Sanaq/device-key.pem";
inline constexpr const char* kPackageSuffix = ".sqpkg";

class MtpTabletStorage : public TabletStorage {
public:
    /// `description` is what describe() says ("tablet R52N80ABCDE (USB 1-4)").
    MtpTabletStorage(std::unique_ptr<BulkTransport> transport, std::string usb_serial, std::string description,
                     InitiatorOptions options = {});
    ~MtpTabletStorage() override;  // closes the session if the tablet is still there

    std::string describe() const override { return description_; }
    std::string usb_serial() const override { return serial_; }
    Result<std::vector<TabletFile>> list_outbox() override;
    Result<std::string> read_device_key() override;
    Status read_file(const TabletFile& file, const ByteSink& sink) override;
    Status write_receipt(const std::string& name, std::string_view bytes) override;

    /// Called with (bytes so far, object size) while read_file() runs; optional.
    void set_progress(TransferProgress progress) { progress_ = std::move(progress); }
    /// The tablet's DeviceInfo (manufacturer, model, MTP serial), read when the session opens.
    Result<DeviceInfo> device_info();
    MtpInitiator& initiator() { return initiator_; }

private:
    struct Location {
        std::uint32_t storage = 0;
        std::uint32_t handle = 0;  // kRootParent for a storage root
    };
    Status ensure_session();
    Result<std::optional<Location>> find_child(const Location& parent, std::string_view name);
    Result<std::optional<Location>> find_path(std::string_view path, bool create_folders);
    Result<std::optional<Location>> find_sanaq_storage_root();

    std::unique_ptr<BulkTransport> transport_;
    MtpInitiator initiator_;
    std::string serial_;
    std::string description_;
    std::optional<DeviceInfo> device_info_;
    std::optional<Location> root_;                   // the storage root that holds Documents/Sanaq
    std::map<std::string, Location> folders_;        // path -> folder, cached per session
    TransferProgress progress_;
};

/// TabletFile::handle of an MTP object: "<storage id hex>/<object handle hex>".
std::string format_object_ref(std::uint32_t storage, std::uint32_t handle);
std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_object_ref(std::string_view ref);

}  // namespace sanaq::mtp
