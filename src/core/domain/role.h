#pragma once
// Who may do what. The matrix is written out in src/README.md and enforced here, in the core,
// so a hidden button is never the only guard: every use case calls require().
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sanaq {

enum class Role { Administrator, Officer, Custodian, Supervisor };
inline constexpr Role kAllRoles[] = {Role::Administrator, Role::Officer, Role::Custodian,
                                     Role::Supervisor};

std::string_view role_name(Role role);  // "administrator", ... (stable; used in files and JSON)
std::optional<Role> parse_role(std::string_view name);
const char* role_label(Role role);       // msgid for display

/// Every operation that exists. Adding one means adding a row to the matrix, to src/README.md,
/// and to the role × operation test.
enum class Operation {
    ManageUsers,           // add, remove, change role, reset another user's password (key slots)
    ChangeOwnPassword,
    ManageSettings,        // census round, department details, idle lock
    LoadDemoData,
    ViewAudit,
    VerifyAudit,
    ExportAudit,
    ViewInstitutions,
    EditInstitutions,
    ViewStaff,             // names, positions, phones of responsible employees
    ViewStaffIin,          // their full IIN (personal data); others see it masked
    EditStaff,
    ViewKits,
    RegisterKits,          // register, bulk import, edit components
    IssueKits,
    ReturnKits,
    ServiceKits,           // under repair, back from repair, write off
    ManagePaperStock,
    ViewActs,              // list, reprint
    ExportReports,         // outstanding report to a file
    ViewCensusData,        // pulled census records: never custodians
    ViewDevices,           // connected tablets, their kits and holders, pull history
    EnrollDeviceKeys,      // enrol a tablet's device key against its kit; export the department key
    PullData,              // pull packages from tablets or folders
    ManageQuarantine,      // list, retry and dismiss quarantined packages
    OverrideReturnGate,    // check in a kit whose last pull left packages behind
    ImportLists,           // import institutions' lists of respondents, save column mappings
    Reconcile,             // run coverage reconciliation
    ViewCoverage,          // coverage figures per institution/district/region (no personal data)
    DecideReview,          // decide (or confirm) review items: match / not a match / duplicate
    ExportRecords,         // export census records or coverage people to a file (audited)
    ViewUpstream,          // the outbox: batches, their state, the last success (no personal data)
    ForwardUpstream,       // form batches and send them; retry now; discard a held batch
    ReleaseBatches,        // four-eyes: release formed batches before they go
    ConfigureUpstream,     // server URL, pinned CA, client certificate, receipt key, proxy
    BackupWorkspace,       // back the workspace up into one encrypted file; restore one into a new folder
};
inline constexpr Operation kAllOperations[] = {
    Operation::ManageUsers,    Operation::ChangeOwnPassword, Operation::ManageSettings,
    Operation::LoadDemoData,   Operation::ViewAudit,         Operation::VerifyAudit,
    Operation::ExportAudit,    Operation::ViewInstitutions,  Operation::EditInstitutions,
    Operation::ViewStaff,      Operation::ViewStaffIin,      Operation::EditStaff,
    Operation::ViewKits,       Operation::RegisterKits,      Operation::IssueKits,
    Operation::ReturnKits,     Operation::ServiceKits,       Operation::ManagePaperStock,
    Operation::ViewActs,       Operation::ExportReports,     Operation::ViewCensusData,
    Operation::ViewDevices,    Operation::EnrollDeviceKeys,  Operation::PullData,
    Operation::ManageQuarantine, Operation::OverrideReturnGate, Operation::ImportLists,
    Operation::Reconcile,      Operation::ViewCoverage,      Operation::DecideReview,
    Operation::ExportRecords,  Operation::ViewUpstream,      Operation::ForwardUpstream,
    Operation::ReleaseBatches, Operation::ConfigureUpstream, Operation::BackupWorkspace,
};

std::string_view operation_name(Operation op);  // "manage_users", ...
bool permits(Role role, Operation op);

/// The signed-in user on whose behalf a use case runs.
struct Actor {
    std::string user;
    Role role = Role::Officer;
};

/// PermissionDenied naming the role and the operation, or success.
Status require(const Actor& actor, Operation op);

}  // namespace sanaq
