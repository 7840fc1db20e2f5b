#pragma once
// The receiver's durable store (src/upstream/README.md, "The reference receiver"): one folder per
// accepted batch holding the compressed body as received, an index of its records and the
// receipt. Each file is written to a temporary name, synced and renamed; the receipt is written
// last, so its presence marks the batch committed. The batch UUID -> (digest, receipt) map is
// rebuilt from the receipts on start and kept forever (the idempotency key of the protocol).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/receipt.h"

namespace sanaq::upstream::receiver {

struct HeldBatch {
    std::string digest;
    std::string receipt_json;   // the exact bytes answered with 201, repeated with every 200
};

struct StoreStats {
    std::int64_t batches = 0;
    std::int64_t households = 0;   // record lines of each type over all held batches
    std::int64_t persons = 0;
    std::int64_t distinct_records = 0;                  // distinct record UUIDs
    std::int64_t records_received_more_than_once = 0;   // (uuid, revision) pairs in > 1 batch
};

class ReceiverStore {
public:
    /// Creates the folder if needed, takes an exclusive lock on it (one receiver per store),
    /// clears batch folders left without a receipt by a crash, and loads the receipts.
    static Result<std::unique_ptr<ReceiverStore>> open(const std::filesystem::path& dir);
    ~ReceiverStore();

    const std::filesystem::path& dir() const { return dir_; }
    std::optional<HeldBatch> find(const std::string& batch_uuid) const;
    std::size_t size() const;

    /// Writes the batch durably, receipt last; the batch is held once this returns.
    Status commit(const std::string& batch_uuid, std::string_view compressed_body,
                  const std::vector<BatchLine>& records, const std::string& receipt_json,
                  const std::string& digest);

    /// Serialises the work on one batch UUID (look-up, then commit) across connections.
    class BatchLock {
    public:
        BatchLock(BatchLock&&) = delete;
        ~BatchLock();

    private:
        friend class ReceiverStore;
        BatchLock(ReceiverStore& store, std::string uuid);
        ReceiverStore& store_;
        std::string uuid_;
    };
    [[nodiscard]] std::unique_ptr<BatchLock> lock_batch(const std::string& batch_uuid);

private:
    ReceiverStore(std::filesystem::path dir, int lock_fd);
    struct UuidMutex {
        std::mutex mutex;
        int users = 0;
    };

    std::filesystem::path dir_;
    int lock_fd_ = -1;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, HeldBatch> held_;
    std::map<std::string, std::unique_ptr<UuidMutex>> uuid_mutexes_;
};

/// Reads the statistics of a store folder (also while a receiver serves it: only committed
/// batches count).
Result<StoreStats> read_store_stats(const std::filesystem::path& dir);

/// Where things live in a store folder.
std::filesystem::path batches_dir(const std::filesystem::path& store);
std::filesystem::path batch_dir(const std::filesystem::path& store, std::string_view batch_uuid);
inline constexpr std::string_view kBodyFile = "body.gz";
inline constexpr std::string_view kRecordsFile = "records.tsv";
inline constexpr std::string_view kReceiptFile = "receipt.json";

}  // namespace sanaq::upstream::receiver
