#pragma once
// The repositories over one connection, handed out as the core's StoreSession. They run
// whatever transaction the caller opened (Workspace::write/read, or a test's own BEGIN).
#include <memory>

#include "core/ports/store.h"
#include "db/crypto.h"
#include "db/sqlite/database.h"

namespace sanaq::db {

enum class DepartmentSettings;  // repositories.h

class SqlStoreSession final : public StoreSession {
public:
    /// Without a master key the audit chain is sealed and checked plain (tests, benches, migrations'
    /// raw sessions); the workspace's connections pass theirs so the chain is keyed.
    explicit SqlStoreSession(Database& db);
    SqlStoreSession(Database& db, const SecretKey& master);
    ~SqlStoreSession() override;
    /// Per-role keys: where the department's settings are (repositories.h, DepartmentSettings),
    /// and with them the department's summaries (repositories.h, DepartmentSummaries).
    void route_department_settings(DepartmentSettings where);

    UserRepository& users() override;
    AuditTrail& audit() override;
    InstitutionRepository& institutions() override;
    StaffRepository& staff() override;
    KitRepository& kits() override;
    CustodyRepository& custody() override;
    ActRepository& acts() override;
    PaperStockRepository& paper() override;
    SettingsRepository& settings() override;
    DeviceKeyRepository& device_keys() override;
    PackageRepository& packages() override;
    CensusRecordRepository& census() override;
    ListRepository& lists() override;
    ReconciliationRepository& reconciliation() override;
    ReviewRepository& reviews() override;
    OutboxRepository& outbox() override;

private:
    struct Repositories;
    std::unique_ptr<Repositories> repos_;
};

}  // namespace sanaq::db
