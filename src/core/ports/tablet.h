#pragma once
// What a pull needs from a tablet, however it is reached: MTP over USB (devices/), a folder
// holding a copy of its shared storage (`pull --from-dir`), or the in-process simulator of the
// demo. Paths are relative to the tablet's shared storage root, '/'-separated
// ("Documents/Sanaq/outbox/<uuid>.sqpkg"); src/core/package/README.md fixes the layout.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq {

struct TabletFile {
    std::string name;          // file name within its folder, e.g. "<uuid>.sqpkg"
    std::uint64_t size = 0;    // bytes, as the tablet reports it
    std::string handle;        // opaque to the core: the storage's own reference to the file
};

/// Receives a file's bytes in order, in pieces of any size. Returning an error stops the read
/// (that error comes back from read_file): this is how a pull is cancelled.
using ByteSink = std::function<Status(std::string_view piece)>;

class TabletStorage {
public:
    virtual ~TabletStorage() = default;
    /// Human description for messages and the audit: "tablet R52N80ABCDE (USB 1-4)", a folder path.
    virtual std::string describe() const = 0;
    /// The USB iSerialNumber string, empty when not reached over USB.
    virtual std::string usb_serial() const = 0;
    /// Package files in the outbox ("Documents/Sanaq/outbox", files ending ".sqpkg"), by name.
    /// An absent outbox is an empty list.
    virtual Result<std::vector<TabletFile>> list_outbox() = 0;
    /// The device's public key file ("Documents/Sanaq/device-key.pem"); NotFound when absent.
    virtual Result<std::string> read_device_key() = 0;
    /// Streams a file. Errors: DeviceUnavailable (unplugged, timed out), Io, or the sink's own.
    virtual Status read_file(const TabletFile& file, const ByteSink& sink) = 0;
    /// Streams at most the first `max_bytes` of a file (a package over the size budget, the kept
    /// prefix of a quarantined one). This default reads the whole file and drops the rest, which
    /// keeps an MTP session in step (an aborted GetObject with megabytes to go costs the
    /// connection); a storage that can stop early (a folder) overrides it.
    virtual Status read_prefix(const TabletFile& file, std::uint64_t max_bytes, const ByteSink& sink) {
        std::uint64_t seen = 0;
        return read_file(file, [&](std::string_view piece) -> Status {
            if (seen >= max_bytes) return {};
            const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(piece.size(), max_bytes - seen));
            seen += take;
            return sink(piece.substr(0, take));
        });
    }
    /// Writes (replaces) "Documents/Sanaq/receipts/<name>", creating the folder if needed.
    virtual Status write_receipt(const std::string& name, std::string_view bytes) = 0;
};

}  // namespace sanaq
