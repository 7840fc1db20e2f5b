#include "upstream/server/receiver_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <unordered_set>

#include "core/io/atomic_file.h"

namespace sanaq::upstream::receiver {
namespace {

namespace fs = std::filesystem;

std::unexpected<Error> io_error(const fs::path& path, std::string detail) {
    return fail(ErrorCode::Io, N_("The receiver's store cannot use {}."), {path.string()}, std::move(detail));
}

// A new folder entry is durable once its parent is synced.
Status sync_dir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return io_error(dir, std::strerror(errno));
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) return io_error(dir, std::strerror(saved));
    return {};
}

Result<std::string> read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return io_error(path, "cannot open");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return io_error(path, "cannot read");
    return text;
}

bool committed(const fs::path& folder) {
    std::error_code ec;
    return fs::is_regular_file(folder / kReceiptFile, ec);
}

std::string records_index(const std::vector<BatchLine>& records) {
    std::string out;
    out.reserve(records.size() * 56);
    for (const auto& r : records) {
        out += r.household ? "household\t" : "person\t";
        out += r.uuid;
        out += '\t';
        out += std::to_string(r.revision);
        out += '\n';
    }
    return out;
}

}  // namespace

fs::path batches_dir(const fs::path& store) { return store / "batches"; }
fs::path batch_dir(const fs::path& store, std::string_view batch_uuid) {
    return batches_dir(store) / std::string(batch_uuid);
}

ReceiverStore::ReceiverStore(fs::path dir, int lock_fd) : dir_(std::move(dir)), lock_fd_(lock_fd) {}

ReceiverStore::~ReceiverStore() {
    if (lock_fd_ >= 0) ::close(lock_fd_);   // releases the flock
}

Result<std::unique_ptr<ReceiverStore>> ReceiverStore::open(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(batches_dir(dir), ec);
    if (ec) return io_error(batches_dir(dir), ec.message());

    fs::path lock_path = dir / ".lock";
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return io_error(lock_path, std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return fail(ErrorCode::WorkspaceLocked, N_("Another receiver is serving the store {}."), {dir.string()});
    }
    std::unique_ptr<ReceiverStore> store(new ReceiverStore(dir, fd));

    for (const auto& entry : fs::directory_iterator(batches_dir(dir), ec)) {
        std::error_code type_ec;
        if (!entry.is_directory(type_ec)) continue;
        if (!committed(entry.path())) {
            // A crash before the receipt was written: the client never got a 201 for it.
            fs::remove_all(entry.path(), ec);
            if (ec) return io_error(entry.path(), ec.message());
            continue;
        }
        auto text = read_whole(entry.path() / kReceiptFile);
        SANAQ_TRY(text);
        auto receipt = parse_receipt(*text);
        std::string uuid = entry.path().filename().string();
        if (!receipt || receipt->batch_uuid != uuid)
            return fail(ErrorCode::WorkspaceDamaged, N_("The receipt in {} cannot be read."),
                        {entry.path().string()});
        store->held_.emplace(uuid, HeldBatch{receipt->digest, std::move(*text)});
    }
    if (ec) return io_error(batches_dir(dir), ec.message());
    SANAQ_TRY(sync_dir(batches_dir(dir)));
    return store;
}

std::optional<HeldBatch> ReceiverStore::find(const std::string& batch_uuid) const {
    std::lock_guard lock(mutex_);
    auto it = held_.find(batch_uuid);
    if (it == held_.end()) return std::nullopt;
    return it->second;
}

std::size_t ReceiverStore::size() const {
    std::lock_guard lock(mutex_);
    return held_.size();
}

Status ReceiverStore::commit(const std::string& batch_uuid, std::string_view compressed_body,
                             const std::vector<BatchLine>& records, const std::string& receipt_json,
                             const std::string& digest) {
    fs::path folder = batch_dir(dir_, batch_uuid);
    std::error_code ec;
    // A folder without a receipt is a failed earlier attempt: its files are simply replaced.
    fs::create_directory(folder, ec);
    if (ec) return io_error(folder, ec.message());
    SANAQ_TRY(sync_dir(batches_dir(dir_)));
    SANAQ_TRY(io::write_file_atomically(folder / kBodyFile, compressed_body));
    SANAQ_TRY(io::write_file_atomically(folder / kRecordsFile, records_index(records)));
    SANAQ_TRY(io::write_file_atomically(folder / kReceiptFile, receipt_json));
    if (auto st = sync_dir(folder); !st) return st;   // the receipt's rename, surely on disk

    std::lock_guard lock(mutex_);
    held_[batch_uuid] = HeldBatch{digest, receipt_json};
    return {};
}

ReceiverStore::BatchLock::BatchLock(ReceiverStore& store, std::string uuid) : store_(store), uuid_(std::move(uuid)) {}

ReceiverStore::BatchLock::~BatchLock() {
    std::lock_guard lock(store_.mutex_);
    auto it = store_.uuid_mutexes_.find(uuid_);
    it->second->mutex.unlock();
    if (--it->second->users == 0) store_.uuid_mutexes_.erase(it);
}

std::unique_ptr<ReceiverStore::BatchLock> ReceiverStore::lock_batch(const std::string& batch_uuid) {
    UuidMutex* m = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto& slot = uuid_mutexes_[batch_uuid];
        if (!slot) slot = std::make_unique<UuidMutex>();
        ++slot->users;   // keeps the entry alive while this caller waits for it
        m = slot.get();
    }
    m->mutex.lock();
    return std::unique_ptr<BatchLock>(new BatchLock(*this, batch_uuid));
}

Result<StoreStats> read_store_stats(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return fail(ErrorCode::NotFound, N_("The folder {} does not exist."), {dir.string()});
    StoreStats stats;
    if (!fs::is_directory(batches_dir(dir), ec)) return stats;   // nothing received yet

    struct PairSeen {
        std::int64_t last_batch = -1;
        int batches = 0;
    };
    std::unordered_set<std::string> uuids;
    std::unordered_map<std::string, PairSeen> pairs;   // "uuid\trevision"
    std::int64_t batch_no = 0;
    for (const auto& entry : fs::directory_iterator(batches_dir(dir), ec)) {
        std::error_code type_ec;
        if (!entry.is_directory(type_ec) || !committed(entry.path())) continue;
        auto text = read_whole(entry.path() / kReceiptFile);
        SANAQ_TRY(text);
        auto receipt = parse_receipt(*text);
        if (!receipt)
            return fail(ErrorCode::WorkspaceDamaged, N_("The receipt in {} cannot be read."),
                        {entry.path().string()});
        ++stats.batches;
        stats.households += receipt->households;
        stats.persons += receipt->persons;

        std::ifstream index(entry.path() / kRecordsFile);
        if (!index) return io_error(entry.path() / kRecordsFile, "cannot open");
        std::string line;
        while (std::getline(index, line)) {
            auto t1 = line.find('\t');
            auto t2 = line.find('\t', t1 + 1);
            if (t1 == std::string::npos || t2 == std::string::npos)
                return fail(ErrorCode::WorkspaceDamaged, N_("The record index in {} cannot be read."),
                            {entry.path().string()});
            uuids.emplace(line.substr(t1 + 1, t2 - t1 - 1));
            auto& seen = pairs[line.substr(t1 + 1)];
            if (seen.last_batch != batch_no) {
                seen.last_batch = batch_no;
                ++seen.batches;
            }
        }
        ++batch_no;
    }
    if (ec) return io_error(batches_dir(dir), ec.message());
    stats.distinct_records = static_cast<std::int64_t>(uuids.size());
    for (const auto& [pair, seen] : pairs)
        if (seen.batches > 1) ++stats.records_received_more_than_once;
    return stats;
}

}  // namespace sanaq::upstream::receiver
