#include "db/worker_store.h"

#include <mutex>

#include "db/errors.h"
#include "db/migrations/migrations.h"
#include "db/repositories/repositories.h"
#include "db/repositories/session.h"
#include "db/sqlite/database.h"
#include "db/transaction.h"

namespace sanaq::db {
namespace {

Error unexpected_error(const char* what) {
    return Error::make(ErrorCode::Unexpected,
                       N_("An unexpected error stopped the work; nothing of it was saved."), {},
                       what);
}

Error nested_transaction() {
    return unexpected_error(
        "Store::write/read called inside another Store::write/read (worker connection)");
}

/// Workspace::write/read's transactions (db/transaction.h), over the worker's connection.
class WorkerStore final : public sanaq::Store {
  public:
    WorkerStore(std::unique_ptr<Database> db, const SecretKey& audit_key, bool chain_key,
                DepartmentSettings department, std::string actor,
                std::shared_ptr<const void> keep_alive, std::shared_ptr<const MemberSignatures> signatures)
        : db_(std::move(db)), session_(*db_, audit_key, chain_key), actor_(std::move(actor)),
          keep_alive_(std::move(keep_alive)) {
        session_.route_department_settings(department);
        if (signatures) session_.use_signatures(std::move(signatures));
    }

    ~WorkerStore() override { std::lock_guard wait_for_running_work(mutex_); }

    /// What a crash between two files' commits left (README.md "Transactions"), before the
    /// worker's first transaction.
    Status recover() {
        std::lock_guard guard(mutex_);
        return recover_incomplete_commits(*db_, session_, actor_);
    }

    Status write(const StoreWork& work) override {
        std::lock_guard guard(mutex_);
        if (in_transaction_) return std::unexpected(nested_transaction());
        Flag flag(in_transaction_);
        // BEGIN IMMEDIATE waits up to the busy timeout while the workspace's own connection writes.
        return run_write(*db_, session_, actor_, work);
    }

    Status read(const StoreWork& work) override {
        std::lock_guard guard(mutex_);
        if (in_transaction_) return std::unexpected(nested_transaction());
        Flag flag(in_transaction_);
        return run_read(*db_, session_, work);
    }

  private:
    struct Flag {
        bool& flag;
        explicit Flag(bool& f) : flag(f) { flag = true; }
        ~Flag() { flag = false; }
    };

    std::unique_ptr<Database> db_;
    SqlStoreSession session_;
    std::string actor_;
    std::shared_ptr<const void> keep_alive_;
    std::mutex mutex_;
    bool in_transaction_ = false;
};

}  // namespace

Result<std::unique_ptr<sanaq::Store>> open_worker_connection(const WorkerConnection& c) {
    const auto& file = c.file;
    auto db = Database::open(file, c.key, Database::Mode::OpenExisting, c.cipher);
    SANAQ_TRY(db);
    for (const auto& part : c.parts)
        if (auto ok =
                (*db)->attach(part.schema, part.file, *part.key, Database::Mode::OpenExisting);
            !ok)
            return std::unexpected(ok.error());
    try {
        // The workspace's connection migrated the file when it opened; a worker never migrates.
        if (schema_version(**db) != latest_schema_version())
            return std::unexpected(
                damaged_file_error(file, "worker connection: schema version differs"));
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    auto store = std::make_unique<WorkerStore>(std::move(*db), c.audit_key ? *c.audit_key : *c.key,
                                               c.audit_key && c.audit_key_is_chain_key,
                                               c.department, c.actor, c.keep_alive, c.signatures);
    SANAQ_TRY(store->recover());
    return std::unique_ptr<sanaq::Store>(std::move(store));
}

}  // namespace sanaq::db
