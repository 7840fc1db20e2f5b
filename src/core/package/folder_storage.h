#pragma once
// A tablet's shared storage reached as a folder: a copy taken where libusb cannot open the tablet
// (Windows without WinUSB), or what `sanaq-tablet-sim make-packages` lays out. Same verification and
// idempotence as a USB pull, because the pull session only sees TabletStorage.
#include <filesystem>
#include <string>

#include "core/ports/tablet.h"

namespace sanaq::package {

class FolderTabletStorage final : public TabletStorage {
public:
    explicit FolderTabletStorage(std::filesystem::path root);
    std::string describe() const override;
    std::string usb_serial() const override { return {}; }
    Result<std::vector<TabletFile>> list_outbox() override;
    Result<std::string> read_device_key() override;
    Status read_file(const TabletFile& file, const ByteSink& sink) override;   // 1 MiB pieces
    Status read_prefix(const TabletFile& file, std::uint64_t max_bytes, const ByteSink& sink) override;  // stops there
    Status write_receipt(const std::string& name, std::string_view bytes) override;  // atomic

private:
    std::filesystem::path root_;
};

}  // namespace sanaq::package
