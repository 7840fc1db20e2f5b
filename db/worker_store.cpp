#include "db/worker_store.h"

#include <mutex>

#include "db/errors.h"
#include "db/migrations/migrations.h"
#include "db/repositories/repositories.h"
#include "db/repositories/session.h"
#include "db/sqlite/database.h"

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

void rollback_quietly(Database& db) {
    try {
        if (db.in_transaction()) db.exec("ROLLBACK;");
    } catch (const DbFailure&) {
    }
}

/// The transaction rules of Workspace::write/read (workspace.cpp), over the worker's connection.
class WorkerStore final : public sanaq::Store {
  public:
    WorkerStore(std::unique_ptr<Database> db, const SecretKey& audit_key,
                DepartmentSettings department, std::shared_ptr<const void> keep_alive,
                std::shared_ptr<const MemberSignatures> signatures)
        : db_(std::move(db)), session_(*db_, audit_key), keep_alive_(std::move(keep_alive)) {
        session_.route_department_settings(department);
        if (signatures) session_.use_signatures(std::move(signatures));
    }

    ~WorkerStore() override { std::lock_guard wait_for_running_work(mutex_); }

    Status write(const StoreWork& work) override {
        std::lock_guard guard(mutex_);
        if (in_transaction_) return std::unexpected(nested_transaction());
        Flag flag(in_transaction_);
        try {
            // Waits up to the busy timeout while the workspace's own connection is writing.
            db_->exec("BEGIN IMMEDIATE;");
        } catch (const DbFailure& failure) {
            return std::unexpected(failure.error());
        }
        Status result = run(work);
        db_->reset_cached();
        if (!result) {
            rollback_quietly(*db_);
            return result;
        }
        try {
            db_->exec("COMMIT;");
        } catch (const DbFailure& failure) {
            rollback_quietly(*db_);
            return std::unexpected(failure.error());
        }
        return {};
    }

    Status read(const StoreWork& work) override {
        std::lock_guard guard(mutex_);
        if (in_transaction_) return std::unexpected(nested_transaction());
        Flag flag(in_transaction_);
        try {
            db_->exec("BEGIN DEFERRED; PRAGMA query_only = ON;");
        } catch (const DbFailure& failure) {
            rollback_quietly(*db_);
            return std::unexpected(failure.error());
        }
        Status result = run(work);
        db_->reset_cached();
        try {
            db_->exec("PRAGMA query_only = OFF;");
            if (result)
                db_->exec("COMMIT;");
            else
                rollback_quietly(*db_);
        } catch (const DbFailure& failure) {
            rollback_quietly(*db_);
            if (result) return std::unexpected(failure.error());
        }
        return result;
    }

  private:
    struct Flag {
        bool& flag;
        explicit Flag(bool& f) : flag(f) { flag = true; }
        ~Flag() { flag = false; }
    };

    Status run(const StoreWork& work) {
        try {
            return work(session_);
        } catch (const DbFailure& failure) {
            return std::unexpected(failure.error());
        } catch (const std::exception& ex) {
            return std::unexpected(unexpected_error(ex.what()));
        } catch (...) {
            return std::unexpected(unexpected_error("unknown exception"));
        }
    }

    std::unique_ptr<Database> db_;
    SqlStoreSession session_;
    std::shared_ptr<const void> keep_alive_;
    std::mutex mutex_;
    bool in_transaction_ = false;
};

}  // namespace

Result<std::unique_ptr<sanaq::Store>> open_worker_connection(const WorkerConnection& c) {
    const auto& file = c.file;
    auto db = Database::open(file, c.key, Database::Mode::OpenExisting, c.cipher);
    if (!db) return std::unexpected(db.error());
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
    return std::unique_ptr<sanaq::Store>(new WorkerStore(std::move(*db),
                                                         c.audit_key ? *c.audit_key : *c.key,
                                                         c.department, c.keep_alive, c.signatures));
}

}  // namespace sanaq::db
