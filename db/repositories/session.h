#pragma once
// The repositories over one connection, handed out as the core's StoreSession. They run
// whatever transaction the caller opened (Workspace::write/read, or a test's own BEGIN).
#include <memory>

#include "core/ports/store.h"
#include "db/crypto.h"
#include "db/member_signatures.h"
#include "db/sqlite/database.h"

namespace sanaq::db {

enum class DepartmentSettings;  // repositories.h

class SqlStoreSession final : public StoreSession {
public:
    /// Without a master key the audit chain is sealed and checked plain (tests, benches, migrations'
    /// raw sessions); the workspace's connections pass theirs so the chain is keyed.
    explicit SqlStoreSession(Database& db);
    /// `derived_chain_key`: `master` is the audit chain key itself (SqlAuditTrail::use_chain_key).
    SqlStoreSession(Database& db, const SecretKey& master, bool derived_chain_key = false);
    ~SqlStoreSession() override;
    /// Per-role keys: where the department's settings are (repositories.h, DepartmentSettings),
    /// and with them the department's summaries (repositories.h, DepartmentSummaries).
    void route_department_settings(DepartmentSettings where);
    /// Per-role keys: audit entries and the signed rows of common are signed as the signed-in
    /// member and checked against the roster (README.md "Signed rows in common").
    void use_signatures(std::shared_ptr<const MemberSignatures> signatures);
    /// A new per-role workspace: signs the (empty) signed tables' heads, inside a transaction.
    Status sign_heads();
    /// The split of a single-key workspace, inside its transaction: every row of the signed
    /// tables signed as the splitting member, and the department's summaries computed from
    /// census (both attached).
    Status sign_every_row();
    Status compute_department_summaries();
    /// A member's role changed: the rows they signed in their previous role are signed again by
    /// the signed-in administrator (RowSignatures::sign_again_rows_of).
    Status sign_again_rows_of(std::string_view slot, Role previous);

    UserRepository& users() override;
    AuditTrail& audit() override;
    InstitutionRepository& institutions() override;
    StaffRepository& staff() override;
    KitRepository& kits() override;
    CustodyRepository& custody() override;
    ActRepository& acts() override;
    PaperStockRepository& paper() override;
    SettingsRepository& settings() override;
    TerritoryRepository& territories() override;
    DeviceKeyRepository& device_keys() override;
    PackageRepository& packages() override;
    CensusRecordRepository& census() override;
    ListRepository& lists() override;
    ChannelRepository& channels() override;
    ReconciliationRepository& reconciliation() override;
    ReviewRepository& reviews() override;
    OutboxRepository& outbox() override;
    ListRegisterRepository& list_register() override;

private:
    struct Repositories;
    std::unique_ptr<Repositories> repos_;
};

}  // namespace sanaq::db
