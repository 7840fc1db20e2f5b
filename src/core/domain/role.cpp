#include "core/domain/role.h"

#include <array>

namespace sanaq {
namespace {

// Columns: Administrator, Officer, Custodian, Supervisor.
struct Row {
    Operation op;
    std::string_view name;
    std::array<bool, 4> allowed;
};
constexpr Row kMatrix[] = {
    {Operation::ManageUsers, "manage_users", {true, false, false, false}},
    {Operation::ChangeOwnPassword, "change_own_password", {true, true, true, true}},
    {Operation::ManageSettings, "manage_settings", {true, false, false, false}},
    {Operation::LoadDemoData, "load_demo_data", {true, false, false, false}},
    {Operation::ViewAudit, "view_audit", {true, false, false, true}},
    {Operation::VerifyAudit, "verify_audit", {true, false, false, true}},
    {Operation::ExportAudit, "export_audit", {true, false, false, true}},
    {Operation::ViewInstitutions, "view_institutions", {true, true, true, true}},
    {Operation::EditInstitutions, "edit_institutions", {true, true, false, false}},
    {Operation::ViewStaff, "view_staff", {true, true, true, true}},
    {Operation::ViewStaffIin, "view_staff_iin", {true, true, false, true}},
    {Operation::EditStaff, "edit_staff", {true, true, false, false}},
    {Operation::ViewKits, "view_kits", {true, true, true, true}},
    {Operation::RegisterKits, "register_kits", {false, true, true, false}},
    {Operation::IssueKits, "issue_kits", {false, true, false, false}},
    {Operation::ReturnKits, "return_kits", {false, true, true, false}},
    {Operation::ServiceKits, "service_kits", {false, true, true, false}},
    {Operation::ManagePaperStock, "manage_paper_stock", {false, true, true, false}},
    {Operation::ViewActs, "view_acts", {true, true, true, true}},
    {Operation::ExportReports, "export_reports", {true, true, true, true}},
    {Operation::ViewCensusData, "view_census_data", {false, true, false, true}},
    {Operation::ViewDevices, "view_devices", {true, true, true, true}},
    {Operation::EnrollDeviceKeys, "enroll_device_keys", {true, true, false, false}},
    {Operation::PullData, "pull_data", {false, true, false, false}},
    {Operation::ManageQuarantine, "manage_quarantine", {false, true, false, true}},
    {Operation::OverrideReturnGate, "override_return_gate", {false, false, false, true}},
    {Operation::ImportLists, "import_lists", {false, true, false, true}},
    {Operation::Reconcile, "reconcile", {false, true, false, true}},
    {Operation::ViewCoverage, "view_coverage", {true, true, false, true}},
    {Operation::DecideReview, "decide_review", {false, false, false, true}},
    {Operation::ExportRecords, "export_records", {false, true, false, true}},
    {Operation::ViewUpstream, "view_upstream", {true, true, false, true}},
    {Operation::ForwardUpstream, "forward_upstream", {false, true, false, true}},
    {Operation::ReleaseBatches, "release_batches", {false, false, false, true}},
    {Operation::ConfigureUpstream, "configure_upstream", {true, false, false, false}},
    // Administrators only: a backup carries the key slots as they were (a user removed later still
    // opens an older copy with the old password), so making and restoring copies is key management.
    {Operation::BackupWorkspace, "backup_workspace", {true, false, false, false}},
};

std::size_t column(Role role) { return static_cast<std::size_t>(role); }

const Row* find_row(Operation op) {
    for (const auto& row : kMatrix)
        if (row.op == op) return &row;
    return nullptr;
}

}  // namespace

std::string_view role_name(Role role) {
    switch (role) {
        case Role::Administrator: return "administrator";
        case Role::Officer: return "officer";
        case Role::Custodian: return "custodian";
        case Role::Supervisor: return "supervisor";
    }
    return "officer";
}

const char* role_label(Role role) {
    switch (role) {
        case Role::Administrator: return N_("Administrator");
        case Role::Officer: return N_("Department officer");
        case Role::Custodian: return N_("Equipment custodian");
        case Role::Supervisor: return N_("Supervisor");
    }
    return "";
}

std::optional<Role> parse_role(std::string_view name) {
    for (Role r : kAllRoles)
        if (role_name(r) == name) return r;
    return std::nullopt;
}

std::string_view operation_name(Operation op) {
    const Row* row = find_row(op);
    return row ? row->name : "unknown";
}

bool permits(Role role, Operation op) {
    const Row* row = find_row(op);
    return row && row->allowed[column(role)];
}

Status require(const Actor& actor, Operation op) {
    if (permits(actor.role, op)) return {};
    // The operation's code goes into the (untranslated) detail: it helps whoever reads a log.
    return fail(ErrorCode::PermissionDenied, N_("User {} ({}) may not do this."),
                {actor.user, label_arg(role_label(actor.role))}, std::string(operation_name(op)));
}

}  // namespace sanaq
